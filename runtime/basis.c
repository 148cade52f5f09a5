/*
** basis.c: the decision basis (basis.h), `medel allocate --format html`.
**
** A document for people who decide, and who print it: A4 with margins, each
** pot's decisions from a new page, table headers repeated on every page
** (thead as a header group), and nothing wider than the page: tables have a
** fixed layout of the page's width and long texts wrap anywhere, so a project
** title of 300 letters without a space still fits its column. Amounts are
** integer öre shown through money_format; sums are checked for overflow.
** Every text of the rules, the tables or the applications goes through
** html_text. The page depends on the results and on "Om körningen" alone
** (whose time is SOURCE_DATE_EPOCH when set), so a run can be repeated byte
** for byte.
*/
#include "basis.h"

#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "assessment.h"
#include "eval.h"
#include "html.h"
#include "i18n.h"
#include "money.h"
#include "ruling.h"
#include "value.h"
#include "verdict.h"

enum {
    KEY_ONE_LINE = 20   /* bytes: a longer key wraps (the key column holds about 22 characters) */
};

/* The page's style: print first (A4), the screen gets the same page. */
static const char STYLE[] =
    "@page { size: A4; margin: 16mm 14mm 18mm 14mm; }\n"
    "html { background: #fff; }\n"
    "body { font-family: \"DejaVu Sans Condensed\", \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif;\n"
    "  font-size: 9.5pt; line-height: 1.35; color: #000; margin: 0 auto; max-width: 182mm; }\n"
    "@media screen { body { padding: 12mm 8mm; } }\n"
    "h1 { font-size: 18pt; margin: 0 0 2mm; }\n"
    "h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1.5pt solid #000; break-after: avoid; }\n"
    "h3 { font-size: 10.5pt; margin: 4mm 0 1mm; break-after: avoid; }\n"
    "p, li, dd { overflow-wrap: anywhere; }\n"
    "p.agreement { font-size: 12pt; font-weight: bold; margin: 0 0 3mm; }\n"
    "p.note { font-size: 8.5pt; color: #333; }\n"
    "section.pot, section.break { break-before: page; }\n"
    "table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 1mm 0 4mm; font-size: 8pt; }\n"
    "thead { display: table-header-group; }\n"
    "tr { break-inside: avoid; }\n"
    "th, td { border: 0.5pt solid #777; padding: 1mm 1.2mm; text-align: left; vertical-align: top;\n"
    "  overflow-wrap: anywhere; word-break: break-word; }\n"
    "th { background: #e8e8e8; font-weight: bold; font-size: 7.5pt; }\n"
    "td.kr, th.kr { text-align: right; }\n"
    "td.kr { white-space: nowrap; }\n"
    "td.id, td.idlong { font-family: \"DejaVu Sans Mono\", monospace; font-size: 7pt; }\n"
    "td.id { white-space: nowrap; }\n"
    "td.sub { padding-left: 5mm; }\n"
    "td.no, span.no { font-weight: bold; }\n"
    "tr.sum td { border-top: 1.2pt solid #000; }\n"
    "tr.sum td:first-child { font-weight: bold; }\n"
    "table.facts th { width: 28%; background: none; }\n"
    "table.about { font-size: 7.5pt; }\n"
    "table.about td:nth-child(3), table.about th:nth-child(3) { width: 40%; font-family: \"DejaVu Sans Mono\", monospace; }\n"
    "table.about td:nth-child(1), table.about th:nth-child(1) { width: 22%; }\n"
    "col.id { width: 13%; } col.kr { width: 12%; } col.status { width: 11%; } col.why { width: 15%; }\n"
    "col.crit { width: 15%; } col.pot { width: 12%; } col.rank { width: 10%; } col.route { width: 10%; }\n"
    "footer { margin-top: 6mm; border-top: 1pt solid #000; padding-top: 2mm; }\n";

/* ====================================================================
** {====== small pieces
** ==================================================================== */

/* A heading or a word of medel's (a msgid), escaped like any text. */
static void put_word(FILE *out, const char *msgid)
{
    html_text(out, _(msgid), 0);
}

