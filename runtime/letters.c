/*
** letters.c: the decision letters of a run (letters.h). For each
** application it finds the pot that decided it (the one that granted it
** money, else the one that still needs a manual assessment, else the one
** whose criteria it fails), the status in words, the criteria of that pot
** and, for a refusal, the failed criteria's reasons in the rule file's words.
*/
#include "letters.h"

#include <inttypes.h>
#include <string.h>

#include "medel.h"
#include "strmap.h"
#include "verdict.h"

/* ---- the schema: the names a template may use ---- */

enum { C_NAMN, C_BENAMNING, C_SKAL, C_KALLA, C_URL, C_STYCKE, C_UTFALL, N_C };
static const TplName CRIT_NAMES[N_C] = {
    [C_NAMN] = {"namn", NULL},     [C_BENAMNING] = {"benämning", NULL}, [C_SKAL] = {"skäl", NULL},
    [C_KALLA] = {"källa", NULL},   [C_URL] = {"url", NULL},             [C_STYCKE] = {"stycke", NULL},
    [C_UTFALL] = {"utfall", NULL},
};
static const TplSchema CRIT_SCHEMA = {CRIT_NAMES, N_C};

enum {
    A_NYCKEL, A_TITEL, A_SOKT, A_BEVILJAT, A_STATUS, A_POTT, A_FORVALTARE, A_BEVILJAS, A_DELVIS, A_AVSLAS, A_MANUELL,
    A_GRUND, A_SAKNAS, A_VILLKOR, A_AVSLAGSSKAL, A_OPPNA, N_A
};
static const TplName APP_NAMES[N_A] = {
    [A_NYCKEL] = {"nyckel", NULL},
    [A_TITEL] = {"titel", NULL},
    [A_SOKT] = {"sökt", NULL},
    [A_BEVILJAT] = {"beviljat", NULL},
    [A_STATUS] = {"status", NULL},
    [A_POTT] = {"pott", NULL},
    [A_FORVALTARE] = {"förvaltare", NULL},
    [A_BEVILJAS] = {"beviljas", NULL},
    [A_DELVIS] = {"beviljas_delvis", NULL},
    [A_AVSLAS] = {"avslås", NULL},
    [A_MANUELL] = {"prövas_manuellt", NULL},
    [A_GRUND] = {"grund", NULL},
    [A_SAKNAS] = {"saknade_uppgifter", NULL},
    [A_VILLKOR] = {"villkor", &CRIT_SCHEMA},
    [A_AVSLAGSSKAL] = {"avslagsskäl", &CRIT_SCHEMA},
    [A_OPPNA] = {"öppna_villkor", &CRIT_SCHEMA},
};
static const TplSchema APP_SCHEMA = {APP_NAMES, N_A};

enum {
    L_AVTAL, L_AR, L_KALLA, L_URL, L_STYCKE, L_DATUM, L_SOKANDE, L_REGELFIL, L_VERSION, L_ANTAL, L_SUMMA_SOKT,
    L_SUMMA_BEVILJAT, L_ANSOKNINGAR, L_BEVILJADE, L_AVSLAGNA, L_MANUELLA, N_L
};
static const TplName LETTER_NAMES[N_L] = {
    [L_AVTAL] = {"avtal", NULL},
    [L_AR] = {"år", NULL},
    [L_KALLA] = {"källa", NULL},
    [L_URL] = {"url", NULL},
    [L_STYCKE] = {"stycke", NULL},
    [L_DATUM] = {"datum", NULL},
    [L_SOKANDE] = {"sökande", NULL},
    [L_REGELFIL] = {"regelfil", NULL},
    [L_VERSION] = {"version", NULL},
    [L_ANTAL] = {"antal_ansökningar", NULL},
    [L_SUMMA_SOKT] = {"summa_sökt", NULL},
    [L_SUMMA_BEVILJAT] = {"summa_beviljat", NULL},
    [L_ANSOKNINGAR] = {"ansökningar", &APP_SCHEMA},
    [L_BEVILJADE] = {"beviljade", &APP_SCHEMA},
    [L_AVSLAGNA] = {"avslagna", &APP_SCHEMA},
    [L_MANUELLA] = {"manuella", &APP_SCHEMA},
};
static const TplSchema LETTER_SCHEMA = {LETTER_NAMES, N_L};

