/*
** checker.c: static checks of a rule file. Resolves every name, gives every
** expression a type, computes every pot's amount with checked arithmetic, and
** proves that each split conserves money: the sub-pots of a pot add up to it
** exactly. Errors are collected (never thrown) so one run reports them all.
*/
#include "checker.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "text.h"
#include "strmap.h"

typedef struct Checker {
    Arena *a;
    Diags *d;
    SourceSet *set;
    const LoadOptions *opt;
    const char *root_dir;
    Program *p;
    size_t cap_focus, cap_enums, cap_fields, cap_tables, cap_pots;
    size_t cap_criteria, cap_priorities, cap_portfolios;
    const Item *agreement;
    const Item *first_schema;
    Span key_span, requested_span;
    int depth;                  /* expression nesting, guarded */
    StrMap pots_by_name;        /* pot name -> pot index (slots in the arena) */
    bool schema_broken;         /* a field may be missing because it did not parse */
    const Expr *membership_set; /* the set literal an 'i'/'innehåller' is about to check, which may be large */
    const ItemList *removed;    /* the module's 'ta bort' items, for a use of what they removed */
    ItemKind user_kind;         /* the declaration whose expression is being checked ... */
    const char *user;           /* ... and its name (NULL: none) */
    struct PendingLeftover { int pot; const Item *it; } *leftovers;  /* 'kvar' properties, judged once every pot is known */
    size_t n_leftovers, cap_leftovers;
    const char *guess;          /* the last name closest() found (NULL: none) ... */
    bool guess_alone;           /* ... and no other candidate is as close: a fix may offer it */
} Checker;

/* The parser already keeps trees within AST_MAX_DEPTH; this guards the
** checker's own recursion all the same. */
#define MAX_EXPR_DEPTH AST_MAX_DEPTH

/* Appends one zeroed element to an arena array; returns its index. */
#define PUSH(C, arr, n, cap)                                                  \
    ((n) == (cap) ? ((arr) = arena_grow((C)->a, (arr), (n), (cap) ? 2 * (cap) : 8, sizeof *(arr)), \
                     (cap) = (cap) ? 2 * (cap) : 8) : 0,                      \
     memset(&(arr)[(n)], 0, sizeof *(arr)), (n)++)

static const Type T_UNKNOWN = {TY_UNKNOWN, TY_UNKNOWN, 0};
static const Type T_BOOL = {TY_BOOL, TY_UNKNOWN, 0};
static const Type T_INT = {TY_INT, TY_UNKNOWN, 0};
static const Type T_MONEY = {TY_MONEY, TY_UNKNOWN, 0};

/* ====================================================================
** {====== names and small helpers
** ==================================================================== */

static bool type_eq(Type a, Type b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case TY_ENUM: case TY_KEY: return a.id == b.id;
    case TY_SET: return a.elem == b.elem && (a.elem != TY_ENUM || a.id == b.id);
    case TY_RANGE: return a.elem == b.elem;
    default: return true;
    }
}

static const char *tname(Type t)
{
    return ast_type_label(t, false);
}

/* The type's name with its article, for "måste vara ett heltal". */
static const char *a_type(Type t)
{
    return ast_type_label(t, true);
}

/* How to save a file as UTF-8, for the messages about data files. */
static const char *save_as_utf8(void)
{
    return _("spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))");
}

/* ---- suggestions: "menade du 'målgrupp'?" ---- */

/* A growing list of candidate names, in the arena. */
typedef struct Names {
    const char **v;
    size_t n, cap;
} Names;

static void names_add(Checker *C, Names *ns, const char *name)
{
    if (!name)
        return;
    if (ns->n == ns->cap) {
        size_t cap = ns->cap ? 2 * ns->cap : 16;
        ns->v = arena_grow(C->a, ns->v, ns->n, cap, sizeof *ns->v);
        ns->cap = cap;
    }
    ns->v[ns->n++] = name;
}

/* Is ns->v[best] the only name of ns as close to word as it is? Another
** at the same distance (text_closest breaks such ties by marks, then by
** byte order) makes the suggestion a guess between two: no one-click fix. */
static bool alone(Checker *C, const char *word, const Names *ns, size_t best)
{
    size_t d = text_name_distance(C->a, word, ns->v[best]);
    for (size_t i = 0; i < ns->n; i++) {
        const char *v = ns->v[i];
        if (i == best || !v || !*v || strcmp(v, word) == 0 || strcmp(v, ns->v[best]) == 0)
            continue;
        if (text_name_distance(C->a, word, v) <= d)
            return false;
    }
    return true;
}

/* The name in ns closest to word (text_closest), or NULL. Remembered in
** C->guess, with whether it is alone that close, for unknown()'s fix. */
static const char *closest(Checker *C, const char *word, const Names *ns)
{
    int i = text_closest(C->a, word, ns->v, ns->n);
    C->guess = i < 0 ? NULL : ns->v[i];
    C->guess_alone = i >= 0 && alone(C, word, ns, (size_t)i);
    return C->guess;
}

/* Reports an error about an unknown name `written`, at its span: the
** message, with "menade du 'guess'?" when guess is not NULL. The likely fix
** comes first: a message "okänt värde 'x'; värdena är: a, b" becomes
** "okänt värde 'x'; menade du 'a'? (värdena är: a, b)". The guess is also
** the diagnostic's fix when closest() found it with no rival and the span
** is the name as written (not a whole call or a longer expression). */
static void unknown(Checker *C, Span at, const char *written, const char *guess, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void unknown(Checker *C, Span at, const char *written, const char *guess, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = arena_alloc(C->a, (size_t)(len < 0 ? 0 : len) + 1);
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)(len < 0 ? 0 : len) + 1, fmt, ap);
    va_end(ap);
    char *tail = strstr(msg, "; ");
    if (guess && tail) {
        *tail = '\0';
        diag_error(C->d, at, _("%s; menade du '%s'? (%s)"), msg, guess, tail + 2);
    } else if (guess)
        diag_error(C->d, at, _("%s; menade du '%s'?"), msg, guess);
    else
        diag_error(C->d, at, "%s", msg);
    if (guess && guess == C->guess && C->guess_alone && diag_span_holds(C->d, at, written))
        diag_fix(C->d, guess);
}

/* The likely fix when a declaration uses what a later file removed. */
static const char *removed_fix(Checker *C, ItemKind kind, const char *user)
{
    switch (kind) {
    case ITEM_CRITERION: return arena_printf(C->a, _("ta bort eller ändra villkoret '%s' också"), user);
    case ITEM_PRIORITY: return arena_printf(C->a, _("ta bort eller ändra prioriteten '%s' också"), user);
    case ITEM_PORTFOLIO: return arena_printf(C->a, _("ta bort eller ändra portföljvillkoret '%s' också"), user);
    case ITEM_POT: return arena_printf(C->a, _("ta bort eller ändra potten '%s' också"), user);
    case ITEM_FIELD: return arena_printf(C->a, _("ta bort eller ändra fältet '%s' också"), user);
    default: return NULL;
    }
}

/* After an error about an unknown name: when 'ta bort' removed a
** declaration of that kind and name, a note at the removal with the likely
** fix for the declaration that uses it (user, of user_kind). Returns
** whether it found one. */
static bool note_removed(Checker *C, ItemKind kind, const char *name, ItemKind user_kind, const char *user)
{
    for (size_t i = C->removed ? C->removed->n : 0; i-- > 0;) {
        const Item *r = C->removed->items[i];
        if (r->target != kind || strcmp(r->name, name) != 0)
            continue;
        const char *fix = user ? removed_fix(C, user_kind, user) : NULL;
        if (fix)
            diag_note(C->d, r->span, _("'%s' togs bort här; %s"), name, fix);
        else
            diag_note(C->d, r->span, _("'%s' togs bort här"), name);
        return true;
    }
    return false;
}

/* Whether word is a value of a field that 'ta bort' removed ('region' of
** sökandetyp): its use beside the field is the field's error, said once. */
static bool removed_value(Checker *C, const char *word)
{
    for (size_t i = 0; C->removed && i < C->removed->n; i++) {
        const Item *r = C->removed->items[i];
        const TypeSpec *t = r->target == ITEM_FIELD && r->body.n == 1 ? r->body.items[0]->type : NULL;
        for (size_t j = 0; t && j < t->n_values; j++)
            if (strcmp(t->values[j], word) == 0)
                return true;
    }
    return false;
}

static const char *fmt_money(Checker *C, Money m)
{
    char buf[48];
    return arena_strdup(C->a, money_format(m, buf, sizeof buf));
}

static const char *fmt_pct(Checker *C, Ratio r)
{
    char buf[64];
    return arena_strdup(C->a, percent_format(r, buf, sizeof buf));
}

int program_find_field(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_fields; i++)
        if (strcmp(p->fields[i].name, name) == 0)
            return (int)i;
    return -1;
}

int program_find_pot(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_pots; i++)
        if (strcmp(p->pots[i].name, name) == 0)
            return (int)i;
    return -1;
}

