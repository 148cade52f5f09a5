/*
** test_source.c: unit tests for source files: loading from disk byte for byte,
** line starts, lines without their CR LF, line/column positions measured in
** display columns, and span joining.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "source.h"
#include "suites.h"

/* Writes len bytes to a new temporary file; its name goes to path. */
static void write_temp(char *path, size_t size, const char *bytes, size_t len)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/medel-test-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, bytes, len), (ssize_t)len);
    ck_assert_int_eq(close(fd), 0);
}

static void assert_pos(const SourceFile *f, size_t offset, size_t line, size_t col)
{
    SourcePos p = source_position(f, offset);
    ck_assert_uint_eq(p.line, line);
    ck_assert_uint_eq(p.col, col);
}

static void assert_line_n(const SourceFile *f, size_t offset, const char *expected, size_t n)
{
    size_t len = 999;
    const char *s = source_line(f, offset, &len);
    ck_assert_uint_eq(len, n);
    ck_assert_int_eq(memcmp(s, expected, n), 0);
}
/* The expected line is a literal, so it may hold a NUL. */
#define assert_line(f, offset, lit) assert_line_n((f), (offset), (lit), sizeof(lit) - 1)

START_TEST(test_add_and_line_starts)
{
    SourceSet set;
    source_set_init(&set);
    char path[] = "a.medel";
    uint32_t id = source_add(&set, path, "a\nbc\n\nd", 7);
    path[0] = 'X';      /* the set keeps its own copy */
    ck_assert_uint_eq(id, 0);
    ck_assert_uint_eq(set.n_files, 1);
    const SourceFile *f = source_get(&set, id);
    ck_assert_str_eq(f->path, "a.medel");
    ck_assert_uint_eq(f->len, 7);
    ck_assert_int_eq(f->bytes[7], '\0');
    ck_assert_uint_eq(f->n_lines, 4);
    ck_assert_uint_eq(f->line_starts[0], 0);
    ck_assert_uint_eq(f->line_starts[1], 2);
    ck_assert_uint_eq(f->line_starts[2], 5);
    ck_assert_uint_eq(f->line_starts[3], 6);

    ck_assert_uint_eq(source_add(&set, "b.medel", "x\n", 2), 1);
    const SourceFile *g = source_get(&set, 1);
    ck_assert_uint_eq(g->n_lines, 2);   /* the empty line after the last \n */
    ck_assert_uint_eq(g->line_starts[1], 2);
    ck_assert_ptr_null(source_get(&set, 2));
    ck_assert_ptr_null(source_get(&set, UINT32_MAX));
    source_set_free(&set);
    ck_assert_uint_eq(set.n_files, 0);
    ck_assert_ptr_null(set.files);
}
END_TEST

START_TEST(test_load_crlf_bytes_as_read)
{
    /* CR LF endings, a NUL, and invalid UTF-8 are all kept as they are. */
    static const char content[] = "ab\r\nc\0\xFF" "d\r\n";
    size_t n = sizeof content - 1;
    char path[512];
    write_temp(path, sizeof path, content, n);

    SourceSet set;
    source_set_init(&set);
    source_add(&set, "first", "", 0);
    uint32_t id = 77;
    ck_assert(source_load(&set, path, &id));
    ck_assert_uint_eq(id, 1);
    const SourceFile *f = source_get(&set, id);
    ck_assert_str_eq(f->path, path);
    ck_assert_uint_eq(f->len, n);
    ck_assert_int_eq(memcmp(f->bytes, content, n + 1), 0);  /* NUL appended */
    ck_assert_uint_eq(f->n_lines, 3);
    ck_assert_uint_eq(f->line_starts[0], 0);
    ck_assert_uint_eq(f->line_starts[1], 4);
    ck_assert_uint_eq(f->line_starts[2], 10);

    assert_line(f, 0, "ab");
    assert_line(f, 2, "ab");        /* the CR belongs to line 1 */
    assert_line(f, 3, "ab");        /* and so does the LF */
    assert_line(f, 4, "c\0\xFF" "d");
    assert_line(f, 10, "");

    assert_pos(f, 0, 1, 1);
    assert_pos(f, 1, 1, 2);
    assert_pos(f, 2, 1, 3);         /* at the CR */
    assert_pos(f, 3, 1, 3);         /* CR has width 0 */
    assert_pos(f, 4, 2, 1);
    assert_pos(f, 6, 2, 2);         /* NUL has width 0 */
    assert_pos(f, 7, 2, 3);         /* the invalid byte has width 1 */
    assert_pos(f, 8, 2, 4);
    assert_pos(f, 10, 3, 1);        /* end of file */
    source_set_free(&set);
    remove(path);
}
END_TEST

