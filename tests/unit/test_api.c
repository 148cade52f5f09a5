/*
** test_api.c: the engine API of medel.h, as a host program uses it. Most
** tests are differential: what the API gives as data or writes as a report
** is compared with what the command line (medel_main, in process) prints for
** the same rule file and applications, byte for byte; the rest assert exact
** messages, verdicts and reasons, conservation to the öre for every rule
** file in rules/ with its bundled applications, and out-of-memory handling:
** the n-th allocation fails for n = 1, 2, … until the call succeeds, and every
** call before returns MEDEL_ENOMEM without crashing or (under ASan) leaking.
*/
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "arena.h"
#include "cli.h"
#include "medel.h"
#include "suites.h"

#define SRC MEDEL_SOURCE_DIR "/"
#define UMO_RULES SRC "rules/ungdomsmottagningar-2021.medel"
#define UMO_APPS SRC "examples/ansokningar-ungdomsmottagningar-2021.csv"
#define UMO_BAD SRC "examples/felaktiga-ansokningar-2021.csv"

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    char *b = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = 2 * (n + 4096 + 1);
            b = realloc(b, cap);
            ck_assert(b != NULL);
        }
        size_t got = fread(b + n, 1, 4096, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    b[n] = '\0';
    *len = n;
    return b;
}

/* A temporary folder of this process for the command line's output files. */
static const char *tmp_dir(void)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/medel-api-XXXXXX");
        ck_assert(mkdtemp(dir) != NULL);
    }
    return dir;
}

/* Runs `medel ARGS… -o FILE` in process; returns FILE's bytes (malloc'd)
** and the exit code in *rc. */
static char *cli(int *rc, size_t *len, const char *const *args)
{
    char out[128];
    snprintf(out, sizeof out, "%s/out-%d", tmp_dir(), (int)getpid());
    char *argv[32];
    int argc = 0;
    argv[argc++] = (char *)"medel";
    for (; *args; args++)
        argv[argc++] = (char *)(uintptr_t)*args;
    argv[argc++] = (char *)"-o";
    argv[argc++] = out;
    argv[argc] = NULL;
    FILE *devnull = fopen("/dev/null", "w");
    unlink(out);
    *rc = medel_main(argc, argv, stdout, devnull);
    fclose(devnull);
    if (access(out, F_OK) != 0) {
        *len = 0;
        return NULL;
    }
    char *b = slurp(out, len);
    unlink(out);
    return b;
}

/* What medel_main writes on standard error for ARGS (malloc'd). */
static char *cli_err(int *rc, const char *const *args)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = (char *)"medel";
    for (; *args; args++)
        argv[argc++] = (char *)(uintptr_t)*args;
    argv[argc] = NULL;
    char *buf;
    size_t len;
    FILE *err = open_memstream(&buf, &len);
    FILE *devnull = fopen("/dev/null", "w");
    *rc = medel_main(argc, argv, devnull, err);
    fclose(devnull);
    fclose(err);
    return buf;
}

static medel_program *load_ok(const char *path)
{
    medel_program *p;
    int rc = medel_program_load(path, NULL, &p);
    ck_assert_msg(rc == MEDEL_OK, "%s: %s", path, medel_status_text(rc));
    return p;
}

static medel_applications *read_ok(const medel_program *p, const char *path)
{
    medel_applications *s;
    int rc = medel_applications_read_file(p, path, NULL, &s);
    ck_assert_msg(rc == MEDEL_OK, "%s: %s", path, medel_status_text(rc));
    return s;
}

/* Everything an assessment says, as text, for comparing two readers. */
static char *assessment_text(const medel_program *p, const medel_applications *s, size_t i)
{
    medel_assessment *a;
    ck_assert_int_eq(medel_assess(s, i, &a), MEDEL_OK);
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    fprintf(f, "%s\n", medel_assessment_key(a));
    for (size_t k = 0; k < medel_program_pot_count(p); k++)
        fprintf(f, " pot %s: %d score %lld route %ld %s\n", medel_program_pot_name(p, k), (int)medel_assessment_verdict(a, k),
                (long long)medel_assessment_score(a, k), medel_assessment_route(a, k),
                medel_assessment_route_key(a, k) ? medel_assessment_route_key(a, k) : "-");
    for (size_t j = 0; j < medel_assessment_failure_count(a); j++) {
        const medel_failure *x = medel_assessment_failure(a, j);
        fprintf(f, " failed %s (%d) %s:%u:%u %s\n", x->criterion, (int)x->verdict, x->where.file, x->where.line,
                x->where.column, x->reason ? x->reason : "-");
    }
    for (size_t j = 0; j < medel_assessment_priority_count(a); j++)
        fprintf(f, " prio %s %lld\n", medel_assessment_priority_name(a, j), (long long)medel_assessment_priority_score(a, j));
    for (size_t j = 0; j < medel_program_field_count(p); j++)
        fprintf(f, " %s = %s\n", medel_program_field_name(p, j), medel_assessment_value(a, j) ? medel_assessment_value(a, j) : "(missing)");
    fprintf(f, " requested %lld\n", (long long)medel_assessment_requested(a));
    fclose(f);
    medel_assessment_free(a);
    return buf;
}

static void assert_same_assessments(const medel_program *p, const medel_applications *a, const medel_applications *b)
{
    ck_assert_uint_eq(medel_applications_count(a), medel_applications_count(b));
    ck_assert_uint_gt(medel_applications_count(a), 0);
    for (size_t i = 0; i < medel_applications_count(a); i++) {
        char *x = assessment_text(p, a, i), *y = assessment_text(p, b, i);
        ck_assert_str_eq(x, y);
        free(x);
        free(y);
    }
}

/* The cells of the ';'-separated record at *pos, with "quoted" cells that
** may hold ';' and line breaks (the example files' dialect), split in place;
** *pos moves to the next record. */
static size_t split_record(char **pos, char **cells, size_t max)
{
    size_t n = 0;
    char *w = *pos, *r = *pos;
    while (n < max) {
        cells[n++] = w;
        bool quoted = *r == '"';
        if (quoted)
            r++;
        for (;;) {
            if (quoted && r[0] == '"' && r[1] == '"') {
                *w++ = '"';
                r += 2;
            } else if (quoted && r[0] == '"') {
                quoted = false;
                r++;
            } else if (*r == '\0' || (!quoted && (*r == ';' || *r == '\n' || *r == '\r'))) {
                break;
            } else {
                *w++ = *r++;
            }
        }
        char c = *r;
        *w++ = '\0';
        if (c)
            r++;
        if (c != ';')
            break;
    }
    while (*r == '\r' || *r == '\n')
        r++;
    *pos = r;
    return n;
}

/* ---- diagnostics ---- */

START_TEST(diagnostics_as_data)
{
    static const char text[] = "överenskommelse \"Test 2021\" { år 2021 }\n"
                               "\n"
                               "ansökan {\n"
                               "    nyckel id: text\n"
                               "    sökt belopp: belopp\n"
                               "}\n"
                               "\n"
                               "pott p {\n"
                               "    belopp 10 MSEK\n"
                               "    tak 2 MSKE per ansökan\n"
                               "}\n";
    medel_program *p;
    ck_assert_int_eq(medel_program_load_text("test.medel", text, sizeof text - 1, NULL, &p), MEDEL_ERULES);
    ck_assert_int_eq(medel_program_status(p), MEDEL_ERULES);
    ck_assert_uint_eq(medel_program_diagnostic_count(p), 1);
    ck_assert_uint_eq(medel_program_error_count(p), 1);
    const medel_diagnostic *d = medel_program_diagnostic(p, 0);
    ck_assert_int_eq(d->severity, MEDEL_ERROR);
    ck_assert_str_eq(d->where.file, "test.medel");
    ck_assert_uint_eq(d->where.line, 10);
    ck_assert_uint_eq(d->where.column, 11);
    ck_assert_uint_eq(d->where.end_line, 10);
    ck_assert_uint_eq(d->where.end_column, 15);
    ck_assert_str_eq(d->message, "syntaxfel: oväntat 'MSKE'; om 'MSKE' är en enhet, skriv kr, kronor, tkr, "
                                 "MSEK eller miljoner kronor");
    ck_assert_ptr_null(medel_program_diagnostic(p, 1));
    ck_assert_ptr_null(medel_program_name(p));   /* not usable */
    medel_applications *s;
    ck_assert_int_eq(medel_applications_new(p, "x", &s), MEDEL_EINVAL);
    ck_assert_ptr_null(s);
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_int_eq(medel_program_render_diagnostics(p, f), MEDEL_OK);
    fclose(f);
    ck_assert_str_eq(buf, "test.medel:10:11: error: syntaxfel: oväntat 'MSKE'; om 'MSKE' är en enhet, skriv kr, "
                          "kronor, tkr, MSEK eller miljoner kronor\n"
                          "   10 |     tak 2 MSKE per ansökan\n"
                          "      |           ^~~~\n"
                          "test.medel: 1 fel; rätta regelfilen först\n");
    free(buf);
    medel_program_free(p);
}
END_TEST

