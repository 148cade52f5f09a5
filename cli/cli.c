/*
** cli.c: argument parsing for medel. Every command is a call into
** commands.h (the command drivers beside this file); from the engine it
** takes only medel_version (medel.h) and, from output.h, the stream that
** escapes control and invisible characters in what goes to a terminal.
**
** One parser serves every command: each command is a row of COMMANDS with
** its operands and a table of options, so an unknown option, a missing
** value, an option given twice or a stray argument gets the same message in
** every command, and `medel CMD --help` is made from the same table.
*/
#include "cli.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "commands.h"
#include "i18n.h"
#include "medel.h"
#include "output.h"

static const char USAGE[] =
    "usage: medel validate [--dump | --dump-ast] [--scenarios FILE] [--allow-outside-paths] [--trace-parse] [--format json] RULES…\n"
    "       medel check    RULES APPLICATIONS [options]\n"
    "       medel explain  RULES APPLICATIONS --id KEY [options]\n"
    "       medel allocate RULES APPLICATIONS [options]\n"
    "       medel whatif   RULES APPLICATIONS (--scenario NAME… | --all | --set POT=AMOUNT… | --sweep SPEC) [options]\n"
    "       medel mall     RULES [-o FILE] [--format xlsx|csv] [--table ansökningar|anvisningar] [--allow-outside-paths]\n"
    "       medel test     [--coverage] RULES_OR_FOLDER…\n"
    "       medel fmt      [--check] [--english | --swedish] [--stdout] RULES…\n"
    "       medel diff     OLD NEW [--format json]\n"
    "       medel --version | --help | help COMMAND\n"
    "\n"
    "  validate   check rule files and print a summary of their pots\n"
    "  check      which applications are eligible for which pot, and every failed criterion\n"
    "  explain    the whole evaluation of one application, step by step\n"
    "  allocate   the allocation of every pot, exact to the öre\n"
    "  whatif     the baseline and scenarios side by side\n"
    "  mall       an application template from the rule file: a workbook with drop-down lists, or CSV\n"
    "  test       run the tests written next to the rules (NAME.test.medel), with criterion coverage\n"
    "  fmt        rewrite rule files in the canonical layout, keeping comments\n"
    "  diff       what changed between two agreements, in substance (exit 1 when they differ)\n"
    "\n"
    "options:\n"
    "  --format table|csv|json   output format (default table); check and allocate also xlsx\n"
    "  -o, --output FILE         write to FILE (atomically) instead of standard output\n"
    "  --input-format csv|json|jsonl|xlsx   the applications' format (default: by file name and content)\n"
    "  --sheet NAME              read the workbook's sheet NAME (default: its first sheet)\n"
    "  --keep-going              report bad application rows and go on with the rest\n"
    "  --allow-outside-paths     allow data and base files outside the rule file's folder\n"
    "  --table NAME              with --format csv, a sheet of --format xlsx: for allocate beslut (default),\n"
    "                            potter, fokusområden, portfölj, manuell, avvisade or körning; for check\n"
    "                            prövning, avvisade or körning\n"
    "whatif:\n"
    "  --scenario NAME           compare this scenario (repeatable); --all compares every one\n"
    "  --scenarios FILE          read further scenarios from FILE\n"
    "  --set POT=AMOUNT          a scenario of quick changes, e.g. --set kommunerna=20 MSEK (repeatable)\n"
    "  --drop CRITERION          ... which also leaves out a criterion (repeatable)\n"
    "  --sweep \"POT=FROM..TO steg STEP\"   vary one pot's amount, e.g. \"total=30 MSEK..50 MSEK steg 1 MSEK\"\n"
    "  --format html             a self-contained HTML report with charts (also table, csv, json)\n"
    "  --format xlsx             a workbook: amounts side by side, eligibility changes, Om körningen (with -o FILE)\n"
    "  --table belopp|ändringar   with --format csv: the amounts side by side (default) or the eligibility changes\n"
    "\n"
    "  --lang sv|en, --språk sv|en   the language of messages (default: the environment's, else Swedish)\n"
    "\n"
    "medel COMMAND --help (or -h) shows one command's options.\n"
    "\n"
    "exit codes: 0 ok, 1 a test failed or diff found differences, 64 usage, 65 errors in a rule file, 66 file not found, 67 rejected application rows,\n"
    "            68 no application with that key, 70 internal error, 74 write error\n";

/* ---- the option tables ---- */

typedef enum OptKind {
    OPT_FLAG,    /* --keep-going: given or not; given twice is harmless */
    OPT_VALUE,   /* --format json: one value; twice with another value is a usage error */
    OPT_LIST     /* --set …: repeatable, every value kept */
} OptKind;

typedef struct Opt {
    const char *name;     /* "--format" */
    const char *alias;    /* "-o", or NULL */
    OptKind kind;
    const char *arg;      /* the value in the help: "FILE" (NULL: the choices) */
    const char *choices;  /* "table|csv|json": the only values allowed, or NULL */
    const char *what;     /* what a wrong choice is called: "format" */
    const char *needs;    /* what a missing value is: "a file name" (NULL: one of the choices) */
    const char *help;     /* one line for --help */
    int group;            /* flags of one group (> 0) exclude each other */
    bool nonempty;        /* an empty value is refused */
} Opt;

