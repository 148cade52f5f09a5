/*
** loader.c: setting up, loading and freeing a rule file's load (loader.h).
*/
#include "loader.h"

#include "i18n.h"
#include "status.h"

void loader_init_parts(Arena *a, SourceSet *set, Diags *d)
{
    arena_init(a);
    source_set_init(set);
    diags_init(d, set);
}

void loader_free_parts(Arena *a, SourceSet *set, Diags *d)
{
    diags_free(d);
    source_set_free(set);
    arena_free(a);
}

void loader_init(Loader *L)
{
    loader_init_parts(&L->a, &L->set, &L->d);
    L->prog = NULL;
}

void loader_free(Loader *L)
{
    loader_free_parts(&L->a, &L->set, &L->d);
}

int loader_load_parts(Arena *a, SourceSet *set, Diags *d, const char *path, const LoadOptions *lo, FILE *err,
                      Program **prog)
{
    return loader_load_parts_text(a, set, d, path, NULL, 0, lo, err, prog);
}

int loader_load_parts_text(Arena *a, SourceSet *set, Diags *d, const char *path, const char *text, size_t len,
                           const LoadOptions *lo, FILE *err, Program **prog)
{
    *prog = text ? program_load_text(a, set, d, path, text, len, lo) : program_load(a, set, d, path, lo);
    if (err)
        diags_render(d, err);
    if (!*prog)
        return STATUS_NOINPUT;
    /* --werror: the warnings, shown as warnings, make the file one with
    ** errors; said once, after them, as GCC does. */
    bool warned = lo && lo->werror && d->n_warnings;
    if (warned && err)
        fputs(_("medel: varningarna räknas som fel (--werror)\n"), err);
    /* Only a data file's columns that do not match: exit 69, as for an
    ** application file's header. */
    if (d->n_errors && d->n_errors == d->n_header_errors && !warned)
        return STATUS_HEADER;
    return d->n_errors || warned ? STATUS_RULES : STATUS_OK;
}

int loader_load(Loader *L, const char *path, const LoadOptions *lo, FILE *err)
{
    return loader_load_parts(&L->a, &L->set, &L->d, path, lo, err, &L->prog);
}

int loader_load_text(Loader *L, const char *path, const char *text, size_t len, const LoadOptions *lo, FILE *err)
{
    return loader_load_parts_text(&L->a, &L->set, &L->d, path, text, len, lo, err, &L->prog);
}
