/*
** xlsxreport.h: the reports of check and allocate as sheets, for people who
** work in Excel: a workbook (--format xlsx) with one sheet per part of the
** result, or one of those sheets as a CSV table (--table NAME), with the same
** columns. Every sheet is written once, through a writer that is either a
** worksheet (workbook.h) or a CSV stream, so the two never differ in content.
**
** The sheets every workbook medel writes ends with, "Avvisade rader" (what
** the reader said about the application file) and "Om körningen" (the files
** read with their SHA-256, the engine version, the time and the options), are
** built from a RunFacts, which any command's report fills in.
*/
#ifndef RUNTIME_XLSXREPORT_H
#define RUNTIME_XLSXREPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "allocate.h"
#include "assessment.h"
#include "input.h"
#include "program.h"
#include "source.h"
#include "workbook.h"

/* The reader's messages about the application file, kept as they are said
** (an InputReport: reader_log_line with the log as ctx), and passed on to
** `err` (NULL: nowhere), so that a listener that keeps them loses nothing of
** what the user sees. Only the lines about the application file's rows and
** its header are kept (not the counts line). Free with reader_log_free. */
typedef struct ReaderLog {
    const char *applications;   /* the application file as the messages name it (borrowed) */
    FILE *err;                  /* where every line also goes, or NULL */
    char **lines;               /* malloc'd, each line malloc'd */
    size_t n, cap;
} ReaderLog;

void reader_log_line(void *ctx, const char *msg);
void reader_log_free(ReaderLog *log);

/* What the last two sheets say about a run. Everything is borrowed. */
typedef struct RunFacts {
    const char *command;          /* "allocate", "check", "whatif" */
    const Program *p;             /* the rules that were run (its data tables are listed with their SHA-256) */
    const SourceSet *set;         /* the rule files read (hashed from the bytes read) */
    const char *applications;     /* the application file ("-": standard input), or NULL */
    const char *const *args;      /* the command line after "medel COMMAND", n_args words; NULL: not known */
    size_t n_args;
    const AppCounts *counts;      /* what reading counted, or NULL */
    const ReaderLog *log;         /* the reader's messages, or NULL */
    const struct RulingSet *rulings;   /* the officers' assessments read, or NULL */
} RunFacts;

/* Adds the sheet "Om körningen" to w: the command and its options, medel's
** version, the date and time of the run (SOURCE_DATE_EPOCH when set, so a
** run can be repeated byte for byte), the agreement, every rule file, data
** file and the application file with its SHA-256, and the counts. Columns:
** Uppgift, Värde, SHA-256. */
void xlsx_about_sheet(Workbook *w, const RunFacts *f);

/* Adds the sheet "Avvisade rader" to w: one row per message of the reader
** (f->log): Fil, Rad, Kolumn, Slag (avvisad rad, varning, fel i filen),
** Meddelande. A run without messages gets the sheet with its header only. */
void xlsx_rejected_sheet(Workbook *w, const RunFacts *f);

/* The same two as CSV tables on out (UTF-8 with BOM, ';'), with the same
** columns. */
void csv_about_table(FILE *out, const RunFacts *f);
void csv_rejected_table(FILE *out, const RunFacts *f);

/* Om körningen as an HTML table of class cls (tab_html), for a document's
** footer: the same rows as the sheet. */
void html_about_table(FILE *out, const char *cls, const RunFacts *f);



/* ---- what an application that needs a person's judgement lacks ---- */

/* One reason why application `app` cannot be decided in pot k: a criterion
** that reads a missing value ("målgrupp"; reason "uppgift saknas: målgrupp;
** bedöm manuellt"), or, when every criterion could be decided, the pot's
** routing: "(delpott)" when the field that names the sub-pot is missing,
** "(pott)" when the pot's 'ansökningar där' reads a missing value.
** values: "målgrupp = (saknas)". Texts in the arena given. */
typedef struct ManualWhy {
    const char *criterion;
    const char *reason;
    const char *values;
} ManualWhy;

/* "målgrupp = 6..11; kommun = (saknas)": the values expression e reads of
** app, and in *missing (when not NULL) the names of those missing
** ("målgrupp, kommun"), or "" when none is. Both in `a`. */
const char *values_read(Arena *a, const EvalContext *cx, const Application *app, const Expr *e,
                        const char **missing);

