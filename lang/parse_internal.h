/*
** parse_internal.h: the state shared by the scanner (lexer.l), the grammar
** (parser.y) and parse.c. Nothing outside those three includes it.
*/
#ifndef LANG_PARSE_INTERNAL_H
#define LANG_PARSE_INTERNAL_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

typedef struct Parser {
    Arena *arena;        /* where the AST goes */
    Diags *diags;        /* where errors go */
    uint32_t file;       /* file index in the SourceSet */
    const char *bytes;   /* the text being scanned (invalid UTF-8 already blanked) */
    size_t len;
    size_t offset;       /* byte offset of the next token; advanced by YY_USER_ACTION */
    size_t prev_end;     /* where the token before the current one ended (for hints) */
    Module *module;      /* the result */
    /* The scanner's text-literal state: */
    char *sbuf;          /* the literal being read (malloc, freed by parse.c) */
    size_t slen, scap;
    size_t str_start;    /* offset of its opening quote */
    int str_close;       /* which quote closes it: 0 '"', 1 '”' */
    /* Offsets of the '{' not yet closed, for "never closed" notes. */
    size_t open[64];
    size_t n_open;       /* may exceed 64; only the innermost 64 are kept */
    size_t nest;         /* brackets and braces open now, for AST_MAX_DEPTH */
    bool too_deep;       /* AST_MAX_DEPTH was reported (until nest is 0 again) */
} Parser;

#endif
