/*
** diff.c: medel diff (see diff.h). Both rule files are loaded and checked in
** full, then compared part by part, matching by name. Values are compared as
** the checker computed them (a pot's amount to the öre, an expression by
** its tree as ast_dump_expr writes it), so a rule written another way but
** meaning the same ("10 MSEK" and "5 MSEK * 2", `utökar` or a copy of the
** whole file) is no difference. What is shown is rule text (format_expr), in
** the language the rule file is written in; the words around it (what
** changed, "tillkommer", "utgår") are messages, in the user's language.
** Every difference becomes one Change; the list is printed at the end, as
** text or JSON, so both forms always say the same.
**
** The names of kinds and properties are marked N_("diff|typ"): "diff|" keeps
** a short word apart from the same word elsewhere in the catalog, and is left
** out where the word is shown (label) and in JSON, whose "kind" and "what"
** keep their Swedish values for programs.
*/
#include "diff.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "format.h"
#include "i18n.h"
#include "medel.h"
#include "output.h"
#include "report.h"
#include "source.h"

typedef enum ChangeOp {
    CH_CHANGED,   /* a property has a new value */
    CH_ADDED,     /* the thing is only in the new agreement */
    CH_REMOVED    /* the thing is only in the old agreement */
} ChangeOp;

typedef struct Change {
    ChangeOp op;
    const char *kind;       /* msgid "diff|pott", "diff|villkor", … */
    const char *name;       /* what changed; NULL for the agreement itself */
    const char *what;       /* msgid of the property ("diff|krav", "diff|tak per ansökan", …) */
    const char *lead_o, *lead_n; /* the text form writes the values as rule lines, "krav …" (keywords of each file) */
    const char *old_val;    /* NULL: absent */
    const char *new_val;
    bool quoted;            /* the values are texts from the file: shown in quotes */
    bool bare;              /* the text form leaves `what` out (a pot's amount) */
    bool has_diff;
    Money diff;             /* new − old, in öre */
    const char *diff_text;  /* a difference that is not money ("+5 procentenheter") */
} Change;

typedef struct Differ {
    Arena *a;
    const Program *o, *n;   /* old and new */
    bool en_o, en_n;        /* their rule files are written in English */
    Change *changes;
    size_t n_changes, cap;
} Differ;

/* Built-in words of the rule language, by the program's enums (format_word
** gives them in the file's language). POLICY_WORD[0] is a message. */
static const char *const POLICY_WORD[] = {N_("diff|ingen tilldelning (delas i delpotter)"), "rangordning", "proportionell", "rättighet"};
static const char *const LAST_WORD[] = {"delvis", "hoppa_över", "stopp"};
static const char *const TIE_WORD[] = {"nyckel", "lägst_belopp", "högst_belopp", "inkommen"};
static const char *const METHOD_WORD[] = {"största_rest", "dhondt", "sainte_laguë"};

static bool english(const Differ *D, const Program *p)
{
    return p == D->o ? D->en_o : D->en_n;
}

/* A keyword or built-in word (given in Swedish) in p's language. */
static const char *W(const Differ *D, const Program *p, const char *sv)
{
    const char *w = format_word(sv, english(D, p));
    return w ? w : sv;
}

/* A kind's or property's msgid as shown: translated, without "diff|". */
static const char *label(const char *msgid)
{
    const char *t = _(msgid);
    if (t == msgid && strncmp(msgid, "diff|", 5) == 0)
        return msgid + 5;
    return t;
}

/* The same for JSON: the Swedish word. */
static const char *json_word(const char *msgid)
{
    return strncmp(msgid, "diff|", 5) == 0 ? msgid + 5 : msgid;
}

/* ---- recording changes ---- */

static Change *push(Differ *D, ChangeOp op, const char *kind, const char *name, const char *what)
{
    if (D->n_changes == D->cap) {
        size_t cap = D->cap ? 2 * D->cap : 32;
        D->changes = arena_grow(D->a, D->changes, D->n_changes, cap, sizeof *D->changes);
        D->cap = cap;
    }
    Change *c = &D->changes[D->n_changes++];
    *c = (Change){.op = op, .kind = kind, .name = name, .what = what};
    return c;
}

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* A property whose values are compared and shown as strings. */
static Change *text_change(Differ *D, const char *kind, const char *name, const char *what, const char *o,
                           const char *n, bool quoted)
{
    if (same(o, n))
        return NULL;
    Change *c = push(D, CH_CHANGED, kind, name, what);
    c->old_val = o;
    c->new_val = n;
    c->quoted = quoted;
    return c;
}

/* A property shown in each file's language but compared by keys that are
** not (so a file and its translation into English do not differ). */
static Change *keyed_change(Differ *D, const char *kind, const char *name, const char *what, const char *ko,
                            const char *kn, const char *o, const char *n)
{
    if (same(ko, kn))
        return NULL;
    Change *c = push(D, CH_CHANGED, kind, name, what);
    c->old_val = o;
    c->new_val = n;
    return c;
}

static void added(Differ *D, const char *kind, const char *name, const char *desc, bool quoted)
{
    Change *c = push(D, CH_ADDED, kind, name, N_("diff|tillkommer"));
    c->new_val = desc;
    c->quoted = quoted;
}

static void removed(Differ *D, const char *kind, const char *name, const char *desc, bool quoted)
{
    Change *c = push(D, CH_REMOVED, kind, name, N_("diff|utgår"));
    c->old_val = desc;
    c->quoted = quoted;
}

/* ---- values as text ---- */

static const char *fmt_money(Differ *D, Money m)
{
    char buf[48];
    return arena_strdup(D->a, money_format(m, buf, sizeof buf));
}

/* A money difference set on c, when new − old can be computed (it always
** can for amounts of öre that are never negative, but arithmetic is checked). */
static void set_diff(Change *c, Money o, Money n)
{
    Money d;
    if (money_sub(n, o, &d)) {
        c->has_diff = true;
        c->diff = d;
    }
}

