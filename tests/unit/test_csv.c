/*
** test_csv.c: unit tests for lang/csv.c. Every input in the tables runs
** twice, from memory (csv_open_mem) and from a FILE (csv_open), and the whole
** outcome is compared as text: each record as "LINE:" followed by its fields,
** [unquoted] or {quoted}, then how reading ended. Large generated inputs check
** records that straddle the reader's buffer refills at every byte position.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "suites.h"

/* Declared here too until suites.h lists csv, for -Wmissing-prototypes. */
Suite *make_csv_suite(void);

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))

static const char *mode_name(int mode)
{
    return mode == 0 ? "memory" : "FILE";
}

/* A FILE holding bytes[0..len), positioned at its start. */
static FILE *file_with(const char *bytes, size_t len)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
    ck_assert_int_eq(fflush(f), 0);
    rewind(f);
    return f;
}

/* Everything csv_next gave, as text, and how it ended. */
typedef struct Outcome {
    char *dump;
    size_t dump_len;
    CsvStatus last;
    char err[200];
    char sep;
    size_t offset;   /* of the text as decoded: the input's bytes unless decoded */
    CsvEncoding enc;
} Outcome;

static void read_all(CsvReader *r, Outcome *o)
{
    FILE *m = open_memstream(&o->dump, &o->dump_len);
    ck_assert_ptr_nonnull(m);
    CsvField *fields;
    size_t n, line;
    CsvStatus st;
    while ((st = csv_next(r, &fields, &n, &line)) == CSV_RECORD || st == CSV_BAD) {
        if (st == CSV_BAD) {   /* "!line:col:field:why", and reading goes on */
            size_t bl, bc, bf;
            csv_bad_at(r, &bl, &bc, &bf);
            ck_assert_uint_eq(bl, line);
            fprintf(m, "!%zu:%zu:%zu:%s\n", bl, bc, bf, csv_error(r));
            continue;
        }
        fprintf(m, "%zu:", line);
        for (size_t i = 0; i < n; i++) {
            putc(fields[i].quoted ? '{' : '[', m);
            fwrite(fields[i].s, 1, fields[i].len, m);
            putc(fields[i].quoted ? '}' : ']', m);
        }
        putc('\n', m);
    }
    fclose(m);
    o->last = st;
    snprintf(o->err, sizeof o->err, "%s", st == CSV_ERROR ? csv_error(r) : "");
    o->sep = csv_separator(r);
    o->offset = csv_offset(r);
    o->enc = csv_encoding(r);
    /* The end is final: asking again gives the same answer and no fields. */
    CsvField dummy;
    fields = &dummy;
    ck_assert_int_eq(csv_next(r, &fields, &n, &line), st);
    ck_assert_ptr_null(fields);
    ck_assert_uint_eq(n, 0);
}

static void read_input(const char *bytes, size_t len, int mode, Outcome *o)
{
    if (mode == 0) {
        CsvReader *r = csv_open_mem(bytes, len);
        read_all(r, o);
        csv_close(r);
    } else {
        FILE *f = file_with(bytes, len);
        CsvReader *r = csv_open(f);
        read_all(r, o);
        csv_close(r);
        fclose(f);
    }
}

/* ---- the grammar, one small input per row ---- */

typedef struct ParseRow {
    const char *name;
    const char *in;
    char sep;            /* the separator detected */
    const char *want;    /* records as read_all dumps them */
    const char *error;   /* NULL: reading ends with CSV_END */
} ParseRow;

