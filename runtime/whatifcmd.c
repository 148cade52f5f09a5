/*
** whatifcmd.c: the core of medel whatif (command.h), for the program and
** the library. Turns --set, --drop and --sweep (or the library's sweep
** values) into scenario text, each value read through the rule files'
** scanner first, adds the caller's scenario text, and runs the comparison
** (whatif.c).
*/
#include "command.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "money.h"
#include "parse.h"
#include "session.h"
#include "whatif.h"

#define MAX_SWEEP_POINTS 10000

/* Reads text[0..len), a part of the value `whole` of option `opt` ("--set"),
** as exactly one value of the kinds in `kinds` (KIND bits of TokenValueKind;
** `want` describes them for the message), through the rule files' scanner,
** so that a value can never become more source than itself. On anything
** else says so on err, naming the option and what was expected, and returns
** NULL. The value (*v, if not NULL) and its text (NFC for a name) live in
** `a`. */
static const char *one_value(Arena *a, const char *opt, const char *whole, const char *text, size_t len, unsigned kinds,
                             const char *want, ParsedValue *v, FILE *err)
{
    static const char *const IS[] = {N_("det är ett namn"), N_("det är ett belopp"), N_("det är en procentsats"),
                                     N_("det är 'resten'")};
    char why[256];
    ParsedValue pv;
    if (!v)
        v = &pv;
    if (!parse_value(a, text, len, v, why, sizeof why))
        ;
    else if (!(kinds & (1u << v->kind)))
        snprintf(why, sizeof why, v->kind == VALUE_OTHER ? _("det är '%s'") : "%s", v->kind == VALUE_OTHER ? v->text : _(IS[v->kind]));
    else
        return v->text;
    /* The option's text as given, with line breaks and tabs shown escaped,
    ** and cut after about 100 bytes (at a character boundary) with "…". */
    char shown[160];
    size_t k = 0;
    for (const char *c = whole; *c; c++) {
        if (k >= 100 && ((unsigned char)*c & 0xC0) != 0x80) {
            memcpy(shown + k, "\xE2\x80\xA6", 3);
            k += 3;
            break;
        }
        if ((unsigned char)*c < 0x20)
            k += (size_t)snprintf(shown + k, sizeof shown - k, *c == '\n' ? "\\n" : *c == '\t' ? "\\t" : "\\x%02X",
                                  (unsigned char)*c);
        else
            shown[k++] = *c;
    }
    shown[k] = '\0';
    fprintf(err, _("medel: %s \"%s\": här ska det stå %s; %s\n"), opt, shown, want, why);
    return NULL;
}

#define KIND(k) (1u << (k))