/* An amount that is absent when `has` is false (0 means "none" for caps). */
static void money_change(Differ *D, const char *kind, const char *name, const char *what, Money o, bool has_o, Money n,
                         bool has_n)
{
    if (has_o == has_n && (!has_o || o == n))
        return;
    Change *c = push(D, CH_CHANGED, kind, name, what);
    c->old_val = has_o ? fmt_money(D, o) : NULL;
    c->new_val = has_n ? fmt_money(D, n) : NULL;
    if (has_o && has_n)
        set_diff(c, o, n);
}

/* A rounding unit: "1 öre", "1 kr", "1 000 kr". */
static const char *unit_str(Differ *D, Money u)
{
    if (u > 0 && u < MONEY_ORE_PER_KR)
        return arena_printf(D->a, "%" PRId64 " öre", u);
    return fmt_money(D, u);
}

/* percent_format without its " %": the number alone, "12,5" or "≈33,333333". */
static const char *percent_number(Differ *D, Ratio r)
{
    char buf[64];
    percent_format(r, buf, sizeof buf);
    size_t len = strlen(buf);
    if (len >= 2 && strcmp(buf + len - 2, " %") == 0)
        buf[len - 2] = '\0';
    return arena_strdup(D->a, buf);
}

static const char *percent_str(Differ *D, Ratio r)
{
    char buf[64];
    return arena_strdup(D->a, percent_format(r, buf, sizeof buf));
}

/* A decimal number as the rule file writes it: 6/5 is "1,2". */
static const char *decimal_str(Differ *D, Ratio r)
{
    Ratio hundredth;
    if (r.den <= INT64_MAX / 100 && ratio_make(r.num, r.den * 100, &hundredth))
        return percent_number(D, hundredth);
    return arena_printf(D->a, "%" PRId64 "/%" PRId64, r.num, r.den);
}

/* "+5 procentenheter", "-12,5 procentenheter", "+1 procentenhet". */
static const char *points_str(Differ *D, Ratio o, Ratio n)
{
    Ratio d;
    if (!ratio_sub(n, o, &d))
        return NULL;
    bool one = ratio_cmp(d, (Ratio){1, 100}) == 0 || ratio_cmp(d, (Ratio){-1, 100}) == 0;
    const char *num = percent_number(D, d);
    const char *sign = d.num > 0 ? "+" : "";
    const char *approx = "";
    /* percent_format puts "≈" first; the sign goes after it. */
    if (strncmp(num, "\xE2\x89\x88", 3) == 0)
        approx = "\xE2\x89\x88", num += 3;
    const char *figure = arena_printf(D->a, "%s%s%s", approx, sign, num);
    return arena_printf(D->a, P_("%s procentenhet", "%s procentenheter", one ? 1 : 2), figure);
}

static const char *year_str(Differ *D, int from, int to)
{
    if (!from)
        return NULL;
    if (from == to)
        return arena_printf(D->a, "%d", from);
    return arena_printf(D->a, "%d–%d", from, to);
}

/* An expression in one canonical form, for comparing: the tree printed in
** Swedish without its source (amounts in kronor, "=" for "är"), so two
** writings of one rule, or one rule in two languages, are the same; NULL
** for none. */
static const char *expr_key(Differ *D, const Expr *e)
{
    return e ? format_expr_text(D->a, e, NULL, false) : NULL;
}

/* An expression of p as its rule file writes it; NULL for none. */
static const char *expr_str(Differ *D, const Program *p, const Expr *e)
{
    return e ? format_expr_text(D->a, e, p->sources, english(D, p)) : NULL;
}

/* A changed expression, compared by its tree and shown as rule text. With
** a keyword `lead` (Swedish), the text form writes each side as a line of
** the rule file: "krav ålder inom 12..22 → krav ålder inom 13..22". */
static Change *expr_change(Differ *D, const char *kind, const char *name, const char *what, const char *lead,
                           const Expr *o, const Expr *n)
{
    if (same(expr_key(D, o), expr_key(D, n)))
        return NULL;
    Change *c = push(D, CH_CHANGED, kind, name, what);
    c->old_val = expr_str(D, D->o, o);
    c->new_val = expr_str(D, D->n, n);
    if (lead) {
        c->lead_o = W(D, D->o, lead);
        c->lead_n = W(D, D->n, lead);
    }
    return c;
}

/* A type in the rule file's own words; enumerations list their values, so
** a value added to an `en av` is a changed type. */
static const char *type_str(Differ *D, const Program *p, Type t)
{
    return format_type(D->a, p, t, english(D, p));
}

static const char *pot_name(const Program *p, int k)
{
    return k >= 0 && (size_t)k < p->n_pots ? p->pots[k].name : "?";
}

/* Where a criterion, priority or constraint applies. */
static const char *scope_str(Differ *D, const Program *p, int pot)
{
    return pot < 0 ? label(N_("diff|alla potter")) : arena_printf(D->a, "%s %s", W(D, p, "pott"), pot_name(p, pot));
}

static const char *scope_key(const Program *p, int pot)
{
    return pot < 0 ? "" : pot_name(p, pot);
}

static void ref_changes(Differ *D, const char *kind, const char *name, const Ref *o, const Ref *n)
{
    text_change(D, kind, name, N_("diff|källa"), o->source, n->source, true);
    text_change(D, kind, name, N_("diff|url"), o->url, n->url, true);
    text_change(D, kind, name, N_("diff|stycke"), o->paragraph, n->paragraph, true);
    text_change(D, kind, name, N_("diff|beslut"), o->decision, n->decision, true);
}

/* ---- the agreement and focus areas ---- */

static void diff_agreement(Differ *D)
{
    const Program *o = D->o, *n = D->n;
    const char *K = N_("diff|överenskommelse");
    text_change(D, K, NULL, N_("diff|namn"), o->name, n->name, true);
    text_change(D, K, NULL, N_("diff|år"), year_str(D, o->year_from, o->year_to), year_str(D, n->year_from, n->year_to), false);
    ref_changes(D, K, NULL, &o->ref, &n->ref);
}

