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

/* A token the parser could not take, to be read differently on the next
** pass: a keyword with a capital letter (Pott) as the keyword, a keyword
** where a name was expected (vikt) as a name. */
typedef struct TokenFix {
    uint32_t at;         /* byte offset where the token starts */
    int tok;             /* the token to read there: a keyword's, or TOK_IDENT */
    const char *word;    /* the keyword as it should be written (in the arena) */
} TokenFix;

/* A '{' not yet closed, with what the layout says of where it should close. */
typedef struct OpenBlock {
    uint32_t at;         /* offset of the '{' */
    uint32_t line;       /* its line (0-based) */
    int indent;          /* the indentation of that line, in columns */
    int body;            /* the indentation of the first line inside, or -1 */
    bool same_line;      /* something follows the '{' on its own line */
    int head;            /* the first token of its line (POT, CRITERION …) */
    int head2;           /* the second (ändra scenario, ändra tabell …), or 0 */
    uint32_t head_start, head_end;   /* that token and the name after it, as written */
} OpenBlock;

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
    /* Token fixes found by this pass (parser.y), and those this pass applies
    ** (lexer.l): parse.c parses again while new ones are found. */
    TokenFix *fixes;     /* malloc */
    size_t n_fixes, cap_fixes;
    const TokenFix *apply;
    size_t n_apply;
    /* Braces placed by the layout (lexer.l's medel_yylex): only when the
    ** file has more '{' than '}', at most that many. */
    size_t missing;      /* '}' still to be placed */
    OpenBlock *blocks;   /* malloc: the open braces, innermost last */
    size_t n_blocks, cap_blocks;
    size_t closes;       /* '}' to give the parser before `held` */
    bool holding;        /* a token read and held back behind those '}' */
    int held;
    _Alignas(16) unsigned char held_v[64];   /* its value (a YYSTYPE, which parser.h defines) */
    Span held_loc;
    bool held_brace;     /* the held token is a '{' an unterminated text gave back */
    uint32_t brace_after;   /* that '{' ends here (0: none), until it is held */
    uint32_t last_end;   /* where the last token given to the parser ended */
    uint32_t last_line;  /* its line (0-based) */
    bool any_token;      /* a token was given already */
    int line_head;       /* the first token of the current line */
    int line_head2;      /* its second token, or 0 */
    uint32_t line_head_start, line_head_end;
    int line_indent;     /* the indentation of the current line, in columns */
    int line_tokens;     /* tokens on the current line so far */
} Parser;

/* Frees what the scanner allocated in p while reading (the text literal
** buffer and the stack of open braces), for every caller that runs the
** scanner on a Parser of its own. Not p->fixes: parse.c hands those on. */
void parser_free_scan(Parser *p);

/* The fix for the token at `at` among the n in fixes (sorted by offset), or NULL. */
const TokenFix *parse_find_fix(const TokenFix *fixes, size_t n, uint32_t at);

/* Reports the mistake a token fix mends, at the token (written as it is
** in the file): the same message on every pass (lexer.l). */
void parse_report_fix(Parser *p, Span at, const TokenFix *f, const char *written);

#endif
