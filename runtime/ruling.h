/*
** ruling.h: what officers record about applications, kept in a file of
** assessments (bedömningar, CSV or an Excel workbook) beside the
** applications: a manual assessment of a case the data cannot decide (a
** criterion whose input is missing, a pot's 'ansökningar där', the sub-pot
** of a split pot), or an override of an outcome the data did decide, each
** with who, when and why. assess (assessment.h) applies them; every report
** says where an outcome came from.
**
** One row per application and criterion (or pot, for 'ansökningar där' and
** 'delpott'); the columns:
**     Ansökan;Pott;Villkor;Utfall;Typ;Bedömd av;Datum;Motivering
** Ansökan may also be headed as the rule file's key column (Diarienummer).
** Pott, Typ may be left out; Projekt, Varför and Regel, which `medel mall
** --bedömningar` writes for the reader, are read and ignored. A criterion is
** assessed once per application, for every pot it applies to: Pott, when
** given on its row, must be one of them.
**
** Reading checks each row on its own and against the others (a criterion
** assessed twice, an override without a justification); ruling_check then
** checks them against the applications read (an unknown key, an assessment
** of a case the data decides).
*/
#ifndef RUNTIME_RULING_H
#define RUNTIME_RULING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "eval.h"
#include "input.h"
#include "program.h"
#include "strmap.h"
#include "value.h"

struct Assessment;

typedef enum RulingTarget {
    RULING_CRITERION,   /* a criterion (villkor) */
    RULING_CONSIDERS,   /* a pot's 'ansökningar där': whether the pot considers the application */
    RULING_ROUTE        /* a split pot's sub-pot (delpott) */
} RulingTarget;

typedef enum RulingKind {
    RULING_ASSESSED,    /* bedömning: of a case the data cannot decide */
    RULING_OVERRIDE     /* åsidosättande: replaces what the data decided */
} RulingKind;

typedef struct Ruling {
    const char *key;        /* the application's key, as written (NFC) */
    RulingTarget target;
    int32_t criterion;      /* RULING_CRITERION: the criterion; else -1 */
    int32_t pot;            /* the pot named; -1 (a criterion's row without one) */
    Outcome outcome;        /* OUTCOME_PASS or OUTCOME_FAIL (a route: PASS) */
    int32_t route;          /* RULING_ROUTE: the row of the split's table; else -1 */
    RulingKind kind;
    const char *by;         /* who assessed */
    const char *date;       /* when, YYYY-MM-DD */
    const char *why;        /* the justification ("" when none was given) */
    size_t row;             /* its row in the file (a workbook: the sheet row) */
    const char *where;      /* "bedömningar.csv:4" or "bedömningar.xlsx:Bedömningar:4", for messages */
    bool left_out;          /* a case assessed on an earlier row too: reported, not applied */
} Ruling;

typedef struct RulingSet {
    const char *path;       /* the file, as named */
    char sha256[65];        /* of its bytes */
    Ruling *r;              /* n rulings, in file order */
    size_t n;
    const Ruling **by_app;  /* the rulings grouped by application (stable, file order within) */
    StrMap index;           /* folded key -> first index into by_app */
    uint32_t *count;        /* per first index: how many of by_app are that application's */
    size_t errors;          /* rows with errors (reported, left out) */
} RulingSet;

/* The columns' headings (Swedish in every language: the file is data). */
#define RULING_COL_KEY "Ansökan"
#define RULING_COL_POT "Pott"
#define RULING_COL_WHAT "Villkor"
#define RULING_COL_OUTCOME "Utfall"
#define RULING_COL_KIND "Typ"
#define RULING_COL_BY "Bedömd av"
#define RULING_COL_DATE "Datum"
#define RULING_COL_WHY "Motivering"
/* Written by the template for the reader, ignored when read. */
#define RULING_COL_TITLE "Projekt"
#define RULING_COL_CASE "Varför"
#define RULING_COL_RULE "Regel"
/* The words of Villkor for the two targets that are no criterion, and of
** Utfall and Typ. */
#define RULING_WORD_CONSIDERS "ansökningar där"
#define RULING_WORD_ROUTE "delpott"
#define RULING_WORD_PASS "uppfyllt"
#define RULING_WORD_FAIL "ej uppfyllt"
#define RULING_WORD_ASSESSED "bedömning"
#define RULING_WORD_OVERRIDE "åsidosättande"

