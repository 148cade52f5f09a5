/*
** letterscmd.c: the core of medel beslut (command.h): loads and allocates
** exactly as allocate does and builds one decision letter per applicant
** from the built-in template or another. Where the letters go is the
** caller's: a folder (cli/beslut.c) or a zip archive (command.c).
*/
#include "command.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "text.h"

/* The letters' date: SOURCE_DATE_EPOCH when it is set (the same letters
** again, byte for byte), else today; local time. */
static void letter_date(char *buf, size_t n)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = epoch ? strtoll(epoch, &end, 10) : 0;
    time_t when = epoch && *epoch && !*end && t >= 0 ? (time_t)t : time(NULL);
    struct tm tm;
    if (!localtime_r(&when, &tm) || !strftime(buf, n, "%Y-%m-%d", &tm))
        snprintf(buf, n, "%lld", (long long)when);
}

/* The field --per names: "ansökan" is a letter per application (-2 here),
** else a field of the schema; -1 (said on err, with the closest name) when
** there is none. */
static int per_field(const Program *p, const char *per, FILE *err)
{
    if (!strcmp(per, "ansökan") || !strcmp(per, "ansokan"))
        return -2;
    int f = program_find_field(p, per);
    if (f >= 0)
        return f;
    Arena a;
    arena_init(&a);
    const char **names = arena_alloc(&a, (p->n_fields + 2) * sizeof *names);
    for (size_t i = 0; i < p->n_fields; i++)
        names[i] = p->fields[i].name;
    names[p->n_fields] = "ansökan";
    int k = text_suggest(&a, per, names, p->n_fields + 1);
    if (k >= 0)
        fprintf(err, _("medel: beslut: --per: regelfilen har inget fält '%s'; menade du '%s'?\n"), per, names[k]);
    else
        fprintf(err, _("medel: beslut: --per: regelfilen har inget fält '%s'; ange ett fält i ansökan eller 'ansökan'\n"), per);
    arena_free(&a);
    return -1;
}

void letters_batch_free(LetterBatch *b)
{
    if (b->loaded)
        session_end(&b->s);
    b->loaded = false;
}

int command_letters(const MedelBeslutOptions *o, LetterTargetFn target, void *ctx, LetterBatch *b, FILE *err)
{
    memset(b, 0, sizeof *b);
    Session *s = &b->s;
    LoadOptions lo = {.allow_outside_paths = o->allow_outside_paths, .werror = o->werror};
    int rc = session_load(s, o->rules, &lo, err);
    b->loaded = true;
    if (rc == MEDEL_EXIT_OK)
        rc = session_rulings(s, o->assessments);
    if (rc != MEDEL_EXIT_OK)
        return rc;
    /* The template, checked before anything is read: a misspelt
    ** placeholder stops the run with its place. */
    uint32_t file;
    if (o->template_path) {
        if (!source_load(&s->set, o->template_path, &file)) {
            fprintf(err, _("medel: error: kan inte läsa brevmallen '%s': %s\n"), o->template_path, source_load_error());
            return MEDEL_EXIT_NOINPUT;
        }
    } else {
        file = source_add(&s->set, "beslutsbrev.html", letter_template_builtin, letter_template_builtin_len);
    }
    Diags d;
    diags_init(&d, &s->set);
    b->t = tpl_compile(&s->a, &s->set, file, letters_schema(), &d);
    diags_render(&d, err);
    if (!b->t) {
        fprintf(err, P_("%s: %zu fel; rätta brevmallen först\n", "%s: %zu fel; rätta brevmallen först\n", d.n_errors),
                o->template_path ? o->template_path : "beslutsbrev.html", d.n_errors);
        diags_free(&d);
        return STATUS_RULES;   /* the template has errors, as a rule file's */
    }
    diags_free(&d);
    int field = o->per ? per_field(s->prog, o->per, err) : letters_default_field(s->prog);
    if (field == -1 && o->per)
        return MEDEL_EXIT_USAGE;
    if (field == -2)
        field = -1;
    /* What the letters may not replace, and whether the target can take
    ** them, before reading: a refusal costs nothing. */
    size_t n_inputs;
    const char **inputs = session_inputs(s, o->applications, o->template_path, &n_inputs);
    if (target && !target(ctx, inputs, n_inputs, err))
        return MEDEL_EXIT_IO;
    Application *apps = NULL;
    Assessment **as = NULL;
    Candidate *cands = NULL;
    size_t n = 0;
    ReadOptions ro = {o->applications, input_format(o->input_format), o->keep_going, o->sheet};
    s->keep_values = true;   /* every letter names its applications' titles and applicants */
    rc = read_assessed(s, &ro, &apps, &as, &cands, &n, &b->counts);
    if (rc == MEDEL_EXIT_OK)
        rc = session_rulings_end(s);
    Allocation *al = arena_alloc(&s->a, sizeof *al);
    char msg[512];
    if (rc == MEDEL_EXIT_OK && !allocation_run(&s->cx, apps, cands, n, &s->a, al, msg, sizeof msg))
        rc = allocation_report_failure(al, msg, o->applications, NULL, err);
    if (rc != MEDEL_EXIT_OK)
        return rc;
    letter_date(b->date, sizeof b->date);
    b->run = (LetterRun){&s->cx, apps, (const Assessment *const *)as, n, al, field, b->date, o->rules};
    b->n = letters_build(&s->a, &b->run, &b->letters);
    b->built = true;
    return b->counts.rejected ? MEDEL_EXIT_APPLICATIONS : MEDEL_EXIT_OK;
}
