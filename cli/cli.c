/*
** cli.c: argument parsing for medel. Every command is a call into
** commands.h (the command drivers beside this file); from the engine it
** takes only medel_version (medel.h) and, from output.h, the stream that
** escapes control and invisible characters in what goes to a terminal.
*/
#include "cli.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "medel.h"
#include "output.h"

static const char USAGE[] =
    "usage: medel validate [--dump | --dump-ast] [--scenarios FILE] [--allow-outside-paths] [--trace-parse] RULES…\n"
    "       medel check    RULES APPLICATIONS [options]\n"
    "       medel explain  RULES APPLICATIONS --id KEY [options]\n"
    "       medel allocate RULES APPLICATIONS [options]\n"
    "       medel whatif   RULES APPLICATIONS (--scenario NAME… | --all | --set POT=AMOUNT… | --sweep SPEC) [options]\n"
    "       medel test     [--coverage] RULES_OR_FOLDER…\n"
    "       medel fmt      [--check] [--english | --swedish] [--stdout] RULES…\n"
    "       medel diff     OLD NEW [--format json]\n"
    "       medel --version | --help\n"
    "\n"
    "  validate   check rule files and print a summary of their pots\n"
    "  check      which applications are eligible for which pot, and every failed criterion\n"
    "  explain    the whole evaluation of one application, step by step\n"
    "  allocate   the allocation of every pot, exact to the öre\n"
    "  whatif     the baseline and scenarios side by side\n"
    "  test       run the tests written next to the rules (NAME.test.medel), with criterion coverage\n"
    "  fmt        rewrite rule files in the canonical layout, keeping comments\n"
    "  diff       what changed between two agreements, in substance (exit 1 when they differ)\n"
    "\n"
    "options:\n"
    "  --format table|csv|json   output format (default table)\n"
    "  -o, --output FILE         write to FILE (atomically) instead of standard output\n"
    "  --input-format csv|json|jsonl   the applications' format (default: by file name)\n"
    "  --keep-going              report bad application rows and go on with the rest\n"
    "  --allow-outside-paths     allow data and base files outside the rule file's folder\n"
    "whatif:\n"
    "  --scenario NAME           compare this scenario (repeatable); --all compares every one\n"
    "  --scenarios FILE          read further scenarios from FILE\n"
    "  --set POT=AMOUNT          a scenario of quick changes, e.g. --set kommunerna=20 MSEK (repeatable)\n"
    "  --drop CRITERION          ... which also leaves out a criterion (repeatable)\n"
    "  --sweep \"POT=FROM..TO steg STEP\"   vary one pot's amount, e.g. \"total=30 MSEK..50 MSEK steg 1 MSEK\"\n"
    "  --format html             a self-contained HTML report with charts (also table, csv, json)\n"
    "\n"
    "exit codes: 0 ok, 1 a test failed or diff found differences, 64 usage, 65 errors in a rule file, 66 file not found, 67 rejected application rows,\n"
    "            68 no application with that key, 70 internal error, 74 write error\n";

