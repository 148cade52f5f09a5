/*
** basis.h: the decision basis (beslutsunderlag) of an allocation, one
** self-contained HTML page for the steering group, made to be printed on A4:
** the agreement, the pots and how they were split, per pot the decisions,
** the applications not eligible, the manual assessments, the portfolio
** constraints, the focus-area totals, the conservation check and the files
** it was made from with their SHA-256. No scripts, no requests: inline CSS.
*/
#ifndef RUNTIME_BASIS_H
#define RUNTIME_BASIS_H

#include <stdio.h>

#include "xlsxreport.h"

/* Writes the decision basis of v's allocation to out, in the chosen
** language; f names the inputs (its "Om körningen" rows are the footer).
** Every text from the rules or the applications is escaped (html.h). */
void html_basis(const AllocView *v, const RunFacts *f, FILE *out);

#endif
