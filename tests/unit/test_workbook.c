/*
** test_workbook.c: unit tests for runtime/workbook.c. A workbook is written
** to memory and opened again with libzip, and its XML is read for what an
** officer relies on: amounts as numbers in kronor (öre as decimals) with the
** kr format, the header frozen, the autofilter over the rows written, texts
** kept whole up to Excel's limit and cut with a mark past it, and a failed
** workbook writing nothing at all.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "suites.h"
#include "workbook.h"

typedef struct Written {
    char *bytes;
    size_t len;
    bool ok;
    char err[256];
} Written;

/* Ends w into memory. */
static Written finish(Workbook *w)
{
    Written r = {0};
    FILE *out = open_memstream(&r.bytes, &r.len);
    ck_assert_ptr_nonnull(out);
    r.ok = workbook_end(w, out, r.err, sizeof r.err);
    ck_assert_int_eq(fclose(out), 0);
    return r;
}

/* The entry `name` of the zip in r, NUL-terminated (malloc'd), or NULL. */
static char *entry(const Written *r, const char *name)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(r->bytes, r->len, 0, &ze);
    ck_assert_ptr_nonnull(src);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    ck_assert_msg(z != NULL, "not a zip: %s", zip_error_strerror(&ze));
    zip_stat_t st;
    char *text = NULL;
    if (zip_stat(z, name, 0, &st) == 0) {
        zip_file_t *f = zip_fopen(z, name, 0);
        ck_assert_ptr_nonnull(f);
        text = malloc(st.size + 1);
        ck_assert_int_eq(zip_fread(f, text, st.size), (zip_int64_t)st.size);
        text[st.size] = '\0';
        zip_fclose(f);
    }
    zip_close(z);
    zip_error_fini(&ze);
    return text;
}

static const SheetColumn COLS[] = {
    {"Diarienummer", SHEET_TEXT, false}, {"Beviljat", SHEET_KR, false}, {"Antal", SHEET_INT, false},
    {"Andel", SHEET_PERCENT, false},     {"Skäl", SHEET_WRAP, false},
};

START_TEST(test_amounts_are_kronor_numbers)
{
    char err[256];
    Workbook *w = workbook_begin(err, sizeof err);
    ck_assert_msg(w != NULL, "%s", err);
    Sheet *s = workbook_sheet(w, "Beslut", COLS, 5);
    ck_assert_ptr_nonnull(s);
    sheet_row(s);
    sheet_text(s, 0, "UMO-2021-001");
    sheet_money(s, 1, 150000050);   /* 1 500 000,50 kr */
    sheet_int(s, 2, 3);
    sheet_fraction(s, 3, 1, 4);
    sheet_text(s, 4, "Österåker: målgrupp 13–22 år\nandra raden");
    sheet_row(s);
    sheet_text(s, 0, "UMO-2021-002");
    sheet_money(s, 1, 45000000);    /* 450 000 kr */
    ck_assert_uint_eq(sheet_current_row(s), 2);
    Written r = finish(w);
    ck_assert_msg(r.ok, "%s", r.err);
    ck_assert_mem_eq(r.bytes, "PK\x03\x04", 4);

    char *sheet = entry(&r, "xl/worksheets/sheet1.xml");
    ck_assert_ptr_nonnull(sheet);
    ck_assert_ptr_nonnull(strstr(sheet, "<v>1500000.5</v>"));
    ck_assert_ptr_nonnull(strstr(sheet, "<v>450000</v>"));
    ck_assert_ptr_nonnull(strstr(sheet, "<v>0.25</v>"));
    ck_assert_ptr_nonnull(strstr(sheet, "<autoFilter ref=\"A1:E3\"/>"));
    ck_assert_ptr_nonnull(strstr(sheet, "ySplit=\"1\""));
    ck_assert_ptr_nonnull(strstr(sheet, "<cols>"));
    free(sheet);
    char *styles = entry(&r, "xl/styles.xml");
    ck_assert_ptr_nonnull(styles);
    ck_assert_ptr_nonnull(strstr(styles, "formatCode=\"#,##0&quot; kr&quot;\""));
    ck_assert_ptr_nonnull(strstr(styles, "formatCode=\"#,##0.00&quot; kr&quot;\""));
    free(styles);
    char *strings = entry(&r, "xl/sharedStrings.xml");
    ck_assert_ptr_nonnull(strings);
    ck_assert_ptr_nonnull(strstr(strings, "Österåker: målgrupp 13–22 år\nandra raden"));
    ck_assert_ptr_nonnull(strstr(strings, "Skäl"));
    free(strings);
    char *book = entry(&r, "xl/workbook.xml");
    ck_assert_ptr_nonnull(strstr(book, "name=\"Beslut\""));
    free(book);
    free(r.bytes);
}
END_TEST

/* Every öre amount up to a trillion kronor, written as a double of kronor,
** reads back as its öre from the 15 significant digits a reader keeps. */
START_TEST(test_kronor_read_back_exact)
{
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0, n = unit_cases(200000); i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t m = (int64_t)(x % 100000000000000ull) * (i % 2 ? 1 : -1);
        char text[64];
        snprintf(text, sizeof text, "%.15g", (double)m / 100);
        char *end;
        long double back = strtold(text, &end);
        int64_t ore = (int64_t)(back * 100 + (back < 0 ? -0.5L : 0.5L));
        ck_assert_msg(ore == m, "%lld öre read back as %s", (long long)m, text);
    }
}
END_TEST

