/*
** fuzz_scenario.c: bytes -> LoadOptions.scenario_text (as --set and --sweep
** make it) over a fixed valid rule program held in memory
** (tests/golden/run/alla_policyer.medel). The program is loaded once with the
** text and no scenario applied, then once more applying each scenario it
** declares (the first 8), rendering diagnostics and dumping to /dev/null.
** When the baseline has no errors, each scenario that program_apply_amounts
** derives from it must give the very diagnostics and program (its dump) that
** loading it gives; the harness aborts if not.
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

/* Renders d, and the dump of p if d has no errors, into one malloc'd text. */
static char *rendering(const Diags *d, const Program *p)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    diags_render(d, f);
    if (p && !d->n_errors)
        program_dump(p, f);
    fclose(f);
    return buf;
}

/* Scenario `name` derived from the baseline must be what loading it gives. */
static void compare_derived(const char *path, const char *text, const Program *base, const SourceSet *set,
                            const Scenario *sc)
{
    Arena a;
    Diags d;
    arena_init(&a);
    diags_init(&d, set);
    const Program *derived = program_apply_amounts(&a, &d, base, sc);
    if (derived) {
        Arena fa;
        SourceSet fset;
        Diags fd;
        arena_init(&fa);
        source_set_init(&fset);
        diags_init(&fd, &fset);
        LoadOptions lo = {.scenario = sc->name, .scenario_text = text, .scenario_text_name = "kommandoraden"};
        Program *full = program_load_text(&fa, &fset, &fd, path, FUZZ_PROGRAM, sizeof FUZZ_PROGRAM - 1, &lo);
        char *want = rendering(&fd, full), *got = rendering(&d, derived);
        if (strcmp(want, got) != 0) {
            fprintf(stderr, "fuzz_scenario: scenario '%s' derived differs from loaded\n--- loaded\n%s--- derived\n%s",
                    sc->name, want, got);
            abort();
        }
        free(want);
        free(got);
        diags_free(&fd);
        source_set_free(&fset);
        arena_free(&fa);
    }
    diags_free(&d);
    arena_free(&a);
}

/* Loads the baseline with the scenario text and checks every scenario it
** can derive (the first 8). */
static void derive_all(const char *path, const char *text)
{
    Arena a;
    SourceSet set;
    Diags d;
    arena_init(&a);
    source_set_init(&set);
    diags_init(&d, &set);
    LoadOptions lo = {.scenario_text = text, .scenario_text_name = "kommandoraden"};
    Program *p = program_load_text(&a, &set, &d, path, FUZZ_PROGRAM, sizeof FUZZ_PROGRAM - 1, &lo);
    for (size_t i = 0; p && !d.n_errors && i < p->n_scenarios && i < 8; i++)
        compare_derived(path, text, p, &set, &p->scenarios[i]);
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
    derive_all(path, text);
    free(text);
    return 0;
}
