/*
** fuzz_common.h: shared set-up for medel's libFuzzer harnesses (fuzz_*.c).
** A private temporary folder (removed at exit) holds the fixed rule program's
** data table; a memfd lets readers that want a path (apps_open) read the
** current input through /proc/self/fd/N without touching the disk.
** Everything kept across inputs hangs off static globals, so LeakSanitizer
** sees it as reachable; everything made for one input is freed before return.
*/
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1   /* memfd_create; scripts/fuzz also passes -D_GNU_SOURCE */
#endif
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "input.h"
#include "program.h"
#include "source.h"

/* tests/golden/run/alla_policyer.medel: every kind of pot, split and policy. */
static const char FUZZ_PROGRAM[] =
    "# Påhittad överenskommelse som använder varje sorts pott, delning och tilldelning.\n"
    "överenskommelse \"Testöverenskommelse med alla policyer\" {\n"
    "    år 2023\n"
    "    källa \"Påhittad, för medels tester\"\n"
    "}\n"
    "\n"
    "fokusområden {\n"
    "    samverkan  \"Samverkan\"\n"
    "    digital    \"Digitala lösningar\"\n"
    "    främjande  \"Främjande och förebyggande\"\n"
    "}\n"
    "\n"
    "tabell kommuner från \"data/kommuner.csv\" {\n"
    "    nyckel kommun: text\n"
    "    unga: heltal\n"
    "    invånare: heltal\n"
    "    källa \"Påhittade siffror\"\n"
    "}\n"
    "\n"
    "ansökan {\n"
    "    nyckel id: text \"Id\"\n"
    "    titel: text \"Titel\"\n"
    "    sökande: text \"Sökande\"\n"
    "    typ: en av kommun | region | privat | idéburen \"Typ\"\n"
    "    kommun: nyckel i kommuner \"Kommun\"\n"
    "    sökt belopp: belopp \"Belopp\"\n"
    "    ålder: intervall \"Ålder\"\n"
    "    fokus: fokusområden \"Fokus\"\n"
    "    del: en av lokalt | regionalt | gemensamt | utveckling \"Pott\"\n"
    "}\n"
    "\n"
    "villkor målgrupp {\n"
    "    krav ålder överlappar 12..22\n"
    "    skäl \"Projektet ska nå unga 12–22 år.\"\n"
    "}\n"
    "\n"
    "prioritet främjande \"Särskilt beakta främjande\" {\n"
    "    poäng 2 om fokus innehåller främjande\n"
    "}\n"
    "prioritet bredd {\n"
    "    poäng antal(fokus)\n"
    "}\n"
    "\n"
    "pott total \"Hela satsningen\" {\n"
    "    belopp 2 MSEK + 50 % av 1 MSEK\n"
    "\n"
    "    pott lokalt \"Lokala projekt per kommun\" {\n"
    "        belopp 40 %\n"
    "        fördela per kommun efter kommuner.unga { avrundning 1 kr  metod största_rest }\n"
    "        tilldelning rangordning sista delvis\n"
    "        villkor lokal_ansökan {\n"
    "            krav del är lokalt och typ är kommun\n"
    "            skäl \"Lokala medel söks av kommuner.\"\n"
    "        }\n"
    "    }\n"
    "    pott regionalt \"Regionala projekt\" {\n"
    "        belopp 500 000 kr\n"
    "        tilldelning rangordning sista hoppa_över\n"
    "        tak 300 000 kr per ansökan\n"
    "        tak 400 000 kr per sökande\n"
    "        lägsta_bidrag 50 000 kr\n"
    "        vid_lika lägst_belopp\n"
    "        villkor regional_ansökan {\n"
    "            krav del är regionalt och typ i {region, privat}\n"
    "            skäl \"Regionala medel söks av regionen eller privata utförare.\"\n"
    "        }\n"
    "        portfölj blandning \"Både regionens egna och privata utförare\" {\n"
    "            minst 1 ansökan där typ är region\n"
    "            minst 1 ansökan där typ är privat\n"
    "        }\n"
    "    }\n"
    "    pott gemensamt \"Gemensamma insatser\" {\n"
    "        belopp 20 %\n"
    "        tilldelning proportionell\n"
    "        avrundning 1 kr\n"
    "        ansökningar där del är gemensamt\n"
    "    }\n"
    "    pott utveckling \"Utvecklingsmedel per kommun\" {\n"
    "        belopp resten\n"
    "        fördela per kommun efter kommuner.invånare { avrundning 1 000 kr  metod sainte_laguë  första_divisor 1,2 }\n"
    "        tilldelning rättighet\n"
    "    }\n"
    "}\n"
    ;

static const char FUZZ_TABLE[] =
    "kommun;invånare;unga\n"
    "Alby;12000;1500\n"
    "Bergby;30000;4100\n"
    "Dalby;7000;900\n";

static char fuzz_dir[64];
static FILE *fuzz_null;