static void th(FILE *out, const char *msgid, const char *cls)
{
    fprintf(out, "<th%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    put_word(out, msgid);
    fputs("</th>", out);
}

/* A cell of outside text (NULL or "": empty). */
static void td_text(FILE *out, const char *s, const char *cls)
{
    fprintf(out, "<td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    html_text(out, s, 0);
    fputs("</td>", out);
}

/* An application key: on one line when it is short (a diarienummer, so
** that it is never split at its hyphens), else wrapped like any text. */
static void td_key(FILE *out, const char *key)
{
    td_text(out, key, key && strlen(key) <= KEY_ONE_LINE ? "id" : "idlong");
}

static void td_money(FILE *out, Money m)
{
    fputs("<td class=\"kr\">", out);
    html_money(out, m);
    fputs("</td>", out);
}

static void td_empty(FILE *out)
{
    fputs("<td></td>", out);
}

/* A field's value of app as the reports write it, in `a`; NULL when missing. */
static const char *field_text(Arena *a, const EvalContext *cx, const Application *app, int field)
{
    const Value *v = &app->values[field];
    if (v->kind == VAL_MISSING)
        return NULL;
    const Program *p = cx->prog;
    size_t need = 4096 + (v->kind == VAL_TEXT ? v->u.text.len : 0);
    return value_format(p, cx->tables, p->fields[field].type, v, arena_alloc(a, need), need);
}

/* The sub-pot's key of pot k for table row `route`, or NULL. */
static const char *sub_key(const EvalContext *cx, int k, int32_t route)
{
    const Program *p = cx->prog;
    int q = k;
    while (q >= 0 && !p->pots[q].has_split)
        q = p->pots[q].parent;
    if (q < 0 || route < 0)
        return NULL;
    return cx->tables[p->pots[q].split.table].keys[route];
}

/* a + b, or false when it passes what an int64 holds. */
static bool add_money(Money a, Money b, Money *sum)
{
    return !__builtin_add_overflow(a, b, sum);
}

/* The fields that name an application to a reader, as the program declares
** them: the required texts after the key (the project's title and the
** applicant in every bundled rule file), then every field a pot is split
** by (the municipality). Returns how many, into fields (in `a`). */
static size_t named_fields(Arena *a, const Program *p, int **fields)
{
    int *f = arena_alloc(a, (p->n_fields + 1) * sizeof *f);
    size_t n = 0;
    for (size_t i = 0; i < p->n_fields; i++)
        if ((int)i != p->key_field && (int)i != p->requested_field && (p->fields[i].flags & FIELD_REQUIRED) &&
            p->fields[i].type.kind == TY_TEXT)
            f[n++] = (int)i;
    for (size_t i = 0; i < p->n_fields; i++) {
        bool routes = false;
        for (size_t k = 0; k < p->n_pots && !routes; k++)
            routes = p->pots[k].has_split && p->pots[k].split.field == (int)i;
        bool listed = false;
        for (size_t j = 0; j < n; j++)
            listed = listed || f[j] == (int)i;
        if (routes && !listed)
            f[n++] = (int)i;
    }
    *fields = f;
    return n;
}

/* The headings of the key and the named fields: the fields' own columns. */
static void th_named(FILE *out, const Program *p, const int *fields, size_t n)
{
    fputs("<th>", out);
    if (p->key_field >= 0)
        html_text(out, p->fields[p->key_field].column, 0);
    else
        put_word(out, N_("Ansökan"));
    fputs("</th>", out);
    for (size_t i = 0; i < n; i++) {
        fputs("<th>", out);
        html_text(out, p->fields[fields[i]].column, 0);
        fputs("</th>", out);
    }
}

static void td_named(FILE *out, Arena *a, const EvalContext *cx, const Application *app, const int *fields, size_t n)
{
    td_key(out, app->key);
    for (size_t i = 0; i < n; i++)
        td_text(out, field_text(a, cx, app, fields[i]), NULL);
}

/* The named fields' columns: a routing field's values are short (a
** municipality), the texts share what is left. */
static void colgroup_named(FILE *out, const Program *p, const int *fields, size_t n)
{
    fputs("<col class=\"id\">", out);
    for (size_t i = 0; i < n; i++)
        fputs(p->fields[fields[i]].type.kind == TY_TEXT ? "<col>" : "<col class=\"route\">", out);
}

/* What each application was granted in all pots together, öre: an array
** of v->n in `a`. The grants of one application fit, as the pots conserve. */
static Money *granted_per_app(Arena *a, const AllocView *v)
{
    Money *got = arena_alloc(a, (v->n + 1) * sizeof *got);
    memset(got, 0, (v->n + 1) * sizeof *got);
    for (size_t g = 0; g < v->al->n_grants; g++) {
        const Grant *gr = &v->al->grants[g];
        if (gr->app >= 0 && (size_t)gr->app < v->n)
            got[gr->app] += gr->amount;
    }
    return got;
}

/* How many (application, pot) pairs need a person's judgement. */
static size_t count_manual(const AllocView *v)
{
    const Program *p = v->cx->prog;
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++)
        for (size_t k = 0; k < p->n_pots; k++)
            if (eval_takes_applications(p, (int)k) && v->as[i]->eligible[k] == OUTCOME_MANUAL)
                n++;
    return n;
}

/* Does pot k decide grants (its own section)? Leaves that take applications
** or pay out. */
static bool decides(const Program *p, size_t k)
{
    return p->pots[k].n_children == 0 && p->pots[k].policy != POLICY_NONE;
}

/* }====== */

/* ====================================================================
** {====== the agreement and the pots
** ==================================================================== */

static void fact_row(FILE *out, const char *msgid, const char *value)
{
    if (!value || !value[0])
        return;
    fputs("<tr>", out);
    th(out, msgid, NULL);
    td_text(out, value, NULL);
    fputs("</tr>\n", out);
}

static void fact_money(FILE *out, const char *msgid, Money m)
{
    fputs("<tr>", out);
    th(out, msgid, NULL);
    td_money(out, m);
    fputs("</tr>\n", out);
}

static void fact_count(FILE *out, const char *msgid, size_t n)
{
    fputs("<tr>", out);
    th(out, msgid, NULL);
    fprintf(out, "<td class=\"kr\">%zu</td></tr>\n", n);
}

static void agreement_section(FILE *out, Arena *a, const AllocView *v, const RunFacts *f, size_t n_manual,
                              const Money *got)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    fputs("<header>\n<h1>", out);
    put_word(out, N_("Beslutsunderlag"));
    fputs("</h1>\n<p class=\"agreement\">", out);
    html_text(out, p->name, 0);
    fputs("</p>\n</header>\n<section>\n<h2>", out);
    put_word(out, N_("Överenskommelsen"));
    fputs("</h2>\n<table class=\"facts\">\n<tbody>\n", out);
    fact_row(out, N_("Namn"), p->name);
    if (p->year_from)
        fact_row(out, N_("År"), p->year_to && p->year_to != p->year_from
                                    ? arena_printf(a, "%d–%d", p->year_from, p->year_to)
                                    : arena_printf(a, "%d", p->year_from));
    fact_row(out, N_("Källa"), p->ref.source);
    fact_row(out, N_("Webbadress"), p->ref.url);
    fact_row(out, N_("Stycke"), p->ref.paragraph);
    fact_row(out, N_("Beslut"), p->ref.decision);
    fact_row(out, N_("Regelfil"), p->path);
    fputs("</tbody>\n</table>\n<h3>", out);
    put_word(out, N_("Sammanfattning"));
    fputs("</h3>\n<table class=\"facts\">\n<tbody>\n", out);
    fact_money(out, N_("Att fördela"), al->total);
    fact_money(out, N_("Beviljat"), al->granted);
    if (al->has_leftover)
        fact_money(out, N_("Återbetalas"), al->returned);
    fact_money(out, N_("Ej fördelat"), al->unallocated);
    if (f->counts) {
        fact_count(out, N_("Giltiga ansökningar"), f->counts->valid);
        if (f->counts->rejected)
            fact_count(out, N_("Avvisade rader"), f->counts->rejected);
    }
    size_t funded = 0;
    for (size_t i = 0; i < v->n; i++)
        funded += got[i] > 0;
    fact_count(out, N_("Ansökningar som beviljas medel"), funded);
    fact_count(out, N_("Kräver manuell bedömning"), n_manual);
    fputs("</tbody>\n</table>\n</section>\n", out);
}