static const ParseRow parse_rows[] = {
    {"simple", "a,b,c\n1,2,3\n", ',', "1:[a][b][c]\n2:[1][2][3]\n", NULL},
    {"no final newline", "a,b\n1,2", ',', "1:[a][b]\n2:[1][2]\n", NULL},
    {"empty input", "", ',', "", NULL},
    {"only newlines", "\n\r\n\n", ',', "", NULL},
    {"single field", "x", ',', "1:[x]\n", NULL},
    {"semicolon detected", "namn;belopp\nx;1,5\n", ';', "1:[namn][belopp]\n2:[x][1,5]\n",
     NULL},
    {"semicolon majority", "a;b;c,d\n", ';', "1:[a][b][c,d]\n", NULL},
    {"tie is comma", "a;b,c\n", ',', "1:[a;b][c]\n", NULL},
    {"no separator is comma", "abc\n", ',', "1:[abc]\n", NULL},
    {"semicolons in quotes not counted", "\"a;b;c\",d\n", ',', "1:{a;b;c}[d]\n", NULL},
    {"commas in quotes not counted", "\"1,5\";\"2,5\";x\n", ';', "1:{1,5}{2,5}[x]\n", NULL},
    {"quoted newline in first line", "\"x\n,\";a;b\n", ';', "1:{x\n,}[a][b]\n", NULL},
    {"detected from first line only", "a,b\nc;d;e;f\n", ',', "1:[a][b]\n2:[c;d;e;f]\n",
     NULL},
    {"detection skips empty lines", "\n\r\na;b\n", ';', "3:[a][b]\n", NULL},
    {"BOM skipped", "\xEF\xBB\xBFnamn;belopp\n", ';', "1:[namn][belopp]\n", NULL},
    {"BOM only", "\xEF\xBB\xBF", ',', "", NULL},
    {"BOM then quoted", "\xEF\xBB\xBF\"a\",b\n", ',', "1:{a}[b]\n", NULL},
    /* Not valid UTF-8, so Windows-1252: "ï»". */
    {"half a BOM is Windows-1252", "\xEF\xBB", ',', "1:[\xC3\xAF\xC2\xBB]\n", NULL},
    {"tab separated", "a\tb\tc\n1\t2\t3\n", '\t', "1:[a][b][c]\n2:[1][2][3]\n", NULL},
    {"tabs lose to commas", "a\tb,c\n", ',', "1:[a\tb][c]\n", NULL},
    {"tabs lose to semicolons", "a\tb;c\n", ';', "1:[a\tb][c]\n", NULL},
    {"tab separated quoted", "\"a\tb\"\tc\n", '\t', "1:{a\tb}[c]\n", NULL},
    {"Windows-1252 after ASCII lines", "a;b\nc;\xE5\x80\n", ';', "1:[a][b]\n2:[c][\xC3\xA5\xE2\x82\xAC]\n", NULL},
    {"UTF-8 stays UTF-8", "a;\xC3\xA5\nb;\xE5\n", ';', "1:[a][\xC3\xA5]\n2:[b][\xE5]\n", NULL},
    {"CRLF", "a,b\r\nc,d\r\n", ',', "1:[a][b]\n2:[c][d]\n", NULL},
    {"CRLF without final newline", "a,b\r\nc,d", ',', "1:[a][b]\n2:[c][d]\n", NULL},
    {"final CR", "a,b\r", ',', "1:[a][b]\n", NULL},
    {"lone CR is a line end", "a\rb,c\n", ',', "1:[a]\n2:[b][c]\n", NULL},
    {"lone CR in a quoted cell is data", "\"a\rb\",c\r", ',', "1:{a\rb}[c]\n", NULL},
    {"empty lines skipped", "a\n\n\r\nb\n\n", ',', "1:[a]\n4:[b]\n", NULL},
    {"only separators", ",,\n", ',', "1:[][][]\n", NULL},
    {"only separators, semicolon", "a;b\n;\n", ';', "1:[a][b]\n2:[][]\n", NULL},
    {"trailing separator", "a,\n", ',', "1:[a][]\n", NULL},
    {"trailing separator at end", "a,", ',', "1:[a][]\n", NULL},
    {"leading separator", ",a\r\n", ',', "1:[][a]\n", NULL},
    {"spaces kept", " a , b \n", ',', "1:[ a ][ b ]\n", NULL},
    {"quoted separator", "\"a,b\",c\n", ',', "1:{a,b}[c]\n", NULL},
    {"doubled quotes", "\"say \"\"hej\"\"\",x\n", ',', "1:{say \"hej\"}[x]\n", NULL},
    {"only a doubled quote", "\"\"\"\"\n", ',', "1:{\"}\n", NULL},
    {"doubled quote before separator", "\"a\"\"\",b\n", ',', "1:{a\"}[b]\n", NULL},
    {"empty quoted fields", "\"\",\"\"\n", ',', "1:{}{}\n", NULL},
    {"quoted then empty", "\"a\",\n", ',', "1:{a}[]\n", NULL},
    {"quoted at end of input", "a,\"b\"", ',', "1:[a]{b}\n", NULL},
    {"quoted then CRLF", "\"a\";\"b\"\r\nc;d\r\n", ';', "1:{a}{b}\n2:[c][d]\n", NULL},
    {"quoted then final CR", "\"a\"\r", ',', "1:{a}\n", NULL},
    {"mixed quoted and not", "1,\"x\",2,\"y\",3\n", ',', "1:[1]{x}[2]{y}[3]\n", NULL},
    {"quoted LF", "\"rad 1\nrad 2\",b\nc,d\n", ',', "1:{rad 1\nrad 2}[b]\n3:[c][d]\n",
     NULL},
    {"quoted CRLF kept", "\"a\r\nb\"\r\nc\r\n", ',', "1:{a\r\nb}\n3:[c]\n", NULL},
    {"line numbers after multi-line fields",
     "h1,h2\n\"a\n\nb\",\"c\nd\"\n\ne,f\n\"g\",\"\n\"\nx,y\n", ',',
     "1:[h1][h2]\n2:{a\n\nb}{c\nd}\n7:[e][f]\n8:{g}{\n}\n10:[x][y]\n", NULL},
    {"swedish text intact",
     "Län;Belopp\nVästra Götaland;1 000\nÖrebro;\"Å, ä; ö\"\n",
     ';',
     "1:[Län][Belopp]\n2:[Västra Götaland][1 000]\n3:[Örebro]{Å, ä; ö}\n",
     NULL},
    {"quote in an unquoted field", "a,b\"c\n", ',', "!1:4:2:ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n", NULL},
    {"quote ending an unquoted field", "a,b\nc,d\nx,ab\"\n", ',', "1:[a][b]\n"
    "2:[c][d]\n"
    "!3:5:2:ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n", NULL},
    {"quote in a field after a multi-line one", "\"x\ny\",a\"b\n", ',', "!1:1:1:ett citattecken öppnar en cell som löper till rad 2, där ett citattecken står mitt i en cell; ta bort citattecknet om det är felplacerat, eller skriv det som \"\" (läsningen fortsätter på rad 2)\n"
    "!2:2:1:ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n", NULL},
    {"reading goes on after a stray quote", "a,b\nc,d\"e\nf,g\n", ',', "1:[a][b]\n"
    "!2:4:2:ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n"
    "3:[f][g]\n", NULL},
    {"column counts characters, not bytes", "åä,ö\"x\n", ',', "!1:5:2:ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n", NULL},
    {"text after a closing quote", "\"a\"b,c\n", ',', "!1:4:1:text efter det avslutande citattecknet i en cell inom citattecken; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n", NULL},
    {"space after a closing quote", "x\n\"a\" ,b\n", ',', "1:[x]\n"
    "!2:4:1:text efter det avslutande citattecknet i en cell inom citattecken; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n", NULL},
    {"lone CR after a closing quote", "\"a\"\rb\n", ',', "1:{a}\n2:[b]\n", NULL},
    {"text after a multi-line quoted field", "a\n\"x\ny\"z\nq\n", ',', "1:[a]\n"
    "!2:1:1:ett citattecken öppnar en cell som löper till rad 3, där text följer efter det avslutande citattecknet; ta bort citattecknet om det är felplacerat, eller skriv det som \"\" (läsningen fortsätter på rad 3)\n"
    "!3:2:1:ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n"
    "4:[q]\n", NULL},
    {"unterminated", "a,b\n\"c,d\n", ',', "1:[a][b]\n"
    "!2:1:1:ett citattecken öppnar en cell som aldrig stängs; avsluta cellen med ett citattecken\n", NULL},
    {"unterminated after a multi-line field", "\"a\nb\",\"c\nd\ne\n", ',', "!1:1:1:ett citattecken öppnar en cell som löper till rad 2, där ett citattecken öppnar en cell som aldrig stängs; ta bort citattecknet om det är felplacerat (läsningen fortsätter på rad 2)\n"
    "!2:2:1:ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n"
    "3:[d]\n"
    "4:[e]\n", NULL},
    {"unterminated lone quote", "\"", ',', "!1:1:1:ett citattecken öppnar en cell som aldrig stängs; avsluta cellen med ett citattecken\n", NULL},
    {"unterminated after doubled quote", "x\n\n\"a\"\"", ',', "1:[x]\n"
    "!3:1:1:ett citattecken öppnar en cell som aldrig stängs; avsluta cellen med ett citattecken\n", NULL},
};

START_TEST(test_parse)
{
    const ParseRow *row = &parse_rows[_i / 2];
    int mode = _i % 2;
    Outcome o;
    size_t len = strlen(row->in);
    read_input(row->in, len, mode, &o);
    ck_assert_msg(o.dump_len == strlen(row->want) && memcmp(o.dump, row->want, o.dump_len) == 0,
                  "%s (%s): records\n%s\nwant\n%s", row->name, mode_name(mode), o.dump,
                  row->want);
    CsvStatus want_st = row->error ? CSV_ERROR : CSV_END;
    ck_assert_msg(o.last == want_st, "%s (%s): ended with %d, want %d (%s)", row->name,
                  mode_name(mode), o.last, want_st, o.err);
    if (row->error)
        ck_assert_msg(strcmp(o.err, row->error) == 0, "%s (%s): error \"%s\", want \"%s\"",
                      row->name, mode_name(mode), o.err, row->error);
    else if (o.enc != CSV_ENC_CP1252)
        ck_assert_msg(o.offset == len, "%s (%s): offset %zu at the end, want %zu", row->name,
                      mode_name(mode), o.offset, len);
    ck_assert_msg(o.sep == row->sep, "%s (%s): separator '%c', want '%c'", row->name,
                  mode_name(mode), o.sep, row->sep);
    free(o.dump);
}
END_TEST

/* ---- generated inputs larger than the reader's buffer ---- */

typedef struct Rng {
    uint64_t s;
} Rng;

