/*
** test_diag.c: unit tests for diagnostics: counting, grouping notes with their
** error, ordering by position, and the exact rendered text (location, source
** line with tabs expanded, carets aligned by display width).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "suites.h"

/* Everything diags_render writes, as a malloc'd string. */
static char *rendered(const Diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(out);
    diags_render(d, out);
    ck_assert_int_eq(fclose(out), 0);
    return buf;
}

static void assert_rendered(const Diags *d, const char *expected)
{
    char *got = rendered(d);
    ck_assert_str_eq(got, expected);
    free(got);
}

/* Renders one error at [start, end) of a file "f.medel" holding text. */
static void assert_one_error(const char *text, size_t len, uint32_t start, uint32_t end,
                             const char *expected)
{
    SourceSet set;
    source_set_init(&set);
    uint32_t id = source_add(&set, "f.medel", text, len);
    Diags d;
    diags_init(&d, &set);
    diag_error(&d, (Span){id, start, end}, "message");
    assert_rendered(&d, expected);
    diags_free(&d);
    source_set_free(&set);
}
#define ONE_ERROR(lit, start, end, expected) \
    assert_one_error((lit), sizeof(lit) - 1, (start), (end), (expected))

START_TEST(test_example_from_the_manual)
{
    SourceSet set;
    source_set_init(&set);
    const char *text = "regel x\nsumma 1\n  pott ä x\n";
    uint32_t id = source_add(&set, "f.medel", text, strlen(text));
    Diags d;
    diags_init(&d, &set);
    diag_error(&d, (Span){id, 23, 27}, "message");
    ck_assert_uint_eq(d.n, 1);
    ck_assert_uint_eq(d.n_errors, 1);
    ck_assert_uint_eq(d.n_warnings, 0);
    assert_rendered(&d,
        "f.medel:3:8: error: message\n"
        "    3 |   pott ä x\n"
        "      |        ^~~\n");
    diags_free(&d);
    source_set_free(&set);
}
END_TEST

START_TEST(test_severities_and_format_args)
{
    SourceSet set;
    source_set_init(&set);
    uint32_t id = source_add(&set, "regler/a.medel", "pott X\n", 7);
    Diags d;
    diags_init(&d, &set);
    diag_warning(&d, (Span){id, 5, 6}, "pott '%s' %s %d %%", "X", "används inte", 3);
    diag_note(&d, (Span){id, 0, 4}, "deklarerad här");
    ck_assert_uint_eq(d.n_errors, 0);
    ck_assert_uint_eq(d.n_warnings, 1);
    ck_assert_str_eq(d.items[0].msg, "pott 'X' används inte 3 %");
    assert_rendered(&d,
        "regler/a.medel:1:6: warning: pott 'X' används inte 3 %\n"
        "    1 | pott X\n"
        "      |      ^\n"
        "regler/a.medel:1:1: note: deklarerad här\n"
        "    1 | pott X\n"
        "      | ^~~~\n");
    diags_free(&d);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(d.n_warnings, 0);
    assert_rendered(&d, "");
    source_set_free(&set);
}
END_TEST

START_TEST(test_span_none)
{
    Diags d;
    diags_init(&d, NULL);
    diag_error(&d, SPAN_NONE, "cannot read '%s': %s", "x.medel", "filen eller mappen finns inte");
    diag_warning(&d, SPAN_NONE, "w");
    diag_note(&d, SPAN_NONE, "n");
    ck_assert_uint_eq(d.n_errors, 1);
    ck_assert_uint_eq(d.n_warnings, 1);
    assert_rendered(&d,
        "medel: error: cannot read 'x.medel': filen eller mappen finns inte\n"
        "medel: warning: w\n"
        "medel: note: n\n");
    diags_free(&d);
}
END_TEST

START_TEST(test_empty)
{
    Diags d;
    diags_init(&d, NULL);
    assert_rendered(&d, "");
    ck_assert_uint_eq(d.n_errors, 0);
    diags_free(&d);
}
END_TEST

START_TEST(test_caret_after_tabs)
{
    ONE_ERROR("\tbelopp = 5\n", 1, 7,
        "f.medel:1:9: error: message\n"
        "    1 |         belopp = 5\n"
        "      |         ^~~~~~\n");
    /* A tab inside the span is as wide as it is displayed. */
    ONE_ERROR("ab\tcd", 2, 3,
        "f.medel:1:3: error: message\n"
        "    1 | ab      cd\n"
        "      |   ^~~~~~\n");
    ONE_ERROR("ab\tcd\te", 3, 7,
        "f.medel:1:9: error: message\n"
        "    1 | ab      cd      e\n"
        "      |         ^~~~~~~~~\n");
}
END_TEST