static void fuzz_die(const char *what)
{
    fprintf(stderr, "fuzz: %s: %s\n", what, strerror(errno));
    abort();
}

static void fuzz_rm_dir(void)
{
    if (!fuzz_dir[0])
        return;
    char p[128];
    snprintf(p, sizeof p, "%s/data/kommuner.csv", fuzz_dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/data", fuzz_dir);
    rmdir(p);
    rmdir(fuzz_dir);
}

/* Creates the temporary folder (empty, or with data/kommuner.csv). */
static __attribute__((unused)) const char *fuzz_tmpdir(int with_table)
{
    if (fuzz_dir[0])
        return fuzz_dir;
    const char *t = getenv("TMPDIR");
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/medel-fuzz-XXXXXX", t && strlen(t) < 32 ? t : "/tmp");
    if (!mkdtemp(fuzz_dir))
        fuzz_die("mkdtemp");
    atexit(fuzz_rm_dir);
    if (with_table) {
        char p[128];
        snprintf(p, sizeof p, "%s/data", fuzz_dir);
        if (mkdir(p, 0700) != 0)
            fuzz_die("mkdir");
        snprintf(p, sizeof p, "%s/data/kommuner.csv", fuzz_dir);
        FILE *f = fopen(p, "wb");
        if (!f || fwrite(FUZZ_TABLE, 1, sizeof FUZZ_TABLE - 1, f) != sizeof FUZZ_TABLE - 1 || fclose(f) != 0)
            fuzz_die("write table");
    }
    return fuzz_dir;
}

static __attribute__((unused)) FILE *fuzz_devnull(void)
{
    if (!fuzz_null && !(fuzz_null = fopen("/dev/null", "w")))
        fuzz_die("/dev/null");
    return fuzz_null;
}

static __attribute__((unused)) void fuzz_report(void *ctx, const char *msg)
{
    (void)ctx;
    fputs(msg, fuzz_devnull());
}

/* The fixed program, loaded once with its table. */
typedef struct FuzzProgram {
    Arena a;
    SourceSet set;
    Diags d;
    Program *prog;
    TableData *tables;
    char path[128];
} FuzzProgram;

static __attribute__((unused)) FuzzProgram *fuzz_program(void)
{
    static FuzzProgram *fp;
    if (fp)
        return fp;
    fp = calloc(1, sizeof *fp);
    if (!fp)
        abort();
    snprintf(fp->path, sizeof fp->path, "%s/regler.medel", fuzz_tmpdir(1));
    arena_init(&fp->a);
    source_set_init(&fp->set);
    diags_init(&fp->d, &fp->set);
    LoadOptions lo = {0};
    fp->prog = program_load_text(&fp->a, &fp->set, &fp->d, fp->path, FUZZ_PROGRAM, sizeof FUZZ_PROGRAM - 1, &lo);
    if (!fp->prog || fp->d.n_errors) {
        diags_render(&fp->d, stderr);
        fprintf(stderr, "fuzz: the fixed program does not load\n");
        abort();
    }
    fp->tables = tables_load(fp->prog, &fp->a, fuzz_report, NULL);
    if (!fp->tables) {
        fprintf(stderr, "fuzz: the fixed program's table does not load\n");
        abort();
    }
    return fp;
}

/* A memfd holding the current input; its path is /proc/self/fd/N. */
static __attribute__((unused)) const char *fuzz_memfd_path(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("medel-fuzz-input", MFD_CLOEXEC);
        if (fd < 0)
            fuzz_die("memfd_create");
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0)
        fuzz_die("ftruncate");
    size_t done = 0;
    while (done < size) {
        ssize_t n = pwrite(fd, data + done, size - done, (off_t)done);
        if (n <= 0)
            fuzz_die("pwrite");
        done += (size_t)n;
    }
    return path;
}

/* Reads every application of the file at `path` and evaluates the valid ones. */
static __attribute__((unused)) void fuzz_read_apps(const char *path, InputFormat fmt)
{
    FuzzProgram *fp = fuzz_program();
    const Program *p = fp->prog;
    AppReader *r = apps_open(p, fp->tables, path, fmt, fuzz_report, NULL);
    if (!r)
        return;
    Arena a;
    arena_init(&a);
    EvalContext cx = {p, fp->tables};
    Outcome *crit = calloc(p->n_criteria + 1, sizeof *crit);
    int64_t *score = calloc(p->n_priorities + 1, sizeof *score);
    if (!crit || !score)
        abort();
    for (size_t guard = 0; guard < 100000; guard++) {
        Application app;
        AppStatus st = apps_next(r, &a, &app);
        if (st == APP_END || st == APP_FATAL)
            break;
        if (st == APP_OK) {
            eval_application(&cx, &app, crit, score);
            for (size_t k = 0; k < p->n_pots; k++)
                if (eval_takes_applications(p, (int)k))
                    (void)eval_considers(&cx, &app, (int)k);
        }
    }
    (void)apps_counts(r);
    apps_close(r);
    free(crit);
    free(score);
    arena_free(&a);
}

#endif
