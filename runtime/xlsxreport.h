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

#endif