static uint32_t rng_next(Rng *g)
{
    g->s = g->s * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(g->s >> 33);
}

/* One generated record: "r<i>", a long quoted text, a Swedish place name,
** then LF or CRLF. */
typedef struct GenRecord {
    char id[24];
    char *text;
    size_t text_len, text_cap;
    const char *place;
    const char *eol;
    size_t newlines;     /* physical lines the record spans, less one */
} GenRecord;

static void gen_put(GenRecord *g, const char *s, size_t n)
{
    if (g->text_len + n > g->text_cap) {
        g->text_cap = 2 * (g->text_len + n);
        g->text = realloc(g->text, g->text_cap);
        ck_assert_ptr_nonnull(g->text);
    }
    memcpy(g->text + g->text_len, s, n);
    g->text_len += n;
}

static void gen_record(Rng *rng, size_t i, size_t max_text, GenRecord *g)
{
    static const char *const pieces[] = {
        "bidrag ", "kommun", ",", ";", "\"", "\"\"", "\n", "\r\n", "å", "ä",
        "ö", "ÅÄÖ", " ", "12 345,50", "x",
    };
    static const char *const places[] = {
        "Västerås", "Örebro", "Skövde", "Malmö", "1 000",
    };
    snprintf(g->id, sizeof g->id, "r%zu", i);
    g->text_len = 0;
    g->newlines = 0;
    size_t target = rng_next(rng) % (max_text + 1);
    while (g->text_len < target) {
        const char *p = pieces[rng_next(rng) % N_ROWS(pieces)];
        gen_put(g, p, strlen(p));
    }
    for (size_t k = 0; k < g->text_len; k++)
        g->newlines += g->text[k] == '\n';
    g->place = places[rng_next(rng) % N_ROWS(places)];
    g->eol = rng_next(rng) % 2 ? "\r\n" : "\n";
}

static void gen_write(FILE *out, const GenRecord *g)
{
    fprintf(out, "%s,\"", g->id);
    for (size_t k = 0; k < g->text_len; k++) {
        if (g->text[k] == '"')
            putc('"', out);
        putc(g->text[k], out);
    }
    fprintf(out, "\",%s%s", g->place, g->eol);
}

/* Builds at least min_size bytes of generated records; returns the count. */
static size_t gen_input(uint64_t seed, size_t min_size, size_t max_text, char **bytes,
                        size_t *len)
{
    FILE *m = open_memstream(bytes, len);
    ck_assert_ptr_nonnull(m);
    Rng rng = {seed};
    GenRecord g = {0};
    size_t n = 0;
    while ((size_t)ftell(m) < min_size) {
        gen_record(&rng, n++, max_text, &g);
        gen_write(m, &g);
    }
    fclose(m);
    free(g.text);
    return n;
}

/* Reads the generated input back and checks every field and line number. */
static void check_generated(CsvReader *r, uint64_t seed, size_t n_records, size_t max_text,
                            const char *what)
{
    Rng rng = {seed};
    GenRecord g = {0};
    size_t want_line = 1;
    CsvField *f;
    size_t n, line;
    for (size_t i = 0; i < n_records; i++) {
        gen_record(&rng, i, max_text, &g);
        CsvStatus st = csv_next(r, &f, &n, &line);
        ck_assert_msg(st == CSV_RECORD, "%s: post %zu: status %d (%s)", what, i, st,
                      csv_error(r));
        ck_assert_msg(n == 3, "%s: post %zu has %zu fields", what, i, n);
        ck_assert_msg(line == want_line, "%s: post %zu on line %zu, want %zu", what, i, line,
                      want_line);
        ck_assert_msg(!f[0].quoted && f[0].len == strlen(g.id) &&
                          memcmp(f[0].s, g.id, f[0].len) == 0,
                      "%s: post %zu: id \"%.*s\"", what, i, (int)f[0].len, f[0].s);
        ck_assert_msg(f[1].quoted && f[1].len == g.text_len &&
                          memcmp(f[1].s, g.text, g.text_len) == 0,
                      "%s: post %zu: text of %zu bytes differs (want %zu)", what, i, f[1].len,
                      g.text_len);
        ck_assert_msg(!f[2].quoted && f[2].len == strlen(g.place) &&
                          memcmp(f[2].s, g.place, f[2].len) == 0,
                      "%s: post %zu: place \"%.*s\"", what, i, (int)f[2].len, f[2].s);
        want_line += g.newlines + 1;
    }
    ck_assert_msg(csv_next(r, &f, &n, &line) == CSV_END, "%s: no end: %s", what, csv_error(r));
    free(g.text);
}

typedef struct BigRow {
    const char *name;
    uint64_t seed;
    size_t size;        /* bytes at least */
    size_t max_text;    /* the quoted field's longest */
} BigRow;

static const BigRow big_rows[] = {
    {"2 MB of multi-line records", 1, 2 * 1024 * 1024, 20000},
    {"2 MB of short records", 2, 2 * 1024 * 1024, 40},
    /* Records from 0 to 1.5 MB, so some outgrow a 256 KiB buffer. */
    {"records longer than the buffer", 3, 6 * 1024 * 1024, 1536 * 1024},
};

START_TEST(test_big)
{
    const BigRow *row = &big_rows[_i / 2];
    int mode = _i % 2;
    char *bytes;
    size_t len;
    size_t n = gen_input(row->seed, row->size, row->max_text, &bytes, &len);
    char what[120];
    snprintf(what, sizeof what, "%s (%s)", row->name, mode_name(mode));
    FILE *f = mode ? file_with(bytes, len) : NULL;
    CsvReader *r = mode ? csv_open(f) : csv_open_mem(bytes, len);
    check_generated(r, row->seed, n, row->max_text, what);
    ck_assert_msg(csv_offset(r) == len, "%s: offset %zu, want %zu", what, csv_offset(r), len);
    csv_close(r);
    if (f)
        fclose(f);
    free(bytes);
}
END_TEST

/* A unit with a tricky spot at nearly every byte (CRLF after unquoted and
** quoted fields, "" pairs, a quoted CRLF, an empty quoted field, an empty
** CRLF line, a plain LF, a lone CR that ends a line), repeated past several buffer
** refills. Shifting it by 0..UNIT_LEN-1 bytes puts every byte of it on the
** refill boundary, whatever the buffer's size. Each unit is 6 lines: a record
** of 2, one of 1, an empty line, then two records of 1. */
#define UNIT "1,\"a\"\"b\",\"c\r\nd\",e\r\n\"\",,\"x\"\r\n\r\nz\rq\n"
enum { UNIT_LEN = sizeof UNIT - 1, SWEEP_SIZE = 700 * 1024 };

