/*
** test_output.c: unit tests for runtime/output.c. Each test works in a fresh
** folder of its own and lists it afterwards, so a temporary file left behind
** fails the test as surely as wrong content does. SHA-256 is checked against
** the published test vectors (FIPS 180-2 / NIST examples). The bytes the
** escaping stream must show (controls, invalid UTF-8, invisible and
** bidirectional characters) are written as \x escapes; text as UTF-8.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "text.h"
#include "suites.h"

/* Declared here too until suites.h lists output, for -Wmissing-prototypes. */
Suite *make_output_suite(void);

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))

enum { DIR_SIZE = 512, PATH_MAX_ = 1024 };

static void make_dir(char *dir, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/medel-out-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Removes a folder made by make_dir, with everything the test put in it. */
static void remove_tree(const char *dir)
{
    chmod(dir, 0700);
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[PATH_MAX_];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        ck_assert_int_eq(lstat(p, &st), 0);
        if (S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            ck_assert_int_eq(unlink(p), 0);
    }
    closedir(d);
    ck_assert_int_eq(rmdir(dir), 0);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted, separated by spaces; caller frees. */
static char *list_dir(const char *dir)
{
    char *names[64];
    size_t n = 0;
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        ck_assert_uint_lt(n, 64);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_names);
    char *out = calloc(1, 64 * 256);
    ck_assert_ptr_nonnull(out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, names[i]);
        free(names[i]);
    }
    return out;
}

static void assert_listing(const char *dir, const char *want, const char *what)
{
    char *got = list_dir(dir);
    ck_assert_msg(strcmp(got, want) == 0, "%s: folder holds \"%s\", want \"%s\"", what, got,
                  want);
    free(got);
}

static void write_file(const char *path, const char *content, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(content, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

static void assert_content(const char *path, const char *want, const char *what)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s: cannot open %s", what, path);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    ck_assert_msg(n == strlen(want) && memcmp(buf, want, n) == 0,
                  "%s: %s holds \"%s\", want \"%s\"", what, path, buf, want);
}

static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

#define CONTENT "diarienummer;belopp\nUPH-2021/1;1 500 000\nÖrebro;\"å\"\n"

/* ---- committing and aborting ---- */

/* _i 0: the temporary file has no name until commit (O_TMPFILE); 1: as on a
** file system without O_TMPFILE, a named ".ut.csv.XXXXXX". */
START_TEST(test_commit_new)
{
    char dir[DIR_SIZE], path[PATH_MAX_], prefix[PATH_MAX_], err[256] = "";
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ut.csv", dir);
    snprintf(prefix, sizeof prefix, "%s/.ut.csv.", dir);
    if (_i == 1)
        setenv("MEDEL_TEST_HOOK_NO_TMPFILE", "1", 1);
    OutFile o;
    ck_assert_msg(out_open(&o, path, NULL, 0, err, sizeof err), "open: %s", err);
    unsetenv("MEDEL_TEST_HOOK_NO_TMPFILE");
    ck_assert_ptr_nonnull(o.f);
    ck_assert_str_eq(o.path, path);
    char *listing = list_dir(dir);
    if (_i == 1) {
        ck_assert_ptr_nonnull(o.tmp);
        ck_assert_uint_eq(strlen(o.tmp), strlen(prefix) + 6);
        ck_assert_int_eq(strncmp(o.tmp, prefix, strlen(prefix)), 0);
        ck_assert_str_eq(listing, o.tmp + strlen(dir) + 1);   /* only the temporary file */
        struct stat tst;
        ck_assert_int_eq(stat(o.tmp, &tst), 0);
        ck_assert_uint_eq(tst.st_mode & 0777, 0600);           /* private until it is complete */
    } else if (!o.tmp) {
        ck_assert_str_eq(listing, "");   /* nothing named exists before commit */
    }
    free(listing);
    ck_assert_int_ge(fputs(CONTENT, o.f), 0);
    ck_assert_msg(out_commit(&o, err, sizeof err), "commit: %s", err);
    ck_assert_ptr_null(o.f);
    ck_assert_ptr_null(o.tmp);
    ck_assert_ptr_null(o.path);
    ck_assert(!o.failed);
    out_abort(&o);   /* harmless after commit */
    assert_content(path, CONTENT, "new file");
    assert_listing(dir, "ut.csv", "new file");
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_uint_eq(st.st_mode & 0777, 0666 & ~current_umask());
    remove_tree(dir);
}
END_TEST