/* Text of a scenario made from the command line: --set and --drop become one
** scenario, a sweep one scenario per point. Every name and value in it is
** first read as one value of its kind (one_value), and the text is written
** from what was read, never pasted from the option. The result lives in `a`. */
static char *cli_scenarios(Arena *a, const MedelWhatIfOptions *w, WhatIfRun *run, FILE *err, int *rc)
{
    Money *sweep_from = &run->sweep_from, *sweep_step = &run->sweep_step;
    size_t *n_sweep = &run->n_sweep;
    const char **sweep_pot = &run->sweep_pot;
    size_t cap = 4096, at = 0;
    char *text = arena_alloc(a, cap);
#define PUT(...)                                                                                 \
    do {                                                                                         \
        int k_ = snprintf(NULL, 0, __VA_ARGS__);                                                 \
        if (at + (size_t)k_ + 1 > cap) {                                                         \
            text = arena_grow(a, text, at, 2 * (at + (size_t)k_ + 1), 1);                          \
            cap = 2 * (at + (size_t)k_ + 1);                                                     \
        }                                                                                        \
        at += (size_t)snprintf(text + at, cap - at, __VA_ARGS__);                                \
    } while (0)
    *rc = MEDEL_EXIT_USAGE;   /* until every value has been read */
    const char **set_pot = arena_alloc(a, (w->n_sets + 1) * sizeof *set_pot);
    const char **set_value = arena_alloc(a, (w->n_sets + 1) * sizeof *set_value);
    const char **drop = arena_alloc(a, (w->n_drops + 1) * sizeof *drop);
    const char *amount_kinds = _("ett belopp, en procentsats av den överordnade potten eller resten (t.ex. 20 MSEK, 40 %)");
    for (size_t i = 0; i < w->n_sets; i++) {
        const char *eq = strchr(w->sets[i], '=');
        if (!eq || eq == w->sets[i]) {
            fprintf(err, _("medel: --set tar POTT=BELOPP, t.ex. --set \"kommunerna=20 MSEK\"; inte '%s'\n"), w->sets[i]);
            return NULL;
        }
        set_pot[i] = one_value(a, "--set", w->sets[i], w->sets[i], (size_t)(eq - w->sets[i]), KIND(VALUE_NAME),
                               _("en potts namn före '='"), NULL, err);
        if (!set_pot[i])
            return NULL;
        set_value[i] = one_value(a, "--set", w->sets[i], eq + 1, strlen(eq + 1),
                                 KIND(VALUE_AMOUNT) | KIND(VALUE_PERCENT) | KIND(VALUE_REST), amount_kinds, NULL, err);
        if (!set_value[i])
            return NULL;
    }
    for (size_t i = 0; i < w->n_drops; i++) {
        drop[i] = one_value(a, "--drop", w->drops[i], w->drops[i], strlen(w->drops[i]), KIND(VALUE_NAME), _("ett villkors namn"),
                            NULL, err);
        if (!drop[i])
            return NULL;
    }
    run->set_pots = set_pot;
    run->n_set_pots = w->n_sets;
    run->drop_criteria = drop;
    run->n_drop_criteria = w->n_drops;
    if (w->n_sets || w->n_drops) {
        PUT("scenario kommandorad \"");
        for (size_t i = 0; i < w->n_sets; i++)
            PUT("%s%s=%s", i ? ", " : "", set_pot[i], set_value[i]);
        for (size_t i = 0; i < w->n_drops; i++)
            PUT("%s utan %s", w->n_sets || i ? "," : "", drop[i]);
        PUT("\" {\n");
        for (size_t i = 0; i < w->n_sets; i++)
            PUT("    ändra pott %s { belopp %s }\n", set_pot[i], set_value[i]);
        for (size_t i = 0; i < w->n_drops; i++)
            PUT("    ta bort villkor %s\n", drop[i]);
        PUT("}\n");
    }
    const char *pot = NULL;
    Money from = 0, to = 0, by = 0;
    if (w->sweep_pot && !w->sweep) {
        /* The library's sweep: the pot's name is read as one name, as the
        ** command line's is, so that it can never become more source. */
        pot = one_value(a, _("svep"), w->sweep_pot, w->sweep_pot, strlen(w->sweep_pot), KIND(VALUE_NAME), _("en potts namn"), NULL,
                        err);
        if (!pot)
            return NULL;
        from = w->sweep_from, to = w->sweep_to, by = w->sweep_step;
        if (by <= 0 || to < from) {
            fprintf(err, _("medel: svepet av '%s' behöver ett steg större än 0 och en början som inte är större än slutet\n"), pot);
            return NULL;
        }
    } else if (w->sweep) {
        /* "POT=FROM..TO steg STEP" (or "step") */
        const char *eq = strchr(w->sweep, '=');
        const char *dots = eq ? strstr(eq, "..") : NULL;
        const char *step = dots ? strstr(dots, " steg ") : NULL;
        size_t step_len = 6;
        if (dots && !step) {
            step = strstr(dots, " step ");
            step_len = 6;
        }
        /* An empty pot name is caught here: in the generated scenarios it
        ** would be a syntax error per point, in text the user never wrote. */
        if (!eq || eq == w->sweep || !dots || !step) {
            fprintf(err, _("medel: --sweep tar \"POTT=FRÅN..TILL steg STEG\", t.ex. --sweep \"ungdomsmottagningar=30 MSEK..50 MSEK "
                           "steg 1 MSEK\"; inte '%s'\n"),
                    w->sweep);
            return NULL;
        }
        pot = one_value(a, "--sweep", w->sweep, w->sweep, (size_t)(eq - w->sweep), KIND(VALUE_NAME),
                                    _("en potts namn före '='"), NULL, err);
        ParsedValue vf, vt, vs;
        if (!pot ||
            !one_value(a, "--sweep", w->sweep, eq + 1, (size_t)(dots - eq - 1), KIND(VALUE_AMOUNT), _("ett belopp att svepa från (t.ex. 30 MSEK)"), &vf, err) ||
            !one_value(a, "--sweep", w->sweep, dots + 2, (size_t)(step - dots - 2), KIND(VALUE_AMOUNT), _("ett belopp att svepa till (t.ex. 50 MSEK)"), &vt, err) ||
            !one_value(a, "--sweep", w->sweep, step + step_len, strlen(step + step_len), KIND(VALUE_AMOUNT), _("ett belopp som steg (t.ex. 1 MSEK)"), &vs, err))
            return NULL;
        from = vf.money, to = vt.money, by = vs.money;
        if (by <= 0 || to < from) {
            fprintf(err, _("medel: --sweep tar \"POTT=FRÅN..TILL steg STEG\", t.ex. --sweep \"ungdomsmottagningar=30 MSEK..50 MSEK "
                           "steg 1 MSEK\"; inte '%s'\n"),
                    w->sweep);
            return NULL;
        }
    }
    if (pot) {
        size_t n = (size_t)((to - from) / by) + 1;
        if (n > MAX_SWEEP_POINTS) {
            fprintf(err, _("medel: svepet har %zu punkter; det får ha högst %d\n"), n, MAX_SWEEP_POINTS);
            return NULL;
        }
        *sweep_pot = pot;
        *sweep_from = from;
        *sweep_step = by;
        *n_sweep = n;
        for (size_t i = 0; i < n; i++) {
            char buf[48];
            PUT("scenario svep_%zu { ändra pott %s { belopp %s } }\n", i + 1, *sweep_pot,
                money_format(from + (Money)i * by, buf, sizeof buf));
        }
    }
#undef PUT
    *rc = MEDEL_EXIT_OK;
    return at ? text : NULL;
}