const TplSchema *letters_schema(void)
{
    return &LETTER_SCHEMA;
}

/* ---- applicants ---- */

int letters_default_field(const Program *p)
{
    int f = cap_field_of(p);
    return f >= 0 ? f : program_find_field(p, "sökande");
}

void letters_slug(const char *text, char *buf, size_t n)
{
    size_t at = 0;
    bool dash = false;
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    while (*s && at + 2 < n && at < 60) {
        char ch = 0;
        size_t step = 1;
        if (s[0] == 0xC3 && s[1]) {
            step = 2;
            switch (s[1]) {
            case 0xA5: case 0xA4: case 0x85: case 0x84: case 0xA0: case 0xA1: case 0x80: case 0x81: ch = 'a'; break;
            case 0xB6: case 0x96: case 0xB8: case 0x98: case 0xB3: case 0x93: ch = 'o'; break;
            case 0xA9: case 0xA8: case 0x89: case 0x88: ch = 'e'; break;
            case 0xBC: case 0x9C: ch = 'u'; break;
            default: ch = 0;
            }
        } else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) {
            ch = (char)*s;
        } else if (*s >= 'A' && *s <= 'Z') {
            ch = (char)(*s - 'A' + 'a');
        } else if (*s >= 0x80) {
            /* Another character: all of its bytes become one separator. */
            while (s[step] >= 0x80 && s[step] < 0xC0)
                step++;
        }
        if (ch) {
            if (dash && at)
                buf[at++] = '-';
            buf[at++] = ch;
            dash = false;
        } else {
            dash = true;
        }
        s += step;
    }
    buf[at] = '\0';
    if (!at)
        snprintf(buf, n, "sokande");
}

/* ---- what a letter says ---- */

static const char *money_text(Arena *a, Money m)
{
    char buf[48];
    return arena_strdup(a, money_format(m, buf, sizeof buf));
}

static Money add_sat(Money x, Money y)
{
    Money s;
    return money_add(x, y, &s) ? s : INT64_MAX;
}

static const char *field_text(Arena *a, const EvalContext *cx, const Application *app, int f)
{
    if (f < 0 || app->values[f].kind == VAL_MISSING)
        return NULL;
    char buf[1024];
    return arena_strdup(a, value_format(cx->prog, cx->tables, cx->prog->fields[f].type, &app->values[f], buf, sizeof buf));
}

static const char *outcome_word(Outcome o)
{
    return o == OUTCOME_PASS ? "uppfyllt" : o == OUTCOME_FAIL ? "ej uppfyllt" : "bedöms manuellt";
}

static TplRecord crit_record(Arena *a, const Program *p, size_t c, Outcome o)
{
    const Criterion *cr = &p->criteria[c];
    TplSlot *s = arena_alloc(a, N_C * sizeof *s);
    memset(s, 0, N_C * sizeof *s);
    s[C_NAMN].text = cr->name;
    s[C_BENAMNING].text = cr->label ? cr->label : cr->name;
    s[C_SKAL].text = cr->reason;
    s[C_KALLA].text = cr->ref.source;
    s[C_URL].text = cr->ref.url;
    s[C_STYCKE].text = cr->ref.paragraph;
    s[C_UTFALL].text = outcome_word(o);
    return (TplRecord){s};
}

/* The criteria of pot k whose outcome is o (or every one, all = true). */
static TplSlot crit_list(Arena *a, const Program *p, int k, const Assessment *as, bool all, Outcome o)
{
    TplSlot slot = {0};
    if (k < 0)
        return slot;
    TplRecord *items = arena_alloc(a, (p->n_criteria + 1) * sizeof *items);
    size_t n = 0;
    for (size_t c = 0; c < p->n_criteria; c++) {
        if (!eval_applies(p, p->criteria[c].pot, k) || (!all && as->crit[c] != o))
            continue;
        items[n++] = crit_record(a, p, c, as->crit[c]);
    }
    slot.items = items;
    slot.n_items = n;
    return slot;
}

