/*
** arena.c: the bump allocator of arena.h, and the aborting malloc wrappers.
** Memory comes from malloc'd chunks chained newest first. A request too big
** for a normal chunk gets a chunk of its own (unless it fits in what is left
** of the current one), so it neither wastes the rest of the current chunk nor
** forces every chunk to be huge.
*/
/* This file is the allocator under the rest: it calls the C library's own
** functions, not the tracking names CMake substitutes elsewhere (see
** "tracking" below); so the names are restored before any header. */
#undef malloc
#undef calloc
#undef realloc
#undef free
#undef aligned_alloc
#undef fopen
#undef fdopen
#undef fmemopen
#undef open_memstream
#undef fopencookie
#undef tmpfile
#undef fclose
#undef realpath
#define _GNU_SOURCE   /* fopencookie */
#include "arena.h"

#include <errno.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
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

static _Thread_local ArenaOomHook oom_hook;
static _Thread_local unsigned long fail_countdown;

ArenaOomHook arena_set_oom_hook(ArenaOomHook hook)
{
    ArenaOomHook old = oom_hook;
    oom_hook = hook;
    return old;
}

void arena_fail_after(unsigned long n)
{
    fail_countdown = n;
}

/* ---- tracking what a guarded call makes ----
** lang/ and runtime/ are compiled with malloc, free, fopen, fclose … named
** arena_track_* (CMakeLists.txt, MEDEL_TRACKING). Outside a tracked span
** these only call the C library. Within one (arena_track_begin on this
** thread), every block and stream they hand out is remembered until it is
** freed or closed, so that arena_track_end(true) can free and close what a
** call abandoned when out of memory made it leave half way: the temporary
** buffers, the scanner's state, a half-built reader. Blocks are kept in an
** open-addressing set of pointers, streams in a stack (closed newest first:
** a stream may write into an older one when it is closed). */

typedef struct Tracked {
    bool on;
    void **slots;        /* NULL: empty; TOMB: deleted */
    size_t cap, used;    /* used counts live entries and tombstones */
    FILE **files;
    size_t n_files, cap_files;
} Tracked;

static _Thread_local Tracked tracked;
static char tomb_;
#define TOMB ((void *)&tomb_)

static size_t slot_of(const void *p, size_t cap)
{
    return (size_t)(((uintptr_t)p >> 4) * UINT64_C(0x9E3779B97F4A7C15) >> 20) & (cap - 1);
}

static void set_insert(void *p);

static void set_grow(void)
{
    Tracked old = tracked;
    size_t cap = old.cap ? 2 * old.cap : 1024;
    void **slots = calloc(cap, sizeof *slots);
    if (!slots) {
        /* Without room to remember a block the call cannot be undone: stop
        ** tracking (a leak on a later failure is all this costs). */
        tracked.on = false;
        return;
    }
    tracked.slots = slots;
    tracked.cap = cap;
    tracked.used = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i] && old.slots[i] != TOMB)
            set_insert(old.slots[i]);
    free(old.slots);
}

static void set_insert(void *p)
{
    if (!tracked.on || !p)
        return;
    if (4 * (tracked.used + 1) > 3 * tracked.cap) {
        set_grow();
        if (!tracked.on)
            return;
    }
    size_t i = slot_of(p, tracked.cap);
    while (tracked.slots[i] && tracked.slots[i] != TOMB)
        i = (i + 1) & (tracked.cap - 1);
    if (!tracked.slots[i])
        tracked.used++;
    tracked.slots[i] = p;
}

/* Forgets p; false when it was not tracked. */
static bool set_remove(void *p)
{
    if (!tracked.cap || !p)
        return false;
    size_t i = slot_of(p, tracked.cap);
    for (size_t k = 0; k < tracked.cap && tracked.slots[i]; k++, i = (i + 1) & (tracked.cap - 1)) {
        if (tracked.slots[i] == p) {
            tracked.slots[i] = TOMB;
            return true;
        }
    }
    return false;
}

static _Noreturn void die(size_t n);

/* A stream opened (f) or not: a stream the C library could not open for want
** of memory is out of memory, not a file that cannot be read; every other
** failure is the caller's to report. */
static FILE *file_insert(FILE *f)
{
    if (!f && errno == ENOMEM)
        die(0);
    if (!tracked.on || !f)
        return f;
    if (tracked.n_files == tracked.cap_files) {
        size_t cap = tracked.cap_files ? 2 * tracked.cap_files : 16;
        FILE **files = realloc(tracked.files, cap * sizeof *files);
        if (!files) {
            tracked.on = false;
            return f;
        }
        tracked.files = files;
        tracked.cap_files = cap;
    }
    tracked.files[tracked.n_files++] = f;
    return f;
}

