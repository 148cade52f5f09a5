/*
** buf.h: bytes of output, gathered in memory or passed through a file's
** block buffer. The pipeline's worker threads write each row's report lines
** and messages into one, and the reports write through one, so that a row's
** bytes can be made apart and written in order.
*/
#ifndef RUNTIME_BUF_H
#define RUNTIME_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Bytes, in a file's block buffer (f set: b holds cap bytes, written out
** when full) or (f NULL) in memory: b is malloc'd, grown as needed, and
** owned by whoever made the Buf, who frees it. A zeroed Buf is an empty
** one in memory. */
typedef struct Buf {
    FILE *f;
    char *b;
    size_t len, cap;
} Buf;

/* Appends n bytes: into memory, growing b (f NULL), or through the file's
** block buffer. */
void buf_put(Buf *b, const char *s, size_t n);

/* Room for n more bytes at b->b + b->len. Always true in memory; with a
** file, false when n is more than a block (then write the bytes to b->f
** directly: the block has been written out). */
bool buf_room(Buf *b, size_t n);

/* Writes out what the block holds (f set); in memory nothing. Write errors
** show in ferror(b->f). */
void buf_flush(Buf *b);

#endif
