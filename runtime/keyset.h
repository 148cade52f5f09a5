/*
** keyset.h: the keys of an applications file seen so far, to find the row
** that repeats one, in bounded memory whatever the number of rows (keyset.c
** says how). A key is known by its 64-bit hash (keyset_hash): two keys with
** the same hash count as the same, a collision that needs about 2^32 keys to
** be likely.
*/
#ifndef MEDEL_KEYSET_H
#define MEDEL_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct KeyRun KeyRun;

/* The fields are keyset.c's; a zeroed KeySet is not ready (keyset_init). */
typedef struct KeySet {
    /* the current segment: open addressing, at most half full, 0 = empty */
    uint64_t *hash;
    uint32_t *record;
    size_t n, cap;
    size_t max_slots;      /* cap stops doubling here; then the segment spills */
    int bits;              /* log2(max_slots) */
    /* spilled segments: sorted runs in an unlinked temporary file */
    int fd;                /* -1 until the first spill */
    KeyRun *runs;
    size_t n_runs, cap_runs;
    uint64_t end;          /* the file's size, in bytes */
    char *dir;             /* where the file is, for messages */
    uint32_t *filter;      /* a Bloom filter of every spilled key, or NULL */
    size_t filter_blocks;
    unsigned char *page;   /* one page of a run, read to confirm a filter hit */
    size_t n_spilled;
} KeySet;

/* The table slots of the current segment (12 bytes each) at which it
** spills: 2^20, 12 MiB, so that at least 524 287 keys are kept as before. */
#define KEYSET_SLOTS ((size_t)1 << 20)

/* An empty set whose current segment grows to at most max_slots (a power of
** two, at least 16; 0 for KEYSET_SLOTS). Tests pass a small one so that
** many segments spill. */
void keyset_init(KeySet *k, size_t max_slots);
void keyset_free(KeySet *k);

/* A key's hash; never 0. */
uint64_t keyset_hash(const char *s, size_t len);

/* Starts loading what keyset_seen(k, h, ...) will read first, so that the
** cache miss overlaps other work. */
void keyset_prefetch(const KeySet *k, uint64_t h);

/* Sets *earlier to the record given with h before, or to 0 and adds h with
** record (not 0). False, with why in msg[0..n) (Swedish, for a person), when
** the temporary file the keys spill to cannot be made, written or read:
** then nothing was added, and the set can only be freed. */
bool keyset_seen(KeySet *k, uint64_t h, uint32_t record, uint32_t *earlier, char *msg, size_t n);

/* How many bytes of memory k holds now (its tables, filter and indexes). */
size_t keyset_bytes(const KeySet *k);

#endif
