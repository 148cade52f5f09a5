/*
** template.h: the application template of a rule file (medel mall): the
** columns its `ansökan` block declares, with their exact headers in the
** declared order, as a workbook an officer fills in (guidance in a comment
** on each header, drop-down lists, a sheet of instructions) or as CSV (the
** header row the reader expects, or the instructions as a table).
*/
#ifndef RUNTIME_TEMPLATE_H
#define RUNTIME_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "program.h"
#include "value.h"
#include "workbook.h"

typedef enum TemplateKind {
    TEMPLATE_XLSX,        /* sheets Ansökningar, Anvisningar and the hidden Listor */
    TEMPLATE_CSV,         /* the header row only: UTF-8 with BOM, ';' */
    TEMPLATE_GUIDE_CSV    /* the instructions, one row per column (the sheet Anvisningar as CSV) */
} TemplateKind;

/* The rows of the template a workbook validates (data validation and
** drop-down lists), under the header. */
#define TEMPLATE_ROWS 1000u

/* Writes the template of p, whose tables are loaded in tables (the keys of
** a `nyckel i T` field are listed from them), to out. Returns false with
** the reason in err (errlen bytes) when the workbook cannot be made; then
** nothing was written. While a workbook is being made, *building (when
** building is not NULL) points to it, and is NULL again when it is done: a
** caller that leaves by out of memory (engine.c's guard) abandons it with
** workbook_abort, which also removes its temporary file. */
bool template_write(const Program *p, const TableData *tables, TemplateKind kind, FILE *out, Workbook **building,
                    char *err, size_t errlen);

#endif
