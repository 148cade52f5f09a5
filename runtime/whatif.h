/*
** whatif.h: comparing the baseline allocation with named scenarios (changes
** to pots, splits, criteria, priorities, tables or rounding), side by side.
** The comparison is a plain table of amounts, one column per scenario, that
** the reports (table, CSV, JSON, HTML) only format.
*/
#ifndef RUNTIME_WHATIF_H
#define RUNTIME_WHATIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "input.h"
#include "money.h"
#include "report.h"
#include "verdict.h"

/* One row of the comparison: a pot, a sub-pot or a recipient, with its
** amount in each column (column 0 is the baseline). present[i] is false when
** the row does not exist in column i (a pot added or removed by a scenario);
** its amount is then 0. */
typedef struct WhatIfRow {
    const char *name;      /* "kommunerna/Botkyrka", or an application key */
    const char *label;     /* the pot's label or the project's title, or NULL */
    int depth;             /* pots: nesting depth, for indenting */
    Money *amount;         /* n_columns amounts, öre */
    bool *present;         /* n_columns */
    const char **parts;    /* pots: n_columns texts of a sub-pot of a split with rules ("grundbelopp 100 000 kr
                           ** + andel 1 134 567 kr", "under spärren"), NULL where it has none; NULL for others */
} WhatIfRow;

/* An application whose eligibility for a pot differs from the baseline; also
** one whose row a scenario rejects while the baseline accepts it (after is
** VERDICT_REJECTED, why the reader's reasons), or the reverse. */
typedef struct WhatIfChange {
    const char *application;
    const char *pot;
    size_t column;         /* the scenario (>= 1) */
    Verdict before, after; /* VERDICT_ABSENT where the pot takes no applications */
    const char *why;       /* the failed criteria and their reasons, or what now passes */
} WhatIfChange;

/* A file the comparison read, with its SHA-256 (NULL if it cannot be read). */
typedef struct WhatIfInput {
    const char *role;      /* "rules", "data" or "applications" */
    const char *path;
    const char *sha256;
} WhatIfInput;

typedef struct WhatIf {
    const char *title;     /* the agreement's name */
    size_t n_columns;      /* 1 + the number of scenarios */
    const char **column;   /* "baslinje", then each scenario's name */
    const char **column_label; /* each scenario's description, or NULL */
    WhatIfRow *pots;       /* every pot and sub-pot, in tree order */
    size_t n_pots;
    WhatIfRow *grants;     /* every application or payout recipient with a grant in some column */
    size_t n_grants;
    WhatIfChange *changes;
    size_t n_changes;
    Money *total;          /* per column: the top-level pots */
    Money *granted;        /* per column */
    Money *unallocated;    /* per column */
    Money *returned;       /* per column: paid back by 'kvar återbetalas' (total == granted + returned + unallocated) */
    bool *conserved;       /* per column: total == granted + unallocated, and every pot conserves */
    size_t *read_apart;    /* per column: applications read differently from the baseline (rejected in one, not the other) */
    const char **binding_not_held; /* per column: the binding portfolio constraints that do not hold, ", "-joined, or NULL */
    size_t rejected;       /* baseline rows rejected (under --keep-going): left out of every column that does not read them otherwise */
    /* A sweep varies one amount; then column i >= 1 has sweep_value[i]. */
    bool is_sweep;
    const char *sweep_what;   /* e.g. "ungdomsmottagningar" */
    Money *sweep_value;       /* per column (column 0: the baseline's amount) */
    const struct WhatIfInput *inputs;   /* every file read, for the JSON report */
    size_t n_inputs;
} WhatIf;

/* Writes the comparison as a single self-contained HTML page (no external
** scripts, fonts or styles): a summary, tables per pot and per recipient with
** the difference from the baseline, SVG bar charts comparing baseline and
** scenarios per pot and per recipient, the eligibility changes, and for a
** sweep an SVG line chart of the granted and unallocated amounts against the
** swept value. Every text that comes from rule files or applications is
** HTML-escaped (a project title is untrusted input). */
void html_whatif(const WhatIf *w, FILE *out);

/* One what-if run, as the command line asks for it. Everything is borrowed
** for the length of whatif_run. */
typedef struct WhatIfRun {
    const char *rules;          /* the rule file */
    const char *applications;   /* the application file ("-" for standard input) */
    InputFormat input_format;
    const char *sheet;          /* a workbook's sheet (NULL: the first) */
    const char *output;         /* NULL or "-" for standard output; else written atomically */
    FILE *out;                  /* with output NULL or "-": the stream the report goes to (NULL: standard output) */
    ReportFormat format;        /* unless html or xlsx */
    bool html;                  /* the self-contained HTML report (html_whatif) */
    bool xlsx;                  /* a workbook: the comparison side by side, the eligibility changes, Om körningen */
    bool changes_table;         /* CSV: the table of eligibility changes instead of the amounts (--table ändringar) */
    const char *const *args;    /* the command line after "medel whatif", for Om körningen, or NULL */
    size_t n_args;
    bool keep_going;            /* compare what reads, rejected rows (and rows a scenario reads otherwise) left out */
    const char *assessments;    /* the officers' assessments (--bedömningar), or NULL: applied in every column */
    bool allow_outside_paths;
    bool werror;                /* --werror: a warning in the rule file (or a scenario's load of it) is an error */
    const char *scenario_file;  /* further 'scenario' blocks, or NULL */
    const char *scenario_text;  /* scenario blocks made from the command line (--set, --drop, --sweep), or NULL;
                                ** named "kommandoraden" in messages unless scenario_text_name says otherwise */
    const char *scenario_text_name; /* the name of scenario_text in messages (NULL: "kommandoraden") */
    const char *const *scenarios;   /* the scenarios to compare, by name */
    size_t n_scenarios;
    bool all_scenarios;         /* every scenario known (when none is named) */
    /* A sweep: n_sweep points (scenarios svep_1 … in scenario_text) of pot
    ** sweep_pot, from sweep_from by sweep_step; n_sweep 0 for none. */
    size_t n_sweep;
    const char *sweep_pot;
    Money sweep_from, sweep_step;
    /* The pots of --set and the criteria of --drop, as read (NFC), so that a
    ** name the rule file lacks is a usage error with a suggestion, said
    ** before any application is read. */
    const char *const *set_pots;
    size_t n_set_pots;
    const char *const *drop_criteria;
    size_t n_drop_criteria;
} WhatIfRun;

/* Loads the baseline and each scenario, allocates the applications under
** each and writes the comparison to o->output. Messages go to err. Returns
** a status (status.h): STATUS_USAGE when no scenario is named and the rules
** name none to compare, or when a scenario, a pot of --set or --sweep or a
** criterion of --drop is not in the rules (said with the closest name, or
** the names there are), STATUS_APPLICATIONS when rows were rejected or read
** otherwise under a scenario (the comparison is still written under
** keep_going), and as session_load and allocation_report_failure do. */
int whatif_run(const WhatIfRun *o, FILE *err);

#endif