/* How pot k's amount is set, in words. */
static const char *share_text(Arena *a, const Program *p, const Pot *pt)
{
    char b[48];
    const char *parent = pt->parent >= 0 ? p->pots[pt->parent].name : "";
    switch (pt->share) {
    case SHARE_ROOT:
        return arena_printf(a, _("%s%s%s (hela beloppet)"), pt->approx ? pt->approx : "", pt->approx ? " " : "",
                            money_format(pt->amount, b, sizeof b));
    case SHARE_FIXED:
        return arena_printf(a, _("%s%s%s av potten %s"), pt->approx ? pt->approx : "", pt->approx ? " " : "",
                            money_format(pt->amount, b, sizeof b), parent);
    case SHARE_PERCENT: {
        char pc[48];
        return arena_printf(a, _("%s av potten %s, %s"), percent_format(pt->percent, pc, sizeof pc), parent,
                            money_format(pt->amount, b, sizeof b));
    }
    case SHARE_REST:
        return arena_printf(a, _("resten av potten %s, %s"), parent, money_format(pt->amount, b, sizeof b));
    }
    return "";
}

static const char *method_text(Apportion m)
{
    switch (m) {
    case APPORTION_LARGEST_REMAINDER: return _("största rest");
    case APPORTION_DHONDT: return _("d'Hondts metod");
    case APPORTION_SAINTE_LAGUE: return _("Sainte-Laguës metod");
    }
    return "";
}

static const char *policy_text(Arena *a, const Pot *pt)
{
    switch (pt->policy) {
    case POLICY_NONE: return NULL;
    case POLICY_PRO_RATA: return _("proportionell: räcker potten inte till alla delas den i proportion till de sökta beloppen");
    case POLICY_ENTITLEMENT: return _("rättighet: beloppet betalas ut till varje delpotts mottagare");
    case POLICY_RANK:
        return arena_printf(a, _("rangordning efter poäng; den sista som inte får plats: %s"),
                            pt->last == LAST_PARTIAL ? _("får det som är kvar")
                            : pt->last == LAST_SKIP  ? _("hoppas över, nästa prövas")
                                                     : _("fördelningen slutar"));
    }
    return NULL;
}

/* One item of a pot's description: a heading word and outside text. */
static void item(FILE *out, const char *msgid, const char *text)
{
    if (!text || !text[0])
        return;
    fputs("<li><b>", out);
    put_word(out, msgid);
    fputs(":</b> ", out);
    html_text(out, text, 0);
    fputs("</li>\n", out);
}

