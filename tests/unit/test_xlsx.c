/*
** test_xlsx.c: unit tests for runtime/xlsx.c: numbers as exact decimal text
** (a property over random öre amounts written the ways Excel and Python
** write floats), cell references, date serials (Lotus's 1900-02-29), format
** codes, Excel's _xHHHH_ escapes, and whole workbooks built here with
** libzip: shared strings with rich text and phonetic runs, inline strings,
** booleans, errors, formulas, styles, empty formatted rows and the limits.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "medel.h"
#include "suites.h"
#include "xlsx.h"

Suite *make_xlsx_suite(void);

/* ---- numbers ---- */

static const char *num(const char *s, bool percent)
{
    static char buf[200];
    if (!xlsx_number_text(s, strlen(s), percent, buf, sizeof buf))
        return "(none)";
    return buf;
}

START_TEST(number_examples)
{
    static const struct { const char *in, *out; bool percent; } cases[] = {
        {"450000", "450000", false},
        {"1234.5", "1234.5", false},
        {"1.5E+6", "1500000", false},
        {"1.5e6", "1500000", false},
        {"1234.5600000000001", "1234.56", false},
        {"1234.5599999999999", "1234.56", false},
        {"0.30000000000000004", "0.3", false},
        {"2.9999999999999996", "3", false},
        {"1.0000000000000001E-1", "0.1", false},
        {"3.14159265358979", "3.14159265358979", false},   /* 15 digits, no noise of a cent value */
        {"1234.567", "1234.567", false},                   /* three decimals, said by the amount's reader */
        {"1234.5670000000001", "1234.5670000000001", false},
        {"-0.25", "-0.25", false},
        {"0", "0", false},
        {"-0", "0", false},
        {"000120.500", "120.5", false},
        {"1E-7", "0.0000001", false},
        {"99999999999999.99", "99999999999999.99", false},
        {"1E+30", "1000000000000000000000000000000", false},
        {"1E+31", "(none)", false},
        {"abc", "(none)", false},
        {"1.2.3", "(none)", false},
        {"", "(none)", false},
        {"1E", "(none)", false},
        {"NaN", "(none)", false},
        {"0.25", "25 %", true},
        {"0.125", "12.5 %", true},
        {"1", "100 %", true},
        {"0.035000000000000003", "3.5 %", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_msg(strcmp(num(cases[i].in, cases[i].percent), cases[i].out) == 0, "'%s' read as '%s', not '%s'",
                      cases[i].in, num(cases[i].in, cases[i].percent), cases[i].out);
}
END_TEST

/* The exact text of o öre in kronor: "1234.5", "7", "0.05". */
static void ore_text(int64_t o, char *buf, size_t n)
{
    if (o % 100 == 0)
        snprintf(buf, n, "%lld", (long long)(o / 100));
    else if (o % 10 == 0)
        snprintf(buf, n, "%lld.%lld", (long long)(o / 100), (long long)(o % 100 / 10));
    else
        snprintf(buf, n, "%lld.%02lld", (long long)(o / 100), (long long)(o % 100));
}

/* The property: an öre amount stored as a double, written as Python's repr
** (the shortest text that reads back), with 15 and 17 significant digits
** (Excel's own and the float noise), and in E notation, reads back as
** exactly that amount. Floats here only make the inputs. */
START_TEST(number_property_ore)
{
    uint64_t seed = 0x2021;
    for (size_t k = 0, n = unit_cases(200000); k < n; k++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        /* Up to 10^10 kr, most of them small, as amounts are. */
        uint64_t span = (uint64_t)1 << (seed >> 58) % 40;
        int64_t o = (int64_t)((seed >> 13) % (span * 100 + 1));
        double x = (double)o / 100.0;
        char want[64], repr[64], in[64];
        ore_text(o, want, sizeof want);
        for (int p = 1; p <= 17; p++) {
            snprintf(repr, sizeof repr, "%.*g", p, x);
            if (strtod(repr, NULL) == x)
                break;
        }
        ck_assert_msg(!strcmp(num(repr, false), want), "repr '%s' read as '%s', not %s", repr, num(repr, false), want);
        for (int f = 0; f < 4; f++) {
            /* Excel's 15 digits, the 17 of float noise, and E notation. */
            if (f == 0)
                snprintf(in, sizeof in, "%.15g", x);
            else if (f == 1)
                snprintf(in, sizeof in, "%.17g", x);
            else if (f == 2)
                snprintf(in, sizeof in, "%.16E", x);
            else
                snprintf(in, sizeof in, "%.14E", x);
            ck_assert_msg(!strcmp(num(in, false), want), "'%s' read as '%s', not %s", in, num(in, false), want);
        }
    }
}
END_TEST

/* ---- references ---- */

START_TEST(references)
{
    uint32_t c, r;
    ck_assert(xlsx_parse_ref("A1", 2, &c, &r) && c == 0 && r == 1);
    ck_assert(xlsx_parse_ref("D7", 2, &c, &r) && c == 3 && r == 7);
    ck_assert(xlsx_parse_ref("Z9", 2, &c, &r) && c == 25 && r == 9);
    ck_assert(xlsx_parse_ref("AA10", 4, &c, &r) && c == 26 && r == 10);
    ck_assert(xlsx_parse_ref("d7", 2, &c, &r) && c == 3 && r == 7);
    ck_assert(xlsx_parse_ref("XFD1048576", 10, &c, &r) && c == 16383 && r == 1048576);
    static const char *bad[] = {"XFE1", "A0", "A1048577", "1A", "A01", "", "A", "7", "AAAA1", "A1B", "A-1", "A99999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(!xlsx_parse_ref(bad[i], strlen(bad[i]), &c, &r), "'%s' read as a cell", bad[i]);
    /* Every column's name reads back as that column. */
    for (uint32_t k = 0; k < XLSX_MAX_COLS; k++) {
        char name[4], ref[16];
        snprintf(ref, sizeof ref, "%s42", xlsx_col_name(k, name));
        ck_assert_msg(xlsx_parse_ref(ref, strlen(ref), &c, &r) && c == k && r == 42, "%s", ref);
    }
    char letters[4], where[64];
    ck_assert_str_eq(xlsx_col_name(0, letters), "A");
    ck_assert_str_eq(xlsx_col_name(25, letters), "Z");
    ck_assert_str_eq(xlsx_col_name(26, letters), "AA");
    ck_assert_str_eq(xlsx_col_name(701, letters), "ZZ");
    ck_assert_str_eq(xlsx_col_name(702, letters), "AAA");
    ck_assert_str_eq(xlsx_where("Blad1", 3, 7, where, sizeof where), "Blad1!D7");
    ck_assert_str_eq(xlsx_where("Blad1", -1, 7, where, sizeof where), "Blad1:7");
    ck_assert_str_eq(xlsx_where("Ansökningar", 0, 2, where, sizeof where), "Ansökningar!A2");
    ck_assert_str_eq(xlsx_where("Mitt blad", 0, 2, where, sizeof where), "'Mitt blad'!A2");
    ck_assert_str_eq(xlsx_where("Kalle's", 1, 2, where, sizeof where), "'Kalle''s'!B2");
}
END_TEST

/* ---- dates ---- */

static const char *date(const char *s, bool d1904)
{
    static char buf[64];
    if (!xlsx_date_text(s, strlen(s), d1904, buf, sizeof buf))
        return "(none)";
    return buf;
}

START_TEST(date_serials)
{
    ck_assert_str_eq(date("1", false), "1900-01-01");
    ck_assert_str_eq(date("31", false), "1900-01-31");
    ck_assert_str_eq(date("59", false), "1900-02-28");
    ck_assert_str_eq(date("60", false), "1900-02-29");   /* the day Excel counts, after Lotus 1-2-3 */
    ck_assert_str_eq(date("61", false), "1900-03-01");
    ck_assert_str_eq(date("366", false), "1900-12-31");
    ck_assert_str_eq(date("367", false), "1901-01-01");
    ck_assert_str_eq(date("25569", false), "1970-01-01");
    ck_assert_str_eq(date("36526", false), "2000-01-01");
    ck_assert_str_eq(date("44270", false), "2021-03-15");
    ck_assert_str_eq(date("44255", false), "2021-02-28");
    ck_assert_str_eq(date("44256", false), "2021-03-01");
    ck_assert_str_eq(date("43890", false), "2020-02-29");
    ck_assert_str_eq(date("45000.5", false), "2023-03-15 12:00:00");
    ck_assert_str_eq(date("44270.99999", false), "2021-03-15 23:59:59");
    ck_assert_str_eq(date("44270.99999999999", false), "2021-03-16");   /* rounds to midnight */
    ck_assert_str_eq(date("0.75", false), "18:00:00");
    ck_assert_str_eq(date("2958465", false), "9999-12-31");
    ck_assert_str_eq(date("2958466", false), "(none)");
    ck_assert_str_eq(date("-1", false), "(none)");
    ck_assert_str_eq(date("4.427E+4", false), "2021-03-15");
    ck_assert_str_eq(date("0", true), "1904-01-01");
    ck_assert_str_eq(date("1", true), "1904-01-02");
    ck_assert_str_eq(date("42808", true), "2021-03-15");
    /* Every day after the leap-year bug is the day after the one before. */
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 1900, m = 3, d = 1;
    for (int s = 61, last = 61 + (int)unit_cases(2958465 - 61); s <= last; s++) {
        char in[16], want[40];
        snprintf(in, sizeof in, "%d", s);
        snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
        ck_assert_msg(!strcmp(date(in, false), want), "serial %d read as %s, not %s", s, date(in, false), want);
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (++d > mdays[m - 1] + (m == 2 && leap))
            d = 1, m++;
        if (m > 12)
            m = 1, y++;
    }
}
END_TEST

START_TEST(formats_and_escapes)
{
    ck_assert_int_eq(xlsx_format_kind("General"), 0);
    ck_assert_int_eq(xlsx_format_kind("0.00"), 0);
    ck_assert_int_eq(xlsx_format_kind("# ##0 \"kr\""), 0);
    ck_assert_int_eq(xlsx_format_kind("0.00E+00"), 0);
    ck_assert_int_eq(xlsx_format_kind("[Red]0.00;[Blue]-0.00"), 0);
    ck_assert_int_eq(xlsx_format_kind("yyyy-mm-dd"), 'd');
    ck_assert_int_eq(xlsx_format_kind("[$-41D]d mmmm yyyy"), 'd');
    ck_assert_int_eq(xlsx_format_kind("h:mm"), 'd');
    ck_assert_int_eq(xlsx_format_kind("[h]:mm:ss"), 'd');
    ck_assert_int_eq(xlsx_format_kind("\"dag \"0"), 0);   /* letters in quotes are text */
    ck_assert_int_eq(xlsx_format_kind("0%"), '%');
    ck_assert_int_eq(xlsx_format_kind("0.0 %"), '%');
    ck_assert_int_eq(xlsx_format_kind("0\\%"), 0);       /* an escaped % is a character */
    char s[64];
    strcpy(s, "rad 1_x000D__x000A_rad 2");
    s[xlsx_unescape(s, strlen(s))] = '\0';
    ck_assert_str_eq(s, "rad 1\r\nrad 2");
    strcpy(s, "_x005F_x000D_");
    s[xlsx_unescape(s, strlen(s))] = '\0';
    ck_assert_str_eq(s, "_x000D_");
    strcpy(s, "_x00E5_ and _x20AC_ and _xZZZZ_");
    s[xlsx_unescape(s, strlen(s))] = '\0';
    ck_assert_str_eq(s, "å and € and _xZZZZ_");
}
END_TEST

/* ---- whole workbooks ---- */

typedef struct Part {
    const char *name, *text;
} Part;

static const char *WORKBOOK =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Blad 2\" sheetId=\"2\" r:id=\"rId2\"/>"
    "</sheets></workbook>";
static const char *RELS =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>";
static const char *STYLES =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"9\"/><xf numFmtId=\"3\"/></cellXfs>"
    "</styleSheet>";
static const char *SST =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\" uniqueCount=\"4\">"
    "<si><t>Diarienummer</t></si>"
    "<si><r><t>Sök</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">t belopp</t></r><rPh sb=\"0\" eb=\"1\"><t>ソク</t></rPh></si>"
    "<si><t>rad 1_x000D_&#10;rad 2</t></si>"
    "<si><t></t></si></sst>";

/* A workbook of the given parts (and the usual ones unless replaced), in
** memory: *len bytes, malloc'd. */
static char *workbook(const Part *parts, size_t n, size_t *len)
{
    char path[] = "/tmp/medel-test-xlsx-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    ck_assert_ptr_nonnull(z);
    const Part usual[] = {{"xl/workbook.xml", WORKBOOK}, {"xl/_rels/workbook.xml.rels", RELS}, {"xl/styles.xml", STYLES},
                          {"xl/sharedStrings.xml", SST}};
    for (size_t k = 0; k < 4; k++) {
        bool replaced = false;
        for (size_t i = 0; i < n; i++)
            replaced |= !strcmp(parts[i].name, usual[k].name);
        if (!replaced) {
            zip_source_t *s = zip_source_buffer(z, usual[k].text, strlen(usual[k].text), 0);
            ck_assert_int_ge(zip_file_add(z, usual[k].name, s, 0), 0);
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!parts[i].text)
            continue;   /* left out */
        zip_source_t *s = zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0);
        ck_assert_int_ge(zip_file_add(z, parts[i].name, s, 0), 0);
    }
    ck_assert_int_eq(zip_close(z), 0);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *b = malloc(*len + 1);
    ck_assert_uint_eq(fread(b, 1, *len, f), *len);
    fclose(f);
    remove(path);
    return b;
}

/* The rows of a sheet as text: "ROW: cell|cell|…" per row (an error cell
** as !TEXT, a formula without value as ?), then "end" or "error: why". */
static char *rows_of(const Part *parts, size_t n, const char *sheet)
{
    size_t len;
    char *b = workbook(parts, n, &len);
    char why[800];
    XlsxReader *r = xlsx_open(b, len, sheet, why, sizeof why);
    char *out = NULL;
    size_t out_len = 0;
    FILE *m = open_memstream(&out, &out_len);
    if (!r) {
        fprintf(m, "open: %s", why);
        fclose(m);
        return out;
    }
    CsvField *f;
    const unsigned char *k;
    size_t nc;
    uint32_t row;
    int got;
    while ((got = xlsx_next(r, &f, &k, &nc, &row)) > 0) {
        fprintf(m, "%u:", row);
        for (size_t i = 0; i < nc; i++)
            fprintf(m, "%s%s%.*s", i ? "|" : " ", k[i] == XLSX_ERROR ? "!" : k[i] == XLSX_NO_VALUE ? "?" : "", (int)f[i].len,
                    f[i].s);
        fprintf(m, "\n");
    }
    if (got == 0)
        fprintf(m, "end (%zu empty)", xlsx_empty_rows(r));
    else
        fprintf(m, "error: %s", xlsx_error(r));
    xlsx_close(r);
    fclose(m);
    return out;
}

#define SHEET(body) \
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" body "</sheetData>" \
    "<mergeCells count=\"1\"><mergeCell ref=\"A9:B9\"/></mergeCells></worksheet>"

static void expect_rows(const Part *parts, size_t n, const char *sheet, const char *want)
{
    char *got = rows_of(parts, n, sheet);
    ck_assert_msg(strcmp(got, want) == 0, "got:\n%s\nwanted:\n%s", got, want);
    free(got);
}

START_TEST(cells_of_every_kind)
{
    const Part p[] = {
        {"xl/worksheets/sheet1.xml", SHEET(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            "<row r=\"2\" s=\"1\" customFormat=\"1\"/>"
            "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>UMO-1</t></is></c><c r=\"B3\"><v>1234.5600000000001</v></c>"
            "<c r=\"C3\" t=\"b\"><v>1</v></c><c r=\"D3\" t=\"b\"><v>0</v></c><c r=\"E3\" s=\"1\"><v>44270</v></c>"
            "<c r=\"F3\" s=\"2\"><v>0.25</v></c><c r=\"G3\" s=\"3\"><v>1.5E+6</v></c><c r=\"H3\" t=\"s\"><v>2</v></c></row>"
            "<row r=\"5\"><c r=\"B5\" t=\"e\"><f>VLOOKUP(1,A:A,2)</f><v>#N/A</v></c><c r=\"C5\"><f>SUM(A1:A2)</f></c>"
            "<c r=\"D5\" t=\"str\"><f>A3&amp;\"x\"</f><v>UMO-1x</v></c><c r=\"E5\" t=\"e\"><v>#REF!</v></c></row>"
            "<row><c t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r><rPh><t>x</t></rPh></is></c><c><v>7</v></c></row>"
            "<row r=\"8\"><c r=\"A8\" s=\"1\"/><c r=\"B8\" t=\"s\"><v>3</v></c></row>"
            "<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>merged</t></is></c><c r=\"B9\" s=\"1\"/></row>"
            "<row r=\"1048576\" s=\"1\"/>")},
    };
    expect_rows(p, 1, NULL,
                "1: Diarienummer|Sökt belopp\n"
                "3: UMO-1|1234.56|ja|nej|2021-03-15|25 %|1500000|rad 1\r\nrad 2\n"
                "5: |!#N/A|?|UMO-1x|!#REF!\n"
                "6: inline|7\n"
                "9: merged\n"
                "end (4 empty)");   /* 2, 4, 7, 8: listed or not; 1048576 is below the last value */
}
END_TEST

/* The first visible sheet is read by default, hidden and very hidden ones
** before it passed over; a name finds any sheet, ignoring case by Unicode
** case folding (Ö is ö); with every sheet hidden, the first is read. */
START_TEST(hidden_and_case)
{
    const Part p[] = {
        {"xl/workbook.xml", "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                            "<sheets><sheet name=\"Gömd\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                            "<sheet name=\"Listor\" sheetId=\"3\" state=\"veryHidden\" r:id=\"rId3\"/>"
                            "<sheet name=\"Ansökningar\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
         "<Relationship Id=\"rId2\" Target=\"worksheets/sheet2.xml\"/>"
         "<Relationship Id=\"rId3\" Target=\"worksheets/sheet3.xml\"/></Relationships>"},
        {"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")},
        {"xl/worksheets/sheet2.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>")},
        {"xl/worksheets/sheet3.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>3</v></c></row>")},
    };
    expect_rows(p, 5, NULL, "1: 2\nend (0 empty)");
    expect_rows(p, 5, "Gömd", "1: 1\nend (0 empty)");
    expect_rows(p, 5, "GÖMD", "1: 1\nend (0 empty)");
    expect_rows(p, 5, "listor", "1: 3\nend (0 empty)");
    expect_rows(p, 5, "ansökningar", "1: 2\nend (0 empty)");
    expect_rows(p, 5, "ANSÖKNINGAR", "1: 2\nend (0 empty)");
    expect_rows(p, 5, "Ansokningar", "open: arbetsboken har inget blad 'Ansokningar'; dess blad är 'Gömd', 'Listor', "
                "'Ansökningar'; menade du 'Ansökningar'?");
    const Part all_hidden[] = {
        {"xl/workbook.xml", "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                            "<sheets><sheet name=\"A\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                            "<sheet name=\"B\" sheetId=\"2\" state=\"veryHidden\" r:id=\"rId2\"/></sheets></workbook>"},
        p[1], p[2], p[3],
    };
    expect_rows(all_hidden, 4, NULL, "1: 1\nend (0 empty)");
}
END_TEST