/* The focus area of p with this (case-folded) label whose identifier the
** other program does not have: a renamed identifier. -1 when none. */
static int renamed_focus(const Program *p, const Program *other, const char *fold_label)
{
    for (size_t i = 0; i < p->n_focus; i++)
        if (strcmp(p->focus[i].fold_label, fold_label) == 0 && program_find_focus(other, p->focus[i].name) < 0)
            return (int)i;
    return -1;
}

static void diff_focus(Differ *D)
{
    const Program *o = D->o, *n = D->n;
    const char *K = N_("diff|fokusområde");
    for (size_t i = 0; i < o->n_focus; i++) {
        const FocusArea *f = &o->focus[i];
        int j = program_find_focus(n, f->name);
        if (j >= 0) {
            text_change(D, K, f->name, N_("diff|ny benämning"), f->label, n->focus[j].label, true);
            continue;
        }
        int r = renamed_focus(n, o, f->fold_label);
        if (r >= 0) {
            text_change(D, K, f->name, N_("diff|ny identifierare"), f->name, n->focus[r].name, false);
            /* The labels matched ignoring case; another spelling is a change too. */
            text_change(D, K, f->name, N_("diff|ny benämning"), f->label, n->focus[r].label, true);
        } else {
            removed(D, K, f->name, f->label, true);
        }
    }
    for (size_t j = 0; j < n->n_focus; j++) {
        const FocusArea *f = &n->focus[j];
        if (program_find_focus(o, f->name) < 0 && renamed_focus(o, n, f->fold_label) < 0)
            added(D, K, f->name, f->label, true);
    }
}

/* ---- application fields ---- */

static const char *flags_str(Differ *D, const Program *p, unsigned flags)
{
    static const struct { unsigned bit; const char *word; } FLAGS[] = {
        {FIELD_KEY, "nyckel"}, {FIELD_REQUIRED, "obligatorisk"}, {FIELD_REQUESTED, "sökt"}};
    const char *s = NULL;
    for (size_t i = 0; i < sizeof FLAGS / sizeof FLAGS[0]; i++)
        if (flags & FLAGS[i].bit)
            s = s ? arena_printf(D->a, "%s, %s", s, W(D, p, FLAGS[i].word)) : W(D, p, FLAGS[i].word);
    return s ? s : label(N_("diff|inga"));
}

/* A field as the schema declares it: `obligatorisk heltal "Antal deltagare"`. */
static const char *field_desc(Differ *D, const Program *p, const Field *f)
{
    const char *s = "";
    if (f->flags & FIELD_KEY)
        s = arena_printf(D->a, "%s ", W(D, p, "nyckel"));
    if (f->flags & FIELD_REQUIRED)
        s = arena_printf(D->a, "%s%s ", s, W(D, p, "obligatorisk"));
    if (f->flags & FIELD_REQUESTED)
        s = arena_printf(D->a, "%s%s ", s, W(D, p, "sökt"));
    return arena_printf(D->a, "%s%s \"%s\"", s, type_str(D, p, f->type), f->column);
}

static void diff_fields(Differ *D)
{
    const Program *o = D->o, *n = D->n;
    const char *K = N_("diff|fält");
    for (size_t i = 0; i < o->n_fields; i++) {
        const Field *f = &o->fields[i];
        int j = program_find_field(n, f->name);
        if (j < 0) {
            removed(D, K, f->name, field_desc(D, o, f), false);
            continue;
        }
        const Field *g = &n->fields[j];
        keyed_change(D, K, f->name, N_("diff|typ"), format_type(D->a, o, f->type, false), format_type(D->a, n, g->type, false),
                     type_str(D, o, f->type), type_str(D, n, g->type));
        text_change(D, K, f->name, N_("diff|kolumnrubrik"), f->column, g->column, true);
        if (f->flags != g->flags)
            text_change(D, K, f->name, N_("diff|egenskaper"), flags_str(D, o, f->flags), flags_str(D, n, g->flags), false);
    }
    for (size_t j = 0; j < n->n_fields; j++)
        if (program_find_field(o, n->fields[j].name) < 0)
            added(D, K, n->fields[j].name, field_desc(D, n, &n->fields[j]), false);
}

/* ---- tables ---- */