static void pots_section(FILE *out, Arena *a, const AllocView *v)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    char b[48];
    fputs("<section>\n<h2>", out);
    put_word(out, N_("Potterna och hur de delades"));
    /* A split with rules adds a column: each recipient's parts; 'kvar' adds
    ** columns for what moved and was returned. */
    bool rules = allocation_has_split_rules(p);
    bool kvar = al->has_leftover;
    fputs("</h2>\n<table class=\"pots\">\n<colgroup><col><col class=\"kr\"><col class=\"kr\"><col class=\"kr\">"
          "<col class=\"kr\">", out);
    if (kvar)
        fputs("<col class=\"kr\"><col class=\"kr\"><col class=\"kr\">", out);
    fputs(rules ? "<col class=\"rank\"><col></colgroup>\n<thead><tr>" : "<col class=\"rank\"></colgroup>\n<thead><tr>", out);
    th(out, N_("Pott"), NULL);
    th(out, N_("Belopp"), "kr");
    if (kvar)
        th(out, N_("Flyttat hit"), "kr");
    th(out, N_("Till delpotter"), "kr");
    th(out, N_("Beviljat"), "kr");
    if (kvar) {
        th(out, N_("Flyttat vidare"), "kr");
        th(out, N_("Återbetalas"), "kr");
    }
    th(out, N_("Ej fördelat"), "kr");
    /* TRANSLATORS: a column: applications funded of those considered */
    th(out, N_("Beviljade"), "kr");
    if (rules)
        th(out, N_("Delar"), NULL);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < al->n_pots; i++) {
        const PotResult *r = &al->pots[i];
        const Pot *pt = &p->pots[r->pot];
        int depth = pt->depth + (r->sub >= 0 ? 1 : 0);
        fprintf(out, "<tr><td style=\"padding-left: %dmm\">", 1 + 4 * (depth > 6 ? 6 : depth));
        html_text(out, r->sub >= 0 ? strchr(r->name, '/') + 1 : r->name, 0);
        fputs("</td>", out);
        td_money(out, r->amount);
        if (kvar && r->moved_in)
            td_money(out, r->moved_in);
        else if (kvar)
            td_empty(out);
        if (r->to_children)
            td_money(out, r->to_children);
        else
            td_empty(out);
        td_money(out, r->granted);
        if (kvar) {
            if (r->moved_out)
                td_text(out, arena_printf(a, "%s → %s", money_format(r->moved_out, b, sizeof b),
                                          al->pots[r->moved_to].name), "kr");
            else
                td_empty(out);
            if (r->returned)
                td_money(out, r->returned);
            else
                td_empty(out);
        }
        td_money(out, r->unallocated);
        if (eval_takes_applications(p, r->pot) && !(pt->has_split && r->sub < 0))
            /* TRANSLATORS: applications funded of those considered */
            td_text(out, arena_printf(a, _("%zu av %zu"), r->n_funded, r->n_considered), "kr");
        else
            td_empty(out);
        if (rules) {
            char pb[256];
            const char *parts = allocation_split_parts(p, r, true, pb, sizeof pb);
            if (parts[0])
                td_text(out, parts, NULL);
            else
                td_empty(out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
    for (size_t k = 0; k < p->n_pots; k++) {
        const Pot *pt = &p->pots[k];
        fputs("<h3>", out);
        html_text(out, pt->name, 0);
        if (pt->label) {
            fputs(" – ", out);
            html_text(out, pt->label, 0);
        }
        fputs("</h3>\n<ul>\n", out);
        item(out, N_("Belopp"), share_text(a, p, pt));
        item(out, N_("Förvaltare"), pt->manager);
        if (pt->has_split) {
            const Table *tb = &p->tables[pt->split.table];
            item(out, N_("Delas"),
                 arena_printf(a, _("per %s efter %s.%s, %s, avrundning %s; en delpott per rad i tabellen"),
                              p->fields[pt->split.field].name, tb->name, tb->columns[pt->split.column].name,
                              method_text(pt->split.method), money_format(pt->split.unit, b, sizeof b)));
        }
        item(out, N_("Tilldelning"), policy_text(a, pt));
        if (pt->policy == POLICY_RANK || pt->policy == POLICY_PRO_RATA)
            item(out, N_("Avrundning av bidragen"),
                 pt->grant_unit > 1 ? money_format(pt->grant_unit, b, sizeof b) : _("ingen: exakt på öret"));
        if (pt->cap_per_application)
            item(out, N_("Tak per ansökan"), money_format(pt->cap_per_application, b, sizeof b));
        if (pt->cap_per_applicant)
            item(out, N_("Tak per sökande"),
                 arena_printf(a, "%s (%s)", money_format(pt->cap_per_applicant, b, sizeof b),
                              pt->cap_field >= 0 ? p->fields[pt->cap_field].name : ""));
        if (pt->min_grant)
            item(out, N_("Minsta bidrag"), money_format(pt->min_grant, b, sizeof b));
        if (pt->applies)
            item(out, N_("Prövar"), program_span_text(a, v->set, pt->applies->span));
        if (pt->round_of >= 0)
            item(out, N_("Andra omgång"), arena_printf(a, _("det som '%s' har kvar efter första omgången"),
                                                       p->pots[pt->round_of].name));
        item(out, N_("Sista ansökningsdag"), pt->deadline);
        if (pt->round >= 0)
            item(out, N_("Det som blir kvar"), _("går till andra omgången"));
        else if (pt->leftover == LEFTOVER_RETURNED)
            item(out, N_("Det som blir kvar"), _("återbetalas"));
        else if (pt->leftover == LEFTOVER_MOVES && pt->leftover_to >= 0)
            item(out, N_("Det som blir kvar"), arena_printf(a, _("flyttas till %s"), p->pots[pt->leftover_to].name));
        item(out, N_("Källa"), pt->ref.source);
        item(out, N_("Stycke"), pt->ref.paragraph);
        fputs("</ul>\n", out);
    }
    fputs("</section>\n", out);
}

/* }====== */

/* ====================================================================
** {====== the decisions, pot by pot
** ==================================================================== */

/* Why a grant came out as it did, in words, in `a`. */
static const char *grant_reason(Arena *a, const Program *p, const Grant *g)
{
    const Pot *pt = &p->pots[g->pot];
    char b1[48], b2[48];
    const char *why = "";
    switch (g->status) {
    case GRANT_FULL: why = _("uppfyller villkoren"); break;
    case GRANT_PARTIAL:
        why = pt->policy == POLICY_PRO_RATA ? _("medlen räckte inte till alla: andel i proportion till sökt belopp")
                                            : _("medlen räckte inte: det som var kvar i potten");
        break;
    case GRANT_NOT_REACHED: why = _("medlen räckte inte innan ansökans tur"); break;
    case GRANT_BELOW_MINIMUM:
        why = arena_printf(a, _("det som kunde beviljas var under minsta bidrag %s"),
                           money_format(pt->min_grant, b1, sizeof b1));
        break;
    case GRANT_NO_ROUTE: why = _("ingen delpott för ansökans värde"); break;
    case GRANT_PAYOUT: why = _("utbetalning enligt fördelningen"); break;
    }
    if (g->capped)
        why = arena_printf(a, _("%s; begränsat av tak till %s"), why, money_format(g->wanted, b2, sizeof b2));
    if (g->rank && pt->policy == POLICY_RANK && g->app >= 0 && p->n_priorities)
        /* TRANSLATORS: "uppfyller villkoren; plats 3, poäng 12": the place in the pot's order */
        why = arena_printf(a, _("%s; plats %u, poäng %lld"), why, (unsigned)g->rank, (long long)g->score);
    else if (g->rank && pt->policy == POLICY_RANK && g->app >= 0)
        why = arena_printf(a, _("%s; plats %u"), why, (unsigned)g->rank);
    return why;
}

/* The pots, as "a, b", that moved money to program pot k (sources) or that
** k (or, split, its sub-pots) moved its leftover to; each named once, a
** sub-pot by its split pot. In a. */
static const char *moved_pots(Arena *a, const Program *p, const Allocation *al, size_t k, bool sources)
{
    bool *seen = arena_alloc(a, (p->n_pots + 1) * sizeof *seen);
    const char *s = "";
    for (size_t i = 0; i < al->n_pots; i++) {
        const PotResult *r = &al->pots[i];
        if (!r->moved_out || r->moved_to < 0)
            continue;
        int32_t from = r->pot, to = al->pots[r->moved_to].pot;
        int32_t other = sources ? from : to;
        if ((sources ? to : from) != (int32_t)k || seen[other])
            continue;
        seen[other] = true;
        s = arena_printf(a, "%s%s%s", s, *s ? ", " : "", p->pots[other].name);
    }
    return s;
}

static void decisions_section(FILE *out, Arena *a, const AllocView *v, size_t k, const int *named, size_t n_named)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    const Pot *pt = &p->pots[k];
    Money amount = 0, granted = 0, unallocated = 0, moved_in = 0, moved_out = 0, returned = 0;
    size_t considered = 0, funded = 0;
    /* The pot's own result and its sub-pots': parts of an amount that
    ** conserves, so the sums fit (and are checked all the same). */
    for (size_t i = 0; i < al->n_pots; i++) {
        const PotResult *r = &al->pots[i];
        if (r->pot != (int32_t)k)
            continue;
        if (r->sub < 0)
            amount = r->amount;
        if (!add_money(granted, r->granted, &granted) || !add_money(unallocated, r->unallocated, &unallocated))
            granted = unallocated = -1;
        /* What its 'kvar' moved and returned (0 in a file without it). */
        if (!add_money(moved_in, r->moved_in, &moved_in) || !add_money(moved_out, r->moved_out, &moved_out) ||
            !add_money(returned, r->returned, &returned))
            moved_in = moved_out = returned = -1;
        considered += r->n_considered;
        funded += r->n_funded;
    }
    fputs("<section class=\"pot\">\n<h2>", out);
    /* TRANSLATORS: a heading, "Beslut: regionen – Regionens projekt" */
    put_word(out, N_("Beslut"));
    fputs(": ", out);
    html_text(out, pt->name, 0);
    if (pt->label) {
        fputs(" – ", out);
        html_text(out, pt->label, 0);
    }
    fputs("</h2>\n<p>", out);
    char b1[48], b2[48], b3[48];
    html_text(out, arena_printf(a, _("Potten: %s. Beviljat %s, ej fördelat %s. %zu av %zu prövade ansökningar beviljas."),
                                money_format(amount, b1, sizeof b1), money_format(granted, b2, sizeof b2),
                                money_format(unallocated, b3, sizeof b3), funded, considered), 0);
    /* Money that came from other pots, moved on or was paid back: only when
    ** there is any, so a file without 'kvar' reads as before. */
    if (moved_in) {
        fputc(' ', out);
        html_text(out, arena_printf(a, _("Hit flyttades %s som blev kvar i %s."), money_format(moved_in, b1, sizeof b1),
                                    moved_pots(a, p, al, k, true)), 0);
    }
    if (moved_out && pt->round >= 0) {   /* a second round takes all its pot leaves */
        fputc(' ', out);
        html_text(out, arena_printf(a, _("Det som blev kvar, %s, går till andra omgången."),
                                    money_format(moved_out, b1, sizeof b1)), 0);
    } else if (moved_out) {
        fputc(' ', out);
        html_text(out, arena_printf(a, _("Det som blev kvar, %s, flyttades vidare till %s."),
                                    money_format(moved_out, b1, sizeof b1), moved_pots(a, p, al, k, false)), 0);
    }
    if (returned) {
        fputc(' ', out);
        html_text(out, arena_printf(a, _("Det som blev kvar, %s, återbetalas."), money_format(returned, b1, sizeof b1)), 0);
    }
    fputs("</p>\n", out);
    size_t rows = 0;
    for (size_t g = 0; g < al->n_grants; g++)
        rows += al->grants[g].pot == (int32_t)k;
    if (!rows) {
        fputs("<p class=\"note\">", out);
        put_word(out, N_("Inga ansökningar prövades i potten."));
        fputs("</p>\n</section>\n", out);
        return;
    }
    bool payout = pt->policy == POLICY_ENTITLEMENT;
    fputs("<table class=\"decisions\">\n<colgroup>", out);
    if (payout)
        fputs("<col><col class=\"kr\"><col class=\"status\"><col class=\"why\">", out);
    else {
        colgroup_named(out, p, named, n_named);
        fputs("<col class=\"kr\"><col class=\"kr\"><col class=\"status\"><col class=\"why\">", out);
    }
    fputs("</colgroup>\n<thead><tr>", out);
    if (payout)
        th(out, N_("Mottagare"), NULL);
    else {
        th_named(out, p, named, n_named);
        th(out, N_("Sökt"), "kr");
    }
    th(out, N_("Beviljat"), "kr");
    th(out, N_("Status"), NULL);
    th(out, N_("Skäl"), NULL);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t g = 0; g < al->n_grants; g++) {
        const Grant *gr = &al->grants[g];
        if (gr->pot != (int32_t)k)
            continue;
        fputs("<tr>", out);
        if (payout)
            td_text(out, gr->app >= 0 ? v->apps[gr->app].key : sub_key(v->cx, gr->pot, gr->sub), NULL);
        else if (gr->app >= 0) {
            td_named(out, a, v->cx, &v->apps[gr->app], named, n_named);
            if (v->as[gr->app]->requested >= 0)
                td_money(out, v->as[gr->app]->requested);
            else
                td_empty(out);
        } else {
            td_text(out, sub_key(v->cx, gr->pot, gr->sub), NULL);
            for (size_t i = 0; i <= n_named; i++)
                td_empty(out);
        }
        td_money(out, gr->amount);
        const char *status = verdict_grant_text(gr->status);
        if (gr->capped)
            status = arena_printf(a, _("%s (tak)"), status);
        td_text(out, status, gr->amount > 0 ? NULL : "no");
        td_text(out, grant_reason(a, p, gr), NULL);
        fputs("</tr>\n", out);
    }
    fputs("<tr class=\"sum\">", out);
    fputs(payout ? "<td>" : "<td colspan=\"", out);
    if (!payout)
        fprintf(out, "%zu\">", n_named + 2);
    put_word(out, N_("Summa"));
    fputs("</td>", out);
    td_money(out, granted);
    fputs("<td colspan=\"2\"></td></tr>\n</tbody>\n</table>\n</section>\n", out);
}

