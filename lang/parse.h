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

/* What parse_value found: one token of a rule file, of one of these kinds. */
typedef enum TokenValueKind {
    VALUE_NAME,       /* a name (or a property word usable as one) */
    VALUE_AMOUNT,     /* 20 MSEK */
    VALUE_PERCENT,    /* 40 % */
    VALUE_REST,       /* resten */
    VALUE_OTHER       /* any other single token (a number, a text, a keyword …) */
} TokenValueKind;

typedef struct ParsedValue {
    TokenValueKind kind;
    const char *text;   /* a name, NFC; else the token as written (in the arena) */
    Money money;        /* VALUE_AMOUNT */
    Ratio ratio;        /* VALUE_PERCENT */
} ParsedValue;

/* Scans text (len bytes) as exactly one token of a rule file, as a value
** given on the command line must be, so that it can never become more source
** than one value: valid UTF-8, no control characters, no comment, nothing
** before or after the token but spaces. Returns true with *out filled in;
** else false with why (n bytes, e.g. "it is more than one value") set.
** Strings live in `a`. */
bool parse_value(Arena *a, const char *text, size_t len, ParsedValue *out, char *why, size_t n);

#endif