static int find_table(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_tables; i++)
        if (strcmp(p->tables[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int find_column(const Table *t, const char *name)
{
    for (size_t i = 0; i < t->n_columns; i++)
        if (strcmp(t->columns[i].name, name) == 0)
            return (int)i;
    return -1;
}

static const char *column_type(Differ *D, const Program *p, const Column *c)
{
    const char *t = type_str(D, p, c->type);
    return c->key ? arena_printf(D->a, "%s %s", W(D, p, "nyckel"), t) : t;
}

static const char *column_desc(Differ *D, const Program *p, const Column *c)
{
    return arena_printf(D->a, "%s \"%s\"", column_type(D, p, c), c->header);
}

/* The first 12 hex digits of the file's SHA-256, or NULL if it cannot be
** read (the checker has then already said so). */
static const char *content_str(Differ *D, const Table *t)
{
    char hex[65];
    if (!t->path || !sha256_file(t->path, hex))
        return NULL;
    return arena_strndup(D->a, hex, 12);
}

static void diff_tables(Differ *D)
{
    const Program *o = D->o, *n = D->n;
    const char *K = N_("diff|tabell"), *KC = N_("diff|kolumn");
    for (size_t i = 0; i < o->n_tables; i++) {
        const Table *t = &o->tables[i];
        int j = find_table(n, t->name);
        if (j < 0) {
            removed(D, K, t->name, arena_printf(D->a, "%s \"%s\"", W(D, o, "från"), t->file), false);
            continue;
        }
        const Table *u = &n->tables[j];
        text_change(D, K, t->name, N_("diff|fil"), t->file, u->file, true);
        /* The data decide a split, so new figures under the same file name
        ** are a change in substance. */
        const char *ho = content_str(D, t), *hn = content_str(D, u);
        if (ho && hn)
            text_change(D, K, t->name, N_("diff|innehåll (SHA-256)"), ho, hn, false);
        ref_changes(D, K, t->name, &t->ref, &u->ref);
        for (size_t c = 0; c < t->n_columns; c++) {
            const Column *col = &t->columns[c];
            const char *cname = arena_printf(D->a, "%s.%s", t->name, col->name);
            int d = find_column(u, col->name);
            if (d < 0) {
                removed(D, KC, cname, column_desc(D, o, col), false);
                continue;
            }
            const Column *ncol = &u->columns[d];
            if (col->key != ncol->key || !same(format_type(D->a, o, col->type, false), format_type(D->a, n, ncol->type, false)))
                text_change(D, KC, cname, N_("diff|typ"), column_type(D, o, col), column_type(D, n, ncol), false);
            text_change(D, KC, cname, N_("diff|rubrik"), col->header, ncol->header, true);
        }
        for (size_t d = 0; d < u->n_columns; d++)
            if (find_column(t, u->columns[d].name) < 0)
                added(D, KC, arena_printf(D->a, "%s.%s", u->name, u->columns[d].name), column_desc(D, n, &u->columns[d]), false);
    }
    for (size_t j = 0; j < n->n_tables; j++)
        if (find_table(o, n->tables[j].name) < 0)
            added(D, K, n->tables[j].name, arena_printf(D->a, "%s \"%s\"", W(D, n, "från"), n->tables[j].file), false);
}

/* ---- pots ---- */

static const char *amount_str(Differ *D, const Program *p, const Pot *pot)
{
    const char *m = fmt_money(D, pot->amount);
    return pot->approx ? arena_printf(D->a, "%s %s", W(D, p, pot->approx), m) : m;
}

static const char *split_field(const Program *p, const Split *s)
{
    return s->field >= 0 && (size_t)s->field < p->n_fields ? p->fields[s->field].name : "?";
}

static const char *split_weights(Differ *D, const Program *p, const Split *s)
{
    if (s->table < 0 || (size_t)s->table >= p->n_tables)
        return "?";
    const Table *t = &p->tables[s->table];
    return arena_printf(D->a, "%s.%s", t->name,
                        s->column >= 0 && (size_t)s->column < t->n_columns ? t->columns[s->column].name : "?");
}

/* Sainte-Laguë's first divisor; the checker allows it with no other method,
** so there it is absent rather than 1. */
static const char *first_divisor_str(Differ *D, const Split *s)
{
    return s->method == APPORTION_SAINTE_LAGUE ? decimal_str(D, s->first_divisor) : NULL;
}

static const char *split_str(Differ *D, const Program *p, const Pot *pot)
{
    if (!pot->has_split)
        return NULL;
    const Split *s = &pot->split;
    const char *str = arena_printf(D->a, "%s %s %s %s, %s %s, %s %s", W(D, p, "per"), split_field(p, s), W(D, p, "efter"),
                                   split_weights(D, p, s), W(D, p, "avrundning"), unit_str(D, s->unit), W(D, p, "metod"),
                                   W(D, p, METHOD_WORD[s->method]));
    if (s->method == APPORTION_SAINTE_LAGUE)
        str = arena_printf(D->a, "%s, %s %s", str, W(D, p, "första_divisor"), first_divisor_str(D, s));
    return str;
}

/* An added or removed pot: its amount and where it comes from. */
static const char *pot_desc(Differ *D, const Program *p, int k)
{
    const Pot *pot = &p->pots[k];
    const char *s = amount_str(D, p, pot);
    const char *parent = pot->parent >= 0 ? pot_name(p, pot->parent) : NULL;
    switch (pot->share) {
    case SHARE_FIXED: s = arena_printf(D->a, _("%s (fast belopp i %s)"), s, parent); break;
    case SHARE_PERCENT: s = arena_printf(D->a, _("%s (%s av %s)"), s, percent_str(D, pot->percent), parent); break;
    case SHARE_REST: s = arena_printf(D->a, _("%s (resten av %s)"), s, parent); break;
    case SHARE_ROOT: break;
    }
    if (pot->has_split)
        s = arena_printf(D->a, _("%s, fördelas per %s efter %s"), s, split_field(p, &pot->split), split_weights(D, p, &pot->split));
    return s;
}

static const char *tie_str(Differ *D, const Program *p, const Pot *pot)
{
    const char *s = NULL;
    for (size_t i = 0; i < pot->n_tie_break; i++) {
        const char *w = W(D, p, TIE_WORD[pot->tie_break[i]]);
        s = s ? arena_printf(D->a, "%s, %s", s, w) : w;
    }
    return s;
}

static const char *cap_applicant_str(Differ *D, const Program *p, const Pot *pot)
{
    if (!pot->cap_per_applicant)
        return NULL;
    return arena_printf(D->a, "%s %s %s", fmt_money(D, pot->cap_per_applicant), W(D, p, "per"),
                        pot->cap_field >= 0 && (size_t)pot->cap_field < p->n_fields ? p->fields[pot->cap_field].name : "?");
}

/* How a sub-pot's amount is written, as far as the amount line does not
** already say it: a fixed amount is its amount. */
static const char *share_str(Differ *D, const Program *p, const Pot *pot)
{
    switch (pot->share) {
    case SHARE_PERCENT: return percent_str(D, pot->percent);
    case SHARE_REST: return W(D, p, "resten");
    default: return label(N_("diff|fast belopp"));
    }
}

/* A split rule's amount as written (NULL when absent): "100 000 kr", "2 %". */
static const char *split_amount_str(Differ *D, const SplitAmount *r)
{
    if (!r->set)
        return NULL;
    return r->is_percent ? percent_str(D, r->percent) : fmt_money(D, r->amount);
}

static const char *threshold_str(Differ *D, const Split *s)
{
    if (!s->has_threshold)
        return NULL;
    return s->threshold_is_percent ? percent_str(D, s->threshold_percent)
                                   : arena_printf(D->a, "%" PRId64, s->threshold_weight);
}

static void diff_split(Differ *D, const char *K, const char *name, const Pot *po, const Pot *pn)
{
    const Program *o = D->o, *n = D->n;
    if (po->has_split != pn->has_split) {
        text_change(D, K, name, N_("diff|fördelning"), split_str(D, o, po), split_str(D, n, pn), false);
        return;
    }
    if (!po->has_split)
        return;
    const Split *so = &po->split, *sn = &pn->split;
    text_change(D, K, name, N_("diff|fördela per"), split_field(o, so), split_field(n, sn), false);
    text_change(D, K, name, N_("diff|fördela efter"), split_weights(D, o, so), split_weights(D, n, sn), false);
    text_change(D, K, name, N_("diff|fördelningens avrundning"), unit_str(D, so->unit), unit_str(D, sn->unit), false);
    if (so->method != sn->method)
        text_change(D, K, name, N_("diff|metod"), W(D, o, METHOD_WORD[so->method]), W(D, n, METHOD_WORD[sn->method]), false);
    text_change(D, K, name, N_("diff|första divisor"), first_divisor_str(D, so), first_divisor_str(D, sn), false);
    /* The split rules (issue 17), each as written: an amount or a share. */
    text_change(D, K, name, N_("diff|grundbelopp"), split_amount_str(D, &so->base), split_amount_str(D, &sn->base), false);
    text_change(D, K, name, N_("diff|tak per mottagare"), split_amount_str(D, &so->cap), split_amount_str(D, &sn->cap),
                false);
    text_change(D, K, name, N_("diff|spärr"), threshold_str(D, so), threshold_str(D, sn), false);
    text_change(D, K, name, N_("diff|minst enheter"), so->min_units ? arena_printf(D->a, "%" PRId64, so->min_units) : NULL,
                sn->min_units ? arena_printf(D->a, "%" PRId64, sn->min_units) : NULL, false);
}

/* What a pot's 'kvar' does, as rule words in p's language ("stannar",
** "flyttas till länsgemensamt"); a pot with a second round hands its leftover
** to the round whatever 'kvar' says: "andra omgång". */
static const char *leftover_str(Differ *D, const Program *p, const Pot *pot)
{
    if (pot->round >= 0)
        return W(D, p, "andra omgång");
    switch (pot->leftover) {
    case LEFTOVER_RETURNED: return W(D, p, "återbetalas");
    case LEFTOVER_MOVES: return arena_printf(D->a, "%s %s", W(D, p, "flyttas till"), pot_name(p, pot->leftover_to));
    default: return W(D, p, "stannar");
    }
}

/* The same as a key that does not depend on the file's language. */
static const char *leftover_key(Differ *D, const Program *p, const Pot *pot)
{
    if (pot->round >= 0)
        return "round";
    switch (pot->leftover) {
    case LEFTOVER_RETURNED: return "returned";
    case LEFTOVER_MOVES: return arena_printf(D->a, "moves %s", pot_name(p, pot->leftover_to));
    default: return "stays";
    }
}

/* Pot ko of the old program and kn of the new, shown as kind K and name N
** (a pot, or the second round of pot N). */
static void compare_pot_as(Differ *D, int ko, int kn, const char *K, const char *N)
{
    const Program *o = D->o, *n = D->n;
    const Pot *po = &o->pots[ko], *pn = &n->pots[kn];

    text_change(D, K, N, N_("diff|ligger under"), po->parent >= 0 ? pot_name(o, po->parent) : label(N_("diff|högsta nivån")),
                pn->parent >= 0 ? pot_name(n, pn->parent) : label(N_("diff|högsta nivån")), false);
    /* "nära" and "drygt" differ in shade; across languages both are "about". */
    bool approx_same = D->en_o == D->en_n ? same(po->approx, pn->approx)
                                          : same(po->approx ? format_word(po->approx, true) : NULL,
                                                 pn->approx ? format_word(pn->approx, true) : NULL);
    if (po->amount != pn->amount || !approx_same) {
        Change *c = push(D, CH_CHANGED, K, N, N_("diff|belopp"));
        c->bare = true;
        c->old_val = amount_str(D, o, po);
        c->new_val = amount_str(D, n, pn);
        set_diff(c, po->amount, pn->amount);
    }
    /* A top-level pot and a fixed sub-pot are both "the amount written";
    ** only shares and rests say more than the amount line. */
    bool pct_o = po->share == SHARE_PERCENT, pct_n = pn->share == SHARE_PERCENT;
    bool rel_o = pct_o || po->share == SHARE_REST, rel_n = pct_n || pn->share == SHARE_REST;
    if ((rel_o || rel_n) && (po->share != pn->share || (pct_o && ratio_cmp(po->percent, pn->percent) != 0))) {
        Change *c = text_change(D, K, N, N_("diff|andel"), share_str(D, o, po), share_str(D, n, pn), false);
        if (c && pct_o && pct_n)
            c->diff_text = points_str(D, po->percent, pn->percent);
    }
    text_change(D, K, N, N_("diff|benämning"), po->label, pn->label, true);
    text_change(D, K, N, N_("diff|förvaltare"), po->manager, pn->manager, true);
    text_change(D, K, N, N_("diff|år"), year_str(D, po->year_from, po->year_to), year_str(D, pn->year_from, pn->year_to), false);
    diff_split(D, K, N, po, pn);
    if (po->policy != pn->policy)
        text_change(D, K, N, N_("diff|tilldelning"), po->policy ? W(D, o, POLICY_WORD[po->policy]) : label(POLICY_WORD[0]),
                    pn->policy ? W(D, n, POLICY_WORD[pn->policy]) : label(POLICY_WORD[0]), false);
    /* The rule for the last project only means something when ranking. */
    if (po->policy == POLICY_RANK && pn->policy == POLICY_RANK && po->last != pn->last)
        text_change(D, K, N, N_("diff|sista"), W(D, o, LAST_WORD[po->last]), W(D, n, LAST_WORD[pn->last]), false);
    money_change(D, K, N, N_("diff|tak per ansökan"), po->cap_per_application, po->cap_per_application != 0, pn->cap_per_application,
                 pn->cap_per_application != 0);
    bool same_cap = po->cap_per_applicant == pn->cap_per_applicant &&
                    (!po->cap_per_applicant || same(po->cap_field >= 0 ? o->fields[po->cap_field].name : NULL,
                                                    pn->cap_field >= 0 ? n->fields[pn->cap_field].name : NULL));
    Change *cap = same_cap ? NULL
                           : text_change(D, K, N, N_("diff|tak per sökande"), cap_applicant_str(D, o, po),
                                         cap_applicant_str(D, n, pn), false);
    if (cap && po->cap_per_applicant && pn->cap_per_applicant)
        set_diff(cap, po->cap_per_applicant, pn->cap_per_applicant);
    money_change(D, K, N, N_("diff|lägsta bidrag"), po->min_grant, po->min_grant != 0, pn->min_grant, pn->min_grant != 0);
    text_change(D, K, N, N_("diff|avrundning"), unit_str(D, po->grant_unit), unit_str(D, pn->grant_unit), false);
    if (!same(tie_str(D, o, po), tie_str(D, o, pn)))
        text_change(D, K, N, N_("diff|vid lika"), tie_str(D, o, po), tie_str(D, n, pn), false);
    Change *ap = expr_change(D, K, N, N_("diff|ansökningar där"), "ansökningar", po->applies, pn->applies);
    if (ap) {   /* two keywords: "ansökningar där …" */
        ap->lead_o = arena_printf(D->a, "%s %s", ap->lead_o, W(D, o, "där"));
        ap->lead_n = arena_printf(D->a, "%s %s", ap->lead_n, W(D, n, "där"));
    }
    keyed_change(D, K, N, N_("diff|kvar"), leftover_key(D, o, po), leftover_key(D, n, pn), leftover_str(D, o, po),
                 leftover_str(D, n, pn));
    ref_changes(D, K, N, &po->ref, &pn->ref);
}

static void compare_pot(Differ *D, int ko, int kn)
{
    compare_pot_as(D, ko, kn, N_("diff|pott"), D->n->pots[kn].name);
}

/* A second round as "\"Benämning\", sista_ansökningsdag \"30 november 2021\"". */
static const char *round_desc(Differ *D, const Program *p, int k)
{
    const Pot *r = &p->pots[k];
    const char *s = r->label ? arena_printf(D->a, "\"%s\"", r->label) : "";
    if (r->deadline)
        s = arena_printf(D->a, "%s%s%s \"%s\"", s, *s ? ", " : "", W(D, p, "sista_ansökningsdag"), r->deadline);
    return *s ? s : NULL;
}

/* The second rounds of pot `name` (ro of the old program, rn of the new,
** -1 for none): added, removed or changed. Its criteria and priorities are
** compared with the others (diff_criteria, diff_priorities), in the pot
** "<pot>/andra_omgången". */
static void diff_round(Differ *D, int ro, int rn, const char *name)
{
    const char *K = N_("diff|andra omgång");
    if (ro < 0 && rn < 0)
        return;
    if (ro < 0) {
        added(D, K, name, round_desc(D, D->n, rn), false);
        return;
    }
    if (rn < 0) {
        removed(D, K, name, round_desc(D, D->o, ro), false);
        return;
    }
    text_change(D, K, name, N_("diff|sista ansökningsdag"), D->o->pots[ro].deadline, D->n->pots[rn].deadline, true);
    compare_pot_as(D, ro, rn, K, name);
}

/* An old pot that the new agreement does not have, and those of its
** sub-pots that it does not have either (a sub-pot that lives on elsewhere
** is reported where it now is, as moved). */
static void removed_pots(Differ *D, int ko)
{
    const Pot *po = &D->o->pots[ko];
    removed(D, N_("diff|pott"), po->name, pot_desc(D, D->o, ko), false);
    diff_round(D, po->round, -1, po->name);
    for (size_t c = 0; c < po->n_children; c++)
        if (program_find_pot(D->n, D->o->pots[po->children[c]].name) < 0)
            removed_pots(D, po->children[c]);
}

/* The new tree in pre-order; the sub-pots a pot lost follow its own sub-pots. */
static void walk_pots(Differ *D, int kn)
{
    const Pot *pn = &D->n->pots[kn];
    int ko = program_find_pot(D->o, pn->name);
    if (ko < 0)
        added(D, N_("diff|pott"), pn->name, pot_desc(D, D->n, kn), false);
    else
        compare_pot(D, ko, kn);
    diff_round(D, ko < 0 ? -1 : D->o->pots[ko].round, pn->round, pn->name);
    for (size_t c = 0; c < pn->n_children; c++)
        walk_pots(D, pn->children[c]);
    if (ko < 0)
        return;
    const Pot *po = &D->o->pots[ko];
    for (size_t c = 0; c < po->n_children; c++)
        if (program_find_pot(D->n, D->o->pots[po->children[c]].name) < 0)
            removed_pots(D, po->children[c]);
}

/* The pots that take applications and are in both programs, in the order
** they try an application (the file's pre-order), as "a, b, c". */
static const char *trial_order(Differ *D, const Program *p, const Program *other)
{
    const char *s = "";
    for (size_t k = 0; k < p->n_pots; k++) {
        const Pot *pot = &p->pots[k];
        int j = program_find_pot(other, pot->name);
        if (pot->n_children || (pot->policy != POLICY_RANK && pot->policy != POLICY_PRO_RATA) || j < 0)
            continue;
        const Pot *q = &other->pots[j];
        if (q->n_children || (q->policy != POLICY_RANK && q->policy != POLICY_PRO_RATA))
            continue;
        s = arena_printf(D->a, "%s%s%s", s, *s ? ", " : "", pot->name);
    }
    return s;
}

static void diff_pots(Differ *D)
{
    /* A second round is part of its pot, not a top-level pot of its own. */
    for (size_t k = 0; k < D->n->n_pots; k++)
        if (D->n->pots[k].parent < 0 && D->n->pots[k].round_of < 0)
            walk_pots(D, (int)k);
    for (size_t k = 0; k < D->o->n_pots; k++)
        if (D->o->pots[k].parent < 0 && D->o->pots[k].round_of < 0 && program_find_pot(D->n, D->o->pots[k].name) < 0)
            removed_pots(D, (int)k);
    /* An application goes to the first pot (in file order) that grants it
    ** money, so the same pots in another order can change who gets what. */
    text_change(D, N_("diff|potter"), NULL, N_("diff|prövningsordning"), trial_order(D, D->o, D->n), trial_order(D, D->n, D->o), false);
}

/* ---- criteria, priorities, portfolio constraints ---- */

static int find_criterion(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_criteria; i++)
        if (strcmp(p->criteria[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int find_priority(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_priorities; i++)
        if (strcmp(p->priorities[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int find_portfolio(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_portfolios; i++)
        if (strcmp(p->portfolios[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* ", i pott X" for a declaration inside a pot; "" at the top level. */
static const char *in_pot(Differ *D, const Program *p, int pot)
{
    return pot < 0 ? "" : arena_printf(D->a, _(", i pott %s"), pot_name(p, pot));
}

static const char *criterion_desc(Differ *D, const Program *p, const Criterion *c)
{
    return arena_printf(D->a, "%s %s%s", W(D, p, "krav"), expr_str(D, p, c->require), in_pot(D, p, c->pot));
}

static void diff_criteria(Differ *D)
{
    const Program *o = D->o, *n = D->n;
    const char *K = N_("diff|villkor");
    for (size_t i = 0; i < o->n_criteria; i++) {
        const Criterion *c = &o->criteria[i];
        int j = find_criterion(n, c->name);
        if (j < 0) {
            removed(D, K, c->name, criterion_desc(D, o, c), false);
            continue;
        }
        const Criterion *d = &n->criteria[j];
        expr_change(D, K, c->name, N_("diff|krav"), "krav", c->require, d->require);
        text_change(D, K, c->name, N_("diff|skäl"), c->reason, d->reason, true);
        text_change(D, K, c->name, N_("diff|benämning"), c->label, d->label, true);
        keyed_change(D, K, c->name, N_("diff|gäller"), scope_key(o, c->pot), scope_key(n, d->pot),
                     scope_str(D, o, c->pot), scope_str(D, n, d->pot));
        ref_changes(D, K, c->name, &c->ref, &d->ref);
    }
    for (size_t j = 0; j < n->n_criteria; j++)
        if (find_criterion(o, n->criteria[j].name) < 0)
            added(D, K, n->criteria[j].name, criterion_desc(D, n, &n->criteria[j]), false);
}

static const char *priority_desc(Differ *D, const Program *p, const Priority *pr)
{
    const char *when = pr->when ? arena_printf(D->a, " %s %s", W(D, p, "om"), expr_str(D, p, pr->when)) : "";
    return arena_printf(D->a, "%s %s%s%s", W(D, p, "poäng"), expr_str(D, p, pr->score), when, in_pot(D, p, pr->pot));
}

static void diff_priorities(Differ *D)
{
    const Program *o = D->o, *n = D->n;
    const char *K = N_("diff|prioritet");
    for (size_t i = 0; i < o->n_priorities; i++) {
        const Priority *a = &o->priorities[i];
        int j = find_priority(n, a->name);
        if (j < 0) {
            removed(D, K, a->name, priority_desc(D, o, a), false);
            continue;
        }
        const Priority *b = &n->priorities[j];
        expr_change(D, K, a->name, N_("diff|poäng"), "poäng", a->score, b->score);
        expr_change(D, K, a->name, N_("diff|om"), "om", a->when, b->when);
        text_change(D, K, a->name, N_("diff|skäl"), a->reason, b->reason, true);
        text_change(D, K, a->name, N_("diff|benämning"), a->label, b->label, true);
        keyed_change(D, K, a->name, N_("diff|gäller"), scope_key(o, a->pot), scope_key(n, b->pot),
                     scope_str(D, o, a->pot), scope_str(D, n, b->pot));
        ref_changes(D, K, a->name, &a->ref, &b->ref);
    }
    for (size_t j = 0; j < n->n_priorities; j++)
        if (find_priority(o, n->priorities[j].name) < 0)
            added(D, K, n->priorities[j].name, priority_desc(D, n, &n->priorities[j]), false);
}

/* The bounds, in order: "minst 1 där sökandetyp = region; högst 40 %". */
static const char *bounds_str(Differ *D, const Program *p, const Portfolio *pf)
{
    const char *s = "";
    for (size_t i = 0; i < pf->n_bounds; i++) {
        const Bound *b = &pf->bounds[i];
        const char *where = b->where ? arena_printf(D->a, " %s %s", W(D, p, "där"), expr_str(D, p, b->where)) : "";
        s = arena_printf(D->a, "%s%s%s %s%s", s, i ? "; " : "", W(D, p, b->at_least ? "minst" : "högst"),
                         expr_str(D, p, b->count), where);
    }
    return s;
}

/* The bounds by their trees, for comparing. */
static const char *bounds_key(Differ *D, const Portfolio *pf)
{
    const char *s = "";
    for (size_t i = 0; i < pf->n_bounds; i++) {
        const Bound *b = &pf->bounds[i];
        const char *count = b->count ? expr_key(D, b->count) : "";   /* never NULL into %s */
        s = arena_printf(D->a, "%s;%d %s %s", s, b->at_least, count, b->where ? expr_key(D, b->where) : "");
    }
    return s;
}

static void diff_portfolios(Differ *D)
{
    const Program *o = D->o, *n = D->n;
    const char *K = N_("diff|portfölj");
    for (size_t i = 0; i < o->n_portfolios; i++) {
        const Portfolio *a = &o->portfolios[i];
        int j = find_portfolio(n, a->name);
        if (j < 0) {
            removed(D, K, a->name, arena_printf(D->a, "%s%s", bounds_str(D, o, a), in_pot(D, o, a->pot)), false);
            continue;
        }
        const Portfolio *b = &n->portfolios[j];
        if (!same(bounds_key(D, a), bounds_key(D, b)))
            text_change(D, K, a->name, N_("diff|gränser"), bounds_str(D, o, a), bounds_str(D, n, b), false);
        /* Declared binding or not: whether a result that breaks it is an error. */
        keyed_change(D, K, a->name, N_("diff|bindande"), a->binding ? "1" : "0", b->binding ? "1" : "0",
                     W(D, o, a->binding ? "ja" : "nej"), W(D, n, b->binding ? "ja" : "nej"));
        text_change(D, K, a->name, N_("diff|skäl"), a->reason, b->reason, true);
        text_change(D, K, a->name, N_("diff|benämning"), a->label, b->label, true);
        keyed_change(D, K, a->name, N_("diff|gäller"), scope_key(o, a->pot), scope_key(n, b->pot),
                     scope_str(D, o, a->pot), scope_str(D, n, b->pot));
        ref_changes(D, K, a->name, &a->ref, &b->ref);
    }
    for (size_t j = 0; j < n->n_portfolios; j++) {
        const Portfolio *b = &n->portfolios[j];
        if (find_portfolio(o, b->name) < 0)
            added(D, K, b->name, arena_printf(D->a, "%s%s", bounds_str(D, n, b), in_pot(D, n, b->pot)), false);
    }
}

/* ---- output ---- */

static void print_value(FILE *out, const char *lead, const char *v, bool quoted)
{
    if (lead)
        fprintf(out, "%s ", lead);
    if (!v) {
        fputs(label(N_("diff|(saknas)")), out);
        return;
    }
    if (quoted)
        fprintf(out, "\"%s\"", v);
    else
        fputs(v, out);
}

static void print_text(const Change *c, FILE *out)
{
    fputs(label(c->kind), out);
    if (c->name)
        fprintf(out, " %s", c->name);
    fputs(": ", out);
    if (c->op != CH_CHANGED) {
        const char *v = c->op == CH_ADDED ? c->new_val : c->old_val;
        fputs(label(c->what), out);
        if (v) {
            fputs(", ", out);
            print_value(out, NULL, v, c->quoted);
        }
    } else {
        if (!c->bare && !c->lead_o)
            fprintf(out, "%s ", label(c->what));
        print_value(out, c->lead_o, c->old_val, c->quoted);
        fputs(" → ", out);
        print_value(out, c->lead_n, c->new_val, c->quoted);
    }
    if (c->has_diff && c->diff != 0) {
        char buf[48];
        fprintf(out, " (%s%s)", c->diff > 0 ? "+" : "", money_format(c->diff, buf, sizeof buf));
    } else if (c->diff_text) {
        fprintf(out, " (%s)", c->diff_text);
    }
    fputc('\n', out);
}

static void json_value(FILE *out, const char *v)
{
    if (v)
        report_json_str(out, v);
    else
        fputs("null", out);
}

static void print_json(const Change *c, FILE *out)
{
    fputs("  {\"kind\": ", out);
    report_json_str(out, json_word(c->kind));
    fputs(", \"name\": ", out);
    json_value(out, c->name);
    fputs(", \"what\": ", out);
    report_json_str(out, json_word(c->what));
    fputs(", \"old\": ", out);
    json_value(out, c->old_val);
    fputs(", \"new\": ", out);
    json_value(out, c->new_val);
    if (c->has_diff)
        fprintf(out, ", \"diff_ore\": %" PRId64 "}", c->diff);
    else
        fputs(", \"diff_ore\": null}", out);
}

size_t diff_programs(const Program *old_prog, const Program *new_prog, bool json, FILE *out)
{
    Arena a;
    arena_init(&a);
    Differ D = {.a = &a, .o = old_prog, .n = new_prog, .en_o = format_program_english(old_prog),
                .en_n = format_program_english(new_prog)};
    diff_agreement(&D);
    diff_focus(&D);
    diff_fields(&D);
    diff_tables(&D);
    diff_pots(&D);
    diff_criteria(&D);
    diff_priorities(&D);
    diff_portfolios(&D);

    if (json) {
        /* An object, not a bare array, so that it carries its format
        ** version and the engine's, as the other JSON reports do. */
        fprintf(out, "{\n  \"format_version\": %d,\n  \"medel\": {\"version\": ", REPORT_JSON_FORMAT_VERSION);
        report_json_str(out, medel_version());
        fputs(", \"command\": \"diff\"},\n  \"changes\": [", out);
        for (size_t i = 0; i < D.n_changes; i++) {
            fputs(i ? ",\n  " : "\n  ", out);
            print_json(&D.changes[i], out);
        }
        fputs(D.n_changes ? "\n  ]\n}\n" : "]\n}\n", out);
    } else {
        for (size_t i = 0; i < D.n_changes; i++)
            print_text(&D.changes[i], out);
        if (D.n_changes == 0)
            fputs(_("Inga skillnader i sak.\n"), out);
        else
            fprintf(out, P_("%zu ändring\n", "%zu ändringar\n", D.n_changes), D.n_changes);
    }
    size_t n = D.n_changes;
    arena_free(&a);
    return n;
}
