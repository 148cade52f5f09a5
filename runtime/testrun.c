/*
** testrun.c: the engine of medel test. Runs the 'test' blocks written next
** to the rules (in the rule file, or in NAME.test.medel beside NAME.medel):
** each gives one application (or an application file), optionally a
** scenario, and what is expected: eligibility per pot with the failed
** criteria, a grant, a pot's amount. Prints each failure with the expected
** and the actual value and the test's location, and the criteria and pots no
** test exercises. The command (cli/test.c) walks the folders and prints the
** "N lyckades, N misslyckades" line.
**
** The messages are for the people who write the tests, in the chosen
** language (Swedish by default); the verdict words in them (stödberättigad,
** ej_stödberättigad, uppfylld, …) are the test's own words, as written in
** the test file, in every language.
*/
#include "testrun.h"

#include <dirent.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "session.h"
#include "status.h"
#include "text.h"
#include "verdict.h"

typedef TestRun Run;

/* What the tests exercise, by index in the baseline program. A test's own
** coverage counts only when every one of its expectations held. */
typedef struct Coverage {
    bool *criterion;
    bool *pot;
    bool *priority;
    bool *portfolio;
} Coverage;

static Coverage coverage_new(Arena *a, const Program *p)
{
    return (Coverage){arena_alloc(a, (p->n_criteria + 1) * sizeof(bool)), arena_alloc(a, (p->n_pots + 1) * sizeof(bool)),
                      arena_alloc(a, (p->n_priorities + 1) * sizeof(bool)), arena_alloc(a, (p->n_portfolios + 1) * sizeof(bool))};
}

/* Adds `from` into `into` (both of program p), and clears `from`. */
static void coverage_merge(Coverage *into, Coverage *from, const Program *p)
{
    for (size_t i = 0; i < p->n_criteria; i++)
        into->criterion[i] |= from->criterion[i];
    for (size_t i = 0; i < p->n_pots; i++)
        into->pot[i] |= from->pot[i];
    for (size_t i = 0; i < p->n_priorities; i++)
        into->priority[i] |= from->priority[i];
    for (size_t i = 0; i < p->n_portfolios; i++)
        into->portfolio[i] |= from->portfolio[i];
    memset(from->criterion, 0, (p->n_criteria + 1) * sizeof(bool));
    memset(from->pot, 0, (p->n_pots + 1) * sizeof(bool));
    memset(from->priority, 0, (p->n_priorities + 1) * sizeof(bool));
    memset(from->portfolio, 0, (p->n_portfolios + 1) * sizeof(bool));
}

/* The index of the priority or portfolio constraint named `name` in p, or -1. */
static int find_priority(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_priorities; i++)
        if (!strcmp(p->priorities[i].name, name))
            return (int)i;
    return -1;
}

static int find_portfolio(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_portfolios; i++)
        if (!strcmp(p->portfolios[i].name, name))
            return (int)i;
    return -1;
}

static const char *loc(Arena *a, const SourceSet *set, Span sp)
{
    const SourceFile *f = source_get(set, sp.file);
    SourcePos pos = source_position(f, sp.start);
    return arena_printf(a, "%s:%zu:%zu", f->path, pos.line, pos.col);
}

/* The value of a test field as a cell would hold it: a text's contents, a
** set's members without braces, otherwise the expression as written. */
static const char *cell_text(Arena *a, const SourceSet *set, const Expr *e)
{
    if (e->kind == EXPR_TEXT)
        return e->v.text;
    const SourceFile *f = source_get(set, e->span.file);
    const char *s = f->bytes + e->span.start;
    size_t len = e->span.end - e->span.start;
    if (e->kind == EXPR_SET && len >= 2) {
        s++;
        len -= 2;
    }
    return arena_strndup(a, s, len);
}

static bool status_of(const char *w, Outcome *o)
{
    Verdict v;
    if (!verdict_parse(w, &v))
        return false;
    *o = (Outcome)v;   /* a test expects one of the four a pot's outcome has */
    return true;
}

static const char *status_name(Outcome o)
{
    return verdict_word(verdict_of(o), VERDICT_TEST);
}

