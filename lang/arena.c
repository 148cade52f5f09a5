/*
** arena.c: the bump allocator of arena.h, and the aborting malloc wrappers.
** Memory comes from malloc'd chunks chained newest first. A request too big
** for a normal chunk gets a chunk of its own (unless it fits in what is left
** of the current one), so it neither wastes the rest of the current chunk nor
** forces every chunk to be huge.
*/
#include "arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ALIGN = alignof(max_align_t),
    CHUNK_SIZE = 64 * 1024,     /* payload bytes of a normal chunk */
    LARGE = CHUNK_SIZE / 4      /* bigger requests get their own chunk, unless they fit */
};

struct ArenaChunk {
    ArenaChunk *next;
    size_t used;                /* payload bytes handed out, a multiple of ALIGN */
    size_t cap;                 /* payload bytes */
    max_align_t data[];         /* the payload; its type gives the alignment */
};

static _Noreturn void die(size_t n)
{
    fprintf(stderr, "medel: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    /* malloc(0) may return NULL, which must not look like failure. */
    void *p = malloc(n ? n : 1);
    if (!p)
        die(n);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die(n);
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

void arena_init(Arena *a)
{
    a->head = NULL;
}

static ArenaChunk *chunk(size_t cap)
{
    if (cap > SIZE_MAX - sizeof(ArenaChunk))
        die(cap);
    ArenaChunk *c = xmalloc(sizeof *c + cap);
    c->next = NULL;
    c->used = 0;
    c->cap = cap;
    return c;
}

void *arena_alloc(Arena *a, size_t n)
{
    if (n > SIZE_MAX - ALIGN - sizeof(ArenaChunk))
        die(n);
    /* Rounding every size up keeps the next block aligned; a zero-byte
    ** request still takes a slot so that distinct calls give distinct
    ** pointers. */
    size_t size = n == 0 ? ALIGN : (n + ALIGN - 1) / ALIGN * ALIGN;
    ArenaChunk *c = a->head;
    void *p;
    if (size > LARGE && !(c && c->cap - c->used >= size)) {
        ArenaChunk *big = chunk(size);
        big->used = size;
        /* Behind the head, so the head's free space stays in use. */
        if (c) {
            big->next = c->next;
            c->next = big;
        } else {
            a->head = big;
        }
        p = big->data;
    } else {
        if (!c || c->cap - c->used < size) {
            c = chunk(CHUNK_SIZE);
            c->next = a->head;
            a->head = c;
        }
        p = (char *)c->data + c->used;
        c->used += size;
    }
    return memset(p, 0, size);
}

char *arena_strndup(Arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        /* Only an encoding error gets here; an empty string beats NULL for
        ** callers that never check. */
        va_end(ap2);
        return arena_strndup(a, "", 0);
    }
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void *arena_grow(Arena *a, void *old, size_t old_n, size_t new_n, size_t elem_size)
{
    if (elem_size && new_n > SIZE_MAX / elem_size)
        die(SIZE_MAX);
    void *p = arena_alloc(a, new_n * elem_size);
    size_t keep = old_n < new_n ? old_n : new_n;
    if (old && keep)
        memcpy(p, old, keep * elem_size);
    return p;
}

void arena_free(Arena *a)
{
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    arena_init(a);
}

void arena_reset(Arena *a)
{
    ArenaChunk *c = a->head;
    if (c && c->next) {
        /* One chunk as large as all of them: the next round of the same
        ** requests fits in it, with no memory to fetch from the system. */
        size_t cap = 0;
        for (; c; c = c->next)
            cap += c->cap;
        arena_free(a);
        a->head = chunk(cap);
    } else if (c) {
        c->used = 0;
    }
}