START_TEST(test_long_text_is_cut_with_a_mark)
{
    char err[256];
    Workbook *w = workbook_begin(err, sizeof err);
    ck_assert_ptr_nonnull(w);
    Sheet *s = workbook_sheet(w, "Långt", COLS, 5);
    size_t n = 20000;   /* 40 000 bytes of å */
    char *text = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 2 * i, "å", 2);
    text[2 * n] = '\0';
    sheet_row(s);
    sheet_text(s, 4, text);
    sheet_row(s);
    sheet_textn(s, 4, text, WORKBOOK_MAX_TEXT);   /* at the limit: kept whole */
    ck_assert_uint_eq(workbook_cuts(w), 1);
    Written r = finish(w);
    ck_assert_msg(r.ok, "%s", r.err);
    char *strings = entry(&r, "xl/sharedStrings.xml");
    ck_assert_ptr_nonnull(strstr(strings, "åå" WORKBOOK_CUT_MARK "</t>"));
    free(strings);
    free(text);
    free(r.bytes);
}
END_TEST

START_TEST(test_a_failed_workbook_writes_nothing)
{
    char err[256];
    Workbook *w = workbook_begin(err, sizeof err);
    ck_assert_ptr_nonnull(w);
    Sheet *s = workbook_sheet(w, "Beslut", COLS, 5);
    sheet_row(s);
    sheet_text(s, 0, "ok");
    sheet_text(s, 7, "outside");
    sheet_money(s, 1, 100);   /* ignored after the error */
    Written r = finish(w);
    ck_assert(!r.ok);
    ck_assert_str_eq(r.err, "medel skrev en cell utanför sitt blad (kolumn 7, rad 1)");
    ck_assert_uint_eq(r.len, 0);
    free(r.bytes);

    w = workbook_begin(err, sizeof err);
    s = workbook_sheet(w, "Beslut", COLS, 5);
    sheet_text(s, 0, "in the header row");
    r = finish(w);
    ck_assert(!r.ok);
    ck_assert_str_eq(r.err, "medel skrev en cell utanför sitt blad (kolumn 0, rad 0)");
    free(r.bytes);

    w = workbook_begin(err, sizeof err);
    s = workbook_sheet(w, "Beslut", COLS, 5);
    sheet_row(s);
    sheet_money(s, 1, (int64_t)1 << 60);
    workbook_fail(w, "later errors do not replace the first");
    r = finish(w);
    ck_assert(!r.ok);
    ck_assert_str_eq(r.err, "beloppet 1152921504606846976 öre är för stort för en cell med ett tal");
    free(r.bytes);

    workbook_abort(NULL);
    workbook_abort(workbook_begin(err, sizeof err));
}
END_TEST

START_TEST(test_same_epoch_same_bytes)
{
    setenv("SOURCE_DATE_EPOCH", "1609459200", 1);
    Written r[2];
    for (int i = 0; i < 2; i++) {
        char err[256];
        Workbook *w = workbook_begin(err, sizeof err);
        Sheet *s = workbook_sheet(w, "Potter", COLS, 5);
        sheet_row(s);
        sheet_money(s, 1, 3500000000);
        r[i] = finish(w);
        ck_assert(r[i].ok);
    }
    unsetenv("SOURCE_DATE_EPOCH");
    ck_assert_uint_eq(r[0].len, r[1].len);
    ck_assert_mem_eq(r[0].bytes, r[1].bytes, r[0].len);
    char *core = entry(&r[0], "docProps/core.xml");
    ck_assert_ptr_nonnull(strstr(core, "2021-01-01T00:00:00Z"));
    free(core);
    free(r[0].bytes);
    free(r[1].bytes);
}
END_TEST

/* A column formatted as text for typing (a template's "13-22") carries the
** text format '@' on its <col>; the others none. */
START_TEST(test_typed_text_column)
{
    char err[256];
    Workbook *w = workbook_begin(err, sizeof err);
    ck_assert_msg(w != NULL, "%s", err);
    Sheet *s = workbook_sheet(w, "Ansökningar", COLS, 5);
    sheet_column_text(s, 2);
    sheet_column_text(s, 99);   /* no such column: ignored */
    Written r = finish(w);
    ck_assert_msg(r.ok, "%s", r.err);
    char *styles = entry(&r, "xl/styles.xml");
    ck_assert_ptr_nonnull(strstr(styles, "formatCode=\"@\""));
    free(styles);
    char *sheet = entry(&r, "xl/worksheets/sheet1.xml");
    const char *c3 = strstr(sheet, "<col min=\"3\" max=\"3\"");
    ck_assert_ptr_nonnull(c3);
    const char *end = strchr(c3, '>');
    ck_assert_ptr_nonnull(strstr(c3, "style=\""));
    ck_assert(strstr(c3, "style=\"") < end);
    const char *c1 = strstr(sheet, "<col min=\"1\" max=\"1\"");
    ck_assert_ptr_nonnull(c1);
    ck_assert(!strstr(c1, "style=\"") || strstr(c1, "style=\"") > strchr(c1, '>'));
    free(sheet);
    free(r.bytes);
}
END_TEST

Suite *make_workbook_suite(void)
{
    Suite *s = suite_create("workbook");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_amounts_are_kronor_numbers);
    tcase_add_test(tc, test_kronor_read_back_exact);
    tcase_add_test(tc, test_long_text_is_cut_with_a_mark);
    tcase_add_test(tc, test_a_failed_workbook_writes_nothing);
    tcase_add_test(tc, test_same_epoch_same_bytes);
    tcase_add_test(tc, test_typed_text_column);
    suite_add_tcase(s, tc);
    return s;
}
