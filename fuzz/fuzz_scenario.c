/*
** fuzz_scenario.c: bytes -> LoadOptions.scenario_text (as --set and --sweep
** make it) over a fixed valid rule program held in memory
** (tests/golden/run/alla_policyer.medel). The program is loaded once with the
** text and no scenario applied, then once more applying each scenario it
** declares (the first 8), rendering diagnostics and dumping to /dev/null.
*/
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void load(const char *path, const char *text, const char *scenario, char ***names, size_t *n_names)
{
    Arena a;
    SourceSet set;
    Diags d;
    arena_init(&a);
    source_set_init(&set);
    diags_init(&d, &set);
    LoadOptions lo = {.scenario = scenario, .scenario_text = text, .scenario_text_name = "kommandoraden"};
    Program *p = program_load_text(&a, &set, &d, path, FUZZ_PROGRAM, sizeof FUZZ_PROGRAM - 1, &lo);
    diags_render(&d, fuzz_devnull());
    if (p && !d.n_errors) {
        program_dump(p, fuzz_devnull());
        TableData *t = tables_load(p, &a, fuzz_report, NULL);
        (void)t;
    }
    if (names && p) {
        *n_names = p->n_scenarios < 8 ? p->n_scenarios : 8;
        *names = calloc(*n_names + 1, sizeof **names);
        if (!*names)
            abort();
        for (size_t i = 0; i < *n_names; i++)
            (*names)[i] = strdup(p->scenarios[i].name ? p->scenarios[i].name : "");
    }
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[128];
    if (!path[0])
        snprintf(path, sizeof path, "%s/regler.medel", fuzz_tmpdir(1));
    char *text = malloc(size + 1);   /* scenario_text is NUL-terminated */
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    char **names = NULL;
    size_t n_names = 0;
    load(path, text, NULL, &names, &n_names);
    for (size_t i = 0; i < n_names; i++) {
        load(path, text, names[i], NULL, NULL);
        free(names[i]);
    }
    free(names);
    free(text);
    return 0;
}