START_TEST(test_caret_under_swedish_letters)
{
    /* å, ä, ö are two bytes but one column each. */
    ONE_ERROR("åäö x", 7, 8,
        "f.medel:1:5: error: message\n"
        "    1 | åäö x\n"
        "      |     ^\n");
    ONE_ERROR("åäö x", 2, 6,
        "f.medel:1:2: error: message\n"
        "    1 | åäö x\n"
        "      |  ^~\n");
    /* Decomposed: a and a combining ring are one column. */
    ONE_ERROR("a\xCC\x8A" "b x", 5, 6,
        "f.medel:1:4: error: message\n"
        "    1 | a\xCC\x8A" "b x\n"
        "      |    ^\n");
}
END_TEST

START_TEST(test_caret_under_wide_letters)
{
    ONE_ERROR("中 x", 0, 3,
        "f.medel:1:1: error: message\n"
        "    1 | 中 x\n"
        "      | ^~\n");
    ONE_ERROR("中 x", 4, 5,
        "f.medel:1:4: error: message\n"
        "    1 | 中 x\n"
        "      |    ^\n");
}
END_TEST

START_TEST(test_invalid_and_control_bytes)
{
    /* Invalid bytes show as U+FFFD, one column each. */
    ONE_ERROR("a\xFF\xFE" "b", 3, 4,
        "f.medel:1:4: error: message\n"
        "    1 | a��b\n"
        "      |    ^\n");
    ONE_ERROR("a\xC3(", 1, 2,
        "f.medel:1:2: error: message\n"
        "    1 | a�(\n"
        "      |  ^\n");
    /* Control characters are shown escaped, and the caret counts the
    ** escape's columns. */
    ONE_ERROR("a\x01" "b\x1B" "c", 2, 5,
        "f.medel:1:2: error: message\n"
        "    1 | a\\x01b\\x1Bc\n"
        "      |      ^~~~~~\n");
}
END_TEST

START_TEST(test_span_clipped_to_its_line)
{
    ONE_ERROR("abc\ndef\n", 1, 6,
        "f.medel:1:2: error: message\n"
        "    1 | abc\n"
        "      |  ^~\n");
    /* The newline itself adds no column. */
    ONE_ERROR("ab\ncd", 1, 3,
        "f.medel:1:2: error: message\n"
        "    1 | ab\n"
        "      |  ^\n");
    /* A span at the newline points just after the line. */
    ONE_ERROR("ab\ncd", 2, 3,
        "f.medel:1:3: error: message\n"
        "    1 | ab\n"
        "      |   ^\n");
}
END_TEST

START_TEST(test_crlf_lines)
{
    ONE_ERROR("ab\r\ncd\r\n", 4, 6,
        "f.medel:2:1: error: message\n"
        "    2 | cd\n"
        "      | ^~\n");
    ONE_ERROR("ab\r\ncd\r\n", 1, 4,
        "f.medel:1:2: error: message\n"
        "    1 | ab\n"
        "      |  ^\n");
    ONE_ERROR("ab\r\ncd\r\n", 2, 2,
        "f.medel:1:3: error: message\n"
        "    1 | ab\n"
        "      |   ^\n");
}
END_TEST

START_TEST(test_zero_width_and_end_of_file)
{
    ONE_ERROR("abc", 1, 1,
        "f.medel:1:2: error: message\n"
        "    1 | abc\n"
        "      |  ^\n");
    ONE_ERROR("abc\n", 4, 4,
        "f.medel:2:1: error: message\n"
        "    2 | \n"
        "      | ^\n");
    ONE_ERROR("abc", 3, 3,
        "f.medel:1:4: error: message\n"
        "    1 | abc\n"
        "      |    ^\n");
    /* Beyond the end of the file: clamped to it. */
    ONE_ERROR("abc", 100, 200,
        "f.medel:1:4: error: message\n"
        "    1 | abc\n"
        "      |    ^\n");
    /* An end before the start is a zero-width span. */
    ONE_ERROR("abc", 2, 1,
        "f.medel:1:3: error: message\n"
        "    1 | abc\n"
        "      |   ^\n");
    /* A span of zero display columns (a combining mark) still gets its caret. */
    ONE_ERROR("a\xCC\x81" "b", 1, 3,
        "f.medel:1:2: error: message\n"
        "    1 | a\xCC\x81" "b\n"
        "      |  ^\n");
    ONE_ERROR("", 0, 0,
        "f.medel:1:1: error: message\n"
        "    1 | \n"
        "      | ^\n");
}
END_TEST