START_TEST(test_load_large_file)
{
    /* Larger than one read buffer, to cover the growing loop. */
    size_t n = 100000;
    char *content = malloc(n);
    for (size_t i = 0; i < n; i++)
        content[i] = i % 10 == 9 ? '\n' : (char)('0' + i % 10);
    char path[512];
    write_temp(path, sizeof path, content, n);

    SourceSet set;
    source_set_init(&set);
    uint32_t id;
    ck_assert(source_load(&set, path, &id));
    const SourceFile *f = source_get(&set, id);
    ck_assert_uint_eq(f->len, n);
    ck_assert_int_eq(memcmp(f->bytes, content, n), 0);
    ck_assert_int_eq(f->bytes[n], '\0');
    ck_assert_uint_eq(f->n_lines, n / 10 + 1);
    source_set_free(&set);
    remove(path);
    free(content);
}
END_TEST

START_TEST(test_load_empty_file)
{
    char path[512];
    write_temp(path, sizeof path, "", 0);
    SourceSet set;
    source_set_init(&set);
    uint32_t id;
    ck_assert(source_load(&set, path, &id));
    const SourceFile *f = source_get(&set, id);
    ck_assert_uint_eq(f->len, 0);
    ck_assert_int_eq(f->bytes[0], '\0');
    ck_assert_uint_eq(f->n_lines, 1);
    ck_assert_uint_eq(f->line_starts[0], 0);
    assert_pos(f, 0, 1, 1);
    assert_pos(f, 5, 1, 1);         /* clamped to the end */
    assert_line(f, 0, "");
    source_set_free(&set);
    remove(path);
}
END_TEST

START_TEST(test_load_failures)
{
    SourceSet set;
    source_set_init(&set);
    uint32_t id = 77;
    errno = 0;
    ck_assert(!source_load(&set, "/nonexistent-medel-dir/x.medel", &id));
    ck_assert_int_eq(errno, ENOENT);
    errno = 0;
    ck_assert(!source_load(&set, "/", &id));
    ck_assert_int_eq(errno, EISDIR);
    ck_assert_uint_eq(id, 77);
    ck_assert_uint_eq(set.n_files, 0);
    source_set_free(&set);
}
END_TEST

START_TEST(test_positions_in_display_columns)
{
    SourceSet set;
    source_set_init(&set);
    /* "  pott ä x": ä is bytes 7-8; the last line has a decomposed ä (a + U+0308) */
    uint32_t id = source_add(&set, "f", "  pott ä x\n\tx\nab\tx\n中x\na\xCC\x88x", 29);
    const SourceFile *f = source_get(&set, id);
    ck_assert_uint_eq(f->n_lines, 5);
    assert_pos(f, 7, 1, 8);         /* ä */
    assert_pos(f, 8, 1, 9);         /* inside ä: its lead byte counts 1 */
    assert_pos(f, 9, 1, 9);         /* the space after ä */
    assert_pos(f, 10, 1, 10);       /* x */
    assert_pos(f, 11, 1, 11);       /* the newline */
    assert_pos(f, 12, 2, 1);        /* tab */
    assert_pos(f, 13, 2, 9);        /* x after a tab */
    assert_pos(f, 17, 3, 3);        /* tab after "ab" */
    assert_pos(f, 18, 3, 9);        /* x after it */
    assert_pos(f, 20, 4, 1);        /* 中 */
    assert_pos(f, 23, 4, 3);        /* x after a wide letter */
    assert_pos(f, 25, 5, 1);
    assert_pos(f, 28, 5, 2);        /* x after a + combining diaeresis */
    assert_pos(f, 29, 5, 3);        /* end of file */
    assert_pos(f, 1000, 5, 3);      /* beyond: clamped */
    assert_line(f, 7, "  pott ä x");
    assert_line(f, 13, "\tx");
    assert_line(f, 1000, "a\xCC\x88x");
    source_set_free(&set);
}
END_TEST

START_TEST(test_many_lines)
{
    /* line k (from 0) is k+1 copies of 'x' and a newline */
    enum { N = 300 };
    size_t cap = (size_t)N * (N + 3) / 2 + 1;
    char *text = malloc(cap);
    size_t starts[N];
    size_t len = 0;
    for (size_t k = 0; k < N; k++) {
        starts[k] = len;
        memset(text + len, 'x', k + 1);
        len += k + 1;
        text[len++] = '\n';
    }
    SourceSet set;
    source_set_init(&set);
    const SourceFile *f = source_get(&set, source_add(&set, "m", text, len));
    ck_assert_uint_eq(f->n_lines, N + 1);
    for (size_t k = 0; k < N; k++) {
        ck_assert_uint_eq(f->line_starts[k], starts[k]);
        assert_pos(f, starts[k], k + 1, 1);
        assert_pos(f, starts[k] + k, k + 1, k + 1);         /* last x */
        assert_pos(f, starts[k] + k + 1, k + 1, k + 2);     /* its newline */
        size_t n;
        ck_assert_ptr_eq(source_line(f, starts[k] + k / 2, &n), f->bytes + starts[k]);
        ck_assert_uint_eq(n, k + 1);
    }
    assert_pos(f, len, N + 1, 1);
    source_set_free(&set);
    free(text);
}
END_TEST