enum { MAX_OPTS = 16 };

/* What the parser found: per option (by index in the command's table) its
** value or, for a flag, its spelling as given; the values of a list, and
** the operands. Every pointer points into argv. */
typedef struct Parsed {
    const char *value[MAX_OPTS];
    const char **list[MAX_OPTS];   /* malloc'd, freed by parsed_free */
    size_t n_list[MAX_OPTS];
    char **args;                   /* malloc'd, freed by parsed_free */
    int n_args;
    char **argv;                   /* the words parsed, as given (for the record of a run) */
    int argc;
} Parsed;

typedef struct Command Command;

struct Command {
    const char *name;
    const char *synopsis;   /* after "medel NAME " */
    const char *summary;    /* one line */
    const char *operands;   /* what the operands are: "one rule file and one application file" */
    int min_args, max_args; /* max_args -1: any number */
    const Opt *opts;        /* ended by a row with name NULL */
    int (*run)(const Command *c, const Parsed *p, FILE *out, FILE *err);
};

#define OPT_FORMAT(choices) {"--format", NULL, OPT_VALUE, NULL, choices, "format", NULL, "output format (default table)", 0, false}
#define OPT_OUTPUT {"-o", "--output", OPT_VALUE, "FILE", NULL, NULL, "a file name", \
                    "write to FILE (atomically) instead of standard output", 0, true}
#define OPT_INPUT_FORMAT {"--input-format", NULL, OPT_VALUE, NULL, "csv|json|jsonl|xlsx", "input format", NULL, \
                          "the applications' format (default: by file name and content)", 0, false}
#define OPT_SHEET {"--sheet", NULL, OPT_VALUE, "NAME", NULL, NULL, "a sheet's name", \
                   "read the workbook's sheet NAME (default: its first sheet)", 0, false}
#define OPT_KEEP_GOING {"--keep-going", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, \
                        "report bad application rows and go on with the rest", 0, false}
#define OPT_OUTSIDE {"--allow-outside-paths", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, \
                     "allow data and base files outside the rule file's folder", 0, false}
#define OPT_END {NULL, NULL, OPT_FLAG, NULL, NULL, NULL, NULL, NULL, 0, false}

/* The same indices in every run command's table (check, explain, allocate, whatif). */
enum { R_FORMAT, R_OUTPUT, R_INPUT_FORMAT, R_SHEET, R_KEEP_GOING, R_OUTSIDE, R_ID, R_SCENARIO, R_SCENARIOS, R_ALL, R_SET, R_DROP,
       R_SWEEP, R_TABLE };

/* An option of another run command's, to keep the indices above. */
#define OPT_HOLE {"--", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, NULL, -1, false}

static const Opt CHECK_OPTS[] = {
    OPT_FORMAT("table|csv|json|xlsx"), OPT_OUTPUT, OPT_INPUT_FORMAT, OPT_SHEET, OPT_KEEP_GOING, OPT_OUTSIDE,
    OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE,
    {"--table", NULL, OPT_VALUE, NULL, "prövning|avvisade|körning", "table", NULL,
     "with --format csv: a sheet of the workbook (default: a line per reason, as before)", 0, false},
    OPT_END};

static const Opt ALLOCATE_OPTS[] = {
    OPT_FORMAT("table|csv|json|xlsx"), OPT_OUTPUT, OPT_INPUT_FORMAT, OPT_SHEET, OPT_KEEP_GOING, OPT_OUTSIDE,
    OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE,
    {"--table", NULL, OPT_VALUE, NULL, "beslut|potter|fokusområden|portfölj|manuell|avvisade|körning", "table", NULL,
     "with --format csv: which table, one per sheet of the workbook (default beslut)", 0, false},
    OPT_END};

static const Opt EXPLAIN_OPTS[] = {
    OPT_FORMAT("table|json"), OPT_OUTPUT, OPT_INPUT_FORMAT, OPT_SHEET, OPT_KEEP_GOING, OPT_OUTSIDE,
    {"--id", NULL, OPT_VALUE, "KEY", NULL, NULL, "an application key", "the key of the application to explain (required)", 0, false},
    OPT_END};