int program_find_focus(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_focus; i++)
        if (strcmp(p->focus[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int find_table(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_tables; i++)
        if (strcmp(p->tables[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int find_enum_value(const Program *p, int enum_id, const char *name)
{
    const EnumDef *e = &p->enums[enum_id];
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->values[i], name) == 0)
            return (int)i;
    return -1;
}

/* Reports a second property of a kind that may appear once. */
static bool once(Checker *C, const Item **slot, const Item *it, const char *owner_kind, const char *owner)
{
    if (*slot) {
        diag_error(C->d, it->kw_span, _("i %s '%s' står '%s' mer än en gång"), owner_kind, owner, it->kw);
        diag_note(C->d, (*slot)->kw_span, _("första '%s' står här"), (*slot)->kw);
        return false;
    }
    *slot = it;
    return true;
}

/* Collects källa/url/stycke/beslut into r; reports repeats. Returns false if
** the item is not a reference. */
static bool ref_prop(Checker *C, Ref *r, const Item **seen, const Item *it, const char *kind, const char *name)
{
    const char **dst;
    int k;
    switch (it->kind) {
    case PROP_SOURCE: dst = &r->source; k = 0; break;
    case PROP_URL: dst = &r->url; k = 1; break;
    case PROP_PARAGRAPH: dst = &r->paragraph; k = 2; break;
    case PROP_DECISION: dst = &r->decision; k = 3; break;
    default: return false;
    }
    if (once(C, &seen[k], it, kind, name ? name : ""))
        *dst = it->text;
    return true;
}

/* Reports a name declared twice, with a note at the first. */
static void duplicate(Checker *C, const char *kind, const char *name, Span again, Span first)
{
    diag_error(C->d, again, _("%s '%s' finns redan"), kind, name);
    diag_note(C->d, first, _("%s '%s' deklareras första gången här"), kind, name);
}

/* The field of the application closest to word, or NULL. */
static const char *field_like(Checker *C, const char *word)
{
    Names ns = {0};
    for (size_t i = 0; i < C->p->n_fields; i++)
        names_add(C, &ns, C->p->fields[i].name);
    return closest(C, word, &ns);
}

/* The table closest to word, or NULL. */
static const char *table_like(Checker *C, const char *word)
{
    Names ns = {0};
    for (size_t i = 0; i < C->p->n_tables; i++)
        names_add(C, &ns, C->p->tables[i].name);
    return closest(C, word, &ns);
}

/* The word of a fixed list (NULL-terminated) closest to word, or NULL. */
static const char *word_like(Checker *C, const char *word, const char *const *words)
{
    Names ns = {0};
    for (; *words; words++)
        names_add(C, &ns, *words);
    return closest(C, word, &ns);
}

/* The focus area whose name or label is closest to word, by its name. */
static const char *focus_like(Checker *C, const char *word)
{
    Names ns = {0};
    for (size_t i = 0; i < C->p->n_focus; i++)
        names_add(C, &ns, C->p->focus[i].name);
    const char *g = closest(C, word, &ns);
    if (g)
        return g;
    Names labels = {0};
    for (size_t i = 0; i < C->p->n_focus; i++)
        names_add(C, &labels, C->p->focus[i].label ? C->p->focus[i].label : C->p->focus[i].name);
    int i = text_closest(C->a, word, labels.v, labels.n);
    return i < 0 ? NULL : C->p->focus[i].name;
}

/* }====== */

/* ====================================================================
** {====== expressions
** ==================================================================== */

static Type expr(Checker *C, Expr *e, Type hint);

/* Resolves a bare name: a value of the hinted enumeration or a focus area
** wins over a field of the same name, so `sökandetyp är kommun` means the
** value `kommun` even when a field `kommun` exists. */
static Type name(Checker *C, Expr *e, Type hint)
{
    Program *p = C->p;
    bool want_enum = hint.kind == TY_ENUM || (hint.kind == TY_SET && hint.elem == TY_ENUM);
    bool want_focus = hint.kind == TY_FOCUS || (hint.kind == TY_SET && hint.elem == TY_FOCUS);
    if (want_enum && hint.id >= 0 && (size_t)hint.id < p->n_enums) {
        int v = find_enum_value(p, hint.id, e->name);
        if (v >= 0) {
            e->ref_kind = REF_ENUM_VALUE;
            e->ref = v;
            return e->type = (Type){TY_ENUM, TY_UNKNOWN, hint.id};
        }
    }
    if (want_focus) {
        int f = program_find_focus(p, e->name);
        if (f >= 0) {
            e->ref_kind = REF_FOCUS;
            e->ref = f;
            return e->type = (Type){TY_FOCUS, TY_UNKNOWN, 0};
        }
    }
    int fi = program_find_field(p, e->name);
    if (fi >= 0) {
        e->ref_kind = REF_FIELD;
        e->ref = fi;
        return e->type = p->fields[fi].type;
    }
    if (want_enum && hint.id >= 0 && (size_t)hint.id < p->n_enums) {
        const EnumDef *en = &p->enums[hint.id];
        char list[256] = "";
        size_t at = 0;
        for (size_t i = 0; i < en->n && at < sizeof list - 1; i++)
            at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", en->values[i]);
        Names ns = {0};
        for (size_t i = 0; i < en->n; i++)
            names_add(C, &ns, en->values[i]);
        if (program_find_focus(p, e->name) >= 0)
            diag_error(C->d, e->span, _("'%s' är ett fokusområde, men här väntas ett av värdena %s"), e->name, list);
        else
            unknown(C, e->span, e->name, closest(C, e->name, &ns), _("okänt värde '%s'; värdena är: %s"), e->name, list);
        return T_UNKNOWN;
    }
    if (want_focus) {
        char list[512] = "";
        size_t at = 0;
        for (size_t i = 0; i < p->n_focus && at < sizeof list - 1; i++)
            at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", p->focus[i].name);
        bool is_value = false;
        for (size_t i = 0; i < p->n_enums && !is_value; i++)
            is_value = find_enum_value(p, (int)i, e->name) >= 0;
        if (p->n_focus == 0)
            diag_error(C->d, e->span, _("okänt fokusområde '%s': inga fokusområden är deklarerade; deklarera dem i 'fokusområden { … }'"), e->name);
        else if (is_value)
            diag_error(C->d, e->span, _("'%s' är ett uppräknat värde, men här väntas ett fokusområde: %s"), e->name, list);
        else
            unknown(C, e->span, e->name, focus_like(C, e->name), _("okänt fokusområde '%s'; fokusområdena är: %s"), e->name, list);
        note_removed(C, ITEM_FOCUS, e->name, C->user_kind, C->user);
        return T_UNKNOWN;
    }
    /* Without a hint, a focus area is still a sensible reading. */
    int f = program_find_focus(p, e->name);
    if (f >= 0) {
        e->ref_kind = REF_FOCUS;
        e->ref = f;
        return e->type = (Type){TY_FOCUS, TY_UNKNOWN, 0};
    }
    if (!C->schema_broken && !removed_value(C, e->name)) {
        Names ns = {0};
        for (size_t i = 0; i < p->n_fields; i++)
            names_add(C, &ns, p->fields[i].name);
        for (size_t i = 0; i < p->n_focus; i++)
            names_add(C, &ns, p->focus[i].name);
        unknown(C, e->span, e->name, closest(C, e->name, &ns), _("okänt namn '%s': varken ett fält i ansökan eller ett fokusområde"),
                e->name);
        if (!note_removed(C, ITEM_FIELD, e->name, C->user_kind, C->user))
            note_removed(C, ITEM_FOCUS, e->name, C->user_kind, C->user);
    }
    return T_UNKNOWN;
}

static bool is_scalar_ordered(Type t)
{
    return t.kind == TY_INT || t.kind == TY_MONEY || t.kind == TY_PERCENT;
}

/* Reports an operator applied to the wrong types (unless one side already
** failed, to avoid a cascade). */
static Type mismatch(Checker *C, Expr *e, Type a, Type b, const char *what)
{
    if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
        return T_UNKNOWN;
    diag_error(C->d, e->span, _("fel typ: '%s' %s, inte %s och %s"), ast_op_name(e->op), what, tname(a), tname(b));
    return T_UNKNOWN;
}

static Type element_of(Type set)
{
    if (set.kind == TY_SET)
        return (Type){set.elem, TY_UNKNOWN, set.id};
    if (set.kind == TY_RANGE)
        return (Type){set.elem, TY_UNKNOWN, 0};
    return T_UNKNOWN;
}

static Type set_of(Type elem)
{
    return (Type){TY_SET, elem.kind, elem.id};
}

/* A bare name that is no field: a value whose kind the other side tells. */
static bool bare_value(Checker *C, const Expr *e)
{
    return e->kind == EXPR_NAME && program_find_field(C->p, e->name) < 0;
}

/* Whether an amount expression holds an approximate literal ("nära 182 MSEK"). */
static bool approx_in(const Expr *e)
{
    if (!e)
        return false;
    return (e->kind == EXPR_MONEY && e->word) || approx_in(e->a) || approx_in(e->b) || approx_in(e->c);
}

static Type binary(Checker *C, Expr *e, Type hint)
{
    (void)hint;
    Type a, b;
    switch (e->op) {
    case OP_AND: case OP_OR:
        a = expr(C, e->a, T_BOOL);
        b = expr(C, e->b, T_BOOL);
        if ((a.kind != TY_BOOL && a.kind != TY_UNKNOWN) || (b.kind != TY_BOOL && b.kind != TY_UNKNOWN))
            return mismatch(C, e, a, b, _("förenar två ja/nej-villkor"));
        return T_BOOL;
    case OP_EQ: case OP_NE:
        if (bare_value(C, e->a)) {      /* region är sökandetyp */
            b = expr(C, e->b, T_UNKNOWN);
            a = expr(C, e->a, b);
        } else {
            a = expr(C, e->a, T_UNKNOWN);
            b = expr(C, e->b, a);
        }
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_BOOL;
        if (type_eq(a, b) || (a.kind == TY_KEY && b.kind == TY_TEXT) || (a.kind == TY_TEXT && b.kind == TY_KEY))
            return T_BOOL;
        mismatch(C, e, a, b, _("jämför två värden av samma typ"));
        return T_BOOL;
    case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        a = expr(C, e->a, T_UNKNOWN);
        b = expr(C, e->b, a);
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_BOOL;
        if (!is_scalar_ordered(a) || !type_eq(a, b))
            mismatch(C, e, a, b, _("jämför två heltal, belopp eller procentsatser"));
        return T_BOOL;
    case OP_IN: case OP_NOT_IN:
        if (bare_value(C, e->a)) {      /* kurator i insatser */
            C->membership_set = e->b;
            b = expr(C, e->b, T_UNKNOWN);
            a = expr(C, e->a, element_of(b));
        } else {
            a = expr(C, e->a, T_UNKNOWN);
            C->membership_set = e->b;
            b = expr(C, e->b, a.kind == TY_INT || a.kind == TY_MONEY ? (Type){TY_RANGE, a.kind, 0} : set_of(a));
        }
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_BOOL;
        if ((b.kind == TY_SET || b.kind == TY_RANGE) && type_eq(element_of(b), a))
            return T_BOOL;
        mismatch(C, e, a, b, _("prövar ett värde mot en mängd eller ett intervall av samma slag"));
        return T_BOOL;
    case OP_CONTAINS:
        if (e->a->kind == EXPR_SET && e->a->list.n > 0 && bare_value(C, e->a->list.items[0])) {
            b = expr(C, e->b, T_UNKNOWN);      /* {region, privat} innehåller sökandetyp */
            C->membership_set = e->a;
            a = expr(C, e->a, set_of(b));
        } else {
            C->membership_set = e->a;
            a = expr(C, e->a, T_UNKNOWN);
            b = expr(C, e->b, element_of(a));
        }
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_BOOL;
        if ((a.kind == TY_SET || a.kind == TY_RANGE) && type_eq(element_of(a), b))
            return T_BOOL;
        mismatch(C, e, a, b, _("prövar om en mängd eller ett intervall innehåller ett värde av samma slag"));
        return T_BOOL;
    case OP_WITHIN:
        a = expr(C, e->a, T_UNKNOWN);
        b = expr(C, e->b, a.kind == TY_RANGE ? a : (Type){TY_RANGE, a.kind, 0});
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_BOOL;
        if (b.kind == TY_RANGE && ((a.kind == TY_RANGE && a.elem == b.elem) || a.kind == b.elem))
            return T_BOOL;
        mismatch(C, e, a, b, _("prövar ett värde eller ett intervall mot ett intervall"));
        return T_BOOL;
    case OP_OVERLAPS:
        a = expr(C, e->a, T_UNKNOWN);
        b = expr(C, e->b, a);
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_BOOL;
        if ((a.kind == TY_SET || a.kind == TY_RANGE) && type_eq(a, b))
            return T_BOOL;
        mismatch(C, e, a, b, _("jämför två mängder eller två intervall"));
        return T_BOOL;
    case OP_INTERSECT:
        a = expr(C, e->a, T_UNKNOWN);
        b = expr(C, e->b, a);
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_UNKNOWN;
        if (a.kind == TY_SET && type_eq(a, b))
            return a;
        return mismatch(C, e, a, b, _("tar snittet av två mängder av samma slag"));
    case OP_ADD: case OP_SUB:
        a = expr(C, e->a, hint);
        b = expr(C, e->b, a);
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_UNKNOWN;
        if ((a.kind == TY_INT || a.kind == TY_MONEY) && a.kind == b.kind)
            return a;
        return mismatch(C, e, a, b, _("adderar eller subtraherar två heltal eller två belopp"));
    case OP_MUL:
        a = expr(C, e->a, T_UNKNOWN);
        b = expr(C, e->b, T_UNKNOWN);
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_UNKNOWN;
        if (a.kind == TY_INT && b.kind == TY_INT)
            return T_INT;
        if ((a.kind == TY_MONEY && b.kind == TY_INT) || (a.kind == TY_INT && b.kind == TY_MONEY))
            return T_MONEY;
        return mismatch(C, e, a, b, _("multiplicerar heltal, eller ett belopp med ett heltal"));
    default:
        return T_UNKNOWN;
    }
}

static Type expr_inner(Checker *C, Expr *e, Type hint)
{
    switch (e->kind) {
    case EXPR_INT: return T_INT;
    case EXPR_MONEY: return T_MONEY;
    case EXPR_PERCENT: return (Type){TY_PERCENT, TY_UNKNOWN, 0};
    case EXPR_TEXT: return (Type){TY_TEXT, TY_UNKNOWN, 0};
    case EXPR_BOOL: return T_BOOL;
    case EXPR_ERROR: return T_UNKNOWN;
    case EXPR_DECIMAL:
        diag_error(C->d, e->span, _("ett tal med decimaler går inte här; ett belopp skrivs 1,5 MSEK och en procentsats 1,5 %%"));
        return T_UNKNOWN;
    case EXPR_REST:
        diag_error(C->d, e->span, _("'resten' går bara att använda som en potts belopp"));
        return T_UNKNOWN;
    case EXPR_COLUMN:
        diag_error(C->d, e->span, _("tabellkolumnen '%s.%s' går bara att använda i 'fördela … efter'"), e->name, e->name2);
        return T_UNKNOWN;
    case EXPR_NAME:
        return name(C, e, hint);
    case EXPR_SET: {
        bool membership = C->membership_set == e;
        C->membership_set = NULL;
        Type elem = element_of(hint);
        if (hint.kind != TY_SET)
            elem = T_UNKNOWN;
        for (size_t i = 0; i < e->list.n; i++) {
            size_t errors = C->d->n_errors;
            Type t = expr(C, e->list.items[i], elem);
            if (C->d->n_errors > errors)
                break;   /* one wrong member usually means a wrong kind of set: say it once */
            if (t.kind == TY_UNKNOWN)
                continue;
            if (t.kind != TY_ENUM && t.kind != TY_FOCUS) {
                diag_error(C->d, e->list.items[i]->span, _("en mängd innehåller fokusområden eller uppräknade värden, inte %s"), tname(t));
                continue;
            }
            if (elem.kind == TY_UNKNOWN)
                elem = t;
            else if (!type_eq(elem, t))
                diag_error(C->d, e->list.items[i]->span, _("mängden blandar %s och %s"), tname(elem), tname(t));
        }
        if (elem.kind == TY_UNKNOWN)
            return e->list.n == 0 && hint.kind == TY_SET ? hint : T_UNKNOWN;
        /* A set value is a bit mask of MAX_SET_MEMBERS bits. A one-of type may
        ** have more choices: a set of those is only ever a list to test one
        ** value against (eval.c compares it member by member), never a value. */
        if (elem.kind == TY_ENUM && C->p->enums[elem.id].n > MAX_SET_MEMBERS) {
            e->set_const = false;
            if (!membership) {
                diag_error(C->d, e->span,
                           _("mängdens uppräkning har %zu värden, fler än de %d som ett mängdvärde rymmer"),
                           C->p->enums[elem.id].n, MAX_SET_MEMBERS);
                diag_note(C->d, e->span, _("en sådan mängd kan bara prövas med 'i', 'inte i' eller 'innehåller', som i 'typ i {a, b}' eller '{a, b} innehåller typ'"));
            }
            return set_of(elem);
        }
        /* A set of named values is a constant: its mask is made here rather
        ** than for every application. */
        e->set_const = true;
        e->set = 0;
        for (size_t i = 0; i < e->list.n; i++) {
            const Expr *m = e->list.items[i];
            if (m->kind != EXPR_NAME || (m->ref_kind != REF_ENUM_VALUE && m->ref_kind != REF_FOCUS) || m->ref < 0 ||
                m->ref >= 64) {
                e->set_const = false;
                break;
            }
            e->set |= (uint64_t)1 << m->ref;
        }
        return set_of(elem);
    }
    case EXPR_RANGE: {
        Type lo_hint = hint.kind == TY_RANGE ? (Type){hint.elem, TY_UNKNOWN, 0} : T_UNKNOWN;
        Type a = expr(C, e->a, lo_hint);
        Type b = expr(C, e->b, a);
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_UNKNOWN;
        if ((a.kind != TY_INT && a.kind != TY_MONEY) || a.kind != b.kind) {
            diag_error(C->d, e->span, _("ett intervall går mellan två heltal eller två belopp, inte %s och %s"), tname(a), tname(b));
            return T_UNKNOWN;
        }
        if (e->a->kind == e->b->kind && (e->a->kind == EXPR_INT || e->a->kind == EXPR_MONEY)) {
            int64_t lo = e->a->kind == EXPR_INT ? e->a->v.i : e->a->v.money;
            int64_t hi = e->b->kind == EXPR_INT ? e->b->v.i : e->b->v.money;
            if (lo > hi)
                diag_error(C->d, e->span, _("tomt intervall: det börjar efter att det slutar"));
        }
        return (Type){TY_RANGE, a.kind, 0};
    }
    case EXPR_UNARY: {
        if (e->op == OP_NOT) {
            Type a = expr(C, e->a, T_BOOL);
            if (a.kind != TY_BOOL && a.kind != TY_UNKNOWN)
                diag_error(C->d, e->span, _("fel typ: 'inte' tar ett ja/nej-villkor, inte %s"), tname(a));
            return T_BOOL;
        }
        Type a = expr(C, e->a, hint);
        if (a.kind != TY_INT && a.kind != TY_MONEY && a.kind != TY_UNKNOWN) {
            diag_error(C->d, e->span, _("fel typ: '-' tar ett heltal eller ett belopp, inte %s"), tname(a));
            return T_UNKNOWN;
        }
        return a;
    }
    case EXPR_BINARY:
        return binary(C, e, hint);
    case EXPR_PERCENT_OF: {
        Type a = expr(C, e->a, T_UNKNOWN);
        Type b = expr(C, e->b, T_MONEY);
        if (a.kind == TY_UNKNOWN || b.kind == TY_UNKNOWN)
            return T_UNKNOWN;
        if (a.kind != TY_PERCENT || b.kind != TY_MONEY) {
            diag_error(C->d, e->span, _("fel typ: 'av' tar en procentsats av ett belopp (4 %% av 110 MSEK), inte %s av %s"),
                       tname(a), tname(b));
            return T_UNKNOWN;
        }
        return T_MONEY;
    }
    case EXPR_IF: {
        Type c = expr(C, e->a, T_BOOL);
        if (c.kind != TY_BOOL && c.kind != TY_UNKNOWN)
            diag_error(C->d, e->a->span, _("fel typ: 'om' tar ett ja/nej-villkor, inte %s"), tname(c));
        Type t = expr(C, e->b, e->c ? hint : T_BOOL);
        if (!e->c) {
            /* om A så B, without annars, reads as "if A, then B must hold". */
            if (t.kind != TY_BOOL && t.kind != TY_UNKNOWN)
                diag_error(C->d, e->b->span, _("fel typ: 'om … så' utan 'annars' behöver ett ja/nej-villkor efter 'så', inte %s"),
                           tname(t));
            return T_BOOL;
        }
        Type f = expr(C, e->c, t);
        if (t.kind == TY_UNKNOWN || f.kind == TY_UNKNOWN)
            return T_UNKNOWN;
        if (!type_eq(t, f)) {
            diag_error(C->d, e->span, _("fel typ: 'så' ger %s men 'annars' ger %s"), tname(t), tname(f));
            return T_UNKNOWN;
        }
        return t;
    }
    case EXPR_CALL: {
        if (strcmp(e->name, "antal") != 0 && strcmp(e->name, "count") != 0) {
            unknown(C, e->span, e->name, word_like(C, e->name, (const char *const[]){"antal", NULL}),
                    _("okänd funktion '%s'; den som finns är antal(…)"), e->name);
            return T_UNKNOWN;
        }
        if (e->list.n != 1) {
            diag_error(C->d, e->span, _("'%s' tar en mängd, inte %zu argument"), e->name, e->list.n);
            return T_UNKNOWN;
        }
        Type a = expr(C, e->list.items[0], T_UNKNOWN);
        if (a.kind != TY_SET && a.kind != TY_UNKNOWN)
            diag_error(C->d, e->list.items[0]->span, _("fel typ: '%s' räknar medlemmarna i en mängd, inte %s"), e->name, tname(a));
        return T_INT;
    }
    }
    return T_UNKNOWN;
}

static Type expr(Checker *C, Expr *e, Type hint)
{
    if (!e)
        return T_UNKNOWN;
    if (++C->depth > MAX_EXPR_DEPTH) {
        if (C->depth == MAX_EXPR_DEPTH + 1)
            diag_error(C->d, e->span, "%s", AST_DEPTH_MESSAGE);
        C->depth--;
        return T_UNKNOWN;
    }
    Type t = expr_inner(C, e, hint);
    C->depth--;
    e->type = t;
    return t;
}

/* Checks that e has type `want`; `what` names the place for the message. */
static void expect(Checker *C, Expr *e, Type want, const char *what)
{
    Type t = expr(C, e, want);
    if (t.kind != TY_UNKNOWN && !type_eq(t, want))
        diag_error(C->d, e->span, _("fel typ: %s måste vara %s, inte %s"), what, a_type(want), a_type(t));
}

/* }====== */

/* ====================================================================
** {====== constant amounts
** ==================================================================== */

typedef enum { CONST_MONEY, CONST_PERCENT, CONST_REST, CONST_BAD } ConstKind;

/* Evaluates a pot's amount expression exactly, reporting overflow and
** fractions of an öre. Amounts may use + - * and "P % av X". */
static ConstKind const_amount(Checker *C, Expr *e, Money *m, Ratio *r)
{
    Money x, y;
    Ratio rr;
    switch (e->kind) {
    case EXPR_MONEY: *m = e->v.money; return CONST_MONEY;
    case EXPR_PERCENT: *r = e->v.ratio; return CONST_PERCENT;
    case EXPR_REST: return CONST_REST;
    case EXPR_ERROR: return CONST_BAD;
    case EXPR_UNARY:
        if (e->op == OP_NEG && const_amount(C, e->a, &x, &rr) == CONST_MONEY) {
            diag_error(C->d, e->span, _("en potts belopp kan inte vara negativt"));
            return CONST_BAD;
        }
        break;
    case EXPR_PERCENT_OF: {
        ConstKind ka = const_amount(C, e->a, &y, &rr);
        ConstKind kb = const_amount(C, e->b, &x, r);
        if (ka == CONST_BAD || kb == CONST_BAD)
            return CONST_BAD;
        if (ka != CONST_PERCENT || kb != CONST_MONEY) {
            const char *kind[] = {tname(T_MONEY), tname((Type){TY_PERCENT, TY_UNKNOWN, 0}), "'resten'", "?"};
            diag_error(C->d, e->span, _("fel typ: 'av' tar en procentsats av ett belopp (4 %% av 110 MSEK), inte %s av %s"),
                       kind[ka], kind[kb]);
            return CONST_BAD;
        }
        Money whole;
        int64_t rem;
        if (!money_mul_ratio(x, rr, &whole, &rem)) {
            diag_error(C->d, e->span, _("beloppet blir för stort: resultatet är större än medel kan räkna i öre"));
            return CONST_BAD;
        }
        if (rem != 0) {
            diag_error(C->d, e->span, _("%s av %s är inte ett helt antal öre"), fmt_pct(C, rr), fmt_money(C, x));
            return CONST_BAD;
        }
        *m = whole;
        return CONST_MONEY;
    }
    case EXPR_BINARY: {
        if (e->op != OP_ADD && e->op != OP_SUB && e->op != OP_MUL)
            break;
        Ratio r1, r2;
        if (e->op == OP_MUL && e->a->kind == EXPR_INT) {
            ConstKind kb = const_amount(C, e->b, &y, &r2);
            if (kb == CONST_BAD)
                return CONST_BAD;
            if (kb == CONST_MONEY) {
                if (!money_mul_int(y, e->a->v.i, m)) {
                    diag_error(C->d, e->span, _("beloppet blir för stort: resultatet är större än medel kan räkna i öre"));
                    return CONST_BAD;
                }
                return CONST_MONEY;
            }
            break;
        }
        ConstKind ka = const_amount(C, e->a, &x, &r1);
        if (e->op == OP_MUL && e->b->kind == EXPR_INT && ka == CONST_MONEY) {
            if (!money_mul_int(x, e->b->v.i, m)) {
                diag_error(C->d, e->span, _("beloppet blir för stort: resultatet är större än medel kan räkna i öre"));
                return CONST_BAD;
            }
            return CONST_MONEY;
        }
        ConstKind kb = const_amount(C, e->b, &y, &r2);
        if (ka == CONST_BAD || kb == CONST_BAD)
            return CONST_BAD;
        if (ka == CONST_MONEY && kb == CONST_MONEY && e->op != OP_MUL) {
            bool ok = e->op == OP_ADD ? money_add(x, y, m) : money_sub(x, y, m);
            if (!ok) {
                diag_error(C->d, e->span, _("beloppet blir för stort: resultatet är större än medel kan räkna i öre"));
                return CONST_BAD;
            }
            if (*m < 0) {
                diag_error(C->d, e->span, _("en potts belopp kan inte vara negativt (%s)"), fmt_money(C, *m));
                return CONST_BAD;
            }
            return CONST_MONEY;
        }
        if (ka == CONST_PERCENT && kb == CONST_PERCENT && e->op != OP_MUL) {
            bool ok = e->op == OP_ADD ? ratio_add(r1, r2, r) : ratio_sub(r1, r2, r);
            if (ok)
                return CONST_PERCENT;
        }
        break;
    }
    default:
        break;
    }
    if (e->kind == EXPR_NAME || e->kind == EXPR_COLUMN)
        diag_error(C->d, e->span, _("en potts belopp skrivs med belopp och procentsatser; '%s' är inte känt innan ansökningarna är lästa"),
                   e->name);
    else
        diag_error(C->d, e->span, _("en potts belopp måste vara ett belopp (35 MSEK), en procentsats av den överordnade potten (40 %%), ett uttryck av sådana (182 MSEK + 50 %% av 110 MSEK) eller 'resten'"));
    return CONST_BAD;
}

/* A constant amount (caps, minimum grants, rounding units): an amount or an
** expression of amounts. Reports what else it is and returns false. */
static bool const_money(Checker *C, Expr *e, Money *out, const char *what)
{
    Money m = 0;
    Ratio r;
    if (e->kind == EXPR_ERROR)
        return false;
    if (e->kind == EXPR_NAME || e->kind == EXPR_INT || e->kind == EXPR_PERCENT || e->kind == EXPR_REST || e->kind == EXPR_DECIMAL) {
        diag_error(C->d, e->span, _("%s måste vara ett belopp, till exempel 50 000 kr"), what);
        return false;
    }
    size_t errors = C->d->n_errors;
    ConstKind k = const_amount(C, e, &m, &r);
    if (k == CONST_MONEY) {
        *out = m;
        return true;
    }
    if (C->d->n_errors == errors)
        diag_error(C->d, e->span, _("%s måste vara ett belopp, till exempel 50 000 kr"), what);
    return false;
}

/* år 2021 | år 2021–2022 */
static void year(Checker *C, const Item *it, int *from, int *to)
{
    const Expr *e = it->expr;
    if (e->kind == EXPR_INT && e->v.i >= 1900 && e->v.i <= 2200) {
        *from = *to = (int)e->v.i;
        return;
    }
    if (e->kind == EXPR_RANGE && e->a->kind == EXPR_INT && e->b->kind == EXPR_INT &&
        e->a->v.i >= 1900 && e->b->v.i <= 2200 && e->a->v.i <= e->b->v.i) {
        *from = (int)e->a->v.i;
        *to = (int)e->b->v.i;
        return;
    }
    if (e->kind != EXPR_ERROR)
        diag_error(C->d, e->span, _("ett år skrivs 2021 och en period 2021–2022"));
}

/* }====== */

/* ====================================================================
** {====== declarations: agreement, focus areas, tables, schema
** ==================================================================== */

static void agreement(Checker *C, const Item *it)
{
    Program *p = C->p;
    if (C->agreement) {
        diag_error(C->d, it->kw_span, _("regelfilen har mer än en 'överenskommelse'"));
        diag_note(C->d, C->agreement->kw_span, _("den första står här"));
        return;
    }
    C->agreement = it;
    p->name = it->text;
    p->span = it->span;
    const Item *seen[4] = {0}, *yr = NULL;
    for (size_t i = 0; i < it->body.n; i++) {
        const Item *b = it->body.items[i];
        if (ref_prop(C, &p->ref, seen, b, ast_item_label(ITEM_AGREEMENT), it->text))
            continue;
        if (b->kind == PROP_YEAR && once(C, &yr, b, ast_item_label(ITEM_AGREEMENT), it->text))
            year(C, b, &p->year_from, &p->year_to);
    }
    if (!yr && !it->broken)
        diag_error(C->d, it->kw_span, _("överenskommelsen '%s' har inget år; lägg till 'år 2021' eller 'år 2021–2022'"), it->text);
}

static void focus_areas(Checker *C, const Item *block)
{
    Program *p = C->p;
    for (size_t i = 0; i < block->body.n; i++) {
        const Item *f = block->body.items[i];
        int prev = program_find_focus(p, f->name);
        if (prev >= 0) {
            duplicate(C, ast_item_label(ITEM_FOCUS), f->name, f->name_span, p->focus[prev].span);
            continue;
        }
        const char *fold = text_fold(C->a, f->text, strlen(f->text));
        for (size_t j = 0; j < p->n_focus; j++) {
            if (strcmp(p->focus[j].fold_label, fold) == 0) {
                diag_error(C->d, f->text_span, _("fokusområdena '%s' och '%s' har samma benämning \"%s\""), p->focus[j].name, f->name, f->text);
                diag_note(C->d, p->focus[j].span, _("fokusområdet '%s' deklareras här"), p->focus[j].name);
            }
        }
        if (p->n_focus == MAX_SET_MEMBERS)
            diag_error(C->d, f->name_span, _("högst %d fokusområden kan deklareras"), MAX_SET_MEMBERS);
        size_t k = PUSH(C, p->focus, p->n_focus, C->cap_focus);
        p->focus[k] = (FocusArea){f->name, f->text, text_fold(C->a, f->name, strlen(f->name)), fold, f->name_span};
    }
}

/* Blanks around a header cell, as the table reader (runtime/input.c) trims
** them, including the line breaks Excel's Alt+Enter puts inside a cell. */
static bool cell_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Resolves `file` against the folder of the rule file that names it. Result
** in the arena. */
static const char *resolve(Checker *C, Span where, const char *file)
{
    if (file[0] == '/')
        return file;
    const SourceFile *sf = source_get(C->set, where.file);
    const char *slash = strrchr(sf->path, '/');
    if (!slash || (slash - sf->path == 1 && sf->path[0] == '.'))
        return file;
    return arena_printf(C->a, "%.*s/%s", (int)(slash - sf->path), sf->path, file);
}

/* Whether path lies inside dir (both resolved with realpath). */
static bool inside(const char *dir, const char *path)
{
    char *rd = realpath(dir, NULL), *rp = realpath(path, NULL);
    bool ok = rd && rp && strncmp(rp, rd, strlen(rd)) == 0 &&
              (rp[strlen(rd)] == '/' || rp[strlen(rd)] == '\0' || strcmp(rd, "/") == 0);
    free(rd);
    free(rp);
    return ok;
}

/* Whether a header cell is a number (digits, with spaces, a sign or a
** decimal comma): a column is not named so, a row of data is. */
static bool numeric_cell(const char *s)
{
    bool digit = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digit = true;
        else if (!strchr(" ,.-", *s))
            return false;
    }
    return digit;
}

/* Says so, once, when the first line of the data file is a row of data (the
** file was saved without its header): none of the declared columns is in it
** and a cell is a number. Otherwise every column would be reported missing,
** the "columns" listed being data. Returns whether it said so. */
static bool headerless(Checker *C, const Table *t, const Item *it, char **headers, const char **folded, size_t n, size_t line)
{
    const char *number = NULL;
    for (size_t j = 0; j < n && !number; j++)
        if (numeric_cell(headers[j]))
            number = headers[j];
    if (!number || t->n_columns == 0)
        return false;
    for (size_t i = 0; i < t->n_columns; i++) {
        if (t->columns[i].derived)
            continue;
        const char *want = text_fold(C->a, t->columns[i].header, strlen(t->columns[i].header));
        for (size_t j = 0; j < n; j++)
            if (want && folded[j] && strcmp(folded[j], want) == 0)
                return false;
    }
    char list[512] = "";
    size_t at = 0;
    for (size_t i = 0; i < t->n_columns && at < sizeof list - 1; i++)
        if (!t->columns[i].derived)
            at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", at ? ", " : "", t->columns[i].header);
    diag_error(C->d, it->text_span, _("datafilen '%s' har ingen rubrikrad: dess första rad (rad %zu) innehåller data som '%s'; skriv kolumnnamnen (%s) på en rad före den"), t->file, line, number, list);
    return true;
}

/* Whether path ends in ext (as written: ".xlsx"). */
static bool has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), m = strlen(ext);
    return n > m && memcmp(path + n - m, ext, m) == 0;
}

/* Opens the table's data file and checks that every declared column is in
** its header row. */
static void table_file(Checker *C, Table *t, const Item *it)
{
    if (C->root_dir && !C->opt->allow_outside_paths) {
        /* Judge the file if it exists, else the folder it would be in (a
        ** missing file outside the folder is still outside). */
        char *real = realpath(t->path, NULL);
        const char *judged = t->path;
        if (!real) {
            const char *slash = strrchr(t->path, '/');
            judged = slash ? arena_strndup(C->a, t->path, (size_t)(slash - t->path)) : ".";
        }
        free(real);
        char *real_dir = realpath(judged, NULL);
        bool knowable = real_dir != NULL;
        free(real_dir);
        if (knowable && !inside(C->root_dir, judged)) {
            diag_error(C->d, it->text_span, _("datafilen '%s' ligger utanför mappen för '%s'; lägg data bredvid reglerna, eller kör med --allow-outside-paths"),
                       t->file, source_get(C->set, it->text_span.file)->path);
            return;
        }
    }
    char why[200];
    FILE *f = source_open_file(t->path, false, why, sizeof why);
    if (!f) {
        diag_error(C->d, it->text_span, _("kan inte läsa datafilen '%s': %s"), t->file, why);
        return;
    }
    /* A workbook's header is checked when the table is read (runtime's
    ** xlsx reader, which lang does not reach); an old .xls or an .ods is
    ** refused here. The file is a regular one: it can be read again. */
    unsigned char magic[4] = {0};
    size_t got = fread(magic, 1, sizeof magic, f);
    bool ole = got == 4 && !memcmp(magic, "\xD0\xCF\x11\xE0", 4), zip = got == 4 && !memcmp(magic, "PK\x03\x04", 4);
    bool ods = has_extension(t->path, ".ods");
    if (ole || ods || has_extension(t->path, ".xls")) {
        diag_error(C->d, it->text_span, _("datafilen '%s' är %s, som medel inte läser: spara den som Excel-arbetsbok (.xlsx) eller som \"CSV UTF-8\""), t->file,
                   ods ? _("ett OpenDocument-kalkylblad (.ods)") : _("en gammal Excel-arbetsbok (.xls)"));
        fclose(f);
        return;
    }
    if (zip || has_extension(t->path, ".xlsx")) {
        fclose(f);
        return;
    }
    rewind(f);
    /* The header is read by the reader that reads the table (csv.h), so
    ** the two cannot disagree about what the columns are. */
    CsvReader *r = csv_open(f);
    CsvField *fields;
    size_t n, line;
    CsvStatus st = csv_next(r, &fields, &n, &line);
    if (st != CSV_RECORD) {
        if (st == CSV_END)
            diag_error(C->d, it->text_span, _("datafilen '%s' är tom: den behöver en rubrikrad"), t->file);
        else if (st == CSV_BAD) {
            size_t bl, bc, bf;
            csv_bad_at(r, &bl, &bc, &bf);
            diag_error(C->d, it->text_span, _("rubrikraden i datafilen '%s' är felaktig: rad %zu, kolumn %zu: %s"), t->file, bl, bc,
                       csv_error(r));
        } else if (ferror(f))
            diag_error(C->d, it->text_span, _("kan inte läsa datafilen '%s': %s"), t->file, i18n_strerror(errno));
        else
            diag_error(C->d, it->text_span, _("rubrikraden i datafilen '%s' är längre än %d MiB"), t->file, SOURCE_MAX_ROW_MIB);
        csv_close(r);
        fclose(f);
        return;
    }
    const char *wide = source_wide_encoding(fields[0].s, fields[0].len);
    bool nul = false, blank = true;
    for (size_t j = 0; j < n; j++) {
        nul = nul || memchr(fields[j].s, '\0', fields[j].len) != NULL;
        for (size_t k = 0; k < fields[j].len && blank; k++)
            blank = cell_blank(fields[j].s[k]);
    }
    /* The reader decodes Windows-1252 and UTF-16 with a byte-order mark
    ** (csv.h); what is left here is text it cannot tell. */
    if (wide || nul) {
        if (wide && strcmp(wide, "UTF-16") == 0)
            diag_error(C->d, it->text_span, _("datafilen '%s' är UTF-16-text utan byte-ordningsmärke, som medel inte kan skilja från annan text; %s, eller som \"Unicode-text\", som skriver märket"), t->file, save_as_utf8());
        else if (wide)
            diag_error(C->d, it->text_span, _("datafilen '%s' är %s-text, som medel inte läser: %s"),
                       t->file, wide, save_as_utf8());
        else
            diag_error(C->d, it->text_span, _("rubrikraden i datafilen '%s' innehåller NUL-byte, som ingen text har: %s"), t->file, save_as_utf8());
        csv_close(r);
        fclose(f);
        return;
    }
    if (blank) {
        diag_error(C->d, it->text_span, _("rubrikraden i datafilen '%s' (rad %zu) är tom: första raden ska namnge kolumnerna; ta bort den tomma raden eller skriv kolumnnamnen på den"), t->file, line);
        csv_close(r);
        fclose(f);
        return;
    }
    /* The cells trimmed and NFC, NULL for one that is not UTF-8. */
    char **headers = arena_alloc(C->a, (n + 1) * sizeof *headers);
    bool *raw_cp1252 = arena_alloc(C->a, (n + 1) * sizeof *raw_cp1252);
    for (size_t j = 0; j < n; j++) {
        const char *c = fields[j].s;
        size_t cl = fields[j].len;
        while (cl > 0 && cell_blank(*c))
            c++, cl--;
        while (cl > 0 && cell_blank(c[cl - 1]))
            cl--;
        headers[j] = text_nfc(C->a, c, cl);
        raw_cp1252[j] = !headers[j] && source_looks_cp1252(c, cl);
    }
    csv_close(r);
    fclose(f);
    /* Each cell folded once: a wide file has thousands. */
    const char **folded = arena_alloc(C->a, (n + 1) * sizeof *folded);
    for (size_t j = 0; j < n; j++) {
        if (!headers[j]) {
            /* The reader judged the file UTF-8 before this cell (csv.h). */
            diag_error(C->d, it->text_span, _("kolumn %zu i rubrikraden i datafilen '%s' är inte UTF-8-text, fast filen före den är det%s; %s"), j + 1,
                       t->file, raw_cp1252[j] ? _(": den ser ut som Windows-1252, så filen blandar två teckenkodningar")
                                              : _(": filen blandar teckenkodningar eller är skadad"), save_as_utf8());
            return;
        }
        folded[j] = text_fold(C->a, headers[j], strlen(headers[j]));
    }
    if (headerless(C, t, it, headers, folded, n, line))
        return;
    for (size_t i = 0; i < t->n_columns; i++) {
        if (t->columns[i].derived)
            continue;   /* not in the file: the loader adds it up */
        bool found = false;
        const char *want = text_fold(C->a, t->columns[i].header, strlen(t->columns[i].header));
        /* As when the table is read: letter case does not matter. */
        for (size_t j = 0; j < n && !found; j++)
            found = folded[j] && want && strcmp(folded[j], want) == 0;
        if (!found) {
            char list[512] = "";
            size_t at = 0;
            for (size_t j = 0; j < n && at < sizeof list - 1; j++)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", j ? ", " : "", headers[j]);
            /* The file's heading most like it ("Kommun namn" for
            ** "Kommunnamn"), as the application reader suggests one. */
            const char *like = NULL;
            size_t best_d = SIZE_MAX, dist;
            bool tie = false;
            for (size_t j = 0; j < n; j++) {
                if (!text_alike(C->a, t->columns[i].header, headers[j], &dist) || dist > best_d)
                    continue;
                if (dist < best_d) {
                    best_d = dist;
                    like = headers[j];
                    tie = false;
                } else if (strcmp(like, headers[j]) != 0)
                    tie = true;   /* two headings as like it: the message names the first */
            }
            if (like) {
                diag_error(C->d, t->columns[i].header_span, _("kolumnen '%s' finns inte i datafilen '%s'; menade du dess '%s'?"),
                           t->columns[i].header, t->file, like);
                /* The fix is the heading in quotes, where the span is the
                ** quoted text as written and the heading needs no escape. */
                const char *quoted = arena_printf(C->a, "\"%s\"", t->columns[i].header);
                if (!tie && !strpbrk(like, "\"\\") && diag_span_holds(C->d, t->columns[i].header_span, quoted))
                    diag_fix(C->d, arena_printf(C->a, "\"%s\"", like));
            } else
                diag_error(C->d, t->columns[i].header_span, _("kolumnen '%s' finns inte i datafilen '%s'"), t->columns[i].header,
                           t->file);
            C->d->n_header_errors++;
            diag_note(C->d, it->text_span, _("filens kolumner är: %s"), list);
        }
    }
}

static void table(Checker *C, const Item *it)
{
    Program *p = C->p;
    int prev = find_table(p, it->name);
    if (prev >= 0) {
        duplicate(C, ast_item_label(ITEM_TABLE), it->name, it->name_span, p->tables[prev].span);
        return;
    }
    size_t k = PUSH(C, p->tables, p->n_tables, C->cap_tables);
    size_t errors0 = C->d->n_errors;
    Table *t = &p->tables[k];
    t->name = it->name;
    t->span = it->name_span;
    t->file_span = it->changed_by ? it->changed_by->kw_span : SPAN_NONE;
    t->file = it->text;
    t->path = resolve(C, it->text_span, it->text);
    t->key = -1;
    t->columns = arena_alloc(C->a, (it->body.n + 1) * sizeof *t->columns);
    const Item *seen[4] = {0};
    for (size_t i = 0; i < it->body.n; i++) {
        const Item *b = it->body.items[i];
        if (ref_prop(C, &t->ref, seen, b, ast_item_label(ITEM_TABLE), it->name))
            continue;
        if (b->kind != ITEM_FIELD)
            continue;
        for (size_t j = 0; j < t->n_columns; j++) {
            if (strcmp(t->columns[j].name, b->name) == 0) {
                duplicate(C, ast_qtext(N_("sort|kolumn")), b->name, b->name_span, t->columns[j].span);
                goto next;
            }
        }
        Type ty = b->type->type;
        bool derived = b->expr || b->body.n;
        if (derived && ty.kind != TY_INT && ty.kind != TY_MONEY) {
            diag_error(C->d, b->type->span, _("en härledd kolumn är en summa och därför heltal eller belopp, inte %s"), tname(ty));
            ty = T_UNKNOWN;
        } else if (ty.kind != TY_TEXT && ty.kind != TY_INT && ty.kind != TY_MONEY) {
            diag_error(C->d, b->type->span, _("en tabellkolumn är text, heltal eller belopp, inte %s"), tname(ty));
            ty = T_UNKNOWN;
        }
        if (b->flags & (FIELD_REQUESTED | FIELD_REQUIRED))
            diag_error(C->d, b->name_span, _("'sökt' och 'obligatorisk' gäller fält i ansökan, inte tabellkolumner"));
        Column *c = &t->columns[t->n_columns];
        *c = (Column){.name = b->name, .header = b->text ? b->text : b->name, .type = ty, .key = (b->flags & FIELD_KEY) != 0,
                      .span = b->name_span, .header_span = b->text ? b->text_span : b->name_span, .decl = b, .derived = derived,
                      .chosen = -1};
        if (c->key) {
            if (t->key >= 0) {
                diag_error(C->d, b->name_span, _("tabellen '%s' har mer än en nyckelkolumn"), it->name);
                diag_note(C->d, t->columns[t->key].span, _("den första nyckelkolumnen står här"));
            } else {
                t->key = (int)t->n_columns;
            }
        }
        t->n_columns++;
    next:;
    }
    if (t->key < 0)
        diag_error(C->d, it->name_span, _("tabellen '%s' har ingen nyckelkolumn; märk kolumnen som namnger varje rad med 'nyckel'"), it->name);
    if (t->n_columns > 0)
        table_file(C, t, it);
    t->unsound = it->broken || C->d->n_errors > errors0;
}

/* {------ derived columns */

/* The names a sum adds (a tree of '+' over names), in order, into *v. */
static void sum_names(Checker *C, const Expr *e, const Expr ***v, size_t *n, size_t *cap)
{
    if (e->kind == EXPR_BINARY && e->op == OP_ADD) {
        sum_names(C, e->a, v, n, cap);
        sum_names(C, e->b, v, n, cap);
        return;
    }
    if (e->kind != EXPR_NAME)
        return;   /* an error node, already reported */
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 8;
        *v = arena_grow(C->a, *v, *n, c, sizeof **v);
        *cap = c;
    }
    (*v)[(*n)++] = e;
}

