/*
** arena.h: a bump allocator for memory whose lifetime is one phase (a loaded
** program, one evaluation). Everything allocated from an Arena is freed at once
** by arena_free(); nothing in it is freed one by one.
*/
#ifndef LANG_ARENA_H
#define LANG_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
    ArenaChunk *head;   /* newest chunk; older chunks follow through ->next */
} Arena;

/* Initialises an empty arena; allocates nothing until the first request. */
void arena_init(Arena *a);

/* Returns n zeroed bytes aligned for any type, owned by the arena. Never
** returns NULL: out of memory calls the hook (arena_set_oom_hook), or with
** none prints the size and aborts. */
void *arena_alloc(Arena *a, size_t n);

/* Copies s[0..len) and appends a NUL; the copy lives in the arena. */
char *arena_strndup(Arena *a, const char *s, size_t len);
char *arena_strdup(Arena *a, const char *s);

/* printf into the arena; the result lives in the arena. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Grows an array held in the arena: returns a copy of old[0..old_n) with room
** for new_n elements of elem_size bytes. The old block is not reclaimed. */
void *arena_grow(Arena *a, void *old, size_t old_n, size_t new_n, size_t elem_size);

/* Frees every chunk; the arena is empty afterwards and may be reused. */
void arena_free(Arena *a);

/* Empties the arena but keeps its memory: everything allocated from it is
** gone, and later requests are served from what it already holds (merged
** into one chunk) while they fit. For work done in rounds, such as one
** what-if scenario after another, whose memory need not be fetched again. */
void arena_reset(Arena *a);

/* malloc/realloc that abort with a message on failure, for the few owners
** outside arenas (source buffers, diagnostic vectors). */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* What out of memory does on this thread. Without a hook (the command
** line), arena_alloc and the x* functions print the size and abort; with
** one, they call it instead, and it must not return: the engine API
** (runtime/engine.c) longjmps back to the call in progress, which frees
** what it made and returns MEDEL_ENOMEM. A failed request changes nothing
** (an arena keeps its chunks, xrealloc's block stays valid). Returns the
** hook that was set before. */
typedef void (*ArenaOomHook)(void);

/* Out of memory for a request of n bytes made without the x* functions
** (a library call that returned NULL): the hook, or print and abort. */
_Noreturn void arena_out_of_memory(size_t n);
ArenaOomHook arena_set_oom_hook(ArenaOomHook hook);

/* The hook of last resort, for the whole process: called when memory runs
** out on a thread that has no hook of its own (a worker thread of the
** pipeline, or a program's thread outside a guarded call), instead of
** printing an English line and aborting. It must not return: the medel
** program removes its half-written output and exits with a Swedish message
** (cli.c). Set it before any thread starts. */
void arena_set_last_resort(ArenaOomHook hook);

/* For tests of out-of-memory handling: the n-th request for memory from
** now on (arena chunks and the x* functions) on this thread fails as if
** malloc had returned NULL; 0 fails none. The count stops after that one. */
void arena_fail_after(unsigned long n);

/* Tracking what a call makes, so that a call left half way by the
** out-of-memory hook can be undone (see arena.c). Between
** arena_track_begin and arena_track_end on one thread, every block and
** stream lang/ and runtime/ get (malloc, calloc, realloc, aligned_alloc,
** fopen, fdopen, fmemopen, open_memstream, fopencookie, tmpfile, which CMake
** renames to the arena_track_* below) is remembered until it is freed or
** closed. arena_track_end(true) closes and frees what is left (newest
** stream first); arena_track_end(false) forgets it, leaving it to its
** owners. arena_track_keep and arena_track_keep_arena take blocks out of
** the reckoning before that: memory made during the call that an object
** from before it now owns (a grown array, an arena's new chunks). */
void arena_track_begin(void);
void arena_track_end(bool release);
void arena_track_keep(void *p);
void arena_track_keep_arena(Arena *a);

void *arena_track_malloc(size_t n);
void *arena_track_calloc(size_t n, size_t size);
void *arena_track_realloc(void *p, size_t n);
void *arena_track_aligned_alloc(size_t align, size_t n);
void arena_track_free(void *p);
FILE *arena_track_fopen(const char *path, const char *mode);
FILE *arena_track_fdopen(int fd, const char *mode);
FILE *arena_track_fmemopen(void *buf, size_t size, const char *mode);
FILE *arena_track_open_memstream(char **buf, size_t *size);
FILE *arena_track_tmpfile(void);
char *arena_track_realpath(const char *path, char *resolved);
int arena_track_fclose(FILE *f);
#ifdef _GNU_SOURCE
FILE *arena_track_fopencookie(void *cookie, const char *mode, cookie_io_functions_t io);
#endif

#endif