/* A cell of blanks only (spaces, tabs, line breaks) is no value: a row of
** them is an empty row, counted like an empty CSV record when a value
** follows, not when none does; beside a value the cell is kept as written,
** but does not widen the row. A no-break space is a value, as in CSV. */
START_TEST(blank_cells)
{
    const Part p[] = {{"xl/worksheets/sheet1.xml", SHEET(
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> </t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">   </t></is></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\t&#10;&#13; </t></is></c>"
        "<c r=\"C3\" t=\"s\"><v>3</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> </t></is></c><c r=\"B4\"><v>4</v></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>\xC2\xA0</t></is></c></row>"
        "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  </t></is></c></row>"
        "<row r=\"7\"><c r=\"B7\" t=\"str\"><f>\" \"</f><v> </v></c></row>")}};
    expect_rows(p, 1, NULL, "1: 1\n4:  |4\n5: \xC2\xA0\nend (2 empty)");
}
END_TEST

START_TEST(sheets_by_name)
{
    const Part p[] = {
        {"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")},
        {"xl/worksheets/sheet2.xml", SHEET("<row r=\"4\"><c r=\"C4\"><v>2</v></c></row>")},
    };
    expect_rows(p, 2, NULL, "1: 1\nend (0 empty)");
    expect_rows(p, 2, "Blad 2", "4: ||2\nend (3 empty)");
    expect_rows(p, 2, "Blad3", "open: arbetsboken har inget blad 'Blad3'; dess blad är 'Blad1', 'Blad 2'");
}
END_TEST

