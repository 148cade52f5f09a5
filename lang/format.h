/*
** format.h: medel fmt, the canonical layout of a rule file (see format.c).
*/
#ifndef LANG_FORMAT_H
#define LANG_FORMAT_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "source.h"

/* Writes the module in canonical layout, with its comments, keywords in
** English when `english` is true (else Swedish). The module must have parsed
** without errors. */
void format_module(const Module *m, const SourceSet *set, bool english, FILE *out);

/* How fmt writes keyword or built-in word `w` (as the scanner gives it: NFC,
** blanks folded to one space) in English or Swedish: a static string, or
** NULL when w is neither. A built-in word already in that language is
** returned as it is. */
const char *format_word(const char *w, bool english);

#endif
