/*
** input.h: reading data tables and submitted applications, and checking
** every cell against the rule file's declarations. Applications come as CSV
** (from forms and Excel: BOM or not, ',' or ';', quoted cells, amounts as
** "1 500 000 kr" or "1,5 MSEK", ja/nej) or JSON (an array of objects, or
** JSON Lines). A bad cell is reported as
**     apps.csv:7: column 'Sökt belopp': '1,5,0' is not an amount
** and the row is rejected; nothing is dropped silently: the reader counts
** rows read, valid and rejected.
*/
#ifndef RUNTIME_INPUT_H
#define RUNTIME_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "csv.h"
#include "program.h"
#include "value.h"

/* The largest JSON document (an array of applications) read: it is held
** in memory whole. JSON Lines and CSV are read row by row, without a limit
** on the file, each row at most SOURCE_MAX_ROW_MIB (source.h). */
#define INPUT_MAX_JSON_MIB 1024

/* Receives one message (a complete line without the newline). */
typedef void (*InputReport)(void *ctx, const char *msg);

/* Loads every table the program declares, from their CSV files. Reports each
** problem (a missing file, a cell that is not a number, a duplicate or empty
** key) and returns NULL if there was any; else an array of prog->n_tables
** tables in `a`. */
TableData *tables_load(const Program *prog, Arena *a, InputReport report, void *ctx);

/* Reads every table of prog whose skip[i] is false (skip NULL: every table)
** whole, as tables_load does, for medel validate: reports each problem of
** each (an empty, malformed or negative cell, a row with too few cells, a
** key twice, a sum that overflows), each followed by a note at the table's
** declaration, in the words allocate uses. Returns the number of errors. */
size_t tables_check(const Program *prog, const bool *skip, Arena *a, InputReport report, void *ctx);

/* Why the last apps_open, apps_open_stream or tables_load on the calling
** thread failed (status.h): STATUS_HEADER when the columns of a file do not
** match the rule file (a declared column missing, a heading twice, a JSON
** key every record lacks), STATUS_RULES when a table has bad rows,
** STATUS_NOINPUT when a file cannot be read at all (missing, unreadable,
** empty, not CSV or JSON, an encoding medel does not read). Meaningful
** right after such a call returned NULL; STATUS_NOINPUT otherwise. */
int input_failure(void);

typedef enum InputFormat {
    INPUT_AUTO,      /* by the file name: .json, .jsonl/.ndjson, .xlsx, otherwise CSV; a
                     ** zip (an .xlsx by another name) is a workbook, and an old .xls
                     ** or an .ods is refused with how to save it */
    INPUT_CSV,
    INPUT_JSON,      /* an array of objects (or JSON Lines, detected by content) */
    INPUT_JSONL,
    INPUT_XLSX       /* an Excel workbook (.xlsx): one sheet, its first row the header */
} InputFormat;

typedef struct AppReader AppReader;

/* Opens an application file. On failure returns NULL after reporting why
** (cannot read, the header lacks a required column, JSON syntax error);
** input_failure then says which. */
AppReader *apps_open(const Program *prog, const TableData *tables, const char *path, InputFormat fmt,
                     InputReport report, void *ctx);

/* The same over a stream the caller opened: `path` names it in messages
** (and picks the format when fmt is INPUT_AUTO). The reader owns f once it
** exists, and closes it, on failure too. With slot not NULL, *slot holds the
** reader from its first allocation until it is freed (NULL after a failure):
** a caller whose out-of-memory hook (arena.h) leaves the call half way can
** then apps_close it, or fclose f when *slot was never set. */
AppReader *apps_open_stream(const Program *prog, const TableData *tables, const char *path, FILE *f, InputFormat fmt,
                            InputReport report, void *ctx, AppReader **slot);

/* The same, reading the sheet named `sheet` of a workbook (NULL: its first
** sheet); naming a sheet of a file that is no workbook is an error. */
AppReader *apps_open_sheet(const Program *prog, const TableData *tables, const char *path, InputFormat fmt,
                           const char *sheet, InputReport report, void *ctx);
AppReader *apps_open_stream_sheet(const Program *prog, const TableData *tables, const char *path, FILE *f,
                                  InputFormat fmt, const char *sheet, InputReport report, void *ctx, AppReader **slot);

typedef enum AppStatus {
    APP_OK = 1,        /* *app holds a valid application */
    APP_END = 0,       /* no more rows */
    APP_REJECTED = -1, /* the row had errors, each reported; the reader goes on */
    APP_FATAL = -2     /* the file itself is broken (reported); stop */
} AppStatus;

/* Reads the next application; its values and texts live in `a` (the caller
** may reset `a` between rows when it does not keep them). */
AppStatus apps_next(AppReader *r, Arena *a, Application *app);

/* ---- the same in three steps, so that the work can be shared ----
** apps_next reads, converts and counts each row in turn. For CSV (when
** apps_parallel says so) the steps can be split: one thread takes each
** record's cells (apps_next_cells), any thread turns them into an
** application (apps_convert, which touches nothing shared but the program
** and tables), and one thread commits the rows in input order (apps_commit:
** counting, and the key checked against the keys before it). Messages go to
** the report/ctx given to each step, so they can be kept in input order. */
typedef struct AppCells {
    CsvField *fields;   /* the record's cells, owned by the reader until the next apps_next_cells */
    size_t n;
    size_t line;        /* physical line where the record starts (a workbook: the sheet row) */
    const unsigned char *kinds;   /* a workbook's: per cell its XlsxKind (xlsx.h); NULL for CSV */
} AppCells;

