/*
** fixjson.c: validate --format json gives a diagnostic's fix (Diag.fix,
** set by diag_fix) as "fix", the text that replaces [fix_start_byte,
** fix_end_byte): the diagnostic's own span, or the wider one diag_fix_span
** gives ("13 till 19" underlines "till" and replaces all three words); a
** diagnostic without one has no such key. Built on the
** engine's internals (runtime/command.h), not the public API: the fixes
** come from the checker's suggestions, and this sets one directly.
*/
#define _GNU_SOURCE   /* open_memstream */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "diag.h"
#include "source.h"

static int failures;

static void expect(int ok, const char *what, const char *json)
{
    if (!ok) {
        fprintf(stderr, "FAIL: %s\n%s\n", what, json);
        failures++;
    }
}

int main(void)
{
    SourceSet set;
    source_set_init(&set);
    const char *text = "pott p {\n  villkor malgrup ålder inom 13 till 19\n}\n";
    uint32_t file = source_add(&set, "regler.medel", text, strlen(text));
    Diags d;
    diags_init(&d, &set);
    uint32_t at = (uint32_t)(strstr(text, "malgrup") - text);
    diag_error(&d, (Span){file, at, at + 7}, "okänt fält 'malgrup'; menade du 'målgrupp'?");
    diag_fix(&d, "målgrupp");
    diag_note(&d, (Span){file, 0, 4}, "en anteckning");
    diag_warning(&d, (Span){file, 0, 4}, "en varning utan förslag");
    const char *range = "13 till 19";
    uint32_t r = (uint32_t)(strstr(text, "13") - text);
    diag_error(&d, (Span){file, r + 3, r + 7}, "skriv ett intervall med två punkter: 13..19");
    diag_fix_span(&d, (Span){file, r, r + (uint32_t)strlen(range)}, "13..19");

    char *json = NULL;
    size_t len = 0, n = 0;
    FILE *out = open_memstream(&json, &len);
    if (!out)
        return 1;
    validate_json_diags(out, &d, NULL, &n);
    fclose(out);

    char want[256];
    snprintf(want, sizeof want,
             "\"start_byte\": %u, \"end_byte\": %u, \"fix\": \"målgrupp\", \"fix_start_byte\": %u, \"fix_end_byte\": %u, "
             "\"scenario\": null", at, at + 7, at, at + 7);
    expect(n == 3, "three diagnostics", json);
    expect(strstr(json, want) != NULL, "the error's fix after its span, at the span", json);
    char want2[256];
    snprintf(want2, sizeof want2,
             "\"start_byte\": %u, \"end_byte\": %u, \"fix\": \"13..19\", \"fix_start_byte\": %u, \"fix_end_byte\": %u,",
             r + 3, r + 7, r, r + (unsigned)strlen(range));
    expect(strstr(json, want2) != NULL, "the range's fix replaces more than its span", json);
    const char *f1 = strstr(json, "\"fix\"");
    const char *f2 = f1 ? strstr(f1 + 1, "\"fix\"") : NULL;
    expect(f1 && f2 && !strstr(f2 + 1, "\"fix\""), "two fixes only: not on the note, not on the warning", json);
    /* The replacement applied to the span gives the suggested text. */
    char fixed[128];
    snprintf(fixed, sizeof fixed, "%.*s%s%s", (int)at, text, "målgrupp", text + at + 7);
    expect(strstr(fixed, "villkor målgrupp ålder") != NULL, "the fix replaces the span", fixed);
    snprintf(fixed, sizeof fixed, "%.*s%s%s", (int)r, text, "13..19", text + r + strlen(range));
    expect(strstr(fixed, "ålder inom 13..19\n") != NULL, "the range's fix replaces its three words", fixed);

    free(json);
    diags_free(&d);
    source_set_free(&set);
    if (!failures)
        puts("fixjson: the fix is in the JSON");
    return failures != 0;
}
