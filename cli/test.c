/*
** test.c: medel test on the command line. Runs the tests of each rule file
** named (a folder means every rule file in it, in name order) through
** runtime/testrun.c and ends with the line "N lyckades, N misslyckades", then what
** else failed the run: parts not exercised under --coverage, rule files that
** did not load.
*/
#include "commands.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "testrun.h"

static bool is_test_file(const char *name)
{
    size_t n = strlen(name);
    return n >= 11 && strcmp(name + n - 11, ".test.medel") == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int medel_test(char *const *paths, int n_paths, const MedelTestOptions *o, FILE *out, FILE *err)
{
    TestRun r = {.out = out};
    TestOptions to = {o->allow_outside_paths, o->require_coverage, o->werror};
    arena_init(&r.a);
    int worst = MEDEL_EXIT_OK;
    for (int i = 0; i < n_paths; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            fputs("medel: error: ", err);   /* the label is not translated (editors and logs read it) */
            fprintf(err, _("kan inte läsa regelfilen eller mappen '%s': %s\n"), paths[i], i18n_strerror(errno));
            worst = MEDEL_EXIT_NOINPUT;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            test_file(&r, paths[i], &to, err);
            continue;
        }
        /* A folder: every rule file in it (not its test files), in name order.
        ** Hidden files are skipped: editors and tools leave dotfiles there
        ** (.#x.medel, a temporary copy) that are not the folder's rules. */
        DIR *d = opendir(paths[i]);
        if (!d) {
            fputs("medel: error: ", err);
            fprintf(err, _("kan inte läsa mappen '%s': %s\n"), paths[i], i18n_strerror(errno));
            worst = MEDEL_EXIT_NOINPUT;
            continue;
        }
        char **files = NULL;
        size_t nf = 0;
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            size_t len = strlen(de->d_name);
            if (de->d_name[0] != '.' && len > 6 && !strcmp(de->d_name + len - 6, ".medel") && !is_test_file(de->d_name)) {
                files = xrealloc(files, (nf + 1) * sizeof *files);
                files[nf++] = arena_printf(&r.a, "%s%s%s", paths[i], paths[i][strlen(paths[i]) - 1] == '/' ? "" : "/", de->d_name);
            }
        }
        closedir(d);
        qsort(files, nf, sizeof *files, by_name);
        for (size_t f = 0; f < nf; f++)
            test_file(&r, files[f], &to, err);
        free(files);
    }
    /* The tests alone in "N lyckades, N misslyckades"; what else fails the
    ** run follows on the same line, counted apart. For people, so in their
    ** language; a script reads the exit status, which is the same in
    ** every language (0, or 1 when anything failed). */
    fprintf(out, _("%zu lyckades, %zu misslyckades"), r.passed, r.failed);
    if (r.uncovered)
        fprintf(out, P_("; täckning: %zu del prövas inte", "; täckning: %zu delar prövas inte", r.uncovered), r.uncovered);
    if (r.unloaded)
        fprintf(out, P_("; %zu regelfil gick inte att läsa in", "; %zu regelfiler gick inte att läsa in", r.unloaded),
                r.unloaded);
    fputc('\n', out);
    arena_free(&r.a);
    /* A rule file that does not load fails the run as a failed test does
    ** (it is counted, and its messages say why); a path that cannot be read
    ** is more serious (status_worst). */
    return status_worst(worst, r.failed || r.uncovered || r.unloaded || r.passed == 0 ? MEDEL_EXIT_TESTS_FAILED : MEDEL_EXIT_OK);
}