/* The reasons of app (assessed as `as`, MANUAL in pot k) into *out (an
** array in `a`); returns how many (at least one). */
size_t manual_reasons(Arena *a, const EvalContext *cx, const SourceSet *set, const Application *app,
                      const Assessment *as, int k, ManualWhy **out);

/* ---- allocate ---- */

/* The tables of allocate's report: the workbook's sheets, in its order, and
** what `--table NAME` writes as CSV. */
typedef enum AllocTable {
    ATAB_BESLUT,      /* "beslut": one row per application and pot, every outcome */
    ATAB_POTTER,      /* "potter": the pot tree with its conservation check */
    ATAB_FOKUS,       /* "fokusområden" */
    ATAB_PORTFOLJ,    /* "portfölj": each bound of each portfolio constraint */
    ATAB_MANUELL,     /* "manuell": what the applications that need a person lack */
    ATAB_EJ,          /* "ej_stödberättigade": the applications eligible for no pot, and why */
    ATAB_BEDOMNINGAR, /* "bedömningar": the officers' assessments applied (rulingsheet.h) */
    ATAB_AVVISADE,    /* "avvisade": the rows the reader rejected */
    ATAB_KORNING,     /* "körning": Om körningen */
    ATAB_N
} AllocTable;

/* The table named `name` ("beslut", "potter", "fokusområden", "portfölj",
** "manuell", "ej_stödberättigade", "avvisade", "körning"), or -1. */
int alloc_table_of(const char *name);

/* What allocate's sheets are made from (borrowed). apps[i] is assessed as
** as[i]; the allocation al was run over them. */
typedef struct AllocView {
    const EvalContext *cx;
    const SourceSet *set;
    const Application *apps;
    const Assessment *const *as;
    size_t n;
    const Allocation *al;
} AllocView;

/* Whether an application assessed as `as` is eligible for no pot: no pot
** that takes applications finds it eligible or needs a person's judgement
** of it. It takes no part in the allocation; "Ej stödberättigade" lists it,
** with each pot that considered it and the criteria it failed there. */
bool not_eligible(const Program *p, const Assessment *as);

/* The amounts per focus area against what was granted: an application with
** several areas counts in each, so the areas can add up to more. */
typedef struct FocusTotals {
    Money sum;              /* over the areas */
    Money granted;          /* to applications (payouts per key are not projects) */
    Money payouts;          /* paid out per key (rättighet), in neither */
    Money without;          /* granted to applications with no area */
    size_t projects;        /* funded applications */
    size_t several;         /* of them, with more than one area */
} FocusTotals;

/* The totals of allocation v; false when the rules have no focus areas. */
bool focus_totals(const AllocView *v, FocusTotals *out);

/* "Summan över områdena är 279 500 000 kr; beviljat totalt 236 500 000 kr;
** …": the totals said, in the chosen language when tr, else in Swedish. In
** `a`. */
const char *focus_note(Arena *a, bool tr, const FocusTotals *t);

/* Every sheet, in AllocTable order, into w. */
void xlsx_allocation(Workbook *w, const AllocView *v, const RunFacts *f);

/* One of them as CSV on out. */
void csv_allocation_table(FILE *out, const AllocView *v, const RunFacts *f, AllocTable t);

/* ---- check ---- */

/* The check workbook: "Prövning" (one row per application and pot, one
** column per criterion), then Avvisade rader and Om körningen. Rows are
** added one application at a time, in input order, and the workbook is
** finished by xlsx_check_end. With w NULL, Prövning is written as a CSV
** table on csv instead (check --format csv --table prövning), or nowhere
** when csv is NULL too (the run is then only read for the other tables). */
typedef struct CheckSheets CheckSheets;

CheckSheets *xlsx_check_begin(Workbook *w, FILE *csv, const EvalContext *cx, const SourceSet *set);
void xlsx_check_row(CheckSheets *c, const Application *app, const Assessment *as);
/* Adds the last two sheets to the workbook, if any, and frees c (the
** workbook stays the caller's). */
void xlsx_check_end(CheckSheets *c, const RunFacts *f);
/* Frees c without adding anything (a run given up). */
void xlsx_check_free(CheckSheets *c);

#endif