START_TEST(test_line_ends_lf_crlf_and_lone_cr)
{
    SourceSet set;
    source_set_init(&set);
    const SourceFile *f = source_get(&set, source_add(&set, "r", "a\rb\r\n\r\nlast\r", 12));
    ck_assert_uint_eq(f->n_lines, 5);   /* a lone CR (old Mac) ends a line too */
    assert_line(f, 0, "a");
    assert_line(f, 2, "b");
    assert_line(f, 5, "");
    assert_line(f, 7, "last");
    assert_line(f, 12, "");
    assert_pos(f, 2, 2, 1);
    assert_pos(f, 8, 4, 2);
    source_set_free(&set);
}
END_TEST

/* Lines of random text ended by a random mix of LF, CRLF and CR: every
** offset is on the line it was written on, and every line reads back
** without its line end. */
START_TEST(test_line_ends_mixed_random)
{
    srand(12);
    for (int round = 0; round < 200; round++) {
        char buf[4096];
        size_t line_of_off[4096], n = 0, lines = 0;
        size_t starts[1024], ends[1024];
        int n_lines = 1 + rand() % 40;
        for (int l = 0; l < n_lines; l++) {
            starts[lines] = n;
            int w = rand() % 8;
            for (int i = 0; i < w; i++) {
                line_of_off[n] = lines;
                buf[n++] = (char)('a' + rand() % 26);
            }
            ends[lines] = n;
            static const char *const eol[] = {"\n", "\r\n", "\r"};
            const char *e = l + 1 == n_lines && rand() % 2 ? "" : eol[rand() % 3];
            /* CR then LF is one CRLF: an empty line after a lone CR cannot
            ** end with a bare LF. */
            if (w == 0 && n > 0 && buf[n - 1] == '\r' && e[0] == '\n')
                e = "\r";
            for (const char *c = e; *c; c++) {
                line_of_off[n] = lines;
                buf[n++] = *c;
            }
            lines++;
        }
        SourceSet set;
        source_set_init(&set);
        const SourceFile *f = source_get(&set, source_add(&set, "m", buf, n));
        for (size_t off = 0; off < n; off++) {
            size_t l = line_of_off[off];
            ck_assert_uint_eq(source_position(f, off).line, l + 1);
            size_t len;
            const char *s = source_line(f, off, &len);
            ck_assert_uint_eq((size_t)(s - f->bytes), starts[l]);
            ck_assert_uint_eq(len, ends[l] - starts[l]);
        }
        source_set_free(&set);
    }
}
END_TEST

static void assert_span(Span s, uint32_t file, uint32_t start, uint32_t end)
{
    ck_assert_uint_eq(s.file, file);
    ck_assert_uint_eq(s.start, start);
    ck_assert_uint_eq(s.end, end);
}

START_TEST(test_span_join)
{
    Span a = {2, 5, 8}, b = {2, 2, 6}, c = {2, 10, 12};
    assert_span(span_join(a, b), 2, 2, 8);
    assert_span(span_join(b, a), 2, 2, 8);
    assert_span(span_join(a, c), 2, 5, 12);
    assert_span(span_join(a, a), 2, 5, 8);
    assert_span(span_join(a, SPAN_NONE), 2, 5, 8);
    assert_span(span_join(SPAN_NONE, c), 2, 10, 12);
    ck_assert(span_is_none(span_join(SPAN_NONE, SPAN_NONE)));
    ck_assert(!span_is_none(a));
}
END_TEST

/* The reasons of failed file operations are Swedish (the tests run with no
** language in the environment) for the errors people meet, and every errno
** value has some reason. */
START_TEST(test_reasons_in_swedish)
{
    ck_assert_str_eq(i18n_strerror(ENOENT), "filen eller mappen finns inte");
    ck_assert_str_eq(i18n_strerror(EACCES), "åtkomst nekas (behörighet saknas)");
    ck_assert_str_eq(i18n_strerror(ENOSPC), "disken är full");
    ck_assert_str_eq(i18n_strerror(EISDIR), "det är en mapp");
    for (int e = 0; e < 200; e++) {
        const char *why = i18n_strerror(e);
        ck_assert_ptr_nonnull(why);
        ck_assert_msg(why[0] != '\0', "errno %d has no reason", e);
    }
}
END_TEST

Suite *make_source_suite(void)
{
    Suite *s = suite_create("source");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_add_and_line_starts);
    tcase_add_test(tc, test_load_crlf_bytes_as_read);
    tcase_add_test(tc, test_load_large_file);
    tcase_add_test(tc, test_load_empty_file);
    tcase_add_test(tc, test_load_failures);
    tcase_add_test(tc, test_positions_in_display_columns);
    tcase_add_test(tc, test_many_lines);
    tcase_add_test(tc, test_line_ends_lf_crlf_and_lone_cr);
    tcase_add_test(tc, test_line_ends_mixed_random);
    tcase_add_test(tc, test_span_join);
    tcase_add_test(tc, test_reasons_in_swedish);
    suite_add_tcase(s, tc);
    return s;
}
