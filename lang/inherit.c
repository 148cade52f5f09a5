/*
** inherit.c: warnings about what an extending rule file inherits unchanged
** (inherit.h): texts that name an earlier year, and reasons left behind by a
** changed requirement.
*/
#include "inherit.h"

#include <string.h>

#include "i18n.h"
#include "text.h"

/* ====================================================================
** {====== finding years in a text
** ==================================================================== */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The code point that starts at byte i of s (len bytes), or -1 at the end;
** *n gets its length in bytes. */
static int cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    if (i >= len) {
        *n = 0;
        return -1;
    }
    int cp;
    *n = text_decode(s + i, len - i, &cp);
    return cp;
}

/* The code point that ends just before byte i of s, or -1 at the start. */
static int cp_before(const char *s, size_t i)
{
    if (i == 0)
        return -1;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    int cp;
    text_decode(s + j, i - j, &cp);
    return cp;
}

/* A space between words or between the groups of a number: the space, a
** tab, the no-break space and the thin and narrow no-break spaces. */
static bool is_blank(int cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x2009 || cp == 0x202F;
}

/* Byte i of s after any blanks. */
static size_t skip_blanks(const char *s, size_t len, size_t i)
{
    size_t n;
    while (is_blank(cp_at(s, len, i, &n)))
        i += n;
    return i;
}

/* The end of the run of digits at s[i], or i when there is none. */
static size_t digits_end(const char *s, size_t len, size_t i)
{
    while (i < len && is_digit(s[i]))
        i++;
    return i;
}

/* The value of the four digits at s[i]. */
static int four_digits(const char *s, size_t i)
{
    return (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
}

/* Words after a number that make it an amount or a share, not a year. */
static const char *const UNITS[] = {"kr", "kronor", "krona", "sek", "msek", "tkr", "mkr", "mnkr", "miljon", "miljoner",
                                    "tusen", "procent", "öre", "%"};

/* Whether s[i..) begins with one of UNITS as a whole word (ASCII letters
** in any case). */
static bool unit_at(const char *s, size_t len, size_t i)
{
    for (size_t u = 0; u < sizeof UNITS / sizeof *UNITS; u++) {
        size_t n = strlen(UNITS[u]), k;
        if (i + n > len)
            continue;
        for (k = 0; k < n; k++) {
            char c = s[i + k];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != UNITS[u][k])
                break;
        }
        size_t m;
        if (k == n && (UNITS[u][0] == '%' || !text_is_letter(cp_at(s, len, i + n, &m))))
            return true;
    }
    return false;
}

/* Whether the four digits at s[i..j) are a year by what stands around
** them (their value is checked by the caller). */
static bool stands_as_year(const char *s, size_t len, size_t i, size_t j)
{
    /* The decimals of a number: 0,2021 */
    if (i >= 2 && (s[i - 1] == ',' || s[i - 1] == '.') && is_digit(s[i - 2]))
        return false;
    /* A number with decimals (2021,5), a statute (2021:34). */
    if (j + 1 < len && (s[j] == ',' || s[j] == '.' || s[j] == ':') && is_digit(s[j + 1]))
        return false;
    size_t k = skip_blanks(s, len, j);
    /* The first group of a larger number: 2000 000 */
    if (k > j && digits_end(s, len, k) == k + 3)
        return false;
    /* An amount or a share: 2000 kr, 2000 % */
    return !unit_at(s, len, k);
}

/* The dash or slash of a period at s[i] ("–", "—", "-", "/"): its length
** in bytes, or 0. */
static size_t period_dash(const char *s, size_t len, size_t i)
{
    size_t n;
    int cp = cp_at(s, len, i, &n);
    return cp == '-' || cp == '/' || cp == 0x2013 || cp == 0x2014 ? n : 0;
}