/* Every broken rule file of the golden corpus: the rendering is what
** `medel check` writes on standard error, and each diagnostic's location and
** message as data are the ones the rendering shows. */
START_TEST(diagnostics_like_cli)
{
    DIR *dir = opendir(SRC "tests/golden/errors");
    ck_assert(dir != NULL);
    struct dirent *e;
    size_t n_files = 0;
    while ((e = readdir(dir))) {
        size_t nl = strlen(e->d_name);
        if (nl < 7 || strcmp(e->d_name + nl - 6, ".medel"))
            continue;
        char path[512];
        snprintf(path, sizeof path, SRC "tests/golden/errors/%s", e->d_name);
        medel_program *p;
        int rc = medel_program_load(path, NULL, &p);
        ck_assert_msg(rc == MEDEL_ERULES || rc == MEDEL_ENOINPUT, "%s: %d", path, rc);
        char *buf;
        size_t len;
        FILE *f = open_memstream(&buf, &len);
        ck_assert_int_eq(medel_program_render_diagnostics(p, f), MEDEL_OK);
        fclose(f);
        int cli_rc;
        char *want = cli_err(&cli_rc, (const char *const[]){"check", path, UMO_APPS, NULL});
        ck_assert_msg(cli_rc == (rc == MEDEL_ERULES ? 65 : 66), "%s: exit %d", path, cli_rc);
        ck_assert_msg(!strcmp(buf, want), "%s:\nAPI:\n%s\nCLI:\n%s", path, buf, want);
        for (size_t i = 0; i < medel_program_diagnostic_count(p) && i < 50; i++) {
            const medel_diagnostic *d = medel_program_diagnostic(p, i);
            char head[2048];
            if (d->where.file)
                snprintf(head, sizeof head, "%s:%u:%u: %s: %s\n", d->where.file, d->where.line, d->where.column,
                         d->severity == MEDEL_ERROR ? "error" : "warning", d->message);
            else
                snprintf(head, sizeof head, "%s\n", d->message);
            ck_assert_msg(strstr(buf, head) != NULL, "%s: '%s' is not in the rendering", path, head);
            for (size_t k = 0; k < d->n_notes; k++)
                ck_assert(d->notes[k].message != NULL);
        }
        free(buf);
        free(want);
        medel_program_free(p);
        n_files++;
    }
    closedir(dir);
    ck_assert_uint_gt(n_files, 20);
}
END_TEST

/* A data table with a bad cell: the problem is a diagnostic with no
** location whose message is the reader's line, rendered as check does. */
START_TEST(table_errors_as_data)
{
    char rules[256], data[256];
    snprintf(rules, sizeof rules, "%s/t-%d.medel", tmp_dir(), (int)getpid());
    snprintf(data, sizeof data, "%s/t-%d.csv", tmp_dir(), (int)getpid());
    FILE *f = fopen(data, "w");
    fputs("kommun,antal\nNacka,12\nSolna,tolv\n", f);
    fclose(f);
    f = fopen(rules, "w");
    fprintf(f, "överenskommelse \"T 2021\" { år 2021 }\n"
               "tabell t från \"t-%d.csv\" {\n    nyckel kommun: text \"kommun\"\n    antal: heltal \"antal\"\n}\n"
               "ansökan {\n    nyckel id: text\n    sökt belopp: belopp\n}\n"
               "pott p {\n    belopp 10 MSEK\n}\n", (int)getpid());
    fclose(f);
    medel_program *p;
    ck_assert_int_eq(medel_program_load(rules, NULL, &p), MEDEL_ERULES);
    ck_assert_uint_eq(medel_program_error_count(p), 1);
    const medel_diagnostic *d = medel_program_diagnostic(p, 0);
    ck_assert_ptr_null(d->where.file);
    char want_msg[512];
    snprintf(want_msg, sizeof want_msg, "%s:3:2: error: kolumn 'antal': 'tolv' är inget heltal", data);
    ck_assert_str_eq(d->message, want_msg);
    char *buf;
    size_t len;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_int_eq(medel_program_render_diagnostics(p, out), MEDEL_OK);
    fclose(out);
    int rc;
    char *want = cli_err(&rc, (const char *const[]){"check", rules, UMO_APPS, NULL});
    ck_assert_int_eq(rc, 65);
    ck_assert_str_eq(buf, want);
    free(buf);
    free(want);
    medel_program_free(p);
    unlink(rules);
    unlink(data);
}
END_TEST

START_TEST(missing_rule_file)
{
    medel_program *p;
    ck_assert_int_eq(medel_program_load(SRC "no/such.medel", NULL, &p), MEDEL_ENOINPUT);
    ck_assert_uint_eq(medel_program_error_count(p), 1);
    ck_assert(strstr(medel_program_diagnostic(p, 0)->message, "finns inte") != NULL);
    medel_program_free(p);
    ck_assert_int_eq(medel_program_load(NULL, NULL, &p), MEDEL_EINVAL);
    ck_assert_ptr_null(p);
}
END_TEST

/* ---- readers ---- */

START_TEST(readers_agree)
{
    medel_program *p = load_ok(UMO_RULES);
    ck_assert_str_eq(medel_program_name(p), "Ungdomsmottagningar i Stockholms län 2021");
    medel_applications *file = read_ok(p, UMO_APPS), *stream, *mem, *pairs;
    FILE *in = fopen(UMO_APPS, "rb");
    ck_assert_int_eq(medel_applications_read_stream(p, in, UMO_APPS, "csv", &stream), MEDEL_OK);
    ck_assert(!feof(in) || fgetc(in) == EOF);   /* read to its end, and still open */
    fclose(in);
    size_t len;
    char *bytes = slurp(UMO_APPS, &len);
    ck_assert_int_eq(medel_applications_read_memory(p, bytes, len, "apps.csv", NULL, &mem), MEDEL_OK);
    /* Pairs: the file's header names the columns, each row gives the cells. */
    ck_assert_int_eq(medel_applications_new(p, "pairs", &pairs), MEDEL_OK);
    char *pos = bytes + 3;   /* after the BOM */
    char *header[32];
    size_t nh = split_record(&pos, header, 32);
    while (*pos) {
        char *cells[32];
        size_t nc = split_record(&pos, cells, 32);
        ck_assert_uint_eq(nc, nh);
        ck_assert_int_eq(medel_applications_add(pairs, (const char *const *)header, (const char *const *)cells, nc), MEDEL_OK);
    }
    medel_counts c = medel_applications_counts(file);
    ck_assert_uint_eq(c.read, 57);
    ck_assert_uint_eq(c.valid, 57);
    ck_assert_uint_eq(c.rejected, 0);
    ck_assert_int_eq(c.complete, 1);
    medel_counts cp = medel_applications_counts(pairs);
    ck_assert_uint_eq(cp.read, 57);
    ck_assert_uint_eq(cp.valid, 57);
    assert_same_assessments(p, file, stream);
    assert_same_assessments(p, file, mem);
    assert_same_assessments(p, file, pairs);
    ck_assert_int_eq(medel_applications_find(pairs, "UMO-2021-014"), 13);
    ck_assert_int_eq(medel_applications_find(pairs, "UMO-2021-999"), -1);
    free(bytes);
    medel_applications_free(file);
    medel_applications_free(stream);
    medel_applications_free(mem);
    medel_applications_free(pairs);
    medel_program_free(p);
}
END_TEST

/* The JSON and the CSV file of the same applications assess alike. */
START_TEST(json_and_csv_agree)
{
    medel_program *p = load_ok(SRC "rules/region-stockholm-2021-2022.medel");
    medel_applications *csv = read_ok(p, SRC "examples/ansokningar-region-stockholm-2021-2022.csv");
    medel_applications *json = read_ok(p, SRC "examples/ansokningar-region-stockholm-2021-2022.json");
    assert_same_assessments(p, csv, json);
    medel_applications *bad;
    ck_assert_int_eq(medel_applications_read_memory(p, "[]", 2, "x.json", "yaml", &bad), MEDEL_EINVAL);
    ck_assert_ptr_null(bad);
    medel_applications_free(csv);
    medel_applications_free(json);
    medel_program_free(p);
}
END_TEST