/* The pot's name for the letter: its label, and the sub-pot's key. */
static const char *pot_text(Arena *a, const EvalContext *cx, int k, int32_t sub)
{
    if (k < 0)
        return NULL;
    const Pot *pt = &cx->prog->pots[k];
    const char *label = pt->label ? pt->label : pt->name;
    int split = -1;
    for (int q = k; q >= 0 && split < 0; q = cx->prog->pots[q].parent)
        if (cx->prog->pots[q].has_split)
            split = q;
    if (split >= 0 && sub >= 0) {
        const TableData *t = &cx->tables[cx->prog->pots[split].split.table];
        if ((size_t)sub < t->n_rows)
            return arena_printf(a, "%s, %s", label, t->keys[sub]);
    }
    return label;
}

/* For an application still to be assessed in pot k: the columns of the
** missing values that keep it undecided (those its open criteria, the
** pot's 'ansökningar där' and the field routing it to a sub-pot read),
** "Kommun, Sökt pott", or NULL. */
static const char *missing_text(Arena *a, const Program *p, int k, const Application *app, const Assessment *as)
{
    bool *seen = arena_alloc(a, (p->n_fields + 1) * sizeof *seen);
    memset(seen, 0, (p->n_fields + 1) * sizeof *seen);
    for (size_t c = 0; c < p->n_criteria; c++)
        if (eval_applies(p, p->criteria[c].pot, k) && as->crit[c] == OUTCOME_MANUAL)
            program_fields_read(p->criteria[c].require, seen);
    for (int q = k; q >= 0; q = p->pots[q].parent) {
        if (p->pots[q].applies)
            program_fields_read(p->pots[q].applies, seen);
        if (p->pots[q].has_split)
            seen[p->pots[q].split.field] = true;
    }
    char *text = NULL;
    for (size_t f = 0; f < p->n_fields; f++) {
        if (!seen[f] || app->values[f].kind != VAL_MISSING)
            continue;
        const char *col = p->fields[f].column ? p->fields[f].column : p->fields[f].name;
        text = text ? arena_printf(a, "%s, %s", text, col) : arena_strdup(a, col);
    }
    return text;
}

typedef enum AppState { ST_GRANTED, ST_PARTIAL, ST_MANUAL, ST_REFUSED } AppState;

typedef struct AppFacts {
    AppState state;
    TplRecord record;
    Money requested, granted;
} AppFacts;

static AppFacts app_facts(Arena *a, const LetterRun *r, size_t i, const Grant *g)
{
    const Program *p = r->cx->prog;
    const Application *app = &r->apps[i];
    const Assessment *as = r->as[i];
    AppFacts f = {ST_REFUSED, {NULL}, as->requested, 0};
    int k = g ? g->pot : -1;
    int32_t sub = g ? g->sub : (k >= 0 ? as->route[k] : -1);
    if (!g) {
        for (size_t q = 0; q < p->n_pots && k < 0; q++)
            if (eval_takes_applications(p, (int)q) && as->eligible[q] == OUTCOME_MANUAL)
                k = (int)q;
        for (size_t q = 0; q < p->n_pots && k < 0; q++)
            if (eval_takes_applications(p, (int)q) && as->eligible[q] == OUTCOME_FAIL)
                k = (int)q;
        sub = k >= 0 ? as->route[k] : -1;
    }
    const char *grund = NULL;
    if (g && g->amount > 0) {
        f.granted = g->amount;
        f.state = as->requested >= 0 && g->amount < as->requested ? ST_PARTIAL : ST_GRANTED;
    } else if (g) {
        grund = verdict_grant_word(g->status);
    } else if (k >= 0 && as->eligible[k] == OUTCOME_MANUAL) {
        f.state = ST_MANUAL;
    } else if (k < 0) {
        grund = "ingen pott prövar ansökan";
    }
    TplSlot *s = arena_alloc(a, N_A * sizeof *s);
    memset(s, 0, N_A * sizeof *s);
    int title = program_find_field(p, "titel");
    s[A_NYCKEL].text = app->key;
    s[A_TITEL].text = field_text(a, r->cx, app, title);
    s[A_SOKT].text = as->requested >= 0 ? money_text(a, as->requested) : "uppgift saknas";
    s[A_BEVILJAT].text = money_text(a, f.granted);
    static const char *const STATUS[] = {"beviljas", "beviljas delvis", "prövas manuellt", "avslås"};
    s[A_STATUS].text = STATUS[f.state];
    s[A_POTT].text = pot_text(a, r->cx, k, sub);
    s[A_FORVALTARE].text = k >= 0 ? p->pots[k].manager : NULL;
    s[A_BEVILJAS].text = f.state == ST_GRANTED ? "ja" : NULL;
    s[A_DELVIS].text = f.state == ST_PARTIAL ? "ja" : NULL;
    s[A_AVSLAS].text = f.state == ST_REFUSED ? "ja" : NULL;
    s[A_MANUELL].text = f.state == ST_MANUAL ? "ja" : NULL;
    s[A_GRUND].text = grund;
    s[A_SAKNAS].text = f.state == ST_MANUAL ? missing_text(a, p, k, app, as) : NULL;
    s[A_VILLKOR] = crit_list(a, p, k, as, true, OUTCOME_PASS);
    if (f.state == ST_REFUSED)
        s[A_AVSLAGSSKAL] = crit_list(a, p, k, as, false, OUTCOME_FAIL);
    s[A_OPPNA] = crit_list(a, p, k, as, false, OUTCOME_MANUAL);
    f.record = (TplRecord){s};
    return f;
}