static int usage(FILE *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int usage(FILE *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("medel: ", err);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputs("\n", err);
    fputs(USAGE, err);
    return MEDEL_EXIT_USAGE;
}

/* An option that takes one value, given again: the same value is harmless,
** another one is a usage error (which would count is a guess). Sets *slot
** and returns -1, or returns the exit code. */
static int once(FILE *err, const char *opt, const char **slot, const char *value)
{
    if (*slot && strcmp(*slot, value))
        return usage(err, "%s given twice, as '%s' and as '%s'; give it once", opt, *slot, value);
    *slot = value;
    return -1;
}

/* Two options of which only one can hold: *seen remembers the first given
** (NULL before). Returns -1, or the usage error's exit code. */
static int exclusive(FILE *err, const char **seen, const char *opt)
{
    if (*seen && strcmp(*seen, opt))
        return usage(err, "%s and %s cannot be given together; choose one", *seen, opt);
    *seen = opt;
    return -1;
}

static int cmd_validate(int argc, char **argv, FILE *out, FILE *err)
{
    MedelValidateOptions o = {0};
    char **files = argv;   /* files are collected in place, ahead of the options */
    int n = 0, rc;
    const char *dump = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--dump") || !strcmp(a, "--dump-ast")) {
            if ((rc = exclusive(err, &dump, a)) >= 0)
                return rc;
            o.dump = !strcmp(a, "--dump");
            o.dump_ast = !o.dump;
        } else if (!strcmp(a, "--trace-parse"))
            o.trace_parse = true;
        else if (!strcmp(a, "--allow-outside-paths"))
            o.allow_outside_paths = true;
        else if (!strcmp(a, "--scenarios") && i + 1 < argc) {
            if ((rc = once(err, a, &o.scenario_file, argv[++i])) >= 0)
                return rc;
        } else if (!strcmp(a, "--scenarios"))
            return usage(err, "--scenarios needs a file");
        else if (a[0] == '-' && a[1])
            return usage(err, "validate: unknown option '%s'", a);
        else
            files[n++] = argv[i];
    }
    if (n == 0)
        return usage(err, "validate: no rule file given");
    return medel_validate(files, n, &o, out, err);
}

