/*
** test_gridstream.c: unit tests for grid.c's streaming grids (grid_stream),
** which check's table uses so that its memory stays flat in the number of
** applications. A table that fits in the look-ahead is printed exactly as
** grid_print prints it (hints or not); past the look-ahead the widths are
** fixed, no row is held beyond the bound, and a later cell wider than its
** column is printed whole. Widths are display columns: å, ä, ö and wide
** characters line up.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "suites.h"

/* A memory stream for a grid to print into. */
typedef struct Sink {
    char *buf;
    size_t len;
    FILE *f;
} Sink;

static void sink_open(Sink *k)
{
    k->buf = NULL;
    k->len = 0;
    k->f = open_memstream(&k->buf, &k->len);
    ck_assert_ptr_nonnull(k->f);
}

/* Closes the stream; the text is the caller's to free. */
static char *sink_close(Sink *k)
{
    ck_assert_int_eq(fclose(k->f), 0);
    return k->buf;
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Random tables of up to 8 rows, streamed with a look-ahead of 8 rows and
** hints wider than any cell: printed exactly as grid_print prints them. */
START_TEST(test_fits_as_before)
{
    static const char *const pieces[] = {"a", "Z", "å", "ä", "ö", "Ö", "o\xCC\x88", "漢", "1", " ", ""};
    uint64_t seed = 0x9E3779B97F4A7C15u + (uint64_t)_i;
    size_t n_cols = 1 + next(&seed) % 7, n_rows = 1 + next(&seed) % 8;
    unsigned right = (unsigned)(next(&seed) & 0x7f);
    Arena a, b;
    arena_init(&a);
    arena_init(&b);
    Grid old, st;
    grid_init(&old, &a, n_cols, right);
    grid_init(&st, &b, n_cols, right);
    Sink k;
    sink_open(&k);
    grid_stream(&st, k.f, "  ", 8, 1 << 20);
    for (size_t c = 0; c < n_cols; c++)
        grid_hint_width(&st, c, 40);
    for (size_t r = 0; r < n_rows; r++) {
        const char *cells[7];
        for (size_t c = 0; c < n_cols; c++) {
            char buf[64] = "";
            size_t n = next(&seed) % 5;
            for (size_t i = 0; i < n; i++)
                strcat(buf, pieces[next(&seed) % (sizeof pieces / sizeof pieces[0])]);
            cells[c] = arena_strdup(&a, buf);
        }
        grid_row_array(&old, cells);
        grid_row_array(&st, cells);
    }
    grid_end(&st);
    char *got = sink_close(&k);
    Sink w;
    sink_open(&w);
    grid_print(&old, w.f, "  ");
    char *want = sink_close(&w);
    ck_assert_str_eq(got, want);
    ck_assert_ptr_null(st.fixed);
    free(got);
    free(want);
    arena_free(&a);
    arena_free(&b);
}
END_TEST

/* Exactly as many rows as the look-ahead holds still fit: the hint is not
** used. */
START_TEST(test_exactly_the_bound_fits)
{
    Arena a;
    arena_init(&a);
    Grid g;
    grid_init(&g, &a, 2, 0);
    Sink k;
    sink_open(&k);
    grid_stream(&g, k.f, "", 3, 1 << 20);
    grid_hint_width(&g, 0, 10);
    grid_row(&g, "Pott", "Anm");
    grid_row(&g, "a", "x");
    grid_row(&g, "bb", "y");
    grid_end(&g);
    char *s = sink_close(&k);
    ck_assert_str_eq(s, "Pott  Anm\n"
                        "a     x\n"
                        "bb    y\n");
    ck_assert_uint_eq(g.most_held, 3);
    free(s);
    arena_free(&a);
}
END_TEST

/* Past the look-ahead: the widths come from the rows seen and the hints;
** a later cell wider than its column is printed whole (its row runs
** wider), and no more rows than the bound are ever held. å, ä, ö, a
** decomposed ä and a wide character are measured in display columns. */
START_TEST(test_past_the_bound)
{
    Arena a;
    arena_init(&a);
    Grid g;
    grid_init(&g, &a, 3, 0x2);
    Sink k;
    sink_open(&k);
    grid_stream(&g, k.f, "  ", 3, 1 << 20);
    grid_hint_width(&g, 2, 6);   /* "Anm" is 3 wide; the hint makes it 6 */
    grid_row(&g, "Pott", "Belopp", "Anm");
    grid_row(&g, "Österåker", "1 500 kr", NULL);   /* 9 and 8 columns wide */
    grid_row(&g, "東京", "12 kr", "ärende");       /* 4 columns wide */
    /* The look-ahead is full: widths 9, 8, 6 from here on. */
    grid_row(&g, "a\xCC\x88lv", "5 kr", "x");
    grid_row(&g, "Upplands Väsby", "1 234 567 kr", "ä");   /* wider than both columns */
    grid_row(&g, "漢字漢字漢", "1 kr", "y");                /* 10 columns: one too wide */
    grid_row(&g, "", "", "");
    grid_end(&g);
    char *s = sink_close(&k);
    ck_assert_str_eq(s, "  Pott         Belopp  Anm\n"
                        "  Österåker  1 500 kr\n"
                        "  東京          12 kr  ärende\n"
                        "  a\xCC\x88lv            5 kr  x\n"
                        "  Upplands Väsby  1 234 567 kr  ä\n"
                        "  漢字漢字漢      1 kr  y\n"
                        "  \n");
    ck_assert_uint_eq(g.most_held, 3);
    ck_assert_ptr_nonnull(g.fixed);
    ck_assert_uint_eq(g.fixed[0], 9);
    ck_assert_uint_eq(g.fixed[1], 8);
    ck_assert_uint_eq(g.fixed[2], 6);
    free(s);
    arena_free(&a);
}
END_TEST

/* The bound in bytes: a row that would take the cells held past it fixes
** the widths first, whatever the count of rows. */
START_TEST(test_byte_bound)
{
    Arena a;
    arena_init(&a);
    Grid g;
    grid_init(&g, &a, 2, 0);
    Sink k;
    sink_open(&k);
    grid_stream(&g, k.f, "", 1000, 16);
    grid_row(&g, "ab", "c");          /* 5 bytes with the NULs */
    grid_row(&g, "abcd", "e");        /* 7: 12 held */
    grid_row(&g, "abcdefgh", "f");    /* 11: past 16, so the widths are 4, 1 */
    grid_row(&g, "g", "h");
    grid_end(&g);
    char *s = sink_close(&k);
    ck_assert_str_eq(s, "ab    c\n"
                        "abcd  e\n"
                        "abcdefgh  f\n"
                        "g     h\n");
    ck_assert_uint_eq(g.most_held, 2);
    free(s);
    arena_free(&a);
}
END_TEST

/* Many rows through a small look-ahead: every row is printed, in order,
** and at most the bound is held at any time. */
START_TEST(test_many_rows_none_lost)
{
    Arena a;
    arena_init(&a);
    Grid g;
    grid_init(&g, &a, 2, 0x2);
    Sink k;
    sink_open(&k);
    grid_stream(&g, k.f, "", 16, 1 << 20);
    enum { N = 10000 };
    for (int i = 0; i < N; i++) {
        char key[32], n[32];
        snprintf(key, sizeof key, "k%d", i);
        snprintf(n, sizeof n, "%d", i * 7);
        grid_row(&g, key, n);
    }
    grid_end(&g);
    char *s = sink_close(&k);
    ck_assert_uint_le(g.most_held, 16);
    int lines = 0;
    for (char *line = s, *nl; (nl = strchr(line, '\n')); line = nl + 1, lines++) {
        char want[64];
        snprintf(want, sizeof want, "k%d", lines);
        ck_assert(strncmp(line, want, strlen(want)) == 0);
        char *sp = nl;
        while (sp > line && sp[-1] != ' ')
            sp--;
        ck_assert(sp > line);
        ck_assert_int_eq(atoi(sp), lines * 7);
    }
    ck_assert_int_eq(lines, N);
    free(s);
    arena_free(&a);
}
END_TEST

Suite *make_gridstream_suite(void)
{
    Suite *s = suite_create("gridstream");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_fits_as_before, 0, 200);
    tcase_add_test(tc, test_exactly_the_bound_fits);
    tcase_add_test(tc, test_past_the_bound);
    tcase_add_test(tc, test_byte_bound);
    tcase_add_test(tc, test_many_rows_none_lost);
    suite_add_tcase(s, tc);
    return s;
}
