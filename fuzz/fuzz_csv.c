/*
** fuzz_csv.c: bytes -> the CSV reader (csv_open_mem, csv_next until the end
** or an error), then the same bytes as an application file of a fixed rule
** program (tests/golden/run/alla_policyer.medel) through apps_open (CSV),
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
        while ((st = csv_next(r, &fields, &n, &line)) == CSV_RECORD)
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < fields[i].len; j++)
                    sum += (unsigned char)fields[i].s[j];   /* touch every byte */
        if (st == CSV_ERROR)
            fputs(csv_error(r), fuzz_devnull());
        (void)csv_separator(r);
        (void)csv_offset(r);
        csv_close(r);
        (void)sum;
    }
    fuzz_read_apps(fuzz_memfd_path(data, size), INPUT_CSV);
    return 0;
}
