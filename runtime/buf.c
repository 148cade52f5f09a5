/*
** buf.c: bytes gathered in memory or through a file's block buffer (buf.h).
*/
#include "buf.h"

#include <string.h>

#include "arena.h"

void buf_flush(Buf *o)
{
    if (o->f && o->len)
        fwrite(o->b, 1, o->len, o->f);   /* errors surface in out_commit (ferror) */
    if (o->f)
        o->len = 0;
}

bool buf_room(Buf *o, size_t n)
{
    if (!o->f) {
        if (n > o->cap - o->len) {
            size_t cap = o->cap ? o->cap : 4096;
            while (n > cap - o->len)
                cap *= 2;
            o->b = xrealloc(o->b, cap);
            o->cap = cap;
        }
        return true;
    }
    if (n > o->cap - o->len)
        buf_flush(o);
    return n <= o->cap;
}

void buf_put(Buf *o, const char *s, size_t n)
{
    /* An empty cell: o->b may still be NULL, and memcpy from or to NULL is
    ** undefined even for 0 bytes. */
    if (n == 0)
        return;
    if (!buf_room(o, n)) {
        fwrite(s, 1, n, o->f);
        return;
    }
    memcpy(o->b + o->len, s, n);
    o->len += n;
}