/* Rejected rows as data: row, column, message and key; the texts are the
** lines `medel check` writes on standard error. */
START_TEST(rejected_rows)
{
    medel_program *p = load_ok(UMO_RULES);
    medel_applications *s;
    ck_assert_int_eq(medel_applications_read_file(p, UMO_BAD, NULL, &s), MEDEL_EAPPS);
    medel_counts c = medel_applications_counts(s);
    ck_assert_uint_eq(c.read, 6);
    ck_assert_uint_eq(c.valid, 1);
    ck_assert_uint_eq(c.rejected, 5);
    ck_assert_int_eq(c.complete, 1);
    ck_assert_uint_eq(medel_applications_count(s), 1);
    ck_assert_uint_eq(medel_applications_problem_count(s), 5);
    const medel_problem *x = medel_applications_problem(s, 0);
    ck_assert_int_eq(x->severity, MEDEL_ERROR);
    ck_assert_uint_eq(x->row, 3);
    ck_assert_str_eq(x->key, "UMO-2021-902");
    ck_assert_str_eq(x->column, "Sökt belopp");
    ck_assert_str_eq(x->message, "'1,5,0' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK");
    x = medel_applications_problem(s, 3);
    ck_assert_uint_eq(x->row, 6);
    ck_assert_ptr_null(x->key);
    ck_assert_str_eq(x->column, "Diarienummer");
    ck_assert_str_eq(x->message, "kolumn 'Diarienummer' är tom; varje ansökan behöver den");
    x = medel_applications_problem(s, 4);
    ck_assert_uint_eq(x->row, 7);
    ck_assert_ptr_null(x->column);
    ck_assert_str_eq(x->message, "Diarienummer 'UMO-2021-901' används två gånger (första gången på rad 2)");
    int rc;
    char *err = cli_err(&rc, (const char *const[]){"check", UMO_RULES, UMO_BAD, NULL});
    ck_assert_int_eq(rc, 67);
    for (size_t i = 0; i < medel_applications_problem_count(s); i++) {
        char line[1024];
        snprintf(line, sizeof line, "%s\n", medel_applications_problem(s, i)->text);
        ck_assert_msg(strstr(err, line) != NULL, "'%s' is not what check says", line);
    }
    free(err);
    medel_applications_free(s);
    /* One bad row in memory, and pairs with the same mistake. */
    static const char csv[] = "Diarienummer;Projektnamn;Sökande;Sökandetyp;Sökt pott;Kommun;Ungdomsmottagning;Sökt belopp;"
                              "Målgrupp (ålder);Fokusområden;Insatser;Länsövergripande;Beskrivning\n"
                              "A-1;P;X;kommun;kommunerna;Nacka;U;12 kronor och 5;13-22;digital;kurator;nej;B\n";
    ck_assert_int_eq(medel_applications_read_memory(p, csv, sizeof csv - 1, "mem.csv", "csv", &s), MEDEL_EAPPS);
    ck_assert_uint_eq(medel_applications_problem_count(s), 1);
    x = medel_applications_problem(s, 0);
    ck_assert_uint_eq(x->row, 2);
    ck_assert_str_eq(x->column, "Sökt belopp");
    ck_assert_str_eq(x->key, "A-1");
    char *cell_msg = strdup(x->message);
    medel_applications_free(s);
    ck_assert_int_eq(medel_applications_new(p, "form", &s), MEDEL_OK);
    const char *f[] = {"Diarienummer", "Sökt belopp", "titel", "sökande"}, *v[] = {"A-1", "12 kronor och 5", "P", "X"};
    ck_assert_int_eq(medel_applications_add(s, f, v, 4), MEDEL_EAPPS);
    x = medel_applications_problem(s, 0);
    ck_assert_uint_eq(x->row, 1);
    ck_assert_str_eq(x->column, "Sökt belopp");
    ck_assert_str_eq(x->message, cell_msg);   /* the same conversion as the file's */
    ck_assert_str_eq(x->text, "form: post 1: fält 'Sökt belopp': '12 kronor och 5' är inget belopp: okänd enhet 'kronor och 5'");
    const char *f2[] = {"Diarienummer", "nosuch"};
    ck_assert_int_eq(medel_applications_add(s, f2, v, 2), MEDEL_EINVAL);
    const char *f3[] = {"Diarienummer", "Diarienummer"};
    ck_assert_int_eq(medel_applications_add(s, f3, v, 2), MEDEL_EINVAL);
    medel_counts cc = medel_applications_counts(s);
    ck_assert_uint_eq(cc.read, 1);
    ck_assert_uint_eq(cc.rejected, 1);
    free(cell_msg);
    medel_applications_free(s);
    /* A file that cannot be read. */
    ck_assert_int_eq(medel_applications_read_file(p, SRC "no/such.csv", NULL, &s), MEDEL_ENOINPUT);
    ck_assert_str_eq(medel_applications_problem(s, 0)->message, "kan inte läsa ansökningarna: filen eller mappen finns inte");
    medel_applications_free(s);
    medel_program_free(p);
}
END_TEST

/* ---- assessment ---- */

START_TEST(known_verdicts)
{
    medel_program *p = load_ok(UMO_RULES);
    medel_applications *s = read_ok(p, UMO_APPS);
    size_t kommunerna = 1;
    ck_assert_str_eq(medel_program_pot_name(p, kommunerna), "kommunerna");
    ck_assert(!medel_program_pot_takes_applications(p, 0));
    medel_assessment *a;
    ck_assert_int_eq(medel_assess(s, (size_t)medel_applications_find(s, "UMO-2021-001"), &a), MEDEL_OK);
    ck_assert_int_eq(medel_assessment_verdict(a, kommunerna), MEDEL_ELIGIBLE);
    ck_assert_str_eq(medel_assessment_route_key(a, kommunerna), "Botkyrka");
    ck_assert_int_eq(medel_assessment_requested(a), 45000000);
    ck_assert_str_eq(medel_assessment_value(a, 0), "UMO-2021-001");
    ck_assert_uint_eq(medel_assessment_failure_count(a), 0);
    ck_assert_int_eq(medel_assessment_verdict(a, 0), MEDEL_NOT_APPLICABLE);   /* takes no applications */
    medel_assessment_free(a);

    ck_assert_int_eq(medel_assess(s, (size_t)medel_applications_find(s, "UMO-2021-014"), &a), MEDEL_OK);
    ck_assert_int_eq(medel_assessment_verdict(a, kommunerna), MEDEL_NOT_ELIGIBLE);
    ck_assert_uint_eq(medel_assessment_failure_count(a), 1);
    const medel_failure *x = medel_assessment_failure(a, 0);
    ck_assert_str_eq(x->criterion, "barnmorska_och_läkare_är_regionens");
    ck_assert_str_eq(x->reason, "Barnmorske- och läkarinsatser på ungdomsmottagningen är regionens ansvar; en kommun kan "
                                "inte söka för dem.");
    ck_assert_int_eq(x->verdict, MEDEL_NOT_ELIGIBLE);
    ck_assert_str_eq(x->where.file, UMO_RULES);
    ck_assert_uint_eq(x->where.line, 109);
    ck_assert_uint_eq(x->where.column, 9);
    ck_assert(medel_assessment_failure_applies(a, 0, kommunerna));
    medel_assessment_free(a);

    ck_assert_int_eq(medel_assess(s, (size_t)medel_applications_find(s, "UMO-2021-023"), &a), MEDEL_OK);
    ck_assert_int_eq(medel_assessment_verdict(a, kommunerna), MEDEL_MANUAL);
    ck_assert_str_eq(medel_assessment_failure(a, 0)->criterion, "målgrupp");
    ck_assert_int_eq(medel_assessment_failure(a, 0)->verdict, MEDEL_MANUAL);
    ck_assert_str_eq(medel_assessment_failure(a, 0)->reason,
                     "Projektet ska rikta sig till ungdomsmottagningarnas målgrupp, ungdomar 12–22 år.");
    ck_assert_ptr_null(medel_assessment_value(a, 8));   /* målgrupp is missing */
    medel_assessment_free(a);

    ck_assert_int_eq(medel_assess(s, (size_t)medel_applications_find(s, "UMO-2021-029"), &a), MEDEL_OK);
    ck_assert_int_eq(medel_assessment_verdict(a, kommunerna), MEDEL_MANUAL);   /* sökt_pott missing: 'ansökningar där' undecided */
    medel_assessment_free(a);
    ck_assert_int_eq(medel_assess(s, 57, &a), MEDEL_EINVAL);
    ck_assert_ptr_null(a);
    medel_applications_free(s);
    medel_program_free(p);
}
END_TEST

