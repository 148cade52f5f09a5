/*
** lettertpl.h: the small, strict template language of decision letters
** (medel beslut). Not runtime/template.c, which makes application templates.
**
** A letter template is text (HTML) with placeholders:
**   {{namn}}            the value of namn, always HTML-escaped
**   {{#namn}}…{{/namn}} for a list: the part once per item, with the item's
**                       names in scope (the outer names stay visible); for a
**                       value: the part once when the value is not empty
**   {{^namn}}…{{/namn}} the part once when the list is empty or the value is
**   {{! … !}}           a comment, left out of the letter
** Spaces inside the braces are allowed ({{ namn }}). Every name is checked
** against a schema when the template is compiled, so a misspelt placeholder
** is a located error (path:line:col, with the closest known name) before any
** letter is written, even inside a part that would never be shown. Text
** with no "{{" in it comes out exactly as it went in.
*/
#ifndef RUNTIME_LETTERTPL_H
#define RUNTIME_LETTERTPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "source.h"

typedef struct TplSchema TplSchema;

/* One name a template may use: a value, or a list of records (items). */
typedef struct TplName {
    const char *name;
    const TplSchema *items;   /* NULL: a value; else a list whose records follow this schema */
} TplName;

struct TplSchema {
    const TplName *names;
    size_t n;
};

/* The data of one record: slots[i] belongs to schema->names[i]. */
typedef struct TplRecord TplRecord;
typedef struct TplSlot {
    const char *text;         /* a value (NULL reads as empty) */
    const TplRecord *items;   /* a list: its records */
    size_t n_items;
} TplSlot;

struct TplRecord {
    const TplSlot *slots;
};

/* A compiled template (in the arena given to tpl_compile). */
typedef struct LetterTemplate LetterTemplate;

/* Compiles the template in file `file` of set (loaded there by the caller)
** against schema, reporting every problem in d (each located, in the
** language of messages). Returns NULL when d got an error. Everything lives
** in `a`; set and schema must outlive the template. */
LetterTemplate *tpl_compile(Arena *a, const SourceSet *set, uint32_t file, const TplSchema *schema, Diags *d);

/* Writes the template for the record root (of the schema it was compiled
** against) to out. Returns false when out reports a write error. */
bool tpl_render(const LetterTemplate *t, const TplRecord *root, FILE *out);

/* Writes s[0..len) HTML-escaped (& < > " '), with invalid UTF-8 and
** control characters other than tab and newline as U+FFFD. */
void tpl_put_escaped(FILE *out, const char *s, size_t len);

#endif