static const Opt WHATIF_OPTS[] = {
    {"--format", NULL, OPT_VALUE, NULL, "table|csv|json|html|xlsx", "format", NULL,
     "output format (default table); xlsx: a workbook, for -o FILE", 0, false},
    OPT_OUTPUT, OPT_INPUT_FORMAT, OPT_SHEET, OPT_KEEP_GOING, OPT_OUTSIDE,
    {"--id", NULL, OPT_VALUE, NULL, NULL, NULL, NULL, NULL, -1, false},   /* not whatif's: a hole, to keep the indices */
    {"--scenario", NULL, OPT_LIST, "NAME", NULL, NULL, "a scenario's name", "compare this scenario (repeatable)", 0, false},
    {"--scenarios", NULL, OPT_VALUE, "FILE", NULL, NULL, "a file", "read further scenarios from FILE", 0, false},
    {"--all", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, "compare every scenario", 0, false},
    {"--set", NULL, OPT_LIST, "POT=AMOUNT", NULL, NULL, "POT=AMOUNT, e.g. --set kommunerna=20 MSEK",
     "a scenario of quick changes, e.g. --set kommunerna=20 MSEK (repeatable)", 0, false},
    {"--drop", NULL, OPT_LIST, "CRITERION", NULL, NULL, "a criterion's name",
     "in the --set scenario, also leave out this criterion (repeatable)", 0, false},
    {"--sweep", NULL, OPT_VALUE, "\"POT=FROM..TO steg STEP\"", NULL, NULL, "\"POT=FROM..TO steg STEP\"",
     "vary one pot's amount, e.g. \"total=30 MSEK..50 MSEK steg 1 MSEK\"", 0, false},
    {"--table", NULL, OPT_VALUE, NULL, "belopp|ändringar", "table", NULL,
     "with --format csv: the amounts side by side (default) or the eligibility changes", 0, false},
    OPT_END};

enum { V_DUMP, V_DUMP_AST, V_SCENARIOS, V_OUTSIDE, V_TRACE, V_FORMAT };
static const Opt VALIDATE_OPTS[] = {
    {"--dump", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, "print the whole checked program instead of the summary", 1, false},
    {"--dump-ast", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, "print the syntax tree (the file is only parsed)", 1, false},
    {"--scenarios", NULL, OPT_VALUE, "FILE", NULL, NULL, "a file", "also check the scenarios in FILE", 0, false},
    OPT_OUTSIDE,
    {"--trace-parse", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, "show the parser's steps on standard error", 0, false},
    {"--format", NULL, OPT_VALUE, NULL, "table|json", "format", NULL,
     "output format (default table); json gives every diagnostic and summary as data", 0, false},
    OPT_END};

enum { M_FORMAT, M_OUTPUT, M_TABLE, M_OUTSIDE };
static const Opt MALL_OPTS[] = {
    {"--format", NULL, OPT_VALUE, NULL, "xlsx|csv", "format", NULL,
     "a workbook (the default) or the CSV header row; -o NAME.csv means csv", 0, false},
    OPT_OUTPUT,
    {"--table", NULL, OPT_VALUE, NULL, "ansökningar|anvisningar", "table", NULL,
     "CSV: the header row (default) or the instructions for each column", 0, false},
    OPT_OUTSIDE, OPT_END};

enum { T_COVERAGE, T_OUTSIDE };
static const Opt TEST_OPTS[] = {
    {"--coverage", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, "a criterion or pot no passing test exercises fails the run", 0, false},
    OPT_OUTSIDE, OPT_END};

enum { F_CHECK, F_STDOUT, F_ENGLISH, F_SWEDISH };
static const Opt FMT_OPTS[] = {
    {"--check", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, "only report the files that are not formatted (exit 1)", 1, false},
    {"--stdout", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, "print the result instead of rewriting the file", 1, false},
    {"--english", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, "write the keywords in English", 2, false},
    {"--swedish", NULL, OPT_FLAG, NULL, NULL, NULL, NULL, "write the keywords in Swedish (the default)", 2, false},
    OPT_END};

enum { D_FORMAT, D_OUTSIDE };
static const Opt DIFF_OPTS[] = {OPT_FORMAT("table|json"), OPT_OUTSIDE, OPT_END};