START_TEST(test_line_number_gutter)
{
    const char *text = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\n";
    assert_one_error(text, strlen(text), 35, 38,
        "f.medel:12:1: error: message\n"
        "   12 | l12\n"
        "      | ^~~\n");

    /* Past five digits the blank gutter widens with the number. */
    size_t n = 100000;
    char *big = malloc(n + 1);
    memset(big, '\n', n);
    big[n] = 'x';
    assert_one_error(big, n + 1, (uint32_t)n, (uint32_t)n + 1,
        "f.medel:100001:1: error: message\n"
        "100001 | x\n"
        "       | ^\n");
    free(big);
}
END_TEST

START_TEST(test_unknown_file_index)
{
    SourceSet set;
    source_set_init(&set);
    source_add(&set, "f.medel", "abc", 3);
    Diags d;
    diags_init(&d, &set);
    diag_error(&d, (Span){5, 0, 1}, "elsewhere");
    assert_rendered(&d, "medel: error: elsewhere\n");
    diags_free(&d);
    source_set_free(&set);
}
END_TEST

START_TEST(test_groups_and_order)
{
    SourceSet set;
    source_set_init(&set);
    uint32_t a = source_add(&set, "a.medel", "abcdefghijklmnopqrstuvwxyz\n", 27);
    uint32_t b = source_add(&set, "b.medel", "xyz\n", 4);
    Diags d;
    diags_init(&d, &set);
    diag_note(&d, (Span){a, 10, 11}, "orphan note");           /* 0 */
    diag_error(&d, (Span){b, 0, 1}, "in b");                    /* 1 */
    diag_error(&d, (Span){a, 20, 21}, "late");                  /* 2 */
    diag_note(&d, (Span){a, 0, 1}, "note of late");             /* 3 */
    diag_warning(&d, (Span){a, 5, 6}, "early warning");         /* 4 */
    diag_note(&d, (Span){b, 2, 3}, "note of warning 1");        /* 5 */
    diag_note(&d, SPAN_NONE, "note of warning 2");              /* 6 */
    diag_error(&d, (Span){a, 5, 7}, "same place, later");       /* 7 */
    diag_error(&d, SPAN_NONE, "no place");                      /* 8 */

    ck_assert_uint_eq(d.n, 9);
    ck_assert_uint_eq(d.n_errors, 4);
    ck_assert_uint_eq(d.n_warnings, 1);
    const size_t groups[] = {0, 1, 2, 2, 4, 4, 4, 7, 8};
    for (size_t i = 0; i < d.n; i++) {
        ck_assert_uint_eq(d.items[i].seq, i);
        ck_assert_uint_eq(d.items[i].group, groups[i]);
    }

    const char *line_a = "    1 | abcdefghijklmnopqrstuvwxyz\n";
    const char *line_b = "    1 | xyz\n";
    char expected[2048];
    snprintf(expected, sizeof expected,
        "a.medel:1:6: warning: early warning\n%s"
        "      |      ^\n"
        "b.medel:1:3: note: note of warning 1\n%s"
        "      |   ^\n"
        "medel: note: note of warning 2\n"
        "a.medel:1:6: error: same place, later\n%s"
        "      |      ^~\n"
        "a.medel:1:11: note: orphan note\n%s"
        "      |           ^\n"
        "a.medel:1:21: error: late\n%s"
        "      |                     ^\n"
        "a.medel:1:1: note: note of late\n%s"
        "      | ^\n"
        "b.medel:1:1: error: in b\n%s"
        "      | ^\n"
        "medel: error: no place\n",
        line_a, line_b, line_a, line_a, line_a, line_a, line_b);
    assert_rendered(&d, expected);
    /* Rendering does not reorder the list itself. */
    ck_assert_str_eq(d.items[0].msg, "orphan note");
    assert_rendered(&d, expected);
    diags_free(&d);
    source_set_free(&set);
}
END_TEST

