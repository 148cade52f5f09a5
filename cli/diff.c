/*
** diff.c: medel diff on the command line. Loads both rule files, each on
** its own, and writes their differences (runtime/diff.c).
*/
#include "commands.h"

#include "arena.h"
#include "diag.h"
#include "diff.h"
#include "program.h"
#include "source.h"

typedef struct Loaded {
    Arena a;
    SourceSet set;
    Diags d;
    Program *p;
} Loaded;

/* Loads one rule file on its own; returns its exit code. */
static int load_one(Loaded *L, const char *path, bool allow_outside_paths, FILE *err)
{
    arena_init(&L->a);
    source_set_init(&L->set);
    diags_init(&L->d, &L->set);
    LoadOptions lo = {.allow_outside_paths = allow_outside_paths};
    L->p = program_load(&L->a, &L->set, &L->d, path, &lo);
    diags_render(&L->d, err);
    if (!L->p)
        return MEDEL_EXIT_NOINPUT;
    if (L->d.n_errors) {
        fprintf(err, "%s: %zu error%s\n", path, L->d.n_errors, L->d.n_errors == 1 ? "" : "s");
        return MEDEL_EXIT_RULES;
    }
    return MEDEL_EXIT_OK;
}

static void unload(Loaded *L)
{
    diags_free(&L->d);
    source_set_free(&L->set);
    arena_free(&L->a);
}

int medel_diff(const char *old_path, const char *new_path, bool json, bool allow_outside_paths, FILE *out, FILE *err)
{
    Loaded lo, ln;
    int rc_o = load_one(&lo, old_path, allow_outside_paths, err);
    int rc_n = load_one(&ln, new_path, allow_outside_paths, err);
    int rc;
    /* As in validate: a file that cannot be read is the more serious. */
    if (rc_o == MEDEL_EXIT_NOINPUT || rc_n == MEDEL_EXIT_NOINPUT)
        rc = MEDEL_EXIT_NOINPUT;
    else if (rc_o != MEDEL_EXIT_OK || rc_n != MEDEL_EXIT_OK)
        rc = MEDEL_EXIT_RULES;
    else
        rc = diff_programs(lo.p, ln.p, json, out) ? MEDEL_DIFF_DIFFERS : MEDEL_EXIT_OK;
    unload(&ln);
    unload(&lo);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(err, "medel: cannot write the output\n");
        return MEDEL_EXIT_IO;
    }
    return rc;
}
