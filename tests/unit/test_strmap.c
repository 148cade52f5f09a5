/*
** test_strmap.c: unit tests for lang/strmap.c, medel's string map. Random
** inserts and lookups over a small alphabet (so that keys repeat, share
** prefixes, hold NUL bytes and are empty) are compared with a naive
** reference, a list searched from the start, across many growths.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "suites.h"

/* The naive reference: keys in the order added, found by a linear scan. */
typedef struct Ref {
    const char **key;
    size_t *len;
    size_t n;
} Ref;

static int32_t ref_find(const Ref *r, const char *key, size_t len)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->len[i] == len && memcmp(r->key[i], key, len) == 0)
            return (int32_t)i;
    return -1;
}

/* xorshift: the same keys on every run, so a failure can be repeated. */
static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* A key of 0..max_len bytes from "ab\0ä" (the last two bytes of ä may be
** split), copied into the arena. */
static const char *random_key(Arena *a, uint64_t *seed, size_t max_len, size_t *len)
{
    static const char alphabet[] = { 'a', 'b', '\0', (char)0xC3, (char)0xA4 };
    size_t n = (size_t)(next(seed) % (max_len + 1));
    char *k = arena_alloc(a, n + 1);
    for (size_t i = 0; i < n; i++)
        k[i] = alphabet[next(seed) % sizeof alphabet];
    *len = n;
    return k;
}

START_TEST(test_random_against_reference)
{
    uint64_t seed = 0x9E3779B97F4A7C15u + (uint64_t)_i;
    size_t max_len = (size_t)(1 + _i % 8);   /* short keys collide often */
    Arena a;
    arena_init(&a);
    StrMap m = {0};
    Ref ref = {0};
    enum { N = 4000 };
    ref.key = arena_alloc(&a, N * sizeof *ref.key);
    ref.len = arena_alloc(&a, N * sizeof *ref.len);
    for (int op = 0; op < N; op++) {
        size_t len;
        const char *k = random_key(&a, &seed, max_len, &len);
        int32_t want = ref_find(&ref, k, len);
        if (next(&seed) % 3) {
            int32_t got = strmap_insert(&m, &a, k, len, (int32_t)ref.n);
            ck_assert_int_eq(got, want);
            if (want < 0) {
                ref.key[ref.n] = k;
                ref.len[ref.n] = len;
                ref.n++;
            }
        } else {
            ck_assert_int_eq(strmap_find(&m, k, len), want);
        }
        ck_assert_uint_eq(m.n, ref.n);
        ck_assert(m.cap == 0 || 2 * m.n <= m.cap);
    }
    /* Every key added is found, with the value it was added with. */
    for (size_t i = 0; i < ref.n; i++)
        ck_assert_int_eq(strmap_find(&m, ref.key[i], ref.len[i]), (int32_t)i);
    arena_free(&a);
}
END_TEST

START_TEST(test_empty_map_and_empty_key)
{
    Arena a;
    arena_init(&a);
    StrMap m = {0};
    ck_assert_int_eq(strmap_find(&m, "x", 1), -1);
    ck_assert_int_eq(strmap_find(&m, NULL, 0), -1);
    ck_assert_int_eq(strmap_insert(&m, &a, "", 0, 7), -1);
    ck_assert_int_eq(strmap_find(&m, NULL, 0), 7);
    ck_assert_int_eq(strmap_insert(&m, &a, NULL, 0, 8), 7);   /* the same key: kept */
    ck_assert_int_eq(strmap_find(&m, "x", 0), 7);             /* by length, not NUL */
    ck_assert_int_eq(strmap_find(&m, "x", 1), -1);
    arena_free(&a);
}
END_TEST

START_TEST(test_many_keys)
{
    /* A hundred thousand distinct keys through many doublings. */
    Arena a;
    arena_init(&a);
    StrMap m = {0};
    enum { N = 100000 };
    for (int i = 0; i < N; i++) {
        char *k = arena_printf(&a, "kommun-%d", i);
        ck_assert_int_eq(strmap_insert(&m, &a, k, strlen(k), i), -1);
    }
    ck_assert_uint_eq(m.n, N);
    char buf[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "kommun-%d", i);
        ck_assert_int_eq(strmap_find(&m, buf, (size_t)n), i);
    }
    ck_assert_int_eq(strmap_find(&m, "kommun-", 7), -1);
    ck_assert_int_eq(strmap_find(&m, "kommun-100000", 13), -1);
    arena_free(&a);
}
END_TEST

START_TEST(test_reserve_keeps_entries)
{
    /* Reserving before, between and after inserts keeps every entry, and
    ** room reserved is not grown out of. */
    Arena a;
    arena_init(&a);
    StrMap m = {0};
    strmap_reserve(&m, &a, 3);
    ck_assert_int_eq(strmap_insert(&m, &a, "a", 1, 0), -1);
    strmap_reserve(&m, &a, 1000);
    size_t cap = m.cap;
    const StrMapSlot *slots = m.slots;
    char *keys[1000];
    for (int i = 1; i < 1000; i++) {
        keys[i] = arena_printf(&a, "k%d", i);
        ck_assert_int_eq(strmap_insert(&m, &a, keys[i], strlen(keys[i]), i), -1);
    }
    ck_assert_uint_eq(m.cap, cap);
    ck_assert_ptr_eq(m.slots, slots);
    strmap_reserve(&m, &a, 10);   /* smaller: nothing changes */
    ck_assert_uint_eq(m.cap, cap);
    ck_assert_int_eq(strmap_find(&m, "a", 1), 0);
    for (int i = 1; i < 1000; i++)
        ck_assert_int_eq(strmap_find(&m, keys[i], strlen(keys[i])), i);
    arena_free(&a);
}
END_TEST

START_TEST(test_hash_is_fnv1a)
{
    /* The published FNV-1a test vectors: the hash is stable across runs
    ** and machines. */
    ck_assert_uint_eq(strmap_hash("", 0), 0xcbf29ce484222325u);
    ck_assert_uint_eq(strmap_hash("a", 1), 0xaf63dc4c8601ec8cu);
    ck_assert_uint_eq(strmap_hash("foobar", 6), 0x85944171f73967e8u);
}
END_TEST

Suite *make_strmap_suite(void)
{
    Suite *s = suite_create("strmap");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_random_against_reference, 0, 16);
    tcase_add_test(tc, test_empty_map_and_empty_key);
    tcase_add_test(tc, test_many_keys);
    tcase_add_test(tc, test_reserve_keeps_entries);
    tcase_add_test(tc, test_hash_is_fnv1a);
    suite_add_tcase(s, tc);
    return s;
}
