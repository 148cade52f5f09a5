/*
** fmt.c: medel fmt. Rewrites rule files in the canonical layout (format.h),
** or with --check only reports those that are not in it. A file with
** syntax errors is left alone. Files are replaced atomically.
*/
#include "commands.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "output.h"

/* One file: its canonical layout is the library's (command_format, which
** medel_run_format calls too); checking, printing or rewriting it is the
** program's. */
static int fmt_one(const char *path, const MedelFmtOptions *o, FILE *out, FILE *err)
{
    char *text = NULL;
    size_t len = 0;
    bool same = false;
    int rc = command_format(path, NULL, 0, o->english, &text, &len, &same, err);
    if (rc != MEDEL_EXIT_OK)
        return rc;
    if (o->check) {
        if (!same) {
            fprintf(out, _("%s: inte formaterad (kör medel fmt %s)\n"), path, path);
            rc = MEDEL_EXIT_TESTS_FAILED;
        }
    } else if (o->to_stdout) {
        fwrite(text, 1, len, out);
    } else if (!same) {
        OutFile of;
        char msg[512];
        if (!out_open(&of, path, NULL, 0, msg, sizeof msg) || (fwrite(text, 1, len, of.f), !out_commit(&of, msg, sizeof msg))) {
            fprintf(err, "medel: %s\n", msg);
            rc = MEDEL_EXIT_IO;
        } else {
            fprintf(out, _("%s: formaterad\n"), path);
        }
    }
    free(text);
    return rc;
}

int medel_fmt(char *const *files, int n, const MedelFmtOptions *o, FILE *out, FILE *err)
{
    int worst = MEDEL_EXIT_OK;
    for (int i = 0; i < n; i++)
        worst = status_worst(worst, fmt_one(files[i], o, out, err));   /* the most serious outcome decides */
    return worst;
}
