/*
** test_arena.c: unit tests for the arena allocator and the x* wrappers
** (alignment, zeroing, chunking of large requests, copies, growth, reuse
** after a reset, and the out-of-memory message).
*/
#include <signal.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "suites.h"

/* ASan answers an impossible malloc with its own report instead of NULL, so
** the out-of-memory path can only be tested without it. */
#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

static bool aligned(const void *p)
{
    return (uintptr_t)p % alignof(max_align_t) == 0;
}

START_TEST(test_alloc_zeroed_and_aligned)
{
    Arena a;
    arena_init(&a);
    ck_assert_ptr_null(a.head);
    for (size_t n = 1; n <= 200; n++) {
        unsigned char *p = arena_alloc(&a, n);
        ck_assert(aligned(p));
        for (size_t i = 0; i < n; i++)
            ck_assert_uint_eq(p[i], 0);
        memset(p, 0xAB, n);     /* dirty it: later blocks must still be zero */
    }
    arena_free(&a);
}
END_TEST

START_TEST(test_alloc_zero_bytes)
{
    Arena a;
    arena_init(&a);
    void *p = arena_alloc(&a, 0);
    void *q = arena_alloc(&a, 0);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(q);
    ck_assert_ptr_ne(p, q);
    arena_free(&a);
}
END_TEST

START_TEST(test_blocks_do_not_overlap)
{
    Arena a;
    arena_init(&a);
    enum { N = 5000, SIZE = 100 };  /* several chunks' worth */
    unsigned char *blocks[N];
    for (size_t i = 0; i < N; i++) {
        blocks[i] = arena_alloc(&a, SIZE);
        memset(blocks[i], (int)(i % 251), SIZE);
    }
    for (size_t i = 0; i < N; i++) {
        for (size_t j = 0; j < SIZE; j++)
            ck_assert_uint_eq(blocks[i][j], i % 251);
    }
    arena_free(&a);
}
END_TEST

START_TEST(test_large_request_gets_own_chunk)
{
    Arena a;
    arena_init(&a);
    char *small1 = arena_alloc(&a, 1);
    ArenaChunk *head = a.head;
    size_t big_n = 1024 * 1024;
    unsigned char *big = arena_alloc(&a, big_n);
    ck_assert(aligned(big));
    ck_assert_uint_eq(big[0], 0);
    ck_assert_uint_eq(big[big_n - 1], 0);
    memset(big, 0xFF, big_n);
    /* The head chunk is kept, and the next small block follows the first. */
    ck_assert_ptr_eq(a.head, head);
    char *small2 = arena_alloc(&a, 1);
    ck_assert_ptr_eq(small2, small1 + alignof(max_align_t));
    arena_free(&a);

    /* A large first request works on an empty arena too. */
    unsigned char *first = arena_alloc(&a, big_n);
    ck_assert_ptr_nonnull(a.head);
    ck_assert_uint_eq(first[big_n / 2], 0);
    char *after = arena_alloc(&a, 8);
    ck_assert(aligned(after));
    arena_free(&a);
}
END_TEST

START_TEST(test_strndup_and_strdup)
{
    Arena a;
    arena_init(&a);
    char src[] = "hello world";
    char *p = arena_strndup(&a, src, 5);
    ck_assert_str_eq(p, "hello");
    char *q = arena_strdup(&a, src);
    src[0] = 'J';   /* the copies are independent of the source */
    ck_assert_str_eq(q, "hello world");
    ck_assert_str_eq(p, "hello");
    ck_assert_str_eq(arena_strndup(&a, NULL, 0), "");
    /* Embedded bytes are copied as they are, NUL included. */
    char *r = arena_strndup(&a, "a\0b", 3);
    ck_assert_int_eq(memcmp(r, "a\0b\0", 4), 0);
    arena_free(&a);
}
END_TEST

START_TEST(test_printf)
{
    Arena a;
    arena_init(&a);
    ck_assert_str_eq(arena_printf(&a, "%s-%d-%05.1f", "x", 42, 3.14159), "x-42-003.1");
    ck_assert_str_eq(arena_printf(&a, "%s", ""), "");
    ck_assert_str_eq(arena_printf(&a, "%s: %zu", "rad", (size_t)7), "rad: 7");
    /* Longer than a chunk. */
    char *wide = arena_printf(&a, "%*s|", 100000, "x");
    ck_assert_uint_eq(strlen(wide), 100001);
    ck_assert_int_eq(wide[0], ' ');
    ck_assert_int_eq(wide[99999], 'x');
    ck_assert_int_eq(wide[100000], '|');
    arena_free(&a);
}
END_TEST

START_TEST(test_grow)
{
    Arena a;
    arena_init(&a);
    int *v = arena_grow(&a, NULL, 0, 4, sizeof *v);
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(v[i], 0);
        v[i] = i + 1;
    }
    int *w = arena_grow(&a, v, 4, 8, sizeof *w);
    ck_assert_ptr_ne(w, v);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(w[i], i + 1);
    for (int i = 4; i < 8; i++)
        ck_assert_int_eq(w[i], 0);
    /* The old block is left alone. */
    w[0] = 99;
    ck_assert_int_eq(v[0], 1);
    /* Shrinking copies what fits. */
    int *s = arena_grow(&a, w, 8, 2, sizeof *s);
    ck_assert_int_eq(s[0], 99);
    ck_assert_int_eq(s[1], 2);
    arena_free(&a);
}
END_TEST