/* Reads the file of assessments at path (CSV, or the first sheet of a
** workbook) for program p with its tables, reporting every problem (each a
** located line "PATH:ROW: kolumn 'X': …") to report. Returns the set (in
** `a`) of the rows without errors, *status STATUS_OK, or STATUS_ASSESSMENTS
** when rows had errors (set->errors of them, left out: the caller reads on,
** to say every error in one pass, and then fails); NULL when the file
** cannot be used at all, *status then STATUS_NOINPUT (it cannot be read) or
** STATUS_HEADER (a required column is missing). Warnings (a column not
** read, a file read as Windows-1252) are said and counted in *warnings. */
RulingSet *ruling_read(const Program *p, const TableData *tables, const char *path, Arena *a, InputReport report,
                       void *ctx, int *status, size_t *warnings);

/* The rulings of the application with key `key` (*n of them), or NULL. */
const Ruling *const *ruling_of(const RulingSet *set, const char *key, uint32_t *n);

/* The ruling that decided target t (a criterion's or a pot's index) of the
** application assessed as `as`, or NULL when the data decided it. For a
** route, pot is the pot that takes the application (its split may be an
** ancestor's). */
const Ruling *ruling_find(const struct Assessment *as, RulingTarget t, int index);

/* The ruling on 'ansökningar där' that holds for pot k (k's own or its
** nearest ancestor's), and the one on the sub-pot of k's split (which may
** be an ancestor's); NULL when none. */
const Ruling *considers_ruling(const Program *p, const struct Assessment *as, int k);
const Ruling *route_ruling(const Program *p, const struct Assessment *as, int k);

/* What the data alone gave for what r decides, for the application
** assessed as `as`: a criterion's outcome; for 'ansökningar där' PASS, FAIL
** (the pot does not consider it) or MANUAL; for a route PASS (its sub-pot
** is known) or MANUAL. */
Outcome ruling_data(const Program *p, const struct Assessment *as, const Ruling *r);

/* Checks the rulings against an application as assessed: a bedömning of a
** case the data decides, an override that changes nothing. Reports each
** problem and returns how many there were. Marks the application's rulings
** as seen in seen[] (one flag per ruling of the set, indexed as set->r). */
size_t ruling_check_app(const EvalContext *cx, const struct Assessment *as, bool *seen, InputReport report, void *ctx);

/* After every application was read: a ruling not seen names no valid
** application; reported with the closest key among keys[0..n_keys) (NULL
** entries skipped). Returns how many. */
size_t ruling_check_unseen(const RulingSet *set, const bool *seen, const char *const *keys, size_t n_keys, Arena *a,
                           InputReport report, void *ctx);

/* Where an outcome came from: "bedömt uppfyllt av Anna Berg 2021-03-15
** (bedömningar.csv:2): …" or "åsidosatt till ej uppfyllt av Anna Berg
** 2021-03-15 (bedömningar.csv:3; uppgifterna gav: uppfyllt): …"; `data` is
** what the data alone gave. For people (in the chosen language), or when
** not `people` in Swedish whatever the language (CSV cells). Into
** buf[0..n). */
const char *ruling_text(const Ruling *r, Outcome data, const Program *p, const TableData *tables, bool people,
                        char *buf, size_t n);

/* The same as a token for CSV and JSON: "assessed" or "override"; a NULL
** ruling is "computed". Static. */
const char *ruling_token(const Ruling *r);

/* Swedish words for CSV cells, the same in every language: "beräknat",
** "bedömt", "åsidosatt"; static. */
const char *ruling_word(const Ruling *r);

/* What the Utfall of r says, as a file holds it: "uppfyllt", "ej uppfyllt",
** or the route's key. */
const char *ruling_outcome_text(const Ruling *r, const Program *p, const TableData *tables);

/* A case that needs an officer's assessment, as the template lists them. */
typedef struct RulingCase {
    RulingTarget target;
    int32_t index;      /* the criterion, or the pot */
    int32_t pot;        /* the pot it was found in */
    int field;          /* the missing field it needs, or -1 */
} RulingCase;

/* The open cases of the application assessed as `as` (still MANUAL after
** its rulings): at most max into out, in the rule file's order, each once;
** returns how many there are. */
size_t ruling_cases(const EvalContext *cx, const Application *app, const struct Assessment *as, RulingCase *out,
                    size_t max);

#endif