/* A scenario of the rule file, by name: its amounts are the ones allocated,
** and an unknown name is an error of the load. */
START_TEST(scenario_option)
{
    size_t len;
    char *rules = slurp(UMO_RULES, &len);
    static const char scen[] = "\nscenario fyrtio_miljoner \"Potten höjs till 40 MSEK\" {\n"
                               "    ändra pott ungdomsmottagningar {\n        belopp 40 MSEK\n    }\n}\n";
    rules = realloc(rules, len + sizeof scen);
    memcpy(rules + len, scen, sizeof scen);
    medel_load_options opt = {.scenario = "fyrtio_miljoner"};
    medel_program *p;
    ck_assert_int_eq(medel_program_load_text(UMO_RULES, rules, len + sizeof scen - 1, &opt, &p), MEDEL_OK);
    medel_applications *s = read_ok(p, UMO_APPS);
    medel_allocation *al;
    ck_assert_int_eq(medel_allocation_run(s, &al, NULL, 0), MEDEL_OK);
    ck_assert_int_eq(medel_allocation_total(al), 4000000000);
    ck_assert_int_eq(medel_allocation_pot(al, 0)->amount, 4000000000);
    medel_allocation_free(al);
    medel_applications_free(s);
    medel_program_free(p);
    opt.scenario = "nosuch";
    ck_assert_int_eq(medel_program_load_text(UMO_RULES, rules, len + sizeof scen - 1, &opt, &p), MEDEL_ERULES);
    ck_assert_ptr_nonnull(strstr(medel_program_diagnostic(p, 0)->message, "nosuch"));
    medel_program_free(p);
    free(rules);
}
END_TEST

/* ---- allocation: conservation for every rule file and its applications ---- */

static void check_conservation(const char *rules, const char *apps)
{
    medel_program *p = load_ok(rules);
    medel_applications *s = read_ok(p, apps);
    medel_allocation *al;
    char msg[256];
    ck_assert_int_eq(medel_allocation_run(s, &al, msg, sizeof msg), MEDEL_OK);
    size_t n = medel_allocation_pot_count(al);
    ck_assert_uint_gt(n, 0);
    int64_t total = 0, unallocated = 0, granted = 0, to_apps = 0, returned = 0, moved_in = 0, moved_out = 0;
    int64_t *by_pot = calloc(n, sizeof *by_pot);
    for (size_t i = 0; i < medel_allocation_grant_count(al); i++) {
        const medel_grant *g = medel_allocation_grant(al, i);
        ck_assert_uint_lt(g->pot, n);
        ck_assert_int_ge(g->amount, 0);
        by_pot[g->pot] += g->amount;
        granted += g->amount;
        if (g->application >= 0) {
            ck_assert_str_eq(g->key, medel_applications_key(s, (size_t)g->application));
            to_apps += g->amount;
        }
        if (g->status != MEDEL_GRANT_FULL && g->status != MEDEL_GRANT_PARTIAL && g->status != MEDEL_GRANT_PAYOUT)
            ck_assert_int_eq(g->amount, 0);
    }
    for (size_t i = 0; i < n; i++) {
        const medel_pot *q = medel_allocation_pot(al, i);
        ck_assert_msg(q->amount + q->moved_in == q->to_children + q->granted + q->moved_out + q->returned + q->unallocated,
                      "%s: %s does not conserve", rules, q->name);
        if (q->moved_out) {
            ck_assert_int_ge(q->moved_to, 0);
            ck_assert_uint_lt((size_t)q->moved_to, n);
        }
        if (q->has_parts)
            ck_assert_int_eq(q->split_base + q->split_share, q->amount);
        ck_assert_msg(by_pot[i] == q->granted, "%s: the grants of %s add up to %lld, not %lld", rules, q->name,
                      (long long)by_pot[i], (long long)q->granted);
        int64_t kids = 0;
        for (size_t k = 0; k < q->n_children; k++) {
            const medel_pot *c = medel_allocation_pot(al, q->children[k]);
            ck_assert_int_eq(c->parent, (long)i);
            kids += c->amount;
        }
        ck_assert_msg(kids == q->to_children, "%s: the children of %s get %lld, not %lld", rules, q->name,
                      (long long)kids, (long long)q->to_children);
        if (q->parent < 0)
            total += q->amount;
        else
            ck_assert_uint_lt((size_t)q->parent, i);   /* pre-order */
        if (q->key) {
            ck_assert_ptr_nonnull(strchr(q->name, '/'));
            ck_assert_str_eq(strrchr(q->name, '/') + 1, q->key);
        }
        unallocated += q->unallocated;
        returned += q->returned;
        moved_in += q->moved_in;
        moved_out += q->moved_out;
    }
    ck_assert_int_eq(total, medel_allocation_total(al));
    ck_assert_int_eq(granted, medel_allocation_granted(al));
    ck_assert_int_eq(unallocated, medel_allocation_unallocated(al));
    ck_assert_int_eq(returned, medel_allocation_returned(al));
    ck_assert_int_eq(moved_in, moved_out);   /* what moves between pots stays in the allocation */
    ck_assert_int_eq(total, granted + returned + unallocated);
    int64_t per_app = 0;
    for (size_t i = 0; i < medel_applications_count(s); i++)
        per_app += medel_allocation_granted_to(al, i);
    ck_assert_int_eq(per_app, to_apps);
    free(by_pot);
    medel_allocation_free(al);
    medel_applications_free(s);
    medel_program_free(p);
}

START_TEST(conservation_every_rule_file)
{
    DIR *dir = opendir(SRC "rules");
    ck_assert(dir != NULL);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(dir))) {
        size_t nl = strlen(e->d_name);
        if (nl < 7 || strcmp(e->d_name + nl - 6, ".medel") || strstr(e->d_name, ".test.medel"))
            continue;
        char rules[512], apps[512];
        snprintf(rules, sizeof rules, SRC "rules/%s", e->d_name);
        snprintf(apps, sizeof apps, SRC "examples/ansokningar-%.*s.csv", (int)(nl - 6), e->d_name);
        ck_assert_msg(access(apps, R_OK) == 0, "%s has no bundled applications %s", rules, apps);
        check_conservation(rules, apps);
        snprintf(apps, sizeof apps, SRC "examples/ansokningar-%.*s.json", (int)(nl - 6), e->d_name);
        if (access(apps, R_OK) == 0)
            check_conservation(rules, apps);
        n++;
    }
    closedir(dir);
    ck_assert_uint_ge(n, 4);
}
END_TEST

START_TEST(allocation_known_amounts)
{
    medel_program *p = load_ok(UMO_RULES);
    medel_applications *s = read_ok(p, UMO_APPS);
    medel_allocation *al;
    ck_assert_int_eq(medel_allocation_run(s, &al, NULL, 0), MEDEL_OK);
    const medel_pot *top = medel_allocation_pot(al, 0);
    ck_assert_str_eq(top->name, "ungdomsmottagningar");
    ck_assert_int_eq(top->amount, 3500000000);
    ck_assert_int_eq(top->parent, -1);
    ck_assert_uint_eq(top->n_children, 3);
    const medel_pot *k = medel_allocation_pot(al, top->children[0]);
    ck_assert_str_eq(k->name, "kommunerna");
    ck_assert_uint_eq(k->n_children, 26);
    bool seen = false;
    for (size_t i = 0; i < k->n_children; i++) {
        const medel_pot *sub = medel_allocation_pot(al, k->children[i]);
        if (strcmp(sub->key, "Botkyrka"))
            continue;
        seen = true;
        ck_assert_int_eq(sub->amount, 68224000);
        ck_assert_int_eq(sub->granted, 68224000);
        ck_assert_uint_eq(sub->n_funded, 2);
    }
    ck_assert(seen);
    ck_assert_int_eq(medel_allocation_granted(al), 2817270900);
    ck_assert_int_eq(medel_allocation_granted_to(al, (size_t)medel_applications_find(s, "UMO-2021-030")), 30000000);
    medel_allocation_free(al);
    medel_applications_free(s);
    medel_program_free(p);
}
END_TEST

/* Issue 17 through the public API alone: money a pot leaves moving to
** another (kvar flyttas till), a second round with its deadline, money
** paid back (kvar återbetalas) and a split with grundbelopp, tak and a
** recipient of weight 0, in a program small enough to work out by hand:
**   delad 600 000 kr over X 3000, Y 1000, Z 0 with grundbelopp 100 000 kr
**   and tak 350 000 kr: X 100 000 + 250 000 (capped; 350 000 would be its
**   share uncapped: 100 000 + 3/4 of 400 000 = 400 000), Y 100 000 + 150 000,
**   Z nothing (weight 0). A1 (X) gets its 350 000, A2 (Y) its 50 000; Y's
**   200 000 moves to mottagare (400 000 kr, the rest), which funds B1 with
**   500 000 and cannot fit B2's 300 000 in the 100 000 left: that moves to
**   the second round, which gives B2 its cap 50 000 and returns 50 000. */
static const char API17_RULES[] =
    "överenskommelse \"API 17\" { år 2021 }\n"
    "tabell kommuner från \"api17_kommuner.csv\" {\n"
    "    nyckel kommun: text \"Kommun\"\n"
    "    invånare: heltal \"Invånare\"\n"
    "}\n"
    "ansökan {\n"
    "    nyckel id: text \"Id\"\n"
    "    kommun: nyckel i kommuner \"Kommun\"\n"
    "    spår: en av a | b \"Spår\"\n"
    "    sökt belopp: belopp \"Belopp\"\n"
    "}\n"
    "pott total \"Totalt\" {\n"
    "    belopp 1 000 000 kr\n"
    "    pott delad \"Delad\" {\n"
    "        belopp 600 000 kr\n"
    "        fördela per kommun efter kommuner.invånare {\n"
    "            grundbelopp 100 000 kr\n"
    "            tak 350 000 kr\n"
    "            avrundning 1 kr\n"
    "        }\n"
    "        tilldelning proportionell\n"
    "        ansökningar där spår är a\n"
    "        kvar flyttas till mottagare\n"
    "    }\n"
    "    pott mottagare \"Mottagare\" {\n"
    "        belopp resten\n"
    "        tilldelning rangordning sista hoppa_över\n"
    "        ansökningar där spår är b\n"
    "        andra omgång \"Andra omgången\" {\n"
    "            sista_ansökningsdag \"30 november 2021\"\n"
    "            ansökningar där spår i {a, b}\n"
    "            tilldelning rangordning sista delvis\n"
    "            tak 50 000 kr per ansökan\n"
    "            kvar återbetalas\n"
    "        }\n"
    "    }\n"
    "}\n";