START_TEST(test_refill_sweep)
{
    int shift = _i;
    FILE *m;
    char *bytes;
    size_t len;
    m = open_memstream(&bytes, &len);
    fputs("p", m);
    for (int k = 0; k < shift; k++)
        putc('p', m);
    putc('\n', m);
    size_t units = SWEEP_SIZE / UNIT_LEN;
    for (size_t k = 0; k < units; k++)
        fputs(UNIT, m);
    fclose(m);

    FILE *f = file_with(bytes, len);
    CsvReader *r = csv_open(f);
    CsvField *fl;
    size_t n, line;
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_RECORD);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(fl[0].len, (size_t)shift + 1);
    for (size_t k = 0; k < units; k++) {
        CsvStatus st = csv_next(r, &fl, &n, &line);
        ck_assert_msg(st == CSV_RECORD && n == 4 && line == 2 + 6 * k &&
                          fl[0].len == 1 && fl[0].s[0] == '1' && !fl[0].quoted &&
                          fl[1].len == 3 && memcmp(fl[1].s, "a\"b", 3) == 0 && fl[1].quoted &&
                          fl[2].len == 4 && memcmp(fl[2].s, "c\r\nd", 4) == 0 &&
                          fl[3].len == 1 && fl[3].s[0] == 'e',
                      "shift %d, unit %zu: first record wrong (status %d, %zu fields, line "
                      "%zu, %s)",
                      shift, k, st, n, line, csv_error(r));
        st = csv_next(r, &fl, &n, &line);
        ck_assert_msg(st == CSV_RECORD && n == 3 && line == 4 + 6 * k && fl[0].len == 0 &&
                          fl[0].quoted && fl[1].len == 0 && !fl[1].quoted && fl[2].len == 1 &&
                          fl[2].s[0] == 'x' && fl[2].quoted,
                      "shift %d, unit %zu: second record wrong (status %d, %zu fields, line "
                      "%zu, %s)",
                      shift, k, st, n, line, csv_error(r));
        st = csv_next(r, &fl, &n, &line);
        ck_assert_msg(st == CSV_RECORD && n == 1 && line == 6 + 6 * k && fl[0].len == 1 &&
                          fl[0].s[0] == 'z',
                      "shift %d, unit %zu: third record wrong (status %d, %zu fields, line "
                      "%zu, %s)",
                      shift, k, st, n, line, csv_error(r));
        st = csv_next(r, &fl, &n, &line);
        ck_assert_msg(st == CSV_RECORD && n == 1 && line == 7 + 6 * k && fl[0].len == 1 &&
                          fl[0].s[0] == 'q',
                      "shift %d, unit %zu: fourth record wrong (status %d, %zu fields, line "
                      "%zu, %s)",
                      shift, k, st, n, line, csv_error(r));
    }
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_END);
    ck_assert_uint_eq(csv_offset(r), len);
    csv_close(r);
    fclose(f);
    free(bytes);
}
END_TEST

/* The reader turns a CR that is not part of a CRLF, outside quotes, into a
** line end. This is that rule byte by byte, as the reader once applied it,
** over a whole input; the reader now skips eight bytes at a time. Any input
** and the same input with its lone CRs made LF here must read the same. */
static void lone_cr_to_lf(char *b, size_t len)
{
    bool in_quote = false;
    char prev = '\n';
    for (size_t i = 0; i < len; i++) {
        char c = b[i];
        if (in_quote) {
            if (c != '"')
                continue;
            if (i + 1 < len && b[i + 1] == '"')
                i++;
            else
                in_quote = false;
            prev = '"';
            continue;
        }
        if (c == '"' && (prev == ',' || prev == ';' || prev == '\n' || prev == '\r' || prev == '\t'))
            in_quote = true;
        else if (c == '\r' && (i + 1 == len || b[i + 1] != '\n'))
            b[i] = c = '\n';
        prev = c;
    }
}

START_TEST(test_lone_cr_random)
{
    static const char alphabet[] = "ab,,;\"\"\r\r\n\t x";
    uint64_t x = 0x9E3779B97F4A7C15u + (uint64_t)_i;
    for (int round = 0; round < 400; round++) {
        char in[80], ref[80];
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t len = (size_t)(x % sizeof in);
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            in[i] = alphabet[x % (sizeof alphabet - 1)];
        }
        memcpy(ref, in, len);
        /* A tab starts a quote only where tab is the separator; leave
        ** the inputs where that could differ out of the comparison. */
        if (memchr(in, '\t', len) && memchr(in, '"', len))
            continue;
        lone_cr_to_lf(ref, len);
        for (int mode = 0; mode < 2; mode++) {
            Outcome a = {0}, b = {0};
            read_input(in, len, mode, &a);
            read_input(ref, len, mode, &b);
            ck_assert_msg(a.dump_len == b.dump_len && memcmp(a.dump, b.dump, a.dump_len) == 0 && a.last == b.last,
                          "input %zu bytes, round %d, %s: \n%s\nagainst\n%s", len, round, mode_name(mode), a.dump,
                          b.dump);
            free(a.dump);
            free(b.dump);
        }
    }
}
END_TEST

/* A stray quote must not pull a whole huge file into memory. */
START_TEST(test_record_too_long)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    fputs("a,b\n\"never closed,", f);
    enum { BLOCK = 1024 * 1024 };
    char *block = malloc(BLOCK);
    ck_assert_ptr_nonnull(block);
    memset(block, 'x', BLOCK);
    for (int k = 0; k < 65; k++)
        ck_assert_uint_eq(fwrite(block, 1, BLOCK, f), BLOCK);
    free(block);
    rewind(f);
    CsvReader *r = csv_open(f);
    CsvField *fl;
    size_t n, line;
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_RECORD);
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_ERROR);
    ck_assert_str_eq(csv_error(r), "posten som börjar på rad 2 är längre än 64 MiB");
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_ERROR);
    csv_close(r);
    fclose(f);
}
END_TEST

/* A record of more than CSV_MAX_FIELDS fields is refused, and the next one
** is read; one of exactly CSV_MAX_FIELDS is fine. */
START_TEST(test_too_many_fields)
{
    for (int extra = 0; extra <= 1; extra++) {
        size_t nf = CSV_MAX_FIELDS + (size_t)extra;
        size_t len = nf - 1 + 4;
        char *in = malloc(len + 1);
        ck_assert_ptr_nonnull(in);
        memset(in, ',', nf - 1);
        memcpy(in + nf - 1, "\nok\n", 5);
        CsvReader *r = csv_open_mem(in, len);
        CsvField *f;
        size_t n, line;
        CsvStatus st = csv_next(r, &f, &n, &line);
        if (extra) {
            ck_assert_int_eq(st, CSV_BAD);
            ck_assert_str_eq(csv_error(r), "raden har 16385 celler; högst 16384 läses");
            size_t bl, bc, bfield;
            csv_bad_at(r, &bl, &bc, &bfield);
            ck_assert_uint_eq(bl, 1);
            ck_assert_uint_eq(bfield, 16385);
        } else {
            ck_assert_int_eq(st, CSV_RECORD);
            ck_assert_uint_eq(n, CSV_MAX_FIELDS);
        }
        ck_assert_int_eq(csv_next(r, &f, &n, &line), CSV_RECORD);
        ck_assert_uint_eq(line, 2);
        ck_assert_uint_eq(n, 1);
        ck_assert_int_eq(csv_next(r, &f, &n, &line), CSV_END);
        csv_close(r);
        free(in);
    }
}
END_TEST

