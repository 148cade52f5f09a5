/*
** test_keyset.c: the key set (keyset.h) gives the answers of one plain hash
** table of every key, whatever its segment size: with segments small enough
** that many spill to the temporary file, at the boundaries of a segment and
** of a page of a run, and with no key at all; and a temporary file that
** cannot be made is said, not a crash.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "suites.h"

/* The reference: open addressing over every key, big enough never to fill. */
typedef struct Ref {
    uint64_t *h;
    uint32_t *r;
    size_t cap;
} Ref;

static void ref_init(Ref *t, size_t n)
{
    t->cap = 1;
    while (t->cap < 4 * n)
        t->cap *= 2;
    t->h = calloc(t->cap, sizeof *t->h);
    t->r = calloc(t->cap, sizeof *t->r);
    ck_assert(t->h && t->r);
}

/* Like keyset_seen: the earlier record, or 0 after adding h. */
static uint32_t ref_seen(Ref *t, uint64_t h, uint32_t record)
{
    size_t j = (size_t)(h * 0x9e3779b97f4a7c15u >> 20) & (t->cap - 1);
    for (; t->h[j]; j = (j + 1) & (t->cap - 1))
        if (t->h[j] == h)
            return t->r[j];
    t->h[j] = h;
    t->r[j] = record;
    return 0;
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* n lookups of random hashes with about one in dup_every repeating an
** earlier one, some hashes sharing their low bits (the table's slot) or
** their high bits (the filter's block) with one before; every answer must
** be the reference's. Returns how many runs the set spilled. */
static size_t differential(size_t max_slots, size_t n, unsigned dup_every, uint64_t seed)
{
    KeySet k;
    keyset_init(&k, max_slots);
    Ref ref;
    ref_init(&ref, n);
    uint64_t *seen = malloc(n * sizeof *seen);
    ck_assert_ptr_nonnull(seen);
    size_t n_dups = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = next(&seed);
        unsigned pick = (unsigned)(next(&seed) % (2u * dup_every));
        if (i && pick == 0)
            h = seen[next(&seed) % i];   /* a duplicate, anywhere before */
        else if (i && pick == 1)
            h = (seen[next(&seed) % i] & ~(uint64_t)0xfffff) | (h & 0xfffff);   /* same high bits */
        else if (i && pick == 2)
            h = (h & ~(uint64_t)0xfffff) | (seen[next(&seed) % i] & 0xfffff);   /* same slot */
        if (!h)
            h = 1;
        seen[i] = h;
        uint32_t record = (uint32_t)i + 2, got;
        char msg[600];
        ck_assert_msg(keyset_seen(&k, h, record, &got, msg, sizeof msg), "%s", msg);
        uint32_t want = ref_seen(&ref, h, record);
        ck_assert_msg(got == want, "lookup %zu (hash %016llx): got %u, want %u", i, (unsigned long long)h, got,
                      want);
        n_dups += want != 0;
    }
    ck_assert_uint_gt(n_dups, n / (4 * dup_every));
    size_t runs = k.n_runs;
    keyset_free(&k);
    free(ref.h);
    free(ref.r);
    free(seen);
    return runs;
}

/* The filter is 16 bytes a slot, sized for about 20 runs; past that it
** fills and more lookups read every run, so the sizes stay near that. */
START_TEST(test_same_as_one_table_with_many_runs)
{
    size_t n = unit_cases(20000);
    /* 16 slots: runs of 8 keys, 50 of them */
    /* (at least half as many runs as there would be without duplicates) */
    ck_assert_uint_ge(differential(16, n / 50 > 16 ? n / 50 : 16, 5, 0x1234567u), n / 50 / 16);
    /* 64 slots: runs of 32 keys, about 60 */
    ck_assert_uint_ge(differential(64, n / 10, 4, 0x77u), n / 10 / 64);
    /* 1 024 slots: runs of two pages, about 40; 4 096: runs of seven pages */
    ck_assert_uint_ge(differential(1024, n, 10, 0x9abcdefu), n / 1024);
    ck_assert_uint_ge(differential(4096, n, 3, 0x5555u), n / 4096);
}
END_TEST

START_TEST(test_default_size_does_not_spill_below_half_a_million)
{
    KeySet k;
    keyset_init(&k, 0);
    uint64_t s = 42;
    uint32_t got;
    char msg[600];
    for (uint32_t i = 1; i <= 100000; i++)
        ck_assert(keyset_seen(&k, next(&s), i, &got, msg, sizeof msg) && got == 0);
    ck_assert_uint_eq(k.n_runs, 0);
    ck_assert_int_eq(k.fd, -1);
    keyset_free(&k);
}
END_TEST

START_TEST(test_no_keys)
{
    KeySet k;
    keyset_init(&k, 16);
    ck_assert_uint_eq(keyset_bytes(&k), 0);
    keyset_prefetch(&k, 12345);   /* nothing to fetch yet */
    keyset_free(&k);
    keyset_free(&k);   /* a freed set is empty again */
}
END_TEST

/* A segment of 16 slots holds 8 keys; the 9th spills them; then each is
** found, the first and last hash of the run included. */
START_TEST(test_exactly_a_segment)
{
    KeySet k;
    keyset_init(&k, 16);
    uint32_t got;
    char msg[600];
    uint64_t h[17] = {1, UINT64_MAX, 0x8000000000000000u, 77, 0xfffffffffffffff0u, 2, 3, 0x7fffffffffffffffu};
    for (int i = 8; i < 17; i++)
        h[i] = 0x0123456789abcdefu * (uint64_t)(i + 1);
    for (int i = 0; i < 8; i++) {
        ck_assert(keyset_seen(&k, h[i], (uint32_t)i + 1, &got, msg, sizeof msg));
        ck_assert_uint_eq(got, 0);
    }
    ck_assert_uint_eq(k.n_runs, 0);
    ck_assert_uint_eq(k.n, 8);
    ck_assert(keyset_seen(&k, h[8], 9, &got, msg, sizeof msg));
    ck_assert_uint_eq(got, 0);
    ck_assert_uint_eq(k.n_runs, 1);
    ck_assert_uint_eq(k.n, 1);
    for (int i = 0; i < 9; i++) {
        ck_assert(keyset_seen(&k, h[i], 100, &got, msg, sizeof msg));
        ck_assert_uint_eq(got, (uint32_t)i + 1);
    }
    for (int i = 9; i < 17; i++) {   /* fills the second segment and spills it */
        ck_assert(keyset_seen(&k, h[i], (uint32_t)i + 1, &got, msg, sizeof msg));
        ck_assert_uint_eq(got, 0);
    }
    ck_assert_uint_eq(k.n_runs, 2);
    for (int i = 0; i < 17; i++) {
        ck_assert(keyset_seen(&k, h[i], 100, &got, msg, sizeof msg));
        ck_assert_uint_eq(got, (uint32_t)i + 1);
    }
    ck_assert_uint_gt(keyset_bytes(&k), 0);
    keyset_free(&k);
}
END_TEST

/* 2 048 slots: runs of 1 024 keys, three full pages of 341 and one page of
** one key; every key of two runs is found with its record. */
START_TEST(test_page_boundaries)
{
    KeySet k;
    keyset_init(&k, 2048);
    uint64_t s = 7;
    enum { N = 2048 };
    uint64_t *h = malloc(N * sizeof *h);
    ck_assert_ptr_nonnull(h);
    uint32_t got;
    char msg[600];
    for (uint32_t i = 0; i < N; i++) {
        h[i] = next(&s);
        ck_assert(keyset_seen(&k, h[i], i + 1, &got, msg, sizeof msg));
        ck_assert_uint_eq(got, 0);
    }
    ck_assert(keyset_seen(&k, 99, N + 1, &got, msg, sizeof msg));   /* spills the second run */
    ck_assert_uint_eq(k.n_runs, 2);
    for (uint32_t i = 0; i < N; i++) {
        ck_assert(keyset_seen(&k, h[i], 1, &got, msg, sizeof msg));
        ck_assert_uint_eq(got, i + 1);
    }
    for (uint32_t i = 0; i < 1000; i++) {   /* and keys never seen are not found */
        uint64_t x = next(&s);
        ck_assert(keyset_seen(&k, x, N + 2 + i, &got, msg, sizeof msg));
        ck_assert_uint_eq(got, 0);
    }
    keyset_free(&k);
    free(h);
}
END_TEST

START_TEST(test_no_temporary_file)
{
    const char *old = getenv("TMPDIR");
    char *keep = old ? strdup(old) : NULL;
    setenv("TMPDIR", "/nonexistent/medel-keyset-test", 1);
    KeySet k;
    keyset_init(&k, 16);
    uint32_t got;
    char msg[600] = "";
    for (uint32_t i = 1; i <= 8; i++)
        ck_assert(keyset_seen(&k, i * 0x9e3779b97f4a7c15u, i, &got, msg, sizeof msg));
    ck_assert(!keyset_seen(&k, 12345, 9, &got, msg, sizeof msg));
    ck_assert_msg(strstr(msg, "'/nonexistent/medel-keyset-test'") && strstr(msg, "TMPDIR") &&
                  strstr(msg, "efter 8 nycklar"), "%s", msg);
    ck_assert_uint_eq(got, 0);
    keyset_free(&k);
    if (keep)
        setenv("TMPDIR", keep, 1);
    else
        unsetenv("TMPDIR");
    free(keep);
}
END_TEST

Suite *make_keyset_suite(void)
{
    Suite *s = suite_create("keyset");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_same_as_one_table_with_many_runs);
    tcase_add_test(tc, test_default_size_does_not_spill_below_half_a_million);
    tcase_add_test(tc, test_no_keys);
    tcase_add_test(tc, test_exactly_a_segment);
    tcase_add_test(tc, test_page_boundaries);
    tcase_add_test(tc, test_no_temporary_file);
    suite_add_tcase(s, tc);
    return s;
}
