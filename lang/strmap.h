/*
** strmap.h: a map from strings to small non-negative integers (an index into
** the caller's own array), by open addressing with linear probing. medel's
** one hash table: pot names, applicants, table keys.
**
** Keys are (pointer, length), compared byte for byte, and are not copied:
** the caller keeps them alive as long as the map, typically in the same arena
** as the map's slots. A zeroed StrMap is an empty map; it grows (doubling,
** amortised linear) when it is half full. The old slots are left in the
** arena, which frees everything at once.
*/
#ifndef LANG_STRMAP_H
#define LANG_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct StrMapSlot {
    const char *key;   /* NULL: empty */
    size_t len;
    uint64_t hash;
    int32_t value;
} StrMapSlot;

typedef struct StrMap {
    StrMapSlot *slots; /* cap slots in the arena given to strmap_insert */
    size_t n, cap;     /* cap is 0 or a power of two */
} StrMap;

/* Makes room for n entries in all, so that adding them does not grow the
** map (each growth leaves the old slots in the arena). */
void strmap_reserve(StrMap *m, Arena *a, size_t n);

/* 64-bit FNV-1a of s[0..len): small, and good enough for a million keys. */
uint64_t strmap_hash(const char *s, size_t len);

/* The value of key[0..len), or -1 if the map does not hold it. */
int32_t strmap_find(const StrMap *m, const char *key, size_t len);

/* Adds key[0..len) with value (>= 0) unless the map holds the key already.
** Returns the value the key had before (and changes nothing), or -1 when it
** was added. New slots come from `a`. */
int32_t strmap_insert(StrMap *m, Arena *a, const char *key, size_t len, int32_t value);

#endif
