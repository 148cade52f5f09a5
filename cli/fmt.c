/*
** fmt.c: medel fmt. Rewrites rule files in the canonical layout (format.h),
** or with --check only reports those that are not in it. A file with
** syntax errors is left alone. Files are replaced atomically.
*/
#include "commands.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "format.h"
#include "i18n.h"
#include "loader.h"
#include "output.h"
#include "parse.h"
#include "source.h"

static int fmt_one(const char *path, const MedelFmtOptions *o, FILE *out, FILE *err)
{
    Loader L;
    loader_init(&L);
    int rc = MEDEL_EXIT_OK;
    uint32_t file;
    char *text = NULL;
    size_t len = 0;
    if (!source_load(&L.set, path, &file)) {
        fputs("medel: error: ", err);   /* the label is not translated (editors and logs read it) */
        fprintf(err, _("kan inte läsa regelfilen '%s': %s\n"), path, source_load_error());
        rc = MEDEL_EXIT_NOINPUT;
        goto done;
    }
    Module *m = parse_module(&L.a, &L.set, file, &L.d, false);
    if (L.d.n_errors) {
        diags_render(&L.d, err);
        fprintf(err, _("%s: inte formaterad: rätta först syntaxfelen\n"), path);
        rc = MEDEL_EXIT_RULES;
        goto done;
    }
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        arena_out_of_memory(0);
    format_module(m, &L.set, o->english, mem);
    fclose(mem);
    const SourceFile *sf = source_get(&L.set, file);
    bool same = len == sf->len && memcmp(text, sf->bytes, len) == 0;
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
done:
    free(text);
    loader_free(&L);
    return rc;
}

int medel_fmt(char *const *files, int n, const MedelFmtOptions *o, FILE *out, FILE *err)
{
    int worst = MEDEL_EXIT_OK;
    for (int i = 0; i < n; i++)
        worst = status_worst(worst, fmt_one(files[i], o, out, err));   /* the most serious outcome decides */
    return worst;
}