static int column_index(const Table *t, const char *name)
{
    for (size_t i = 0; i < t->n_columns; i++)
        if (strcmp(t->columns[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Checks each operand of a sum of column k: a column of the same table,
** not k itself, of k's type. Reports each that is not. */
static void check_sum(Checker *C, const Table *t, size_t k, const Expr *sum)
{
    const Column *c = &t->columns[k];
    const Expr **ops = NULL;
    size_t n = 0, cap = 0;
    sum_names(C, sum, &ops, &n, &cap);
    for (size_t i = 0; i < n; i++) {
        int j = column_index(t, ops[i]->name);
        if (j < 0) {
            char list[512] = "";
            size_t at = 0;
            Names ns = {0};
            for (size_t x = 0; x < t->n_columns && at < sizeof list - 1; x++)
                if (x != k) {
                    at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", at ? ", " : "", t->columns[x].name);
                    names_add(C, &ns, t->columns[x].name);
                }
            unknown(C, ops[i]->span, ops[i]->name, closest(C, ops[i]->name, &ns),
                    _("tabellen '%s' har ingen kolumn '%s' att summera; dess kolumner är: %s"), t->name, ops[i]->name, list);
        } else if ((size_t)j == k) {
            diag_error(C->d, ops[i]->span, _("den härledda kolumnen '%s' kan inte summera sig själv"), c->name);
        } else if (c->type.kind != TY_UNKNOWN && t->columns[j].type.kind != TY_UNKNOWN && t->columns[j].type.kind != c->type.kind) {
            diag_error(C->d, ops[i]->span, _("kolumnen '%s' är %s, men den härledda kolumnen '%s' är %s: en summa adderar kolumner av sin egen typ"),
                       ops[i]->name, tname(t->columns[j].type), c->name, tname(c->type));
            diag_note(C->d, t->columns[j].span, _("kolumnen '%s' deklareras här"), ops[i]->name);
        }
    }
}

/* Years as the rule file writes them: "2021", "2022–2023". */
static const char *years_text(Checker *C, int from, int to)
{
    return from == to ? arena_printf(C->a, "%d", from) : arena_printf(C->a, "%d–%d", from, to);
}

/* Chooses the alternative of a by-year column for the agreement's year (or
** every year of its period, which must all choose the same). */
static void choose_year(Checker *C, Column *c)
{
    const Item *d = c->decl;
    size_t n = d->body.n;
    int *from = arena_alloc(C->a, (n + 1) * sizeof *from), *to = arena_alloc(C->a, (n + 1) * sizeof *to);
    for (size_t i = 0; i < n; i++) {
        from[i] = to[i] = 0;
        year(C, d->body.items[i], &from[i], &to[i]);
        for (size_t j = 0; j < i && from[i]; j++) {
            if (from[j] && from[i] <= to[j] && from[j] <= to[i]) {
                int y = from[i] > from[j] ? from[i] : from[j];
                diag_error(C->d, d->body.items[i]->expr->span, _("år %d har redan ett alternativ i kolumnen '%s': varje år väljer en kolumn"), y,
                           c->name);
                diag_note(C->d, d->body.items[j]->expr->span, _("det första alternativet för år %d står här"), y);
            }
        }
    }
    const Program *p = C->p;
    if (!p->year_from)
        return;   /* the agreement has no year: said already */
    /* The alternatives written, for the messages. */
    char given[512] = "";
    size_t at = 0;
    for (size_t i = 0; i < n && at < sizeof given - 1; i++)
        if (from[i])
            at += (size_t)snprintf(given + at, sizeof given - at, "%s%s", at ? ", " : "", years_text(C, from[i], to[i]));
    const Item *ag_year = NULL;
    for (size_t i = 0; C->agreement && i < C->agreement->body.n; i++)
        if (C->agreement->body.items[i]->kind == PROP_YEAR)
            ag_year = C->agreement->body.items[i];
    int chosen = -1;
    bool differ = false;
    char missing[256] = "";
    size_t mat = 0;
    int *pick = arena_alloc(C->a, (size_t)(p->year_to - p->year_from + 1) * sizeof *pick);
    for (int y = p->year_from; y <= p->year_to; y++) {
        int got = -1;
        for (size_t i = 0; i < n && got < 0; i++)
            if (from[i] && from[i] <= y && y <= to[i])
                got = (int)i;
        pick[y - p->year_from] = got;
        if (got < 0) {
            if (mat < sizeof missing - 1)
                mat += (size_t)snprintf(missing + mat, sizeof missing - mat, "%s%d", mat ? ", " : "", y);
            continue;
        }
        if (chosen >= 0 && got != chosen)
            differ = true;
        if (chosen < 0)
            chosen = got;
    }
    const char *ag = years_text(C, p->year_from, p->year_to);
    if (mat) {
        diag_error(C->d, c->span, _("kolumnen '%s' har inget alternativ för år %s, som överenskommelsen gäller (alternativen gäller år %s); lägg till ett sist i deklarationen, som ', <kolumn> år %s'"),
                   c->name, missing, given[0] ? given : "–", missing);
        if (ag_year)
            diag_note(C->d, ag_year->span, _("överenskommelsen gäller år %s"), ag);
        return;
    }
    if (differ) {
        /* Which years choose which: runs of years with the same choice. */
        char list[512] = "";
        size_t lat = 0;
        for (int y = p->year_from; y <= p->year_to;) {
            int y2 = y;
            while (y2 + 1 <= p->year_to && pick[y2 + 1 - p->year_from] == pick[y - p->year_from])
                y2++;
            const Item *alt = d->body.items[pick[y - p->year_from]];
            const Expr **ops = NULL;
            size_t no = 0, cap = 0;
            sum_names(C, alt->expr2, &ops, &no, &cap);
            char sum[256] = "";
            size_t sat = 0;
            for (size_t i = 0; i < no && sat < sizeof sum - 1; i++)
                sat += (size_t)snprintf(sum + sat, sizeof sum - sat, "%s%s", i ? " + " : "", ops[i]->name);
            if (lat < sizeof list - 1)
                lat += (size_t)snprintf(list + lat, sizeof list - lat, _("%sår %s väljer %s"), lat ? "; " : "", years_text(C, y, y2), sum);
            y = y2 + 1;
        }
        diag_error(C->d, c->span, _("överenskommelsen gäller perioden %s, men kolumnen '%s' väljer olika kolumner under den: %s; en tabell har samma kolumn hela perioden: låt ett alternativ gälla alla åren, som '= … år %s'"),
                   ag, c->name, list, ag);
        if (ag_year)
            diag_note(C->d, ag_year->span, _("överenskommelsen gäller perioden %s"), ag);
        return;
    }
    c->chosen = chosen;
}

/* The sum column k takes: its own, or the alternative its year chose; NULL if none. */
static const Expr *chosen_sum(const Column *c)
{
    if (!c->derived)
        return NULL;
    if (c->decl->expr)
        return c->decl->expr;
    return c->chosen >= 0 ? c->decl->body.items[c->chosen]->expr2 : NULL;
}

/* The most read columns one derived column may add up (counted with
** repetition, as nested sums expand). */
#define MAX_SUM_TERMS 4096

/* Expands column k's sum into the read columns it adds (Column.sum).
** state: 0 not seen, 1 being expanded (a cycle when met again), 2 done;
** path holds the columns being expanded. Returns whether k has a sum. */
static bool expand(Checker *C, Table *t, size_t k, unsigned char *state, size_t *path, size_t depth)
{
    Column *c = &t->columns[k];
    if (state[k] == 2)
        return c->sum != NULL;
    if (state[k] == 1) {
        char list[512] = "";
        size_t at = 0, from = 0;
        while (from < depth && path[from] != k)
            from++;
        for (size_t i = from; i < depth && at < sizeof list - 1; i++)
            at += (size_t)snprintf(list + at, sizeof list - at, "%s → ", t->columns[path[i]].name);
        if (at < sizeof list - 1)
            snprintf(list + at, sizeof list - at, "%s", c->name);
        diag_error(C->d, c->span, _("de härledda kolumnerna summerar varandra i en cirkel: %s; en av dem måste summera lästa kolumner"), list);
        return false;
    }
    const Expr *sum = chosen_sum(c);
    state[k] = 1;
    path[depth] = k;
    bool ok = sum != NULL && c->type.kind != TY_UNKNOWN;
    const Expr **ops = NULL;
    size_t n = 0, cap = 0;
    if (sum)
        sum_names(C, sum, &ops, &n, &cap);
    int32_t *v = NULL;
    size_t nv = 0, vcap = 0;
    char text[1024] = "=";
    size_t tat = 1;
    for (size_t i = 0; i < n; i++) {
        int j = column_index(t, ops[i]->name);
        if (tat < sizeof text - 1)
            tat += (size_t)snprintf(text + tat, sizeof text - tat, "%s%s", i ? " + " : " ", ops[i]->name);
        if (j < 0 || (size_t)j == k || t->columns[j].type.kind != c->type.kind) {
            ok = false;   /* said by check_sum */
            continue;
        }
        const int32_t *add = &(int32_t){j};
        size_t n_add = 1;
        if (t->columns[j].derived) {
            if (!expand(C, t, (size_t)j, state, path, depth + 1)) {
                ok = false;
                continue;
            }
            add = t->columns[j].sum;
            n_add = t->columns[j].n_sum;
        }
        if (nv + n_add > MAX_SUM_TERMS) {
            if (ok)
                diag_error(C->d, c->span, _("den härledda kolumnen '%s' adderar mer än %d lästa kolumner"), c->name, MAX_SUM_TERMS);
            ok = false;
            continue;
        }
        while (nv + n_add > vcap) {
            size_t nc = vcap ? 2 * vcap : 8;
            v = arena_grow(C->a, v, nv, nc, sizeof *v);
            vcap = nc;
        }
        memcpy(v + nv, add, n_add * sizeof *v);
        nv += n_add;
    }
    state[k] = 2;
    c->header = arena_strdup(C->a, text);
    if (ok && nv) {
        c->sum = v;
        c->n_sum = nv;
    }
    return c->sum != NULL;
}

/* Checks and expands the derived columns of t. */
static void derived_columns(Checker *C, Table *t)
{
    bool any = false;
    for (size_t k = 0; k < t->n_columns; k++) {
        Column *c = &t->columns[k];
        if (!c->derived)
            continue;
        any = true;
        if (c->decl->expr) {
            check_sum(C, t, k, c->decl->expr);
        } else {
            for (size_t i = 0; i < c->decl->body.n; i++)
                check_sum(C, t, k, c->decl->body.items[i]->expr2);
            choose_year(C, c);
        }
    }
    if (!any)
        return;
    unsigned char *state = arena_alloc(C->a, t->n_columns + 1);
    size_t *path = arena_alloc(C->a, (t->n_columns + 1) * sizeof *path);
    memset(state, 0, t->n_columns + 1);
    for (size_t k = 0; k < t->n_columns; k++)
        if (t->columns[k].derived)
            expand(C, t, k, state, path, 0);
}

/* }------ */

static int new_enum(Checker *C, const TypeSpec *ts)
{
    Program *p = C->p;
    size_t k = PUSH(C, p->enums, p->n_enums, C->cap_enums);
    EnumDef *e = &p->enums[k];
    e->values = arena_alloc(C->a, ts->n_values * sizeof *e->values);
    e->folded = arena_alloc(C->a, ts->n_values * sizeof *e->folded);
    e->spans = arena_alloc(C->a, ts->n_values * sizeof *e->spans);
    for (size_t i = 0; i < ts->n_values; i++) {
        const char *fold = text_fold(C->a, ts->values[i], strlen(ts->values[i]));
        bool dup = false;
        for (size_t j = 0; j < e->n && !dup; j++) {
            if (strcmp(e->folded[j], fold) == 0) {
                diag_error(C->d, ts->value_spans[i], _("värdet '%s' står två gånger"), ts->values[i]);
                diag_note(C->d, e->spans[j], _("här står det första gången"));
                dup = true;
            }
        }
        if (dup)
            continue;
        e->values[e->n] = ts->values[i];
        e->folded[e->n] = fold;
        e->spans[e->n] = ts->value_spans[i];
        e->n++;
    }
    return (int)k;
}

static void field(Checker *C, const Item *it)
{
    Program *p = C->p;
    int prev = program_find_field(p, it->name);
    if (prev >= 0) {
        duplicate(C, ast_item_label(ITEM_FIELD), it->name, it->name_span, p->fields[prev].span);
        return;
    }
    Type t = it->type->type;
    if (t.kind == TY_ENUM || (t.kind == TY_SET && t.elem == TY_ENUM))
        t.id = new_enum(C, it->type);
    /* Sets are bit masks at run time. */
    if (t.kind == TY_SET && t.elem == TY_ENUM && p->enums[t.id].n > MAX_SET_MEMBERS)
        diag_error(C->d, it->type->span, _("en mängd kan ha högst %d möjliga medlemmar; '%s' har %zu"), MAX_SET_MEMBERS, it->name,
                   p->enums[t.id].n);
    if (t.kind == TY_KEY) {
        t.id = find_table(p, it->type->table);
        if (t.id < 0) {
            unknown(C, it->type->table_span, it->type->table, table_like(C, it->type->table), _("okänd tabell '%s'"), it->type->table);
            if (!note_removed(C, ITEM_TABLE, it->type->table, ITEM_FIELD, it->name) && p->n_tables == 0)
                diag_note(C->d, it->type->span, _("deklarera den med 'tabell %s från \"fil.csv\" { … }'"), it->type->table);
            t = T_UNKNOWN;
        }
    }
    size_t k = PUSH(C, p->fields, p->n_fields, C->cap_fields);
    p->fields[k] = (Field){it->name, it->text ? it->text : it->name, t, it->flags, it->name_span};
    if (it->flags & FIELD_KEY) {
        if (p->key_field >= 0) {
            diag_error(C->d, it->name_span, _("ansökan har mer än ett nyckelfält"));
            diag_note(C->d, C->key_span, _("det första nyckelfältet står här"));
        } else {
            p->key_field = (int)k;
            C->key_span = it->name_span;
            if (t.kind != TY_TEXT && t.kind != TY_INT)
                diag_error(C->d, it->type->span, _("nyckelfältet '%s' måste vara text eller heltal, inte %s"), it->name, tname(t));
        }
    }
    if (it->flags & FIELD_REQUESTED) {
        if (p->requested_field >= 0) {
            diag_error(C->d, it->name_span, _("ansökan har mer än ett sökt belopp ('sökt')"));
            diag_note(C->d, C->requested_span, _("det första står här"));
        } else {
            p->requested_field = (int)k;
            C->requested_span = it->name_span;
            if (t.kind != TY_MONEY)
                diag_error(C->d, it->type->span, _("det sökta beloppet '%s' måste vara belopp, inte %s"), it->name, tname(t));
        }
    }
}

/* }====== */

/* ====================================================================
** {====== pots, criteria, priorities, portfolio constraints
** ==================================================================== */

static void criterion(Checker *C, const Item *it, int pot);
static void priority(Checker *C, const Item *it, int pot);
static void portfolio(Checker *C, const Item *it, int pot);

/* Records the amount written in a pot's 'belopp' property; pot_amounts
** computes it once every pot is known. */
static void amount_written(Pot *pot, const Item *b)
{
    pot->amount_expr = b->expr;
    pot->amount_span = b->expr->span;
    /* An amount built from approximate ones is approximate too. */
    pot->approx = b->expr->kind == EXPR_MONEY ? b->expr->word : approx_in(b->expr) ? "cirka" : NULL;
}

/* The pot called name, or -1. A hash index rather than program_find_pot's
** scan, so that declaring many pots is not quadratic in their number. */
static int find_pot_indexed(Checker *C, const char *name)
{
    return strmap_find(&C->pots_by_name, name, strlen(name));
}

static void index_pot(Checker *C, int k)
{
    const char *name = C->p->pots[k].name;
    strmap_insert(&C->pots_by_name, C->a, name, strlen(name), k);
}

static void split_amount_rule(Checker *C, const Item *b, SplitAmount *r, const char *what, const char *eg_amount,
                              const char *eg_percent);

/* The split of a pot: fördela per <field> efter <table>.<column> { … }. */
static void pot_split(Checker *C, const Item *it, Pot *pot, const Item *split)
{
    Program *p = C->p;
    Split *s = &pot->split;
    pot->has_split = true;
    s->span = split->span;
    s->field = program_find_field(p, split->name);
    s->table = find_table(p, split->expr->name);
    if (s->field < 0)
        unknown(C, split->name_span, split->name, field_like(C, split->name),
                _("okänt fält '%s'; fördelningen styr ansökningarna efter ett fält i ansökan"), split->name);
    if (s->field < 0)
        note_removed(C, ITEM_FIELD, split->name, ITEM_POT, it->name);
    if (s->table < 0) {
        unknown(C, split->expr->a->span, split->expr->name, table_like(C, split->expr->name), _("okänd tabell '%s'"), split->expr->name);
        note_removed(C, ITEM_TABLE, split->expr->name, ITEM_POT, it->name);
    } else {
        const Table *t = &p->tables[s->table];
        for (size_t c = 0; c < t->n_columns; c++)
            if (strcmp(t->columns[c].name, split->expr->name2) == 0)
                s->column = (int)c;
        if (s->column < 0) {
            char list[512] = "";
            size_t at = 0;
            for (size_t c = 0; c < t->n_columns && at < sizeof list - 1; c++)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", c ? ", " : "", t->columns[c].name);
            Names ns = {0};
            for (size_t c = 0; c < t->n_columns; c++)
                names_add(C, &ns, t->columns[c].name);
            unknown(C, split->expr->b->span, split->expr->name2, closest(C, split->expr->name2, &ns),
                    _("tabellen '%s' har ingen kolumn '%s'; dess kolumner är: %s"), t->name, split->expr->name2, list);
            diag_note(C->d, t->span, _("tabellen '%s' deklareras här"), t->name);
        } else if (t->columns[s->column].type.kind != TY_INT && t->columns[s->column].type.kind != TY_MONEY) {
            diag_error(C->d, split->expr->span, _("vikterna '%s.%s' måste vara heltal eller belopp, inte %s"), t->name,
                       split->expr->name2, tname(t->columns[s->column].type));
        }
        if (s->field >= 0) {
            const Field *f = &p->fields[s->field];
            if (f->type.kind != TY_UNKNOWN && (f->type.kind != TY_KEY || f->type.id != s->table)) {
                diag_error(C->d, split->name_span, _("fältet '%s' måste ha typen 'nyckel i %s' för att ansökningarna ska fördelas på delpotterna i '%s'"),
                           f->name, t->name, it->name);
                diag_note(C->d, f->span, _("fältet '%s' deklareras här"), f->name);
            }
        }
    }
    const Item *split_rounding = NULL, *method = NULL, *first = NULL;
    const Item *base = NULL, *cap = NULL, *threshold = NULL, *least = NULL;
    for (size_t i = 0; i < split->body.n; i++) {
        const Item *b = split->body.items[i];
        if (b->kind == PROP_BASE_AMOUNT && once(C, &base, b, ast_item_label(PROP_SPLIT), it->name)) {
            split_amount_rule(C, b, &s->base, _("grundbeloppet"), "grundbelopp 100 000 kr", "grundbelopp 2 %");
            continue;
        }
        if (b->kind == PROP_SPLIT_CAP && once(C, &cap, b, ast_item_label(PROP_SPLIT), it->name)) {
            split_amount_rule(C, b, &s->cap, _("taket"), "tak 2 000 000 kr", "tak 30 %");
            if (s->cap.set && ((!s->cap.is_percent && s->cap.amount == 0) || (s->cap.is_percent && s->cap.percent.num == 0))) {
                diag_error(C->d, b->expr->span, _("taket måste vara större än 0 kr; utan tak, stryk raden"));
                s->cap.set = false;
            }
            continue;
        }
        if (b->kind == PROP_THRESHOLD && once(C, &threshold, b, ast_item_label(PROP_SPLIT), it->name)) {
            const Expr *e = b->expr;
            if (e->kind == EXPR_PERCENT && ratio_cmp(e->v.ratio, (Ratio){0, 1}) >= 0 &&
                ratio_cmp(e->v.ratio, (Ratio){1, 1}) <= 0) {
                s->has_threshold = s->threshold_is_percent = true;
                s->threshold_percent = e->v.ratio;
            } else if (e->kind == EXPR_INT && e->v.i >= 0) {
                s->has_threshold = true;
                s->threshold_weight = e->v.i;
            } else if (e->kind != EXPR_ERROR) {
                diag_error(C->d, e->span,
                           _("spärren måste vara en andel av den sammanlagda vikten mellan 0 och 100 %% (spärr 4 %%) "
                             "eller en vikt (spärr 1 000)"));
            }
            s->threshold_span = b->span;
            continue;
        }
        if (b->kind == PROP_SPLIT_MIN && once(C, &least, b, ast_item_label(PROP_SPLIT), it->name)) {
            const Expr *e = b->expr;
            if (e->kind == EXPR_INT && e->v.i >= 1 && e->v.i <= INT32_MAX)
                s->min_units = e->v.i;
            else if (e->kind != EXPR_ERROR)
                diag_error(C->d, e->span,
                           _("'minst' i en fördelning tar ett helt antal avrundningsenheter, minst 1, till exempel 'minst 1 enhet'"));
            s->min_span = b->span;
            continue;
        }
        if (b->kind == PROP_ROUNDING && once(C, &split_rounding, b, ast_item_label(PROP_SPLIT), it->name)) {
            Money u;
            if (const_money(C, b->expr, &u, _("avrundningsenheten")) && u <= 0)
                diag_error(C->d, b->expr->span, _("avrundningsenheten måste vara ett positivt belopp, till exempel 'avrundning 1 kr'"));
            else if (b->expr->kind != EXPR_ERROR)
                s->unit = u;
        } else if (b->kind == PROP_METHOD && once(C, &method, b, ast_item_label(PROP_SPLIT), it->name)) {
            const char *m = b->name;
            if (!strcmp(m, "största_rest") || !strcmp(m, "largest_remainder"))
                s->method = APPORTION_LARGEST_REMAINDER;
            else if (!strcmp(m, "dhondt") || !strcmp(m, "d_hondt"))
                s->method = APPORTION_DHONDT;
            else if (!strcmp(m, "sainte_laguë") || !strcmp(m, "sainte_lague") || !strcmp(m, "uddatal"))
                s->method = APPORTION_SAINTE_LAGUE;
            else
                unknown(C, b->name_span, m, word_like(C, m, (const char *const[]){"största_rest", "dhondt", "sainte_laguë", NULL}),
                        _("okänd fördelningsmetod '%s'; metoderna är största_rest, dhondt och sainte_laguë"), m);
        } else if (b->kind == PROP_FIRST_DIVISOR && once(C, &first, b, ast_item_label(PROP_SPLIT), it->name)) {
            Ratio r = {0, 1};
            if (b->expr->kind == EXPR_DECIMAL)
                r = b->expr->v.ratio;
            else if (b->expr->kind == EXPR_INT)
                r = (Ratio){b->expr->v.i, 1};
            if (ratio_cmp(r, (Ratio){1, 1}) < 0 || ratio_cmp(r, (Ratio){2, 1}) >= 0)
                diag_error(C->d, b->expr->span, _("den första divisorn måste vara minst 1 och mindre än 2, till exempel 1,2"));
            else
                s->first_divisor = r;
        }
    }
    if (first && s->method != APPORTION_SAINTE_LAGUE)
        diag_error(C->d, first->kw_span, _("'första_divisor' gäller bara 'metod sainte_laguë'"));
    s->has_rules = s->base.set || s->cap.set || s->has_threshold || s->min_units > 0;
}

/* grundbelopp / tak in a split: an amount, or a percentage of the pot. */
static void split_amount_rule(Checker *C, const Item *b, SplitAmount *r, const char *what, const char *eg_amount,
                              const char *eg_percent)
{
    Expr *e = b->expr;
    r->span = b->span;
    if (e->kind == EXPR_PERCENT) {
        if (ratio_cmp(e->v.ratio, (Ratio){0, 1}) < 0 || ratio_cmp(e->v.ratio, (Ratio){1, 1}) > 0) {
            diag_error(C->d, e->span, _("%s får vara högst 100 %% av potten"), what);
            return;
        }
        r->set = r->is_percent = true;
        r->percent = e->v.ratio;
        return;
    }
    if (e->kind == EXPR_ERROR)
        return;
    Money m = 0;
    Ratio pct;
    size_t errors = C->d->n_errors;
    ConstKind k = e->kind == EXPR_MONEY || e->kind == EXPR_BINARY || e->kind == EXPR_PERCENT_OF
                      ? const_amount(C, e, &m, &pct)
                      : CONST_BAD;
    if (k == CONST_MONEY && m >= 0) {
        r->set = true;
        r->amount = m;
    } else if (C->d->n_errors == errors) {
        diag_error(C->d, e->span, _("%s måste vara ett belopp eller en andel av potten, till exempel '%s' eller '%s'"),
                   what, eg_amount, eg_percent);
    }
}

bool split_amount_of(const SplitAmount *r, Money pot_amount, Money *out)
{
    *out = 0;
    if (!r->set)
        return true;
    if (!r->is_percent) {
        *out = r->amount;
        return true;
    }
    int64_t rem = 0;
    if (!money_mul_ratio(pot_amount, r->percent, out, &rem))
        return false;
    return rem == 0;
}

/* The split rules that need the pot's amount: a grundbelopp or tak given as
** a percentage must come out in whole öre, and every amount in whole
** rounding units; the cap must leave room for the base and the minimum. */
static void split_rule_amounts(Checker *C)
{
    Program *p = C->p;
    for (size_t k = 0; k < p->n_pots; k++) {
        Pot *pot = &p->pots[k];
        Split *s = &pot->split;
        if (!pot->has_split || !s->has_rules || pot->incomplete)
            continue;
        Money unit = s->unit > 0 ? s->unit : 1;
        char ubuf[48];
        money_format(unit, ubuf, sizeof ubuf);
        Money base = 0, cap = 0;
        bool ok = true;
        struct {
            const SplitAmount *r;
            Money *v;
            const char *word;
        } rules[] = {{&s->base, &base, "grundbelopp"}, {&s->cap, &cap, "tak"}};
        for (size_t i = 0; i < 2; i++) {
            const SplitAmount *r = rules[i].r;
            if (!r->set)
                continue;
            if (!split_amount_of(r, pot->amount, rules[i].v)) {
                diag_error(C->d, r->span, _("%s av %s är inte ett helt antal öre"), fmt_pct(C, r->percent),
                           fmt_money(C, pot->amount));
                diag_note(C->d, pot->amount_span, _("beloppet för '%s' står här"), pot->name);
                ok = false;
            } else if (*rules[i].v % unit != 0) {
                Money lower = *rules[i].v / unit * unit;
                if (r->is_percent)
                    diag_error(C->d, r->span,
                               _("'%s %s' blir %s av potten '%s', som inte är ett helt antal avrundningsenheter om %s; "
                                 "skriv beloppet, till exempel '%s %s', eller ändra avrundningen"),
                               rules[i].word, fmt_pct(C, r->percent), fmt_money(C, *rules[i].v), pot->name, ubuf,
                               rules[i].word, fmt_money(C, lower));
                else
                    diag_error(C->d, r->span,
                               _("%s är inte ett helt antal avrundningsenheter om %s; skriv till exempel '%s %s', "
                                 "eller ändra avrundningen"),
                               fmt_money(C, *rules[i].v), ubuf, rules[i].word, fmt_money(C, lower));
                ok = false;
            }
        }
        if (!ok || !s->cap.set)
            continue;
        Money floor_ = 0;
        if (!money_mul_int(unit, s->min_units, &floor_) || !money_add(floor_, base, &floor_) || cap < floor_) {
            if (s->min_units > 0)
                diag_error(C->d, s->cap.span,
                           _("taket %s är lägre än grundbeloppet %s plus minst %lld avrundningsenheter om %s: "
                             "ingen mottagare kan få både grundbeloppet och det minsta"),
                           fmt_money(C, cap), fmt_money(C, base), (long long)s->min_units, ubuf);
            else
                diag_error(C->d, s->cap.span,
                           _("taket %s är lägre än grundbeloppet %s: ingen mottagare kan få sitt grundbelopp"),
                           fmt_money(C, cap), fmt_money(C, base));
            if (s->base.set)
                diag_note(C->d, s->base.span, _("grundbeloppet står här; höj taket till minst %s eller sänk grundbeloppet"),
                          fmt_money(C, floor_));
        }
    }
}

/* How a pot is handed out ('tilldelning …', or the default for a pot that
** takes applications). */
static void pot_policy(Checker *C, const Item *it, Pot *pot, const Item *alloc)
{
    if (alloc) {
        const char *m = alloc->name;
        if (!strcmp(m, "rangordning") || !strcmp(m, "rank_order"))
            pot->policy = POLICY_RANK;
        else if (!strcmp(m, "proportionell") || !strcmp(m, "pro_rata"))
            pot->policy = POLICY_PRO_RATA;
        else if (!strcmp(m, "rättighet") || !strcmp(m, "entitlement"))
            pot->policy = POLICY_ENTITLEMENT;
        else
            unknown(C, alloc->name_span, m, word_like(C, m, (const char *const[]){"rangordning", "proportionell", "rättighet", NULL}),
                    _("okänd tilldelning '%s'; tilldelningarna är rangordning, proportionell och rättighet"), m);
        if (alloc->name2) {
            const char *l = alloc->name2;
            if (pot->policy != POLICY_RANK && pot->policy != POLICY_NONE)
                diag_error(C->d, alloc->name2_span, _("'sista' gäller bara 'tilldelning rangordning'"));
            else if (!strcmp(l, "delvis") || !strcmp(l, "partial"))
                pot->last = LAST_PARTIAL;
            else if (!strcmp(l, "hoppa_över") || !strcmp(l, "skip"))
                pot->last = LAST_SKIP;
            else if (!strcmp(l, "stopp") || !strcmp(l, "stop"))
                pot->last = LAST_STOP;
            else
                unknown(C, alloc->name2_span, l, word_like(C, l, (const char *const[]){"delvis", "hoppa_över", "stopp", NULL}),
                        _("okänd regel för det sista projektet '%s'; reglerna är delvis, hoppa_över och stopp"), l);
        }
        if (pot->n_children > 0) {
            diag_error(C->d, alloc->kw_span, _("potten '%s' har delpotter och delar alltså inte själv ut något; skriv 'tilldelning' i delpotterna"), it->name);
        }
    } else if (pot->n_children == 0) {
        pot->policy = POLICY_RANK; /* the documented default for a pot that takes applications */
    }
}

/* A pot's tie-breaks ('vid_lika { … }'), at most three, none twice. */
static void pot_tie_breaks(Checker *C, Pot *pot, const Item *tie)
{
    if (tie->body.n > 3)
        diag_error(C->d, tie->body.items[3]->name_span, _("högst tre regler för lika poäng kan anges; ansökans nyckel kommer alltid sist"));
    for (size_t i = 0; i < tie->body.n && pot->n_tie_break < 3; i++) {
        const Item *b = tie->body.items[i];
        const char *w = b->name;
        TieBreak t;
        if (!strcmp(w, "lägst_belopp") || !strcmp(w, "lowest_amount"))
            t = TIE_AMOUNT_ASC;
        else if (!strcmp(w, "högst_belopp") || !strcmp(w, "highest_amount"))
            t = TIE_AMOUNT_DESC;
        else if (!strcmp(w, "inkommen") || !strcmp(w, "received"))
            t = TIE_ORDER;
        else if (!strcmp(w, "nyckel") || !strcmp(w, "key"))
            t = TIE_KEY;
        else {
            unknown(C, b->name_span, w,
                    word_like(C, w, (const char *const[]){"lägst_belopp", "högst_belopp", "inkommen", "nyckel", NULL}),
                    _("okänd regel för lika poäng '%s'; reglerna är lägst_belopp, högst_belopp, inkommen och nyckel"), w);
            continue;
        }
        bool repeated = false;
        for (size_t j = 0; j < pot->n_tie_break; j++)
            repeated |= pot->tie_break[j] == t;
        if (repeated) {
            diag_error(C->d, b->name_span, _("regeln för lika poäng '%s' står två gånger"), w);
            continue;
        }
        pot->tie_break[pot->n_tie_break++] = t;
    }
}

/* 'avrundning' in a pot that hands out money: its grants are whole multiples
** of the unit. */
static void pot_grant_unit(Checker *C, Pot *pot, const Item *rounding)
{
    Money u;
    if (!const_money(C, rounding->expr, &u, _("avrundningsenheten")))
        return;
    if (u <= 0)
        diag_error(C->d, rounding->expr->span, _("avrundningsenheten måste vara ett positivt belopp, till exempel 'avrundning 1 kr'"));
    else
        pot->grant_unit = u;
}

/* 'lägsta_bidrag': no grant below it is made. */
static void pot_min_grant(Checker *C, Pot *pot, const Item *min)
{
    Money m;
    if (const_money(C, min->expr, &m, _("det lägsta bidraget ('lägsta_bidrag')")))
        pot->min_grant = m;
}

/* A pot's caps: 'tak … per ansökan' (cap_app) and 'tak … per <field>'
** (cap_field), either may be NULL. */
static void pot_caps(Checker *C, Pot *pot, const Item *cap_app, const Item *cap_field)
{
    Program *p = C->p;
    const Item *caps[2] = {cap_app, cap_field};
    for (int c = 0; c < 2; c++) {
        const Item *b = caps[c];
        if (!b)
            continue;
        Money cap;
        if (!const_money(C, b->expr, &cap, _("ett tak")))
            continue;
        if (cap <= 0) {
            diag_error(C->d, b->expr->span, _("ett tak måste vara ett positivt belopp"));
            continue;
        }
        if (c == 0) {
            pot->cap_per_application = cap;
        } else {
            pot->cap_per_applicant = cap;
            pot->cap_field = program_find_field(p, b->name);
            if (pot->cap_field < 0)
                unknown(C, b->name_span, b->name, field_like(C, b->name),
                        _("okänt fält '%s'; 'tak … per' anger 'ansökan' eller fältet som identifierar den sökande"), b->name);
            if (pot->cap_field < 0)
                note_removed(C, ITEM_FIELD, b->name, ITEM_POT, pot->name);
        }
    }
}

/* Flattens the pot tree in pre-order and records each pot's properties;
** amounts are computed afterwards, parents first. */
static void pot_decl(Checker *C, const Item *it, int parent, int depth, int round_of);

/* A pot's 'kvar': stannar and återbetalas are settled here; a move is
** resolved by pot_leftovers once every pot is declared. */
static void pot_leftover(Checker *C, int k, const Item *b)
{
    Pot *pot = &C->p->pots[k];
    pot->leftover_span = b->span;
    if (b->name2) {
        pot->leftover = LEFTOVER_MOVES;
        size_t j = PUSH(C, C->leftovers, C->n_leftovers, C->cap_leftovers);
        C->leftovers[j].pot = k;
        C->leftovers[j].it = b;
        return;
    }
    const char *w = b->name;
    if (!strcmp(w, "stannar") || !strcmp(w, "stays"))
        pot->leftover = LEFTOVER_STAYS;
    else if (!strcmp(w, "återbetalas") || !strcmp(w, "returned"))
        pot->leftover = LEFTOVER_RETURNED;
    else
        unknown(C, b->name_span, w, word_like(C, w, (const char *const[]){"stannar", "återbetalas", NULL}),
                _("okänt 'kvar %s'; det som blir kvar i en pott 'stannar' (i potten), 'återbetalas' eller "
                  "'flyttas till' en namngiven pott, till exempel 'kvar flyttas till länsgemensamt'"), w);
}

/* The items a second round may not have: its money is what its pot leaves,
** and it is no tree of its own. */
static bool round_forbids(ItemKind k)
{
    return k == PROP_AMOUNT || k == PROP_YEAR || k == PROP_SPLIT || k == ITEM_POT || k == ITEM_ROUND ||
           k == ITEM_PORTFOLIO;
}

/* Whether pot k hands money out to applications itself (no sub-pots, no
** split, rangordning or proportionell): only such a pot can receive moved
** money or have a second round. */
static bool pot_hands_out(const Pot *pot)
{
    return pot->n_children == 0 && !pot->has_split &&
           (pot->policy == POLICY_RANK || pot->policy == POLICY_PRO_RATA);
}

/* Why pot `pot` hands nothing out to applications itself, for messages. */
static const char *why_not_hands_out(const Pot *pot)
{
    if (pot->n_children > 0)
        return _("den har delpotter");
    if (pot->has_split)
        return _("den fördelas på delpotter med 'fördela'");
    if (pot->policy == POLICY_ENTITLEMENT)
        return _("den har 'tilldelning rättighet' och betalar ut utan ansökningar");
    return _("den delar inte ut något till ansökningar");
}

/* The second round of pot k ('andra omgång "…" { … }'): a pot of its own
** right after k, with k's way of handing out unless the round says
** otherwise. */
static void round_decl(Checker *C, const Item *it, int k)
{
    Program *p = C->p;
    Pot *pot = &p->pots[k];
    if (pot->n_children > 0 || (pot->policy != POLICY_RANK && pot->policy != POLICY_PRO_RATA)) {
        diag_error(C->d, it->kw_span,
                   _("potten '%s' har ingen första omgång som kan lämna pengar till en andra: %s"), pot->name,
                   why_not_hands_out(pot));
        diag_note(C->d, pot->name_span, _("skriv 'andra omgång' i en pott som delar ut pengar till ansökningar"));
        return;
    }
    pot_decl(C, it, pot->parent, pot->depth, k);
}

static void pot_decl(Checker *C, const Item *it, int parent, int depth, int round_of)
{
    Program *p = C->p;
    const char *name = round_of >= 0 ? arena_printf(C->a, "%s/andra_omgången", p->pots[round_of].name) : it->name;
    const char *kind = ast_item_label(round_of >= 0 ? ITEM_ROUND : ITEM_POT);
    int prev = round_of >= 0 ? -1 : find_pot_indexed(C, it->name);
    if (prev >= 0) {
        duplicate(C, ast_item_label(ITEM_POT), it->name, it->name_span, p->pots[prev].name_span);
        if (parent >= 0)
            p->pots[parent].incomplete = true;  /* its split cannot be judged without this part */
        return;
    }
    int k = (int)PUSH(C, p->pots, p->n_pots, C->cap_pots);
    Pot *pot = &p->pots[k];
    if (round_of >= 0) {
        /* Inherit the first round's way of handing out; the round's own
        ** properties below override it. */
        *pot = p->pots[round_of];
        pot->children = NULL;
        pot->n_children = 0;
        pot->ref = (Ref){0};
        pot->round = -1;
        pot->round_of = round_of;
        pot->has_split = false;   /* the round is one pool: what every sub-pot left */
        pot->incomplete = false;
        pot->deadline = NULL;
        pot->amount_expr = NULL;
        pot->amount = pot->fixed = 0;
        pot->share = SHARE_FIXED;
        pot->approx = NULL;
        pot->year_from = pot->year_to = 0;
        pot->name = name;
        pot->label = it->text;
        pot->span = it->span;
        pot->name_span = it->kw_span;
        pot->amount_span = it->kw_span;
        p->pots[round_of].round = k;
    } else {
    pot->name = it->name;
    index_pot(C, k);
    pot->label = it->text;
    pot->span = it->span;
    pot->name_span = it->name_span;
    pot->parent = parent;
    pot->depth = depth;
    pot->cap_field = -1;
    pot->policy = POLICY_NONE;
    pot->last = LAST_PARTIAL;
    pot->amount_span = it->name_span;
    pot->split.unit = 1;
    pot->grant_unit = 1;
    pot->split.first_divisor = (Ratio){1, 1};
    pot->split.field = pot->split.table = pot->split.column = -1;
    pot->leftover = LEFTOVER_STAYS;
    pot->leftover_to = -1;
    pot->leftover_span = it->name_span;
    pot->round = pot->round_of = -1;
    }
    /* Room for every sub-pot written in the body, allocated once: growing
    ** the array by one per child inside the arena took memory quadratic in
    ** their number. */
    size_t n_sub = 0;
    for (size_t i = 0; i < it->body.n; i++)
        n_sub += it->body.items[i]->kind == ITEM_POT;
    if (n_sub > 0 && round_of < 0)
        pot->children = arena_alloc(C->a, n_sub * sizeof *pot->children);
    if (parent >= 0 && round_of < 0) {
        Pot *par = &p->pots[parent];
        par->children[par->n_children++] = k;
    }
    const Item *seen[4] = {0}, *amount = NULL, *manager = NULL, *label = NULL, *yr = NULL;
    const Item *split = NULL, *alloc = NULL, *cap_app = NULL, *cap_field = NULL, *min = NULL, *tie = NULL;
    const Item *applies = NULL, *rounding = NULL, *leftover = NULL, *deadline = NULL, *round = NULL;
    for (size_t i = 0; i < it->body.n; i++) {
        const Item *b = it->body.items[i];
        pot = &p->pots[k]; /* the array may move as sub-pots are added */
        if (ref_prop(C, &pot->ref, seen, b, kind, name))
            continue;
        if (round_of >= 0 && round_forbids(b->kind)) {
            diag_error(C->d, b->kw_span.end > b->kw_span.start ? b->kw_span : b->span,
                       _("'%s' kan inte stå i en andra omgång: omgångens pengar är det som potten '%s' har kvar efter "
                         "den första omgången"),
                       b->kw ? b->kw : ast_item_label(b->kind), p->pots[round_of].name);
            diag_note(C->d, p->pots[round_of].name_span,
                      _("en andra omgång har villkor, prioriteringar, 'ansökningar där', 'tilldelning', 'tak', "
                        "'lägsta_bidrag', 'vid_lika', 'avrundning', 'kvar' och 'sista_ansökningsdag'"));
            continue;
        }
        switch (b->kind) {
        case PROP_LEFTOVER:
            if (once(C, &leftover, b, kind, name))
                pot_leftover(C, k, b);
            break;
        case PROP_DEADLINE:
            if (round_of < 0) {
                diag_error(C->d, b->kw_span, _("'%s' gäller en andra omgång; skriv den i potten '%s' som 'andra omgång \"…\" { %s \"…\" }'"),
                           b->kw, it->name, b->kw);
            } else if (once(C, &deadline, b, kind, name)) {
                pot->deadline = b->text;
            }
            break;
        case ITEM_ROUND:
            once(C, &round, b, kind, name);
            break;
        case PROP_AMOUNT:
            if (once(C, &amount, b, kind, name))
                amount_written(pot, b);
            break;
        case PROP_MANAGER:
            if (once(C, &manager, b, kind, name))
                pot->manager = b->text;
            break;
        case PROP_LABEL:
            if (once(C, &label, b, kind, name))
                pot->label = b->text;
            break;
        case PROP_YEAR:
            if (once(C, &yr, b, kind, name)) {
                year(C, b, &pot->year_from, &pot->year_to);
                pot->year_span = b->span;
            }
            break;
        case PROP_SPLIT: once(C, &split, b, kind, name); break;
        case PROP_ALLOCATION: once(C, &alloc, b, kind, name); break;
        case PROP_CAP:
            once(C, b->per_application ? &cap_app : &cap_field, b, kind, name);
            break;
        case PROP_MIN_GRANT: once(C, &min, b, kind, name); break;
        case PROP_TIE_BREAK: once(C, &tie, b, kind, name); break;
        case PROP_APPLIES:
            if (once(C, &applies, b, kind, name))
                pot->applies = b->expr;
            break;
        case PROP_ROUNDING: once(C, &rounding, b, kind, name); break;
        case ITEM_POT: pot_decl(C, b, k, depth + 1, -1); break;
        case ITEM_CRITERION: criterion(C, b, k); break;
        case ITEM_PRIORITY: priority(C, b, k); break;
        case ITEM_PORTFOLIO: portfolio(C, b, k); break;
        default: break;
        }
    }
    pot = &p->pots[k];
    if (it->broken)
        pot->incomplete = true;
    if (round_of >= 0) {
        /* A second round: only what changes the way it hands out. */
        if (alloc) {
            pot_policy(C, it, pot, alloc);
            if (pot->policy != POLICY_RANK && pot->policy != POLICY_PRO_RATA)
                diag_error(C->d, alloc->name_span, _("en andra omgång delar ut det som blev kvar till ansökningar; "
                                                     "skriv 'tilldelning rangordning' eller 'tilldelning proportionell'"));
        }
        if (manager)
            pot->manager = manager->text;
        if (label)
            pot->label = label->text;
        pot_caps(C, pot, cap_app, cap_field);
        if (rounding)
            pot_grant_unit(C, pot, rounding);
        if (min)
            pot_min_grant(C, pot, min);
        if (tie) {
            pot->n_tie_break = 0;
            pot_tie_breaks(C, pot, tie);
            if (pot->n_tie_break == 0 || pot->tie_break[pot->n_tie_break - 1] != TIE_KEY)
                pot->tie_break[pot->n_tie_break++] = TIE_KEY;
        }
        if (leftover && p->pots[round_of].leftover_span.start != p->pots[round_of].name_span.start) {
            /* Both say what happens to what is left: only the round's can act. */
            diag_error(C->d, p->pots[round_of].leftover_span,
                       _("'kvar' i potten '%s' har ingen verkan: det potten har kvar går till dess andra omgång, och "
                         "omgångens eget 'kvar' säger vad som händer med det som blir kvar efter den"),
                       p->pots[round_of].name);
            diag_note(C->d, leftover->span, _("omgångens 'kvar' står här; ta bort det ena"));
        }
        return;
    }
    if (!amount && !it->broken) {
        if (parent < 0)
            diag_error(C->d, it->name_span, _("potten '%s' har inget belopp; en pott på översta nivån behöver 'belopp', till exempel 'belopp 35 000 000 kr'"), it->name);
        else
            diag_error(C->d, it->name_span, _("potten '%s' har inget belopp; ge 'belopp' ett belopp, en procentsats av '%s' eller 'resten'"),
                       it->name, p->pots[parent].name);
    }
    if (split && pot->n_children > 0) {
        diag_error(C->d, split->kw_span, _("potten '%s' fördelas per '%s' och har dessutom delpotter; en pott delas på ett sätt"), it->name, split->name);
        diag_note(C->d, p->pots[pot->children[0]].name_span, _("delpotten '%s' deklareras här"), p->pots[pot->children[0]].name);
    }
    if (split)
        pot_split(C, it, pot, split);
    pot_policy(C, it, pot, alloc);
    if (pot->policy == POLICY_ENTITLEMENT || pot->n_children > 0) {
        /* Nothing is handed to applications here, so these would do nothing. */
        const Item *unused[3] = {cap_app, cap_field, min};
        for (int u = 0; u < 3; u++)
            if (unused[u])
                diag_error(C->d, unused[u]->kw_span, _("'%s' har ingen verkan i potten '%s': %s"), unused[u]->kw, it->name,
                           pot->n_children > 0 ? _("den delas bara upp i delpotter") : _("'tilldelning rättighet' betalar ut utan ansökningar"));
    }
    pot_caps(C, pot, cap_app, cap_field);
    if (rounding) {
        if (pot->policy != POLICY_PRO_RATA && pot->policy != POLICY_RANK)
            diag_error(C->d, rounding->kw_span, _("'avrundning' i en pott avrundar dess bidrag; potten '%s' beviljar inget själv (en fördelning avrundas i 'fördela … { avrundning … }')"),
                       it->name);
        else
            pot_grant_unit(C, pot, rounding);
    }
    if (min) {
        pot_min_grant(C, pot, min);
        if (pot->cap_per_application && pot->min_grant > pot->cap_per_application) {
            diag_error(C->d, min->expr->span, _("det lägsta bidraget %s är större än taket per ansökan %s"),
                       fmt_money(C, pot->min_grant), fmt_money(C, pot->cap_per_application));
            diag_note(C->d, cap_app->expr->span, _("taket står här"));
        }
    }
    if (tie)
        pot_tie_breaks(C, pot, tie);
    /* The application key always settles what is left, so ties never depend
    ** on the order of input rows unless the file says 'inkommen'. */
    if (pot->n_tie_break == 0 || pot->tie_break[pot->n_tie_break - 1] != TIE_KEY)
        pot->tie_break[pot->n_tie_break++] = TIE_KEY;
    if (round)
        round_decl(C, round, k);
}

/* Where pot k's leftover goes next: its second round, or the pot its
** 'kvar' moves it to; -1 when it stays or is returned. */
static int leftover_next(const Program *p, int k)
{
    const Pot *pot = &p->pots[k];
    if (pot->round >= 0)
        return pot->round;
    return pot->leftover == LEFTOVER_MOVES ? pot->leftover_to : -1;
}

/* Whether pot q is `ancestor` or lies below it (program_pot_within's
** walk: the checker does not call into program.c, which calls it). */
static bool pot_within(const Program *p, int q, int ancestor)
{
    for (; q >= 0; q = p->pots[q].parent)
        if (q == ancestor)
            return true;
    return false;
}

/* Resolves every 'kvar flyttas till P' and proves the moves can be carried
** out: P is another pot that hands out to applications, neither above nor
** below the one it receives from, and no chain of moves comes back to where
** it started (each pot sends its leftover to one place at most, so a chain
** is followed pot by pot). */
static void pot_leftovers(Checker *C)
{
    Program *p = C->p;
    for (size_t j = 0; j < C->n_leftovers; j++) {
        int k = C->leftovers[j].pot;
        const Item *b = C->leftovers[j].it;
        Pot *pot = &p->pots[k];
        int from = pot->round_of >= 0 ? pot->round_of : k;   /* a round gives what its pot gives */
        int to = find_pot_indexed(C, b->name2);
        if (to < 0) {
            Names ns = {0};
            for (size_t q = 0; q < p->n_pots; q++)
                if (p->pots[q].round_of < 0 && pot_hands_out(&p->pots[q]) && (int)q != from)
                    names_add(C, &ns, p->pots[q].name);
            unknown(C, b->name2_span, b->name2, closest(C, b->name2, &ns),
                    _("okänd pott '%s'; det som blir kvar i '%s' kan bara flyttas till en pott som finns"), b->name2,
                    pot->name);
            continue;
        }
        const Pot *t = &p->pots[to];
        if (to == from) {
            diag_error(C->d, b->name2_span, _("det som blir kvar i potten '%s' kan inte flyttas till potten själv"),
                       p->pots[from].name);
            diag_note(C->d, t->name_span, _("skriv 'kvar stannar' för att behålla det i potten, eller 'kvar återbetalas'"));
            continue;
        }
        if (pot_within(p, from, to) || pot_within(p, to, from)) {
            bool up = pot_within(p, from, to);
            diag_error(C->d, b->name2_span,
                       up ? _("det som blir kvar i potten '%s' kan inte flyttas till '%s', som den själv ligger i: "
                              "pengarna skulle räknas två gånger")
                          : _("det som blir kvar i potten '%s' kan inte flyttas till '%s', som ligger i den: "
                              "pengarna skulle räknas två gånger"),
                       p->pots[from].name, t->name);
            diag_note(C->d, t->name_span, _("potten '%s' deklareras här; flytta till en pott utanför '%s'"), t->name,
                      up ? t->name : p->pots[from].name);
            continue;
        }
        if (!pot_hands_out(t)) {
            diag_error(C->d, b->name2_span,
                       _("det som blir kvar i potten '%s' kan inte flyttas till '%s': %s, så den delar inte ut det till "
                         "någon ansökan"),
                       p->pots[from].name, t->name, why_not_hands_out(t));
            diag_note(C->d, t->name_span, t->n_children > 0
                                              ? _("potten '%s' deklareras här; flytta till en av dess delpotter")
                                              : _("potten '%s' deklareras här; flytta till en pott med 'tilldelning "
                                                  "rangordning' eller 'tilldelning proportionell'"),
                      t->name);
            continue;
        }
        pot->leftover_to = to;
        /* A round that says nothing of its own leftover follows its pot. */
        if (pot->round >= 0 && p->pots[pot->round].leftover_span.start == pot->leftover_span.start &&
            p->pots[pot->round].leftover_span.file == pot->leftover_span.file)
            p->pots[pot->round].leftover_to = to;
    }
    /* A chain that comes back: reported once, at its first pot. */
    int n = (int)p->n_pots;
    char *state = arena_alloc(C->a, (size_t)n + 1);   /* 0 new, 1 on the current chain, 2 done */
    int *chain = arena_alloc(C->a, ((size_t)n + 1) * sizeof *chain);
    for (int s0 = 0; s0 < n; s0++) {
        int len = 0, q = s0;
        while (q >= 0 && state[q] == 0) {
            state[q] = 1;
            chain[len++] = q;
            q = leftover_next(p, q);
            if (q >= 0 && p->pots[q].leftover == LEFTOVER_MOVES && p->pots[q].leftover_to < 0 && p->pots[q].round < 0)
                break;  /* an unresolved move, already reported */
        }
        if (q >= 0 && state[q] == 1) {
            int at = 0;
            while (chain[at] != q)
                at++;
            char *ring = arena_strdup(C->a, "");
            for (int i = at; i < len; i++)
                ring = arena_printf(C->a, "%s%s → ", ring, p->pots[chain[i]].name);
            ring = arena_printf(C->a, "%s%s", ring, p->pots[q].name);
            /* Report at a 'kvar' of the ring: the first pot on it that has one. */
            int first = -1;
            for (int i = at; i < len && first < 0; i++)
                if (p->pots[chain[i]].round < 0)
                    first = chain[i];
            if (first < 0)
                first = q;
            diag_error(C->d, p->pots[first].leftover_span,
                       _("det som blir kvar flyttas runt i en ring: %s; ingen av potterna kan delas ut förrän de "
                         "andra är klara"),
                       ring);
            for (int i = at; i < len; i++)
                if (chain[i] != first && p->pots[chain[i]].round < 0)
                    diag_note(C->d, p->pots[chain[i]].leftover_span, _("potten '%s' flyttar sitt kvar till '%s' här"),
                              p->pots[chain[i]].name, p->pots[leftover_next(p, chain[i])].name);
            diag_note(C->d, p->pots[first].name_span,
                      _("låt en av potterna i ringen skriva 'kvar återbetalas' eller 'kvar stannar'"));
        }
        for (int i = 0; i < len; i++)
            state[chain[i]] = 2;
    }
}

/* A pot's year or period lies within the nearest one above it. Sibling pots
** may share years: the money for 2021–2022 may come in several pots (the
** region's own and the cooperation money), each over both years. */
static void pot_years(Checker *C)
{
    Program *p = C->p;
    for (size_t k = 0; k < p->n_pots; k++) {
        const Pot *pot = &p->pots[k];
        if (!pot->year_from || pot->round_of >= 0)
            continue;
        int q = pot->parent;
        while (q >= 0 && !p->pots[q].year_from)
            q = p->pots[q].parent;
        /* A top-level pot's period is its own: an agreement may carry
        ** money over from or into other years. */
        int from = q >= 0 ? p->pots[q].year_from : 0, to = q >= 0 ? p->pots[q].year_to : 0;
        if (from && (pot->year_from < from || pot->year_to > to)) {
            char *mine = pot->year_from == pot->year_to ? arena_printf(C->a, "%d", pot->year_from)
                                                         : arena_printf(C->a, "%d–%d", pot->year_from, pot->year_to);
            char *theirs = from == to ? arena_printf(C->a, "%d", from) : arena_printf(C->a, "%d–%d", from, to);
            diag_error(C->d, pot->year_span, _("potten '%s' gäller %s, utanför '%s', som gäller %s"), pot->name, mine,
                       p->pots[q].name, theirs);
            diag_note(C->d, p->pots[q].year_span, _("perioden för '%s' står här; en delpotts år ligger inom den"),
                      p->pots[q].name);
        }
    }
}

/* Computes each pot's amount, parents before children, and proves that the
** children of every pot add up to it exactly. */
static void pot_amounts(Checker *C)
{
    Program *p = C->p;
    bool *ok = arena_alloc(C->a, (p->n_pots + 1) * sizeof *ok);
    Money total = 0;
    int first_top = -1;
    for (size_t k = 0; k < p->n_pots; k++) {
        Pot *pot = &p->pots[k];
        if (!pot->amount_expr)
            continue;
        Money m = 0;
        Ratio r = {0, 1};
        ConstKind kind = const_amount(C, pot->amount_expr, &m, &r);
        if (kind == CONST_BAD)
            continue;
        if (pot->parent < 0) {
            if (kind != CONST_MONEY) {
                diag_error(C->d, pot->amount_span, _("potten '%s' på översta nivån behöver ett belopp i kronor; %s syftar på en överordnad pott som den inte har"),
                           pot->name, kind == CONST_REST ? "'resten'" : _("en procentsats"));
                continue;
            }
            pot->share = SHARE_ROOT;
            pot->fixed = pot->amount = m;
            /* The allocation adds the top-level pots up into its total. */
            if (!money_add(total, m, &total)) {
                diag_error(C->d, pot->amount_span, _("potterna på översta nivån blir tillsammans mer än medel kan räkna i öre: de måste hålla sig under 92 233 720 368 547 758 kr"));
                if (first_top >= 0)
                    diag_note(C->d, p->pots[first_top].amount_span, _("den första potten på översta nivån är '%s'"), p->pots[first_top].name);
                continue;
            }
            if (first_top < 0)
                first_top = (int)k;
            ok[k] = true;
            continue;
        }
        pot->share = kind == CONST_MONEY ? SHARE_FIXED : kind == CONST_PERCENT ? SHARE_PERCENT : SHARE_REST;
        pot->fixed = m;
        pot->percent = r;
        if (kind == CONST_PERCENT && (r.num <= 0 || ratio_cmp(r, (Ratio){1, 1}) > 0)) {
            diag_error(C->d, pot->amount_span, _("en andel av den överordnade potten måste vara mer än 0 %% och högst 100 %%"));
            continue;
        }
        ok[k] = true;
    }
    /* Conservation, parent by parent. */
    for (size_t k = 0; k < p->n_pots; k++) {
        Pot *par = &p->pots[k];
        if (par->n_children == 0 || !ok[k] || (par->parent >= 0 && !ok[par->parent]) || par->incomplete)
            continue;
        /* A child's amount is known once its parent's is: pre-order makes
        ** par->amount final here. */
        Money assigned = 0;
        Ratio pct_sum = {0, 1};
        int rest = -1;
        bool all_ok = true;
        for (size_t c = 0; c < par->n_children; c++) {
            int ci = par->children[c];
            Pot *ch = &p->pots[ci];
            if (!ok[ci]) {
                all_ok = false;
                continue;
            }
            if (ch->share == SHARE_REST) {
                if (rest >= 0) {
                    diag_error(C->d, ch->amount_span, _("potten '%s' har två delpotter med 'resten'"), par->name);
                    diag_note(C->d, p->pots[rest].amount_span, _("den första är '%s'"), p->pots[rest].name);
                    all_ok = false;
                } else {
                    rest = ci;
                }
                continue;
            }
            if (ch->share == SHARE_PERCENT) {
                Ratio s;
                if (!ratio_add(pct_sum, ch->percent, &s)) {
                    all_ok = false;
                    continue;
                }
                pct_sum = s;
                Money whole;
                int64_t rem;
                if (!money_mul_ratio(par->amount, ch->percent, &whole, &rem) || rem != 0) {
                    diag_error(C->d, ch->amount_span, _("%s av %s är inte ett helt antal öre"), fmt_pct(C, ch->percent),
                               fmt_money(C, par->amount));
                    diag_note(C->d, par->amount_span, _("beloppet för '%s' står här"), par->name);
                    ok[ci] = false;
                    all_ok = false;
                    continue;
                }
                ch->amount = whole;
            } else {
                ch->amount = ch->fixed;
            }
            if (!money_add(assigned, ch->amount, &assigned)) {
                diag_error(C->d, ch->amount_span, _("delpotterna i '%s' blir tillsammans mer än medel kan räkna i öre"), par->name);
                all_ok = false;
                break;
            }
        }
        if (ratio_cmp(pct_sum, (Ratio){1, 1}) > 0) {
            diag_error(C->d, par->amount_span, _("procentsatserna för delpotterna i '%s' blir tillsammans %s, mer än 100 %%"), par->name,
                       fmt_pct(C, pct_sum));
            for (size_t c = 0; c < par->n_children; c++) {
                const Pot *ch = &p->pots[par->children[c]];
                if (ok[par->children[c]] && ch->share == SHARE_PERCENT)
                    diag_note(C->d, ch->amount_span, _("'%s' tar %s"), ch->name, fmt_pct(C, ch->percent));
            }
            continue;
        }
        if (!all_ok)
            continue;
        if (assigned > par->amount) {
            Money over;
            (void)money_sub(assigned, par->amount, &over);
            diag_error(C->d, par->amount_span, _("delpotterna i '%s' tar %s, %s mer än dess %s"), par->name,
                       fmt_money(C, assigned), fmt_money(C, over), fmt_money(C, par->amount));
            for (size_t c = 0; c < par->n_children; c++) {
                const Pot *ch = &p->pots[par->children[c]];
                if (ch->share != SHARE_REST)
                    diag_note(C->d, ch->amount_span, _("'%s' tar %s"), ch->name, fmt_money(C, ch->amount));
            }
            continue;
        }
        Money left = par->amount - assigned;
        if (rest >= 0) {
            p->pots[rest].amount = left;
            if (left == 0) {
                diag_warning(C->d, p->pots[rest].amount_span, _("'resten' av '%s' är 0 kr: de andra delpotterna tar allt"), par->name);
            }
        } else if (left > 0) {
            diag_error(C->d, par->amount_span, _("potten '%s' är inte helt fördelad: %s av %s går inte till någon delpott"), par->name,
                       fmt_money(C, left), fmt_money(C, par->amount));
            diag_note(C->d, par->name_span, _("ge en delpott i '%s' 'belopp resten', eller lägg till en för de %s"), par->name,
                      fmt_money(C, left));
        }
    }
}

Program *check_new_amounts(Arena *a, Diags *d, const Program *base, const int *pots, const Item *const *amounts, size_t n)
{
    Program *p = arena_alloc(a, sizeof *p);
    *p = *base;
    p->pots = arena_alloc(a, (base->n_pots + 1) * sizeof *p->pots);
    if (base->n_pots)   /* without pots, base->pots may be NULL */
        memcpy(p->pots, base->pots, base->n_pots * sizeof *p->pots);
    /* pot_amounts starts, as in check_module, from pots with nothing computed. */
    for (size_t k = 0; k < p->n_pots; k++) {
        Pot *pot = &p->pots[k];
        pot->share = SHARE_ROOT;
        pot->fixed = pot->amount = 0;
        pot->percent = (Ratio){0, 0};
    }
    for (size_t i = 0; i < n; i++)
        amount_written(&p->pots[pots[i]], amounts[i]);
    Checker C = {.a = a, .d = d, .p = p};
    pot_amounts(&C);
    split_rule_amounts(&C);
    return p;
}

static void criterion(Checker *C, const Item *it, int pot)
{
    Program *p = C->p;
    for (size_t i = 0; i < p->n_criteria; i++) {
        if (strcmp(p->criteria[i].name, it->name) == 0) {
            duplicate(C, ast_item_label(ITEM_CRITERION), it->name, it->name_span, p->criteria[i].name_span);
            return;
        }
    }
    size_t k = PUSH(C, p->criteria, p->n_criteria, C->cap_criteria);
    Criterion *c = &p->criteria[k];
    *c = (Criterion){.name = it->name, .label = it->text, .pot = pot, .span = it->span, .name_span = it->name_span};
    const Item *seen[4] = {0}, *req = NULL, *reason = NULL, *label = NULL;
    for (size_t i = 0; i < it->body.n; i++) {
        const Item *b = it->body.items[i];
        if (ref_prop(C, &c->ref, seen, b, ast_item_label(ITEM_CRITERION), it->name))
            continue;
        if (b->kind == PROP_LABEL && once(C, &label, b, ast_item_label(ITEM_CRITERION), it->name))
            c->label = b->text;   /* 'benämning', as 'ändra villkor' can write it */
        else if (b->kind == PROP_REQUIRE && once(C, &req, b, ast_item_label(ITEM_CRITERION), it->name))
            c->require = b->expr;
        else if (b->kind == PROP_REASON && once(C, &reason, b, ast_item_label(ITEM_CRITERION), it->name))
            c->reason = b->text;
    }
    if (!req && !it->broken)
        diag_error(C->d, it->name_span, _("villkoret '%s' har inget 'krav'; skriv vad som ska gälla, till exempel 'krav målgrupp inom 12..22'"), it->name);
    if (!reason && !it->broken)
        diag_error(C->d, it->name_span, _("villkoret '%s' har inget 'skäl'; skälet visas för handläggaren när villkoret inte är uppfyllt"),
                   it->name);
}

static void priority(Checker *C, const Item *it, int pot)
{
    Program *p = C->p;
    for (size_t i = 0; i < p->n_priorities; i++) {
        if (strcmp(p->priorities[i].name, it->name) == 0) {
            duplicate(C, ast_item_label(ITEM_PRIORITY), it->name, it->name_span, p->priorities[i].name_span);
            return;
        }
    }
    size_t k = PUSH(C, p->priorities, p->n_priorities, C->cap_priorities);
    Priority *pr = &p->priorities[k];
    *pr = (Priority){.name = it->name, .label = it->text, .pot = pot, .span = it->span, .name_span = it->name_span};
    const Item *seen[4] = {0}, *score = NULL, *reason = NULL, *label = NULL;
    for (size_t i = 0; i < it->body.n; i++) {
        const Item *b = it->body.items[i];
        if (ref_prop(C, &pr->ref, seen, b, ast_item_label(ITEM_PRIORITY), it->name))
            continue;
        if (b->kind == PROP_LABEL && once(C, &label, b, ast_item_label(ITEM_PRIORITY), it->name)) {
            pr->label = b->text;
        } else if (b->kind == PROP_SCORE && once(C, &score, b, ast_item_label(ITEM_PRIORITY), it->name)) {
            pr->score = b->expr;
            pr->when = b->expr2;
        } else if (b->kind == PROP_REASON && once(C, &reason, b, ast_item_label(ITEM_PRIORITY), it->name)) {
            pr->reason = b->text;
        }
    }
    if (!score && !it->broken)
        diag_error(C->d, it->name_span, _("prioriteten '%s' har inga 'poäng'; till exempel 'poäng 2 om fokus överlappar {främjande}'"), it->name);
}

static void portfolio(Checker *C, const Item *it, int pot)
{
    Program *p = C->p;
    for (size_t i = 0; i < p->n_portfolios; i++) {
        if (strcmp(p->portfolios[i].name, it->name) == 0) {
            duplicate(C, ast_item_label(ITEM_PORTFOLIO), it->name, it->name_span, p->portfolios[i].name_span);
            return;
        }
    }
    size_t k = PUSH(C, p->portfolios, p->n_portfolios, C->cap_portfolios);
    Portfolio *pf = &p->portfolios[k];
    *pf = (Portfolio){.name = it->name, .label = it->text, .pot = pot, .span = it->span, .name_span = it->name_span};
    pf->bounds = arena_alloc(C->a, (it->body.n + 1) * sizeof *pf->bounds);
    const Item *seen[4] = {0}, *reason = NULL, *binding = NULL, *label = NULL;
    for (size_t i = 0; i < it->body.n; i++) {
        const Item *b = it->body.items[i];
        if (ref_prop(C, &pf->ref, seen, b, ast_item_label(ITEM_PORTFOLIO), it->name))
            continue;
        if (b->kind == PROP_LABEL && once(C, &label, b, ast_item_label(ITEM_PORTFOLIO), it->name))
            pf->label = b->text;
        if (b->kind == PROP_REASON && once(C, &reason, b, ast_item_label(ITEM_PORTFOLIO), it->name))
            pf->reason = b->text;
        if (b->kind == PROP_BINDING && once(C, &binding, b, ast_item_label(ITEM_PORTFOLIO), it->name))
            pf->binding = true;
        if (b->kind == PROP_AT_LEAST || b->kind == PROP_AT_MOST)
            pf->bounds[pf->n_bounds++] = (Bound){b->kind == PROP_AT_LEAST, b->expr, b->expr2, b->span};
    }
    if (pf->n_bounds == 0 && !it->broken)
        diag_error(C->d, it->name_span, _("portföljvillkoret '%s' säger ingenting; lägg till exempelvis 'minst 1 ansökan där sökandetyp är privat'"),
                   it->name);
}

/* Type-checks the expressions of criteria, priorities and portfolio
** constraints; runs after the schema is known. */
static void bodies(Checker *C)
{
    Program *p = C->p;
    /* C->user: whose expression it is, for a use of a removed name. */
    C->user_kind = ITEM_CRITERION;
    for (size_t i = 0; i < p->n_criteria; i++)
        if (p->criteria[i].require && (C->user = p->criteria[i].name))
            expect(C, p->criteria[i].require, T_BOOL, _("ett villkors 'krav'"));
    C->user_kind = ITEM_POT;
    for (size_t k = 0; k < p->n_pots; k++)
        if (p->pots[k].applies && (p->pots[k].round_of < 0 || p->pots[p->pots[k].round_of].applies != p->pots[k].applies)
            && (C->user = p->pots[k].name))
            expect(C, p->pots[k].applies, T_BOOL, _("villkoret efter 'ansökningar där'"));
    C->user_kind = ITEM_PRIORITY;
    for (size_t i = 0; i < p->n_priorities; i++) {
        C->user = p->priorities[i].name;
        if (p->priorities[i].score)
            expect(C, p->priorities[i].score, T_INT, _("en prioritets 'poäng'"));
        if (p->priorities[i].when)
            expect(C, p->priorities[i].when, T_BOOL, _("villkoret efter 'om'"));
    }
    C->user_kind = ITEM_PORTFOLIO;
    for (size_t i = 0; i < p->n_portfolios; i++) {
        Portfolio *pf = &p->portfolios[i];
        C->user = pf->name;
        for (size_t j = 0; j < pf->n_bounds; j++) {
            Bound *b = &pf->bounds[j];
            Type t = expr(C, b->count, T_INT);
            if (t.kind != TY_INT && t.kind != TY_PERCENT && t.kind != TY_UNKNOWN)
                diag_error(C->d, b->count->span, _("fel typ: 'minst'/'högst' tar ett antal ansökningar eller en procentsats av det beviljade beloppet, inte %s"),
                           tname(t));
            if (t.kind != TY_UNKNOWN && b->count->kind != EXPR_INT && b->count->kind != EXPR_PERCENT && b->count->kind != EXPR_UNARY)
                diag_error(C->d, b->count->span, _("'minst'/'högst' tar ett utskrivet tal (minst 1 ansökan) eller en procentsats (högst 30 %%)"));
            if (b->count->kind == EXPR_PERCENT && ratio_cmp(b->count->v.ratio, (Ratio){1, 1}) > 0)
                diag_error(C->d, b->count->span, _("en andel av det beviljade beloppet kan vara högst 100 %%"));
            if ((b->count->kind == EXPR_INT && b->count->v.i < 0) || (b->count->kind == EXPR_UNARY && b->count->op == OP_NEG))
                diag_error(C->d, b->count->span, _("ett antal ansökningar kan inte vara negativt"));
            if (b->where)
                expect(C, b->where, T_BOOL, _("villkoret efter 'där'"));
        }
    }
    C->user = NULL;
}

/* }====== */

Program *check_module(Arena *a, SourceSet *set, Diags *d, Module *m, const char *root_dir, const LoadOptions *opt)
{
    static const LoadOptions defaults = {0};
    Checker C = {.a = a, .d = d, .set = set, .opt = opt ? opt : &defaults, .root_dir = root_dir, .removed = &m->removed};
    Program *p = arena_alloc(a, sizeof *p);
    C.p = p;
    p->sources = set;
    p->path = m->path;
    p->key_field = p->requested_field = -1;

    /* Declarations that others refer to come first, whatever their order in
    ** the file: focus areas, tables, then the schema. */
    for (size_t i = 0; i < m->items.n; i++) {
        const Item *it = m->items.items[i];
        if (it->kind == ITEM_AGREEMENT)
            agreement(&C, it);
        else if (it->kind == ITEM_FOCUS_AREAS)
            focus_areas(&C, it);
        else if (it->kind == ITEM_TABLE)
            table(&C, it);
    }
    /* Derived columns once the agreement's year is known, wherever it stands. */
    for (size_t i = 0; i < p->n_tables; i++) {
        size_t errors0 = d->n_errors;
        derived_columns(&C, &p->tables[i]);
        p->tables[i].unsound |= d->n_errors > errors0;
    }
    for (size_t i = 0; i < m->items.n; i++) {
        const Item *it = m->items.items[i];
        if (it->kind != ITEM_SCHEMA)
            continue;
        if (!C.first_schema)
            C.first_schema = it;
        C.schema_broken |= it->broken;
        for (size_t j = 0; j < it->body.n; j++)
            field(&C, it->body.items[j]);
    }
    for (size_t i = 0; i < m->items.n; i++) {
        const Item *it = m->items.items[i];
        switch (it->kind) {
        case ITEM_POT: pot_decl(&C, it, -1, 0, -1); break;
        case ITEM_CRITERION: criterion(&C, it, -1); break;
        case ITEM_PRIORITY: priority(&C, it, -1); break;
        case ITEM_PORTFOLIO: portfolio(&C, it, -1); break;
        default: break;
        }
    }
    if (!C.agreement && !m->incomplete)
        diag_error(d, (Span){m->file, 0, 0}, _("regelfilen har ingen 'överenskommelse' som säger vilken överenskommelse den beskriver"));
    if (C.first_schema && p->key_field < 0 && !C.first_schema->broken && !m->incomplete)
        diag_error(d, C.first_schema->kw_span, _("ansökan har inget nyckelfält; märk fältet som identifierar en ansökan med 'nyckel'"));
    bool takes_applications = false;
    const Pot *taker = NULL;
    for (size_t k = 0; k < p->n_pots; k++) {
        if (p->pots[k].policy == POLICY_RANK || p->pots[k].policy == POLICY_PRO_RATA) {
            takes_applications = true;
            if (!taker)
                taker = &p->pots[k];
        }
    }
    if (m->incomplete)
        ; /* what seems missing may be in the part that did not parse */
    else if (takes_applications && !C.first_schema)
        diag_error(d, taker->name_span, _("potten '%s' delar ut pengar till ansökningar, men regelfilen beskriver ingen ansökan ('ansökan { … }')"),
                   taker->name);
    else if (takes_applications && p->requested_field < 0)
        diag_error(d, C.first_schema->kw_span, _("potten '%s' delar ut pengar till ansökningar, men inget fält är det sökta beloppet; märk det med 'sökt'"),
                   taker->name);
    pot_leftovers(&C);
    pot_years(&C);
    pot_amounts(&C);
    split_rule_amounts(&C);
    bodies(&C);
    return p;
}

/* ---- split rules against the table's rows ---- */

/* Whether weight w is under s's threshold (or 0), W the total weight: the
** same exact test as runtime/apportion.c's apportion_excluded. */
static bool split_row_excluded(const Split *s, int64_t w, int64_t W)
{
    __extension__ typedef __int128 i128;
    if (w <= 0)
        return true;
    if (!s->has_threshold)
        return false;
    if (!s->threshold_is_percent)
        return w < s->threshold_weight;
    return (i128)w * s->threshold_percent.den < (i128)s->threshold_percent.num * W;
}

bool program_check_split_rows(const Program *p, int pot, const int64_t *w, const char *const *keys, size_t n,
                              Diags *d)
{
    if (pot < 0 || (size_t)pot >= p->n_pots)
        return true;
    const Pot *pt = &p->pots[pot];
    const Split *s = &pt->split;
    if (!pt->has_split || s->table < 0 || s->column < 0)
        return true;
    /* A weight column that is 0 on every row (the wrong column, a file
    ** saved before the figures were filled in) would leave the whole pot
    ** unallocated without a word. */
    bool any = false;
    for (size_t i = 0; i < n && !any; i++)
        any = w[i] > 0;
    if (!any && n > 0) {
        const Table *t0 = &p->tables[s->table];
        diag_error(d, s->span, _("kolumnen '%s' i tabellen '%s' är 0 på alla %zu rader, så potten '%s' kan inte delas "
                                 "efter den; kontrollera kolumnen i datafilen '%s'"),
                   t0->columns[s->column].name, t0->name, n, pt->name, t0->file);
        return false;
    }
    if (!s->has_rules)
        return true;
    Arena a;
    arena_init(&a);
    Checker C = {.a = &a, .d = d};   /* for the formatting helpers only */
    const Table *t = &p->tables[s->table];
    size_t errors = d->n_errors;
    int64_t W = 0;
    size_t heaviest = n;
    for (size_t i = 0; i < n; i++) {
        if (w[i] > 0 && !money_add(W, w[i], &W)) {
            arena_free(&a);
            return true;   /* the allocation reports the overflowing sum */
        }
        if (w[i] > 0 && (heaviest == n || w[i] > w[heaviest]))
            heaviest = i;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        kept += !split_row_excluded(s, w[i], W);
    if (kept == 0 && s->has_threshold && n > 0 && heaviest < n) {   /* every weight 0 is said above */
        if (s->threshold_is_percent) {
            char b1[40], b2[40];
            diag_error(d, s->threshold_span,
                       _("spärren %s utesluter alla %zu rader i tabellen '%s': inte ens den största vikten, %s (%s), "
                         "når %s av den sammanlagda vikten %s, så potten '%s' fördelas inte alls; sänk spärren"),
                       fmt_pct(&C, s->threshold_percent), n, t->name, int_format(w[heaviest], b1, sizeof b1),
                       keys[heaviest], fmt_pct(&C, s->threshold_percent), int_format(W, b2, sizeof b2), pt->name);
        } else {
            char b1[40], b2[40];
            diag_error(d, s->threshold_span,
                       _("spärren %s utesluter alla %zu rader i tabellen '%s': den största vikten är %s (%s), så "
                         "potten '%s' fördelas inte alls; sänk spärren till högst %s"),
                       int_format(s->threshold_weight, b1, sizeof b1), n, t->name, int_format(w[heaviest], b2, sizeof b2),
                       keys[heaviest], pt->name, b2);
        }
    }
    /* Every weight 0 and no threshold: the pot stays whole, as without rules. */
    Money base = 0, per = 0, need = 0;
    Money unit = s->unit > 0 ? s->unit : 1;
    if (kept > 0 && split_amount_of(&s->base, pt->amount, &base) && money_mul_int(unit, s->min_units, &per) &&
        money_add(per, base, &per)) {
        bool fits = money_mul_int(per, (int64_t)kept, &need) && need <= pt->amount;
        if (!fits) {
            char ubuf[48];
            money_format(unit, ubuf, sizeof ubuf);
            Money most = pt->amount / (Money)kept;
            if (s->min_units > 0)
                most -= s->min_units * unit;
            most = most > 0 ? most / unit * unit : 0;
            const char *over = need > pt->amount ? fmt_money(&C, need - pt->amount) : _("mer än medel kan räkna");
            Span at = s->base.set ? s->base.span : s->min_span;
            if (s->min_units > 0 && s->base.set)
                diag_error(d, at,
                           _("grundbeloppet %s och minst %lld avrundningsenheter om %s till var och en av %zu mottagare "
                             "blir %s, %s mer än potten '%s' om %s"),
                           fmt_money(&C, base), (long long)s->min_units, ubuf, kept,
                           need > pt->amount ? fmt_money(&C, need) : "?", over, pt->name, fmt_money(&C, pt->amount));
            else if (s->min_units > 0)
                diag_error(d, at,
                           _("minst %lld avrundningsenheter om %s till var och en av %zu mottagare blir %s, %s mer än "
                             "potten '%s' om %s"),
                           (long long)s->min_units, ubuf, kept, need > pt->amount ? fmt_money(&C, need) : "?", over,
                           pt->name, fmt_money(&C, pt->amount));
            else
                diag_error(d, at,
                           _("grundbeloppet %s till var och en av %zu mottagare blir %s, %s mer än potten '%s' om %s"),
                           fmt_money(&C, base), kept, need > pt->amount ? fmt_money(&C, need) : "?", over, pt->name,
                           fmt_money(&C, pt->amount));
            diag_note(d, t->span, _("mottagarna är raderna i tabellen '%s'%s"), t->name,
                      s->has_threshold ? _(" som inte är under spärren") : "");
            if (s->base.set)
                diag_note(d, s->base.span, _("sänk grundbeloppet till högst %s, eller höj potten '%s' till minst %s"),
                          fmt_money(&C, most), pt->name, need > pt->amount ? fmt_money(&C, need) : "?");
        }
    }
    arena_free(&a);
    return d->n_errors == errors;
}