/* One failed expectation: location, what, expected, actual. */
static void fail(Run *r, bool *ok, const char *where, const char *test, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void fail(Run *r, bool *ok, const char *where, const char *test, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(r->out, _("%s: testet '%s' misslyckades: "), where, test);
    vfprintf(r->out, fmt, ap);
    fputc('\n', r->out);
    va_end(ap);
    *ok = false;
}

/* Builds the one application a test describes; false (reported) when a
** field is unknown or a value is not of its field's type. */
static bool build_app(Run *r, Session *s, const Item *app_item, const char *test, Application *app)
{
    const Program *p = s->prog;
    bool ok = true;
    app->values = arena_alloc(&s->a, (p->n_fields + 1) * sizeof *app->values);
    for (size_t i = 0; i < p->n_fields; i++)
        app->values[i] = p->fields[i].type.kind == TY_SET ? (Value){.kind = VAL_SET} : (Value){.kind = VAL_MISSING};
    for (size_t i = 0; i < app_item->body.n; i++) {
        const Item *v = app_item->body.items[i];
        int f = program_find_field(p, v->name);
        const char *where = loc(&r->a, &s->set, v->name_span);
        if (f < 0) {
            fail(r, &ok, where, test, _("ansökan har inget fält '%s'"), v->name);
            continue;
        }
        const char *cell = cell_text(&s->a, &s->set, v->expr);
        char why[600];
        if (!input_cell(p, s->tables, p->fields[f].type, cell, strlen(cell), &s->a, &app->values[f], why, sizeof why))
            fail(r, &ok, where, test, _("fältet '%s': %s"), v->name, why);
    }
    /* As when a file is read: a required answer must be there. */
    for (size_t i = 0; i < p->n_fields; i++) {
        const Field *f = &p->fields[i];
        bool required = (f->flags & (FIELD_KEY | FIELD_REQUIRED | FIELD_REQUESTED)) != 0;
        if (required && app->values[i].kind == VAL_MISSING)
            fail(r, &ok, loc(&r->a, &s->set, app_item->kw_span), test, _("fältet '%s' saknas; varje ansökan måste ha det"),
                 f->name);
    }
    char buf[128];
    app->key = p->key_field >= 0 && app->values[p->key_field].kind != VAL_MISSING
                   ? arena_strdup(&s->a, value_format(p, s->tables, p->fields[p->key_field].type, &app->values[p->key_field], buf,
                                                      sizeof buf))
                   : test;
    app->record = 1;
    return ok;
}

/* The failed criteria of pot k, as a sorted comma list ("a, b"). */
static const char *failed_list(Arena *a, const Program *p, const Assessment *as, int k)
{
    char buf[1024] = "";
    size_t at = 0;
    for (size_t c = 0; c < p->n_criteria && at < sizeof buf; c++)
        if (eval_applies(p, p->criteria[c].pot, k) && as->crit[c] == OUTCOME_FAIL)
            at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s", at ? ", " : "", p->criteria[c].name);
    return arena_strdup(a, buf);
}

/* Whether path lies inside the folder of the rule file `rules`, as the data
** files of the rules must (see checker.c): the file if it exists, else the
** folder it would be in (a missing file outside the folder is still outside).
** A folder that cannot be resolved cannot be judged; reading it then fails
** with its own message. */
static bool inside_rules_folder(Arena *a, const char *rules, const char *path)
{
    const char *slash = strrchr(rules, '/');
    const char *dir = slash ? arena_strndup(a, rules, (size_t)(slash - rules)) : ".";
    if (!dir[0])
        dir = "/";
    char *rp = realpath(path, NULL);
    if (!rp) {
        const char *ps = strrchr(path, '/');
        rp = realpath(ps ? arena_strndup(a, path, (size_t)(ps - path) + (ps == path)) : ".", NULL);
        if (!rp)
            return true;
    }
    char *rd = realpath(dir, NULL);
    size_t n = rd ? strlen(rd) : 0;
    bool ok = !rd || (strncmp(rp, rd, n) == 0 && (rp[n] == '/' || rp[n] == '\0' || strcmp(rd, "/") == 0));
    free(rd);
    free(rp);
    return ok;
}

/* förvänta rangordning "pot" "A", "B", …: the named applications are all
** considered in that (sub-)pot, in this order among themselves (others may
** come between). A priority that scores in the pot counts as exercised when
** it scores two of the named applications differently. */
static void expect_rank(Run *r, bool *ok, const char *at, const char *test, const Session *s, const Program *base,
                        const SourceSet *base_set, const Item *e, const Application *apps, Assessment **as,
                        const Allocation *al, Coverage *cov)
{
    const Program *p = s->prog;
    const PotResult *pot = NULL;
    for (size_t q = 0; q < al->n_pots && !pot; q++)
        if (!strcmp(al->pots[q].name, e->text))
            pot = &al->pots[q];
    if (!pot) {
        fail(r, ok, at, test, _("det finns ingen pott '%s'"), e->text);
        return;
    }
    int bk = program_find_pot(base, p->pots[pot->pot].name);
    if (bk >= 0)
        cov->pot[bk] = true;
    size_t n = e->body.n;
    const Grant **g = arena_alloc(&r->a, (n + 1) * sizeof *g);
    bool all = true;
    for (size_t i = 0; i < n; i++) {
        const char *key = e->body.items[i]->text;
        g[i] = NULL;
        for (size_t k = 0; k < al->n_grants && !g[i]; k++) {
            const Grant *gr = &al->grants[k];
            if (gr->app >= 0 && gr->pot == pot->pot && gr->sub == pot->sub && !strcmp(apps[gr->app].key, key))
                g[i] = gr;
        }
        for (size_t j = 0; j < i && g[i]; j++)
            if (g[j] == g[i]) {
                fail(r, ok, loc(&r->a, base_set, e->body.items[i]->text_span), test, _("ansökan '%s' är nämnd två gånger"), key);
                all = false;
            }
        if (!g[i]) {
            fail(r, ok, loc(&r->a, base_set, e->body.items[i]->text_span), test,
                 _("ansökan '%s' är inte rangordnad i potten '%s' (det finns ingen sådan ansökan, den är inte "
                   "stödberättigad där, eller så beviljas den redan av en tidigare pott)"),
                 key, e->text);
            all = false;
        }
    }
    if (!all)
        return;
    bool in_order = true;
    for (size_t i = 1; i < n; i++)
        in_order &= g[i - 1]->rank < g[i]->rank;
    if (!in_order) {
        /* The named applications in the order they came, with their ranks. */
        char got[1024] = "", want[1024] = "";
        size_t gl = 0, wl = 0;
        for (size_t i = 0; i < n && wl < sizeof want; i++)
            wl += (size_t)snprintf(want + wl, sizeof want - wl, "%s%s", i ? ", " : "", e->body.items[i]->text);
        for (size_t placed = 0; placed < n && gl < sizeof got; placed++) {
            /* The placed-th by rank (ranks within a pot are distinct). */
            size_t k_sel = n;
            for (size_t i = 0; i < n; i++) {
                size_t smaller = 0;
                for (size_t j = 0; j < n; j++)
                    smaller += g[j]->rank < g[i]->rank;
                if (smaller == placed)
                    k_sel = i;
            }
            if (k_sel < n)
                gl += (size_t)snprintf(got + gl, sizeof got - gl, "%s%s", placed ? ", " : "",
                                       arena_printf(&r->a, _("%s (rang %s)"), apps[g[k_sel]->app].key,
                                                    arena_printf(&r->a, "%" PRIu32, g[k_sel]->rank)));
        }
        fail(r, ok, at, test, _("potten '%s': förväntad ordning %s, fick %s"), e->text, want, got);
        return;
    }
    for (size_t j = 0; j < p->n_priorities; j++) {
        if (!eval_applies(p, p->priorities[j].pot, pot->pot))
            continue;
        bool differs = false;
        for (size_t i = 1; i < n && !differs; i++)
            differs = as[g[i]->app]->prio[j] != as[g[0]->app]->prio[j];
        int bj = find_priority(base, p->priorities[j].name);
        if (differs && bj >= 0)
            cov->priority[bj] = true;
    }
}

/* förvänta portfölj name uppfylld | ej_uppfylld: every bound of the
** constraint holds after the allocation, or some bound does not. */
static void expect_portfolio(Run *r, bool *ok, const char *at, const char *test, const Session *s, const Program *base,
                             const Item *e, const Allocation *al, Coverage *cov)
{
    const Program *p = s->prog;
    int k = find_portfolio(p, e->name);
    if (k < 0) {
        fail(r, ok, at, test, _("det finns inget portföljvillkor '%s'"), e->name);
        return;
    }
    bool want;
    if (!strcmp(e->name2, "uppfylld") || !strcmp(e->name2, "uppfyllt") || !strcmp(e->name2, "met"))
        want = true;
    else if (!strcmp(e->name2, "ej_uppfylld") || !strcmp(e->name2, "ej_uppfyllt") || !strcmp(e->name2, "not_met"))
        want = false;
    else {
        fail(r, ok, at, test, _("okänd bedömning '%s'; skriv uppfylld eller ej_uppfylld"), e->name2);
        return;
    }
    int bk = find_portfolio(base, e->name);
    if (bk >= 0)
        cov->portfolio[bk] = true;
    bool held = true;
    char failed[1024] = "";
    size_t fl = 0;
    for (size_t i = 0; i < al->n_portfolio; i++) {
        const PortfolioResult *pr = &al->portfolio[i];
        if (pr->portfolio != k || pr->held)
            continue;
        held = false;
        Span sp = p->portfolios[k].bounds[pr->bound].span;
        const SourceFile *f = source_get(&s->set, sp.file);
        if (fl < sizeof failed)
            fl += (size_t)snprintf(failed + fl, sizeof failed - fl, "%s", fl ? "; " : "");
        if (fl < sizeof failed)
            fl += (size_t)snprintf(failed + fl, sizeof failed - fl, P_("'%s': %s beviljad", "'%s': %s beviljade", pr->count),
                                   arena_strndup(&r->a, f->bytes + sp.start, (size_t)(sp.end - sp.start)),
                                   arena_printf(&r->a, "%" PRId64, pr->count));
    }
    if (held != want)
        fail(r, ok, at, test, _("portföljvillkoret '%s': förväntat %s, fick %s%s%s%s"), e->name, want ? "uppfylld" : "ej_uppfylld",
             held ? "uppfylld" : "ej_uppfylld", held ? "" : " (", failed, held ? "" : ")");
}

/* The lines a session says while a test's application file is read, held
** back ('\n'-terminated; b is malloc'd, freed by the reader of them). */
typedef struct Held {
    char *b;
    size_t len, cap;
} Held;

static void hold_line(void *ctx, const char *line)
{
    Held *h = ctx;
    size_t n = strlen(line);
    if (h->len + n + 2 > h->cap) {
        h->cap = 2 * (h->len + n + 2);
        h->b = xrealloc(h->b, h->cap);
    }
    memcpy(h->b + h->len, line, n);
    h->len += n;
    h->b[h->len++] = '\n';
    h->b[h->len] = '\0';
}

/* 'förvänta POT VERDICT { criteria }': the one application's verdict in a
** pot and, when criteria are named, exactly those failing. */
static void expect_status(Run *r, bool *ok, const char *at, const char *test, const Program *p, const Program *base,
                          const SourceSet *base_set, const Item *e, size_t n, Assessment **as, Coverage *cov)
{
    int k = program_find_pot(p, e->name);
    Outcome want;
    if (k < 0) {
        fail(r, ok, at, test, _("det finns ingen pott '%s'"), e->name);
        return;
    }
    if (!status_of(e->name2, &want)) {
        fail(r, ok, at, test, _("okänd bedömning '%s'; skriv stödberättigad, ej_stödberättigad, manuell eller ej_aktuell"),
             e->name2);
        return;
    }
    if (n != 1) {
        fail(r, ok, at, test, _("en bedömning kan bara förväntas av en enda ansökan ('ansökan { … }')"));
        return;
    }
    int bk = program_find_pot(base, e->name);
    if (bk >= 0)
        cov->pot[bk] = true;
    Outcome got = as[0]->eligible[k];
    if (!eval_takes_applications(p, k))
        got = OUTCOME_NOT_APPLICABLE;
    const char *failed = failed_list(&r->a, p, as[0], k);
    if (got != want && failed[0])
        fail(r, ok, at, test, _("potten '%s': förväntat %s, fick %s (underkända villkor: %s)"), e->name, status_name(want),
             status_name(got), failed);
    else if (got != want)
        fail(r, ok, at, test, _("potten '%s': förväntat %s, fick %s (inget villkor underkändes)"), e->name, status_name(want),
             status_name(got));
    if (e->body.n) {
        /* The named criteria, and no others, fail. */
        char want_list[1024] = "";
        size_t wl = 0;
        for (size_t c = 0; c < p->n_criteria; c++) {
            bool named = false;
            for (size_t j = 0; j < e->body.n; j++)
                named |= strcmp(e->body.items[j]->name, p->criteria[c].name) == 0;
            if (named && wl < sizeof want_list)
                wl += (size_t)snprintf(want_list + wl, sizeof want_list - wl, "%s%s", wl ? ", " : "", p->criteria[c].name);
        }
        for (size_t j = 0; j < e->body.n; j++) {
            bool known = false;
            for (size_t c = 0; c < p->n_criteria; c++) {
                if (strcmp(e->body.items[j]->name, p->criteria[c].name) == 0) {
                    known = true;
                    for (size_t bc = 0; bc < base->n_criteria; bc++)
                        if (!strcmp(base->criteria[bc].name, p->criteria[c].name))
                            cov->criterion[bc] = true;
                }
            }
            if (!known)
                fail(r, ok, loc(&r->a, base_set, e->body.items[j]->name_span), test, _("det finns inget villkor '%s'"),
                     e->body.items[j]->name);
        }
        if (strcmp(failed, want_list) != 0 && failed[0])
            fail(r, ok, at, test, _("potten '%s': förväntade underkända villkor %s, fick %s"), e->name, want_list, failed);
        else if (strcmp(failed, want_list) != 0)
            fail(r, ok, at, test, _("potten '%s': förväntade underkända villkor %s, men inget villkor underkändes"), e->name,
                 want_list);
    }
}

/* 'förvänta beviljat "KEY" AMOUNT' and 'förvänta pott "NAME" AMOUNT': what
** an application was granted in all, or what a pot (or sub-pot) holds. */
static void expect_amount(Run *r, bool *ok, const char *at, const char *test, const Program *p, const Program *base,
                          const Item *e, const Application *apps, size_t n, const Allocation *al, Coverage *cov)
{
    if (e->expr->kind != EXPR_MONEY) {
        fail(r, ok, at, test, _("skriv det förväntade beloppet i kronor, till exempel 300 000 kr"));
        return;
    }
    Money want = e->expr->v.money, got = 0;
    bool found = false;
    if (e->kind == TEST_EXPECT_GRANT) {
        for (size_t g = 0; g < al->n_grants; g++) {
            const Grant *gr = &al->grants[g];
            if (gr->app >= 0 && strcmp(apps[gr->app].key, e->text) == 0) {
                got += gr->amount;
                found = true;
            }
        }
        for (size_t a = 0; a < n && !found; a++)
            found = strcmp(apps[a].key, e->text) == 0;
    } else {
        for (size_t q = 0; q < al->n_pots && !found; q++) {
            if (strcmp(al->pots[q].name, e->text) == 0) {
                /* What it holds: its amount and what other pots (or, for a
                ** second round, its first round) left it. */
                got = al->pots[q].amount + al->pots[q].moved_in;
                found = true;
                int bk = program_find_pot(base, p->pots[al->pots[q].pot].name);
                if (bk >= 0)
                    cov->pot[bk] = true;
            }
        }
    }
    char b1[48], b2[48];
    bool grant = e->kind == TEST_EXPECT_GRANT;
    if (!found)
        fail(r, ok, at, test, grant ? _("det finns ingen ansökan '%s'") : _("det finns ingen pott '%s'"), e->text);
    else if (got != want)
        fail(r, ok, at, test, grant ? _("beviljat belopp till '%s': förväntat %s, fick %s") : _("potten '%s' rymmer: förväntat %s, fick %s"),
             e->text, money_format(want, b1, sizeof b1), money_format(got, b2, sizeof b2));
}

/* Runs one test; returns whether every expectation held. */
static bool run_test(Run *r, const char *rules, const LoadOptions *base_lo, const Program *base, const SourceSet *base_set,
                     const Item *t, Coverage *cov, FILE *err)
{
    bool ok = true;
    const char *test = t->name;
    const char *where = loc(&r->a, base_set, t->name_span);
    LoadOptions lo = *base_lo;
    lo.reload = true;   /* the baseline's load said its warnings */
    const Item *app_item = NULL, *file_item = NULL;
    for (size_t i = 0; i < t->body.n; i++) {
        const Item *it = t->body.items[i];
        if (it->kind == TEST_SCENARIO)
            lo.scenario = it->name;
        else if (it->kind == TEST_APPLICATION)
            app_item = it;
        else if (it->kind == TEST_FILE)
            file_item = it;
    }
    if (!app_item == !file_item) {
        fail(r, &ok, where, test, _("ange antingen 'ansökan { … }' eller 'ansökningar \"fil\"', en gång"));
        return false;
    }
    Session s;
    int rc = session_load(&s, rules, &lo, err);
    if (rc != STATUS_OK) {
        if (lo.scenario)
            fail(r, &ok, where, test, _("regelfilen går inte att läsa in med scenariot %s"), lo.scenario);
        else
            fail(r, &ok, where, test, "%s", _("regelfilen går inte att läsa in"));
        session_end(&s);
        return false;
    }
    const Program *p = s.prog;
    Application *apps = NULL;
    size_t n = 0;
    if (app_item) {
        apps = arena_alloc(&s.a, sizeof *apps);
        n = 1;
        if (!build_app(r, &s, app_item, test, &apps[0])) {
            session_end(&s);
            return false;
        }
    } else {
        const SourceFile *tf = source_get(base_set, file_item->text_span.file);
        const char *slash = strrchr(tf->path, '/');
        const char *path = file_item->text[0] == '/' || !slash
                               ? file_item->text
                               : arena_printf(&s.a, "%.*s/%s", (int)(slash - tf->path), tf->path, file_item->text);
        if (!base_lo->allow_outside_paths && !inside_rules_folder(&s.a, rules, path)) {
            fail(r, &ok, loc(&r->a, base_set, file_item->text_span), test,
                 _("ansökningsfilen '%s' ligger utanför mappen där '%s' ligger; lägg data bredvid regelfilen, eller "
                   "kör med --allow-outside-paths"),
                 file_item->text, rules);
            session_end(&s);
            return false;
        }
        /* keep_going: a rejected row fails the test here, not read_all's
        ** advice about an output file. */
        ReadOptions ro = {.applications = path, .format = INPUT_AUTO, .keep_going = true};
        AppCounts counts;
        /* The reader's messages are held back: on a clean read only its
        ** counts line, which the test's result says better, is left out;
        ** otherwise every one is part of the failure. */
        Held held = {0};
        s.listen = hold_line;
        s.listen_ctx = &held;
        rc = read_all(&s, &ro, &apps, &n, &counts);
        s.listen = NULL;
        char *said = held.b;
        size_t said_len = held.len;
        if (rc != STATUS_OK || counts.rejected) {
            fail(r, &ok, loc(&r->a, base_set, file_item->text_span), test, _("ansökningarna i '%s' går inte att läsa utan fel:"), path);
            for (char *line = said, *nl; line && (nl = strchr(line, '\n')) != NULL; line = nl + 1)
                fprintf(r->out, "  %.*s\n", (int)(nl - line), line);
            free(said);
            session_end(&s);
            return false;
        }
        /* A clean read: all but the last line (the counts) go to err. */
        char *last = said && said_len ? said + said_len - 1 : NULL;
        while (last && last > said && last[-1] != '\n')
            last--;
        if (last && last > said)
            fprintf(err, "%.*s", (int)(last - said), said);
        free(said);
    }
    Assessment **as;
    Allocation al;
    char msg[512];
    if (!run_allocation(&s, apps, n, &as, &al, msg, sizeof msg)) {
        fail(r, &ok, where, test, _("fördelningen misslyckades: %s"), msg);
        session_end(&s);
        return false;
    }
    for (size_t i = 0; i < t->body.n; i++) {
        const Item *e = t->body.items[i];
        const char *at = loc(&r->a, base_set, e->kw_span);
        if (e->kind == TEST_EXPECT_STATUS) {
            expect_status(r, &ok, at, test, p, base, base_set, e, n, as, cov);
        } else if (e->kind == TEST_EXPECT_GRANT || e->kind == TEST_EXPECT_POT) {
            expect_amount(r, &ok, at, test, p, base, e, apps, n, &al, cov);
        } else if (e->kind == TEST_EXPECT_RANK) {
            expect_rank(r, &ok, at, test, &s, base, base_set, e, apps, as, &al, cov);
        } else if (e->kind == TEST_EXPECT_PORTFOLIO) {
            expect_portfolio(r, &ok, at, test, &s, base, e, &al, cov);
        }
    }
    session_end(&s);
    return ok;
}

/* "x.medel" → "x.test.medel" if that file exists; in `a`, or NULL. */
static const char *companion(Arena *a, const char *rules)
{
    size_t n = strlen(rules);
    if (n < 6 || strcmp(rules + n - 6, ".medel") != 0)
        return NULL;
    const char *path = arena_printf(a, "%.*s.test.medel", (int)(n - 6), rules);
    struct stat st;
    return stat(path, &st) == 0 ? path : NULL;
}

int test_file(TestRun *r, const char *rules, const TestOptions *o, FILE *err)
{
    Arena a;
    arena_init(&a);
    LoadOptions lo = {.allow_outside_paths = o->allow_outside_paths, .test_file = companion(&a, rules), .werror = o->werror};
    Session base;
    int rc = session_load(&base, rules, &lo, err);
    if (rc != STATUS_OK) {
        session_end(&base);
        arena_free(&a);
        r->unloaded++;
        fprintf(r->out, _("%s: regelfilen går inte att läsa in; inget test kördes\n"), rules);
        return rc;
    }
    const Program *p = base.prog;
    Coverage cov = coverage_new(&a, p), mine = coverage_new(&a, p);
    for (size_t i = 0; i < p->n_tests; i++) {
        if (run_test(r, rules, &lo, p, &base.set, p->tests[i], &mine, err)) {
            r->passed++;
            coverage_merge(&cov, &mine, p);
        } else {
            r->failed++;
            coverage_merge(&mine, &mine, p);   /* a failed test exercises nothing */
        }
    }
    /* Coverage, of passing tests only: a criterion counts as tested when
    ** some test expects it to fail; a pot when some test expects something
    ** of it; a priority when a ranking expectation of a pot it scores in
    ** names applications it scores differently; a portfolio constraint when
    ** some test expects it met or not. */
    size_t n_uncovered = 0;
    for (size_t c = 0; c < p->n_criteria; c++)
        n_uncovered += !cov.criterion[c];
    for (size_t k = 0; k < p->n_pots; k++)
        n_uncovered += !cov.pot[k];
    for (size_t k = 0; k < p->n_priorities; k++)
        n_uncovered += !cov.priority[k];
    for (size_t k = 0; k < p->n_portfolios; k++)
        n_uncovered += !cov.portfolio[k];
    if (n_uncovered) {
        fprintf(r->out, P_("%s: %zu test; detta prövas inte av något test:\n", "%s: %zu tester; detta prövas inte av något test:\n",
                           p->n_tests),
                rules, p->n_tests);
        /* villkor, pott, prioritet, portfölj: the rule file's keywords. */
        for (size_t c = 0; c < p->n_criteria; c++)
            if (!cov.criterion[c])
                fprintf(r->out, "  villkor %s (%s)\n", p->criteria[c].name, loc(&a, &base.set, p->criteria[c].name_span));
        for (size_t k = 0; k < p->n_pots; k++)
            if (!cov.pot[k])
                fprintf(r->out, "  pott %s (%s)\n", p->pots[k].name, loc(&a, &base.set, p->pots[k].name_span));
        for (size_t k = 0; k < p->n_priorities; k++)
            if (!cov.priority[k])
                fprintf(r->out, "  prioritet %s (%s)\n", p->priorities[k].name, loc(&a, &base.set, p->priorities[k].name_span));
        for (size_t k = 0; k < p->n_portfolios; k++)
            if (!cov.portfolio[k])
                fprintf(r->out, "  portfölj %s (%s)\n", p->portfolios[k].name, loc(&a, &base.set, p->portfolios[k].name_span));
    } else {
        fprintf(r->out,
                P_("%s: %zu test; varje villkor, pott, prioritet och portföljvillkor prövas\n",
                   "%s: %zu tester; varje villkor, pott, prioritet och portföljvillkor prövas\n", p->n_tests),
                rules, p->n_tests);
    }
    if (o->require_coverage)
        r->uncovered += n_uncovered;
    session_end(&base);
    arena_free(&a);
    return STATUS_OK;
}