/* }====== */

/* ====================================================================
** {====== not eligible, manual, assessments
** ==================================================================== */

static void ineligible_section(FILE *out, Arena *a, const AllocView *v, const int *named, size_t n_named)
{
    const Program *p = v->cx->prog;
    fputs("<section class=\"break\">\n<h2>", out);
    put_word(out, N_("Ansökningar som inte uppfyller villkoren"));
    fputs("</h2>\n", out);
    size_t shown = 0;
    for (size_t k = 0; k < p->n_pots; k++) {
        if (!eval_takes_applications(p, (int)k))
            continue;
        size_t n = 0;
        for (size_t i = 0; i < v->n; i++)
            n += v->as[i]->eligible[k] == OUTCOME_FAIL;
        if (!n)
            continue;
        shown += n;
        fputs("<h3>", out);
        html_text(out, p->pots[k].name, 0);
        fputs("</h3>\n<table class=\"ineligible\">\n<colgroup>", out);
        colgroup_named(out, p, named, n_named);
        fputs("<col class=\"crit\"><col class=\"why\"><col class=\"why\"></colgroup>\n<thead><tr>", out);
        th_named(out, p, named, n_named);
        th(out, N_("Villkor"), NULL);
        th(out, N_("Skäl"), NULL);
        th(out, N_("Värden"), NULL);
        fputs("</tr></thead>\n<tbody>\n", out);
        for (size_t i = 0; i < v->n; i++) {
            if (v->as[i]->eligible[k] != OUTCOME_FAIL)
                continue;
            for (size_t c = 0; c < p->n_criteria; c++) {
                const Criterion *cr = &p->criteria[c];
                if (!eval_applies(p, cr->pot, (int)k) || v->as[i]->crit[c] != OUTCOME_FAIL)
                    continue;
                fputs("<tr>", out);
                td_named(out, a, v->cx, &v->apps[i], named, n_named);
                td_text(out, cr->label ? arena_printf(a, "%s: %s", cr->name, cr->label) : cr->name, NULL);
                td_text(out, cr->reason, NULL);
                td_text(out, values_read(a, v->cx, &v->apps[i], cr->require, NULL), NULL);
                fputs("</tr>\n", out);
            }
        }
        fputs("</tbody>\n</table>\n", out);
    }
    if (!shown) {
        fputs("<p>", out);
        put_word(out, N_("Alla prövade ansökningar uppfyller villkoren."));
        fputs("</p>\n", out);
    }
    fputs("</section>\n", out);
}