static int run_validate(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_report(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_test(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_mall(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_fmt(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_diff(const Command *c, const Parsed *p, FILE *out, FILE *err);

static const Command COMMANDS[] = {
    {"validate", "[options] RULES…", "check rule files and print a summary of their pots", "one or more rule files", 1, -1,
     VALIDATE_OPTS, run_validate},
    {"check", "RULES APPLICATIONS [options]", "which applications are eligible for which pot, and every failed criterion",
     "one rule file and one application file", 2, 2, CHECK_OPTS, run_report},
    {"explain", "RULES APPLICATIONS --id KEY [options]", "the whole evaluation of one application, step by step",
     "one rule file and one application file", 2, 2, EXPLAIN_OPTS, run_report},
    {"allocate", "RULES APPLICATIONS [options]", "the allocation of every pot, exact to the öre",
     "one rule file and one application file", 2, 2, ALLOCATE_OPTS, run_report},
    {"whatif", "RULES APPLICATIONS (--scenario NAME… | --all | --set POT=AMOUNT… | --sweep SPEC) [options]",
     "the baseline and scenarios side by side", "one rule file and one application file", 2, 2, WHATIF_OPTS, run_report},
    {"mall", "RULES [options]", "an application template from the rule file: a workbook with drop-down lists, or CSV",
     "one rule file", 1, 1, MALL_OPTS, run_mall},
    {"test", "[options] RULES_OR_FOLDER…",
     "run the tests written next to the rules (NAME.test.medel), with criterion coverage",
     "one or more rule files or folders, e.g. medel test rules/", 1, -1, TEST_OPTS, run_test},
    {"fmt", "[options] RULES…", "rewrite rule files in the canonical layout, keeping comments",
     "the rule files to format", 1, -1, FMT_OPTS, run_fmt},
    {"diff", "OLD NEW [options]", "what changed between two agreements, in substance (exit 1 when they differ)",
     "two rule files, OLD and NEW", 2, 2, DIFF_OPTS, run_diff},
};

enum { N_COMMANDS = sizeof COMMANDS / sizeof COMMANDS[0] };

static const Command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(COMMANDS[i].name, name))
            return &COMMANDS[i];
    return NULL;
}

/* ---- messages ---- */

/* A usage error of command c (NULL: of medel itself): the message, then
** the command's synopsis and where its options are listed (or medel's
** whole usage). Returns MEDEL_EXIT_USAGE. */
static int usage(FILE *err, const Command *c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int usage(FILE *err, const Command *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("medel: ", err);
    if (c)
        fprintf(err, "%s: ", c->name);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputs("\n", err);
    if (c)
        fprintf(err, "usage: medel %s %s\n       medel %s --help   lists its options\n", c->name, c->synopsis, c->name);
    else
        fputs(USAGE, err);
    return MEDEL_EXIT_USAGE;
}

/* Not a usage error, and not to be ended by abort(): said, and exit 70. */
static int out_of_memory(FILE *err)
{
    fputs("medel: out of memory\n", err);
    return MEDEL_EXIT_SOFTWARE;
}

/* "table, csv or json" for "table|csv|json", into buf. */
static const char *choice_list(const char *choices, char *buf, size_t n)
{
    size_t at = 0, k = 0, bars = 0;
    for (const char *s = choices; *s; s++)
        bars += *s == '|';
    buf[0] = '\0';
    for (const char *s = choices; *s && at + 8 < n; s++) {
        if (*s == '|') {
            const char *sep = ++k == bars ? " or " : ", ";
            at += (size_t)snprintf(buf + at, n - at, "%s", sep);
        } else {
            buf[at++] = *s;
            buf[at] = '\0';
        }
    }
    return buf;
}

static bool is_choice(const char *choices, const char *v)
{
    size_t n = strlen(v);
    for (const char *s = choices; *s;) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        if (n && len == n && !memcmp(s, v, n))
            return true;
        s += len + (bar != NULL);
    }
    return false;
}

/* Every --table name, spelled as the sheets are. */
static const char *const TABLE_NAMES[] = {"prövning", "avvisade", "körning", "beslut", "potter", "fokusområden",
                                          "portfölj", "manuell", "belopp", "ändringar", "ansökningar", "anvisningar"};

/* v folded for comparing table names: ASCII letters in lower case, å, ä and ö
** (either case) as a, a and o. Returns false when it does not fit in buf. */
static bool fold_name(const char *v, char *buf, size_t n)
{
    size_t at = 0;
    for (const unsigned char *s = (const unsigned char *)v; *s; s++) {
        char ch = (char)*s;
        if (s[0] == 0xC3 && (s[1] == 0xA5 || s[1] == 0xA4 || s[1] == 0x85 || s[1] == 0x84))
            ch = 'a', s++;
        else if (s[0] == 0xC3 && (s[1] == 0xB6 || s[1] == 0x96))
            ch = 'o', s++;
        else if (*s >= 'A' && *s <= 'Z')
            ch = (char)(*s - 'A' + 'a');
        if (at + 1 >= n)
            return false;
        buf[at++] = ch;
    }
    buf[at] = '\0';
    return true;
}

/* The table name of choices that v names in any case and with or without
** å, ä and ö ("BESLUT", "fokusomraden"), or NULL. Static. */
static const char *table_choice(const char *choices, const char *v)
{
    char fv[64], ft[64];
    if (!fold_name(v, fv, sizeof fv))
        return NULL;
    for (size_t i = 0; i < sizeof TABLE_NAMES / sizeof *TABLE_NAMES; i++)
        if (fold_name(TABLE_NAMES[i], ft, sizeof ft) && !strcmp(fv, ft) && is_choice(choices, TABLE_NAMES[i]))
            return TABLE_NAMES[i];
    return NULL;
}

/* The option's name as messages give it: "-o/--output", "--format". */
static const char *opt_name(const Opt *o, char *buf, size_t n)
{
    if (!o->alias)
        return o->name;
    snprintf(buf, n, "%s/%s", o->name, o->alias);
    return buf;
}

/* One option's line of --help: the help from column 28, as in medel's
** usage, or after three spaces when that would leave fewer. */
static void print_opt(const Opt *o, FILE *out)
{
    if (!o->help)
        return;
    char left[128];
    int n = snprintf(left, sizeof left, "  %s%s%s%s%s", o->name, o->alias ? ", " : "", o->alias ? o->alias : "",
                     o->kind == OPT_FLAG ? "" : " ", o->kind == OPT_FLAG ? "" : o->arg ? o->arg : o->choices);
    fprintf(out, "%s%*s%s\n", left, n <= 25 ? 28 - n : 3, "", o->help);
}

/* `medel CMD --help`: the synopsis, what it does, and each option with one line. */
static void print_help(const Command *c, FILE *out)
{
    fprintf(out, "usage: medel %s %s\n\n%s\n\noptions:\n", c->name, c->synopsis, c->summary);
    for (const Opt *o = c->opts; o->name; o++)
        print_opt(o, out);
    /* Taken by take_language before parsing, in every command. */
    static const Opt language = {"--lang", "--språk", OPT_VALUE, NULL, "sv|en", NULL, NULL,
                                 "the language of messages (default: the environment's, else Swedish)", 0, false};
    static const Opt help = {"-h", "--help", OPT_FLAG, NULL, NULL, NULL, NULL, "show this help", 0, false};
    print_opt(&language, out);
    print_opt(&help, out);
}

/* ---- the parser ---- */

static void parsed_free(Parsed *p)
{
    for (int i = 0; i < MAX_OPTS; i++)
        free(p->list[i]);
    free(p->args);
}

/* Is the word --help or -h (before any "--")? */
static bool wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            return false;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return true;
    }
    return false;
}

/* Parses argv[0..argc) against c's options into *p (zeroed by the caller).
** Returns -1, or the exit code of a usage error (reported). Options and
** operands may come in any order; "--" ends the options, and
** "--name=value" is "--name value". */
static int parse(const Command *c, int argc, char **argv, Parsed *p, FILE *err)
{
    p->args = calloc((size_t)argc + 1, sizeof *p->args);
    if (!p->args)
        return out_of_memory(err);
    bool options = true;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (options && !strcmp(a, "--")) {
            options = false;
            continue;
        }
        if (!options || a[0] != '-' || !a[1]) {   /* "-" is standard input: an operand */
            if (c->max_args >= 0 && p->n_args == c->max_args)
                return usage(err, c, "unexpected argument '%s'; give %s", a, c->operands);
            p->args[p->n_args++] = argv[i];
            continue;
        }
        const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        int k = -1;
        for (int j = 0; c->opts[j].name && k < 0; j++) {
            const Opt *o = &c->opts[j];
            if (o->group < 0)
                continue;
            if ((strlen(o->name) == len && !strncmp(o->name, a, len)) ||
                (o->alias && strlen(o->alias) == len && !strncmp(o->alias, a, len)))
                k = j;
        }
        if (k < 0)
            return usage(err, c, "unknown option '%.*s'", (int)len, a);
        const Opt *o = &c->opts[k];
        char nb[64], cb[96];
        if (o->kind == OPT_FLAG) {
            if (eq)
                return usage(err, c, "%.*s takes no value, not '%s'", (int)len, a, eq + 1);
            /* A flag of a group: another of the same group is a conflict. */
            for (int j = 0; o->group > 0 && c->opts[j].name; j++)
                if (j != k && c->opts[j].group == o->group && p->value[j])
                    return usage(err, c, "%s and %s cannot be given together; choose one", p->value[j], o->name);
            p->value[k] = o->name;
            continue;
        }
        const char *v;
        if (eq)
            v = eq + 1;
        else if (i + 1 < argc)
            v = argv[++i];
        else if (o->choices) {
            return usage(err, c, "%.*s needs a value: %s", (int)len, a, choice_list(o->choices, cb, sizeof cb));
        } else
            return usage(err, c, "%.*s needs %s", (int)len, a, o->needs);
        if (o->nonempty && !v[0])
            return usage(err, c, "%.*s needs %s, not an empty one", (int)len, a, o->needs);
        /* A table is named as its sheet is, or as it is easy to type. */
        if (o->choices && !strcmp(o->what, "table") && !is_choice(o->choices, v) && table_choice(o->choices, v))
            v = table_choice(o->choices, v);
        if (o->choices && !is_choice(o->choices, v))
            return usage(err, c, "unknown %s '%s'; use %s", o->what, v, choice_list(o->choices, cb, sizeof cb));
        if (o->kind == OPT_LIST) {
            if (!p->list[k] && !(p->list[k] = calloc((size_t)argc + 1, sizeof *p->list[k])))
                return out_of_memory(err);
            p->list[k][p->n_list[k]++] = v;
            continue;
        }
        /* The same value twice is harmless; another one is a usage error
        ** (which would count is a guess). */
        if (p->value[k] && strcmp(p->value[k], v))
            return usage(err, c, "%s given twice, as '%s' and as '%s'; give it once", opt_name(o, nb, sizeof nb),
                         p->value[k], v);
        p->value[k] = v;
    }
    if (p->n_args < c->min_args)
        return usage(err, c, "missing argument; give %s", c->operands);
    return -1;
}

