/*
** format.h: medel fmt, the canonical layout of a rule file (see format.c).
*/
#ifndef LANG_FORMAT_H
#define LANG_FORMAT_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "arena.h"
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

struct Program;

/* {====== rule text, for people reading diff, --dump and explain */

/* Whether rule file f is written with English keywords: more of its lines
** start with an English-only keyword than with a Swedish-only one. False
** for NULL. */
bool format_file_english(const SourceFile *f);

/* Whether the file holding e (in set) is written in English. */
bool format_expr_english(const Expr *e, const SourceSet *set);

/* Whether the program's own rule file is written in English. */
bool format_program_english(const struct Program *p);

/* Writes expression e on one line as the rule file writes it: keywords in
** English or Swedish, parentheses where parser.y's precedence needs them
** (and nowhere else), literals as the source writes them when set holds
** e's file ("2,5 MSEK", "12,5 procent"), else in medel's own form
** ("2 500 000 kr"). Parsing the text gives e's tree again. */
void format_expr(const Expr *e, const SourceSet *set, bool english, FILE *out);

/* The same as a string in `a`. Aborts only when memory runs out. */
char *format_expr_text(Arena *a, const Expr *e, const SourceSet *set, bool english);

/* A type as an application schema writes it ("heltal", "en av a | b",
** "nyckel i ungdomar"), in `a`. */
char *format_type(Arena *a, const struct Program *p, Type t, bool english);

/* The checked program for validate --dump: each part on a line of its own,
** in the rule file's words and language, expressions as rule text. */
void format_dump(const struct Program *p, FILE *out);

#endif