/* A replaced file keeps its mode (0600 stays private, 0640 keeps its group's
** read), whether the temporary file was anonymous or named. */
static const mode_t kept_modes[] = {0600, 0640, 0444, 0664};

START_TEST(test_mode_kept)
{
    mode_t mode = kept_modes[_i / 2];
    char dir[DIR_SIZE], path[PATH_MAX_], err[256] = "";
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ut.csv", dir);
    write_file(path, "gammalt\n", 8);
    ck_assert_int_eq(chmod(path, mode), 0);
    if (_i % 2)
        setenv("MEDEL_TEST_HOOK_NO_TMPFILE", "1", 1);
    OutFile o;
    ck_assert_msg(out_open(&o, path, NULL, 0, err, sizeof err), "open: %s", err);
    unsetenv("MEDEL_TEST_HOOK_NO_TMPFILE");
    fputs(CONTENT, o.f);
    ck_assert_msg(out_commit(&o, err, sizeof err), "commit: %s", err);
    assert_content(path, CONTENT, "mode kept");
    assert_listing(dir, "ut.csv", "mode kept");
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_msg((st.st_mode & 07777) == mode, "mode %o, want %o", (unsigned)(st.st_mode & 07777), (unsigned)mode);
    ck_assert_uint_eq(st.st_uid, geteuid());
    remove_tree(dir);
}
END_TEST

/* A symbolic link (or a chain of them, relative or absolute) is written
** through: the file at its end is replaced, the links stay links. A link
** to nothing yet makes the file it names. */
START_TEST(test_through_links)
{
    char dir[DIR_SIZE], real[PATH_MAX_], link1[PATH_MAX_], link2[PATH_MAX_], dangling[PATH_MAX_], err[256] = "";
    make_dir(dir, sizeof dir);
    snprintf(real, sizeof real, "%s/real.csv", dir);
    snprintf(link1, sizeof link1, "%s/l1", dir);
    snprintf(link2, sizeof link2, "%s/l2", dir);
    snprintf(dangling, sizeof dangling, "%s/dangling", dir);
    write_file(real, "gammalt\n", 8);
    ck_assert_int_eq(chmod(real, 0640), 0);
    ck_assert_int_eq(symlink("real.csv", link1), 0);
    ck_assert_int_eq(symlink(link1, link2), 0);   /* absolute, to a link */
    ck_assert_int_eq(symlink("new.csv", dangling), 0);
    const char *via[] = {link1, link2, dangling};
    for (int k = 0; k < 3; k++) {
        OutFile o;
        ck_assert_msg(out_open(&o, via[k], NULL, 0, err, sizeof err), "open: %s", err);
        fprintf(o.f, "via %d\n", k);
        ck_assert_msg(out_commit(&o, err, sizeof err), "commit: %s", err);
        struct stat st;
        ck_assert_int_eq(lstat(via[k], &st), 0);
        ck_assert_msg(S_ISLNK(st.st_mode), "%s is no longer a link", via[k]);
    }
    assert_content(real, "via 1\n", "through links");
    char fresh[PATH_MAX_];
    snprintf(fresh, sizeof fresh, "%s/new.csv", dir);
    assert_content(fresh, "via 2\n", "through a dangling link");
    struct stat st;
    ck_assert_int_eq(stat(real, &st), 0);
    ck_assert_uint_eq(st.st_mode & 07777, 0640);
    assert_listing(dir, "dangling l1 l2 new.csv real.csv", "through links");
    remove_tree(dir);
}
END_TEST

