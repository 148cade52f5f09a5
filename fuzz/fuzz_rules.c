/*
** fuzz_rules.c: bytes -> a rule file, loaded with program_load_text as if it
** were <tmp>/regler.medel in an empty private folder (so data files and
** 'utökar' lookups fail cleanly), then its diagnostics rendered and, when it
** checks, the program dumped (both to /dev/null).
*/
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[128];
    if (!path[0])
        snprintf(path, sizeof path, "%s/regler.medel", fuzz_tmpdir(0));
    Arena a;
    SourceSet set;
    Diags d;
    arena_init(&a);
    source_set_init(&set);
    diags_init(&d, &set);
    LoadOptions lo = {0};
    Program *p = program_load_text(&a, &set, &d, path, (const char *)data, size, &lo);
    diags_render(&d, fuzz_devnull());
    if (p && !d.n_errors)
        program_dump(p, fuzz_devnull());
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return 0;
}