START_TEST(test_read_error)
{
    /* A folder opens as a FILE on Linux, and reading it fails. */
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/medel-csv-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    FILE *f = fopen(dir, "r");
    ck_assert_ptr_nonnull(f);
    CsvReader *r = csv_open(f);
    CsvField *fl;
    size_t n, line;
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_ERROR);
    ck_assert_str_eq(csv_error(r), "läsfel: det är en mapp");
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_ERROR);
    csv_close(r);
    fclose(f);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* Fields stay valid until the next call, even when unescaped. */
START_TEST(test_fields_of_one_record)
{
    const char *in = "\"a\"\"1\",b,\"c\"\"2\"\"\",\"\"\"\"\n";
    CsvReader *r = csv_open_mem(in, strlen(in));
    CsvField *fl;
    size_t n, line;
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_RECORD);
    ck_assert_uint_eq(n, 4);
    ck_assert_uint_eq(fl[0].len, 3);
    ck_assert_int_eq(memcmp(fl[0].s, "a\"1", 3), 0);
    ck_assert_uint_eq(fl[1].len, 1);
    ck_assert_ptr_eq(fl[1].s, in + 7);   /* unquoted fields are not copied */
    ck_assert_uint_eq(fl[2].len, 4);
    ck_assert_int_eq(memcmp(fl[2].s, "c\"2\"", 4), 0);
    ck_assert_uint_eq(fl[3].len, 1);
    ck_assert_int_eq(fl[3].s[0], '"');
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_END);
    csv_close(r);
}
END_TEST

/* ---- csv_write_field ---- */

typedef struct WriteRow {
    const char *name;
    const char *in;
    char sep;
    bool neutralise;
    const char *want;
} WriteRow;

static const WriteRow write_rows[] = {
    {"plain", "abc", ',', true, "abc"},
    {"empty", "", ',', true, ""},
    {"swedish", "Västerås", ';', true, "Västerås"},
    {"comma quoted", "a,b", ',', false, "\"a,b\""},
    {"comma with semicolon separator", "1,5", ';', false, "1,5"},
    {"semicolon quoted", "a;b", ';', false, "\"a;b\""},
    {"semicolon with comma separator", "a;b", ',', false, "a;b"},
    {"quotes doubled", "say \"hi\"", ',', false, "\"say \"\"hi\"\"\""},
    {"only a quote", "\"", ',', false, "\"\"\"\""},
    {"LF quoted", "a\nb", ',', false, "\"a\nb\""},
    {"CR quoted", "a\rb", ',', false, "\"a\rb\""},
    {"formula", "=SUM(A1)", ',', true, "'=SUM(A1)"},
    {"formula kept when not neutralised", "=SUM(A1)", ',', false, "=SUM(A1)"},
    {"phone number", "+46 70 123 45 67", ';', true, "'+46 70 123 45 67"},
    {"minus", "-5", ';', true, "'-5"},
    {"at", "@x", ',', true, "'@x"},
    {"tab", "\tx", ',', true, "'\tx"},
    {"CR first", "\rx", ',', true, "\"'\rx\""},
    {"formula with separator", "=A1,B1", ',', true, "\"'=A1,B1\""},
    {"formula with quotes", "=\"x\"", ';', true, "\"'=\"\"x\"\"\""},
    {"sign later in the field", "a=b-c", ',', true, "a=b-c"},
    {"apostrophe first", "'x", ',', true, "'x"},
};

START_TEST(test_write_field)
{
    const WriteRow *row = &write_rows[_i];
    char *out;
    size_t len;
    FILE *m = open_memstream(&out, &len);
    csv_write_field(m, row->in, strlen(row->in), row->sep, row->neutralise);
    fclose(m);
    ck_assert_msg(len == strlen(row->want) && memcmp(out, row->want, len) == 0,
                  "%s: wrote <%s>, want <%s>", row->name, out, row->want);
    free(out);
}
END_TEST

/* What csv_write_field writes without neutralising, the reader reads back. */
START_TEST(test_write_round_trip)
{
    const WriteRow *row = &write_rows[_i];
    const char sep = row->sep;
    char *out;
    size_t len;
    FILE *m = open_memstream(&out, &len);
    /* The separator is detected from the first line: three more of it,
    ** between empty fields, outnumber the other one in any row. */
    csv_write_field(m, row->in, strlen(row->in), sep, false);
    fprintf(m, "%c%c%c\n", sep, sep, sep);
    fclose(m);
    CsvReader *r = csv_open_mem(out, len);
    CsvField *fl;
    size_t n, line;
    ck_assert_msg(csv_next(r, &fl, &n, &line) == CSV_RECORD, "%s: %s", row->name, csv_error(r));
    ck_assert_msg(n == 4 && fl[0].len == strlen(row->in) &&
                      memcmp(fl[0].s, row->in, fl[0].len) == 0,
                  "%s: read back %zu fields, first <%.*s>", row->name, n, (int)fl[0].len,
                  fl[0].s);
    csv_close(r);
    free(out);
}
END_TEST

static void add_loop(Suite *s, const char *name, const TTest *fn, int n, double timeout)
{
    TCase *tc = tcase_create(name);
    tcase_add_loop_test(tc, fn, 0, n);
    if (timeout > 0)
        tcase_set_timeout(tc, timeout);
    suite_add_tcase(s, tc);
}

/* CR, LF and CRLF are all line ends, mixed too ("CSV (Macintosh)" has CR
** alone), with the same records, cells and line numbers, in memory and from
** a FILE; a CR or an LF inside a quoted cell is the cell's. Generated
** records, some malformed (a quote after text), some with cells over
** lines; each written with each kind of line end. */
START_TEST(test_line_ends)
{
    unsigned seed = 777;
    for (int round = 0; round < 200; round++) {
        /* '\x01' marks a line end, written out below in each style. */
        char base[4096];
        size_t at = 0;
        size_t n_rec = 1 + (size_t)round % 12;
        for (size_t k = 0; k < n_rec; k++) {
            for (int c = 0; c < 3; c++) {
                seed = seed * 1103515245u + 12345u;
                unsigned pick = (seed >> 16) % 7;
                const char *cell = pick == 0 ? "\"a\rb\"" : pick == 1 ? "\"x\ny\"" : pick == 2 ? "\"q\"\"r\""
                                 : pick == 3 && k ? "ab\"c" : pick == 4 ? "" : "v";
                at += (size_t)snprintf(base + at, sizeof base - at, "%s%s", c ? "," : "", cell);
            }
            base[at++] = '\x01';
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 5 == 0)
                base[at++] = '\x01';   /* an empty line */
        }
        Outcome want[2] = {{0}};
        for (int style = 0; style < 4; style++) {
            char text[8192];
            size_t n = 0;
            for (size_t i = 0; i < at; i++) {
                if (base[i] != '\x01') {
                    text[n++] = base[i];
                    continue;
                }
                seed = seed * 1103515245u + 12345u;
                int st = style == 3 ? (int)((seed >> 16) % 3) : style;
                if (st == 0 && n && text[n - 1] == '\r')
                    st = 2;   /* CR then LF would be one line end, CRLF */
                if (st == 0)
                    text[n++] = '\n';
                else if (st == 1)
                    text[n++] = '\r', text[n++] = '\n';
                else
                    text[n++] = '\r';
            }
            for (int mode = 0; mode < 2; mode++) {
                Outcome o = {0};
                read_input(text, n, mode, &o);
                if (style == 0) {
                    want[mode] = o;
                    continue;
                }
                ck_assert_msg(o.last == want[mode].last && strcmp(o.dump, want[mode].dump) == 0,
                              "round %d, style %d, %s: got\n%s\nwant\n%s", round, style, mode_name(mode), o.dump,
                              want[mode].dump);
                free(o.dump);
            }
        }
        ck_assert_str_eq(want[0].dump, want[1].dump);
        free(want[0].dump);
        free(want[1].dump);
    }
    /* A bad row of a CR-only file names its own line. */
    Outcome o = {0};
    const char *cr = "a,b\r1,2\r\r3,x\"y\r4,\"5\r6\"\r7,8";
    for (int mode = 0; mode < 2; mode++) {
        read_input(cr, strlen(cr), mode, &o);
        ck_assert_str_eq(o.dump, "1:[a][b]\n2:[1][2]\n!4:4:2:ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n5:[4]{5\r6}\n6:[7][8]\n");
        free(o.dump);
    }
}
END_TEST