size_t inherit_find_years(const char *s, size_t len, YearMention *out, size_t max)
{
    size_t found = 0;
    for (size_t i = 0; i < len;) {
        if (!is_digit(s[i])) {
            i++;
            continue;
        }
        size_t j = digits_end(s, len, i);
        int y = j - i == 4 ? four_digits(s, i) : 0;
        if (y < 1900 || y > 2099 || (i > 0 && is_digit(s[i - 1])) || !stands_as_year(s, len, i, j)) {
            i = j;
            continue;
        }
        YearMention m = {i, j, y, y};
        /* A period: the dash, with blanks around it only for an en or em
        ** dash (2021 - 2022 is more often a subtraction or a list). */
        size_t k = skip_blanks(s, len, j), dash = period_dash(s, len, k);
        if (dash && (k == j || (unsigned char)s[k] >= 0x80)) {
            size_t b = k + dash;
            if ((unsigned char)s[k] >= 0x80)
                b = skip_blanks(s, len, b);
            size_t e = digits_end(s, len, b);
            int to = 0;
            if (e - b == 4)
                to = four_digits(s, b);
            else if (e - b == 2)
                to = y / 100 * 100 + (s[b] - '0') * 10 + (s[b + 1] - '0');
            if (to > y && to <= 2099 && stands_as_year(s, len, b, e)) {
                m.to = to;
                m.end = e;
            }
        }
        if (found < max)
            out[found] = m;
        found++;
        i = m.end;
    }
    return found;
}

/* Whether s[i..) is the letter å or Å; *n gets its length. */
static bool a_ring_at(const char *s, size_t len, size_t i, size_t *n)
{
    int cp = cp_at(s, len, i, n);
    return cp == 0xE5 || cp == 0xC5;
}

/* Whether s[i..) is the ASCII word w in any case; *end gets where it ends. */
static bool ascii_at(const char *s, size_t len, size_t i, const char *w, size_t *end)
{
    size_t n = strlen(w);
    if (i + n > len)
        return false;
    for (size_t k = 0; k < n; k++) {
        char c = s[i + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[k])
            return false;
    }
    *end = i + n;
    return true;
}

bool inherit_says_this_year(const char *s, size_t len, size_t *start, size_t *end)
{
    for (size_t i = 0; i < len; i++) {
        if (text_is_letter(cp_before(s, i)))
            continue;
        size_t n, e = 0;
        bool hit = false;
        if (a_ring_at(s, len, i, &n)) {
            hit = ascii_at(s, len, i + n, "rets", &e);   /* årets */
        } else if (s[i] == 'i' || s[i] == 'I') {
            size_t k = skip_blanks(s, len, i + 1);
            hit = k > i + 1 && a_ring_at(s, len, k, &n) && ascii_at(s, len, k + n, "r", &e);   /* i år */
        }
        size_t m;
        if (hit && !text_is_letter(cp_at(s, len, e, &m))) {
            *start = i;
            *end = e;
            return true;
        }
    }
    return false;
}

/* }====== */

/* ====================================================================
** {====== the warnings
** ==================================================================== */

/* The declarations whose texts are looked at, and the texts. */
enum Owner { O_AGREEMENT, O_POT, O_CRITERION, O_PRIORITY, O_PORTFOLIO, O_FOCUS, N_OWNERS };
enum Kind { K_LABEL, K_REASON, K_SOURCE, K_PARAGRAPH, K_DECISION, N_KINDS };

/* What a text is called in a message, by whose and which it is. */
static const char *const PHRASES[N_OWNERS][N_KINDS] = {
    [O_AGREEMENT] = {N_("överenskommelsens namn"), NULL, N_("överenskommelsens källa"), N_("överenskommelsens stycke"),
                     N_("överenskommelsens beslut")},
    [O_POT] = {N_("pottens benämning"), NULL, N_("pottens källa"), N_("pottens stycke"), N_("pottens beslut")},
    [O_CRITERION] = {N_("villkorets benämning"), N_("villkorets skäl"), N_("villkorets källa"), N_("villkorets stycke"),
                     N_("villkorets beslut")},
    [O_PRIORITY] = {N_("prioritetens benämning"), N_("prioritetens skäl"), N_("prioritetens källa"),
                    N_("prioritetens stycke"), N_("prioritetens beslut")},
    [O_PORTFOLIO] = {N_("portföljvillkorets benämning"), N_("portföljvillkorets skäl"), N_("portföljvillkorets källa"),
                     N_("portföljvillkorets stycke"), N_("portföljvillkorets beslut")},
    [O_FOCUS] = {N_("fokusområdets benämning"), NULL, NULL, NULL, NULL},
};