int command_whatif(const MedelOptions *o, const MedelWhatIfOptions *wo, bool html, FILE *out, FILE *err)
{
    Arena a;
    arena_init(&a);
    int rc = MEDEL_EXIT_OK;
    WhatIfRun run = {.rules = o->rules, .applications = o->applications, .input_format = input_format(o->input_format), .sheet = o->sheet,
                     .output = o->output, .out = out, .html = html, .keep_going = o->keep_going, .assessments = o->assessments,
                     .allow_outside_paths = o->allow_outside_paths, .werror = o->werror, .scenario_file = wo->scenario_file,
                     .scenarios = wo->scenarios, .n_scenarios = wo->n_scenarios, .all_scenarios = wo->all_scenarios};
    run.xlsx = wo->xlsx;
    run.changes_table = wo->changes_table;
    run.args = wo->args;
    run.n_args = wo->n_args;
    run.format = o->format == MEDEL_FORMAT_CSV ? REPORT_CSV : o->format == MEDEL_FORMAT_JSON ? REPORT_JSON : REPORT_TABLE;
    const char *made = cli_scenarios(&a, wo, &run, err, &rc);
    /* The caller's scenario text first, so that its messages' lines are
    ** its own; what was made of the options after it. */
    if (wo->scenario_text) {
        run.scenario_text = made ? arena_printf(&a, "%s\n%s", wo->scenario_text, made) : wo->scenario_text;
        run.scenario_text_name = wo->scenario_text_name;
    } else {
        run.scenario_text = made;
    }
    if (rc == MEDEL_EXIT_OK)
        rc = whatif_run(&run, err);
    arena_free(&a);
    return rc;
}