START_TEST(broken_workbooks)
{
    const Part row_past[] = {{"xl/worksheets/sheet1.xml", SHEET("<row r=\"1048577\"><c><v>1</v></c></row>")}};
    expect_rows(row_past, 1, NULL, "error: Blad1: rad 1048577 ligger efter Excels sista rad, 1048576; bladet är skadat");
    const Part col_past[] = {{"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")}};
    expect_rows(col_past, 1, NULL,
                "error: Blad1:1: en cells referens är 'XFE1', vilket inte är någon cell i ett blad (A1 till XFD1048576)");
    const Part syntax[] = {{"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</c></row>")}};
    expect_rows(syntax, 1, NULL, "1: 1\n"
    "error: Blad1!A2: XML-koden i xl/worksheets/sheet1.xml är trasig på rad 1, kolumn 155: en sluttagg passar inte till sin starttagg");
    const Part doctype[] = {{"xl/worksheets/sheet1.xml", "<!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>"}};
    expect_rows(doctype, 1, NULL, "error: Blad1: delen xl/worksheets/sheet1.xml har en DOCTYPE, vilket ingen arbetsbok har; den läses inte");
    const Part backwards[] = {{"xl/worksheets/sheet1.xml", SHEET("<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"A2\"><v>2</v></c></row>")}};
    expect_rows(backwards, 1, NULL, "error: Blad1:2: cellen A2 kommer efter en cell till höger om den, eller två gånger; bladet är skadat");
    const Part bad_ss[] = {{"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>9</v></c></row>")}};
    expect_rows(bad_ss, 1, NULL, "error: Blad1!A1: cellen hänvisar till den delade strängen '9', som arbetsboken inte har; den är skadad");
    const Part no_sheet[] = {{"xl/worksheets/sheet1.xml", NULL}};
    expect_rows(no_sheet, 1, NULL, "open: arbetsboken har ingen del xl/worksheets/sheet1.xml; den är ingen .xlsx-arbetsbok, eller så "
                "är den skadad");
    const Part huge_sst[] = {{"xl/worksheets/sheet1.xml", SHEET("")},
                             {"xl/sharedStrings.xml", "<sst uniqueCount=\"99999999\"><si><t>a</t></si></sst>"}};
    expect_rows(huge_sst, 2, NULL, "open: arbetsbokens tabell med delade strängar har 99999999 strängar, fler än de 16777216 "
                "medel läser; spara ansökningarna i en mindre arbetsbok eller som CSV UTF-8");
    char why[300];
    char *junk = malloc(16);
    memcpy(junk, "Diarienummer;x\n", 16);
    ck_assert_ptr_null(xlsx_open(junk, 15, NULL, why, sizeof why));
    ck_assert_str_eq(why, "den är inget zip-arkiv, vilket varje .xlsx-arbetsbok är: den är ingen arbetsbok");
    /* Cut short: the end of the archive, with its directory, is gone. */
    size_t len;
    const Part ok[] = {{"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")}};
    char *b = workbook(ok, 1, &len);
    ck_assert_ptr_null(xlsx_open(b, len / 2, NULL, why, sizeof why));
    ck_assert_str_eq(why, "den börjar som ett zip-arkiv, som varje .xlsx-arbetsbok gör, men slutet saknas: filen är avkortad eller skadad");
    /* A row listed twice, and one before the row above it. */
    const Part twice[] = {{"xl/worksheets/sheet1.xml", SHEET("<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
                                                             "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>")}};
    expect_rows(twice, 1, NULL, "2: 1\n"
    "error: Blad1: rad 2 förekommer två gånger; bladet är skadat");
    const Part back[] = {{"xl/worksheets/sheet1.xml", SHEET("<row r=\"3\"><c r=\"A3\"><v>1</v></c></row>"
                                                            "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>")}};
    expect_rows(back, 1, NULL, "3: 1\n"
    "error: Blad1: rad 2 kommer efter rad 3; bladet är skadat");
    /* Bytes that are not UTF-8 (Latin-1's ö, a lone continuation byte, a
    ** sequence cut short) are said as such, by cell; a broken tag is not. */
    const char *bad_bytes[] = {"Malm\xF6", "x\x80y", "\xE2\x82"};
    for (size_t i = 0; i < sizeof bad_bytes / sizeof *bad_bytes; i++) {
        char sheet[400], want[600];
        snprintf(sheet, sizeof sheet, SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"4\"><c r=\"A4\"><v>1</v>"
                 "</c><c r=\"C4\" t=\"inlineStr\"><is><t>%s</t></is></c></row>"), bad_bytes[i]);
        const Part p[] = {{"xl/worksheets/sheet1.xml", sheet}};
        char *got = rows_of(p, 1, NULL);
        snprintf(want, sizeof want, "1: 1\nerror: Blad1!C4: texten är inte giltig UTF-8 (byte 0x%02X i "
                 "xl/worksheets/sheet1.xml på rad 1, kolumn ", (unsigned)(unsigned char)strpbrk(bad_bytes[i], "\x80\x82\xE2\xF6")[0]);
        ck_assert_msg(!strncmp(got, want, strlen(want)) && strstr(got, "); arbetsboken är skadad, eller så skrev programmet "
                      "som skapade den inte UTF-8"), "got: %s", got);
        free(got);
    }
}
END_TEST