START_TEST(test_commit_replaces)
{
    char dir[DIR_SIZE], path[PATH_MAX_], err[256] = "";
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ut.csv", dir);
    write_file(path, "gammalt innehåll\n", strlen("gammalt innehåll\n"));
    OutFile o;
    ck_assert_msg(out_open(&o, path, NULL, 0, err, sizeof err), "open: %s", err);
    fputs(CONTENT, o.f);
    assert_content(path, "gammalt innehåll\n", "before commit");
    ck_assert_msg(out_commit(&o, err, sizeof err), "commit: %s", err);
    assert_content(path, CONTENT, "replaced");
    assert_listing(dir, "ut.csv", "replaced");
    remove_tree(dir);
}
END_TEST

START_TEST(test_abort)
{
    char dir[DIR_SIZE], path[PATH_MAX_], fresh[PATH_MAX_], err[256] = "";
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ut.csv", dir);
    snprintf(fresh, sizeof fresh, "%s/ny.csv", dir);
    write_file(path, "gammalt\n", 8);
    OutFile o;
    ck_assert_msg(out_open(&o, path, NULL, 0, err, sizeof err), "open: %s", err);
    fputs(CONTENT, o.f);
    out_abort(&o);
    ck_assert_ptr_null(o.f);
    ck_assert_ptr_null(o.tmp);
    out_abort(&o);   /* twice is harmless */
    assert_content(path, "gammalt\n", "aborted over old file");
    assert_listing(dir, "ut.csv", "aborted over old file");

    ck_assert_msg(out_open(&o, fresh, NULL, 0, err, sizeof err), "open: %s", err);
    fputs(CONTENT, o.f);
    out_abort(&o);
    assert_listing(dir, "ut.csv", "aborted new file");
    remove_tree(dir);
}
END_TEST

/* ---- refusing to overwrite an input ---- */

typedef enum Spelling { SAME, DOTDOT, DOT, SLASHES, SYMLINK, HARDLINK, SECOND } Spelling;

typedef struct RefuseRow {
    const char *name;
    Spelling spelling;
} RefuseRow;

static const RefuseRow refuse_rows[] = {
    {"same spelling", SAME},
    {"dir/../dir/file", DOTDOT},
    {"dir/./file", DOT},
    {"dir//file", SLASHES},
    {"symbolic link to the input", SYMLINK},
    {"hard link to the input", HARDLINK},
    {"second of two inputs", SECOND},
};

START_TEST(test_refuse_input)
{
    const RefuseRow *row = &refuse_rows[_i];
    char dir[DIR_SIZE], input[PATH_MAX_], other[PATH_MAX_], target[PATH_MAX_ + 300];
    char err[PATH_MAX_ + 100] = "", want[PATH_MAX_ + 100], listing[64];
    make_dir(dir, sizeof dir);
    snprintf(input, sizeof input, "%s/in.csv", dir);
    snprintf(other, sizeof other, "%s/other.csv", dir);
    write_file(input, CONTENT, strlen(CONTENT));
    write_file(other, "x\n", 2);
    const char *base = strrchr(dir, '/') + 1;
    switch (row->spelling) {
    case SAME:
    case SECOND:
        snprintf(target, sizeof target, "%s", input);
        break;
    case DOTDOT:
        snprintf(target, sizeof target, "%s/../%s/in.csv", dir, base);
        break;
    case DOT:
        snprintf(target, sizeof target, "%s/./in.csv", dir);
        break;
    case SLASHES:
        snprintf(target, sizeof target, "%s//in.csv", dir);
        break;
    case SYMLINK:
        snprintf(target, sizeof target, "%s/link.csv", dir);
        ck_assert_int_eq(symlink("in.csv", target), 0);
        break;
    case HARDLINK:
        snprintf(target, sizeof target, "%s/hard.csv", dir);
        ck_assert_int_eq(link(input, target), 0);
        break;
    }
    snprintf(listing, sizeof listing, "%s",
             row->spelling == SYMLINK    ? "in.csv link.csv other.csv"
             : row->spelling == HARDLINK ? "hard.csv in.csv other.csv"
                                         : "in.csv other.csv");
    const char *one[] = {input};
    const char *two[] = {other, input};
    const char *const *inputs = row->spelling == SECOND ? two : one;
    size_t n_inputs = row->spelling == SECOND ? 2 : 1;

    OutFile o;
    bool ok = out_open(&o, target, inputs, n_inputs, err, sizeof err);
    snprintf(want, sizeof want, "skriver inte över '%s': det är en av filerna som läses in", input);
    ck_assert_msg(!ok, "%s: opened %s", row->name, target);
    ck_assert_msg(strcmp(err, want) == 0, "%s: \"%s\", want \"%s\"", row->name, err, want);
    ck_assert_msg(o.f == NULL && o.tmp == NULL && o.path == NULL, "%s: not empty", row->name);
    out_abort(&o);
    assert_content(input, CONTENT, row->name);
    assert_listing(dir, listing, row->name);
    remove_tree(dir);
}
END_TEST