/* ---- the commands ---- */

static int run_validate(const Command *c, const Parsed *p, FILE *out, FILE *err)
{
    MedelValidateOptions o = {0};
    o.dump = p->value[V_DUMP] != NULL;
    o.dump_ast = p->value[V_DUMP_AST] != NULL;
    o.trace_parse = p->value[V_TRACE] != NULL;
    o.allow_outside_paths = p->value[V_OUTSIDE] != NULL;
    o.scenario_file = p->value[V_SCENARIOS];
    o.json = p->value[V_FORMAT] && !strcmp(p->value[V_FORMAT], "json");
    if (o.json && (o.dump || o.dump_ast))
        return usage(err, c, "%s and --format json cannot be given together; choose one", o.dump ? "--dump" : "--dump-ast");
    return medel_validate(p->args, p->n_args, &o, out, err);
}

/* The pot a --set names: the text before '=', without the spaces around
** it (*len bytes from the returned pointer, which points into set). */
static const char *set_pot(const char *set, size_t *len)
{
    const char *eq = strchr(set, '=');
    const char *b = set, *e = eq ? eq : set + strlen(set);
    while (b < e && (*b == ' ' || *b == '\t'))
        b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    *len = (size_t)(e - b);
    return b;
}

/* Two --set for one pot would leave one of them silently unused: a usage
** error naming both. A criterion given twice to --drop is dropped once,
** with a warning (the intent is plain). Returns -1, or an exit code. */
static int check_repeats(const Command *c, MedelWhatIfOptions *w, FILE *err)
{
    for (size_t i = 0; i < w->n_sets; i++) {
        size_t li;
        const char *pi = set_pot(w->sets[i], &li);
        for (size_t j = 0; j < i; j++) {
            size_t lj;
            const char *pj = set_pot(w->sets[j], &lj);
            if (li && li == lj && !memcmp(pi, pj, li))
                return usage(err, c, "--set names the pot '%.*s' twice: '%s' and '%s'; give each pot once", (int)li, pi,
                             w->sets[j], w->sets[i]);
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < w->n_drops; i++) {
        bool seen = false;
        for (size_t j = 0; j < n && !seen; j++)
            seen = !strcmp(w->drops[i], w->drops[j]);
        if (seen)
            fprintf(err, "medel: warning: --drop names the criterion '%s' twice; it is left out once\n", w->drops[i]);
        else
            w->drops[n++] = w->drops[i];
    }
    w->n_drops = n;
    return -1;
}

/* The format an output's name names by its extension (any case): "xlsx",
** "csv", "json", "html", "ods" (which medel does not write), or NULL; *what
** is what the file is called in a message. */
static const char *name_format(const char *path, const char **what)
{
    static const struct {
        const char *ext, *format, *what;
    } NAMES[] = {{".xlsx", "xlsx", "a workbook"},
                 {".csv", "csv", "a CSV file"},
                 {".json", "json", "a JSON file"},
                 {".html", "html", "an HTML page"},
                 {".ods", "ods", "an OpenDocument spreadsheet"}};
    size_t n = path ? strlen(path) : 0;
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++) {
        size_t e = strlen(NAMES[i].ext);
        if (n > e && !strcasecmp(path + n - e, NAMES[i].ext)) {
            *what = NAMES[i].what;
            return NAMES[i].format;
        }
    }
    return NULL;
}