static const medel_pot *pot_named(const medel_allocation *al, const char *name, long *index)
{
    for (size_t i = 0; i < medel_allocation_pot_count(al); i++) {
        const medel_pot *q = medel_allocation_pot(al, i);
        if (!strcmp(q->name, name)) {
            *index = (long)i;
            return q;
        }
    }
    ck_abort_msg("no pot %s", name);
    return NULL;
}

/* amount + moved_in == to_children + granted + moved_out + returned + unallocated */
static void assert_pot_conserves(const medel_pot *q)
{
    ck_assert_msg(q->amount + q->moved_in == q->to_children + q->granted + q->moved_out + q->returned + q->unallocated,
                  "%s does not conserve", q->name);
}

START_TEST(leftover_round_and_split_parts)
{
    char rules[128], table[128];
    snprintf(rules, sizeof rules, "%s/api17.medel", tmp_dir());
    snprintf(table, sizeof table, "%s/api17_kommuner.csv", tmp_dir());
    FILE *f = fopen(table, "w");
    ck_assert(f != NULL);
    fputs("Kommun;Invånare\nX;3000\nY;1000\nZ;0\n", f);
    ck_assert_int_eq(fclose(f), 0);
    medel_program *p;
    ck_assert_int_eq(medel_program_load_text(rules, API17_RULES, sizeof API17_RULES - 1, NULL, &p), MEDEL_OK);
    medel_applications *s;
    ck_assert_int_eq(medel_applications_new(p, "api17", &s), MEDEL_OK);
    static const char *const fields[] = {"Id", "Kommun", "Spår", "Belopp"};   /* the column headers */
    static const char *const apps[4][4] = {{"A1", "X", "a", "350 000 kr"},
                                           {"A2", "Y", "a", "50 000 kr"},
                                           {"B1", NULL, "b", "500 000 kr"},
                                           {"B2", NULL, "b", "300 000 kr"}};
    for (size_t i = 0; i < 4; i++)
        ck_assert_int_eq(medel_applications_add(s, fields, apps[i], 4), MEDEL_OK);
    medel_allocation *al;
    char msg[256];
    ck_assert_int_eq(medel_allocation_run(s, &al, msg, sizeof msg), MEDEL_OK);

    long i_total, i_delad, i_x, i_y, i_z, i_mot, i_round;
    const medel_pot *total = pot_named(al, "total", &i_total);
    const medel_pot *delad = pot_named(al, "delad", &i_delad);
    const medel_pot *x = pot_named(al, "delad/X", &i_x);
    const medel_pot *y = pot_named(al, "delad/Y", &i_y);
    const medel_pot *z = pot_named(al, "delad/Z", &i_z);
    const medel_pot *mot = pot_named(al, "mottagare", &i_mot);
    const medel_pot *round = pot_named(al, "mottagare/andra_omgången", &i_round);
    ck_assert_uint_eq(medel_allocation_pot_count(al), 7);

    /* The tree: the second round is nobody's child and comes right after its pot. */
    ck_assert_int_eq(total->parent, -1);
    ck_assert_uint_eq(total->n_children, 2);
    ck_assert_uint_eq(total->children[0], (size_t)i_delad);
    ck_assert_uint_eq(total->children[1], (size_t)i_mot);
    ck_assert_int_eq(round->parent, -1);
    ck_assert_uint_eq(round->n_children, 0);
    ck_assert_int_eq(i_round, i_mot + 1);
    ck_assert_int_eq(total->amount, 100000000);
    ck_assert_int_eq(total->to_children, 100000000);

    /* The split's parts: grundbelopp + share, the cap, the excluded. */
    ck_assert_int_eq(delad->amount, 60000000);
    ck_assert_int_eq(delad->to_children, 60000000);
    ck_assert_int_eq(delad->has_parts, 0);
    ck_assert_int_eq(x->has_parts, 1);
    ck_assert_int_eq(x->amount, 35000000);
    ck_assert_int_eq(x->split_base, 10000000);
    ck_assert_int_eq(x->split_share, 25000000);
    ck_assert_uint_eq(x->split_flags, MEDEL_SPLIT_CAPPED);
    ck_assert_int_eq(y->has_parts, 1);
    ck_assert_int_eq(y->amount, 25000000);
    ck_assert_int_eq(y->split_base, 10000000);
    ck_assert_int_eq(y->split_share, 15000000);
    ck_assert_uint_eq(y->split_flags, 0);
    ck_assert_int_eq(z->has_parts, 1);
    ck_assert_int_eq(z->amount, 0);
    ck_assert_int_eq(z->split_base, 0);
    ck_assert_int_eq(z->split_share, 0);
    ck_assert_uint_eq(z->split_flags, MEDEL_SPLIT_EXCLUDED);
    ck_assert_int_eq(total->has_parts, 0);
    ck_assert_int_eq(mot->has_parts, 0);

    /* kvar flyttas till: each sub-pot's leftover moves, the split pot's own is none. */
    ck_assert_int_eq(delad->leftover, MEDEL_LEFTOVER_MOVES);
    ck_assert_int_eq(delad->moved_out, 0);
    ck_assert_int_eq(delad->moved_to, -1);
    ck_assert_int_eq(x->granted, 35000000);
    ck_assert_int_eq(x->moved_out, 0);
    ck_assert_int_eq(x->moved_to, -1);
    ck_assert_int_eq(x->leftover, MEDEL_LEFTOVER_MOVES);
    ck_assert_int_eq(y->granted, 5000000);
    ck_assert_int_eq(y->moved_out, 20000000);
    ck_assert_int_eq(y->moved_to, i_mot);
    ck_assert_int_eq(y->unallocated, 0);
    ck_assert_int_eq(z->moved_out, 0);

    /* The receiver, and its second round. */
    ck_assert_int_eq(mot->amount, 40000000);
    ck_assert_int_eq(mot->moved_in, 20000000);
    ck_assert_int_eq(mot->granted, 50000000);
    ck_assert_int_eq(mot->moved_out, 10000000);
    ck_assert_int_eq(mot->moved_to, i_round);
    ck_assert_int_eq(mot->leftover, MEDEL_LEFTOVER_MOVES);   /* a second round takes it */
    ck_assert_int_eq(mot->round, i_round);
    ck_assert_int_eq(mot->round_of, -1);
    ck_assert_ptr_null(mot->deadline);
    ck_assert_uint_eq(mot->n_considered, 2);
    ck_assert_uint_eq(mot->n_funded, 1);
    ck_assert_int_eq(round->amount, 0);
    ck_assert_int_eq(round->moved_in, 10000000);
    ck_assert_int_eq(round->granted, 5000000);
    ck_assert_int_eq(round->returned, 5000000);
    ck_assert_int_eq(round->moved_out, 0);
    ck_assert_int_eq(round->moved_to, -1);
    ck_assert_int_eq(round->unallocated, 0);
    ck_assert_int_eq(round->leftover, MEDEL_LEFTOVER_RETURNED);
    ck_assert_int_eq(round->round, -1);
    ck_assert_int_eq(round->round_of, i_mot);
    ck_assert_str_eq(round->deadline, "30 november 2021");
    ck_assert_uint_eq(round->n_funded, 1);
    ck_assert_int_eq(total->leftover, MEDEL_LEFTOVER_STAYS);
    ck_assert_int_eq(total->round, -1);
    ck_assert_int_eq(total->round_of, -1);
    ck_assert_ptr_null(total->deadline);
    ck_assert_int_eq(total->moved_in + total->moved_out + total->returned, 0);

    /* The grants: B2 twice, not reached in mottagare, then capped in the round. */
    long b2 = medel_applications_find(s, "B2");
    ck_assert_int_ge(b2, 0);
    int seen = 0;
    for (size_t i = 0; i < medel_allocation_grant_count(al); i++) {
        const medel_grant *g = medel_allocation_grant(al, i);
        if (g->application != b2)
            continue;
        if (g->pot == (size_t)i_mot) {
            ck_assert_int_eq(g->status, MEDEL_GRANT_NOT_REACHED);
            ck_assert_int_eq(g->amount, 0);
            seen |= 1;
        } else {
            ck_assert_uint_eq(g->pot, (size_t)i_round);
            ck_assert_int_eq(g->amount, 5000000);
            ck_assert_int_eq(g->wanted, 5000000);
            seen |= 2;
        }
    }
    ck_assert_int_eq(seen, 3);
    ck_assert_int_eq(medel_allocation_granted_to(al, (size_t)b2), 5000000);

    /* Conservation, per entry and over the whole. */
    int64_t in = 0, out = 0, top = 0;
    for (size_t i = 0; i < medel_allocation_pot_count(al); i++) {
        const medel_pot *q = medel_allocation_pot(al, i);
        assert_pot_conserves(q);
        in += q->moved_in;
        out += q->moved_out;
        if (q->parent < 0)
            top += q->amount;
    }
    ck_assert_int_eq(in, 30000000);
    ck_assert_int_eq(out, 30000000);
    ck_assert_int_eq(top, 100000000);
    ck_assert_int_eq(medel_allocation_total(al), 100000000);
    ck_assert_int_eq(medel_allocation_granted(al), 95000000);
    ck_assert_int_eq(medel_allocation_returned(al), 5000000);
    ck_assert_int_eq(medel_allocation_unallocated(al), 0);
    ck_assert_int_eq(medel_allocation_total(al),
                     medel_allocation_granted(al) + medel_allocation_returned(al) + medel_allocation_unallocated(al));
    ck_assert_int_eq(medel_allocation_returned(NULL), 0);

    medel_allocation_free(al);
    medel_applications_free(s);
    medel_program_free(p);
    unlink(table);
}
END_TEST

