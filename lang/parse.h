/*
** parse.h: the front end's entry point from text to syntax tree. Hides the
** scanner and the parser (as jq_parse does).
*/
#ifndef LANG_PARSE_H
#define LANG_PARSE_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

/* Parses file `file` of the set. Reports invalid UTF-8 (at each bad byte) and
** syntax errors into d, and always returns a Module (possibly partial when
** d->n_errors grew). The Module lives in `a`. Set trace to print the
** parser's steps on stderr. */
Module *parse_module(Arena *a, const SourceSet *set, uint32_t file, Diags *d, bool trace);

#endif
