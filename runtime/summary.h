/*
** summary.h: a short account of a checked rule file for policy staff: the
** agreement, its pots with amounts and how they are split, and counts of
** criteria, focus areas and priorities. In Swedish, aligned by display width.
*/
#ifndef RUNTIME_SUMMARY_H
#define RUNTIME_SUMMARY_H

#include <stdio.h>

#include "program.h"

void summary_print(const Program *p, FILE *out);

#endif
