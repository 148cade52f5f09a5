/*
** validate.c: medel validate, the static checks of rule files, with a
** summary of each valid file (or its dump) and every error of each invalid one.
*/
#include "commands.h"

#include "arena.h"
#include "diag.h"
#include "parse.h"
#include "program.h"
#include "source.h"
#include "summary.h"

/* Validates one rule file; returns its exit code. */
static int validate_one(const char *path, const MedelValidateOptions *o, FILE *out, FILE *err)
{
    Arena a;
    arena_init(&a);
    SourceSet set;
    source_set_init(&set);
    Diags d;
    diags_init(&d, &set);
    int rc = MEDEL_EXIT_OK;
    LoadOptions lo = {.trace_parse = o->trace_parse, .allow_outside_paths = o->allow_outside_paths,
                      .scenario_file = o->scenario_file};

    if (o->dump_ast) {
        uint32_t file;
        if (!source_load(&set, path, &file)) {
            fprintf(err, "medel: cannot read rule file '%s': %s\n", path, source_load_error());
            rc = MEDEL_EXIT_NOINPUT;
        } else {
            Module *m = parse_module(&a, &set, file, &d, o->trace_parse);
            diags_render(&d, err);
            ast_dump(m, out);
            rc = d.n_errors ? MEDEL_EXIT_RULES : MEDEL_EXIT_OK;
        }
    } else {
        Program *p = program_load(&a, &set, &d, path, &lo);
        diags_render(&d, err);
        if (!p) {
            rc = MEDEL_EXIT_NOINPUT;
        } else if (d.n_errors) {
            fprintf(err, "%s: %zu error%s\n", path, d.n_errors, d.n_errors == 1 ? "" : "s");
            rc = MEDEL_EXIT_RULES;
        } else {
            /* Every scenario must also give a valid program: an override
            ** naming nothing, or breaking a split, is an error here. */
            for (size_t i = 0; i < p->n_scenarios; i++) {
                Arena sa;
                arena_init(&sa);
                SourceSet ss;
                source_set_init(&ss);
                Diags sd;
                diags_init(&sd, &ss);
                LoadOptions slo = lo;
                slo.scenario = p->scenarios[i].name;
                program_load(&sa, &ss, &sd, path, &slo);
                diags_render(&sd, err);
                if (sd.n_errors) {
                    fprintf(err, "%s: scenario %s: %zu error%s\n", path, p->scenarios[i].name, sd.n_errors,
                            sd.n_errors == 1 ? "" : "s");
                    rc = MEDEL_EXIT_RULES;
                }
                diags_free(&sd);
                source_set_free(&ss);
                arena_free(&sa);
            }
            if (rc == MEDEL_EXIT_OK && o->dump) {
                program_dump(p, out);
            } else if (rc == MEDEL_EXIT_OK) {
                fprintf(out, "%s: ok%s\n", path, d.n_warnings ? " (with warnings)" : "");
                summary_print(p, out);
            }
        }
    }
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return rc;
}

int medel_validate(char *const *files, int n_files, const MedelValidateOptions *o, FILE *out, FILE *err)
{
    int worst = MEDEL_EXIT_OK;
    for (int i = 0; i < n_files; i++) {
        int rc = validate_one(files[i], o, out, err);
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
