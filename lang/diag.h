/*
** diag.h: diagnostics for rule files. Errors are collected, never thrown: every
** stage appends to a Diags, and the caller looks at n_errors at the end, so one
** run reports every error in a file. Rendering follows GNU's format
** (file:line:col: severity: message), then the source line and a caret span.
*/
#ifndef LANG_DIAG_H
#define LANG_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
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
    char *fix;      /* the text that replaces fix_span when the message's suggestion is unambiguous
                    ** ("menade du 'målgrupp'?"), or NULL; owned by the Diags (malloc) */
    Span fix_span;  /* the bytes fix replaces, in span's file: span itself, unless the suggestion
                    ** rewrites more than the span underlines ("13 till 19" for an error at 'till');
                    ** meaningful only when fix is not NULL */
} Diag;

typedef struct Diags {
    const SourceSet *sources;  /* borrowed: used for rendering spans */
    Diag *items;               /* owned */
    size_t n, cap;
    size_t n_errors;
    size_t n_warnings;
    size_t n_header_errors;    /* of n_errors: a data file's header lacks a declared column (exit 69 when
                               ** these are all the errors), counted by the checker */
} Diags;

void diags_init(Diags *d, const SourceSet *sources);
void diags_free(Diags *d);

/* Forgets every diagnostic after the first n (a parse that is done again). */
void diags_truncate(Diags *d, size_t n);

/* "1 fel", "2 fel, 1 varning", "3 varningar": the counts of a summary line
** (file.medel: 2 fel), in the language of messages, in buf (n bytes). */
const char *diags_count_text(size_t errors, size_t warnings, char *buf, size_t n);

/* Append a diagnostic; fmt follows printf. Messages start in lower case and
** have no final period. A note belongs to the last error or warning. */
void diag_error(Diags *d, Span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_warning(Diags *d, Span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_note(Diags *d, Span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_add(Diags *d, DiagLevel level, Span span, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* Attaches a fix to the last error or warning: `replacement` is the text
** that, put in place of its span, does what the message suggests (copied).
** Only for a suggestion that is unambiguous: an editor offers it as one
** click. */
void diag_fix(Diags *d, const char *replacement);

/* As diag_fix, for a suggestion that rewrites other bytes than the span
** underlines: `replacement` takes the place of `at` (in the span's file).
** An editor applies a fix at Diag.fix_span, never at Diag.span. */
void diag_fix_span(Diags *d, Span at, const char *replacement);

/* Does the span hold exactly `text` (byte for byte, or the same once both
** are NFC-normalised)? For a fix that replaces a name: only where the
** span is the name as the message quotes it is the replacement exact. */
bool diag_span_holds(const Diags *d, Span at, const char *text);

/* Writes every diagnostic to out, grouped with its notes and ordered by the
** position of the error or warning (file, then byte offset, then emission).
** Each is `path:line:col: level: msg`, then for a span in a file the source
** line (tabs expanded) and `^~~~` under the span, aligned by display width.
** After DIAG_MAX_SHOWN errors and warnings the rest are only counted. */
void diags_render(const Diags *d, FILE *out);

/* ---- showing untrusted text ----
** Text from rule files, applications and file names is shown to a terminal
** with every character that could move the cursor, change the terminal's
** state or hide itself replaced by a visible escape: code points below 0x80
** (C0 controls, DEL) and invalid bytes as \xHH (\x1B), others as \u{HHHH}
** (\u{200B}). diags_render does so for messages, paths and source lines;
** runtime/output.h has a stream that does it for table output and stderr. */

/* Is cp shown escaped? C0 and C1 controls, DEL, the format characters (Cf:
** zero-width space and joiners, soft hyphen, bidi controls, BOM), line and
** paragraph separators, surrogates, and fillers that draw nothing (Hangul
** fillers, U+034F, U+115F). '\n' and '\t' are controls too: the callers
** decide where a line break may pass. */
bool diag_hidden(int cp);

/* Writes the escape of cp (or, when cp < 0, of the invalid byte `byte`) to
** out (at least 16 bytes, NUL-terminated); returns its length, which is
** also its width in columns. */
size_t diag_escape(int cp, unsigned char byte, char *out);

/* Writes s[0..len) with every hidden character (diag_hidden) and invalid
** byte escaped, '\n' included. */
void diag_put_shown(const char *s, size_t len, FILE *out);

/* The columns s[0..len) takes as diag_put_shown writes it: for aligning
** tables whose text goes through an escaping stream. */
size_t diag_shown_width(const char *s, size_t len);

#endif