/* The keyword of a kind of text, and of a kind of declaration, as the
** likely fix writes them (Swedish, as the other messages' fixes). */
static const char *const KIND_WORDS[N_KINDS] = {"benämning", "skäl", "källa", "stycke", "beslut"};
static const char *const OWNER_WORDS[N_OWNERS] = {"överenskommelse", "pott", "villkor", "prioritet", "portfölj",
                                                  "fokusområde"};

typedef struct Inherit {
    Arena *a;
    const SourceSet *set;
    Diags *d;
    uint32_t file;          /* the later file: its texts never warn */
    Span extends;           /* its `utökar` */
    int from, to;           /* the merged agreement's years (0: none) */
    int base_from, base_to; /* the years of the file it extends (0: none) */
    uint32_t base_file;     /* the file those years are written in: only its texts were written for them */
    const char *agreement;  /* the merged agreement's name, for the fix */
} Inherit;

/* The years of the first agreement among items (0 when none is written). */
static void agreement_years(const ItemList *items, int *from, int *to, const char **name, uint32_t *year_file)
{
    *from = *to = 0;
    for (size_t i = 0; i < items->n; i++) {
        const Item *ag = items->items[i];
        if (ag->kind != ITEM_AGREEMENT)
            continue;
        if (name)
            *name = ag->text;
        for (size_t j = 0; j < ag->body.n; j++) {
            const Item *b = ag->body.items[j];
            if (b->kind != PROP_YEAR || !b->expr)
                continue;
            if (year_file)
                *year_file = b->span.file;   /* the file that wrote the years */
            const Expr *e = b->expr;
            if (e->kind == EXPR_INT)
                *from = *to = (int)e->v.i;
            else if (e->kind == EXPR_RANGE && e->a && e->b && e->a->kind == EXPR_INT && e->b->kind == EXPR_INT)
                *from = (int)e->a->v.i, *to = (int)e->b->v.i;
            if (*from < 1900 || *to > 2200 || *from > *to)
                *from = *to = 0;   /* the checker reports it */
            return;
        }
        return;
    }
}

static const char *years_text(Arena *a, int from, int to)
{
    return from == to ? arena_printf(a, "%d", from) : arena_printf(a, "%d–%d", from, to);
}

/* The text as a message quotes it: whole when short, else the words around
** bytes [start, end) with "…" for what is left out. In the arena. */
static const char *quoted(Arena *a, const char *text, size_t start, size_t end)
{
    size_t len = strlen(text);
    if (len <= 72)
        return text;
    size_t from = start > 30 ? start - 30 : 0, to = end + 30 < len ? end + 30 : len;
    while (from > 0 && from < start && text[from - 1] != ' ')
        from++;   /* to the start of a word: a byte after a space is never inside a character */
    while (to < len && to > end && text[to] != ' ')
        to--;
    while (to > end && text[to - 1] == ' ')
        to--;
    return arena_printf(a, "%s%.*s%s", from ? "…" : "", (int)(to - from), text + from, to < len ? "…" : "");
}

/* Where a declaration stands, for the fix: its kind and name, and the pot
** it is declared in (NULL: at the top). */
typedef struct Owned {
    enum Owner owner;
    const Item *decl;
    const Item *pot;
} Owned;