START_TEST(test_orphan_notes_are_separate_groups)
{
    SourceSet set;
    source_set_init(&set);
    uint32_t f = source_add(&set, "f", "abcd", 4);
    Diags d;
    diags_init(&d, &set);
    diag_note(&d, (Span){f, 3, 4}, "first");
    diag_note(&d, (Span){f, 1, 2}, "second");
    diag_error(&d, (Span){f, 2, 3}, "error");
    diag_note(&d, (Span){f, 0, 1}, "third");
    ck_assert_uint_eq(d.items[0].group, 0);
    ck_assert_uint_eq(d.items[1].group, 1);
    ck_assert_uint_eq(d.items[2].group, 2);
    ck_assert_uint_eq(d.items[3].group, 2);
    ck_assert_uint_eq(d.n_errors, 1);
    assert_rendered(&d,
        "f:1:2: note: second\n"
        "    1 | abcd\n"
        "      |  ^\n"
        "f:1:3: error: error\n"
        "    1 | abcd\n"
        "      |   ^\n"
        "f:1:1: note: third\n"
        "    1 | abcd\n"
        "      | ^\n"
        "f:1:4: note: first\n"
        "    1 | abcd\n"
        "      |    ^\n");
    diags_free(&d);
    source_set_free(&set);
}
END_TEST

START_TEST(test_long_message)
{
    Diags d;
    diags_init(&d, NULL);
    char word[1001];
    memset(word, 'x', 1000);
    word[1000] = '\0';
    diag_error(&d, SPAN_NONE, "%s.%s", word, word);
    ck_assert_uint_eq(strlen(d.items[0].msg), 2001);
    char *got = rendered(&d);
    ck_assert_uint_eq(strlen(got), strlen("medel: error: ") + 2001 + 1);
    ck_assert_int_eq(strncmp(got, "medel: error: xxx", 17), 0);
    free(got);
    diags_free(&d);
}
END_TEST

/* The counts of a summary line, plural done right (tests run in Swedish). */
START_TEST(test_count_text)
{
    char buf[64];
    ck_assert_str_eq(diags_count_text(1, 0, buf, sizeof buf), "1 fel");
    ck_assert_str_eq(diags_count_text(2, 0, buf, sizeof buf), "2 fel");
    ck_assert_str_eq(diags_count_text(0, 1, buf, sizeof buf), "1 varning");
    ck_assert_str_eq(diags_count_text(0, 2, buf, sizeof buf), "2 varningar");
    ck_assert_str_eq(diags_count_text(3, 1, buf, sizeof buf), "3 fel, 1 varning");
    ck_assert_str_eq(diags_count_text(0, 0, buf, sizeof buf), "0 fel");
}
END_TEST

/* Truncating forgets the later diagnostics and their counts (a parse that
** is done again). */
START_TEST(test_truncate)
{
    Diags d;
    diags_init(&d, NULL);
    diag_error(&d, SPAN_NONE, "a");
    diag_warning(&d, SPAN_NONE, "b");
    diag_error(&d, SPAN_NONE, "c");
    diag_note(&d, SPAN_NONE, "d");
    diags_truncate(&d, 1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_uint_eq(d.n_errors, 1);
    ck_assert_uint_eq(d.n_warnings, 0);
    diag_error(&d, SPAN_NONE, "e");
    char *got = rendered(&d);
    ck_assert_str_eq(got, "medel: error: a\nmedel: error: e\n");
    free(got);
    diags_free(&d);
}
END_TEST

Suite *make_diag_suite(void)
{
    Suite *s = suite_create("diag");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_example_from_the_manual);
    tcase_add_test(tc, test_severities_and_format_args);
    tcase_add_test(tc, test_span_none);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_caret_after_tabs);
    tcase_add_test(tc, test_caret_under_swedish_letters);
    tcase_add_test(tc, test_caret_under_wide_letters);
    tcase_add_test(tc, test_invalid_and_control_bytes);
    tcase_add_test(tc, test_span_clipped_to_its_line);
    tcase_add_test(tc, test_crlf_lines);
    tcase_add_test(tc, test_zero_width_and_end_of_file);
    tcase_add_test(tc, test_line_number_gutter);
    tcase_add_test(tc, test_unknown_file_index);
    tcase_add_test(tc, test_groups_and_order);
    tcase_add_test(tc, test_orphan_notes_are_separate_groups);
    tcase_add_test(tc, test_long_message);
    tcase_add_test(tc, test_count_text);
    tcase_add_test(tc, test_truncate);
    suite_add_tcase(s, tc);
    return s;
}