static void manual_section(FILE *out, Arena *a, const AllocView *v, size_t n_manual)
{
    const Program *p = v->cx->prog;
    fputs("<section>\n<h2>", out);
    put_word(out, N_("Manuella bedömningar som återstår"));
    fputs("</h2>\n", out);
    if (!n_manual) {
        fputs("<p>", out);
        put_word(out, N_("Ingen ansökan väntar på manuell bedömning."));
        fputs("</p>\n</section>\n", out);
        return;
    }
    fputs("<p>", out);
    put_word(out, N_("Ansökningarna nedan deltar inte i fördelningen förrän en handläggare har bedömt dem."));
    fputs("</p>\n<table class=\"manual\">\n<colgroup><col class=\"id\"><col class=\"pot\"><col class=\"crit\"><col>"
          "<col class=\"why\"></colgroup>\n<thead><tr>", out);
    th(out, N_("Ansökan"), NULL);
    th(out, N_("Pott"), NULL);
    th(out, N_("Villkor"), NULL);
    th(out, N_("Skäl"), NULL);
    th(out, N_("Värden"), NULL);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < v->n; i++)
        for (size_t k = 0; k < p->n_pots; k++) {
            if (!eval_takes_applications(p, (int)k) || v->as[i]->eligible[k] != OUTCOME_MANUAL)
                continue;
            ManualWhy *mw;
            size_t nm = manual_reasons(a, v->cx, v->set, &v->apps[i], v->as[i], (int)k, &mw);
            for (size_t m = 0; m < nm; m++) {
                fputs("<tr>", out);
                td_key(out, v->apps[i].key);
                td_text(out, p->pots[k].name, NULL);
                td_text(out, mw[m].criterion, NULL);
                td_text(out, mw[m].reason, NULL);
                td_text(out, mw[m].values, NULL);
                fputs("</tr>\n", out);
            }
        }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

/* What the data alone said of what r decides, in words. */
static const char *data_text(const Program *p, const Assessment *as, const Ruling *r)
{
    Outcome d = ruling_data(p, as, r);
    if (r->target == RULING_ROUTE)
        return d == OUTCOME_MANUAL ? _("uppgift saknas") : _("en annan delpott");
    return d == OUTCOME_PASS ? _("uppfyllt") : d == OUTCOME_FAIL ? _("ej uppfyllt") : _("kan inte avgöras");
}

