/*
** fuzz_lettertpl.c: bytes -> a letter template (runtime/lettertpl.c) ->
** compiled against the letters' schema and, when it compiles, rendered for
** a letter with empty lists and values. Oracles (abort() when one breaks):
** a template that does not compile has an error; one with no "{{" in it
** compiles when it is UTF-8 and comes out byte for byte; a rendered letter
** never holds a '<' that the template did not (values are escaped).
*/
#include "fuzz_common.h"

#include "letters.h"
#include "text.h"
#include "lettertpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a;
    SourceSet set;
    Diags d;
    arena_init(&a);
    source_set_init(&set);
    diags_init(&d, &set);
    uint32_t file = source_add(&set, "mall.html", (const char *)data, size);
    const TplSchema *schema = letters_schema();
    LetterTemplate *t = tpl_compile(&a, &set, file, schema, &d);
    bool braces = false;
    size_t lt = 0;
    for (size_t i = 0; i < size; i++) {
        braces |= i + 1 < size && data[i] == '{' && data[i + 1] == '{';
        lt += data[i] == '<';
    }
    if (!t && !d.n_errors)
        abort();
    if (!braces && !t && text_valid_utf8((const char *)data, size, NULL, NULL))
        abort();
    if (t) {
        /* Every value a text with '<' in it, every list empty. */
        TplSlot *slots = arena_alloc(&a, (schema->n + 1) * sizeof *slots);
        memset(slots, 0, (schema->n + 1) * sizeof *slots);
        for (size_t i = 0; i < schema->n; i++)
            if (!schema->names[i].items)
                slots[i].text = "<b>";
        TplRecord root = {slots};
        char *out = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&out, &n);
        if (!f || !tpl_render(t, &root, f))
            abort();
        fclose(f);
        size_t out_lt = 0;
        for (size_t i = 0; i < n; i++)
            out_lt += out[i] == '<';
        if (out_lt > lt || (!braces && (n != size || memcmp(out, data, size))))
            abort();
        free(out);
    }
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return 0;
}
