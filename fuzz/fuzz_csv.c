/*
** fuzz_csv.c: bytes -> the CSV reader (csv_open_mem, csv_next until the end
** or an error, going on after malformed records, whatever encoding it judges
** the bytes to be in), then the same bytes as an
** application file of a fixed rule program
** (tests/golden/run/alla_policyer.medel) through apps_open (CSV),
** evaluating every valid application.
*/
#include "fuzz_common.h"
#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CsvReader *r = csv_open_mem((const char *)data, size);
    if (r) {
        CsvField *fields;
        size_t n, line;
        size_t sum = 0;
        CsvStatus st;
        while ((st = csv_next(r, &fields, &n, &line)) == CSV_RECORD || st == CSV_BAD) {
            if (st == CSV_BAD) {   /* a malformed record: reading goes on */
                size_t bl, bc, bf;
                csv_bad_at(r, &bl, &bc, &bf);
                fprintf(fuzz_devnull(), "%zu:%zu:%zu: %s\n", bl, bc, bf, csv_error(r));
                continue;
            }
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < fields[i].len; j++)
                    sum += (unsigned char)fields[i].s[j];   /* touch every byte */
        }
        if (st == CSV_ERROR)
            fputs(csv_error(r), fuzz_devnull());
        (void)csv_separator(r);
        (void)csv_encoding_name(csv_encoding(r));
        (void)csv_offset(r);
        csv_close(r);
        (void)sum;
    }
    fuzz_read_apps(fuzz_memfd_path(data, size), INPUT_CSV);
    return 0;
}