/* ---- the letters ---- */

size_t letters_build(Arena *a, const LetterRun *r, Letter **out)
{
    const Program *p = r->cx->prog;
    size_t n = r->n;
    /* The grant that decided each application: one that paid, else its
    ** last (the pot it got furthest in). */
    const Grant **decided = arena_alloc(a, (n + 1) * sizeof *decided);
    memset(decided, 0, (n + 1) * sizeof *decided);
    for (size_t g = 0; g < r->al->n_grants; g++) {
        const Grant *gr = &r->al->grants[g];
        if (gr->app < 0 || (size_t)gr->app >= n)
            continue;
        const Grant **d = &decided[gr->app];
        if (!*d || (*d)->amount <= 0)
            *d = gr;
    }
    AppFacts *facts = arena_alloc(a, (n + 1) * sizeof *facts);
    for (size_t i = 0; i < n; i++)
        facts[i] = app_facts(a, r, i, decided[i]);
    /* Applicants in order of first appearance; a linear search per
    ** application is plenty for the letters of one agreement, but a map
    ** keeps a large run linear. */
    Letter *letters = arena_alloc(a, (n + 1) * sizeof *letters);
    size_t *of = arena_alloc(a, (n + 1) * sizeof *of);
    size_t n_letters = 0;
    StrMap by_name = {0};
    for (size_t i = 0; i < n; i++) {
        const char *who = field_text(a, r->cx, &r->apps[i], r->per_field);
        size_t l = n_letters;
        if (who) {
            int32_t seen = strmap_insert(&by_name, a, who, strlen(who), (int32_t)n_letters);
            if (seen >= 0)
                l = (size_t)seen;
        }
        if (l == n_letters) {
            memset(&letters[l], 0, sizeof letters[l]);
            letters[l].applicant = who ? who : r->apps[i].key;
            n_letters++;
        }
        of[i] = l;
        letters[l].n_apps++;
    }
    for (size_t l = 0; l < n_letters; l++) {
        letters[l].apps = arena_alloc(a, letters[l].n_apps * sizeof *letters[l].apps);
        letters[l].n_apps = 0;
    }
    for (size_t i = 0; i < n; i++) {
        Letter *L = &letters[of[i]];
        L->apps[L->n_apps++] = i;
        if (facts[i].requested > 0)
            L->requested = add_sat(L->requested, facts[i].requested);
        L->granted = add_sat(L->granted, facts[i].granted);
        L->n_granted += facts[i].granted > 0;
    }
    /* File names: the slug, numbered from 2 on a collision (with an
    ** earlier letter or with the index). */
    StrMap names = {0};
    strmap_insert(&names, a, "index", 5, 0);
    for (size_t l = 0; l < n_letters; l++) {
        char slug[72];
        letters_slug(letters[l].applicant, slug, sizeof slug);
        const char *name = arena_strdup(a, slug);
        for (unsigned k = 2; strmap_find(&names, name, strlen(name)) >= 0; k++)
            name = arena_printf(a, "%s-%u", slug, k);
        strmap_insert(&names, a, name, strlen(name), 0);
        letters[l].file = arena_printf(a, "%s.html", name);
    }
    /* The records. */
    char year[32];
    if (p->year_to && p->year_to != p->year_from)
        snprintf(year, sizeof year, "%d–%d", p->year_from, p->year_to);
    else
        snprintf(year, sizeof year, "%d", p->year_from);
    for (size_t l = 0; l < n_letters; l++) {
        Letter *L = &letters[l];
        TplSlot *s = arena_alloc(a, N_L * sizeof *s);
        memset(s, 0, N_L * sizeof *s);
        s[L_AVTAL].text = p->name;
        s[L_AR].text = p->year_from ? arena_strdup(a, year) : NULL;
        s[L_KALLA].text = p->ref.source;
        s[L_URL].text = p->ref.url;
        s[L_STYCKE].text = p->ref.paragraph;
        s[L_DATUM].text = r->date;
        s[L_SOKANDE].text = L->applicant;
        s[L_REGELFIL].text = r->rules;
        s[L_VERSION].text = medel_version();
        s[L_ANTAL].text = arena_printf(a, "%zu", L->n_apps);
        s[L_SUMMA_SOKT].text = money_text(a, L->requested);
        s[L_SUMMA_BEVILJAT].text = money_text(a, L->granted);
        static const int LISTS[] = {L_ANSOKNINGAR, L_BEVILJADE, L_AVSLAGNA, L_MANUELLA};
        for (size_t k = 0; k < sizeof LISTS / sizeof *LISTS; k++) {
            TplRecord *items = arena_alloc(a, L->n_apps * sizeof *items);
            size_t m = 0;
            for (size_t j = 0; j < L->n_apps; j++) {
                const AppFacts *f = &facts[L->apps[j]];
                bool take = LISTS[k] == L_ANSOKNINGAR ||
                            (LISTS[k] == L_BEVILJADE && (f->state == ST_GRANTED || f->state == ST_PARTIAL)) ||
                            (LISTS[k] == L_AVSLAGNA && f->state == ST_REFUSED) ||
                            (LISTS[k] == L_MANUELLA && f->state == ST_MANUAL);
                if (take)
                    items[m++] = f->record;
            }
            s[LISTS[k]].items = items;
            s[LISTS[k]].n_items = m;
        }
        L->record = (TplRecord){s};
    }
    *out = letters;
    return n_letters;
}

