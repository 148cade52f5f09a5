/*
** validate.c: medel validate, the static checks of rule files, with a
** summary of each valid file (or its dump) and every error of each invalid one.
*/
#include "commands.h"

#include "arena.h"
#include "diag.h"
#include "loader.h"
#include "parse.h"
#include "program.h"
#include "source.h"
#include "summary.h"

/* Validates one rule file; returns its exit code. */
static int validate_one(const char *path, const MedelValidateOptions *o, FILE *out, FILE *err)
{
    Loader L;
    loader_init(&L);
    int rc = MEDEL_EXIT_OK;
    LoadOptions lo = {.trace_parse = o->trace_parse, .allow_outside_paths = o->allow_outside_paths,
                      .scenario_file = o->scenario_file};

    if (o->dump_ast) {
        uint32_t file;
        if (!source_load(&L.set, path, &file)) {
            fprintf(err, "medel: cannot read rule file '%s': %s\n", path, source_load_error());
            rc = MEDEL_EXIT_NOINPUT;
        } else {
            Module *m = parse_module(&L.a, &L.set, file, &L.d, o->trace_parse);
            diags_render(&L.d, err);
            ast_dump(m, out);
            rc = L.d.n_errors ? MEDEL_EXIT_RULES : MEDEL_EXIT_OK;
        }
    } else {
        rc = loader_load(&L, path, &lo, err);
        Program *p = L.prog;
        if (rc == MEDEL_EXIT_RULES) {
            fprintf(err, "%s: %zu error%s\n", path, L.d.n_errors, L.d.n_errors == 1 ? "" : "s");
        } else if (rc == MEDEL_EXIT_OK) {
            /* Every scenario must also give a valid program: an override
            ** naming nothing, or breaking a split, is an error here. */
            for (size_t i = 0; i < p->n_scenarios; i++) {
                Loader S;
                loader_init(&S);
                LoadOptions slo = lo;
                slo.scenario = p->scenarios[i].name;
                loader_load(&S, path, &slo, err);
                if (S.d.n_errors) {
                    fprintf(err, "%s: scenario %s: %zu error%s\n", path, p->scenarios[i].name, S.d.n_errors,
                            S.d.n_errors == 1 ? "" : "s");
                    rc = MEDEL_EXIT_RULES;
                }
                loader_free(&S);
            }
            if (rc == MEDEL_EXIT_OK && o->dump) {
                program_dump(p, out);
            } else if (rc == MEDEL_EXIT_OK) {
                fprintf(out, "%s: ok%s\n", path, L.d.n_warnings ? " (with warnings)" : "");
                summary_print(p, out);
            }
        }
    }
    loader_free(&L);
    return rc;
}

int medel_validate(char *const *files, int n_files, const MedelValidateOptions *o, FILE *out, FILE *err)
{
    int worst = MEDEL_EXIT_OK;
    for (int i = 0; i < n_files; i++) {
        worst = status_worst(worst, validate_one(files[i], o, out, err));   /* the most serious outcome decides */
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(err, "medel: cannot write the output\n");
        return MEDEL_EXIT_IO;
    }
    return worst;
}
