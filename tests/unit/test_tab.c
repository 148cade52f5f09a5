/*
** test_tab.c: unit tests for runtime/tab.c and the reader's log of
** runtime/xlsxreport.c: kronor and shares in CSV read back exactly (over
** many random values), a CSV row quotes and neutralises as the other
** reports do, and the reader's messages are kept, passed on and split into
** file, row, column and message as the sheet Avvisade rader shows them.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "tab.h"
#include "xlsxreport.h"

__extension__ typedef __int128 i128;

/* A deterministic generator, so a failure can be run again. */
static uint64_t rnd_state = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

/* "1500", "-0,05", "1500,50" back to öre; -1 on a malformed text (never a valid amount here). */
static bool parse_kr(const char *s, int64_t *out)
{
    bool neg = *s == '-';
    if (neg)
        s++;
    char *end;
    int64_t kr = strtoll(s, &end, 10), ore = 0;
    if (end == s)
        return false;
    if (*end == ',') {
        if (!(end[1] >= '0' && end[1] <= '9' && end[2] >= '0' && end[2] <= '9' && !end[3]))
            return false;
        ore = (end[1] - '0') * 10 + (end[2] - '0');
    } else if (*end) {
        return false;
    }
    *out = (neg ? -1 : 1) * (kr * 100 + ore);
    return true;
}

START_TEST(test_kronor_round_trip)
{
    const int64_t edges[] = {0, 1, -1, 99, -99, 100, -100, 101, -101, 150050, -150050, INT64_C(922337203685477580)};
    char buf[48];
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
        int64_t back;
        ck_assert_msg(parse_kr(tab_kr(edges[i], buf, sizeof buf), &back) && back == edges[i], "%" PRId64 ": %s", edges[i], buf);
    }
    for (int i = 0; i < 100000; i++) {
        int64_t m = (int64_t)(rnd() % 2000000000000u) - 1000000000000;
        int64_t back;
        ck_assert_msg(parse_kr(tab_kr(m, buf, sizeof buf), &back) && back == m, "%" PRId64 ": %s", m, buf);
        ck_assert(strchr(buf, ' ') == NULL && strchr(buf, '.') == NULL);   /* no grouping, a decimal comma */
    }
}
END_TEST

/* The CSV table with the cells fill writes, as text (malloc'd). The
** stream's buffer lives in the caller's Mem, which outlives the stream. */
typedef struct Mem {
    char *buf;
    size_t len;
} Mem;

static char *csv_of(void (*fill)(Tab *t, void *ctx), void *ctx, const SheetColumn *cols, size_t n)
{
    Mem *m = calloc(1, sizeof *m);
    FILE *f = open_memstream(&m->buf, &m->len);
    Tab t;
    tab_csv(&t, f, cols, n);
    fill(&t, ctx);
    tab_end(&t);
    fclose(f);
    char *buf = m->buf;
    free(m);
    return buf;
}

static void fill_share(Tab *t, void *ctx)
{
    const int64_t *nd = ctx;
    tab_row(t);
    tab_fraction(t, 0, nd[0], nd[1]);
}

START_TEST(test_share_rounds_to_the_nearest_hundredth)
{
    static const SheetColumn cols[] = {{"Andel", SHEET_PERCENT, false}};
    for (int i = 0; i < 20000; i++) {
        int64_t den = (int64_t)(rnd() % 1000000000000u) + 1, num = (int64_t)(rnd() % (uint64_t)(den + 1));
        if (i < 3)   /* 0 %, 100 %, one half of a hundredth */
            den = 20000, num = i == 0 ? 0 : i == 1 ? den : 1;
        int64_t nd[2] = {num, den};
        char *csv = csv_of(fill_share, nd, cols, 1);
        const char *cell = strchr(csv, '\n') + 1;
        long long whole, frac;
        ck_assert_msg(sscanf(cell, "%lld,%2lld %%", &whole, &frac) == 2, "%s", cell);
        i128 h = (i128)whole * 100 + frac;   /* hundredths of a percent */
        /* (h - 1/2) / 10000 <= num / den < (h + 1/2) / 10000: the nearest, halves up. */
        ck_assert_msg((2 * h - 1) * den <= (i128)20000 * num && (i128)20000 * num < (2 * h + 1) * den, "%" PRId64 "/%" PRId64 ": %s",
                      num, den, cell);
        free(csv);
    }
}
END_TEST

static void fill_row(Tab *t, void *ctx)
{
    (void)ctx;
    tab_row(t);
    tab_text(t, 0, "a;b \"c\"\nd");
    tab_text(t, 1, "=SUM(A1)");
    tab_money(t, 2, -150050);
    tab_int(t, 3, -7);
    tab_row(t);   /* an empty row: every cell empty, the separators kept */
}

static void fill_ints(Tab *t, void *ctx)
{
    const int64_t *v = ctx;
    tab_row(t);
    tab_int(t, 0, v[0]);
    tab_money(t, 1, v[0]);
}