/* ---- the index ---- */

static void put(FILE *out, const char *s)
{
    if (s)
        tpl_put_escaped(out, s, strlen(s));
}

bool letters_index(FILE *out, const LetterRun *r, const Letter *letters, size_t n)
{
    const Program *p = r->cx->prog;
    char buf[48];
    fputs("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<title>Beslutsbrev – ", out);
    put(out, p->name);
    fputs("</title>\n<style>\n"
          "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 11pt; margin: 2em; color: #000; }\n"
          "table { border-collapse: collapse; width: 100%; }\n"
          "th, td { border-bottom: 1px solid #999; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }\n"
          "td.belopp, th.belopp { text-align: right; white-space: nowrap; }\n"
          "thead { display: table-header-group; }\n"
          "@page { size: A4; margin: 20mm; }\n"
          "@media print { body { margin: 0; } a { color: #000; text-decoration: none; } }\n"
          "</style>\n</head>\n<body>\n<h1>Beslutsbrev</h1>\n<p>", out);
    put(out, p->name);
    fprintf(out, ". Daterade %s. %zu brev.</p>\n", r->date, n);
    fputs("<table>\n<thead><tr><th>Sökande</th><th>Ansökningar</th><th class=\"belopp\">Sökt</th>"
          "<th class=\"belopp\">Beviljat</th><th>Brev</th></tr></thead>\n<tbody>\n", out);
    for (size_t l = 0; l < n; l++) {
        const Letter *L = &letters[l];
        fputs("<tr><td>", out);
        put(out, L->applicant);
        fputs("</td><td>", out);
        for (size_t j = 0; j < L->n_apps; j++) {
            if (j)
                fputs(", ", out);
            put(out, r->apps[L->apps[j]].key);
        }
        fputs("</td><td class=\"belopp\">", out);
        put(out, money_format(L->requested, buf, sizeof buf));
        fputs("</td><td class=\"belopp\">", out);
        put(out, money_format(L->granted, buf, sizeof buf));
        fputs("</td><td><a href=\"", out);
        put(out, L->file);
        fputs("\">", out);
        put(out, L->file);
        fputs("</a></td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</body>\n</html>\n", out);
    return !ferror(out);
}
