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
**
** The help and every message are Swedish in the source (lang/i18n.h), with
** English in the catalog. Option and command names are identifiers and stay
** as they are in both languages. A usage error says what is wrong, with a
** likely fix where one is likely ("menade du 'allocate'?"), then the one
** usage line of the command and where its options are listed: never the
** whole help.
*/
#include "cli.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "commands.h"
#include "i18n.h"
#include "medel.h"
#include "output.h"
#include "serve.h"
#include "text.h"

/* medel --help: the synopses, then the commands (from COMMANDS), then the
** options. */
static const char *const USAGE_SYNOPSES = N_(
    "användning: medel validate [--dump | --dump-ast] [--scenarios FIL] [--allow-outside-paths] [--trace-parse] [--format json] REGELFIL…\n"
    "            medel check    REGELFIL ANSÖKNINGAR [flaggor]\n"
    "            medel explain  REGELFIL ANSÖKNINGAR --id NYCKEL [flaggor]\n"
    "            medel allocate REGELFIL ANSÖKNINGAR [flaggor]\n"
    "            medel whatif   REGELFIL ANSÖKNINGAR (--scenario NAMN… | --all | --set POTT=BELOPP… | --sweep INTERVALL) [flaggor]\n"
    "            medel beslut   REGELFIL ANSÖKNINGAR --ut MAPP [--brevmall MALL.html] [--per FÄLT|ansökan] [flaggor]\n"
    "            medel mall     REGELFIL [ANSÖKNINGAR --bedömningar] [-o FIL] [--format xlsx|csv] [--table ansökningar|anvisningar] [--allow-outside-paths]\n"
    "            medel mall     --brev [-o FIL]\n"
    "            medel test     [--coverage] REGELFIL_ELLER_MAPP…\n"
    "            medel fmt      [--check] [--english | --swedish] [--stdout] REGELFIL…\n"
    "            medel diff     GAMMAL NY [--format json]\n"
    "            medel serve    [MAPP] [--port N] [--host ADRESS] [--token-file FIL] [--timeout SEKUNDER]\n"
    "            medel --version | --help | help KOMMANDO\n");

static const char *const USAGE_OPTIONS = N_(
    "flaggor:\n"
    "  --format table|csv|json   utdataformat (standard: table); check och allocate även xlsx\n"
    "  -o, --output FIL          skriv till FIL (atomärt) i stället för till standard ut\n"
    "  --input-format csv|json|jsonl|xlsx   ansökningarnas format (standard: efter filnamn och innehåll)\n"
    "  --sheet NAMN              läs arbetsbokens blad NAMN (standard: det första bladet)\n"
    "  --keep-going              rapportera felaktiga ansökningsrader och fortsätt med resten\n"
    "  --allow-outside-paths     tillåt data- och basfiler utanför regelfilens mapp\n"
    "  --werror, --varningar-som-fel   en varning i regelfilen räknas som ett fel (slutstatus 65, inget skrivs)\n"
    "  --bedömningar, --assessments FIL   handläggarnas bedömningar och åsidosättanden (check, explain, allocate, whatif)\n"
    "  --table NAMN              med --format csv, ett blad av --format xlsx: för allocate beslut (standard),\n"
    "                            potter, fokusområden, portfölj, manuell, ej_stödberättigade, bedömningar,\n"
    "                            avvisade eller körning; för check prövning, avvisade eller körning\n"
    "whatif:\n"
    "  --scenario NAMN           jämför detta scenario (kan upprepas); --all jämför alla\n"
    "  --scenarios FIL           läs fler scenarier från FIL\n"
    "  --set POTT=BELOPP         ett scenario med snabba ändringar, t.ex. --set kommunerna=20 MSEK (kan upprepas)\n"
    "  --drop VILLKOR            ... som också utelämnar ett villkor (kan upprepas)\n"
    "  --sweep \"POTT=FRÅN..TILL steg STEG\"   variera en potts belopp, t.ex. \"total=30 MSEK..50 MSEK steg 1 MSEK\"\n"
    "  --format html             en fristående HTML-rapport med diagram (även table, csv, json)\n"
    "  --format xlsx             en arbetsbok: beloppen sida vid sida, vilka som bytt status, Om körningen (med -o FIL)\n"
    "  --table belopp|ändringar  med --format csv: beloppen sida vid sida (standard) eller ansökningarna som bytt status\n"
    "\n"
    "  --lang sv|en, --språk sv|en   meddelandenas språk (standard: miljöns, annars svenska)\n"
    "\n"
    "medel KOMMANDO --help (eller -h) visar ett kommandos flaggor.\n"
    "\n"
    "slutstatus: 0 klart, 1 ett test misslyckades eller diff fann skillnader, 64 felaktig användning, 65 fel i en regelfil,\n"
    "            66 en fil finns inte eller kan inte läsas, 67 avvisade ansökningsrader, 68 ingen ansökan med den nyckeln,\n"
    "            69 kolumnerna passar inte regelfilen, 70 internt fel i medel, 72 fel i filen med bedömningar, 74 skrivfel\n");

/* ---- the option tables ---- */

typedef enum OptKind {
    OPT_FLAG,    /* --keep-going: given or not; given twice is harmless */
    OPT_VALUE,   /* --format json: one value; twice with another value is a usage error */
    OPT_LIST     /* --set …: repeatable, every value kept */
} OptKind;

/* What the values of an option with choices are, for "okänt format 'x'". */
typedef enum OptChoices {
    CHOICES_NONE,
    CHOICES_FORMAT,
    CHOICES_INPUT_FORMAT,
    CHOICES_TABLE        /* named as the sheets are, or as it is easy to type */
} OptChoices;

typedef struct Opt {
    const char *name;     /* "--format" */
    const char *alias;    /* "-o", or NULL */
    OptKind kind;
    const char *arg;      /* the value in the help, N_("FIL") (NULL: the choices) */
    const char *choices;  /* "table|csv|json": the only values allowed, or NULL */
    OptChoices what;      /* what a wrong choice is called */
    const char *needs;    /* N_: what a missing value is, "ett filnamn" (NULL: one of the choices) */
    const char *help;     /* N_: one line for --help */
    int group;            /* flags of one group (> 0) exclude each other */
    bool nonempty;        /* an empty value is refused */
} Opt;

