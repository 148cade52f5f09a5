/*
** test_grid.c: unit tests for runtime/grid.c, the aligned tables of the
** reports. One exact table (å, ä, ö and a wide character lining up,
** amounts right-aligned, no trailing blanks), and random tables read back:
** every left-aligned column starts, and every right-aligned one ends, at the
** same display column on every line, two columns apart at the widest cell.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "suites.h"
#include "text.h"

static char *print(const Grid *g, const char *indent)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(out);
    grid_print(g, out, indent);
    ck_assert_int_eq(fclose(out), 0);
    return buf;
}

START_TEST(test_swedish_letters_line_up)
{
    Arena a;
    arena_init(&a);
    Grid g;
    grid_init(&g, &a, 3, 0x2);
    grid_row(&g, "Pott", "Belopp", "Anm");
    grid_row(&g, "Österåker", "1 500 000 kr", NULL);
    grid_row(&g, "a\xCC\x88lv", "50 kr", "ärende");   /* ä decomposed: one column wide */
    grid_row(&g, "東京", "12 kr", "");
    char *s = print(&g, "  ");
    /* Widths 9 and 12 (Österåker, 1 500 000 kr); the empty last cells dropped. */
    ck_assert_str_eq(s, "  Pott             Belopp  Anm\n"
                        "  Österåker  1 500 000 kr\n"
                        "  a\xCC\x88lv               50 kr  ärende\n"
                        "  東京              12 kr\n");
    free(s);
    arena_free(&a);
}
END_TEST

START_TEST(test_min_width_and_many_columns)
{
    Arena a;
    arena_init(&a);
    Grid g;
    enum { N = 40 };   /* more columns than the mask has bits */
    grid_init(&g, &a, N, 0);
    grid_align_right(&g, N - 1);
    grid_min_width(&g, 0, 5);
    const char *row[N];
    for (int i = 0; i < N; i++)
        row[i] = "x";
    grid_row_array(&g, row);
    char *s = print(&g, "");
    char want[4 * N + 8] = "x    ";
    for (int i = 1; i < N; i++)
        strcat(want, "  x");
    strcat(want, "\n");
    ck_assert_str_eq(s, want);
    free(s);
    arena_free(&a);
}
END_TEST

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

START_TEST(test_random_tables_align)
{
    static const char *const pieces[] = {"a", "Z", "å", "ä", "ö", "Ö", "o\xCC\x88", "漢", "1", "€", "-"};
    uint64_t seed = 0x2545F4914F6CDD1Du + (uint64_t)_i;
    Arena a;
    arena_init(&a);
    size_t n_cols = 1 + next(&seed) % 6, n_rows = 1 + next(&seed) % 8;
    unsigned right = (unsigned)(next(&seed) & 0x3f);
    Grid g;
    grid_init(&g, &a, n_cols, right);
    const char *cells[6];
    for (size_t r = 0; r < n_rows; r++) {
        for (size_t c = 0; c < n_cols; c++) {
            char buf[64] = "";
            size_t n = 1 + next(&seed) % 6;   /* never empty, no blanks: the cells can be read back */
            for (size_t k = 0; k < n; k++)
                strcat(buf, pieces[next(&seed) % (sizeof pieces / sizeof pieces[0])]);
            cells[c] = arena_strdup(&a, buf);
        }
        grid_row_array(&g, cells);
    }
    char *s = print(&g, "  ");
    /* Each line: its cells, with the display columns where they start and end. */
    size_t start[8][6], end[8][6], r = 0;
    for (char *line = s, *nl; (nl = strchr(line, '\n')); line = nl + 1, r++) {
        ck_assert_uint_lt(r, n_rows);
        ck_assert_msg(nl == line || nl[-1] != ' ', "line %zu ends in a blank", r);
        size_t c = 0;
        for (char *p = line; p < nl;) {
            if (*p == ' ') {
                p++;
                continue;
            }
            char *e = p;
            while (e < nl && *e != ' ')
                e++;
            ck_assert_uint_lt(c, n_cols);
            ck_assert(strncmp(p, g.cells[r * n_cols + c], (size_t)(e - p)) == 0);
            start[r][c] = text_width(line, (size_t)(p - line), 0);
            end[r][c] = text_width(line, (size_t)(e - line), 0);
            c++;
            p = e;
        }
        ck_assert_uint_eq(c, n_cols);
    }
    ck_assert_uint_eq(r, n_rows);
    for (size_t c = 0; c < n_cols; c++) {
        bool is_right = (right >> c) & 1u;
        size_t first = is_right ? end[0][c] : start[0][c], widest = 0;
        for (size_t i = 0; i < n_rows; i++) {
            ck_assert_uint_eq(is_right ? end[i][c] : start[i][c], first);
            if (end[i][c] - start[i][c] > widest)
                widest = end[i][c] - start[i][c];
        }
        /* The column is as wide as its widest cell, and two from the next. */
        size_t col_start = is_right ? first - widest : first;
        if (c == 0)
            ck_assert_uint_eq(col_start, 2);
        if (c + 1 < n_cols) {
            bool next_right = (right >> (c + 1)) & 1u;
            size_t next_start = start[0][c + 1], w1 = 0;
            for (size_t i = 0; i < n_rows; i++)
                if (end[i][c + 1] - start[i][c + 1] > w1)
                    w1 = end[i][c + 1] - start[i][c + 1];
            if (next_right)
                next_start = end[0][c + 1] - w1;
            ck_assert_uint_eq(next_start, col_start + widest + 2);
        }
    }
    free(s);
    arena_free(&a);
}
END_TEST

Suite *make_grid_suite(void)
{
    Suite *s = suite_create("grid");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_swedish_letters_line_up);
    tcase_add_test(tc, test_min_width_and_many_columns);
    tcase_add_loop_test(tc, test_random_tables_align, 0, 200);
    suite_add_tcase(s, tc);
    return s;
}
