/*
** rulecmds.c: the cores of medel fmt and medel diff, and the file a rule
** file extends (command.h): on a rule file as saved, or on an editor's text
** of it. The program (cli/fmt.c, cli/diff.c) and the library (command.c)
** both call them.
*/
#define _GNU_SOURCE   /* open_memstream */

#include "command.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "diff.h"
#include "format.h"
#include "i18n.h"
#include "loader.h"
#include "parse.h"
#include "program.h"
#include "source.h"

/* Puts the rule file path (or text[0..len) under its name) into L's
** source set; false (said on err when it is not NULL) when it cannot be read. */
static bool add_rules(Loader *L, const char *path, const char *text, size_t len, uint32_t *file, FILE *err)
{
    if (text) {
        *file = source_add(&L->set, path, text, len);
        return true;
    }
    if (source_load(&L->set, path, file))
        return true;
    if (err) {
        fputs("medel: error: ", err);   /* the label is not translated (editors and logs read it) */
        fprintf(err, _("kan inte läsa regelfilen '%s': %s\n"), path, source_load_error());
    }
    return false;
}

int command_format(const char *path, const char *text, size_t len, bool english, char **formatted, size_t *len_out,
                   bool *same, FILE *err)
{
    Loader L;
    loader_init(&L);
    int rc = MEDEL_EXIT_OK;
    uint32_t file;
    *formatted = NULL;
    *len_out = 0;
    if (!add_rules(&L, path, text, len, &file, err)) {
        loader_free(&L);
        return MEDEL_EXIT_NOINPUT;
    }
    Module *m = parse_module(&L.a, &L.set, file, &L.d, false);
    if (L.d.n_errors) {
        diags_render(&L.d, err);
        fprintf(err, _("%s: inte formaterad: rätta först syntaxfelen\n"), path);
        loader_free(&L);
        return MEDEL_EXIT_RULES;
    }
    char *out = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&out, &n);
    if (!mem)
        arena_out_of_memory(0);
    format_module(m, &L.set, english, mem);
    fclose(mem);
    if (same) {
        const SourceFile *sf = source_get(&L.set, file);
        *same = n == sf->len && memcmp(out, sf->bytes, n) == 0;
    }
    *formatted = out;
    *len_out = n;
    loader_free(&L);
    return rc;
}

/* Loads one rule file on its own; returns its exit code. */
static int load_one(Loader *L, const char *path, const char *text, size_t len, bool allow_outside_paths, bool werror,
                    FILE *err)
{
    loader_init(L);
    LoadOptions lo = {.allow_outside_paths = allow_outside_paths, .werror = werror};
    int rc = loader_load_text(L, path, text, len, &lo, err);
    char counts[96];
    if ((rc == MEDEL_EXIT_RULES || rc == MEDEL_EXIT_HEADER) && L->d.n_warnings)
        fprintf(err, _("%s: %s i regelfilen\n"), path, diags_count_text(L->d.n_errors, L->d.n_warnings, counts, sizeof counts));
    else if (rc == MEDEL_EXIT_RULES || rc == MEDEL_EXIT_HEADER)
        fprintf(err, P_("%s: %zu fel i regelfilen\n", "%s: %zu fel i regelfilen\n", L->d.n_errors), path, L->d.n_errors);
    else if (rc == MEDEL_EXIT_OK && L->d.n_warnings)
        fprintf(err, "%s: %s\n", path, diags_count_text(0, L->d.n_warnings, counts, sizeof counts));
    return rc;
}

int command_diff(const char *old_path, const char *new_path, const char *new_text, size_t new_len, bool json,
                 bool allow_outside_paths, bool werror, bool old_extended, FILE *out, FILE *err)
{
    Loader lo, ln;
    int rc_o, rc_n;
    if (old_extended) {
        /* The old file is the one the new one names after 'utökar': the
        ** new one's load checks that name (inside the folder, unless
        ** allowed) before reading it, so the old one is read only after
        ** the new one loaded; a name out of the folder is never opened. */
        rc_n = load_one(&ln, new_path, new_text, new_len, allow_outside_paths, werror, err);
        if (rc_n == MEDEL_EXIT_OK) {
            rc_o = load_one(&lo, old_path, NULL, 0, allow_outside_paths, werror, err);
        } else {
            loader_init(&lo);
            rc_o = MEDEL_EXIT_OK;
        }
    } else {
        rc_o = load_one(&lo, old_path, NULL, 0, allow_outside_paths, werror, err);
        rc_n = load_one(&ln, new_path, new_text, new_len, allow_outside_paths, werror, err);
    }
    int rc;
    /* As in validate: the more serious outcome decides. */
    if (rc_o != MEDEL_EXIT_OK || rc_n != MEDEL_EXIT_OK)
        rc = status_worst(rc_o, rc_n);
    else
        rc = diff_programs(lo.prog, ln.prog, json, out) ? MEDEL_EXIT_DIFFERS : MEDEL_EXIT_OK;
    loader_free(&ln);
    loader_free(&lo);
    if (fflush(out) != 0 || ferror(out)) {
        fputs(_("medel: kunde inte skriva resultatet av jämförelsen\n"), err);
        return MEDEL_EXIT_IO;
    }
    return rc;
}

int command_extends(const char *path, const char *text, size_t len, char *buf, size_t n)
{
    if (n)
        buf[0] = '\0';
    Loader L;
    loader_init(&L);
    uint32_t file;
    if (!add_rules(&L, path, text, len, &file, NULL)) {
        loader_free(&L);
        return MEDEL_EXIT_NOINPUT;
    }
    Module *m = parse_module(&L.a, &L.set, file, &L.d, false);
    /* The first 'utökar', resolved as program.c resolves it: against the
    ** folder of the file that names it. */
    for (size_t i = 0; i < m->items.n; i++) {
        const Item *it = m->items.items[i];
        if (it->kind != ITEM_EXTENDS || !it->text)
            continue;
        const char *slash = strrchr(path, '/');
        if (it->text[0] == '/' || !slash)
            snprintf(buf, n, "%s", it->text);
        else
            snprintf(buf, n, "%.*s/%s", (int)(slash - path), path, it->text);
        break;
    }
    int rc = L.d.n_errors ? MEDEL_EXIT_RULES : MEDEL_EXIT_OK;
    loader_free(&L);
    return rc;
}