enum { MAX_OPTS = 20 };

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
    const char *synopsis;   /* N_: after "medel NAME " */
    const char *summary;    /* N_: one line */
    const char *operands;   /* N_: what the operands are: "en regelfil och en ansökningsfil" */
    int min_args, max_args; /* max_args -1: any number */
    const Opt *opts;        /* ended by a row with name NULL */
    int (*run)(const Command *c, const Parsed *p, FILE *out, FILE *err);
};

#define OPT_FORMAT(choices) {"--format", NULL, OPT_VALUE, NULL, choices, CHOICES_FORMAT, NULL, \
                             N_("utdataformat (standard: table)"), 0, false}
#define OPT_OUTPUT {"-o", "--output", OPT_VALUE, N_("FIL"), NULL, CHOICES_NONE, N_("ett filnamn"), \
                    N_("skriv till FIL (atomärt) i stället för till standard ut"), 0, true}
#define OPT_INPUT_FORMAT {"--input-format", NULL, OPT_VALUE, NULL, "csv|json|jsonl|xlsx", CHOICES_INPUT_FORMAT, NULL, \
                          N_("ansökningarnas format (standard: efter filnamn och innehåll)"), 0, false}
#define OPT_SHEET {"--sheet", NULL, OPT_VALUE, N_("NAMN"), NULL, CHOICES_NONE, N_("namnet på ett blad"), \
                   N_("läs arbetsbokens blad NAMN (standard: det första bladet)"), 0, false}
#define OPT_KEEP_GOING {"--keep-going", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, \
                        N_("rapportera felaktiga ansökningsrader och fortsätt med resten"), 0, false}
#define OPT_OUTSIDE {"--allow-outside-paths", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, \
                     N_("tillåt data- och basfiler utanför regelfilens mapp"), 0, false}
#define OPT_WERROR {"--werror", "--varningar-som-fel", OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, \
                    N_("en varning i regelfilen räknas som ett fel: slutstatus 65, och inget skrivs"), 0, false}
#define OPT_END {NULL, NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, NULL, 0, false}

/* The same indices in every run command's table (check, explain, allocate, whatif). */
enum { R_FORMAT, R_OUTPUT, R_INPUT_FORMAT, R_SHEET, R_KEEP_GOING, R_OUTSIDE, R_ID, R_SCENARIO, R_SCENARIOS, R_ALL, R_SET, R_DROP,
       R_SWEEP, R_TABLE, R_ASSESSMENTS, R_WERROR };

/* An option of another run command's, to keep the indices above. */
#define OPT_HOLE {"--", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, NULL, -1, false}

#define OPT_ASSESSMENTS {"--bedömningar", "--assessments", OPT_VALUE, N_("FIL"), NULL, CHOICES_NONE, N_("ett filnamn"), \
                         N_("handläggarnas bedömningar och åsidosättanden (CSV eller arbetsbok; se medel mall --bedömningar)"), 0, true}

static const Opt CHECK_OPTS[] = {
    OPT_FORMAT("table|csv|json|xlsx"), OPT_OUTPUT, OPT_INPUT_FORMAT, OPT_SHEET, OPT_KEEP_GOING, OPT_OUTSIDE,
    OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE,
    {"--table", NULL, OPT_VALUE, NULL, "prövning|avvisade|körning", CHOICES_TABLE, NULL,
     N_("med --format csv: ett av arbetsbokens blad (standard: en rad per skäl, som tidigare)"), 0, false},
    OPT_ASSESSMENTS, OPT_WERROR, OPT_END};

static const Opt ALLOCATE_OPTS[] = {
    {"--format", NULL, OPT_VALUE, NULL, "table|csv|json|xlsx|html", CHOICES_FORMAT, NULL,
     N_("utdataformat (standard: table); html: beslutsunderlaget, en sida att skriva ut på A4"), 0, false}, OPT_OUTPUT, OPT_INPUT_FORMAT, OPT_SHEET, OPT_KEEP_GOING, OPT_OUTSIDE,
    OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE,
    {"--table", NULL, OPT_VALUE, NULL, "beslut|potter|fokusområden|portfölj|manuell|ej_stödberättigade|bedömningar|avvisade|körning", CHOICES_TABLE, NULL,
     N_("med --format csv: vilken tabell, en per blad i arbetsboken (standard: beslut)"), 0, false},
    OPT_ASSESSMENTS, OPT_WERROR, OPT_END};

static const Opt EXPLAIN_OPTS[] = {
    OPT_FORMAT("table|json"), OPT_OUTPUT, OPT_INPUT_FORMAT, OPT_SHEET, OPT_KEEP_GOING, OPT_OUTSIDE,
    {"--id", NULL, OPT_VALUE, N_("NYCKEL"), NULL, CHOICES_NONE, N_("nyckeln till en ansökan"),
     N_("nyckeln till ansökan som ska förklaras (krävs)"), 0, false},
    OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_HOLE, OPT_ASSESSMENTS, OPT_WERROR, OPT_END};