/* One rule for every command that writes a file: with no --format, an
** output named .xlsx, .csv, .json or .html is written in that format (if
** the command writes it); with --format, such a name of another format is a
** mistake a reader would only see as a broken file. *format is the format
** given, or NULL, and becomes the one to write (NULL: the default). Returns
** -1, or the exit code of a usage error (reported). */
static int output_format(const Command *c, const char *choices, const char **format, const char *output, FILE *err)
{
    const char *what = NULL;
    const char *named = name_format(output, &what);
    if (!named || (*format && !strcmp(*format, named)))
        return -1;
    char cb[96];
    if (*format && is_choice(choices, named))
        return usage(err, c, "the output '%s' is %s, but --format is %s; use --format %s or another name", output, what,
                     *format, named);
    if (*format)
        return usage(err, c, "the output '%s' is %s, but --format is %s; give the output another name", output, what,
                     *format);
    if (!is_choice(choices, named))
        return usage(err, c, "the output '%s' is %s, which %s does not write (it writes %s); give the output another name",
                     output, what, c->name, choice_list(choices, cb, sizeof cb));
    *format = named;
    return -1;
}

/* check, explain, allocate, whatif: RULES APPLICATIONS and options. Their
** reports go to standard output or -o FILE, not to out. */
static int run_report(const Command *c, const Parsed *p, FILE *out, FILE *err)
{
    (void)out;
    MedelOptions o = {0};
    o.rules = p->args[0];
    o.applications = p->args[1];
    const char *format = p->value[R_FORMAT];
    o.output = p->value[R_OUTPUT];
    bool sheets = !strcmp(c->name, "check") || !strcmp(c->name, "allocate");
    int rc = output_format(c, c->opts[R_FORMAT].choices, &format, o.output, err);
    if (rc >= 0)
        return rc;
    bool html = format && !strcmp(format, "html");
    o.format = !format || !strcmp(format, "table") || html ? MEDEL_FORMAT_TABLE
             : !strcmp(format, "csv") ? MEDEL_FORMAT_CSV
             : !strcmp(format, "xlsx") ? MEDEL_FORMAT_XLSX : MEDEL_FORMAT_JSON;
    if (o.format == MEDEL_FORMAT_XLSX && (!o.output || !strcmp(o.output, "-")) && isatty(fileno(stdout)))
        return usage(err, c, "a workbook is binary and is not written to a terminal; give -o FILE (e.g. -o resultat.xlsx) or redirect standard output");
    if (sheets && p->value[R_TABLE] && o.format != MEDEL_FORMAT_CSV)
        return usage(err, c, "--table chooses a CSV table; give it with --format csv (a workbook has every table as a sheet)");
    o.table = sheets ? p->value[R_TABLE] : NULL;
    o.args = (const char *const *)p->argv;
    o.n_args = (size_t)p->argc;
    o.input_format = p->value[R_INPUT_FORMAT];
    o.sheet = p->value[R_SHEET];
    o.keep_going = p->value[R_KEEP_GOING] != NULL;
    o.allow_outside_paths = p->value[R_OUTSIDE] != NULL;
    if (!strcmp(c->name, "check"))
        return medel_check(&o, out, err);
    if (!strcmp(c->name, "allocate"))
        return medel_allocate(&o, out, err);
    if (!strcmp(c->name, "explain")) {
        o.id = p->value[R_ID];
        if (!o.id)
            return usage(err, c, "missing --id KEY: the key of the application to explain");
        return medel_explain(&o, out, err);
    }
    /* The lists point into argv, which outlives the command (check_repeats
    ** thins out the drops in place). */
    MedelWhatIfOptions w = {0};
    w.scenarios = p->list[R_SCENARIO];
    w.n_scenarios = p->n_list[R_SCENARIO];
    w.scenario_file = p->value[R_SCENARIOS];
    w.all_scenarios = p->value[R_ALL] != NULL;
    w.sets = p->list[R_SET];
    w.n_sets = p->n_list[R_SET];
    w.drops = p->list[R_DROP];
    w.n_drops = p->n_list[R_DROP];
    w.sweep = p->value[R_SWEEP];
    w.xlsx = format && !strcmp(format, "xlsx");
    const char *table = p->value[R_TABLE];
    if (table && (!format || strcmp(format, "csv")))
        return usage(err, c, "--table chooses a CSV table; give it with --format csv, not with --format %s",
                     format ? format : "table");
    w.changes_table = table && !strcmp(table, "ändringar");
    w.args = (const char *const *)p->argv;
    w.n_args = (size_t)p->argc;
    rc = check_repeats(c, &w, err);
    return rc >= 0 ? rc : medel_whatif(&o, &w, html, out, err);
}