bool apps_parallel(const AppReader *r);

/* APP_OK (cells ready), APP_REJECTED (a malformed record or the wrong number
** of cells: reported; commit it as rejected), APP_END or APP_FATAL. */
AppStatus apps_next_cells(AppReader *r, AppCells *c, InputReport report, void *ctx);

/* Converts cells into *app (values and texts in `a`): APP_OK, or
** APP_REJECTED after reporting every bad cell. */
AppStatus apps_convert(const AppReader *r, const AppCells *c, Arena *a, Application *app, InputReport report, void *ctx);

/* Counts the row (st as the other steps gave it) and, when it is valid,
** checks its key; returns APP_OK or APP_REJECTED, or APP_FATAL (reported)
** when the keys' temporary file (keyset.h) fails. In input order. */
AppStatus apps_commit(AppReader *r, Application *app, AppStatus st, InputReport report, void *ctx);

/* A hint before committing app: starts fetching where its key will be
** looked up (with a million keys, a cache miss each). */
void apps_prefetch_key(const AppReader *r, const Application *app);

typedef struct AppCounts {
    size_t read;       /* rows (records) read: valid + rejected */
    size_t valid;
    size_t rejected;
    size_t warnings;   /* header cells not read, optional columns missing, a
                       ** file decoded from Windows-1252 or UTF-16 (each said) */
    size_t empty;      /* rows with no value at all (only separators, or a workbook's
                       ** empty rows), skipped (not in read) */
} AppCounts;

AppCounts apps_counts(const AppReader *r);

/* Closes the file and frees the reader. */
void apps_close(AppReader *r);

/* One of the reader's messages taken apart, for those that show them as
** data (the engine's problems, a workbook's Avvisade rader). The reader
** writes "NAME:ROW[:COL]: …", "NAME: record N: …", a workbook's
** "NAME:Blad1!D7: …" / "NAME:Blad1:7: …", or "NAME: …", then optionally
** "warning: " or "note: ", then optionally "column 'X': " (or "field 'X'"). The
** parts point into the message. */
typedef struct InputMessage {
    size_t row;              /* the row (a sheet's row for a workbook); 0: about the file */
    const char *place;       /* a workbook's place ("Blad1!D7"), or NULL */
    size_t place_len;
    const char *column;      /* the column named, or NULL */
    size_t column_len;
    bool warning;            /* a warning or a note, not an error */
    const char *message;     /* what follows the place, "warning: " and "column 'X': " */
} InputMessage;

/* Splits msg, a message about the file `name`. */
InputMessage input_message_split(const char *msg, const char *name);

/* ---- a file of rows: CSV, or a workbook's first sheet ----
** What readers of other files than applications and tables (the officers'
** assessments) share with them: the same encodings, workbook handling and
** messages. The first row is the header; rows with no value are skipped. */
typedef struct RowFile RowFile;

/* Opens path (by its content and name: a workbook, else CSV); NULL after
** reporting why, *status then STATUS_NOINPUT. */
RowFile *rowfile_open(const char *path, InputReport report, void *ctx, int *status);

enum { ROWS_ROW = 1, ROWS_END = 0, ROWS_ERROR = -1, ROWS_BAD = -2 };

/* The next row (the header first): ROWS_ROW with fields[0..n) (owned by
** the reader until the next call), kinds (a workbook's XlsxKind per cell;
** NULL for CSV) and its line or sheet row; ROWS_END; ROWS_BAD (a malformed
** CSV record, reported: read on); ROWS_ERROR (reported: stop). A note on
** the file's encoding is reported and counted in *warnings (may be NULL). */
int rowfile_next(RowFile *rf, CsvField **fields, const unsigned char **kinds, size_t *n, size_t *line,
                 InputReport report, void *ctx, size_t *warnings);

/* The workbook's sheet (NULL for CSV). */
const char *rowfile_sheet(const RowFile *rf);

/* Where a row or cell is, as messages name it: "PATH:LINE" for CSV, for a
** workbook "PATH:Blad1!D7" (col >= 0) or "PATH:Blad1:7". Into buf[0..n). */
const char *rowfile_where(const RowFile *rf, size_t line, long col, char *buf, size_t n);

/* Why cell i of a workbook row cannot be read (an error value, a formula
** without a value), or NULL. */
const char *rowfile_cell_why(const unsigned char *kinds, size_t i, const CsvField *cell, char *buf, size_t n);

void rowfile_close(RowFile *rf);

/* Parses one cell for a field of type `t` (used by the readers and tests).
** On failure returns false and writes the reason (e.g. "'1,5,0' is not an
** amount") into why. Texts are copied into `a`. */
bool input_cell(const Program *prog, const TableData *tables, Type t, const char *s, size_t len, Arena *a, Value *out,
                char *why, size_t why_len);

#endif