/* Inputs that are not the target do not stop it: another file, one that does
** not exist, standard input. */
START_TEST(test_other_inputs_allowed)
{
    char dir[DIR_SIZE], path[PATH_MAX_], input[PATH_MAX_], missing[PATH_MAX_], err[256] = "";
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ut.csv", dir);
    snprintf(input, sizeof input, "%s/in.csv", dir);
    snprintf(missing, sizeof missing, "%s/saknas.csv", dir);
    write_file(input, "a\n", 2);
    write_file(path, "old\n", 4);
    const char *inputs[] = {input, missing, "-"};
    OutFile o;
    ck_assert_msg(out_open(&o, path, inputs, 3, err, sizeof err), "open: %s", err);
    fputs("new\n", o.f);
    ck_assert_msg(out_commit(&o, err, sizeof err), "commit: %s", err);
    assert_content(path, "new\n", "other inputs");
    assert_content(input, "a\n", "other inputs");
    assert_listing(dir, "in.csv ut.csv", "other inputs");
    remove_tree(dir);
}
END_TEST

/* ---- targets that cannot be written ---- */

typedef enum BadTarget { UNWRITABLE, IS_FOLDER, TRAILING_SLASH, NOT_A_FOLDER } BadTarget;

typedef struct BadRow {
    const char *name;
    BadTarget kind;
} BadRow;

static const BadRow bad_rows[] = {
    {"unwritable folder", UNWRITABLE},
    {"target is a folder", IS_FOLDER},
    {"trailing slash", TRAILING_SLASH},
    {"parent is a file", NOT_A_FOLDER},
};