static const Opt WHATIF_OPTS[] = {
    {"--format", NULL, OPT_VALUE, NULL, "table|csv|json|html|xlsx", CHOICES_FORMAT, NULL,
     N_("utdataformat (standard: table); xlsx: en arbetsbok, för -o FIL"), 0, false},
    OPT_OUTPUT, OPT_INPUT_FORMAT, OPT_SHEET, OPT_KEEP_GOING, OPT_OUTSIDE,
    {"--id", NULL, OPT_VALUE, NULL, NULL, CHOICES_NONE, NULL, NULL, -1, false},   /* not whatif's: a hole, to keep the indices */
    {"--scenario", NULL, OPT_LIST, N_("NAMN"), NULL, CHOICES_NONE, N_("namnet på ett scenario"),
     N_("jämför detta scenario (kan upprepas)"), 0, false},
    {"--scenarios", NULL, OPT_VALUE, N_("FIL"), NULL, CHOICES_NONE, N_("en fil med scenarier"),
     N_("läs fler scenarier från FIL"), 0, false},
    {"--all", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, N_("jämför alla scenarier"), 0, false},
    {"--set", NULL, OPT_LIST, N_("POTT=BELOPP"), NULL, CHOICES_NONE, N_("POTT=BELOPP, t.ex. --set kommunerna=20 MSEK"),
     N_("ett scenario med snabba ändringar, t.ex. --set kommunerna=20 MSEK (kan upprepas)"), 0, false},
    {"--drop", NULL, OPT_LIST, N_("VILLKOR"), NULL, CHOICES_NONE, N_("namnet på ett villkor"),
     N_("i scenariot från --set, utelämna också detta villkor (kan upprepas)"), 0, false},
    {"--sweep", NULL, OPT_VALUE, N_("\"POTT=FRÅN..TILL steg STEG\""), NULL, CHOICES_NONE, N_("\"POTT=FRÅN..TILL steg STEG\""),
     N_("variera en potts belopp, t.ex. \"total=30 MSEK..50 MSEK steg 1 MSEK\""), 0, false},
    {"--table", NULL, OPT_VALUE, NULL, "belopp|ändringar", CHOICES_TABLE, NULL,
     N_("med --format csv: beloppen sida vid sida (standard) eller ansökningarna som bytt status"), 0, false},
    OPT_ASSESSMENTS, OPT_WERROR, OPT_END};

enum { V_DUMP, V_DUMP_AST, V_SCENARIOS, V_OUTSIDE, V_TRACE, V_FORMAT, V_WERROR };
static const Opt VALIDATE_OPTS[] = {
    {"--dump", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL,
     N_("skriv ut hela det kontrollerade programmet i stället för sammanfattningen"), 1, false},
    {"--dump-ast", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, N_("skriv ut syntaxträdet (filen tolkas bara)"), 1, false},
    {"--scenarios", NULL, OPT_VALUE, N_("FIL"), NULL, CHOICES_NONE, N_("en fil med scenarier"),
     N_("kontrollera också scenarierna i FIL"), 0, false},
    OPT_OUTSIDE,
    {"--trace-parse", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, N_("visa tolkningens steg på standard fel"), 0, false},
    {"--format", NULL, OPT_VALUE, NULL, "table|json", CHOICES_FORMAT, NULL,
     N_("utdataformat (standard: table); json ger alla meddelanden och sammanfattningar som data"), 0, false},
    OPT_WERROR, OPT_END};

enum { M_FORMAT, M_OUTPUT, M_TABLE, M_OUTSIDE, M_ASSESS, M_SHEET, M_WERROR, M_BREV };
static const Opt MALL_OPTS[] = {
    {"--format", NULL, OPT_VALUE, NULL, "xlsx|csv", CHOICES_FORMAT, NULL,
     N_("en arbetsbok (standard) eller CSV-filens rubrikrad; -o NAMN.csv betyder csv"), 0, false},
    OPT_OUTPUT,
    {"--table", NULL, OPT_VALUE, NULL, "ansökningar|anvisningar", CHOICES_TABLE, NULL,
     N_("CSV: rubrikraden (standard) eller anvisningarna för varje kolumn"), 0, false},
    OPT_OUTSIDE,
    {"--bedömningar", "--assessments", OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL,
     N_("ett blad för handläggarnas bedömningar, ifyllt med ansökningarnas fall som kräver manuell bedömning (ge ANSÖKNINGAR)"), 0, false},
    OPT_SHEET,
    OPT_WERROR,
    {"--brev", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL,
     N_("i stället: den inbyggda brevmallen för medel beslut (HTML), att ändra i (ingen regelfil behövs)"), 0, false},
    OPT_END};

enum { B_OUT, B_TEMPLATE, B_PER, B_INPUT_FORMAT, B_SHEET, B_KEEP_GOING, B_OUTSIDE, B_WERROR };
static const Opt BESLUT_OPTS[] = {
    {"--ut", NULL, OPT_VALUE, N_("MAPP"), NULL, CHOICES_NONE, N_("en mapp"),
     N_("mappen som breven och index.html skrivs i (krävs; en mapp med tidigare brev ersätts)"), 0, true},
    {"--brevmall", NULL, OPT_VALUE, N_("MALL.html"), NULL, CHOICES_NONE, N_("en brevmall"),
     N_("brevmallen (standard: den inbyggda, som medel mall skriver ut)"), 0, true},
    {"--per", NULL, OPT_VALUE, N_("FÄLT|ansökan"), NULL, CHOICES_NONE, N_("ett fält eller 'ansökan'"),
     N_("ett brev per värde av FÄLT, eller per ansökan (standard: fältet i 'tak … per', annars sökande)"), 0, true},
    OPT_INPUT_FORMAT, OPT_SHEET, OPT_KEEP_GOING, OPT_OUTSIDE, OPT_WERROR, OPT_END};

enum { T_COVERAGE, T_OUTSIDE, T_WERROR };
static const Opt TEST_OPTS[] = {
    {"--coverage", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL,
     N_("ett villkor eller en pott som inget godkänt test prövar gör att körningen misslyckas"), 0, false},
    OPT_OUTSIDE, OPT_WERROR, OPT_END};

enum { F_CHECK, F_STDOUT, F_ENGLISH, F_SWEDISH };
static const Opt FMT_OPTS[] = {
    {"--check", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL,
     N_("rapportera bara filerna som inte är formaterade (slutstatus 1)"), 1, false},
    {"--stdout", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, N_("skriv ut resultatet i stället för att skriva om filen"), 1, false},
    {"--english", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, N_("skriv nyckelorden på engelska"), 2, false},
    {"--swedish", NULL, OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, N_("skriv nyckelorden på svenska (standard)"), 2, false},
    OPT_END};

enum { D_FORMAT, D_OUTSIDE, D_WERROR };
static const Opt DIFF_OPTS[] = {OPT_FORMAT("table|json"), OPT_OUTSIDE, OPT_WERROR, OPT_END};

