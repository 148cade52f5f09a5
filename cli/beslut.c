/*
** beslut.c: medel beslut, the decision letters, into a folder. The letters
** are made by the library's core (runtime/letterscmd.c, which also gives
** medel_run_letters its zip): one HTML letter per applicant (from the
** built-in template or --brevmall) and index.html. What is the program's is
** here: the folder.
**
** Nothing is half written: the letters go into a new temporary folder
** beside the target, which is renamed into place only when every file is
** written. An existing target is replaced only when it holds nothing but
** what medel beslut wrote there before (listed in its .medel-beslut) and no
** input of the run; anything else is refused before a byte is written.
*/
#define _GNU_SOURCE   /* renameat2, to swap a folder of earlier letters atomically */

#include "commands.h"
#include "command.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "letters.h"
#include "lettertpl.h"
#include "session.h"
#include "text.h"

/* The list of what medel wrote into a folder of letters. */
#define MANIFEST ".medel-beslut"
#define MANIFEST_HEAD "medel beslut\n"

/* Reads the manifest of folder dir into a malloc'd NUL-terminated text
** (the caller frees it), or NULL when there is none or it is not medel's. */
static char *read_manifest(const char *dir)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/" MANIFEST, dir) >= sizeof path)
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    size_t len = 0;
    int rc = source_read_all(f, 1 << 20, &text, &len);
    fclose(f);
    if (rc != 0 || !text || strncmp(text, MANIFEST_HEAD, strlen(MANIFEST_HEAD))) {
        free(text);
        return NULL;
    }
    return text;
}

/* Whether name is a line of the manifest. */
static bool listed(const char *manifest, const char *name)
{
    size_t n = strlen(name);
    for (const char *l = manifest; *l;) {
        const char *nl = strchr(l, '\n');
        size_t len = nl ? (size_t)(nl - l) : strlen(l);
        if (len == n && !memcmp(l, name, n))
            return true;
        if (!nl)
            break;
        l = nl + 1;
    }
    return false;
}

/* Whether the file dir/name is one of the run's inputs (device and inode). */
static bool is_input(const char *dir, const char *name, const char *const *inputs, size_t n)
{
    char path[4096];
    struct stat a, b;
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path || stat(path, &a) != 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (inputs[i] && strcmp(inputs[i], "-") && stat(inputs[i], &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
            return true;
    return false;
}

/* May the letters go to dir? It does not exist, or is an empty folder, or
** a folder of earlier letters: nothing in it but what its manifest lists,
** and none of it an input. *replace says that it exists. False, said on
** err, otherwise. */
static bool target_ok(const char *dir, const char *const *inputs, size_t n_inputs, bool *replace, FILE *err)
{
    struct stat st;
    *replace = false;
    if (lstat(dir, &st) != 0) {
        if (errno == ENOENT) {
            /* The folder is made; the one it goes in must be there. */
            char *parent = xstrdup(dir);
            char *slash = strrchr(parent, '/');
            bool ok = true;
            if (slash) {
                *(slash == parent ? slash + 1 : slash) = '\0';
                ok = stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
                if (!ok)
                    fprintf(err, _("medel: beslut: mappen '%s' finns inte; skapa den först, eller ange en annan plats för '%s'\n"),
                            parent, dir);
            }
            free(parent);
            return ok;
        }
        fprintf(err, _("medel: beslut: kan inte skriva till '%s': %s\n"), dir, i18n_strerror(errno));
        return false;
    }
    if (S_ISLNK(st.st_mode)) {
        fprintf(err, _("medel: beslut: '%s' är en symbolisk länk; ange mappen själv eller en ny mapp\n"), dir);
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(err, _("medel: beslut: '%s' finns och är ingen mapp; ange en ny mapp för breven\n"), dir);
        return false;
    }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(err, _("medel: beslut: kan inte läsa mappen '%s': %s\n"), dir, i18n_strerror(errno));
        return false;
    }
    /* Of each kind the first name in byte order, so that the message does
    ** not depend on the order the folder lists its entries in. */
    char *manifest = read_manifest(dir);
    char *input = NULL, *foreign = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char **kind = is_input(dir, e->d_name, inputs, n_inputs) ? &input
                    : !manifest || (strcmp(e->d_name, MANIFEST) && !listed(manifest, e->d_name)) ? &foreign : NULL;
        if (kind && (!*kind || strcmp(e->d_name, *kind) < 0)) {
            free(*kind);
            *kind = xstrdup(e->d_name);
        }
    }
    bool ok = !input && !foreign;
    if (input)
        fprintf(err, _("medel: beslut: mappen '%s' innehåller '%s', som är indata till körningen; ange en annan mapp\n"), dir,
                input);
    else if (foreign)
        fprintf(err,
                _("medel: beslut: mappen '%s' innehåller '%s', som medel inte har skrivit; medel ersätter bara en mapp med "
                  "tidigare beslutsbrev (ange en ny mapp eller töm den)\n"),
                dir, foreign);
    free(input);
    free(foreign);
    closedir(d);
    free(manifest);
    *replace = ok;
    return ok;
}

