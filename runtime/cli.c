/*
** cli.c: argument parsing and the commands of medel. Kept thin: each command
** loads what it needs through the libraries and prints.
*/
#include "cli.h"

#include <stdbool.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "parse.h"
#include "program.h"
#include "source.h"
#include "summary.h"

#ifndef MEDEL_VERSION
#define MEDEL_VERSION "0"
#endif

static const char USAGE[] =
    "usage: medel validate [--dump | --dump-ast] [--allow-outside-paths] [--trace-parse] RULES…\n"
    "       medel --version | --help\n"
    "\n"
    "  validate   check rule files and print a summary of their pots\n"
    "\n"
    "exit codes: 0 ok, 64 usage, 65 errors in a rule file, 66 file not found, 70 internal error, 74 write error\n";

typedef struct ValidateOpts {
    bool dump, dump_ast, quiet;
    LoadOptions load;
} ValidateOpts;

/* Validates one rule file; returns its exit code. */
static int validate_one(const char *path, const ValidateOpts *o, FILE *out, FILE *err)
{
    Arena a;
    arena_init(&a);
    SourceSet set;
    source_set_init(&set);
    Diags d;
    diags_init(&d, &set);
    int rc = MEDEL_EXIT_OK;

    if (o->dump_ast) {
        uint32_t file;
        if (!source_load(&set, path, &file)) {
            fprintf(err, "medel: cannot read rule file '%s'\n", path);
            rc = MEDEL_EXIT_NOINPUT;
        } else {
            Module *m = parse_module(&a, &set, file, &d, o->load.trace_parse);
            diags_render(&d, err);
            ast_dump(m, out);
            rc = d.n_errors ? MEDEL_EXIT_RULES : MEDEL_EXIT_OK;
        }
    } else {
        Program *p = program_load(&a, &set, &d, path, &o->load);
        diags_render(&d, err);
        if (!p) {
            rc = MEDEL_EXIT_NOINPUT;
        } else if (d.n_errors) {
            fprintf(err, "%s: %zu error%s%s\n", path, d.n_errors, d.n_errors == 1 ? "" : "s",
                    d.n_warnings ? "" : "");
            rc = MEDEL_EXIT_RULES;
        } else if (o->dump) {
            program_dump(p, out);
        } else {
            fprintf(out, "%s: ok%s\n", path, d.n_warnings ? " (with warnings)" : "");
            summary_print(p, out);
        }
    }
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return rc;
}

static int cmd_validate(int argc, char **argv, FILE *out, FILE *err)
{
    ValidateOpts o = {0};
    int n_files = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--dump"))
            o.dump = true;
        else if (!strcmp(a, "--dump-ast"))
            o.dump_ast = true;
        else if (!strcmp(a, "--trace-parse"))
            o.load.trace_parse = true;
        else if (!strcmp(a, "--allow-outside-paths"))
            o.load.allow_outside_paths = true;
        else if (a[0] == '-' && a[1]) {
            fprintf(err, "medel validate: unknown option '%s'\n%s", a, USAGE);
            return MEDEL_EXIT_USAGE;
        } else
            n_files++;
    }
    if (n_files == 0) {
        fprintf(err, "medel validate: no rule file given\n%s", USAGE);
        return MEDEL_EXIT_USAGE;
    }
    int worst = MEDEL_EXIT_OK;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            continue;
        int rc = validate_one(argv[i], &o, out, err);
        /* The most serious outcome decides: unreadable beats invalid. */
        if (rc == MEDEL_EXIT_NOINPUT || (rc != MEDEL_EXIT_OK && worst == MEDEL_EXIT_OK))
            worst = rc;
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(err, "medel: cannot write the output\n");
        return MEDEL_EXIT_IO;
    }
    return worst;
}

int medel_main(int argc, char **argv, FILE *out, FILE *err)
{
    if (argc < 2) {
        fputs(USAGE, err);
        return MEDEL_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--version")) {
        fprintf(out, "medel %s\n", MEDEL_VERSION);
        return MEDEL_EXIT_OK;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(USAGE, out);
        return MEDEL_EXIT_OK;
    }
    if (!strcmp(cmd, "validate"))
        return cmd_validate(argc - 2, argv + 2, out, err);
    fprintf(err, "medel: unknown command '%s'\n%s", cmd, USAGE);
    return MEDEL_EXIT_USAGE;
}