START_TEST(test_free_and_reuse)
{
    Arena a;
    arena_init(&a);
    arena_alloc(&a, 10);
    arena_alloc(&a, 100000);
    arena_free(&a);
    ck_assert_ptr_null(a.head);
    char *p = arena_strdup(&a, "again");
    ck_assert_str_eq(p, "again");
    arena_free(&a);
    arena_free(&a);     /* freeing an empty arena is harmless */
    ck_assert_ptr_null(a.head);
}
END_TEST

/* One round of requests, small and large, as one what-if scenario makes;
** returns the blocks' addresses in out[]. Each block must arrive zeroed. */
enum { ROUND_SMALL = 50, SMALL_SIZE = 3008, BIG_SIZE = 200000 };  /* multiples of the alignment */

static void round_of_requests(Arena *a, unsigned char **out)
{
    for (size_t i = 0; i <= ROUND_SMALL; i++) {
        size_t n = i < ROUND_SMALL ? SMALL_SIZE : BIG_SIZE;
        unsigned char *p = arena_alloc(a, n);
        bool zero = true;       /* one assertion per block: a check per byte is slow under the sanitizers */
        for (size_t j = 0; j < n; j++)
            zero &= p[j] == 0;
        ck_assert_msg(zero, "block %zu of %zu bytes is not zeroed", i, n);
        memset(p, 0xAB, n);     /* dirty it: after a reset it must come back zeroed */
        out[i] = p;
    }
}

START_TEST(test_reset_keeps_memory)
{
    Arena a;
    arena_init(&a);
    arena_reset(&a);            /* an empty arena stays empty */
    ck_assert_ptr_null(a.head);
    unsigned char *blocks[ROUND_SMALL + 1];
    round_of_requests(&a, blocks);
    for (int round = 0; round < 3; round++) {
        arena_reset(&a);
        ArenaChunk *head = a.head;
        ck_assert_ptr_nonnull(head);
        round_of_requests(&a, blocks);
        /* The same round fits in the memory kept: no new chunk, and the
        ** blocks follow one another in it, the large one included. */
        ck_assert_ptr_eq(a.head, head);
        for (size_t i = 1; i <= ROUND_SMALL; i++)
            ck_assert_ptr_eq(blocks[i], blocks[i - 1] + SMALL_SIZE);
    }
    /* More than was kept still works: the arena grows as usual. */
    arena_reset(&a);
    for (int i = 0; i < 3; i++)
        round_of_requests(&a, blocks);
    arena_free(&a);
    ck_assert_ptr_null(a.head);
}
END_TEST

START_TEST(test_xmalloc_family)
{
    char *p = xmalloc(4);
    memcpy(p, "abc", 4);
    p = xrealloc(p, 1000);
    ck_assert_str_eq(p, "abc");
    free(p);
    void *z = xmalloc(0);
    ck_assert_ptr_nonnull(z);
    free(z);
    char *s = xstrdup("medel");
    ck_assert_str_eq(s, "medel");
    free(s);
}
END_TEST

#ifndef HAVE_ASAN
/* In a child (unit_child_stderr): asks for more than there is. */
static void alloc_everything(void *ctx)
{
    (void)ctx;
    xmalloc(SIZE_MAX);   /* aborts */
}

START_TEST(test_out_of_memory_aborts)
{
    int status;
    char *msg = unit_child_stderr(alloc_everything, NULL, &status);
    char expected[80];
    snprintf(expected, sizeof expected, "medel: out of memory (%zu bytes)\n", (size_t)SIZE_MAX);
    ck_assert_str_eq(msg, expected);
    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), SIGABRT);
    free(msg);
}
END_TEST
#endif

static _Noreturn void exit_42(void)
{
    _exit(42);
}

/* Out of memory on a thread with no hook of its own ends in the hook of
** last resort (the medel program's), not in abort. In a child of its own,
** so that it also runs without Check's fork (CK_FORK=no, under valgrind). */
START_TEST(test_last_resort_hook)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        arena_set_last_resort(exit_42);
        arena_fail_after(1);
        (void)xmalloc(16);
        _exit(1);   /* xmalloc returned with memory failing */
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 42, "status %d", status);
}
END_TEST

Suite *make_arena_suite(void)
{
    Suite *s = suite_create("arena");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_alloc_zeroed_and_aligned);
    tcase_add_test(tc, test_last_resort_hook);
    tcase_add_test(tc, test_alloc_zero_bytes);
    tcase_add_test(tc, test_blocks_do_not_overlap);
    tcase_add_test(tc, test_large_request_gets_own_chunk);
    tcase_add_test(tc, test_strndup_and_strdup);
    tcase_add_test(tc, test_printf);
    tcase_add_test(tc, test_grow);
    tcase_add_test(tc, test_free_and_reuse);
    tcase_add_test(tc, test_reset_keeps_memory);
    tcase_add_test(tc, test_xmalloc_family);
#ifndef HAVE_ASAN
    tcase_add_test(tc, test_out_of_memory_aborts);
#endif
    suite_add_tcase(s, tc);
    return s;
}