/* Removes what medel wrote into dir (its manifest's files, the manifest)
** and the folder itself; a file not listed stays (and so does the folder). */
static void remove_letters(const char *dir)
{
    char *manifest = read_manifest(dir);
    char path[4096];
    for (const char *l = manifest ? manifest + strlen(MANIFEST_HEAD) : ""; *l;) {
        const char *nl = strchr(l, '\n');
        size_t len = nl ? (size_t)(nl - l) : strlen(l);
        if (len && (size_t)snprintf(path, sizeof path, "%s/%.*s", dir, (int)len, l) < sizeof path && !memchr(l, '/', len))
            unlink(path);
        if (!nl)
            break;
        l = nl + 1;
    }
    free(manifest);
    if ((size_t)snprintf(path, sizeof path, "%s/" MANIFEST, dir) < sizeof path)
        unlink(path);
    rmdir(dir);
}

/* Writes one file of the letters; false (said on err) on failure. */
typedef bool (*WriteFn)(FILE *f, const void *what);

static bool write_file(const char *dir, const char *name, WriteFn fn, const void *what, FILE *err)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        fprintf(err, _("medel: beslut: sökvägen '%s/%s' är för lång\n"), dir, name);
        return false;
    }
    FILE *f = fopen(path, "wx");
    if (!f) {
        fprintf(err, _("medel: beslut: kan inte skriva '%s': %s\n"), path, i18n_strerror(errno));
        return false;
    }
    bool ok = fn(f, what);
    ok = fflush(f) == 0 && ok && fsync(fileno(f)) == 0;
    int saved = errno;
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        fprintf(err, _("medel: beslut: kan inte skriva '%s': %s\n"), path, i18n_strerror(saved ? saved : EIO));
    return ok;
}

typedef struct LetterJob {
    const LetterTemplate *t;
    const Letter *letter;
} LetterJob;

static bool write_letter(FILE *f, const void *what)
{
    const LetterJob *j = what;
    return tpl_render(j->t, &j->letter->record, f);
}

typedef struct IndexJob {
    const LetterRun *r;
    const Letter *letters;
    size_t n;
} IndexJob;

static bool write_index(FILE *f, const void *what)
{
    const IndexJob *j = what;
    return letters_index(f, j->r, j->letters, j->n);
}

static bool write_manifest(FILE *f, const void *what)
{
    const IndexJob *j = what;
    fputs(MANIFEST_HEAD, f);
    fputs("index.html\n", f);
    for (size_t l = 0; l < j->n; l++)
        fprintf(f, "%s\n", j->letters[l].file);
    return !ferror(f);
}

/* dir without trailing slashes, in a malloc'd copy (the caller frees it). */
static char *bare_dir(const char *dir)
{
    char *d = xstrdup(dir);
    size_t n = strlen(d);
    while (n > 1 && d[n - 1] == '/')
        d[--n] = '\0';
    return d;
}