enum { S_PORT, S_HOST, S_TOKEN_FILE, S_TIMEOUT };
static const Opt SERVE_OPTS[] = {
    {"--port", NULL, OPT_VALUE, N_("N"), NULL, CHOICES_NONE, N_("ett portnummer"),
     N_("porten (standard: 8421, annars nästa lediga till 8440; 0 låter systemet välja)"), 0, true},
    {"--host", NULL, OPT_VALUE, N_("ADRESS"), NULL, CHOICES_NONE, N_("en adress"),
     N_("lyssna på ADRESS i stället för 127.0.0.1 och ::1 (uppgifterna kan då nås från andra datorer)"), 0, true},
    {"--token-file", NULL, OPT_VALUE, N_("FIL"), NULL, CHOICES_NONE, N_("ett filnamn"),
     N_("behåll åtkomstnyckeln i FIL (läge 0600) i stället för att välja en ny vid varje start"), 0, true},
    {"--timeout", NULL, OPT_VALUE, N_("SEKUNDER"), NULL, CHOICES_NONE, N_("ett antal sekunder"),
     N_("hur länge en förfrågan får ta att komma fram, och en anslutning vara tyst (standard: 30)"), 0, true},
    OPT_END};

static int run_serve(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_validate(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_report(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_test(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_mall(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_fmt(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_diff(const Command *c, const Parsed *p, FILE *out, FILE *err);
static int run_beslut(const Command *c, const Parsed *p, FILE *out, FILE *err);

static const Command COMMANDS[] = {
    {"validate", N_("[flaggor] REGELFIL…"), N_("kontrollera regelfiler och visa en sammanfattning av deras potter"),
     N_("en eller flera regelfiler"), 1, -1, VALIDATE_OPTS, run_validate},
    {"check", N_("REGELFIL ANSÖKNINGAR [flaggor]"),
     N_("vilka ansökningar som uppfyller villkoren för vilken pott, och varje villkor som inte är uppfyllt"),
     N_("en regelfil och en ansökningsfil"), 2, 2, CHECK_OPTS, run_report},
    {"explain", N_("REGELFIL ANSÖKNINGAR --id NYCKEL [flaggor]"), N_("hela prövningen av en ansökan, steg för steg"),
     N_("en regelfil och en ansökningsfil"), 2, 2, EXPLAIN_OPTS, run_report},
    {"allocate", N_("REGELFIL ANSÖKNINGAR [flaggor]"), N_("fördelningen av varje pott, exakt på öret"),
     N_("en regelfil och en ansökningsfil"), 2, 2, ALLOCATE_OPTS, run_report},
    {"whatif", N_("REGELFIL ANSÖKNINGAR (--scenario NAMN… | --all | --set POTT=BELOPP… | --sweep INTERVALL) [flaggor]"),
     N_("utgångsläget och scenarierna sida vid sida"), N_("en regelfil och en ansökningsfil"), 2, 2, WHATIF_OPTS, run_report},
    {"beslut", N_("REGELFIL ANSÖKNINGAR --ut MAPP [flaggor]"),
     N_("beslutsbrev: ett HTML-brev per sökande ur en brevmall, och index.html"), N_("en regelfil och en ansökningsfil"), 2, 2,
     BESLUT_OPTS, run_beslut},
    {"mall", N_("REGELFIL [ANSÖKNINGAR --bedömningar] [flaggor]"),
     N_("en ansökningsmall från regelfilen: en arbetsbok med rullgardinslistor, eller CSV; med --bedömningar ett blad att bedöma ansökningarna i"),
     N_("en regelfil, och med --bedömningar en ansökningsfil"), 0, 2, MALL_OPTS, run_mall},

    {"test", N_("[flaggor] REGELFIL_ELLER_MAPP…"),
     N_("kör testerna som står bredvid reglerna (NAMN.test.medel), med villkorens täckning"),
     N_("en eller flera regelfiler eller mappar, t.ex. medel test rules/"), 1, -1, TEST_OPTS, run_test},
    {"fmt", N_("[flaggor] REGELFIL…"), N_("skriv om regelfiler i standardlayouten, med kommentarerna kvar"),
     N_("regelfilerna som ska formateras"), 1, -1, FMT_OPTS, run_fmt},
    {"diff", N_("GAMMAL NY [flaggor]"), N_("vad som har ändrats i sak mellan två överenskommelser (slutstatus 1 när de skiljer sig)"),
     N_("två regelfiler, GAMMAL och NY"), 2, 2, DIFF_OPTS, run_diff},
    {"serve", N_("[MAPP] [--port N] [--host ADRESS] [--token-file FIL]"),
     N_("arbetsytan i webbläsaren: regelfilen, ansökningarna, fördelningen och scenarierna, på den egna datorn"),
     N_("högst en mapp"), 0, 1, SERVE_OPTS, run_serve},
};

enum { N_COMMANDS = sizeof COMMANDS / sizeof COMMANDS[0] };

static const Command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(COMMANDS[i].name, name))
            return &COMMANDS[i];
    return NULL;
}

/* ---- suggestions ---- */

/* The name of names[0..n) to suggest for v, or NULL: as text_suggest
** judges (case and marks folded, two swapped letters one slip, or the one
** name v begins). Names are compared without their leading dashes (one
** dash for two is a slip). */
static const char *closest(const char *v, const char *const *names, size_t n)
{
    Arena a;
    arena_init(&a);
    const char *bare = v + strspn(v, "-");
    const char **bares = arena_alloc(&a, (n + 1) * sizeof *bares);
    for (size_t i = 0; i < n; i++)
        bares[i] = names[i] ? names[i] + strspn(names[i], "-") : NULL;
    int k = text_suggest(&a, bare, bares, n);
    arena_free(&a);
    return k >= 0 ? names[k] : NULL;
}

/* The value of choices ("table|csv|json") closest to v, or NULL. Static. */
static const char *closest_choice(const char *choices, const char *v)
{
    static char buf[128];
    const char *names[16];
    size_t n = 0;
    snprintf(buf, sizeof buf, "%s", choices);
    for (char *s = strtok(buf, "|"); s && n < 16; s = strtok(NULL, "|"))
        names[n++] = s;
    return closest(v, names, n);
}

/* What people write for a command, in Swedish or by habit, and the command. */
static const struct {
    const char *word, *command;
} COMMAND_WORDS[] = {
    {"validera", "validate"}, {"kontrollera", "validate"}, {"granska", "validate"}, {"pröva", "check"},
    {"prova", "check"},       {"förklara", "explain"},     {"allokera", "allocate"}, {"fördela", "allocate"},
    {"fördelning", "allocate"}, {"tänkom", "whatif"},      {"vadom", "whatif"},      {"scenario", "whatif"},
    {"testa", "test"},        {"formatera", "fmt"},        {"format", "fmt"},        {"jämför", "diff"},
    {"skillnad", "diff"},     {"hjälp", "help"},           {"template", "mall"},     {"version", "--version"},
    {"brev", "beslut"},       {"letters", "beslut"},       {"decision", "beslut"},
};

/* The command the user most likely meant by the unknown word w, or NULL. */
static const char *closest_command(const char *w)
{
    const char *names[N_COMMANDS + 1];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = COMMANDS[i].name;
    names[N_COMMANDS] = "help";
    const char *best = closest(w, names, N_COMMANDS + 1);
    if (best)
        return best;
    const char *words[sizeof COMMAND_WORDS / sizeof *COMMAND_WORDS];
    for (size_t i = 0; i < sizeof COMMAND_WORDS / sizeof *COMMAND_WORDS; i++)
        words[i] = COMMAND_WORDS[i].word;
    const char *word = closest(w, words, sizeof words / sizeof *words);
    for (size_t i = 0; word && i < sizeof COMMAND_WORDS / sizeof *COMMAND_WORDS; i++)
        if (word == COMMAND_WORDS[i].word)
            return COMMAND_WORDS[i].command;
    return NULL;
}

/* ---- messages ---- */

/* The one usage line of command c (NULL: of medel itself), and where all
** options are listed. */
static void usage_line(FILE *err, const Command *c)
{
    if (c) {
        fprintf(err, _("användning: medel %s %s\n"), c->name, _(c->synopsis));
        fprintf(err, _("skriv 'medel %s --help' för alla flaggor\n"), c->name);
        return;
    }
    fputs(_("användning: medel KOMMANDO ARGUMENT…   (kommandon: validate, check, explain, allocate, whatif, beslut, mall, test, fmt, diff)\n"),
          err);
    fputs(_("skriv 'medel --help' för alla kommandon och flaggor\n"), err);
}

/* A usage error of command c (NULL: of medel itself): the message, then
** the command's usage line and where its options are listed. Returns
** MEDEL_EXIT_USAGE. */
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
    usage_line(err, c);
    return MEDEL_EXIT_USAGE;
}

/* Not a usage error, and not to be ended by abort(): said, and exit 70. */
static int out_of_memory(FILE *err)
{
    fputs(_("medel: slut på minne\n"), err);
    return MEDEL_EXIT_SOFTWARE;
}

/* "table, csv eller json" for "table|csv|json" (and = true: "… och …"),
** into buf. */
static const char *join_list(const char *items, bool and, char *buf, size_t n)
{
    char head[160];
    const char *last = strrchr(items, '|');
    if (!last) {
        snprintf(buf, n, "%s", items);
        return buf;
    }
    size_t at = 0;
    for (const char *s = items; s < last && at + 3 < sizeof head; s++) {
        if (*s == '|') {
            head[at++] = ',';
            head[at++] = ' ';
        } else {
            head[at++] = *s;
        }
    }
    head[at] = '\0';
    /* TRANSLATORS: the last two of a list of choices: "table, csv eller json". */
    if (and)
        snprintf(buf, n, _("%s och %s"), head, last + 1);
    else
        snprintf(buf, n, _("%s eller %s"), head, last + 1);
    return buf;
}

static const char *choice_list(const char *choices, char *buf, size_t n)
{
    return join_list(choices, false, buf, n);
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
                                          "portfölj", "manuell", "ej_stödberättigade", "bedömningar", "belopp", "ändringar", "ansökningar",
                                          "anvisningar"};

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

/* "okänt format 'x'" for a value of o that is none of its choices, into buf. */
static const char *unknown_value(const Opt *o, const char *v, char *buf, size_t n)
{
    if (o->what == CHOICES_TABLE)
        snprintf(buf, n, _("okänd tabell '%s'"), v);
    else if (o->what == CHOICES_INPUT_FORMAT)
        snprintf(buf, n, _("okänt indataformat '%s'"), v);
    else
        snprintf(buf, n, _("okänt format '%s'"), v);
    return buf;
}

/* One option's line of --help: the help from column 28, as in medel's
** usage, or after three spaces when that would leave fewer. */
static void print_opt(const Opt *o, FILE *out)
{
    if (!o->help)
        return;
    char left[128];
    snprintf(left, sizeof left, "  %s%s%s%s%s", o->name, o->alias ? ", " : "", o->alias ? o->alias : "",
                     o->kind == OPT_FLAG ? "" : " ", o->kind == OPT_FLAG ? "" : o->arg ? _(o->arg) : o->choices);
    size_t w = text_width(left, strlen(left), 0);
    fprintf(out, "%s%*s%s\n", left, w <= 25 ? (int)(28 - w) : 3, "", _(o->help));
}

/* `medel CMD --help`: the synopsis, what it does, and each option with one line. */
static void print_help(const Command *c, FILE *out)
{
    fprintf(out, _("användning: medel %s %s\n"), c->name, _(c->synopsis));
    fprintf(out, "\n%s\n\n", _(c->summary));
    fputs(_("flaggor:\n"), out);
    for (const Opt *o = c->opts; o->name; o++)
        print_opt(o, out);
    /* Taken by take_language before parsing, in every command. */
    static const Opt language = {"--lang", "--språk", OPT_VALUE, NULL, "sv|en", CHOICES_NONE, NULL,
                                 N_("meddelandenas språk (standard: miljöns, annars svenska)"), 0, false};
    static const Opt help = {"-h", "--help", OPT_FLAG, NULL, NULL, CHOICES_NONE, NULL, N_("visa den här hjälpen"), 0, false};
    print_opt(&language, out);
    print_opt(&help, out);
}

/* medel --help: the synopses, every command with its summary, the options. */
static void print_usage(FILE *out)
{
    fputs(_(USAGE_SYNOPSES), out);
    fputs("\n", out);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", COMMANDS[i].name, _(COMMANDS[i].summary));
    fputs("\n", out);
    fputs(_(USAGE_OPTIONS), out);
}

/* The commands that have an option named a ("check, explain och allocate"),
** into buf; empty when none has. */
static const char *commands_with(const char *a, size_t len, char *buf, size_t n)
{
    char items[160];
    size_t at = 0;
    items[0] = '\0';
    for (size_t i = 0; i < N_COMMANDS; i++)
        for (const Opt *o = COMMANDS[i].opts; o->name; o++)
            if (o->group >= 0 && ((strlen(o->name) == len && !strncmp(o->name, a, len)) ||
                                  (o->alias && strlen(o->alias) == len && !strncmp(o->alias, a, len)))) {
                at += (size_t)snprintf(items + at, sizeof items - at, "%s%s", at ? "|" : "", COMMANDS[i].name);
                if (at >= sizeof items)
                    at = sizeof items - 1;
                break;
            }
    buf[0] = '\0';
    return at ? join_list(items, true, buf, n) : buf;
}

/* Every table of every command, as choices. */
static const char ALL_TABLES[] = "prövning|avvisade|körning|beslut|potter|fokusområden|portfölj|manuell|ej_stödberättigade|bedömningar|belopp|"
                                 "ändringar|"
                                 "ansökningar|anvisningar";

/* The commands that have the table t ("check och allocate"), into buf. */
static const char *tables_with(const char *t, char *buf, size_t n)
{
    char items[160];
    size_t at = 0;
    items[0] = '\0';
    for (size_t i = 0; i < N_COMMANDS; i++)
        for (const Opt *o = COMMANDS[i].opts; o->name; o++)
            if (o->what == CHOICES_TABLE && o->group >= 0 && is_choice(o->choices, t)) {
                at += (size_t)snprintf(items + at, sizeof items - at, "%s%s", at ? "|" : "", COMMANDS[i].name);
                if (at >= sizeof items)
                    at = sizeof items - 1;
                break;
            }
    buf[0] = '\0';
    return at ? join_list(items, true, buf, n) : buf;
}

/* An unknown option a (len bytes) of c: with the option most like it, or
** the commands that have it. */
static int unknown_option(FILE *err, const Command *c, const char *a, size_t len)
{
    char word[128], others[192];
    snprintf(word, sizeof word, "%.*s", (int)len, a);
    const char *names[2 * MAX_OPTS + 3];
    size_t n = 0;
    for (const Opt *o = c->opts; o->name; o++) {
        if (o->group < 0)
            continue;
        names[n++] = o->name;
        if (o->alias && o->alias[1] == '-')
            names[n++] = o->alias;
    }
    names[n++] = "--help";
    names[n++] = "--lang";
    names[n++] = "--språk";
    if (commands_with(a, len, others, sizeof others)[0])
        return usage(err, c, _("%s är ingen flagga för %s, bara för %s"), word, c->name, others);
    const char *best = len > 2 ? closest(word, names, n) : NULL;
    if (best)
        return usage(err, c, _("okänd flagga '%s'; menade du '%s'?"), word, best);
    return usage(err, c, _("okänd flagga '%s'"), word);
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
            if (c->max_args >= 0 && p->n_args == c->max_args) {
                /* A value without its option ("json" for "--format json"). */
                for (const Opt *o = c->opts; o->name; o++)
                    if (o->choices && o->group >= 0 && is_choice(o->choices, a))
                        return usage(err, c, _("ett argument för mycket: '%s'; menade du '%s %s'?"), a, o->name, a);
                return usage(err, c, _("ett argument för mycket: '%s'; ange %s"), a, _(c->operands));
            }
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
            return unknown_option(err, c, a, len);
        const Opt *o = &c->opts[k];
        char nb[64], cb[160];
        if (o->kind == OPT_FLAG) {
            if (eq)
                return usage(err, c, _("%.*s tar inget värde, inte '%s'"), (int)len, a, eq + 1);
            /* A flag of a group: another of the same group is a conflict. */
            for (int j = 0; o->group > 0 && c->opts[j].name; j++)
                if (j != k && c->opts[j].group == o->group && p->value[j])
                    return usage(err, c, _("%s och %s kan inte ges tillsammans; välj en av dem"), p->value[j], o->name);
            p->value[k] = o->name;
            continue;
        }
        const char *v;
        if (eq)
            v = eq + 1;
        else if (i + 1 < argc)
            v = argv[++i];
        else if (o->choices) {
            return usage(err, c, _("%.*s behöver ett värde: %s"), (int)len, a, choice_list(o->choices, cb, sizeof cb));
        } else
            return usage(err, c, _("%.*s behöver %s"), (int)len, a, _(o->needs));
        if (o->nonempty && !v[0])
            return usage(err, c, _("%.*s behöver %s, inte ett tomt värde"), (int)len, a, _(o->needs));
        /* A table is named as its sheet is, or as it is easy to type. */
        if (o->what == CHOICES_TABLE && !is_choice(o->choices, v) && table_choice(o->choices, v))
            v = table_choice(o->choices, v);
        if (o->choices && !is_choice(o->choices, v)) {
            char what[160];
            unknown_value(o, v, what, sizeof what);
            const char *best = closest_choice(o->choices, v);
            if (best)
                /* TRANSLATORS: "okänt format 'tabel'; menade du 'table'? (välj table, csv eller json)" */
                return usage(err, c, _("%s; menade du '%s'? (välj %s)"), what, best, choice_list(o->choices, cb, sizeof cb));
            /* A table of another command: say whose it is. */
            char others[160];
            const char *t = o->what == CHOICES_TABLE ? table_choice(ALL_TABLES, v) : NULL;
            if (t && tables_with(t, others, sizeof others)[0])
                /* TRANSLATORS: "okänd tabell 'beslut'; välj prövning, avvisade eller körning (beslut är en tabell i allocate)" */
                return usage(err, c, _("%s; välj %s (%s är en tabell i %s)"), what, choice_list(o->choices, cb, sizeof cb), t,
                             others);
            /* TRANSLATORS: "okänt format 'x'; välj table, csv eller json" */
            return usage(err, c, _("%s; välj %s"), what, choice_list(o->choices, cb, sizeof cb));
        }
        if (o->kind == OPT_LIST) {
            if (!p->list[k] && !(p->list[k] = calloc((size_t)argc + 1, sizeof *p->list[k])))
                return out_of_memory(err);
            p->list[k][p->n_list[k]++] = v;
            continue;
        }
        /* The same value twice is harmless; another one is a usage error
        ** (which would count is a guess). */
        if (p->value[k] && strcmp(p->value[k], v))
            return usage(err, c, _("%s angavs två gånger, som '%s' och som '%s'; ange den en gång"),
                         opt_name(o, nb, sizeof nb), p->value[k], v);
        p->value[k] = v;
    }
    if (p->n_args < c->min_args)
        return usage(err, c, _("för få filer; ange %s"), _(c->operands));
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
    o.werror = p->value[V_WERROR] != NULL;
    if (o.json && (o.dump || o.dump_ast))
        return usage(err, c, _("%s och --format json kan inte ges tillsammans; välj en av dem"), o.dump ? "--dump" : "--dump-ast");
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
                return usage(err, c, _("--set anger potten '%.*s' två gånger, som '%s' och som '%s'; ange varje pott en gång"), (int)li, pi,
                             w->sets[j], w->sets[i]);
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < w->n_drops; i++) {
        bool seen = false;
        for (size_t j = 0; j < n && !seen; j++)
            seen = !strcmp(w->drops[i], w->drops[j]);
        if (seen) {
            fputs("medel: warning: ", err);   /* the label is not translated (logs read it) */
            fprintf(err, _("--drop anger villkoret '%s' två gånger; det utelämnas en gång\n"), w->drops[i]);
        } else {
            w->drops[n++] = w->drops[i];
        }
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
    } NAMES[] = {{".xlsx", "xlsx", N_("en arbetsbok")},
                 {".csv", "csv", N_("en CSV-fil")},
                 {".json", "json", N_("en JSON-fil")},
                 {".html", "html", N_("en HTML-sida")},
                 {".ods", "ods", N_("ett OpenDocument-kalkylark")}};
    size_t n = path ? strlen(path) : 0;
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++) {
        size_t e = strlen(NAMES[i].ext);
        if (n > e && !strcasecmp(path + n - e, NAMES[i].ext)) {
            *what = _(NAMES[i].what);
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
        return usage(err, c, _("utfilen '%s' är %s, men --format är %s; ange --format %s eller ett annat namn"), output, what,
                     *format, named);
    if (*format)
        return usage(err, c, _("utfilen '%s' är %s, men --format är %s; ge utfilen ett annat namn"), output, what,
                     *format);
    if (!is_choice(choices, named))
        return usage(err, c, _("utfilen '%s' är %s, som %s inte skriver (kommandot skriver %s); ge utfilen ett annat namn"),
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
    o.format = html && !strcmp(c->name, "allocate") ? MEDEL_FORMAT_HTML   /* the decision basis */
             : !format || !strcmp(format, "table") || html ? MEDEL_FORMAT_TABLE
             : !strcmp(format, "csv") ? MEDEL_FORMAT_CSV
             : !strcmp(format, "xlsx") ? MEDEL_FORMAT_XLSX : MEDEL_FORMAT_JSON;
    if (o.format == MEDEL_FORMAT_XLSX && (!o.output || !strcmp(o.output, "-")) && isatty(fileno(stdout)))
        return usage(err, c, _("en arbetsbok är binär och skrivs inte till en terminal; ange -o FIL (t.ex. -o resultat.xlsx) eller dirigera om standard ut"));
    if (sheets && p->value[R_TABLE] && o.format != MEDEL_FORMAT_CSV)
        return usage(err, c, _("--table väljer en CSV-tabell; ange den med --format csv (en arbetsbok har varje tabell som ett blad)"));
    o.table = sheets ? p->value[R_TABLE] : NULL;
    o.args = (const char *const *)p->argv;
    o.n_args = (size_t)p->argc;
    o.input_format = p->value[R_INPUT_FORMAT];
    o.sheet = p->value[R_SHEET];
    o.keep_going = p->value[R_KEEP_GOING] != NULL;
    o.allow_outside_paths = p->value[R_OUTSIDE] != NULL;
    o.assessments = p->value[R_ASSESSMENTS];
    o.werror = p->value[R_WERROR] != NULL;
    if (!strcmp(c->name, "check"))
        return medel_check(&o, out, err);
    if (!strcmp(c->name, "allocate"))
        return medel_allocate(&o, out, err);
    if (!strcmp(c->name, "explain")) {
        o.id = p->value[R_ID];
        if (!o.id)
            return usage(err, c, _("--id NYCKEL saknas: nyckeln till ansökan som ska förklaras"));
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
        return usage(err, c, _("--table väljer en CSV-tabell; ange den med --format csv, inte med --format %s"),
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
    o.werror = p->value[T_WERROR] != NULL;
    return medel_test(p->args, p->n_args, &o, out, err);
}

static int run_mall(const Command *c, const Parsed *p, FILE *out, FILE *err)
{
    if (p->value[M_BREV]) {
        for (int k = 0; k < M_BREV; k++)
            if (k != M_OUTPUT && p->value[k])
                return usage(err, c, _("--brev skriver brevmallen och tar bara -o FIL, inte %s"), c->opts[k].name);
        if (p->n_args)
            return usage(err, c, _("--brev skriver brevmallen och tar ingen regelfil, inte '%s'"), p->args[0]);
        return medel_mall_brev(p->value[M_OUTPUT], out, err);
    }
    if (!p->n_args)
        return usage(err, c, _("för få filer; ange %s"), _(c->operands));
    MedelMallOptions o = {0};
    o.rules = p->args[0];
    o.output = p->value[M_OUTPUT];
    o.format = p->value[M_FORMAT];
    o.table = p->value[M_TABLE];
    o.allow_outside_paths = p->value[M_OUTSIDE] != NULL;
    o.assessments = p->value[M_ASSESS] != NULL;
    o.sheet = p->value[M_SHEET];
    o.werror = p->value[M_WERROR] != NULL;
    if (o.assessments && p->n_args < 2)
        return usage(err, c, _("--bedömningar gör ett blad för ansökningarna i en fil: ge den efter regelfilen, t.ex. medel mall REGELFIL ANSÖKNINGAR --bedömningar -o bedömningar.xlsx"));
    if (!o.assessments && p->n_args > 1)
        return usage(err, c, _("en ansökningsfil behövs bara med --bedömningar (ett blad att bedöma ansökningarna i)"));
    if (o.sheet && !o.assessments)
        return usage(err, c, _("--sheet väljer bladet med ansökningar; det hör till --bedömningar"));
    if (o.assessments && o.table)
        return usage(err, c, _("--table väljer en tabell i ansökningsmallen; bladet för bedömningar har en enda"));
    o.applications = o.assessments ? p->args[1] : NULL;
    if (o.table && o.format && strcmp(o.format, "csv"))
        return usage(err, c, _("--table väljer en CSV-tabell; ange den med --format csv, inte med --format %s"), o.format);
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
    return medel_diff(p->args[0], p->args[1], json, p->value[D_OUTSIDE] != NULL, p->value[D_WERROR] != NULL, out, err);
}

static int run_beslut(const Command *c, const Parsed *p, FILE *out, FILE *err)
{
    MedelBeslutOptions o = {0};
    o.rules = p->args[0];
    o.applications = p->args[1];
    o.output = p->value[B_OUT];
    if (!o.output)
        return usage(err, c, _("--ut MAPP saknas: mappen som breven skrivs i"));
    o.template_path = p->value[B_TEMPLATE];
    o.per = p->value[B_PER];
    o.input_format = p->value[B_INPUT_FORMAT];
    o.sheet = p->value[B_SHEET];
    o.keep_going = p->value[B_KEEP_GOING] != NULL;
    o.allow_outside_paths = p->value[B_OUTSIDE] != NULL;
    o.werror = p->value[B_WERROR] != NULL;
    return medel_beslut(&o, out, err);
}

static int run_serve(const Command *c, const Parsed *p, FILE *out, FILE *err)
{
    ServeOptions o = {0};
    o.folder = p->n_args ? p->args[0] : NULL;
    o.port = -1;
    o.host = p->value[S_HOST];
    o.token_file = p->value[S_TOKEN_FILE];
    o.timeout = 30;
    char *end;
    if (p->value[S_PORT]) {
        long port = strtol(p->value[S_PORT], &end, 10);
        if (*end || port < 0 || port > 65535)
            return usage(err, c, _("--port ska vara ett portnummer mellan 0 och 65535, inte '%s'"), p->value[S_PORT]);
        o.port = (int)port;
    }
    if (p->value[S_TIMEOUT]) {
        long t = strtol(p->value[S_TIMEOUT], &end, 10);
        if (*end || t < 1 || t > 3600)
            return usage(err, c, _("--timeout ska vara ett antal sekunder mellan 1 och 3600, inte '%s'"),
                         p->value[S_TIMEOUT]);
        o.timeout = (unsigned)t;
    }
    return serve_run(&o, out, err);
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

/* An unknown command w (after "help: " when help is given): with the
** command most like it, or a hint when w is a rule file given first. */
static int unknown_command(FILE *err, const char *help, const char *w)
{
    char msg[512];
    const char *best = closest_command(w);
    size_t n = strlen(w);
    if (best)
        snprintf(msg, sizeof msg, _("okänt kommando '%s'; menade du '%s'?"), w, best);
    else if (n > 6 && !strcmp(w + n - 6, ".medel"))
        snprintf(msg, sizeof msg, _("okänt kommando '%s'; skriv kommandot först, t.ex. 'medel validate %s'"), w, w);
    else
        snprintf(msg, sizeof msg, _("okänt kommando '%s'"), w);
    return usage(err, NULL, "%s%s%s", help ? help : "", help ? ": " : "", msg);
}

/* medel's own words: --version, --help, help [COMMAND]. Returns -1 when
** argv[1] is none of them. */
static int run_medel(int argc, char **argv, FILE *out, FILE *err)
{
    const char *w = argv[1];
    bool help = !strcmp(w, "--help") || !strcmp(w, "-h") || !strcmp(w, "help");
    if (!help && strcmp(w, "--version"))
        return -1;
    if (argc > 2 && !help)
        return usage(err, NULL, _("%s tar inget efter sig, inte '%s'"), w, argv[2]);
    if (argc > 3)
        return usage(err, NULL, _("%s tar inget efter sig utom ett kommando, inte '%s'"), w, argv[3]);
    if (!help) {
        fprintf(out, "medel %s\n", medel_version());
        return MEDEL_EXIT_OK;
    }
    if (argc == 2) {
        print_usage(out);
        return MEDEL_EXIT_OK;
    }
    const Command *c = find_command(argv[2]);
    if (!c)
        return unknown_command(err, w, argv[2]);
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
/* Out of memory on any thread: the half-written output goes, a line says
** why, and the process ends with the status the library gives for it
** (medel.h). The line is translated beforehand: no memory is left now. */
static const char *oom_line;
static int oom_fd = 2;

static _Noreturn void cli_out_of_memory(void)
{
    out_abandon();
    if (oom_line)
        (void)!write(oom_fd, oom_line, strlen(oom_line));
    _exit(MEDEL_EXIT_SOFTWARE);
}

int medel_main(int argc, char **argv, FILE *out, FILE *err)
{
    oom_line = _("medel: minnet tog slut\n");
    oom_fd = fileno(err) >= 0 ? fileno(err) : 2;
    arena_set_last_resort(cli_out_of_memory);
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
        rc = usage(e, NULL, _("ange ett kommando"));
    } else if ((rc = run_medel(argc, argv, out, e)) >= 0) {
        /* done */
    } else if (!c) {
        rc = unknown_command(e, NULL, argv[1]);
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
    arena_set_last_resort(NULL);
    return rc;
}
