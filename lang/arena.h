/*
** arena.h: a bump allocator for memory whose lifetime is one phase (a loaded
** program, one evaluation). Everything allocated from an Arena is freed at once
** by arena_free(); nothing in it is freed one by one.
*/
#ifndef LANG_ARENA_H
#define LANG_ARENA_H

#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
    ArenaChunk *head;   /* newest chunk; older chunks follow through ->next */
} Arena;

/* Initialises an empty arena; allocates nothing until the first request. */
void arena_init(Arena *a);

/* Returns n zeroed bytes aligned for any type, owned by the arena. Never
** returns NULL: out of memory prints the size and aborts (medel is a CLI). */
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

#endif