/* Writes the letters into a temporary folder beside dir and puts it in
** place. Returns an exit code (said on err). */
static int write_letters(const char *dir, bool replace, const LetterTemplate *t, const LetterRun *r, const Letter *letters,
                         size_t n, FILE *err)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", dir) >= sizeof tmp || !mkdtemp(tmp)) {
        fprintf(err, _("medel: beslut: kan inte skapa en tillfällig mapp bredvid '%s': %s\n"), dir, i18n_strerror(errno));
        return MEDEL_EXIT_IO;
    }
    /* As mkdir would make it, under the umask (mkdtemp makes 0700). */
    mode_t mask = umask(0);
    umask(mask);
    chmod(tmp, 0777 & ~mask);
    IndexJob ij = {r, letters, n};
    /* The manifest first: a failure after it leaves a folder that
    ** remove_letters can clear. */
    bool ok = write_file(tmp, MANIFEST, write_manifest, &ij, err);
    for (size_t l = 0; ok && l < n; l++) {
        LetterJob lj = {t, &letters[l]};
        ok = write_file(tmp, letters[l].file, write_letter, &lj, err);
    }
    ok = ok && write_file(tmp, "index.html", write_index, &ij, err);
    if (!ok) {
        remove_letters(tmp);
        return MEDEL_EXIT_IO;
    }
    if (!replace) {
        if (rename(tmp, dir) != 0) {
            fprintf(err, _("medel: beslut: kan inte flytta breven till '%s': %s\n"), dir, i18n_strerror(errno));
            remove_letters(tmp);
            return MEDEL_EXIT_IO;
        }
        return MEDEL_EXIT_OK;
    }
    /* Swap the new folder for the old one in one step, then clear the old. */
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
        remove_letters(tmp);
        return MEDEL_EXIT_OK;
    }
    /* A file system that cannot swap: the old letters aside, the new in place. */
    char old[4096];
    snprintf(old, sizeof old, "%s.old-XXXXXX", dir);
    if (!mkdtemp(old) || rmdir(old) != 0 || rename(dir, old) != 0) {
        fprintf(err, _("medel: beslut: kan inte ersätta '%s': %s\n"), dir, i18n_strerror(errno));
        remove_letters(tmp);
        return MEDEL_EXIT_IO;
    }
    if (rename(tmp, dir) != 0) {
        int saved = errno;
        rename(old, dir);
        fprintf(err, _("medel: beslut: kan inte ersätta '%s': %s\n"), dir, i18n_strerror(saved));
        remove_letters(tmp);
        return MEDEL_EXIT_IO;
    }
    remove_letters(old);
    return MEDEL_EXIT_OK;
}

/* The folder the letters go to, and whether it holds earlier letters. */
typedef struct Target {
    const char *dir;
    bool replace;
} Target;

static bool target_check(void *ctx, const char *const *inputs, size_t n_inputs, FILE *err)
{
    Target *t = ctx;
    return target_ok(t->dir, inputs, n_inputs, &t->replace, err);
}

int medel_beslut(const MedelBeslutOptions *o, FILE *out, FILE *err)
{
    char *dir = bare_dir(o->output);
    Target target = {dir, false};
    LetterBatch b;
    int rc = command_letters(o, target_check, &target, &b, err);
    if (rc == MEDEL_EXIT_OK || (rc == MEDEL_EXIT_APPLICATIONS && b.built)) {
        int wrc = write_letters(dir, target.replace, b.t, &b.run, b.letters, b.n, err);
        if (wrc == MEDEL_EXIT_OK)
            fprintf(out, P_("%s: %zu beslutsbrev och index.html\n", "%s: %zu beslutsbrev och index.html\n", b.n), dir, b.n);
        else
            rc = wrc;
    }
    letters_batch_free(&b);
    free(dir);
    return rc;
}

int medel_mall_brev(const char *output, FILE *out, FILE *err)
{
    OutFile of;
    char msg[512];
    if (!out_open(&of, output, NULL, 0, msg, sizeof msg)) {
        fprintf(err, "medel: %s\n", msg);
        return MEDEL_EXIT_IO;
    }
    out_to_stream(&of, out);
    fwrite(letter_template_builtin, 1, letter_template_builtin_len, of.f);
    if (!out_commit(&of, msg, sizeof msg)) {
        fprintf(err, "medel: %s\n", msg);
        return MEDEL_EXIT_IO;
    }
    return MEDEL_EXIT_OK;
}
