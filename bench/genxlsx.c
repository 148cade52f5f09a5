/* bench/genxlsx.c: the benchmark applications as an Excel workbook.
 *
 *   cc -O2 -std=c11 -o genxlsx bench/genxlsx.c $(pkg-config --cflags --libs xlsxwriter)
 *   gen N > apps.csv && genxlsx apps.csv apps.xlsx
 *
 * Reads a file bench/gen.c wrote (its cells hold no commas nor quotes) and
 * writes the same applications to the first sheet of a workbook, the way a
 * spreadsheet saves what an officer typed: the header row, then text as shared
 * strings, the id, the amount and the ages as numbers, the yes/no columns as
 * the text "ja" or "nej" (which medel's ja/nej fields accept, as they accept
 * gen.c's true/false), and an empty set of consulted bodies as an empty cell.
 * `medel check` of the workbook reports what it reports for the CSV file.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

enum { N_COLS = 11 };
/* Which columns are numbers, and which yes/no (gen.c's order). */
static const int NUMBER[N_COLS] = {[0] = 1, [4] = 1, [6] = 1, [7] = 1};
static const int YES_NO[N_COLS] = {[8] = 1, [10] = 1};

int main(int argc, char **argv)
{
    /* zip64: every entry with Zip64 records, as some writers make them */
    bool zip64 = argc == 4 && strcmp(argv[3], "zip64") == 0;
    if (argc != 3 && !zip64) {
        fprintf(stderr, "usage: genxlsx APPLICATIONS.csv OUT.xlsx [zip64]\n");
        return 64;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 66;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .use_zip64 = zip64 ? LXW_TRUE : LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
    lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Ansökningar") : NULL;
    if (!ws) {
        fprintf(stderr, "genxlsx: cannot make a workbook\n");
        return 73;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    lxw_row_t row = 0;
    while ((len = getline(&line, &cap, in)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        char *cell[N_COLS];
        int n = 0;
        for (char *p = line, *comma;; p = comma + 1) {
            if (n == N_COLS) {
                fprintf(stderr, "%s:%u: more than %d cells\n", argv[1], row + 1, N_COLS);
                return 65;
            }
            cell[n++] = p;
            if (!(comma = strchr(p, ',')))
                break;
            *comma = '\0';
        }
        if (n != N_COLS) {
            fprintf(stderr, "%s:%u: %d cells, not %d\n", argv[1], row + 1, n, N_COLS);
            return 65;
        }
        for (lxw_col_t c = 0; c < N_COLS; c++) {
            lxw_error e = LXW_NO_ERROR;
            if (row == 0 || !(NUMBER[c] || YES_NO[c])) {
                if (cell[c][0])
                    e = worksheet_write_string(ws, row, c, cell[c], NULL);
            } else if (NUMBER[c]) {
                e = worksheet_write_number(ws, row, c, strtod(cell[c], NULL), NULL);
            } else {
                e = worksheet_write_string(ws, row, c, strcmp(cell[c], "true") ? "nej" : "ja", NULL);
            }
            if (e != LXW_NO_ERROR) {
                fprintf(stderr, "genxlsx: %s\n", lxw_strerror(e));
                return 73;
            }
        }
        row++;
    }
    free(line);
    fclose(in);
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "genxlsx: %s: %s\n", argv[2], lxw_strerror(e));
        return 74;
    }
    return 0;
}
