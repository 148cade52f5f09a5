/*
** diff.c: medel diff on the command line. Loads both rule files, each on
** its own, and writes their differences (runtime/diff.c).
*/
#include "commands.h"

#include "arena.h"
#include "diag.h"
#include "diff.h"
#include "i18n.h"
#include "loader.h"
#include "program.h"
#include "source.h"

/* Loads one rule file on its own; returns its exit code. */
static int load_one(Loader *L, const char *path, bool allow_outside_paths, bool werror, FILE *err)
{
    loader_init(L);
    LoadOptions lo = {.allow_outside_paths = allow_outside_paths, .werror = werror};
    int rc = loader_load(L, path, &lo, err);
    char counts[96];
    if ((rc == MEDEL_EXIT_RULES || rc == MEDEL_EXIT_HEADER) && L->d.n_warnings)
        fprintf(err, _("%s: %s i regelfilen\n"), path, diags_count_text(L->d.n_errors, L->d.n_warnings, counts, sizeof counts));
    else if (rc == MEDEL_EXIT_RULES || rc == MEDEL_EXIT_HEADER)
        fprintf(err, P_("%s: %zu fel i regelfilen\n", "%s: %zu fel i regelfilen\n", L->d.n_errors), path, L->d.n_errors);
    else if (rc == MEDEL_EXIT_OK && L->d.n_warnings)
        fprintf(err, "%s: %s\n", path, diags_count_text(0, L->d.n_warnings, counts, sizeof counts));
    return rc;
}

int medel_diff(const char *old_path, const char *new_path, bool json, bool allow_outside_paths, bool werror, FILE *out,
               FILE *err)
{
    Loader lo, ln;
    int rc_o = load_one(&lo, old_path, allow_outside_paths, werror, err);
    int rc_n = load_one(&ln, new_path, allow_outside_paths, werror, err);
    int rc;
    /* As in validate: the more serious outcome decides. */
    if (rc_o != MEDEL_EXIT_OK || rc_n != MEDEL_EXIT_OK)
        rc = status_worst(rc_o, rc_n);
    else
        rc = diff_programs(lo.prog, ln.prog, json, out) ? MEDEL_DIFF_DIFFERS : MEDEL_EXIT_OK;
    loader_free(&ln);
    loader_free(&lo);
    if (fflush(out) != 0 || ferror(out)) {
        fputs(_("medel: kunde inte skriva resultatet av jämförelsen\n"), err);
        return MEDEL_EXIT_IO;
    }
    return rc;
}