/* The assessments and overrides officers recorded (the file given with
** --bedömningar, applied when the applications were assessed): who, when
** and why, beside what the data alone said. The cases still open are in
** the section before. */
static void rulings_section(FILE *out, Arena *a, const AllocView *v, size_t n_manual)
{
    const Program *p = v->cx->prog;
    const RulingSet *set = v->cx->rulings;
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++)
        n += v->as[i]->n_rulings;
    fputs("<section>\n<h2>", out);
    put_word(out, N_("Bedömningar och åsidosättanden"));
    fputs("</h2>\n<p>", out);
    if (!n) {
        if (n_manual)
            put_word(out, N_("Inga bedömningar är registrerade i denna körning; de öppna fallen står under Manuella bedömningar som återstår."));
        else
            put_word(out, N_("Inga bedömningar är registrerade i denna körning."));
        fputs("</p>\n</section>\n", out);
        return;
    }
    html_text(out, arena_printf(a, P_("%zu bedömning ur %s; åsidosättanden står i fetstil.",
                                      "%zu bedömningar ur %s; åsidosättanden står i fetstil.", n),
                                n, set && set->path ? set->path : ""), 0);
    fputs("</p>\n<table class=\"rulings\">\n<colgroup><col class=\"id\"><col class=\"pot\"><col class=\"crit\">"
          "<col class=\"status\"><col class=\"pot\"><col class=\"status\"><col><col class=\"status\"></colgroup>\n"
          "<thead><tr>", out);
    th(out, N_("Ansökan"), NULL);
    th(out, N_("Pott"), NULL);
    th(out, N_("Villkor"), NULL);
    th(out, N_("Beslut"), NULL);
    th(out, N_("Bedömd av"), NULL);
    th(out, N_("Datum"), NULL);
    th(out, N_("Motivering"), NULL);
    th(out, N_("Enligt uppgifterna"), NULL);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < v->n; i++) {
        const Assessment *as = v->as[i];
        for (uint32_t j = 0; j < as->n_rulings; j++) {
            const Ruling *r = as->rulings[j];
            bool over = r->kind == RULING_OVERRIDE;
            fputs("<tr>", out);
            td_key(out, v->apps[i].key);
            td_text(out, r->pot >= 0 ? p->pots[r->pot].name : NULL, NULL);
            td_text(out, r->target == RULING_CRITERION ? p->criteria[r->criterion].name
                         : r->target == RULING_CONSIDERS ? RULING_WORD_CONSIDERS : RULING_WORD_ROUTE, NULL);
            const char *outcome = ruling_outcome_text(r, p, v->cx->tables);
            td_text(out, arena_printf(a, over ? _("åsidosatt till %s") : _("bedömt %s"),
                                      r->target == RULING_ROUTE ? outcome : _(outcome)), over ? "no" : NULL);
            td_text(out, r->by, NULL);
            td_text(out, r->date, NULL);
            td_text(out, r->why, NULL);
            td_text(out, data_text(p, as, r), NULL);
            fputs("</tr>\n", out);
        }
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

/* }====== */

/* ====================================================================
** {====== portfolio, focus areas, conservation
** ==================================================================== */

static void portfolio_section(FILE *out, Arena *a, const AllocView *v)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    fputs("<section>\n<h2>", out);
    put_word(out, N_("Portföljvillkor"));
    if (!al->n_portfolio) {
        fputs("</h2>\n<p>", out);
        put_word(out, N_("Regelfilen har inga portföljvillkor."));
        fputs("</p>\n</section>\n", out);
        return;
    }
    fputs("</h2>\n<table class=\"portfolio\">\n<colgroup><col class=\"crit\"><col><col class=\"status\">"
          "<col class=\"why\"><col class=\"why\"></colgroup>\n<thead><tr>", out);
    th(out, N_("Villkor"), NULL);
    th(out, N_("Gräns"), NULL);
    th(out, N_("Utfall"), NULL);
    th(out, N_("Antal och belopp"), NULL);
    th(out, N_("Projekt som räknas"), NULL);
    fputs("</tr></thead>\n<tbody>\n", out);
    char b1[48], b2[48];
    for (size_t i = 0; i < al->n_portfolio; i++) {
        const PortfolioResult *pr = &al->portfolio[i];
        const Portfolio *pf = &p->portfolios[pr->portfolio];
        const Bound *bd = &pf->bounds[pr->bound];
        fputs("<tr>", out);
        td_text(out, pf->label ? arena_printf(a, "%s: %s", pf->name, pf->label) : pf->name, NULL);
        td_text(out, program_span_text(a, v->set, bd->span), NULL);
        td_text(out, pr->held ? _("uppfyllt") : _("EJ UPPFYLLT"), pr->held ? NULL : "no");
        char count[64];
        snprintf(count, sizeof count, P_("%s ansökan", "%s ansökningar", pr->count), arena_printf(a, "%" PRId64, pr->count));
        /* TRANSLATORS: "3 ansökningar, 900 000 kr av 2 000 000 kr" */
        td_text(out, arena_printf(a, _("%s, %s av %s"), count, money_format(pr->amount, b1, sizeof b1),
                                  money_format(pr->total, b2, sizeof b2)), NULL);
        const char *list = "";
        for (size_t g = 0; g < al->n_grants; g++) {
            const Grant *gr = &al->grants[g];
            if (gr->app < 0 || gr->amount <= 0 || (pf->pot >= 0 && !program_pot_within(p, gr->pot, pf->pot)))
                continue;
            if (bd->where) {
                Value val = eval_expr(v->cx, &v->apps[gr->app], bd->where, NULL);
                if (val.kind != VAL_BOOL || !val.u.b)
                    continue;
            }
            list = arena_printf(a, "%s%s%s", list, list[0] ? ", " : "", v->apps[gr->app].key);
        }
        td_text(out, list, NULL);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static int focus_field(const Program *p)
{
    for (size_t i = 0; i < p->n_fields; i++)
        if (p->fields[i].type.kind == TY_SET && p->fields[i].type.elem == TY_FOCUS)
            return (int)i;
    return -1;
}

static void focus_section(FILE *out, Arena *a, const AllocView *v, const Money *got)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    int ff = focus_field(p);
    if (ff < 0 || !p->n_focus)
        return;
    fputs("<section>\n<h2>", out);
    put_word(out, N_("Beviljat per fokusområde"));
    fputs("</h2>\n<table class=\"focus\">\n<colgroup><col><col class=\"kr\"><col class=\"rank\"></colgroup>\n<thead><tr>", out);
    th(out, N_("Fokusområde"), NULL);
    th(out, N_("Beviljat"), "kr");
    th(out, N_("Projekt"), "kr");
    fputs("</tr></thead>\n<tbody>\n", out);
    Money sum = 0;
    bool fits = true;
    for (size_t f = 0; f < p->n_focus; f++) {
        size_t projects = 0;
        for (size_t i = 0; i < v->n; i++) {
            const Value *val = &v->apps[i].values[ff];
            projects += val->kind == VAL_SET && (val->u.set >> f & 1) && got[i] > 0;
        }
        fputs("<tr>", out);
        td_text(out, p->focus[f].label ? p->focus[f].label : p->focus[f].name, NULL);
        td_money(out, al->by_focus[f]);
        fprintf(out, "<td class=\"kr\">%zu</td></tr>\n", projects);
        fits = fits && add_money(sum, al->by_focus[f], &sum);
    }
    fputs("<tr class=\"sum\">", out);
    td_text(out, _("Summa över fokusområdena"), NULL);
    if (fits)
        td_money(out, sum);
    else
        td_empty(out);
    fputs("<td></td></tr>\n</tbody>\n</table>\n<p class=\"note\">", out);
    char b1[48], b2[48];
    html_text(out, arena_printf(a, _("Ett projekt med flera fokusområden räknas med hela sitt belopp i vart och ett av "
                                     "dem, så summan över fokusområdena (%s) är inte det beviljade beloppet (%s)."),
                                fits ? money_format(sum, b1, sizeof b1) : "?", money_format(al->granted, b2, sizeof b2)), 0);
    fputs("</p>\n</section>\n", out);
}

static void conservation_section(FILE *out, const AllocView *v)
{
    const Allocation *al = v->al;
    fputs("<section>\n<h2>", out);
    put_word(out, N_("Kontroll: varje krona är redovisad"));
    fputs("</h2>\n<p>", out);
    /* With 'kvar' (money moved between pots or paid back) the check has
    ** three more terms, each a column; without, it is as it always was. */
    bool kvar = al->has_leftover;
    if (kvar)
        put_word(out, N_("För varje pott gäller belopp + flyttat hit = till delpotter + beviljat + flyttat vidare + "
                         "återbetalas + ej fördelat, på öret; för hela beloppet beviljat + återbetalas + ej fördelat."));
    else
        put_word(out, N_("För varje pott gäller belopp = till delpotter + beviljat + ej fördelat, på öret."));
    fputs("</p>\n<table class=\"conservation\">\n<colgroup><col><col class=\"kr\"><col class=\"kr\"><col class=\"kr\">"
          "<col class=\"kr\">", out);
    if (kvar)
        fputs("<col class=\"kr\"><col class=\"kr\"><col class=\"kr\">", out);
    fputs("<col class=\"rank\"></colgroup>\n<thead><tr>", out);
    th(out, N_("Pott"), NULL);
    th(out, N_("Belopp"), "kr");
    if (kvar)
        th(out, N_("Flyttat hit"), "kr");
    th(out, N_("Till delpotter"), "kr");
    th(out, N_("Beviljat"), "kr");
    if (kvar) {
        th(out, N_("Flyttat vidare"), "kr");
        th(out, N_("Återbetalas"), "kr");
    }
    th(out, N_("Ej fördelat"), "kr");
    th(out, N_("Kontroll"), NULL);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < al->n_pots; i++) {
        const PotResult *r = &al->pots[i];
        Money s, in;
        bool ok = add_money(r->to_children, r->granted, &s) && add_money(s, r->moved_out, &s) &&
                  add_money(s, r->returned, &s) && add_money(s, r->unallocated, &s) &&
                  add_money(r->amount, r->moved_in, &in) && s == in;
        fputs("<tr>", out);
        td_text(out, r->name, NULL);
        td_money(out, r->amount);
        if (kvar)
            td_money(out, r->moved_in);
        td_money(out, r->to_children);
        td_money(out, r->granted);
        if (kvar) {
            td_money(out, r->moved_out);
            td_money(out, r->returned);
        }
        td_money(out, r->unallocated);
        td_text(out, ok ? _("stämmer") : _("STÄMMER INTE"), ok ? NULL : "no");
        fputs("</tr>\n", out);
    }
    Money s;
    bool ok = add_money(al->granted, al->unallocated, &s) && add_money(s, al->returned, &s) && s == al->total;
    fputs("<tr class=\"sum\">", out);
    td_text(out, _("Hela beloppet"), NULL);
    td_money(out, al->total);
    if (kvar)
        td_empty(out);
    td_empty(out);
    td_money(out, al->granted);
    if (kvar) {
        td_empty(out);
        td_money(out, al->returned);
    }
    td_money(out, al->unallocated);
    td_text(out, ok ? _("stämmer") : _("STÄMMER INTE"), ok ? NULL : "no");
    fputs("</tr>\n</tbody>\n</table>\n</section>\n", out);
}