/* The fix that replaces text `kind` of o: a note at the `utökar`. */
static void fix_note(Inherit *I, const Owned *o, enum Kind kind)
{
    const char *name = o->decl->name;
    const char *w = OWNER_WORDS[o->owner];
    if (o->owner == O_FOCUS) {
        diag_note(I->d, I->extends, _("texten ärvs genom 'utökar' här; skriv '%s' för att ersätta den"),
                  arena_printf(I->a, "fokusområden { %s \"…\" }", name));
    } else if (o->owner == O_AGREEMENT) {
        const char *title = I->agreement ? I->agreement : "…";
        diag_note(I->d, I->extends, _("texten ärvs genom 'utökar' här; skriv '%s' för att ersätta den"),
                  kind == K_LABEL ? "ändra överenskommelse \"…\" { }"
                                  : arena_printf(I->a, "ändra överenskommelse \"%s\" { %s \"…\" }", title, KIND_WORDS[kind]));
    } else {
        diag_note(I->d, I->extends, _("texten ärvs genom 'utökar' här; skriv '%s' för att ersätta den"),
                  arena_printf(I->a, "ändra %s %s { %s \"…\" }", w, name, KIND_WORDS[kind]));
    }
}

/* Looks at one text of o (NULL or written by the later file: nothing). */
static void look_at(Inherit *I, const Owned *o, enum Kind kind, const char *text, Span at)
{
    if (!text || span_is_none(at) || at.file == I->file || !PHRASES[o->owner][kind])
        return;
    /* The same years as the file it extends (a revised agreement): what was
    ** true there is true here, whatever years it names. */
    if (!I->from || (I->base_from == I->from && I->base_to == I->to))
        return;
    const char *what = _(PHRASES[o->owner][kind]);
    const char *from_file = source_get(I->set, at.file)->path;
    size_t len = strlen(text);
    YearMention m[16];
    size_t n = inherit_find_years(text, len, m, sizeof m / sizeof *m);
    if (n > sizeof m / sizeof *m)
        n = sizeof m / sizeof *m;
    for (size_t i = 0; i < n; i++) {
        if (m[i].from >= I->from && m[i].to <= I->to)
            continue;
        diag_warning(I->d, at, _("%s '%s' ärvs från '%s' men nämner %.*s; överenskommelsen gäller %s"), what,
                     quoted(I->a, text, m[i].start, m[i].end), from_file, (int)(m[i].end - m[i].start), text + m[i].start,
                     years_text(I->a, I->from, I->to));
        fix_note(I, o, kind);
        return;
    }
    size_t s, e;
    if (I->base_from && inherit_says_this_year(text, len, &s, &e)) {
        /* A text from further up the chain was written for that file's
        ** years, which may be others than the extended file's. */
        if (at.file == I->base_file)
            diag_warning(I->d, at, _("%s '%s' ärvs från '%s' men säger '%.*s', skrivet för %s; överenskommelsen gäller %s"),
                         what, quoted(I->a, text, s, e), from_file, (int)(e - s), text + s,
                         years_text(I->a, I->base_from, I->base_to), years_text(I->a, I->from, I->to));
        else
            diag_warning(I->d, at, _("%s '%s' ärvs från '%s' men säger '%.*s', skrivet för ett tidigare år; "
                                     "överenskommelsen gäller %s"),
                         what, quoted(I->a, text, s, e), from_file, (int)(e - s), text + s,
                         years_text(I->a, I->from, I->to));
        fix_note(I, o, kind);
    }
}

/* A declaration's label: a 'benämning' (as 'ändra' writes it) replaces the
** string after the name. */
static void look_at_label(Inherit *I, const Owned *o, const Item *decl)
{
    const Item *label = NULL;
    for (size_t i = 0; i < decl->body.n; i++)
        if (decl->body.items[i]->kind == PROP_LABEL)
            label = decl->body.items[i];
    if (label)
        look_at(I, o, K_LABEL, label->text, label->text_span);
    else
        look_at(I, o, K_LABEL, decl->text, decl->text_span);
}