/* MEDEL_XLSX: a workbook (a zip) for check and allocate, the same bytes
** twice when SOURCE_DATE_EPOCH fixes its dates; explain has none. The
** sheets themselves are read back in tests/output/xlsxw_workbooks.py. */
static char *api_xlsx(int which, const medel_applications *s, const medel_allocation *al, size_t *len)
{
    char *buf;
    FILE *f = open_memstream(&buf, len);
    int rc = which == 0 ? medel_write_check(s, MEDEL_XLSX, f) : medel_write_allocation(al, MEDEL_XLSX, f);
    fclose(f);
    ck_assert_int_eq(rc, MEDEL_OK);
    return buf;
}

START_TEST(workbook_reports)
{
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    medel_program *p = load_ok(UMO_RULES);
    medel_applications *s;
    ck_assert_int_eq(medel_applications_read_file(p, UMO_BAD, NULL, &s), MEDEL_EAPPS);
    medel_allocation *al;
    ck_assert_int_eq(medel_allocation_run(s, &al, NULL, 0), MEDEL_OK);
    for (int which = 0; which < 2; which++) {
        size_t n1, n2;
        char *a = api_xlsx(which, s, al, &n1), *b = api_xlsx(which, s, al, &n2);
        ck_assert_uint_gt(n1, 1000);
        ck_assert(!memcmp(a, "PK\x03\x04", 4));
        ck_assert(!memcmp(a + n1 - 22, "PK\x05\x06", 4));   /* the zip's end record, no comment */
        ck_assert(n1 == n2 && !memcmp(a, b, n1));
        free(a);
        free(b);
    }
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_int_eq(medel_write_explain(al, 0, MEDEL_XLSX, f), MEDEL_EINVAL);
    fclose(f);
    ck_assert_uint_eq(len, 0);
    free(buf);
    medel_allocation_free(al);
    medel_applications_free(s);
    medel_program_free(p);
    unsetenv("SOURCE_DATE_EPOCH");
}
END_TEST

/* MEDEL_HTML: the decision basis, allocate's alone; the command line's
** bytes but for the row that gives the command line (a program has none). */
static char *api_html(const medel_allocation *al)
{
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_int_eq(medel_write_allocation(al, MEDEL_HTML, f), MEDEL_OK);
    fclose(f);
    return buf;
}

/* s without its line that starts with `prefix`, in place. */
static void drop_line(char *s, const char *prefix)
{
    char *at = strstr(s, prefix);
    if (!at)
        return;
    char *end = strchr(at, '\n');
    memmove(at, end ? end + 1 : at + strlen(at), strlen(end ? end + 1 : at + strlen(at)) + 1);
}

START_TEST(decision_basis)
{
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    medel_program *p = load_ok(UMO_RULES);
    medel_applications *s = read_ok(p, UMO_APPS);
    medel_allocation *al;
    ck_assert_int_eq(medel_allocation_run(s, &al, NULL, 0), MEDEL_OK);
    char *a = api_html(al), *b = api_html(al);
    ck_assert_str_eq(a, b);
    ck_assert(!strncmp(a, "<!DOCTYPE html>\n<html lang=\"sv\">", 31));
    ck_assert_ptr_nonnull(strstr(a, "<td class=\"id\">UMO-2021-030</td>"));
    ck_assert_ptr_nonnull(strstr(a, "<td class=\"kr\">28 172 709 kr</td>"));
    ck_assert_ptr_nonnull(strstr(a, "thead { display: table-header-group; }"));
    ck_assert_ptr_null(strstr(a, "<script"));
    ck_assert_ptr_null(strstr(a, "Kommandorad"));
    int rc;
    size_t len;
    char *want = cli(&rc, &len, (const char *const[]){"allocate", UMO_RULES, UMO_APPS, "--format", "html", NULL});
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(want, "<tr><td>Kommandorad</td>"));
    drop_line(want, "<tr><td>Kommandorad</td>");
    ck_assert_str_eq(a, want);
    free(want);
    free(a);
    free(b);
    FILE *f = open_memstream(&a, &len);
    ck_assert_int_eq(medel_write_check(s, MEDEL_HTML, f), MEDEL_EINVAL);
    ck_assert_int_eq(medel_write_explain(al, 0, MEDEL_HTML, f), MEDEL_EINVAL);
    fclose(f);
    ck_assert_uint_eq(len, 0);
    free(a);
    medel_allocation_free(al);
    medel_applications_free(s);
    medel_program_free(p);
    unsetenv("SOURCE_DATE_EPOCH");
}
END_TEST

/* ---- reports: the command line's bytes ---- */

static const char *const FORMATS[] = {"table", "csv", "json"};

static char *api_report(int which, const medel_applications *s, const medel_allocation *al, int format, size_t app)
{
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    int rc = which == 0 ? medel_write_check(s, (medel_format)format, f)
           : which == 1 ? medel_write_allocation(al, (medel_format)format, f)
                        : medel_write_explain(al, app, (medel_format)format, f);
    fclose(f);
    ck_assert_int_eq(rc, MEDEL_OK);
    return buf;
}

static void assert_reports_like_cli(const char *rules, const char *apps)
{
    medel_program *p = load_ok(rules);
    medel_applications *s;
    int rrc = medel_applications_read_file(p, apps, NULL, &s);
    ck_assert(rrc == MEDEL_OK || rrc == MEDEL_EAPPS);
    medel_allocation *al;
    ck_assert_int_eq(medel_allocation_run(s, &al, NULL, 0), MEDEL_OK);
    for (int fmt = 0; fmt < 3; fmt++) {
        for (int which = 0; which < 2; which++) {
            int rc;
            size_t len;
            char *want = cli(&rc, &len, (const char *const[]){which ? "allocate" : "check", rules, apps, "--format",
                                                               FORMATS[fmt], "--keep-going", NULL});
            ck_assert_msg(want != NULL, "%s %s: exit %d, no output", which ? "allocate" : "check", apps, rc);
            char *got = api_report(which, s, al, fmt, 0);
            ck_assert_msg(strlen(got) == len && !memcmp(got, want, len), "%s %s --format %s differs:\nAPI:\n%s\nCLI:\n%s",
                          which ? "allocate" : "check", apps, FORMATS[fmt], got, want);
            free(got);
            free(want);
        }
    }
    for (size_t i = 0; i < medel_applications_count(s); i += 7) {
        /* The command line refuses to explain a key that a rejected row
        ** also has (the row may be the one meant); the API explains the
        ** valid application. */
        bool also_rejected = false;
        for (size_t k = 0; k < medel_applications_problem_count(s); k++) {
            const char *key = medel_applications_problem(s, k)->key;
            also_rejected |= key && !strcmp(key, medel_applications_key(s, i));
        }
        if (also_rejected)
            continue;
        int rc;
        size_t len;
        char *want = cli(&rc, &len, (const char *const[]){"explain", rules, apps, "--id", medel_applications_key(s, i),
                                                           "--keep-going", NULL});
        ck_assert_msg(want != NULL, "explain %s: exit %d, no output", medel_applications_key(s, i), rc);
        char *got = api_report(2, s, al, 0, i);
        ck_assert_msg(strlen(got) == len && !memcmp(got, want, len), "explain %s differs:\nAPI:\n%s\nCLI:\n%s",
                      medel_applications_key(s, i), got, want);
        free(got);
        free(want);
        want = cli(&rc, &len, (const char *const[]){"explain", rules, apps, "--id", medel_applications_key(s, i),
                                                     "--keep-going", "--format", "json", NULL});
        ck_assert_msg(want != NULL, "explain --format json %s: exit %d, no output", medel_applications_key(s, i), rc);
        got = api_report(2, s, al, MEDEL_JSON, i);
        ck_assert_msg(strlen(got) == len && !memcmp(got, want, len), "explain json %s differs:\nAPI:\n%s\nCLI:\n%s",
                      medel_applications_key(s, i), got, want);
        free(got);
        free(want);
    }
    medel_allocation_free(al);
    medel_applications_free(s);
    medel_program_free(p);
}

