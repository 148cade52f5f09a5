/*
** report.h: what the commands print, in three formats: an aligned table for
** the terminal (widths by display width, so å, ä, ö line up), CSV for Swedish
** Excel (';', UTF-8 with BOM, formula-like texts neutralised), and JSON with
** the engine version and SHA-256 of every input, so a decision can be traced.
*/
#ifndef RUNTIME_REPORT_H
#define RUNTIME_REPORT_H

#include <stdio.h>

#include "allocate.h"
#include "assessment.h"
#include "buf.h"
#include "eval.h"
#include "input.h"
#include "program.h"
#include "value.h"

/* The form of a report. */
typedef enum ReportFormat {
    REPORT_TABLE,   /* aligned text for the terminal */
    REPORT_CSV,     /* for Excel: ';'-separated, UTF-8 with BOM, decimal comma */
    REPORT_JSON,    /* for other systems, with engine version and input hashes */
    REPORT_XLSX     /* an Excel workbook (xlsxreport.h), one sheet per part */
} ReportFormat;

/* What a report needs beyond the program and the results: its form, and
** the application file it was made from (named in the report; its SHA-256
** is in the JSON). The reports copy what they keep of it. */
struct RulingSet;

typedef struct ReportStyle {
    ReportFormat format;
    const char *applications;   /* the application file ("-": standard input) */
    const struct RulingSet *rulings;   /* the officers' assessments read (listed among the inputs), or NULL */
} ReportStyle;

/* "12 ansökningar lästa, 11 giltiga, 1 avvisad", in Swedish with the right
** singulars. Writes into buf (n bytes) and returns it. */
const char *report_counts(AppCounts c, char *buf, size_t n);

/* The "format_version" of every JSON document medel writes (check,
** allocate, explain, whatif, diff, validate), pinned by the schemas in
** docs/schemas/. Bumped on every incompatible change (a key removed or
** renamed, a meaning or type changed); adding a key is not one. */
#define REPORT_JSON_FORMAT_VERSION 1

/* Writes s as a JSON string literal (quotes, backslashes and control
** characters escaped). */
void report_json_str(FILE *out, const char *s);

/* Kronor for Excel: digits and a decimal comma, no grouping ("1500000",
** "1500,50"), which Swedish Excel reads as a number. Returns buf. */
const char *report_excel_kr(Money m, char *buf, size_t n);

typedef struct Reporter Reporter;

/* Streaming report for `medel check`: begin, one call per valid application,
** end with the counts. The reporter lives until report_check_end. */
Reporter *report_check_begin(const Program *p, const TableData *tables, const SourceSet *set, const ReportStyle *o, FILE *out);
void report_check_row(Reporter *r, const Application *app, const Assessment *as);
void report_check_end(Reporter *r, AppCounts counts);

/* Whether the report's format lets rows be written apart (CSV): then
** report_check_row_into may be called from several threads at once, each
** with its own buffer (b zeroed, f NULL), and the bytes handed to
** report_check_write in input order, from one thread; `rows` counts the
** applications they hold. The result is what report_check_row gives. */
bool report_check_rows_apart(const Reporter *r);
void report_check_row_into(Reporter *r, Buf *b, const Application *app, const Assessment *as);
void report_check_write(Reporter *r, const char *bytes, size_t n, size_t rows);

/* `medel explain`: one application, step by step, naming the rule lines,
** and what the allocation (al, where it is candidate `index`) gave it. */
void report_explain(const Program *p, const TableData *tables, const SourceSet *set, const EvalContext *cx,
                    const ReportStyle *o, const Application *app, const Assessment *as, int32_t index,
                    const Allocation *al, FILE *out);

/* `medel explain --format json`: the same as data, with `rejected` the
** rows the allocation leaves out (docs/schemas/explain.schema.json). */
void report_explain_json(const Program *p, const TableData *tables, const SourceSet *set, const ReportStyle *o,
                         const Application *app, const Assessment *as, int32_t index, const Allocation *al,
                         size_t rejected, FILE *out);

/* `medel allocate`: pots, grants, applications not funded, portfolio
** constraints, the amounts per focus area, and the conservation check. */
void report_allocation(const EvalContext *cx, const SourceSet *set, const ReportStyle *o,
                       const Application *apps, const Assessment *const *as, size_t n, AppCounts counts,
                       const Allocation *al, FILE *out);

#endif