static int run_test(const Command *c, const Parsed *p, FILE *out, FILE *err)
{
    (void)c;
    MedelTestOptions o = {0};
    o.require_coverage = p->value[T_COVERAGE] != NULL;
    o.allow_outside_paths = p->value[T_OUTSIDE] != NULL;
    return medel_test(p->args, p->n_args, &o, out, err);
}

static int run_mall(const Command *c, const Parsed *p, FILE *out, FILE *err)
{
    MedelMallOptions o = {0};
    o.rules = p->args[0];
    o.output = p->value[M_OUTPUT];
    o.format = p->value[M_FORMAT];
    o.table = p->value[M_TABLE];
    o.allow_outside_paths = p->value[M_OUTSIDE] != NULL;
    if (o.table && o.format && strcmp(o.format, "csv"))
        return usage(err, c, "--table chooses a CSV table; give it with --format csv, not with --format %s", o.format);
    int rc = output_format(c, c->opts[M_FORMAT].choices, &o.format, o.output, err);
    if (rc >= 0)
        return rc;
    return medel_mall(&o, out, err);
}

static int run_fmt(const Command *c, const Parsed *p, FILE *out, FILE *err)
{
    (void)c;
    MedelFmtOptions o = {0};
    o.check = p->value[F_CHECK] != NULL;
    o.to_stdout = p->value[F_STDOUT] != NULL;
    o.english = p->value[F_ENGLISH] != NULL;
    return medel_fmt(p->args, p->n_args, &o, out, err);
}

static int run_diff(const Command *c, const Parsed *p, FILE *out, FILE *err)
{
    (void)c;
    bool json = p->value[D_FORMAT] && !strcmp(p->value[D_FORMAT], "json");
    return medel_diff(p->args[0], p->args[1], json, p->value[D_OUTSIDE] != NULL, out, err);
}