/* A million formatted empty rows are skipped in one pass, counted, and do
** not hide the row after them. */
START_TEST(many_empty_rows)
{
    size_t cap = 48u << 20, at = 0;
    char *body = malloc(cap);
    at += (size_t)snprintf(body + at, cap - at, "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    for (unsigned r = 2; r < XLSX_MAX_ROWS; r++)
        at += (size_t)snprintf(body + at, cap - at, "<row r=\"%u\" s=\"1\" customFormat=\"1\"/>", r);
    at += (size_t)snprintf(body + at, cap - at, "<row r=\"1048576\"><c r=\"B1048576\"><v>2</v></c></row></sheetData></worksheet>");
    const Part p[] = {{"xl/worksheets/sheet1.xml", body}};
    expect_rows(p, 1, NULL, "1: 1\n1048576: |2\nend (1048574 empty)");
    free(body);
}
END_TEST

/* Appends s[0..n) to b as XML text. */
static void xml_text(FILE *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '&')
            fputs("&amp;", b);
        else if (s[i] == '<')
            fputs("&lt;", b);
        else
            fputc(s[i], b);
    }
}

/* Through the public API: the second sheet by name, a cell error named by
** its sheet row and column as a problem, a sheet the workbook lacks. The
** sheet holds the bundled 2021 applications' header and first two rows,
** the second with #N/A for its amount. */
START_TEST(api_sheet_by_name)
{
    FILE *in = fopen(MEDEL_SOURCE_DIR "/examples/ansokningar-ungdomsmottagningar-2021.csv", "rb");
    ck_assert_ptr_nonnull(in);
    char text[8192];
    size_t tl = fread(text, 1, sizeof text, in);
    fclose(in);
    CsvReader *csv = csv_open_mem(text, tl);
    char *xml = NULL;
    size_t xl = 0;
    FILE *b = open_memstream(&xml, &xl);
    fputs("<worksheet><sheetData>", b);
    CsvField *f;
    size_t n, line, amount = 0;
    for (unsigned row = 1; row <= 3 && csv_next(csv, &f, &n, &line) == CSV_RECORD; row++) {
        fprintf(b, "<row r=\"%u\">", row);
        for (size_t i = 0; i < n; i++) {
            if (row == 1 && f[i].len == strlen("Sökt belopp") && !memcmp(f[i].s, "Sökt belopp", f[i].len))
                amount = i;
            char col[4];
            if (row == 3 && i == amount) {
                fprintf(b, "<c r=\"%s3\" t=\"e\"><v>#N/A</v></c>", xlsx_col_name((uint32_t)i, col));
                continue;
            }
            fprintf(b, "<c r=\"%s%u\" t=\"inlineStr\"><is><t>", xlsx_col_name((uint32_t)i, col), row);
            xml_text(b, f[i].s, f[i].len);
            fputs("</t></is></c>", b);
        }
        fputs("</row>", b);
    }
    fputs("</sheetData></worksheet>", b);
    fclose(b);
    csv_close(csv);
    const Part p[] = {
        {"xl/workbook.xml", "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                            "<sheets><sheet name=\"Info\" sheetId=\"1\" r:id=\"rId1\"/>"
                            "<sheet name=\"Ansökningar\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"},
        {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Om "
                                     "filen</t></is></c></row></sheetData></worksheet>"},
        {"xl/worksheets/sheet2.xml", xml},
    };
    size_t len;
    char *wb = workbook(p, 3, &len);
    free(xml);
    char path[] = "/tmp/medel-test-api-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, wb, len), (ssize_t)len);
    close(fd);
    free(wb);
    medel_program *prog;
    ck_assert_int_eq(medel_program_load(MEDEL_SOURCE_DIR "/rules/ungdomsmottagningar-2021.medel", NULL, &prog), MEDEL_OK);
    medel_applications *s;
    ck_assert_int_eq(medel_applications_read_workbook(prog, path, "Ansökningar", &s), MEDEL_EAPPS);
    ck_assert_uint_eq(medel_applications_count(s), 1);
    ck_assert_uint_ge(medel_applications_problem_count(s), 1);
    const medel_problem *x = medel_applications_problem(s, 0);
    ck_assert_uint_eq(x->row, 3);
    ck_assert_str_eq(x->column, "Sökt belopp");
    ck_assert_str_eq(x->key, "UMO-2021-002");
    ck_assert_str_eq(x->message, "cellen innehåller felet #N/A (en formel som inte gick att räkna ut, eller en referens som inte längre stämmer); rätta det i arbetsboken");
    medel_applications_free(s);
    /* A sheet the workbook lacks; the first sheet, which is no list. */
    ck_assert_int_eq(medel_applications_read_workbook(prog, path, "Blad1", &s), MEDEL_ENOINPUT);
    ck_assert_str_eq(medel_applications_problem(s, 0)->message, "arbetsboken har inget blad 'Blad1'; dess blad är 'Info', 'Ansökningar'");
    medel_applications_free(s);
    ck_assert_int_eq(medel_applications_read_file(prog, path, "xlsx", &s), MEDEL_EHEADER);   /* no list: its header */
    medel_applications_free(s);
    medel_program_free(prog);
    remove(path);
}
END_TEST

Suite *make_xlsx_suite(void)
{
    Suite *s = suite_create("xlsx");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, number_examples);
    tcase_add_test(tc, number_property_ore);
    tcase_add_test(tc, references);
    tcase_add_test(tc, date_serials);
    tcase_add_test(tc, formats_and_escapes);
    tcase_add_test(tc, cells_of_every_kind);
    tcase_add_test(tc, sheets_by_name);
    tcase_add_test(tc, hidden_and_case);
    tcase_add_test(tc, blank_cells);
    tcase_add_test(tc, broken_workbooks);
    tcase_add_test(tc, many_empty_rows);
    tcase_add_test(tc, api_sheet_by_name);
    suite_add_tcase(s, tc);
    return s;
}