START_TEST(test_bad_target)
{
    const BadRow *row = &bad_rows[_i];
    char dir[DIR_SIZE], sub[PATH_MAX_ + 20], path[PATH_MAX_ + 40];
    char err[PATH_MAX_ + 200] = "", want[PATH_MAX_ + 200];
    const char *listing = "sub";
    make_dir(dir, sizeof dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    switch (row->kind) {
    case UNWRITABLE:
        if (geteuid() == 0) {
            /* Root writes into a 0555 folder anyway; a folder that does not
            ** exist fails the same way, in mkstemp. */
            snprintf(path, sizeof path, "%s/missing/ut.csv", dir);
            snprintf(want, sizeof want, "kan inte skriva '%s': filen eller mappen finns inte", path);
            listing = "";
        } else {
            ck_assert_int_eq(mkdir(sub, 0555), 0);
            snprintf(path, sizeof path, "%s/ut.csv", sub);
            snprintf(want, sizeof want, "kan inte skriva '%s': åtkomst nekas (behörighet saknas)", path);
        }
        break;
    case IS_FOLDER:
        ck_assert_int_eq(mkdir(sub, 0700), 0);
        snprintf(path, sizeof path, "%s", sub);
        snprintf(want, sizeof want, "kan inte skriva '%s': det är en mapp", path);
        break;
    case TRAILING_SLASH:
        snprintf(path, sizeof path, "%s/missing/", dir);
        snprintf(want, sizeof want, "kan inte skriva '%s': mappen finns inte, och utdata måste vara en fil, inte en mapp", path);
        listing = "";
        break;
    case NOT_A_FOLDER:
        write_file(sub, "x", 1);
        snprintf(path, sizeof path, "%s/ut.csv", sub);
        snprintf(want, sizeof want, "kan inte skriva '%s': en del av sökvägen är inte en mapp", path);
        break;
    }
    OutFile o;
    bool ok = out_open(&o, path, NULL, 0, err, sizeof err);
    ck_assert_msg(!ok, "%s: opened %s", row->name, path);
    ck_assert_msg(strcmp(err, want) == 0, "%s: \"%s\", want \"%s\"", row->name, err, want);
    ck_assert_msg(o.f == NULL && o.tmp == NULL && o.path == NULL, "%s: not empty", row->name);
    out_abort(&o);
    assert_listing(dir, listing, row->name);
    if (row->kind == UNWRITABLE && geteuid() != 0)
        assert_listing(sub, "", row->name);
    remove_tree(dir);
}
END_TEST

/* ---- out_commit failing ---- */

typedef enum Failure { FULL_SMALL, FULL_LARGE, GAVE_UP } Failure;

typedef struct CommitRow {
    const char *name;
    Failure failure;
    const char *reason;
} CommitRow;

static const CommitRow commit_rows[] = {
    {"disk full on the last flush", FULL_SMALL, "disken är full"},
    {"disk full while writing", FULL_LARGE, "disken är full"},
    {"caller marked it failed", GAVE_UP, "utdata övergavs efter ett tidigare fel"},
};

START_TEST(test_commit_fails)
{
    const CommitRow *row = &commit_rows[_i];
    char dir[DIR_SIZE], path[PATH_MAX_], err[PATH_MAX_ + 100] = "", want[PATH_MAX_ + 100];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ut.csv", dir);
    write_file(path, "gammalt\n", 8);
    OutFile o;
    ck_assert_msg(out_open(&o, path, NULL, 0, err, sizeof err), "open: %s", err);
    if (row->failure == GAVE_UP) {
        fputs(CONTENT, o.f);
        o.failed = true;
    } else {
        /* The temporary file's descriptor now writes to /dev/full, which
        ** fails every write with ENOSPC, as a full disk does. */
        int full = open("/dev/full", O_WRONLY);
        ck_assert_int_ge(full, 0);
        ck_assert_int_ge(dup2(full, fileno(o.f)), 0);
        close(full);
        size_t n = row->failure == FULL_LARGE ? 200 * 1000 : 1;
        for (size_t k = 0; k < n; k++)
            fputs(CONTENT, o.f);
    }
    ck_assert_msg(!out_commit(&o, err, sizeof err), "%s: commit succeeded", row->name);
    snprintf(want, sizeof want, "kan inte skriva '%s': %s", path, row->reason);
    ck_assert_msg(strcmp(err, want) == 0, "%s: \"%s\", want \"%s\"", row->name, err, want);
    ck_assert(o.failed);
    ck_assert_ptr_null(o.f);
    ck_assert_ptr_null(o.tmp);
    out_abort(&o);
    assert_content(path, "gammalt\n", row->name);
    assert_listing(dir, "ut.csv", row->name);
    remove_tree(dir);
}
END_TEST

/* ---- standard output and devices ---- */

/* Standard output is held back until commit: an aborted run prints nothing,
** a committed one prints everything. stdout is pointed at a file for the
** test and back afterwards: without fork (CK_FORK=no, as under valgrind)
** the suites after this one would otherwise print into a deleted file. */
START_TEST(test_stdout)
{
    char path[] = "/tmp/medel-stdout-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    ck_assert_int_ge(saved, 0);
    ck_assert_ptr_nonnull(freopen(path, "w", stdout));
    const char *names[] = {NULL, "-"};
    for (int k = 0; k < 2; k++) {
        OutFile o;
        char err[256] = "";
        ck_assert(out_open(&o, names[k], NULL, 0, err, sizeof err));
        ck_assert(o.to_stdout);
        ck_assert_ptr_ne(o.f, stdout);
        ck_assert_ptr_null(o.tmp);
        fputs("abandoned\n", o.f);
        out_abort(&o);
        ck_assert(out_open(&o, names[k], NULL, 0, err, sizeof err));
        fputs(k ? "second\n" : "first\n", o.f);
        ck_assert_msg(out_commit(&o, err, sizeof err), "commit: %s", err);
        ck_assert_ptr_null(o.f);
    }
    fflush(stdout);
    ck_assert_int_ge(dup2(saved, STDOUT_FILENO), 0);
    close(saved);
    clearerr(stdout);
    FILE *f = fopen(path, "r");
    char buf[64] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    unlink(path);
    ck_assert_str_eq(buf, "first\nsecond\n");
}
END_TEST

/* A device cannot be renamed over, and must not be: it is written directly. */
START_TEST(test_device_target)
{
    OutFile o;
    char err[256] = "";
    ck_assert_msg(out_open(&o, "/dev/null", NULL, 0, err, sizeof err), "open: %s", err);
    ck_assert_ptr_nonnull(o.f);
    ck_assert_ptr_ne(o.f, stdout);
    ck_assert_ptr_null(o.tmp);
    fputs(CONTENT, o.f);
    ck_assert_msg(out_commit(&o, err, sizeof err), "commit: %s", err);
    struct stat st;
    ck_assert_int_eq(stat("/dev/null", &st), 0);
    ck_assert(S_ISCHR(st.st_mode));

    ck_assert_msg(out_open(&o, "/dev/full", NULL, 0, err, sizeof err), "open: %s", err);
    fputs(CONTENT, o.f);
    ck_assert(!out_commit(&o, err, sizeof err));
    ck_assert_str_eq(err, "kan inte skriva '/dev/full': disken är full");
}
END_TEST

/* ---- the escaping stream ---- */

/* Whatever way the bytes are cut into writes (here one byte at a time,
** unbuffered, so every UTF-8 sequence is cut), the stream shows them as
** diag_put_shown shows the whole string at once; and what it shows holds no
** control byte and is valid UTF-8. Random strings from a pool of hidden,
** visible and invalid pieces. */
START_TEST(test_escaping_stream)
{
    static const char *const pieces[] = {
        "a", "å", "中", "😀", "\x1B", "\x07", "\x7F", "\xC2\x9B", "\xE2\x80\x8B",
        "\xE2\x80\xAE", "\xE2\x80\xA8", "\xC2\xAD", "\xEF\xBB\xBF", "\xFF", "\xC3", "\xE2\x80", "\x80", "\t",
        "\x0C", "\xCC\x81", "ㅤ", "\xF3\xA0\x80\x81"};
    unsigned seed = 12345;
    for (int trial = 0; trial < 500; trial++) {
        char in[256];
        size_t len = 0;
        int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 30;
        for (int k = 0; k < n; k++) {
            const char *pc = pieces[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof pieces / sizeof pieces[0])];
            memcpy(in + len, pc, strlen(pc));
            len += strlen(pc);
        }
        char *want = NULL, *got = NULL;
        size_t want_len = 0, got_len = 0;
        FILE *w = open_memstream(&want, &want_len);
        diag_put_shown(in, len, w);
        fclose(w);
        FILE *under = open_memstream(&got, &got_len);
        FILE *esc = out_escaping_stream(under);
        ck_assert_ptr_nonnull(esc);
        setvbuf(esc, NULL, _IONBF, 0);
        for (size_t i = 0; i < len; i++)
            fputc((unsigned char)in[i], esc);
        ck_assert_int_eq(fclose(esc), 0);
        fclose(under);
        ck_assert_msg(got_len == want_len && memcmp(got, want, got_len) == 0, "trial %d: \"%s\", want \"%s\"", trial,
                      got, want);
        for (size_t i = 0; i < got_len; i++)
            ck_assert_msg((unsigned char)got[i] >= 0x20 && got[i] != 0x7F, "trial %d: raw byte %02X", trial,
                          (unsigned char)got[i]);
        ck_assert_msg(text_valid_utf8(got, got_len, NULL, NULL), "trial %d: not UTF-8: %s", trial, got);
        ck_assert_uint_eq(diag_shown_width(in, len), text_width(got, got_len, 0));
        free(want);
        free(got);
    }
}
END_TEST