/* The source, paragraph and decision among a declaration's properties. */
static void look_at_refs(Inherit *I, const Owned *o, const Item *decl)
{
    for (size_t i = 0; i < decl->body.n; i++) {
        const Item *b = decl->body.items[i];
        if (b->kind == PROP_SOURCE)
            look_at(I, o, K_SOURCE, b->text, b->text_span);
        else if (b->kind == PROP_PARAGRAPH)
            look_at(I, o, K_PARAGRAPH, b->text, b->text_span);
        else if (b->kind == PROP_DECISION)
            look_at(I, o, K_DECISION, b->text, b->text_span);
        else if (b->kind == PROP_REASON)
            look_at(I, o, K_REASON, b->text, b->text_span);
    }
}

/* A criterion whose krav is a later file's than its skäl. */
static void stale_reason(Inherit *I, const Item *c)
{
    const Item *req = NULL, *reason = NULL;
    for (size_t i = 0; i < c->body.n; i++) {
        if (c->body.items[i]->kind == PROP_REQUIRE)
            req = c->body.items[i];
        else if (c->body.items[i]->kind == PROP_REASON)
            reason = c->body.items[i];
    }
    if (!req || !reason || span_is_none(req->span) || span_is_none(reason->span) || req->span.file >= reason->span.file)
        return;
    diag_warning(I->d, req->span, _("kravet i villkoret '%s' ändras här, men villkorets skäl ärvs oförändrat från '%s'"),
                 c->name, source_get(I->set, reason->span.file)->path);
    diag_note(I->d, reason->text_span, _("skälet står här; ändra också skälet: '%s'"),
              arena_printf(I->a, "ändra villkor %s { krav … skäl \"…\" }", c->name));
}

static void look_at_items(Inherit *I, const ItemList *items, const Item *pot);

static void look_at_decl(Inherit *I, const Item *it, const Item *pot)
{
    Owned o = {O_AGREEMENT, it, pot};
    switch (it->kind) {
    case ITEM_AGREEMENT:
        look_at(I, &o, K_LABEL, it->text, it->text_span);
        look_at_refs(I, &o, it);
        break;
    case ITEM_FOCUS_AREAS:
        for (size_t i = 0; i < it->body.n; i++) {
            Owned f = {O_FOCUS, it->body.items[i], NULL};
            look_at(I, &f, K_LABEL, it->body.items[i]->text, it->body.items[i]->text_span);
        }
        break;
    case ITEM_POT: {
        o.owner = O_POT;
        look_at_label(I, &o, it);
        look_at_refs(I, &o, it);
        look_at_items(I, &it->body, it);
        break;
    }
    case ITEM_CRITERION: case ITEM_PRIORITY: case ITEM_PORTFOLIO:
        o.owner = it->kind == ITEM_CRITERION ? O_CRITERION : it->kind == ITEM_PRIORITY ? O_PRIORITY : O_PORTFOLIO;
        look_at_label(I, &o, it);
        look_at_refs(I, &o, it);
        if (it->kind == ITEM_CRITERION)
            stale_reason(I, it);
        break;
    default:
        break;
    }
}

static void look_at_items(Inherit *I, const ItemList *items, const Item *pot)
{
    for (size_t i = 0; i < items->n; i++)
        look_at_decl(I, items->items[i], pot);
}

void inherit_check(Arena *a, const SourceSet *set, Diags *d, const LoadOptions *opt, const Module *base,
                   const Module *derived, const Module *merged)
{
    if (opt->scenario || opt->reload)
        return;
    Inherit I = {.a = a, .set = set, .d = d, .file = derived->file, .extends = SPAN_NONE};
    for (size_t i = 0; i < derived->items.n && span_is_none(I.extends); i++)
        if (derived->items.items[i]->kind == ITEM_EXTENDS)
            I.extends = derived->items.items[i]->span;
    agreement_years(&merged->items, &I.from, &I.to, &I.agreement, NULL);
    I.base_file = UINT32_MAX;
    agreement_years(&base->items, &I.base_from, &I.base_to, NULL, &I.base_file);
    look_at_items(&I, &merged->items, NULL);
}

/* }====== */