/* ---- encodings (csv.h CsvEncoding) ---- */

/* Every byte from 0x80 up as Python's cp1252 codec decodes it
** (bytes([b]).decode('cp1252').encode('utf-8')), NULL where the codec has
** no character: a table made apart from the reader's. */
static const char *const PY_CP1252[128] = {
    "\xE2\x82\xAC", NULL, "\xE2\x80\x9A", "\xC6\x92", "\xE2\x80\x9E", "\xE2\x80\xA6", "\xE2\x80\xA0", "\xE2\x80\xA1",
    "\xCB\x86", "\xE2\x80\xB0", "\xC5\xA0", "\xE2\x80\xB9", "\xC5\x92", NULL, "\xC5\xBD", NULL,
    NULL, "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x80\x94",
    "\xCB\x9C", "\xE2\x84\xA2", "\xC5\xA1", "\xE2\x80\xBA", "\xC5\x93", NULL, "\xC5\xBE", "\xC5\xB8",
    "\xC2\xA0", "\xC2\xA1", "\xC2\xA2", "\xC2\xA3", "\xC2\xA4", "\xC2\xA5", "\xC2\xA6", "\xC2\xA7",
    "\xC2\xA8", "\xC2\xA9", "\xC2\xAA", "\xC2\xAB", "\xC2\xAC", "\xC2\xAD", "\xC2\xAE", "\xC2\xAF",
    "\xC2\xB0", "\xC2\xB1", "\xC2\xB2", "\xC2\xB3", "\xC2\xB4", "\xC2\xB5", "\xC2\xB6", "\xC2\xB7",
    "\xC2\xB8", "\xC2\xB9", "\xC2\xBA", "\xC2\xBB", "\xC2\xBC", "\xC2\xBD", "\xC2\xBE", "\xC2\xBF",
    "\xC3\x80", "\xC3\x81", "\xC3\x82", "\xC3\x83", "\xC3\x84", "\xC3\x85", "\xC3\x86", "\xC3\x87",
    "\xC3\x88", "\xC3\x89", "\xC3\x8A", "\xC3\x8B", "\xC3\x8C", "\xC3\x8D", "\xC3\x8E", "\xC3\x8F",
    "\xC3\x90", "\xC3\x91", "\xC3\x92", "\xC3\x93", "\xC3\x94", "\xC3\x95", "\xC3\x96", "\xC3\x97",
    "\xC3\x98", "\xC3\x99", "\xC3\x9A", "\xC3\x9B", "\xC3\x9C", "\xC3\x9D", "\xC3\x9E", "\xC3\x9F",
    "\xC3\xA0", "\xC3\xA1", "\xC3\xA2", "\xC3\xA3", "\xC3\xA4", "\xC3\xA5", "\xC3\xA6", "\xC3\xA7",
    "\xC3\xA8", "\xC3\xA9", "\xC3\xAA", "\xC3\xAB", "\xC3\xAC", "\xC3\xAD", "\xC3\xAE", "\xC3\xAF",
    "\xC3\xB0", "\xC3\xB1", "\xC3\xB2", "\xC3\xB3", "\xC3\xB4", "\xC3\xB5", "\xC3\xB6", "\xC3\xB7",
    "\xC3\xB8", "\xC3\xB9", "\xC3\xBA", "\xC3\xBB", "\xC3\xBC", "\xC3\xBD", "\xC3\xBE", "\xC3\xBF",
};

/* Reads all of bytes[0..len) from memory (mode 0) or a FILE (mode 1) into
** a dump as read_all has it, and the encoding judged. */
static CsvEncoding read_enc(const char *bytes, size_t len, int mode, Outcome *o)
{
    FILE *f = mode ? file_with(bytes, len) : NULL;
    CsvReader *r = mode ? csv_open(f) : csv_open_mem(bytes, len);
    read_all(r, o);
    CsvEncoding e = csv_encoding(r);
    csv_close(r);
    if (f)
        fclose(f);
    return e;
}

/* All 251 defined bytes of Windows-1252, each alone in a record (after a
** first byte that is not UTF-8, so that the file is Windows-1252), give
** exactly the codec's UTF-8; the five undefined ones are each a bad record
** naming its line and byte, and reading goes on. */
START_TEST(test_cp1252_all_bytes)
{
    char *text = malloc(4096), *want = malloc(16384);
    size_t n = 0, w = 0;
    size_t line = 1;
    n += (size_t)sprintf(text + n, "\xE9\n");
    w += (size_t)sprintf(want + w, "1:[\xC3\xA9]\n");
    for (int b = 1; b < 256; b++) {
        if (b == '\n' || b == '\r' || b == '"' || b == ',' || b == ';')
            continue;   /* line ends, quotes and separators are the syntax's */
        line++;
        text[n++] = 'x';
        text[n++] = (char)b;
        text[n++] = '\n';
        if (b < 0x80) {
            w += (size_t)sprintf(want + w, "%zu:[x%c]\n", line, b);
        } else if (PY_CP1252[b - 0x80]) {
            w += (size_t)sprintf(want + w, "%zu:[x%s]\n", line, PY_CP1252[b - 0x80]);
        } else {
            w += (size_t)sprintf(want + w,
                                 "!%zu:2:1:byten 0x%02X är inget tecken i Windows-1252, den teckenkodning filen är sparad i "
                                 "(bedömd efter rad 1); filen är skadad eller i en annan teckenkodning: spara den som "
                                 "\"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))\n", line, b);
        }
    }
    /* The NUL byte: in the dump as written (%c wrote a NUL). */
    for (int mode = 0; mode < 2; mode++) {
        Outcome o = {0};
        ck_assert_int_eq(read_enc(text, n, mode, &o), CSV_ENC_CP1252);
        ck_assert_int_eq(o.last, CSV_END);
        ck_assert_msg(o.dump_len == w && memcmp(o.dump, want, w) == 0, "%s:\n%s", mode_name(mode), o.dump);
        free(o.dump);
    }
    int defined = 0;
    for (int b = 0; b < 128; b++)
        defined += PY_CP1252[b] != NULL;
    ck_assert_int_eq(128 + defined, 251);
    free(text);
    free(want);
}
END_TEST