/* ---- SHA-256 ---- */

typedef struct HashRow {
    const char *name;
    const char *in;
    size_t repeat;      /* the input is `in` this many times */
    const char *want;
} HashRow;

static const HashRow hash_rows[] = {
    {"empty", "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"448 bits", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"896 bits",
     "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
     1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    /* Many 64 KiB chunks and a partial one. */
    {"a million a", "a", 1000000,
     "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
};

static char *repeated(const HashRow *row, size_t *len)
{
    size_t one = strlen(row->in);
    *len = one * row->repeat;
    char *s = malloc(*len + 1);
    ck_assert_ptr_nonnull(s);
    for (size_t k = 0; k < row->repeat; k++)
        memcpy(s + k * one, row->in, one);
    return s;
}

START_TEST(test_sha256_bytes)
{
    const HashRow *row = &hash_rows[_i];
    size_t len;
    char *in = repeated(row, &len);
    char hex[65];
    memset(hex, 'Z', sizeof hex);
    sha256_bytes(in, len, hex);
    ck_assert_msg(strcmp(hex, row->want) == 0, "%s: %s, want %s", row->name, hex, row->want);
    free(in);
}
END_TEST

START_TEST(test_sha256_file)
{
    const HashRow *row = &hash_rows[_i];
    char dir[DIR_SIZE], path[PATH_MAX_];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/data", dir);
    size_t len;
    char *in = repeated(row, &len);
    write_file(path, in, len);
    free(in);
    char hex[65];
    memset(hex, 'Z', sizeof hex);
    ck_assert_msg(sha256_file(path, hex), "%s: %s", row->name, strerror(errno));
    ck_assert_msg(strcmp(hex, row->want) == 0, "%s: %s, want %s", row->name, hex, row->want);
    remove_tree(dir);
}
END_TEST

START_TEST(test_sha256_file_errors)
{
    char dir[DIR_SIZE], path[PATH_MAX_], hex[65];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/saknas", dir);
    errno = 0;
    ck_assert(!sha256_file(path, hex));
    ck_assert_int_eq(errno, ENOENT);
    errno = 0;
    ck_assert(!sha256_file(dir, hex));
    ck_assert_int_eq(errno, EISDIR);
    remove_tree(dir);
}
END_TEST

static void add_loop(Suite *s, const char *name, const TTest *fn, int n)
{
    TCase *tc = tcase_create(name);
    tcase_add_loop_test(tc, fn, 0, n);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);
}

Suite *make_output_suite(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("commit");
    tcase_add_loop_test(tc, test_commit_new, 0, 2);
    tcase_add_loop_test(tc, test_mode_kept, 0, 2 * N_ROWS(kept_modes));
    tcase_add_test(tc, test_through_links);
    tcase_add_test(tc, test_commit_replaces);
    tcase_add_test(tc, test_abort);
    tcase_add_test(tc, test_other_inputs_allowed);
    tcase_add_test(tc, test_stdout);
    tcase_add_test(tc, test_device_target);
    tcase_add_test(tc, test_sha256_file_errors);
    tcase_add_test(tc, test_escaping_stream);
    suite_add_tcase(s, tc);
    add_loop(s, "refuse_input", test_refuse_input, N_ROWS(refuse_rows));
    add_loop(s, "bad_target", test_bad_target, N_ROWS(bad_rows));
    add_loop(s, "commit_fails", test_commit_fails, N_ROWS(commit_rows));
    add_loop(s, "sha256_bytes", test_sha256_bytes, N_ROWS(hash_rows));
    add_loop(s, "sha256_file", test_sha256_file, N_ROWS(hash_rows));
    return s;
}