START_TEST(reports_like_cli)
{
    assert_reports_like_cli(UMO_RULES, UMO_APPS);
    assert_reports_like_cli(UMO_RULES, UMO_BAD);   /* with rejected rows, as --keep-going */
    /* The good file and one bad row: explain's note on the rejected row. */
    char mixed[256];
    snprintf(mixed, sizeof mixed, "%s/mixed-%d.csv", tmp_dir(), (int)getpid());
    size_t len;
    char *good = slurp(UMO_APPS, &len);
    FILE *f = fopen(mixed, "wb");
    fwrite(good, 1, len, f);
    fputs("UMO-2021-999;P;Nacka kommun;kommun;kommunerna;Nacka;U;1,5,0;13-22;digital;kurator;nej;B\n", f);
    fclose(f);
    free(good);
    assert_reports_like_cli(UMO_RULES, mixed);
    unlink(mixed);
    assert_reports_like_cli(SRC "rules/gemensam-pott-2017.medel", SRC "examples/ansokningar-gemensam-pott-2017.csv");
    assert_reports_like_cli(SRC "rules/gemensam-pott-2018.medel", SRC "examples/ansokningar-gemensam-pott-2018.csv");
    assert_reports_like_cli(SRC "rules/region-stockholm-2021-2022.medel",
                            SRC "examples/ansokningar-region-stockholm-2021-2022.json");
}
END_TEST

/* ---- out of memory ---- */

/* Runs `call` with the n-th allocation failing for n = 1, 2, … until it
** succeeds: each earlier run must return MEDEL_ENOMEM (and leak nothing,
** which ASan checks at exit). Returns how many runs failed. */
#define OOM_LOOP(n_failed, call)                                           \
    do {                                                                   \
        for (unsigned long n_ = 1;; n_++) {                                \
            ck_assert_uint_lt(n_, 100000);                                 \
            arena_fail_after(n_);                                          \
            int rc_ = (call);                                              \
            arena_fail_after(0);                                           \
            if (rc_ != MEDEL_ENOMEM) {                                     \
                (n_failed) = n_ - 1;                                       \
                if (getenv("MEDEL_API_OOM_COUNTS"))                        \
                    fprintf(stderr, "%s: %lu failures\n", #call, n_ - 1); \
                break;                                                     \
            }                                                              \
        }                                                                  \
    } while (0)

/* Open file descriptors of this process: the out-of-memory runs must close
** every file and stream they opened. */
static size_t open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    ck_assert(d != NULL);
    size_t n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

START_TEST(out_of_memory)
{
    size_t fds = open_fds();
    size_t rules_len, apps_len;
    char *rules = slurp(UMO_RULES, &rules_len), *apps = slurp(UMO_APPS, &apps_len);
    unsigned long failed;
    medel_program *p = NULL;
    OOM_LOOP(failed, medel_program_load_text(UMO_RULES, rules, rules_len, NULL, &p));
    ck_assert_uint_gt(failed, 0);
    ck_assert_int_eq(medel_program_status(p), MEDEL_OK);
    medel_program *q = NULL;
    OOM_LOOP(failed, medel_program_load(UMO_RULES, NULL, &q));
    ck_assert_uint_gt(failed, 0);
    medel_program_free(q);

    medel_applications *s = NULL;
    OOM_LOOP(failed, medel_applications_read_memory(p, apps, apps_len, UMO_APPS, "csv", &s));
    ck_assert_uint_gt(failed, 0);
    ck_assert_uint_eq(medel_applications_count(s), 57);
    medel_applications *bad = NULL;
    OOM_LOOP(failed, medel_applications_read_file(p, UMO_BAD, NULL, &bad));
    ck_assert_uint_eq(medel_applications_problem_count(bad), 5);
    medel_applications_free(bad);

    medel_applications *one = NULL;
    ck_assert_int_eq(medel_applications_new(p, "form", &one), MEDEL_OK);
    const char *f[] = {"Diarienummer", "Projektnamn", "Sökande", "Sökandetyp", "Sökt pott", "Kommun", "Sökt belopp",
                       "Målgrupp (ålder)", "Fokusområden", "Insatser", "Länsövergripande"};
    const char *v[] = {"F-1", "P", "Nacka kommun", "kommun", "kommunerna", "Nacka", "100 000 kr", "13-22", "digital", "kurator",
                       "nej"};
    OOM_LOOP(failed, medel_applications_add(one, f, v, 11));
    ck_assert_uint_eq(medel_applications_count(one), 1);
    ck_assert_uint_eq(medel_applications_counts(one).read, 1);

    medel_assessment *a = NULL;
    OOM_LOOP(failed, medel_assess(s, 13, &a));
    ck_assert_uint_gt(failed, 0);
    ck_assert_uint_eq(medel_assessment_failure_count(a), 1);
    medel_assessment_free(a);

    medel_allocation *al = NULL;
    OOM_LOOP(failed, medel_allocation_run(s, &al, NULL, 0));
    ck_assert_uint_gt(failed, 0);
    ck_assert_int_eq(medel_allocation_granted(al), 2817270900);

    for (int fmt = 0; fmt < 3; fmt++) {
        char *want = api_report(0, s, al, fmt, 0), *buf = NULL;
        size_t len;
        FILE *out = open_memstream(&buf, &len);
        OOM_LOOP(failed, (rewind(out), medel_write_check(s, (medel_format)fmt, out)));
        fclose(out);
        ck_assert_str_eq(buf, want);   /* nothing of the failed runs reached out */
        free(buf);
        free(want);
        want = api_report(1, s, al, fmt, 0);
        out = open_memstream(&buf, &len);
        OOM_LOOP(failed, medel_write_allocation(al, (medel_format)fmt, out));
        fclose(out);
        ck_assert_str_eq(buf, want);
        free(buf);
        free(want);
    }
    char *want = api_report(2, s, al, 0, 3), *buf = NULL;
    size_t len;
    FILE *out = open_memstream(&buf, &len);
    OOM_LOOP(failed, medel_write_explain(al, 3, MEDEL_TABLE, out));
    fclose(out);
    ck_assert_str_eq(buf, want);
    free(buf);
    free(want);

    medel_program *broken = NULL;
    static const char text[] = "överenskommelse \"T\" { år 2021 }\npott p { belopp 10 MSKE }\n";
    OOM_LOOP(failed, medel_program_load_text("t.medel", text, sizeof text - 1, NULL, &broken));
    out = open_memstream(&buf, &len);
    OOM_LOOP(failed, medel_program_render_diagnostics(broken, out));
    fclose(out);
    ck_assert_ptr_nonnull(strstr(buf, "t.medel: 2 fel; rätta regelfilen först\n"));
    free(buf);
    medel_program_free(broken);

    medel_allocation_free(al);
    medel_applications_free(one);
    medel_applications_free(s);
    medel_program_free(p);
    free(rules);
    free(apps);
    ck_assert_uint_eq(open_fds(), fds);
}
END_TEST

/* ---- the application template ---- */

/* medel_write_template writes what `medel mall` writes, in every form (the
** workbook byte for byte under one SOURCE_DATE_EPOCH); refuses what it
** cannot write; and under out of memory returns MEDEL_ENOMEM every time
** until it succeeds, with nothing of a failed run on out and no temporary
** workbook left behind. */
START_TEST(template_like_cli)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s/tmp-%d", tmp_dir(), (int)getpid());
    ck_assert_int_eq(mkdir(tmp, 0700), 0);
    setenv("TMPDIR", tmp, 1);
    setenv("SOURCE_DATE_EPOCH", "1609459200", 1);
    size_t fds = open_fds();
    medel_program *p = NULL;
    ck_assert_int_eq(medel_program_load(UMO_RULES, NULL, &p), MEDEL_OK);
    static const char *const ARGS[3][6] = {{"mall", UMO_RULES, "--format", "xlsx", NULL},
                                           {"mall", UMO_RULES, "--format", "csv", NULL},
                                           {"mall", UMO_RULES, "--table", "anvisningar", NULL}};
    const medel_template_format TEMPLATE_FORMATS[3] = {MEDEL_TEMPLATE_XLSX, MEDEL_TEMPLATE_CSV, MEDEL_TEMPLATE_GUIDE};
    for (int k = 0; k < 3; k++) {
        int rc;
        size_t want_len, len;
        char *want = cli(&rc, &want_len, ARGS[k]), *buf = NULL;
        ck_assert_int_eq(rc, 0);
        FILE *out = open_memstream(&buf, &len);
        ck_assert_int_eq(medel_write_template(p, TEMPLATE_FORMATS[k], out), MEDEL_OK);
        fclose(out);
        ck_assert_uint_eq(len, want_len);
        ck_assert_mem_eq(buf, want, len);
        free(buf);
        unsigned long failed;
        out = open_memstream(&buf, &len);
        OOM_LOOP(failed, (rewind(out), medel_write_template(p, TEMPLATE_FORMATS[k], out)));
        ck_assert_uint_gt(failed, 0);
        fclose(out);
        ck_assert_uint_eq(len, want_len);   /* nothing of the failed runs reached out */
        ck_assert_mem_eq(buf, want, len);
        free(buf);
        free(want);
    }
    FILE *out = fopen("/dev/null", "w");
    ck_assert_int_eq(medel_write_template(NULL, MEDEL_TEMPLATE_CSV, out), MEDEL_EINVAL);
    ck_assert_int_eq(medel_write_template(p, (medel_template_format)7, out), MEDEL_EINVAL);
    ck_assert_int_eq(medel_write_template(p, MEDEL_TEMPLATE_CSV, NULL), MEDEL_EINVAL);
    medel_program *broken = NULL;
    static const char text[] = "överenskommelse \"T\" { år 2021 }\npott p { belopp 10 MSKE }\n";
    ck_assert_int_eq(medel_program_load_text("t.medel", text, sizeof text - 1, NULL, &broken), MEDEL_ERULES);
    ck_assert_int_eq(medel_write_template(broken, MEDEL_TEMPLATE_CSV, out), MEDEL_EINVAL);
    medel_program_free(broken);
    fclose(out);
    medel_program_free(p);
    ck_assert_uint_eq(open_fds(), fds);
    /* No temporary workbook was left, by a success or by a failed run. */
    DIR *d = opendir(tmp);
    ck_assert(d != NULL);
    struct dirent *e;
    while ((e = readdir(d)))
        ck_assert_msg(e->d_name[0] == '.', "left behind in TMPDIR: %s", e->d_name);
    closedir(d);
    rmdir(tmp);
    unsetenv("TMPDIR");
    unsetenv("SOURCE_DATE_EPOCH");
}
END_TEST

