/*
** diag.h: diagnostics for rule files. Errors are collected, never thrown: every
** stage appends to a Diags, and the caller looks at n_errors at the end, so one
** run reports every error in a file. Rendering follows GNU's format
** (file:line:col: severity: message), then the source line and a caret span.
*/
#ifndef LANG_DIAG_H
#define LANG_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#include "source.h"

/* diags_render shows at most this many errors and warnings (with their notes). */
#define DIAG_MAX_SHOWN 50

typedef enum DiagLevel {
    DIAG_ERROR,
    DIAG_WARNING,
    DIAG_NOTE   /* attached to the error or warning before it */
} DiagLevel;

typedef struct Diag {
    DiagLevel level;
    Span span;
    char *msg;      /* owned by the Diags (malloc) */
    size_t seq;     /* emission order, for a stable sort */
    size_t group;   /* seq of the error/warning a note belongs to */
} Diag;

typedef struct Diags {
    const SourceSet *sources;  /* borrowed: used for rendering spans */
    Diag *items;               /* owned */
    size_t n, cap;
    size_t n_errors;
    size_t n_warnings;
} Diags;

void diags_init(Diags *d, const SourceSet *sources);
void diags_free(Diags *d);

/* Append a diagnostic; fmt follows printf. Messages start in lower case and
** have no final period. A note belongs to the last error or warning. */
void diag_error(Diags *d, Span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_warning(Diags *d, Span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_note(Diags *d, Span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_add(Diags *d, DiagLevel level, Span span, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* Writes every diagnostic to out, grouped with its notes and ordered by the
** position of the error or warning (file, then byte offset, then emission).
** Each is `path:line:col: level: msg`, then for a span in a file the source
** line (tabs expanded) and `^~~~` under the span, aligned by display width.
** After DIAG_MAX_SHOWN errors and warnings the rest are only counted. */
void diags_render(const Diags *d, FILE *out);

#endif
