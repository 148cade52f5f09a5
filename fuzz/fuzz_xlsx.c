/*
** fuzz_xlsx.c: bytes -> the workbook reader (runtime/xlsx.c), then the same
** workbook as an application file of the fixed rule program
** (tests/golden/run/alla_policyer.medel) through apps_open (xlsx). An input
** whose first byte is odd is the XML of a sheet, put into a workbook here
** (with fixed shared strings and styles) so that the fuzzer reaches the
** sheet's parser rather than stopping at the zip's checksums; an even first
** byte gives the rest as the whole file.
*/
#include "fuzz_common.h"
#include "xlsx.h"

#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char WB[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr/><sheets>"
    "<sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char STYLES[] =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>";
static const char SST[] =
    "<sst><si><t>Id</t></si><si><t>Titel</t></si><si><t>Belopp</t></si><si><r><t>Kom</t></r><r><t>mun</t></r>"
    "<rPh><t>x</t></rPh></si><si><t>Typ</t></si><si><t>kommun</t></si><si><t>Ålder</t></si><si><t>12..22</t></si></sst>";

/* A workbook (stored, uncompressed) around sheet xml[0..n): malloc'd, *len bytes. */
static char *wrap(const uint8_t *xml, size_t n, size_t *len)
{
    zip_error_t e;
    zip_error_init(&e);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &e);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &e) : NULL;
    if (!z)
        abort();
    zip_source_keep(src);
    const struct { const char *name; const void *p; size_t n; } parts[] = {
        {"xl/workbook.xml", WB, sizeof WB - 1}, {"xl/_rels/workbook.xml.rels", RELS, sizeof RELS - 1},
        {"xl/styles.xml", STYLES, sizeof STYLES - 1}, {"xl/sharedStrings.xml", SST, sizeof SST - 1},
        {"xl/worksheets/sheet1.xml", xml, n}};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        zip_source_t *s = zip_source_buffer(z, parts[i].p, parts[i].n, 0);
        zip_int64_t k = s ? zip_file_add(z, parts[i].name, s, 0) : -1;
        if (k < 0)
            abort();
        zip_set_file_compression(z, (zip_uint64_t)k, ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0)
        abort();
    zip_stat_t st;
    if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
        abort();
    char *b = malloc(st.size + 1);
    if (!b)
        abort();
    zip_int64_t got = zip_source_read(src, b, st.size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&e);
    if (got < 0)
        abort();
    *len = (size_t)got;
    return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t len;
    char *bytes;
    if (data[0] & 1) {
        bytes = wrap(data + 1, size - 1, &len);
    } else {
        len = size - 1;
        bytes = malloc(len + 1);
        if (!bytes)
            abort();
        memcpy(bytes, data + 1, len);
    }
    /* The reader alone: every row to the end. */
    char *copy = malloc(len + 1);
    if (!copy)
        abort();
    memcpy(copy, bytes, len);
    char why[800];
    XlsxReader *r = xlsx_open(copy, len, NULL, why, sizeof why);
    if (r) {
        CsvField *f;
        const unsigned char *k;
        size_t n, sum = 0;
        uint32_t row;
        while (xlsx_next(r, &f, &k, &n, &row) > 0)
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < f[i].len; j++)
                    sum += (unsigned char)f[i].s[j] + k[i];   /* touch every byte */
        fputs(xlsx_error(r), fuzz_devnull());
        (void)xlsx_empty_rows(r);
        (void)sum;
        xlsx_close(r);
    } else {
        fputs(why, fuzz_devnull());
    }
    /* The same workbook as applications, every valid one evaluated. */
    fuzz_read_apps(fuzz_memfd_path((const uint8_t *)bytes, len), INPUT_XLSX);
    free(bytes);
    return 0;
}