/* Is this command's standard output data to be kept byte for byte (fmt
** --stdout prints a rule file, diff and validate --format json a JSON
** document), rather than text for people? check, explain, allocate and
** whatif decide for themselves: they escape their tables (out_escape) and
** keep CSV, JSON and HTML exact. */
static bool exact_output(const Command *c, const Parsed *p)
{
    if (c->run == run_report || c->run == run_mall)
        return true;
    if (c->opts == FMT_OPTS)
        return p->value[F_STDOUT] != NULL;
    if (c->opts == DIFF_OPTS)
        return p->value[D_FORMAT] && !strcmp(p->value[D_FORMAT], "json");
    if (c->opts == VALIDATE_OPTS)
        return p->value[V_FORMAT] && !strcmp(p->value[V_FORMAT], "json");
    return false;
}

/* medel's own words: --version, --help, help [COMMAND]. Returns -1 when
** argv[1] is none of them. */
static int run_medel(int argc, char **argv, FILE *out, FILE *err)
{
    const char *w = argv[1];
    bool help = !strcmp(w, "--help") || !strcmp(w, "-h") || !strcmp(w, "help");
    if (!help && strcmp(w, "--version"))
        return -1;
    if (argc > 2 && (!help || argc > 3))
        return usage(err, NULL, "%s takes nothing after it%s, not '%s'", w, help ? " but a command" : "", argv[help ? 3 : 2]);
    if (!help) {
        fprintf(out, "medel %s\n", medel_version());
        return MEDEL_EXIT_OK;
    }
    if (argc == 2) {
        fputs(USAGE, out);
        return MEDEL_EXIT_OK;
    }
    const Command *c = find_command(argv[2]);
    if (!c)
        return usage(err, NULL, "%s: unknown command '%s'", w, argv[2]);
    print_help(c, out);
    return MEDEL_EXIT_OK;
}

/* --språk LANG (also --lang, and =LANG): taken out of argv wherever it
** stands, before the command is looked up, so that it works for every
** command and for `medel --språk en --help`. Returns the new argc, or -1
** after a usage message for an unknown language or a missing value. */
static int take_language(int argc, char **argv, FILE *err)
{
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *value = NULL;
        bool is_opt = false;
        if (strcmp(a, "--") == 0) {
            while (i < argc)
                argv[n++] = argv[i++];
            break;
        }
        static const char *const names[] = {"--språk", "--lang"};
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            size_t len = strlen(names[k]);
            if (strncmp(a, names[k], len) == 0 && (a[len] == '\0' || a[len] == '=')) {
                is_opt = true;
                value = a[len] == '=' ? a + len + 1 : (i + 1 < argc ? argv[++i] : NULL);
            }
        }
        if (!is_opt) {
            argv[n++] = argv[i];
            continue;
        }
        if (!value || medel_set_language(value, NULL) != MEDEL_OK) {
            if (value)
                fprintf(err, _("medel: okänt språk '%s': välj sv eller en\n"), value);
            else
                fputs(_("medel: --språk behöver ett språk: sv eller en\n"), err);
            return -1;
        }
    }
    /* Only a shortened argv gets a new terminator: a caller's array
    ** (a test's, an embedding program's) need not have room at argv[argc]. */
    if (n < argc)
        argv[n] = NULL;
    return n;
}

/* Every message, and the text reports printed on `out`, go through a stream
** that shows control and invisible characters escaped: a file name or an
** application cell holding ESC ]0;…BEL or a zero-width space can neither
** drive the terminal nor hide. Line buffered, so messages still come out
** as they are made. The reports of check, explain, allocate and whatif
** escape their own table output (output.c); CSV, JSON and HTML keep the
** exact data. */
int medel_main(int argc, char **argv, FILE *out, FILE *err)
{
    FILE *shown_err = out_escaping_stream(err);
    if (shown_err)
        setvbuf(shown_err, NULL, _IOLBF, 0);
    FILE *e = shown_err ? shown_err : err;
    FILE *shown_out = NULL;
    Parsed p = {0};
    int rc;
    argc = take_language(argc, argv, e);
    const Command *c = argc >= 2 ? find_command(argv[1]) : NULL;
    if (argc < 0) {
        rc = MEDEL_EXIT_USAGE;
    } else if (argc < 2) {
        fputs(USAGE, e);
        rc = MEDEL_EXIT_USAGE;
    } else if ((rc = run_medel(argc, argv, out, e)) >= 0) {
        /* done */
    } else if (!c) {
        rc = usage(e, NULL, "unknown command '%s'", argv[1]);
    } else if (wants_help(argc - 2, argv + 2)) {
        print_help(c, out);
        rc = MEDEL_EXIT_OK;
    } else if ((rc = parse(c, argc - 2, argv + 2, &p, e)) < 0) {
        p.argv = argv + 2;
        p.argc = argc - 2;
        shown_out = exact_output(c, &p) ? NULL : out_escaping_stream(out);
        if (shown_out)
            setvbuf(shown_out, NULL, _IOLBF, 0);
        rc = c->run(c, &p, shown_out ? shown_out : out, e);
    }
    parsed_free(&p);
    if (shown_out && fclose(shown_out) != 0 && rc == MEDEL_EXIT_OK)
        rc = MEDEL_EXIT_IO;
    if (shown_err)
        fclose(shown_err);
    return rc;
}
