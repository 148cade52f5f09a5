/*
** rulingsheet.h: the officers' assessments (ruling.h) as a sheet or a CSV
** table with the columns the reader reads back: the sheet to fill in, made
** by `medel mall --bedömningar`, and allocate's table of the assessments it
** applied.
*/
#ifndef RUNTIME_RULINGSHEET_H
#define RUNTIME_RULINGSHEET_H

#include <stddef.h>
#include <stdio.h>

#include "assessment.h"
#include "eval.h"
#include "source.h"
#include "tab.h"
#include "workbook.h"

/* Writes the sheet "Bedömningar" into wb (with drop-down lists for Villkor,
** Utfall, Typ and Pott from a hidden sheet "Listor"), or, when wb is NULL,
** the same as a CSV table on csv: one row per case that needs a person in
** apps[0..n) (assessed as as[0..n)), pre-filled with the application, the
** pot where it matters, what to assess, Typ bedömning, the project, why and
** the rule; the officer fills in Utfall, Bedömd av, Datum and Motivering.
** Returns the number of cases. */
size_t ruling_template_write(const EvalContext *cx, const SourceSet *set, const Application *apps,
                             const Assessment *const *as, size_t n, FILE *csv, Workbook *wb);

/* The rows of allocate's table of the assessments applied (cx->rulings, in
** the file's order) into t, opened with ruling_sheet_columns. */
void ruling_applied_table(Tab *t, const EvalContext *cx, const Assessment *const *as, size_t n);

/* The columns of both (n of them; static). */
const SheetColumn *ruling_sheet_columns(size_t *n);

#endif