/* Bad spots in a decoded file: each makes its own record bad (named by
** line, column and field), and the records around it are read. */
START_TEST(test_decode_faults)
{
    static const struct {
        const char *name;
        const char *in;
        size_t len;
        const char *want;
    } rows[] = {
#define IN(s) s, sizeof(s) - 1
        {"UTF-8 in a Windows-1252 file", IN("a;b\n\xE5;1\nx;\xC3\xA5t\n\xF6;2\n"),
         "1:[a][b]\n"
         "2:[\xC3\xA5][1]\n"
         "!3:3:2:byte C3 A5 är UTF-8-text, men filen är sparad som Windows-1252 (bedömd efter rad 2): den blandar två teckenkodningar; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))\n"
         "4:[\xC3\xB6][2]\n"},
        {"an unpaired high surrogate", IN("\xFF\xFE" "a\0;\0\x3D\xD8" "b\0\n\0c\0;\0d\0\n\0"),
         "!1:3:2:UTF-16-enheten 0xD83D är halva ett tecken utan sin andra halva; filen är skadad: spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))\n"
         "2:[c][d]\n"},
        {"a lone low surrogate", IN("\xFE\xFF" "\0a\0;\xDE\x00\0\n\0c\0;\0d\0\n"),
         "!1:3:2:UTF-16-enheten 0xDE00 är halva ett tecken utan sin andra halva; filen är skadad: spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))\n"
         "2:[c][d]\n"},
        {"a high surrogate at the end", IN("\xFF\xFE" "a\0;\0\x3D\xD8"),
         "!1:3:2:UTF-16-enheten 0xD83D är halva ett tecken utan sin andra halva; filen är skadad: spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))\n"},
        {"half a code unit at the end", IN("\xFF\xFE" "a\0;\0b\0\n\0c\0;\0d"),
         "1:[a][b]\n"
         "!2:3:2:filen slutar mitt i ett UTF-16-tecken; den är avkortad eller skadad: spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))\n"},
        {"a surrogate pair", IN("\xFF\xFE" "a\0;\0\x3D\xD8\x00\xDE\n\0"), "1:[a][\xF0\x9F\x98\x80]\n"},
#undef IN
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        for (int mode = 0; mode < 2; mode++) {
            Outcome o = {0};
            read_enc(rows[i].in, rows[i].len, mode, &o);
            ck_assert_msg(strcmp(o.dump, rows[i].want) == 0, "%s (%s):\n%s\nwant\n%s", rows[i].name, mode_name(mode), o.dump,
                          rows[i].want);
            free(o.dump);
        }
}
END_TEST

/* Text to write in an encoding: code points, each written as UTF-8,
** Windows-1252, UTF-16LE or UTF-16BE (with their byte-order marks), so
** that the same records can be read from each. */
enum { ENC_UTF8, ENC_CP1252, ENC_U16LE, ENC_U16BE, N_ENCS };

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The code point Windows-1252 byte b stands for (from the codec's table). */
static uint32_t cp1252_cp(int b)
{
    if (b < 0x80)
        return (uint32_t)b;
    int cp;
    const char *u = PY_CP1252[b - 0x80];
    const unsigned char *x = (const unsigned char *)u;
    cp = (x[0] & 0x1F) << 6 | (x[1] & 0x3F);
    if ((x[0] & 0xF0) == 0xE0)
        cp = (x[0] & 0x0F) << 12 | (x[1] & 0x3F) << 6 | (x[2] & 0x3F);
    return (uint32_t)cp;
}

static size_t put_cp(char *o, uint32_t cp, int enc)
{
    switch (enc) {
    case ENC_UTF8:
        return put_utf8(o, cp);
    case ENC_CP1252:
        for (int b = 0; b < 256; b++)
            if ((b < 0x80 || PY_CP1252[b - 0x80]) && cp1252_cp(b) == cp) {
                o[0] = (char)b;
                return 1;
            }
        ck_abort_msg("U+%04X is not in Windows-1252", cp);
        return 0;
    default: {
        unsigned u[2], n = 1;
        if (cp >= 0x10000) {
            u[0] = 0xD800 + ((cp - 0x10000) >> 10);
            u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            n = 2;
        } else {
            u[0] = cp;
        }
        for (unsigned k = 0; k < n; k++) {
            o[2 * k] = (char)(enc == ENC_U16LE ? u[k] & 0xFF : u[k] >> 8);
            o[2 * k + 1] = (char)(enc == ENC_U16LE ? u[k] >> 8 : u[k] & 0xFF);
        }
        return 2 * n;
    }
    }
}

/* Random records of text in Windows-1252's repertoire (and, for the UTF
** encodings, characters past U+FFFF), quoted cells with separators, ""
** and line breaks among them, well over the reader's buffer so that
** characters straddle its refills: written in each encoding, they read back
** as the same records as from UTF-8, in memory and from a FILE. */
START_TEST(test_encodings_round_trip)
{
    unsigned seed = 4242u + (unsigned)_i;
    const bool wide = _i % 2;   /* with emoji: for UTF-8 and UTF-16 only */
    /* At least 300 000 characters, so that they straddle the 256 KiB refill
    ** boundary however few cases a slow run takes. */
    const size_t N_CP = unit_cases(900000) > 300000 ? unit_cases(900000) : 300000;
    uint32_t *cps = malloc(N_CP * sizeof *cps);
    size_t n = 0;
    /* The first character outside ASCII is valid UTF-8, so that the UTF-8
    ** file is judged UTF-8, and not a Windows-1252 byte that is also UTF-8 to
    ** look at. */
    const char *head = "namn;text;belopp\n";
    for (const char *c = head; *c; c++)
        cps[n++] = (uint32_t)*c;
    while (n < N_CP - 64) {
        for (int cell = 0; cell < 3; cell++) {
            seed = seed * 1103515245u + 12345u;
            bool quoted = (seed >> 16) % 4 == 0;
            if (quoted)
                cps[n++] = '"';
            seed = seed * 1103515245u + 12345u;
            int len = (int)((seed >> 16) % 12);
            for (int k = 0; k < len; k++) {
                seed = seed * 1103515245u + 12345u;
                unsigned pick = (seed >> 16) % 100;
                uint32_t cp;
                if (pick < 40) {
                    cp = 'a' + pick % 26;
                } else if (pick < 85) {
                    /* Not a byte 0x80..0xBF after one of 0xC2..0xF4: as
                    ** Windows-1252 that pair ("Ã¥") would be valid UTF-8,
                    ** which the reader takes for a file of mixed encodings. */
                    uint32_t prev = n ? cps[n - 1] : 0;
                    bool lead = prev >= 0xC2 && prev <= 0xF4;
                    int b;
                    do {
                        seed = seed * 1103515245u + 12345u;
                        b = 0x80 + (int)((seed >> 16) % 128);
                    } while (!PY_CP1252[b - 0x80] || (lead && b < 0xC0));
                    cp = cp1252_cp(b);
                } else if (pick < 92 && wide) {
                    cp = 0x1F600 + pick;
                } else if (quoted && pick < 95) {
                    cp = pick % 2 ? ';' : '\n';
                } else if (quoted && pick < 97) {
                    cps[n++] = '"';
                    cp = '"';
                } else {
                    cp = ' ';
                }
                cps[n++] = cp;
            }
            if (quoted)
                cps[n++] = '"';
            cps[n++] = cell < 2 ? ';' : '\n';
        }
    }
    Outcome want[2] = {{0}};
    char *bytes = malloc(N_CP * 4 + 4);
    for (int enc = 0; enc < N_ENCS; enc++) {
        if (wide && enc == ENC_CP1252)
            continue;
        size_t len = 0;
        if (enc == ENC_U16LE)
            bytes[len++] = (char)0xFF, bytes[len++] = (char)0xFE;
        if (enc == ENC_U16BE)
            bytes[len++] = (char)0xFE, bytes[len++] = (char)0xFF;
        for (size_t i = 0; i < n; i++)
            len += put_cp(bytes + len, cps[i], enc);
        for (int mode = 0; mode < 2; mode++) {
            Outcome o = {0};
            CsvEncoding e = read_enc(bytes, len, mode, &o);
            ck_assert_int_eq(e, enc == ENC_UTF8 ? CSV_ENC_UTF8 : enc == ENC_CP1252 ? CSV_ENC_CP1252
                                : enc == ENC_U16LE ? CSV_ENC_UTF16LE : CSV_ENC_UTF16BE);
            ck_assert_int_eq(o.sep, ';');
            ck_assert_int_eq(o.last, CSV_END);
            if (enc == ENC_UTF8) {
                want[mode] = o;
                ck_assert_ptr_null(strchr(o.dump, '!'));   /* nothing malformed, so the test reads records */
                continue;
            }
            ck_assert_msg(o.dump_len == want[mode].dump_len && memcmp(o.dump, want[mode].dump, o.dump_len) == 0,
                          "encoding %d, %s: the records differ from UTF-8's", enc, mode_name(mode));
            free(o.dump);
        }
    }
    ck_assert_uint_eq(want[0].dump_len, want[1].dump_len);
    free(want[0].dump);
    free(want[1].dump);
    free(bytes);
    free(cps);
}
END_TEST

/* The first byte outside ASCII decides; split over the first read of a
** FILE (256 KiB), a UTF-8 sequence is still UTF-8, and a Windows-1252 byte
** just before the boundary still Windows-1252. Likewise in UTF-16, a
** surrogate pair at every offset around the boundary. */
START_TEST(test_encoding_boundary)
{
    enum { FIRST = 256 * 1024 };
    for (int shift = -4; shift <= 4; shift++) {
        for (int kind = 0; kind < 3; kind++) {
            size_t len = FIRST + 4096;
            char *text = malloc(len + 16);
            size_t at = 0;
            size_t pos = (size_t)((int)FIRST - 1 + shift);   /* where the first non-ASCII byte goes */
            if (kind < 2) {
                for (; at < pos; at++)
                    text[at] = at % 64 == 63 ? '\n' : 'a';
                if (kind == 0) {
                    memcpy(text + at, "\xC3\xA5", 2);   /* å in UTF-8 */
                    at += 2;
                } else {
                    text[at++] = (char)0xE5;   /* å in Windows-1252 */
                    text[at++] = 'b';
                }
                for (; at < len; at++)
                    text[at] = at % 64 == 63 ? '\n' : 'a';
            } else {
                text[at++] = (char)0xFF;
                text[at++] = (char)0xFE;
                while (at < pos)
                    at += put_cp(text + at, at % 128 >= 126 ? '\n' : 'a', ENC_U16LE);
                while (at < len)
                    at += put_cp(text + at, (at / 4) % 32 == 31 ? '\n' : 0x1F600, ENC_U16LE);
            }
            Outcome o = {0};
            CsvEncoding e = read_enc(text, at, 1, &o);
            ck_assert_int_eq(e, kind == 0 ? CSV_ENC_UTF8 : kind == 1 ? CSV_ENC_CP1252 : CSV_ENC_UTF16LE);
            ck_assert_msg(strchr(o.dump, '!') == NULL, "shift %d, kind %d: a bad record", shift, kind);
            if (kind < 2)
                ck_assert_ptr_nonnull(strstr(o.dump, "\xC3\xA5"));
            else
                ck_assert_ptr_null(strstr(o.dump, "\xEF\xBF\xBD"));   /* no U+FFFD */
            Outcome m = {0};
            read_enc(text, at, 0, &m);
            ck_assert(m.dump_len == o.dump_len && memcmp(m.dump, o.dump, o.dump_len) == 0);
            free(o.dump);
            free(m.dump);
            free(text);
        }
    }
}
END_TEST

/* UTF-16 without a byte-order mark, and UTF-32, are not decoded: the
** caller refuses them (CSV_ENC_WIDE). */
START_TEST(test_wide_not_decoded)
{
    static const char u16[] = "a\0;\0b\0\n\0", u32[] = "\xFF\xFE\0\0a\0\0\0";
    CsvReader *r = csv_open_mem(u16, sizeof u16 - 1);
    ck_assert_int_eq(csv_encoding(r), CSV_ENC_WIDE);
    csv_close(r);
    r = csv_open_mem(u32, sizeof u32 - 1);
    ck_assert_int_eq(csv_encoding(r), CSV_ENC_WIDE);
    csv_close(r);
    FILE *f = file_with(u16, sizeof u16 - 1);
    r = csv_open(f);
    CsvField *fl;
    size_t n, line;
    ck_assert_int_eq(csv_next(r, &fl, &n, &line), CSV_RECORD);
    ck_assert_int_eq(csv_encoding(r), CSV_ENC_WIDE);
    ck_assert_uint_eq(fl[0].len, 2);   /* the bytes as they are */
    csv_close(r);
    fclose(f);
    ck_assert_str_eq(csv_encoding_name(CSV_ENC_CP1252), "Windows-1252");
}
END_TEST

Suite *make_csv_suite(void)
{
    Suite *s = suite_create("csv");
    add_loop(s, "parse", test_parse, 2 * N_ROWS(parse_rows), 0);
    add_loop(s, "big", test_big, 2 * N_ROWS(big_rows), 60);
    add_loop(s, "refill_sweep", test_refill_sweep, UNIT_LEN, 60);
    add_loop(s, "write_field", test_write_field, N_ROWS(write_rows), 0);
    add_loop(s, "write_round_trip", test_write_round_trip, N_ROWS(write_rows), 0);

    TCase *tc = tcase_create("reader");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_record_too_long);
    tcase_add_test(tc, test_read_error);
    tcase_add_test(tc, test_too_many_fields);
    tcase_add_test(tc, test_fields_of_one_record);
    tcase_add_test(tc, test_line_ends);
    tcase_add_loop_test(tc, test_lone_cr_random, 0, 25);
    tcase_add_test(tc, test_cp1252_all_bytes);
    tcase_add_test(tc, test_decode_faults);
    tcase_add_test(tc, test_encoding_boundary);
    tcase_add_test(tc, test_wide_not_decoded);
    suite_add_tcase(s, tc);
    add_loop(s, "encodings_round_trip", test_encodings_round_trip, 4, 120);
    return s;
}
