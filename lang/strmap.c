/*
** strmap.c: the open-addressing string map of strmap.h.
*/
#include "strmap.h"

#include <string.h>

uint64_t strmap_hash(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u;   /* FNV-1a offset basis */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* The slot holding key, or the empty slot where it would go. */
static StrMapSlot *slot_for(const StrMap *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        StrMapSlot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->len == len && (len == 0 || memcmp(s->key, key, len) == 0)))
            return s;
    }
}

int32_t strmap_find(const StrMap *m, const char *key, size_t len)
{
    if (m->cap == 0)
        return -1;
    const StrMapSlot *s = slot_for(m, key, len, strmap_hash(key, len));
    return s->key ? s->value : -1;
}

/* Moves the entries to cap slots (a power of two, more than twice them). */
static void grow_to(StrMap *m, Arena *a, size_t cap)
{
    StrMap bigger = { NULL, m->n, cap };
    bigger.slots = arena_alloc(a, cap * sizeof *bigger.slots);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *slot_for(&bigger, m->slots[i].key, m->slots[i].len, m->slots[i].hash) = m->slots[i];
    *m = bigger;
}

void strmap_reserve(StrMap *m, Arena *a, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    if (cap > m->cap)
        grow_to(m, a, cap);
}

int32_t strmap_insert(StrMap *m, Arena *a, const char *key, size_t len, int32_t value)
{
    if (2 * (m->n + 1) > m->cap)
        grow_to(m, a, m->cap ? 2 * m->cap : 16);
    uint64_t h = strmap_hash(key, len);
    StrMapSlot *s = slot_for(m, key, len, h);
    if (s->key)
        return s->value;
    *s = (StrMapSlot){ key ? key : "", len, h, value };
    m->n++;
    return -1;
}
