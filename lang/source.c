/*
** source.c: loading source files into a SourceSet and mapping byte offsets to
** lines and display columns. Bytes are kept exactly as read: the lexer, not
** this module, decides what to do with invalid UTF-8. LF, CRLF and a lone CR
** each end a line.
*/
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "text.h"

Span span_join(Span a, Span b)
{
    if (span_is_none(a))
        return b;
    if (span_is_none(b))
        return a;
    Span s = a;
    if (b.start < s.start)
        s.start = b.start;
    if (b.end > s.end)
        s.end = b.end;
    return s;
}

void source_set_init(SourceSet *set)
{
    set->files = NULL;
    set->n_files = 0;
}

void source_set_free(SourceSet *set)
{
    for (size_t i = 0; i < set->n_files; i++) {
        SourceFile *f = set->files[i];
        free(f->path);
        free(f->bytes);
        free(f->line_starts);
        free(f);
    }
    free(set->files);
    source_set_init(set);
}

/* Adds a file whose bytes (len of them, plus a NUL) the set now owns. */
static uint32_t add(SourceSet *set, const char *path, char *bytes, size_t len)
{
    /* A line ends at LF, CRLF or a lone CR (old Mac files): each is one line
    ** end, so that line numbers agree with what an editor shows. */
    size_t n_lines = 1;
    for (size_t i = 0; i < len; i++)
        n_lines += bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == len || bytes[i + 1] != '\n'));
    size_t *starts = xmalloc(n_lines * sizeof *starts);
    size_t k = 0;
    starts[k++] = 0;
    for (size_t i = 0; i < len; i++) {
        if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == len || bytes[i + 1] != '\n')))
            starts[k++] = i + 1;
    }

    SourceFile *f = xmalloc(sizeof *f);
    f->path = xstrdup(path);
    f->bytes = bytes;
    f->len = len;
    f->line_starts = starts;
    f->n_lines = n_lines;

    /* Few files per program: growing by one each time is cheap enough. */
    set->files = xrealloc(set->files, (set->n_files + 1) * sizeof *set->files);
    set->files[set->n_files] = f;
    return (uint32_t)set->n_files++;
}

bool source_load(SourceSet *set, const char *path, uint32_t *file_id)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    /* Read in a loop rather than trusting a file size: pipes and /dev/stdin
    ** have none. */
    size_t cap = 4096, len = 0;
    char *buf = xmalloc(cap);
    int err = 0;
    for (;;) {
        if (cap - len < 2) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + len, 1, cap - len - 1, fp);
        len += got;
        if (ferror(fp)) {
            err = errno ? errno : EIO;
            break;
        }
        if (got == 0 || feof(fp))
            break;
        /* Spans hold 32-bit offsets. */
        if (len > UINT32_MAX) {
            err = EFBIG;
            break;
        }
    }
    fclose(fp);
    if (!err && len > UINT32_MAX)
        err = EFBIG;
    if (err) {
        free(buf);
        errno = err;
        return false;
    }
    buf[len] = '\0';
    *file_id = add(set, path, buf, len);
    return true;
}

uint32_t source_add(SourceSet *set, const char *path, const char *bytes, size_t len)
{
    char *copy = xmalloc(len + 1);
    if (len)
        memcpy(copy, bytes, len);
    copy[len] = '\0';
    return add(set, path, copy, len);
}

const SourceFile *source_get(const SourceSet *set, uint32_t file_id)
{
    return file_id < set->n_files ? set->files[file_id] : NULL;
}

/* Index of the line holding offset: the last line starting at or before it. */
static size_t line_of(const SourceFile *f, size_t offset)
{
    size_t lo = 0, hi = f->n_lines;   /* the answer is in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

SourcePos source_position(const SourceFile *f, size_t offset)
{
    if (offset > f->len)
        offset = f->len;
    size_t i = line_of(f, offset);
    size_t start = f->line_starts[i];
    SourcePos pos = {i + 1, 1 + text_width(f->bytes + start, offset - start, 0)};
    return pos;
}

const char *source_line(const SourceFile *f, size_t offset, size_t *len)
{
    if (offset > f->len)
        offset = f->len;
    size_t i = line_of(f, offset);
    size_t start = f->line_starts[i];
    size_t end = i + 1 < f->n_lines ? f->line_starts[i + 1] : f->len;
    if (end > start && f->bytes[end - 1] == '\n')
        end--;
    if (end > start && f->bytes[end - 1] == '\r')
        end--;
    *len = end - start;
    return f->bytes + start;
}