/* A file that cannot be opened as applications at all (not JSON, empty) is
** MEDEL_ENOINPUT, as the command line's 66; one whose columns do not match
** (a header without the required columns, a key every record lacks) is
** MEDEL_EHEADER, as its 69; a file that reads with rejected rows is
** MEDEL_EAPPS, as its 67. */
START_TEST(unreadable_applications_like_cli)
{
    medel_program *p = NULL;
    ck_assert_int_eq(medel_program_load(UMO_RULES, NULL, &p), MEDEL_OK);
    const char *cases[][4] = {
        {"nothing.csv", "namn;belopp\nx;1 kr\n", "csv", "header"},
        {"nokey.json", "[{\"namn\": \"x\"}]", "json", "header"},
        {"broken.json", "{\"a\": ", "json", ""},
        {"empty.csv", "", "csv", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        medel_applications *s = NULL;
        int rc = medel_applications_read_memory(p, cases[i][1], strlen(cases[i][1]), cases[i][0], cases[i][2], &s);
        int want = cases[i][3][0] ? MEDEL_EHEADER : MEDEL_ENOINPUT;
        ck_assert_msg(rc == want, "%s: status %d", cases[i][0], rc);
        ck_assert_ptr_nonnull(s);
        ck_assert_uint_gt(medel_applications_problem_count(s), 0);
        medel_applications_free(s);
    }
    medel_applications *s = NULL;
    ck_assert_int_eq(medel_applications_read_file(p, UMO_BAD, NULL, &s), MEDEL_EAPPS);
    ck_assert_uint_eq(medel_applications_count(s), 1);
    medel_applications_free(s);
    medel_program_free(p);
}
END_TEST

/* A CSV saved as Windows-1252, with Excel's empty rows at the end: read as
** such, the note a problem of severity warning (counted with the
** warnings), the empty rows counted apart from the rows read. */
START_TEST(decoded_and_empty_rows)
{
    medel_program *p = NULL;
    ck_assert_int_eq(medel_program_load(UMO_RULES, NULL, &p), MEDEL_OK);
    FILE *f = fopen(UMO_APPS, "rb");
    ck_assert_ptr_nonnull(f);
    char *utf8 = malloc(1 << 20);
    size_t n = fread(utf8, 1, 1 << 20, f);
    fclose(f);
    /* To Windows-1252: the file holds å ä ö Å Ä Ö é and – only (U+00xx in
    ** two bytes; the dash U+2013 is 0x96). */
    char *cp = malloc(n + 64);
    size_t m = 0;
    const unsigned char *u = (const unsigned char *)utf8;
    size_t i = n >= 3 && !memcmp(utf8, "\xEF\xBB\xBF", 3) ? 3 : 0;
    for (; i < n; i++) {
        if (u[i] < 0x80) {
            cp[m++] = (char)u[i];
        } else if (u[i] == 0xC3) {
            cp[m++] = (char)(u[i + 1] + 0x40);
            i++;
        } else {
            ck_assert(u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0x93);
            cp[m++] = (char)0x96;
            i += 2;
        }
    }
    m += (size_t)sprintf(cp + m, ";;;;;;;;;;;;\r\n;;;;;;;;;;;;;\r\n");
    medel_applications *a = NULL, *b = NULL;
    ck_assert_int_eq(medel_applications_read_memory(p, utf8, n, "a.csv", NULL, &a), MEDEL_OK);
    ck_assert_int_eq(medel_applications_read_memory(p, cp, m, "b.csv", NULL, &b), MEDEL_OK);
    medel_counts ca = medel_applications_counts(a), cb = medel_applications_counts(b);
    ck_assert_uint_eq(cb.read, ca.read);
    ck_assert_uint_eq(cb.valid, ca.valid);
    ck_assert_uint_eq(cb.empty, 2);
    ck_assert_uint_eq(ca.empty, 0);
    ck_assert_uint_eq(cb.warnings, ca.warnings + 1);
    ck_assert_uint_eq(medel_applications_count(b), medel_applications_count(a));
    size_t notes = 0;
    for (size_t k = 0; k < medel_applications_problem_count(b); k++) {
        const medel_problem *x = medel_applications_problem(b, k);
        if (strstr(x->text, "filen är sparad som")) {
            notes++;
            ck_assert_int_eq(x->severity, MEDEL_WARNING);
            ck_assert_str_eq(x->message, "filen är sparad som Windows-1252; den lästes som sådan");
            ck_assert_str_eq(x->text, "b.csv: note: filen är sparad som Windows-1252; den lästes som sådan");
            ck_assert_uint_eq(x->row, 0);
        }
    }
    ck_assert_uint_eq(notes, 1);
    ck_assert_str_eq(medel_status_text(MEDEL_EHEADER), "kolumnerna i en fil stämmer inte med regelfilen");
    medel_applications_free(a);
    medel_applications_free(b);
    medel_program_free(p);
    free(cp);
    free(utf8);
}
END_TEST

Suite *make_api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, diagnostics_as_data);
    tcase_add_test(tc, diagnostics_like_cli);
    tcase_add_test(tc, missing_rule_file);
    tcase_add_test(tc, table_errors_as_data);
    tcase_add_test(tc, readers_agree);
    tcase_add_test(tc, json_and_csv_agree);
    tcase_add_test(tc, rejected_rows);
    tcase_add_test(tc, known_verdicts);
    tcase_add_test(tc, scenario_option);
    tcase_add_test(tc, conservation_every_rule_file);
    tcase_add_test(tc, allocation_known_amounts);
    tcase_add_test(tc, leftover_round_and_split_parts);
    tcase_add_test(tc, reports_like_cli);
    tcase_add_test(tc, workbook_reports);
    tcase_add_test(tc, decision_basis);
    tcase_add_test(tc, out_of_memory);
    tcase_add_test(tc, unreadable_applications_like_cli);
    tcase_add_test(tc, decoded_and_empty_rows);
    tcase_add_test(tc, template_like_cli);
    suite_add_tcase(s, tc);
    return s;
}
