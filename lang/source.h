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
#include <stdio.h>

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

/* The largest file source_load reads: rule files, the files they extend,
** test and scenario files are written by hand, and anything larger is some
** other file given by mistake. Reading stops one byte past it. */
#define SOURCE_MAX_BYTES (16 << 20)

/* Reads a whole file into the set. On success stores its index in *file_id and
** returns true; on failure returns false and leaves errno set, and
** source_load_error says why for people (the caller reports it, with the
** path). A file that is not a regular file (a folder, a FIFO, a device) is
** refused without reading it, and one larger than SOURCE_MAX_BYTES after
** reading at most one byte more (errno EFBIG). */
bool source_load(SourceSet *set, const char *path, uint32_t *file_id);

/* Why the last failed source_load on this thread failed, in English, to
** follow "cannot read 'x': " ("it is a folder, not a file", "No such file or
** directory", "it is larger than 16 MiB"). Borrowed; valid until the next
** source_load on this thread. */
const char *source_load_error(void);

/* Opens `path` for reading, the way every input file medel reads is
** opened: it must be a regular file, and anything else (a folder, a FIFO, a
** device, a socket) is refused without blocking and without reading from
** it. With allow_stdin, "-" is standard input (whatever it is). Returns the
** stream (the caller fcloses it), or NULL after writing why into why[0..n)
** in English, to follow "cannot read 'x': " (errno is set as well). */
FILE *source_open_file(const char *path, bool allow_stdin, char *why, size_t n);

/* Reads the rest of f into a malloc'd buffer (the caller frees it) with a
** NUL after its *len bytes, reading at most max + 1 bytes. Returns 0, or 1
** when f holds more than max bytes (nothing is kept), or -1 on a read error
** (errno set). */
int source_read_all(FILE *f, size_t max, char **bytes, size_t *len);

/* Adds in-memory text (copied) as a file named `path`; returns its index. */
uint32_t source_add(SourceSet *set, const char *path, const char *bytes, size_t len);

/* Borrowed; valid until source_set_free. */
const SourceFile *source_get(const SourceSet *set, uint32_t file_id);

/* Line and display column of byte `offset` in f. */
SourcePos source_position(const SourceFile *f, size_t offset);

/* The bytes of the line holding `offset`, without its newline (borrowed). */
const char *source_line(const SourceFile *f, size_t offset, size_t *len);

/* The longest row medel reads from a data or application file: a CSV
** record (quoted cells may span lines) or a JSON Lines line. A longer one is
** refused rather than buffered: a stray quote would otherwise pull the whole
** rest of a huge file into memory. */
#define SOURCE_MAX_ROW_MIB 64

/* The wide encoding that text starting with s[0..n) is in: "UTF-16" or
** "UTF-32", by a byte-order mark or by NUL bytes beside ASCII letters; NULL
** when it is neither. Rule files must be UTF-8; the CSV reader (csv.h)
** decodes UTF-16 with a byte-order mark and refuses the rest. */
const char *source_wide_encoding(const char *s, size_t n);

/* Whether s[0..len), which is not valid UTF-8, looks like Windows-1252
** text: every byte from 0x80 up is one that Windows-1252 reads as a Swedish
** letter (å ä ö Å Ä Ö é É ü Ü). For saying so where nothing is converted
** (a rule file, a cell of a file the CSV reader judged UTF-8). */
bool source_looks_cp1252(const char *s, size_t len);

/* The advice for a file that is not UTF-8. */
#define SOURCE_SAVE_AS_UTF8 "save it as \"CSV UTF-8\" (in Excel: Save As, then CSV UTF-8 (Comma delimited))"

#endif