/* Whole numbers are written without printf: every value, the extremes
** included, as printf writes it (kronor: the öre after a comma, checked
** against printf's own digits). */
START_TEST(test_int_cells_as_printf)
{
    static const SheetColumn cols[] = {{"Tal", SHEET_INT, false}, {"Belopp", SHEET_KR, false}};
    for (int i = 0; i < 20000; i++) {
        int64_t v = (int64_t)rnd();
        if (i < 6) {
            const int64_t edges[] = {0, -1, 9, -10, INT64_MAX, INT64_MIN};
            v = edges[i];
        }
        char *csv = csv_of(fill_ints, &v, cols, 2);
        char want[128];
        int64_t kr = v / 100, ore = v % 100;
        if (ore == 0)
            snprintf(want, sizeof want, "%" PRId64 ";%" PRId64 "\n", v, kr);
        else
            snprintf(want, sizeof want, "%" PRId64 ";%s%" PRId64 ",%02" PRId64 "\n", v, v < 0 && kr == 0 ? "-" : "", kr,
                     ore < 0 ? -ore : ore);
        ck_assert_str_eq(strchr(csv, '\n') + 1, want);
        free(csv);
    }
}
END_TEST

START_TEST(test_csv_row_quotes_and_neutralises)
{
    static const SheetColumn cols[] = {{"Text", SHEET_TEXT, false}, {"Formel", SHEET_TEXT, false}, {"Belopp", SHEET_KR, false}, {"Tal", SHEET_INT, false}};
    char *csv = csv_of(fill_row, NULL, cols, 4);
    /* A text that Excel would run gets an apostrophe; medel's own numbers never. */
    ck_assert_str_eq(csv, "\xEF\xBB\xBFText;Formel;Belopp;Tal\n\"a;b \"\"c\"\"\nd\";'=SUM(A1);-1500,50;-7\n;;;\n");
    free(csv);
}
END_TEST

START_TEST(test_reader_log_keeps_the_files_lines)
{
    char *seen;
    size_t len;
    FILE *err = open_memstream(&seen, &len);
    ReaderLog log = {.applications = "ans.csv", .err = err};
    const char *lines[] = {
        "ans.csv:7: column 'Sökt belopp': '1,5,0' is not an amount",
        "ans.csv: 12 ansökningar lästa, 11 giltiga, 1 avvisad",   /* the counts: numbers in the sheet instead */
        "ans.csv:9:14: a quote in the middle of a cell",
        "ans.csv: warning: the header cell 'Extra' is not a field; its column is not read",
        "ans.json: record 3: field 'Kommun': 'Gotland' is not in table 'ungdomar'",   /* another file */
        "medel: 1 rejected row; nothing written",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        reader_log_line(&log, lines[i]);
    fclose(err);
    ck_assert_uint_eq(log.n, 3);
    /* Every line still reaches the user. */
    ck_assert_str_eq(seen, "ans.csv:7: column 'Sökt belopp': '1,5,0' is not an amount\n"
                           "ans.csv: 12 ansökningar lästa, 11 giltiga, 1 avvisad\n"
                           "ans.csv:9:14: a quote in the middle of a cell\n"
                           "ans.csv: warning: the header cell 'Extra' is not a field; its column is not read\n"
                           "ans.json: record 3: field 'Kommun': 'Gotland' is not in table 'ungdomar'\n"
                           "medel: 1 rejected row; nothing written\n");
    free(seen);
    RunFacts f = {.command = "check", .log = &log};
    char *csv;
    FILE *out = open_memstream(&csv, &len);
    csv_rejected_table(out, &f);
    fclose(out);
    ck_assert_str_eq(csv, "\xEF\xBB\xBF" "Fil;Rad;Kolumn;Slag;Meddelande\n"
                          "ans.csv;7;Sökt belopp;avvisad rad;'1,5,0' is not an amount\n"
                          "ans.csv;9;;avvisad rad;a quote in the middle of a cell\n"
                          "ans.csv;;;varning;\"the header cell 'Extra' is not a field; its column is not read\"\n");
    free(csv);
    reader_log_free(&log);
    ck_assert_uint_eq(log.n, 0);
}
END_TEST

START_TEST(test_reader_log_json_records)
{
    ReaderLog log = {.applications = "a.json"};
    reader_log_line(&log, "a.json: record 3: field 'Kommun': 'Gotland' is not in table 'ungdomar'");
    reader_log_line(&log, "a.json: not JSON: expected a value");
    RunFacts f = {.command = "allocate", .log = &log};
    char *csv;
    size_t len;
    FILE *out = open_memstream(&csv, &len);
    csv_rejected_table(out, &f);
    fclose(out);
    ck_assert_str_eq(csv, "\xEF\xBB\xBF" "Fil;Rad;Kolumn;Slag;Meddelande\n"
                          "a.json;3;Kommun;avvisad rad;'Gotland' is not in table 'ungdomar'\n"
                          "a.json;;;fel i filen;not JSON: expected a value\n");
    free(csv);
    reader_log_free(&log);
}
END_TEST

Suite *make_tab_suite(void)
{
    Suite *s = suite_create("tab");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_kronor_round_trip);
    tcase_add_test(tc, test_share_rounds_to_the_nearest_hundredth);
    tcase_add_test(tc, test_csv_row_quotes_and_neutralises);
    tcase_add_test(tc, test_int_cells_as_printf);
    tcase_add_test(tc, test_reader_log_keeps_the_files_lines);
    tcase_add_test(tc, test_reader_log_json_records);
    suite_add_tcase(s, tc);
    return s;
}
