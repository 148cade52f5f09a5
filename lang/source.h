/*
** source.h: source files held in memory, and spans (byte ranges) into them.
** A SourceSet owns every file loaded for one program (a rule file, the files it
** extends, data files), so a Span can name its file by a small index.
*/
#ifndef LANG_SOURCE_H
#define LANG_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A byte range [start, end) in file number `file` of a SourceSet. */
typedef struct Span {
    uint32_t file;
    uint32_t start;
    uint32_t end;
} Span;

#define SPAN_NONE ((Span){UINT32_MAX, 0, 0})
#define span_is_none(s) ((s).file == UINT32_MAX)

/* Joins two spans of the same file into the smallest span covering both. */
Span span_join(Span a, Span b);

typedef struct SourceFile {
    char *path;          /* as given by the user or resolved from an include; owned */
    char *bytes;         /* the file's bytes plus a NUL; owned */
    size_t len;          /* bytes, without the NUL */
    size_t *line_starts; /* byte offset of each line's first byte; owned */
    size_t n_lines;
} SourceFile;

typedef struct SourceSet {
    SourceFile **files;  /* owned */
    size_t n_files;
} SourceSet;

/* A line and a column, both from 1. The column counts display columns (utf8proc
** char widths, tabs to the next multiple of 8), so carets line up under å, ä, ö. */
typedef struct SourcePos {
    size_t line;
    size_t col;
} SourcePos;

void source_set_init(SourceSet *set);
void source_set_free(SourceSet *set);

/* Reads a whole file into the set. On success stores its index in *file_id and
** returns true; on failure returns false and leaves errno set (the caller
** reports it, with the path). */
bool source_load(SourceSet *set, const char *path, uint32_t *file_id);

/* Adds in-memory text (copied) as a file named `path`; returns its index. */
uint32_t source_add(SourceSet *set, const char *path, const char *bytes, size_t len);

/* Borrowed; valid until source_set_free. */
const SourceFile *source_get(const SourceSet *set, uint32_t file_id);

/* Line and display column of byte `offset` in f. */
SourcePos source_position(const SourceFile *f, size_t offset);

/* The bytes of the line holding `offset`, without its newline (borrowed). */
const char *source_line(const SourceFile *f, size_t offset, size_t *len);

#endif