static int run_args(const char *cmd, int argc, char **argv, FILE *err, MedelOptions *op, MedelWhatIfOptions *w, bool *html);

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
static int check_repeats(MedelWhatIfOptions *w, FILE *err)
{
    for (size_t i = 0; i < w->n_sets; i++) {
        size_t li;
        const char *pi = set_pot(w->sets[i], &li);
        for (size_t j = 0; j < i; j++) {
            size_t lj;
            const char *pj = set_pot(w->sets[j], &lj);
            if (li && li == lj && !memcmp(pi, pj, li))
                return usage(err, "--set names the pot '%.*s' twice: '%s' and '%s'; give each pot once", (int)li, pi,
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

/* check, explain, allocate, whatif: RULES APPLICATIONS and options. */
static int cmd_run(const char *cmd, int argc, char **argv, FILE *out, FILE *err)
{
    MedelOptions o = {0};
    MedelWhatIfOptions w = {0};
    bool html = false;
    bool whatif = !strcmp(cmd, "whatif");
    /* The lists point into argv, which outlives the command. */
    const char **names = calloc((size_t)argc + 1, sizeof *names);
    const char **sets = calloc((size_t)argc + 1, sizeof *sets);
    const char **drops = calloc((size_t)argc + 1, sizeof *drops);
    if (!names || !sets || !drops)
        abort();
    w.scenarios = names;
    w.sets = sets;
    w.drops = drops;
    int rc = run_args(cmd, argc, argv, err, &o, whatif ? &w : NULL, &html);
    if (rc < 0)
        rc = whatif ? medel_whatif(&o, &w, html, err)
           : !strcmp(cmd, "check") ? medel_check(&o, err)
           : !strcmp(cmd, "allocate") ? medel_allocate(&o, err)
           : medel_explain(&o, err);
    free(names);
    free(sets);
    free(drops);
    (void)out;
    return rc;
}

/* Parses the arguments of check, explain, allocate and whatif (w NULL for
** the first three). Returns -1 when the command should run, else an exit
** code. */
static int run_args(const char *cmd, int argc, char **argv, FILE *err, MedelOptions *op, MedelWhatIfOptions *w, bool *html)
{
    MedelOptions o = {0};
    const char *pos[2];
    const char *format = NULL;
    int n = 0, rc;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--format")) {
            if (!has_value)
                return usage(err, "--format needs a value: table, csv or json");
            const char *f = argv[++i];
            if ((rc = once(err, a, &format, f)) >= 0)
                return rc;
            if (!strcmp(f, "table"))
                o.format = MEDEL_FORMAT_TABLE;
            else if (!strcmp(f, "csv"))
                o.format = MEDEL_FORMAT_CSV;
            else if (!strcmp(f, "json"))
                o.format = MEDEL_FORMAT_JSON;
            else if (!strcmp(f, "html") && w)
                *html = true;
            else
                return usage(err, "unknown format '%s'; use table, csv or json%s", f, w ? " or html" : "");
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (!has_value)
                return usage(err, "%s needs a file name", a);
            if (!argv[i + 1][0])
                return usage(err, "%s needs a file name, not an empty one", a);
            if ((rc = once(err, "-o/--output", &o.output, argv[++i])) >= 0)
                return rc;
        } else if (!strcmp(a, "--input-format")) {
            if (!has_value)
                return usage(err, "--input-format needs a value: csv, json or jsonl");
            if ((rc = once(err, a, &o.input_format, argv[++i])) >= 0)
                return rc;
            if (strcmp(o.input_format, "csv") && strcmp(o.input_format, "json") && strcmp(o.input_format, "jsonl"))
                return usage(err, "unknown input format '%s'; use csv, json or jsonl", o.input_format);
        } else if (!strcmp(a, "--id")) {
            if (!has_value)
                return usage(err, "--id needs an application key");
            if ((rc = once(err, a, &o.id, argv[++i])) >= 0)
                return rc;
        } else if (w && !strcmp(a, "--scenario")) {
            if (!has_value)
                return usage(err, "--scenario needs a scenario's name");
            w->scenarios[w->n_scenarios++] = argv[++i];
        } else if (w && !strcmp(a, "--scenarios")) {
            if (!has_value)
                return usage(err, "--scenarios needs a file");
            if ((rc = once(err, a, &w->scenario_file, argv[++i])) >= 0)
                return rc;
        } else if (w && !strcmp(a, "--all")) {
            w->all_scenarios = true;
        } else if (w && !strcmp(a, "--set")) {
            if (!has_value)
                return usage(err, "--set needs POT=AMOUNT, e.g. --set kommunerna=20 MSEK");
            w->sets[w->n_sets++] = argv[++i];
        } else if (w && !strcmp(a, "--drop")) {
            if (!has_value)
                return usage(err, "--drop needs a criterion's name");
            w->drops[w->n_drops++] = argv[++i];
        } else if (w && !strcmp(a, "--sweep")) {
            if (!has_value)
                return usage(err, "--sweep needs \"POT=FROM..TO steg STEP\"");
            if ((rc = once(err, a, &w->sweep, argv[++i])) >= 0)
                return rc;
        } else if (!strcmp(a, "--keep-going")) {
            o.keep_going = true;
        } else if (!strcmp(a, "--allow-outside-paths")) {
            o.allow_outside_paths = true;
        } else if (a[0] == '-' && a[1]) {
            return usage(err, "unknown option '%s'", a);
        } else if (n < 2) {
            pos[n++] = a;
        } else {
            return usage(err, "too many files: '%s'; give one rule file and one application file", a);
        }
    }
    if (n < 2)
        return usage(err, "%s needs a rule file and an application file", cmd);
    o.rules = pos[0];
    o.applications = pos[1];
    if (!strcmp(cmd, "explain") && !o.id)
        return usage(err, "explain needs --id KEY: the key of the application to explain");
    if (w && (rc = check_repeats(w, err)) >= 0)
        return rc;
    *op = o;
    return -1;
}

static int run_command(int argc, char **argv, FILE *out, FILE *err)
{
    if (argc < 2) {
        fputs(USAGE, err);
        return MEDEL_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if ((!strcmp(cmd, "--version") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) && argc > 2)
        return usage(err, "%s takes nothing after it, not '%s'", cmd, argv[2]);
    if (!strcmp(cmd, "--version")) {
        fprintf(out, "medel %s\n", medel_version());
        return MEDEL_EXIT_OK;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(USAGE, out);
        return MEDEL_EXIT_OK;
    }
    if (!strcmp(cmd, "validate"))
        return cmd_validate(argc - 2, argv + 2, out, err);
    if (!strcmp(cmd, "diff")) {
        const char *files[2];
        int n = 0;
        bool outside = false;
        const char *format = NULL;
        int rc;
        for (int i = 2; i < argc; i++) {
            if (!strcmp(argv[i], "--format") && i + 1 < argc &&
                (!strcmp(argv[i + 1], "json") || !strcmp(argv[i + 1], "table"))) {
                if ((rc = once(err, "--format", &format, argv[++i])) >= 0)
                    return rc;
            } else if (!strcmp(argv[i], "--allow-outside-paths"))
                outside = true;
            else if (argv[i][0] == '-' && argv[i][1])
                return usage(err, "diff: unknown option '%s'", argv[i]);
            else if (n < 2)
                files[n++] = argv[i];
            else
                return usage(err, "diff takes two rule files, OLD and NEW");
        }
        if (n < 2)
            return usage(err, "diff takes two rule files, OLD and NEW");
        return medel_diff(files[0], files[1], format && !strcmp(format, "json"), outside, out, err);
    }
    if (!strcmp(cmd, "fmt")) {
        MedelFmtOptions o = {0};
        char **files = argv + 2;
        int n = 0, rc;
        const char *language = NULL, *mode = NULL;   /* the first of each pair given, to name a conflict */
        for (int i = 2; i < argc; i++) {
            if (!strcmp(argv[i], "--check") || !strcmp(argv[i], "--stdout")) {
                if ((rc = exclusive(err, &mode, argv[i])) >= 0)
                    return rc;
                o.check = !strcmp(argv[i], "--check");
                o.to_stdout = !o.check;
            } else if (!strcmp(argv[i], "--english") || !strcmp(argv[i], "--swedish")) {
                if ((rc = exclusive(err, &language, argv[i])) >= 0)
                    return rc;
                o.english = !strcmp(argv[i], "--english");
            } else if (argv[i][0] == '-' && argv[i][1])
                return usage(err, "fmt: unknown option '%s'", argv[i]);
            else
                files[n++] = argv[i];
        }
        if (n == 0)
            return usage(err, "fmt: name the rule files to format");
        return medel_fmt(files, n, &o, out, err);
    }
    if (!strcmp(cmd, "test")) {
        MedelTestOptions o = {0};
        char **paths = argv + 2;
        int n = 0;
        for (int i = 2; i < argc; i++) {
            if (!strcmp(argv[i], "--coverage"))
                o.require_coverage = true;
            else if (!strcmp(argv[i], "--allow-outside-paths"))
                o.allow_outside_paths = true;
            else if (argv[i][0] == '-' && argv[i][1])
                return usage(err, "test: unknown option '%s'", argv[i]);
            else
                paths[n++] = argv[i];
        }
        if (n == 0)
            return usage(err, "test: name a rule file or a folder, e.g. medel test rules/");
        return medel_test(paths, n, &o, out, err);
    }
    if (!strcmp(cmd, "check") || !strcmp(cmd, "explain") || !strcmp(cmd, "allocate") || !strcmp(cmd, "whatif"))
        return cmd_run(cmd, argc - 2, argv + 2, out, err);
    return usage(err, "unknown command '%s'", cmd);
}

/* Is this command's standard output data to be kept byte for byte (fmt
** --stdout prints a rule file, diff --format json a JSON document), rather
** than text for people? */
static bool exact_output(int argc, char **argv)
{
    if (argc < 2)
        return false;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[1], "fmt") && !strcmp(argv[i], "--stdout"))
            return true;
        if (!strcmp(argv[1], "diff") && !strcmp(argv[i], "--format") && i + 1 < argc && !strcmp(argv[i + 1], "json"))
            return true;
    }
    return false;
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
    FILE *shown_out = exact_output(argc, argv) ? NULL : out_escaping_stream(out);
    if (shown_err)
        setvbuf(shown_err, NULL, _IOLBF, 0);
    if (shown_out)
        setvbuf(shown_out, NULL, _IOLBF, 0);
    int rc = run_command(argc, argv, shown_out ? shown_out : out, shown_err ? shown_err : err);
    if (shown_out && fclose(shown_out) != 0 && rc == MEDEL_EXIT_OK)
        rc = MEDEL_EXIT_IO;
    if (shown_err)
        fclose(shown_err);
    return rc;
}