/* }====== */

void html_basis(const AllocView *v, const RunFacts *f, FILE *out)
{
    const Program *p = v->cx->prog;
    Arena a;
    arena_init(&a);
    size_t n_manual = count_manual(v);
    int *named;
    size_t n_named = named_fields(&a, p, &named);
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            i18n_language() == LANGUAGE_EN ? "en" : "sv");
    put_word(out, N_("Beslutsunderlag"));
    fputs(" – ", out);
    html_text(out, p->name, 0);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", STYLE);
    Money *got = granted_per_app(&a, v);
    agreement_section(out, &a, v, f, n_manual, got);
    pots_section(out, &a, v);
    for (size_t k = 0; k < p->n_pots; k++)
        if (decides(p, k))
            decisions_section(out, &a, v, k, named, n_named);
    ineligible_section(out, &a, v, named, n_named);
    manual_section(out, &a, v, n_manual);
    rulings_section(out, &a, v, n_manual);
    portfolio_section(out, &a, v);
    focus_section(out, &a, v, got);
    conservation_section(out, v);
    fputs("<footer>\n<h2>", out);
    put_word(out, N_("Om körningen"));
    fputs("</h2>\n", out);
    html_about_table(out, "about", f);
    fputs("</footer>\n</body>\n</html>\n", out);
    arena_free(&a);
}