void arena_track_begin(void)
{
    tracked.on = true;
}

void arena_track_keep(void *p)
{
    set_remove(p);
}

void arena_track_keep_arena(Arena *a)
{
    for (ArenaChunk *c = a->head; c; c = c->next)
        set_remove(c);
}

void arena_track_end(bool release)
{
    if (release && tracked.on) {
        tracked.on = false;   /* what closing and freeing do is not tracked */
        while (tracked.n_files)
            fclose(tracked.files[--tracked.n_files]);
        for (size_t i = 0; i < tracked.cap; i++)
            if (tracked.slots[i] && tracked.slots[i] != TOMB)
                free(tracked.slots[i]);
    }
    free(tracked.slots);
    free(tracked.files);
    tracked = (Tracked){0};
}

void *arena_track_malloc(size_t n)
{
    void *p = malloc(n);
    set_insert(p);
    return p;
}

void *arena_track_calloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    set_insert(p);
    return p;
}

void *arena_track_aligned_alloc(size_t align, size_t n)
{
    void *p = aligned_alloc(align, n);
    set_insert(p);
    return p;
}

void *arena_track_realloc(void *p, size_t n)
{
    /* Track the new block only if the old one was tracked (or there was
    ** none): a block from before the span stays its owner's. */
    bool was = set_remove(p);
    void *q = realloc(p, n);
    if (q && (was || !p))
        set_insert(q);
    else if (!q && was && n)
        set_insert(p);   /* still there, unchanged */
    return q;
}

void arena_track_free(void *p)
{
    set_remove(p);
    free(p);
}

int arena_track_fclose(FILE *f)
{
    for (size_t i = tracked.n_files; i-- > 0;) {
        if (tracked.files[i] == f) {
            memmove(&tracked.files[i], &tracked.files[i + 1], (tracked.n_files - i - 1) * sizeof *tracked.files);
            tracked.n_files--;
            break;
        }
    }
    return fclose(f);
}

FILE *arena_track_fopen(const char *path, const char *mode)
{
    return file_insert(fopen(path, mode));
}

FILE *arena_track_fdopen(int fd, const char *mode)
{
    return file_insert(fdopen(fd, mode));
}

FILE *arena_track_fmemopen(void *buf, size_t size, const char *mode)
{
    return file_insert(fmemopen(buf, size, mode));
}

FILE *arena_track_open_memstream(char **buf, size_t *size)
{
    return file_insert(open_memstream(buf, size));
}

FILE *arena_track_fopencookie(void *cookie, const char *mode, cookie_io_functions_t io)
{
    return file_insert(fopencookie(cookie, mode, io));
}

char *arena_track_realpath(const char *path, char *resolved)
{
    char *r = realpath(path, resolved);
    if (!r && errno == ENOMEM)
        die(0);   /* not a folder that is missing or outside */
    if (!resolved)
        set_insert(r);   /* malloc'd by the C library, freed by the caller */
    return r;
}

FILE *arena_track_tmpfile(void)
{
    return file_insert(tmpfile());
}

static ArenaOomHook last_resort;   /* process-wide: set before threads start, then only read */

void arena_set_last_resort(ArenaOomHook hook)
{
    last_resort = hook;
}

static _Noreturn void die(size_t n)
{
    if (oom_hook)
        oom_hook();   /* does not return (longjmp) */
    if (last_resort)
        last_resort();   /* does not return (exits) */
    fprintf(stderr, "medel: out of memory (%zu bytes)\n", n);
    abort();
}

void arena_out_of_memory(size_t n)
{
    die(n);
}

/* Whether this request is the one arena_fail_after named. */
static bool injected(void)
{
    return fail_countdown && --fail_countdown == 0;
}

void *xmalloc(size_t n)
{
    /* malloc(0) may return NULL, which must not look like failure. */
    void *p = injected() ? NULL : arena_track_malloc(n ? n : 1);
    if (!p)
        die(n);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = injected() ? NULL : arena_track_realloc(p, n ? n : 1);
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
    ArenaChunk *c = xmalloc(sizeof *c + cap);   /* tracked, like every xmalloc */
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
        arena_track_free(c);
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
