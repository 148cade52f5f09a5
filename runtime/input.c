/*
** input.c: data tables and applications from CSV and JSON, each cell checked
** against its declared type. CSV goes through the streaming reader (csv.h);
** JSON through Jansson, a well-kept parser from Debian.
*/
/* fopencookie: the stream that gives back the bytes peeked at. */
#define _GNU_SOURCE
#include "input.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "i18n.h"
#include "keyset.h"
#include "output.h"
#include "status.h"
#include "text.h"
#include "strmap.h"
#include "xlsx.h"

/* ====================================================================
** {====== cells
** ==================================================================== */

/* Blanks around a cell or a set member, including the line breaks Excel's
** Alt+Enter puts inside a cell. */
static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Is s[0..len) ASCII without a NUL byte (so valid UTF-8 with nothing to
** report)? Eight bytes at a time: most cells are short plain ASCII, and this
** one pass replaces a search for NUL and a UTF-8 check. */
static bool plain_ascii(const char *s, size_t len)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w & highs) || ((w - ones) & ~w & highs))   /* a high bit, or a zero byte */
            return false;
    }
    for (; i < len; i++)
        if ((unsigned char)s[i] >= 0x80 || s[i] == '\0')
            return false;
    return true;
}

/* A cell of 1 to 15 plain digits, the usual amount or whole number from a
** form, read without the general parser: money_parse and decimal_parse give
** the same value for it (kronor for an amount), and 15 digits of kronor are
** well inside the range of öre. */
static bool plain_digits(const char *s, size_t len, int64_t *out)
{
    if (len == 0 || len > 15)
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static bool all_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!blank(s[i]))
            return false;
    return true;
}

static void trim(const char **s, size_t *len)
{
    while (*len && blank((*s)[0]))
        (*s)++, (*len)--;
    while (*len && blank((*s)[*len - 1]))
        (*len)--;
}

/* Shows a cell in a message: at most 60 bytes, cut at a character boundary. */
static int shown(const char *s, size_t len)
{
    if (len <= 60)
        return (int)len;
    size_t n = 60;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

/* Lower-cases a plain ASCII cell into buf (n bytes, NUL-terminated): that is
** its case folding, without a trip through utf8proc and the arena. False when
** the cell holds other bytes or does not fit; then fold it with text_fold. */
static bool ascii_fold(const char *s, size_t len, char *buf, size_t n)
{
    if (len >= n)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return false;
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    buf[len] = '\0';
    return true;
}

/* The case-folded cell: in buf when it is short ASCII, else in `a`; NULL for
** invalid UTF-8. */
static const char *fold_cell(const char *s, size_t len, char *buf, size_t n, Arena *a)
{
    return ascii_fold(s, len, buf, n) ? buf : text_fold(a, s, len);
}

/* Matches one member name against an enumeration or the focus areas (by
** identifier or label), case-insensitively. Returns the index or -1. */
/* Whether plain ASCII s[0..len) (no NUL: plain_ascii) folds to `fold`:
** lower-casing is an ASCII text's case folding, so this compares without
** making the folded copy, and most names differ in the first byte. */
static bool folds_to(const char *s, size_t len, const char *fold)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if ((unsigned char)fold[i] != c)   /* also at fold's NUL: c is never 0 */
            return false;
    }
    return fold[len] == '\0';
}

/* `ascii`: s[0..len) is known to be plain ASCII (plain_ascii), as every
** part of a plain ASCII cell is. */
static int match_member(const Program *prog, Type t, const char *s, size_t len, bool ascii, Arena *a)
{
    bool focus = t.kind == TY_FOCUS || (t.kind == TY_SET && t.elem == TY_FOCUS);
    if (len && (ascii || plain_ascii(s, len))) {
        /* The first byte is compared inline: most names differ there. */
        char c0 = s[0] >= 'A' && s[0] <= 'Z' ? (char)(s[0] - 'A' + 'a') : s[0];
        if (focus) {
            for (size_t i = 0; i < prog->n_focus; i++) {
                const FocusArea *f = &prog->focus[i];
                if ((f->fold_name[0] == c0 && folds_to(s, len, f->fold_name)) ||
                    (f->fold_label[0] == c0 && folds_to(s, len, f->fold_label)))
                    return (int)i;
            }
            return -1;
        }
        const EnumDef *e = &prog->enums[t.id];
        for (size_t i = 0; i < e->n; i++)
            if (e->folded[i][0] == c0 && folds_to(s, len, e->folded[i]))
                return (int)i;
        return -1;
    }
    char buf[128];
    const char *fold = fold_cell(s, len, buf, sizeof buf, a);
    if (!fold)
        return -1;
    if (focus) {
        /* The first bytes are compared inline: most names differ there. */
        for (size_t i = 0; i < prog->n_focus; i++) {
            const char *n = prog->focus[i].fold_name, *l = prog->focus[i].fold_label;
            if ((n[0] == fold[0] && !strcmp(fold, n)) || (l[0] == fold[0] && !strcmp(fold, l)))
                return (int)i;
        }
        return -1;
    }
    const EnumDef *e = &prog->enums[t.id];
    for (size_t i = 0; i < e->n; i++)
        if (e->folded[i][0] == fold[0] && !strcmp(fold, e->folded[i]))
            return (int)i;
    return -1;
}

/* The members a cell may name, as the applicant writes them: the focus
** areas' labels in quotes ('Samverkan', 'Barn och ungas delaktighet'; a label
** may hold a comma), or an enumeration's values. Into buf[0..n). */
static void list_members(const Program *prog, Type t, char *buf, size_t n)
{
    size_t at = 0;
    bool focus = t.kind == TY_FOCUS || (t.kind == TY_SET && t.elem == TY_FOCUS);
    size_t m = focus ? prog->n_focus : prog->enums[t.id].n;
    buf[0] = '\0';
    for (size_t i = 0; i < m && at < n; i++)
        at += (size_t)snprintf(buf + at, n - at, focus ? "%s'%s'" : "%s%s", i ? ", " : "",
                               focus ? prog->focus[i].label : prog->enums[t.id].values[i]);
}

/* ====================================================================
** {====== "menade du": the closest name to a value nobody declared
** ==================================================================== */

#define NEAR_MAX 64   /* code points of a skeleton compared */

/* A value's skeleton (text_skeleton: case and marks folded) with its
** punctuation folded too: '-', '_', '.', ',', '/', '\'' and the en dash are
** blanks, runs of blanks one, none at the ends ("Upplands-Väsby" and
** "upplands  vasby" are alike). */
static size_t skeleton(Arena *a, const char *s, size_t len, int *out)
{
    char *z = arena_strndup(a, s, len);
    size_t n = text_skeleton(a, z, out, NEAR_MAX), m = 0;
    for (size_t i = 0; i < n; i++) {
        int c = out[i];
        if (c == '-' || c == '_' || c == '.' || c == ',' || c == '/' || c == '\'' || c == 0x2013 || c == '\t')
            c = ' ';
        if (c == ' ' && (m == 0 || out[m - 1] == ' '))
            continue;
        out[m++] = c;
    }
    while (m && out[m - 1] == ' ')
        m--;
    return m;
}

static bool ends_in(const int *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    if (n <= k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (s[n - k + i] != (unsigned char)suffix[i])
            return false;
    return true;
}

/* The search for the name closest to what was typed. The typed value is
** tried as written and, for a data table's key (a place: near_init's
** `place`), without the words people add to a place's name ("Stockholms
** stad", "Nacka kommun", "Region Gotland", "Stockholms län") and a genitive
** s before them ("Stockholms" for "Stockholm"). */
typedef struct Near {
    Arena *a;
    int form[3][NEAR_MAX];     /* the typed value's skeletons */
    size_t n_form[3];
    size_t forms;              /* how many of form[] are used */
    const char *best;          /* what to show for the closest so far, or NULL */
    size_t best_d;             /* its edit distance */
} Near;

static void near_init(Near *nr, Arena *a, const char *s, size_t len, bool place)
{
    static const char *const SUFFIX[] = {" kommun", " kommunen", " stad", " lan", " region", " regionen"};
    nr->a = a;
    nr->best = NULL;
    nr->best_d = SIZE_MAX;
    nr->n_form[0] = skeleton(a, s, len, nr->form[0]);
    nr->forms = 1;
    if (!place)   /* only a place's name has words to take off */
        return;
    int *f = nr->form[1];
    size_t n = nr->n_form[0];
    memcpy(f, nr->form[0], n * sizeof *f);
    for (size_t i = 0; i < sizeof SUFFIX / sizeof *SUFFIX; i++)
        if (ends_in(f, n, SUFFIX[i])) {
            n -= strlen(SUFFIX[i]);
            break;
        }
    static const int REGION[] = {'r', 'e', 'g', 'i', 'o', 'n', ' '};
    size_t skip = n > 7 && !memcmp(f, REGION, sizeof REGION) ? 7 : 0;
    if (n < nr->n_form[0] || skip) {
        memmove(f, f + skip, (n - skip) * sizeof *f);
        nr->n_form[1] = n - skip;
        nr->forms = 2;
        if (nr->n_form[1] > 4 && f[nr->n_form[1] - 1] == 's') {
            memcpy(nr->form[2], f, (nr->n_form[1] - 1) * sizeof *f);
            nr->n_form[2] = nr->n_form[1] - 1;
            nr->forms = 3;
        }
    }
}

/* Offers a candidate name (`shown` is what the message shows for it: a
** focus area's label for its identifier). Alike means the same first
** letter and at most a third of the longer skeleton different; the closest
** one wins, the first on a tie. */
static void near_offer(Near *nr, const char *name, const char *shown_as)
{
    int c[NEAR_MAX];
    size_t nc = skeleton(nr->a, name, strlen(name), c);
    if (!nc)
        return;
    for (size_t f = 0; f < nr->forms; f++) {
        size_t nf = nr->n_form[f];
        if (!nf)
            continue;
        if (nr->form[f][0] != c[0])   /* a slip seldom hits the first letter: "Vallentuna" is no "Sollentuna" */
            continue;
        size_t d = text_edit_distance(nr->form[f], nf, c, nc), longer = nf > nc ? nf : nc;
        if (3 * d <= longer && d < nr->best_d) {
            nr->best = shown_as;
            nr->best_d = d;
        }
    }
}

/* The member of an enumeration or the focus areas closest to s[0..len):
** for a focus area its label, whether the identifier or the label was
** alike; NULL when none is. */
static const char *near_member(const Program *prog, Type t, const char *s, size_t len, Arena *a)
{
    Near nr;
    near_init(&nr, a, s, len, false);
    bool focus = t.kind == TY_FOCUS || (t.kind == TY_SET && t.elem == TY_FOCUS);
    if (focus) {
        for (size_t i = 0; i < prog->n_focus; i++) {
            near_offer(&nr, prog->focus[i].label, prog->focus[i].label);
            near_offer(&nr, prog->focus[i].name, prog->focus[i].label);
        }
    } else {
        const EnumDef *e = &prog->enums[t.id];
        for (size_t i = 0; i < e->n; i++)
            near_offer(&nr, e->values[i], e->values[i]);
    }
    return nr.best;
}

/* The key of a data table closest to s[0..len), or NULL. */
static const char *near_key(const TableData *tab, const char *s, size_t len, Arena *a)
{
    Near nr;
    near_init(&nr, a, s, len, true);
    for (size_t i = 0; i < tab->n_rows; i++)
        near_offer(&nr, tab->keys[i], tab->keys[i]);
    return nr.best;
}

/* Why the members unknown[0..n) of one cell are not members: each of them,
** with the closest member when one is alike, and the members to choose
** from when some value has none. Into why[0..why_len). */
static void say_unknown_members(const Program *prog, Type t, const char *const *unknown, const size_t *ulen,
                                size_t n, Arena *a, char *why, size_t why_len)
{
    bool focus = t.kind == TY_FOCUS || (t.kind == TY_SET && t.elem == TY_FOCUS);
    char list[512], each[520];
    bool unsure = false;
    size_t at = 0;
    each[0] = '\0';
    const char *near1 = NULL;
    for (size_t i = 0; i < n && at < sizeof each; i++) {
        const char *near = near_member(prog, t, unknown[i], ulen[i], a);
        near1 = i == 0 ? near : near1;
        unsure |= near == NULL;
        if (near)
            at += (size_t)snprintf(each + at, sizeof each - at, _("%s'%.*s' (menade du '%s'?)"), i ? ", " : "",
                                   shown(unknown[i], ulen[i]), unknown[i], near);
        else
            at += (size_t)snprintf(each + at, sizeof each - at, "%s'%.*s'", i ? ", " : "", shown(unknown[i], ulen[i]),
                                   unknown[i]);
    }
    list_members(prog, t, list, sizeof list);
    if (n == 1 && near1)
        snprintf(why, why_len, focus ? _("'%.*s' är inget av regelfilens fokusområden; menade du '%s'?")
                                     : _("'%.*s' är inget av de tillåtna värdena; menade du '%s'?"),
                 shown(unknown[0], ulen[0]), unknown[0], near1);
    else if (n == 1)
        snprintf(why, why_len, focus ? _("'%.*s' är inget av regelfilens fokusområden: %s")
                                     : _("'%.*s' är inget av de tillåtna värdena: %s"),
                 shown(unknown[0], ulen[0]), unknown[0], list);
    else if (!unsure)
        snprintf(why, why_len, focus ? P_("%zu värde är inget av regelfilens fokusområden: %s",
                                          "%zu värden är inga av regelfilens fokusområden: %s", n)
                                     : P_("%zu värde är inget av de tillåtna värdena: %s",
                                          "%zu värden är inga av de tillåtna värdena: %s", n),
                 n, each);
    else
        snprintf(why, why_len, focus ? P_("%zu värde är inget av regelfilens fokusområden: %s; de är: %s",
                                          "%zu värden är inga av regelfilens fokusområden: %s; de är: %s", n)
                                     : P_("%zu värde är inget av de tillåtna värdena: %s; de är: %s",
                                          "%zu värden är inga av de tillåtna värdena: %s; de är: %s", n),
                 n, each, list);
}

/* }====== */

static bool parse_int(const char *s, size_t len, int64_t *out)
{
    Ratio r;
    if (len && s[0] == '-') {
        if (decimal_parse(s + 1, len - 1, &r) != MONEY_OK || r.den != 1)
            return false;
        *out = -r.num;
        return true;
    }
    if (decimal_parse(s, len, &r) != MONEY_OK || r.den != 1)
        return false;
    *out = r.num;
    return true;
}

/* Why parse_int rejected s: MONEY_ERR_RANGE when it is a whole number too
** large for medel, else MONEY_ERR_SYNTAX. For messages only. */
static MoneyErr int_error(const char *s, size_t len)
{
    Ratio r;
    if (len && s[0] == '-')
        s++, len--;
    return decimal_parse(s, len, &r) == MONEY_ERR_RANGE ? MONEY_ERR_RANGE : MONEY_ERR_SYNTAX;
}

static MoneyErr parse_scalar(TypeKind elem, const char *s, size_t len, int64_t *out)
{
    trim(&s, &len);
    if (elem == TY_MONEY) {
        size_t us, ul;
        return money_parse(s, len, true, out, &us, &ul);
    }
    return parse_int(s, len, out) ? MONEY_OK : int_error(s, len);
}

typedef enum RangeErr {
    RANGE_OK,
    RANGE_SYNTAX,      /* not two numbers (or amounts) with a separator */
    RANGE_TOO_LARGE,   /* an end is too large for medel */
    RANGE_BACKWARDS    /* the first end is larger than the second */
} RangeErr;

/* "12..22", "12–22", "12-22", "12 - 22", or one value "15" (= 15..15). */
static RangeErr parse_range(TypeKind elem, const char *s, size_t len, Value *out)
{
    const char *sep = NULL;
    size_t sep_len = 0;
    for (size_t i = 0; i + 1 < len && !sep; i++) {
        if (s[i] == '.' && s[i + 1] == '.')
            sep = s + i, sep_len = 2;
        else if (i + 2 < len && memcmp(s + i, "\xE2\x80\x93", 3) == 0)
            sep = s + i, sep_len = 3;
        else if (s[i] == '-' && i > 0)
            sep = s + i, sep_len = 1;
    }
    int64_t lo, hi;
    MoneyErr e_lo, e_hi;
    if (!sep) {
        e_lo = e_hi = parse_scalar(elem, s, len, &lo);
        hi = lo;
    } else {
        e_lo = parse_scalar(elem, s, (size_t)(sep - s), &lo);
        e_hi = parse_scalar(elem, sep + sep_len, len - (size_t)(sep - s) - sep_len, &hi);
    }
    if (e_lo != MONEY_OK || e_hi != MONEY_OK) {
        /* "Too large" only when that is all that is wrong. */
        bool only_big = (e_lo == MONEY_OK || e_lo == MONEY_ERR_RANGE) && (e_hi == MONEY_OK || e_hi == MONEY_ERR_RANGE);
        return only_big ? RANGE_TOO_LARGE : RANGE_SYNTAX;
    }
    if (lo > hi)
        return RANGE_BACKWARDS;
    *out = (Value){.kind = VAL_RANGE, .u.range = {lo, hi}};
    return RANGE_OK;
}

/* s[0..len) as Windows-1252 would read it, for showing a Windows-1252
** heading as its writer meant it (only the letters looks_cp1252 allows;
** other bytes show as '?'). In `a`. */
static const char *as_cp1252(Arena *a, const char *s, size_t len)
{
    char *out = arena_alloc(a, 2 * len + 1), *w = out;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            *w++ = (char)c;
        } else if (c >= 0xC0) {   /* U+00C0..U+00FF: two bytes of UTF-8 */
            *w++ = (char)0xC3;
            *w++ = (char)(c - 0x40);
        } else {
            *w++ = '?';
        }
    }
    *w = '\0';
    return out;
}


bool input_cell(const Program *prog, const TableData *tables, Type t, const char *s, size_t len, Arena *a, Value *out,
                char *why, size_t why_len)
{
    trim(&s, &len);
    if (len == 0) {
        /* An empty set is an answer ("no consultation"); any other empty
        ** cell is a missing answer, for manual assessment. */
        *out = t.kind == TY_SET ? (Value){.kind = VAL_SET} : (Value){.kind = VAL_MISSING};
        return true;
    }
    bool ascii = plain_ascii(s, len);
    if (!ascii) {
        if (memchr(s, '\0', len)) {
            snprintf(why, why_len, _("cellen innehåller en NUL-byte, vilket ingen text får göra"));
            return false;
        }
        if (!text_valid_utf8(s, len, NULL, NULL)) {
            /* The reader judged the file UTF-8 before this cell (csv.h),
            ** so the file mixes encodings. */
            if (source_looks_cp1252(s, len))
                snprintf(why, why_len, _("cellen är inte giltig UTF-8-text, fast filen före den är det: den ser ut som Windows-1252 ('%s' i Windows-1252), så filen blandar två teckenkodningar; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"),
                         as_cp1252(a, s, (size_t)shown(s, len)));
            else
                snprintf(why, why_len, _("cellen är inte giltig UTF-8-text, fast filen före den är det: filen blandar teckenkodningar eller är skadad; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"));
            return false;
        }
    }
    switch (t.kind) {
    case TY_TEXT: {
        char *nfc = ascii ? arena_strndup(a, s, len) : text_nfc(a, s, len);   /* ASCII is NFC */
        *out = (Value){.kind = VAL_TEXT, .u.text = {nfc, strlen(nfc)}};
        return true;
    }
    case TY_MONEY: {
        size_t us = 0, ul = 0;
        Money m;
        int64_t kr;
        if (plain_digits(s, len, &kr)) {
            *out = (Value){.kind = VAL_MONEY, .u.money = kr * MONEY_ORE_PER_KR};
            return true;
        }
        MoneyErr e = money_parse(s, len, true, &m, &us, &ul);
        if (e == MONEY_OK) {
            *out = (Value){.kind = VAL_MONEY, .u.money = m};
            return true;
        }
        if (e == MONEY_ERR_UNIT && ul > 0)
            snprintf(why, why_len, _("'%.*s' är inget belopp: okänd enhet '%.*s'"), shown(s, len), s, (int)ul, s + us);
        else if (e == MONEY_ERR_FRACTION)
            snprintf(why, why_len, _("'%.*s' är inget belopp: det har delar av ett öre"), shown(s, len), s);
        else if (e == MONEY_ERR_RANGE)
            snprintf(why, why_len, _("'%.*s' är inget belopp: det är för stort"), shown(s, len), s);
        else if (e == MONEY_ERR_NEGATIVE)
            snprintf(why, why_len, _("'%.*s' är inget belopp: belopp kan inte vara negativa"), shown(s, len), s);
        else if (e == MONEY_ERR_AMBIGUOUS)
            snprintf(why, why_len, _("'%.*s' är tvetydigt: tre siffror efter '.' eller ',' kan vara tusental eller decimaler; skriv tusental med mellanslag (450 000 kr) och ören med komma (450,50 kr)"), shown(s, len), s);
        else
            snprintf(why, why_len, _("'%.*s' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK"), shown(s, len), s);
        return false;
    }
    case TY_INT: {
        int64_t i;
        if (!plain_digits(s, len, &i) && !parse_int(s, len, &i)) {
            snprintf(why, why_len, _("'%.*s' är inget heltal%s"), shown(s, len), s,
                     int_error(s, len) == MONEY_ERR_RANGE ? _(": talet är för stort") : "");
            return false;
        }
        *out = (Value){.kind = VAL_INT, .u.i = i};
        return true;
    }
    case TY_BOOL: {
        static const char *const YES[] = {"ja", "j", "yes", "y", "true", "sant", "x", "1"};
        static const char *const NO[] = {"nej", "n", "no", "false", "falskt", "0"};
        /* A plain ASCII cell is compared as it is (folds_to); any other is
        ** folded first, since e.g. U+017F ſ folds to s. */
        const char *w = ascii ? s : text_fold(a, s, len);   /* NULL: not UTF-8 */
        size_t wlen = ascii ? len : w ? strlen(w) : 0;
        for (size_t i = 0; w && i < sizeof YES / sizeof *YES; i++)
            if (folds_to(w, wlen, YES[i])) {
                *out = (Value){.kind = VAL_BOOL, .u.b = true};
                return true;
            }
        for (size_t i = 0; w && i < sizeof NO / sizeof *NO; i++)
            if (folds_to(w, wlen, NO[i])) {
                *out = (Value){.kind = VAL_BOOL, .u.b = false};
                return true;
            }
        snprintf(why, why_len, _("'%.*s' är varken ja eller nej: skriv ja eller nej (eller x för ja)"), shown(s, len), s);
        return false;
    }
    case TY_ENUM: case TY_FOCUS: {
        int m = match_member(prog, t, s, len, ascii, a);
        if (m < 0) {
            say_unknown_members(prog, t, &s, &len, 1, a, why, why_len);
            return false;
        }
        *out = (Value){.kind = t.kind == TY_FOCUS ? VAL_FOCUS : VAL_ENUM, .u.e = m};
        return true;
    }
    case TY_SET: {
        /* A whole cell that names one member is that member, even when its
        ** label holds a comma ("Egenvård, digitalvård och behandlingsstöd"). */
        int whole = match_member(prog, t, s, len, ascii, a);
        if (whole >= 0) {
            *out = (Value){.kind = VAL_SET, .u.set = (uint64_t)1 << whole};
            return true;
        }
        /* Members are separated by '|' or, when there is none, by ',' or ';'. */
        bool pipe = memchr(s, '|', len) != NULL;
        uint64_t set = 0;
        size_t at = 0, n_unknown = 0;
        const char *unknown[MAX_SET_MEMBERS];
        size_t unknown_len[MAX_SET_MEMBERS];
        while (at <= len) {
            size_t end = at;
            while (end < len && !(pipe ? s[end] == '|' : (s[end] == ',' || s[end] == ';')))
                end++;
            const char *m = s + at;
            size_t mlen = end - at;
            trim(&m, &mlen);
            /* With '|' as separator a member may hold commas (a label). */
            if (mlen) {
                int k = match_member(prog, t, m, mlen, ascii, a);
                if (k < 0 && n_unknown < MAX_SET_MEMBERS) {
                    unknown[n_unknown] = m;
                    unknown_len[n_unknown++] = mlen;
                } else if (k >= 0) {
                    set |= (uint64_t)1 << k;
                }
            }
            at = end + 1;
        }
        if (n_unknown) {   /* every unknown member is said, not only the first */
            say_unknown_members(prog, t, unknown, unknown_len, n_unknown, a, why, why_len);
            return false;
        }
        *out = (Value){.kind = VAL_SET, .u.set = set};
        return true;
    }
    case TY_RANGE: {
        const char *example = t.elem == TY_MONEY ? "50 000 kr..2 MSEK" : "12..22";
        switch (parse_range(t.elem, s, len, out)) {
        case RANGE_OK:
            return true;
        case RANGE_TOO_LARGE:
            snprintf(why, why_len, t.elem == TY_MONEY ? _("'%.*s' är inget intervall: ett belopp i det är för stort")
                                                      : _("'%.*s' är inget intervall: ett tal i det är för stort"),
                     shown(s, len), s);
            return false;
        case RANGE_BACKWARDS:
            snprintf(why, why_len, _("'%.*s' är inget intervall: det slutar innan det börjar; skriv det mindre värdet först, som i %s"),
                     shown(s, len), s, example);
            return false;
        case RANGE_SYNTAX:
            break;
        }
        snprintf(why, why_len, _("'%.*s' är inget intervall: skriv det som %s"), shown(s, len), s, example);
        return false;
    }
    case TY_KEY: {
        const TableData *tab = &tables[t.id];
        const char *fold = text_fold(a, s, len);
        int32_t row = fold ? table_find(tab, fold) : -1;
        if (row < 0) {
            /* Said as the user sees it: the data file, not the table's name. */
            const char *near = near_key(tab, s, len, a);
            if (near)
                snprintf(why, why_len, _("'%.*s' finns inte i datafilen '%s'; menade du '%s'?"), shown(s, len), s,
                         tab->decl->file, near);
            else
                snprintf(why, why_len, _("'%.*s' finns inte i datafilen '%s'"), shown(s, len), s, tab->decl->file);
            return false;
        }
        *out = (Value){.kind = VAL_KEY, .u.key = row};
        return true;
    }
    default:
        snprintf(why, why_len, _("fältets typ kan inte läsas"));
        return false;
    }
}

/* }====== */

/* ====================================================================
** {====== tables
** ==================================================================== */

static void say(InputReport report, void *ctx, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(InputReport report, void *ctx, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    report(ctx, buf);
}

/* Reports a malformed CSV record (csv.h CSV_BAD) as "file:line:col: column
** 'Titel': why"; header[0..n_header) names the columns (NULL: not known). */
static void say_bad_record(InputReport report, void *ctx, const char *path, const CsvReader *r, char **header,
                           size_t n_header)
{
    size_t line, col, field;
    csv_bad_at(r, &line, &col, &field);
    if (header && field >= 1 && field <= n_header)
        say(report, ctx, _("%s:%zu:%zu: kolumn '%s': %s"), path, line, col, header[field - 1], csv_error(r));
    else
        say(report, ctx, "%s:%zu:%zu: %s", path, line, col, csv_error(r));
}

/* The note that a CSV file was decoded from another encoding than UTF-8
** (csv.h CsvEncoding), said once per file (*said) as soon as the reader has
** judged it; true when it was said now (the caller counts it as a
** warning). */
static bool note_encoding(InputReport report, void *ctx, const char *path, const CsvReader *r, bool *said)
{
    if (*said)
        return false;
    CsvEncoding e = csv_encoding(r);
    const char *as = e == CSV_ENC_CP1252 ? "Windows-1252"
                   : e == CSV_ENC_UTF16LE || e == CSV_ENC_UTF16BE ? "UTF-16 (Unicode-text)"
                   : NULL;
    if (!as)
        return false;
    *said = true;
    say(report, ctx, _("%s: note: filen är sparad som %s; den lästes som sådan"), path, as);
    return true;
}

/* A file in UTF-16 without a byte-order mark, or in UTF-32 (csv.h
** CSV_ENC_WIDE): refused, said. `first` is the first cell read. */
static bool refuse_wide(InputReport report, void *ctx, const char *path, const CsvReader *r, const CsvField *first)
{
    const char *wide = source_wide_encoding(first->s, first->len);
    if (csv_encoding(r) != CSV_ENC_WIDE && !wide)
        return false;
    if (!wide || strcmp(wide, "UTF-16") == 0)
        say(report, ctx, _("%s: filen är UTF-16-text utan byte-order mark (BOM), som medel inte kan skilja från annan text; %s, eller som \"Unicode-text\", som skriver märket"), path,
            _("spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"));
    else
        say(report, ctx, _("%s: filen är %s-text, som medel inte läser: spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"), path, wide);
    return true;
}

/* Whether a record has no value at all: every cell empty or blank, quoted
** or not (the rows of separators Excel leaves below a table). Such a row is
** skipped and counted, whatever its number of cells. */
static bool empty_record(const CsvField *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!all_blank(f[i].s, f[i].len))
            return false;
    return true;
}

/* Where a message about a cell is: "PATH:LINE" for a CSV record; for a
** workbook (sheet not NULL) the cell, "PATH:Blad1!D7", or with col < 0 the
** row, "PATH:Blad1:7". Writes into buf[0..n). */
static const char *cell_at(const char *path, const char *sheet, size_t line, long col, char *buf, size_t n)
{
    if (!sheet) {
        snprintf(buf, n, "%s:%zu", path, line);
    } else {
        char w[400];
        snprintf(buf, n, "%s:%s", path, xlsx_where(sheet, col, line, w, sizeof w));
    }
    return buf;
}

/* Why a workbook cell of kind `kind` (xlsx.h) cannot be read, or NULL when
** it holds a value (or none). */
static const char *cell_kind_why(unsigned char kind, const CsvField *cell, char *buf, size_t n)
{
    if (kind == XLSX_ERROR)
        snprintf(buf, n, _("cellen innehåller felet %.*s (en formel som inte gick att räkna ut, eller en referens som inte längre stämmer); rätta det i arbetsboken"), shown(cell->s, cell->len), cell->s);
    else if (kind == XLSX_NO_VALUE)
        snprintf(buf, n, _("cellens formel sparades utan uträknat värde; öppna arbetsboken i Excel och spara den"));
    else
        return NULL;
    return buf;
}

/* What the first bytes of a file say it is: 'z' a zip (an .xlsx, or an
** .ods), 'o' an OLE compound file (an old .xls), or 0. */
static char file_magic(const unsigned char *b, size_t n)
{
    if (n >= 4 && !memcmp(b, "PK\x03\x04", 4))
        return 'z';
    if (n >= 4 && !memcmp(b, "\xD0\xCF\x11\xE0", 4))
        return 'o';
    return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* A stream that gives `pre` first and then the rest of f, which it owns:
** the bytes peeked at to tell a workbook from CSV are read again. */
typedef struct Prefixed {
    FILE *f;
    unsigned char pre[8];
    size_t n, at;
} Prefixed;

static ssize_t prefixed_read(void *cookie, char *buf, size_t size)
{
    Prefixed *p = cookie;
    if (p->at < p->n) {
        size_t k = p->n - p->at < size ? p->n - p->at : size;
        memcpy(buf, p->pre + p->at, k);
        p->at += k;
        return (ssize_t)k;
    }
    size_t got = fread(buf, 1, size, p->f);
    return got == 0 && ferror(p->f) ? -1 : (ssize_t)got;
}

static int prefixed_close(void *cookie)
{
    Prefixed *p = cookie;
    int rc = fclose(p->f);
    free(p);
    return rc;
}

/* Peeks at the first bytes of *f (replacing *f by a stream that reads them
** again when it had to take them) and returns file_magic of them. */
static char peek_magic(FILE **f)
{
    int c = getc(*f);
    if (c == EOF)
        return 0;
    ungetc(c, *f);
    if (c != 'P' && c != 0xD0)
        return 0;   /* no workbook: nothing taken */
    Prefixed *p = xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    p->n = fread(p->pre, 1, 4, *f);
    char m = file_magic(p->pre, p->n);
    p->f = *f;
    FILE *g = fopencookie(p, "rb", (cookie_io_functions_t){.read = prefixed_read, .close = prefixed_close});
    if (!g)
        arena_out_of_memory(sizeof *p);
    *f = g;
    return m;
}

/* Whether the first bytes of a file are text (CSV, say) rather than a
** binary file: a UTF-16 byte-order mark, or no control character but tabs,
** line breaks and form feeds (bytes past 0x7F are allowed: UTF-8 or
** Windows-1252). */
static bool looks_text(const char *b, size_t len)
{
    const unsigned char *u = (const unsigned char *)b;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return true;
    if (len > 4096)
        len = 4096;
    for (size_t i = 0; i < len; i++)
        if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' && u[i] != '\f')
            return false;
    return true;
}

/* Reads the workbook in f (the rest of it) and opens its sheet; NULL after
** writing why into why[0..n). Its content decides, whatever its name: an
** old .xls, a text file or an empty one is said as such (a data table's
** hint, with table, names the rule file rather than --input-format). */
static XlsxReader *open_workbook(FILE *f, const char *sheet, bool table, char *why, size_t n)
{
    char *bytes;
    size_t len;
    int got = source_read_all(f, (size_t)XLSX_MAX_FILE_MIB << 20, &bytes, &len);
    if (got > 0) {
        snprintf(why, n, _("arbetsboken är större än %d MiB, det mesta medel läser"), XLSX_MAX_FILE_MIB);
        return NULL;
    }
    if (got < 0) {
        snprintf(why, n, _("kan inte läsa arbetsboken: %s"), i18n_strerror(errno));
        return NULL;
    }
    char magic = file_magic((const unsigned char *)bytes, len);
    const char *said = NULL;
    if (magic == 'o')
        said = _("filen är en gammal Excel-arbetsbok (.xls), som medel inte läser: spara den som Excel-arbetsbok (.xlsx) eller som \"CSV UTF-8\"");
    else if (len == 0)
        said = _("filen är tom; den är ingen arbetsbok");
    else if (magic != 'z' && looks_text(bytes, len))
        said = table ? _("filen är en textfil, inte en Excel-arbetsbok (.xlsx): om den innehåller CSV, byt namn på den till .csv, och ändra namnet i regelfilen")
                     : _("filen är en textfil, inte en Excel-arbetsbok (.xlsx): om den innehåller CSV, byt namn på den till .csv eller läs den med --input-format csv");
    if (said) {
        snprintf(why, n, "%s", said);
        free(bytes);
        return NULL;
    }
    return xlsx_open(bytes, len, sheet, why, n);
}

/* The header's cells, trimmed and NUL-terminated, in `a`. */
static char **header_names(Arena *a, const CsvField *h, size_t n)
{
    char **names = arena_alloc(a, (n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++) {
        const char *s = h[i].s;
        size_t len = h[i].len;
        trim(&s, &len);
        names[i] = arena_strndup(a, s, len);
    }
    return names;
}

/* Jansson's reasons for a syntax error (its load.c), in Swedish: Jansson
** writes them in English only. "X expected" and "near Y" are taken apart so
** that the token Jansson quotes stays as it is. */
static const struct {
    const char *en, *sv;
} json_reasons[] = {
    {"end of file", "filens slut"},
    {"'[' or '{'", "'[' eller '{'"},
    {"string or '}'", "en text eller '}'"},
    {"unexpected token", "oväntat tecken"},
    {"invalid token", "ogiltigt tecken"},
    {"premature end of input", "texten tar slut för tidigt"},
    {"unexpected newline", "oväntat radslut i en text"},
    {"invalid escape", "ogiltig \\-följd i en text"},
    {"invalid Unicode escape", "ogiltig \\u-följd i en text"},
    {"invalid Unicode", "ogiltig \\u-följd i en text"},
    {"too big integer", "talet är för stort"},
    {"too big negative integer", "talet är för stort"},
    {"real number overflow", "talet är för stort"},
    {"duplicate object key", "samma nyckel två gånger i ett objekt"},
    {"maximum parsing depth reached", "värdena är nästlade för djupt"},
};

static const char *json_reason_sv(const char *en, size_t len)
{
    for (size_t i = 0; i < sizeof json_reasons / sizeof json_reasons[0]; i++)
        if (strlen(json_reasons[i].en) == len && memcmp(json_reasons[i].en, en, len) == 0)
            return json_reasons[i].sv;
    return NULL;
}

/* Jansson's reason for a syntax error, said for people: in Swedish where
** the reason is one of Jansson's known ones (its own text otherwise, and in
** English), and in words where Jansson names its own flags. In buf or
** Jansson's error; the caller owns neither. */
static const char *json_why(const json_error_t *e, char *buf, size_t n)
{
    const char *near = strstr(e->text, " near ");
    if (strstr(e->text, "JSON_ALLOW_NUL")) {
        snprintf(buf, n, _("en text innehåller \\u0000 (ett NUL-tecken), vilket ingen text får göra%s"), near ? near : "");
        return buf;
    }
    if (i18n_language() != LANGUAGE_SV)
        return e->text;
    size_t head = near ? (size_t)(near - e->text) : strlen(e->text);
    const char *what = NULL, *expected = NULL;
    char token[16];
    static const char tail[] = " expected";
    size_t tl = sizeof tail - 1;
    if (head > tl && memcmp(e->text + head - tl, tail, tl) == 0) {
        size_t len = head - tl;
        expected = json_reason_sv(e->text, len);
        if (!expected && len >= 3 && e->text[0] == '\'' && e->text[len - 1] == '\'') {
            snprintf(token, sizeof token, "%.*s", (int)len, e->text);   /* a token, as Jansson quotes it */
            expected = token;
        }
        if (!expected)
            return e->text;
    } else if (!(what = json_reason_sv(e->text, head))) {
        return e->text;
    }
    char at[128] = "";
    if (near) {
        const char *y = near + strlen(" near ");
        if (strcmp(y, "end of file") == 0)
            snprintf(at, sizeof at, " vid filens slut");
        else
            snprintf(at, sizeof at, " vid %s", y);
    }
    if (expected)
        snprintf(buf, n, "här väntades %s%s", expected, at);
    else
        snprintf(buf, n, "%s%s", what, at);
    return buf;
}

/* Matches a header cell to a declared column header, case-insensitively. */
static int find_header(Arena *a, const CsvField *h, size_t n, const char *want)
{
    const char *fw = text_fold(a, want, strlen(want));
    for (size_t i = 0; i < n; i++) {
        const char *s = h[i].s;
        size_t len = h[i].len;
        trim(&s, &len);
        const char *f = text_fold(a, s, len);
        if (f && fw && strcmp(f, fw) == 0)
            return (int)i;
    }
    return -1;
}

/* The header's cells as a list for a message ("Diarienummer, Projektnamn,
** …"), cut short past 400 bytes; in `a`. */
static const char *header_list(Arena *a, char **header, size_t n)
{
    enum { MAX = 400 };
    char *out = arena_alloc(a, MAX + 8);
    size_t at = 0, listed = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(header[i]);
        if (len == 0)
            continue;
        if (at + len + 2 > MAX) {
            memcpy(out + at, at ? ", …" : "…", at ? 5 : 3);   /* "…" is 3 bytes */
            at += at ? 5 : 3;
            break;
        }
        if (listed++) {
            memcpy(out + at, ", ", 2);
            at += 2;
        }
        memcpy(out + at, header[i], len);
        at += len;
    }
    if (at == 0) {
        memcpy(out, _("inga rubriker"), 11);
        at = 11;
    }
    out[at] = '\0';
    return out;
}

/* The header cell most like `want` among the cells no declared column took
** (col[0..n_col) are the cells taken, -1 for none), or NULL when none is
** close: as closest_column judges (text_alike). */
static const char *closest_heading(Arena *a, char **header, size_t n, const int *col, size_t n_col, const char *want)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t j = 0; j < n; j++) {
        bool taken = header[j][0] == '\0';
        for (size_t c = 0; c < n_col && !taken; c++)
            taken = col[c] == (int)j;
        size_t d;
        if (!taken && text_alike(a, want, header[j], &d) && d < best_d) {
            best_d = d;
            best = header[j];
        }
    }
    return best;
}

/* Why the last apps_open or tables_load on this thread failed (input.h
** input_failure). Per thread, as engine objects may be used on several. */
static _Thread_local int last_failure = STATUS_NOINPUT;

int input_failure(void)
{
    return last_failure;
}

/* A data table's rows: CSV records, or the rows of a workbook's first sheet
** (as CsvField arrays, so that both are read by the same code). */
typedef struct TableRows {
    CsvReader *csv;
    XlsxReader *x;
    const unsigned char *kinds;   /* the workbook row's cell kinds */
} TableRows;

static CsvStatus table_next(TableRows *t, CsvField **fields, size_t *n, size_t *line)
{
    if (t->csv)
        return csv_next(t->csv, fields, n, line);
    uint32_t row = 0;
    int got = xlsx_next(t->x, fields, &t->kinds, n, &row);
    *line = row;
    return got > 0 ? CSV_RECORD : got == 0 ? CSV_END : CSV_ERROR;
}

static const char *table_error(const TableRows *t)
{
    return t->csv ? csv_error(t->csv) : xlsx_error(t->x);
}

static void table_close(TableRows *t)
{
    if (t->csv)
        csv_close(t->csv);
    xlsx_close(t->x);
}

/* ---- a file of rows (input.h RowFile) ---- */

struct RowFile {
    TableRows rows;
    FILE *f;
    const char *path;
    const char *sheet;   /* a workbook's sheet, or NULL for CSV */
    bool enc_said;
    size_t n_cells;      /* the header's, once read */
};

RowFile *rowfile_open(const char *path, InputReport report, void *ctx, int *status)
{
    char cannot[200];
    FILE *f = source_open_file(path, false, cannot, sizeof cannot);
    if (!f) {
        say(report, ctx, _("%s: kan inte läsa filen: %s"), path, cannot);
        *status = STATUS_NOINPUT;
        return NULL;
    }
    char magic = peek_magic(&f);
    if (magic == 'o' || ends_with(path, ".xls") || ends_with(path, ".ods")) {
        say(report, ctx, _("%s: filen är %s, som medel inte läser: spara den som Excel-arbetsbok (.xlsx) eller som \"CSV UTF-8\""), path,
            ends_with(path, ".ods") ? _("ett OpenDocument-kalkylblad (.ods)") : _("en gammal Excel-arbetsbok (.xls)"));
        fclose(f);
        *status = STATUS_NOINPUT;
        return NULL;
    }
    RowFile *rf = xmalloc(sizeof *rf);
    memset(rf, 0, sizeof *rf);
    rf->path = path;
    rf->f = f;
    if (magic == 'z' || ends_with(path, ".xlsx")) {
        char why[800];
        rf->rows.x = open_workbook(f, NULL, false, why, sizeof why);
        if (!rf->rows.x) {
            say(report, ctx, "%s: %s", path, why);
            fclose(f);
            free(rf);
            *status = STATUS_NOINPUT;
            return NULL;
        }
        rf->sheet = xlsx_sheet(rf->rows.x);
    } else {
        rf->rows.csv = csv_open(f);
    }
    *status = STATUS_OK;
    return rf;
}

int rowfile_next(RowFile *rf, CsvField **fields, const unsigned char **kinds, size_t *n, size_t *line,
                 InputReport report, void *ctx, size_t *warnings)
{
    for (;;) {
        CsvStatus st = table_next(&rf->rows, fields, n, line);
        if (rf->rows.csv && note_encoding(report, ctx, rf->path, rf->rows.csv, &rf->enc_said) && warnings)
            ++*warnings;
        *kinds = rf->rows.csv ? NULL : rf->rows.kinds;
        if (st == CSV_END)
            return ROWS_END;
        if (st == CSV_ERROR) {
            if (rf->sheet)
                say(report, ctx, "%s:%s", rf->path, table_error(&rf->rows));
            else
                say(report, ctx, "%s: %s", rf->path, table_error(&rf->rows));
            return ROWS_ERROR;
        }
        if (st == CSV_BAD) {
            say_bad_record(report, ctx, rf->path, rf->rows.csv, NULL, 0);
            return ROWS_BAD;
        }
        if (rf->n_cells == 0) {   /* the header */
            if (rf->rows.csv && refuse_wide(report, ctx, rf->path, rf->rows.csv, &(*fields)[0]))
                return ROWS_ERROR;
            rf->n_cells = *n;
            if (rf->rows.csv)
                csv_expect_cells(rf->rows.csv, *n);
            return ROWS_ROW;
        }
        if (empty_record(*fields, *n))
            continue;
        return ROWS_ROW;
    }
}

const char *rowfile_sheet(const RowFile *rf)
{
    return rf->sheet;
}

const char *rowfile_where(const RowFile *rf, size_t line, long col, char *buf, size_t n)
{
    return cell_at(rf->path, rf->sheet, line, col, buf, n);
}

const char *rowfile_cell_why(const unsigned char *kinds, size_t i, const CsvField *cell, char *buf, size_t n)
{
    return kinds ? cell_kind_why(kinds[i], cell, buf, n) : NULL;
}

void rowfile_close(RowFile *rf)
{
    if (!rf)
        return;
    table_close(&rf->rows);
    fclose(rf->f);
    free(rf);
}

/* The errors tables_load and tables_check have said on this thread, for
** the count validate prints. Per thread, as last_failure. */
static _Thread_local size_t table_errors;

/* Where a table's cell is: "path:line:cell" (cell from 1; col < 0: the
** row, "path:line"), or a workbook's "path:Sheet!B3". */
static const char *table_at(const char *path, const char *sheet, size_t line, long col, char *buf, size_t n)
{
    if (sheet)
        return cell_at(path, sheet, line, col < 0 ? 0 : col, buf, n);
    if (col >= 0)
        snprintf(buf, n, "%s:%zu:%ld", path, line, col + 1);
    else
        snprintf(buf, n, "%s:%zu", path, line);
    return buf;
}

/* Adds x to *sum, a heltal or belopp (öre); false when it overflows. */
static bool add_checked(TypeKind k, Value *sum, const Value *x)
{
    if (k == TY_MONEY)
        return money_add(sum->u.money, x->u.money, &sum->u.money);
    return !__builtin_add_overflow(sum->u.i, x->u.i, &sum->u.i);
}

/* The largest value of a column's type, as people read it. */
static const char *type_max(TypeKind k, char *buf, size_t n)
{
    if (k == TY_MONEY)
        return money_format(MONEY_MAX, buf, n);
    snprintf(buf, n, "9 223 372 036 854 775 807");   /* INT64_MAX, in digit groups */
    return buf;
}

/* Works out the derived columns of one row (cells: its d->n_columns
** values, the read ones filled). A sum that overflows is said, with the
** columns it adds; returns whether every sum fits. */
static bool derive_row(const Table *d, Value *cells, const char *path, const char *sheet, size_t line, InputReport report,
                       void *ctx)
{
    bool ok = true;
    for (size_t c = 0; c < d->n_columns; c++) {
        const Column *cd = &d->columns[c];
        if (!cd->derived || !cd->sum)
            continue;
        Value v = {.kind = cd->type.kind == TY_MONEY ? VAL_MONEY : VAL_INT};
        size_t i = 0;
        while (i < cd->n_sum && add_checked(cd->type.kind, &v, &cells[cd->sum[i]]))
            i++;
        if (i < cd->n_sum) {
            char at[600], max[64];
            say(report, ctx, _("%s: error: kolumn '%s' (%s): summan blir större än %s, det största värde en kolumn kan ha; kontrollera värdena i kolumnerna den adderar"),
                table_at(path, sheet, line, -1, at, sizeof at), cd->name, cd->header, type_max(cd->type.kind, max, sizeof max));
            table_errors++;
            ok = false;
            continue;
        }
        cells[c] = v;
    }
    return ok;
}

/* Adds up, over every row, each column of t that a pot is split by (the
** total the split divides by must fit); says where it overflows. Returns
** whether every total fits. */
static bool split_sums(const Program *prog, const TableData *t, const size_t *lines, const char *sheet, const int *col,
                       InputReport report, void *ctx)
{
    const Table *d = t->decl;
    int ti = (int)(d - prog->tables);
    bool ok = true;
    for (size_t k = 0; k < prog->n_pots; k++) {
        const Split *sp = &prog->pots[k].split;
        if (!prog->pots[k].has_split || sp->table != ti || sp->column < 0)
            continue;
        bool seen = false;   /* said for an earlier pot split by the same column */
        for (size_t j = 0; j < k && !seen; j++)
            seen = prog->pots[j].has_split && prog->pots[j].split.table == ti && prog->pots[j].split.column == sp->column;
        if (seen)
            continue;
        const Column *cd = &d->columns[sp->column];
        Value sum = {.kind = cd->type.kind == TY_MONEY ? VAL_MONEY : VAL_INT};
        for (size_t r = 0; r < t->n_rows; r++) {
            if (add_checked(cd->type.kind, &sum, &t->cells[r * d->n_columns + (size_t)sp->column]))
                continue;
            char at[600], max[64];
            say(report, ctx, _("%s: error: kolumn '%s': summan av kolumnen till och med den här raden blir större än %s, och potten '%s' fördelas efter summan; kontrollera värdena i kolumnen"),
                table_at(d->path, sheet, lines[r], cd->derived ? -1 : col[sp->column], at, sizeof at), cd->derived ? cd->name : cd->header,
                type_max(cd->type.kind, max, sizeof max), prog->pots[k].name);
            table_errors++;
            ok = false;
            break;
        }
    }
    return ok;
}

/* The note after a table's errors: where the rule file declares it, or the
** 'ändra tabell' (of an extending file or a scenario) that named the file. */
static void note_declaration(const Program *prog, const Table *d, InputReport report, void *ctx)
{
    if (prog->sources && !span_is_none(d->file_span) && d->file_span.file < prog->sources->n_files) {
        const SourceFile *f = source_get(prog->sources, d->file_span.file);
        SourcePos at = source_position(f, d->file_span.start);
        say(report, ctx, _("%s:%zu:%zu: note: här får tabellen '%s' datafilen '%s', i 'ändra tabell'"), f->path, at.line, at.col,
            d->name, d->file);
        return;
    }
    if (!prog->sources || span_is_none(d->span) || d->span.file >= prog->sources->n_files)
        return;
    const SourceFile *f = source_get(prog->sources, d->span.file);
    SourcePos at = source_position(f, d->span.start);
    say(report, ctx, _("%s:%zu:%zu: note: tabellen '%s' deklareras här, med datafilen '%s'"), f->path, at.line, at.col, d->name, d->file);
}

/* Loads one table; returns STATUS_OK, or why it failed (said): STATUS_NOINPUT
** (the file cannot be read), STATUS_HEADER (its header lacks a column),
** STATUS_RULES (bad rows). */
static int load_table(const Program *prog, TableData *t, Arena *a, InputReport report, void *ctx)
{
    const Table *d = t->decl;
    char cannot[200];
    FILE *f = source_open_file(d->path, false, cannot, sizeof cannot);
    if (!f) {
        say(report, ctx, _("%s: kan inte läsa datafilen: %s"), d->path, cannot);
        return STATUS_NOINPUT;
    }
    /* A workbook by its name or its content: its first sheet. */
    char magic = peek_magic(&f);
    if (magic == 'o' || ends_with(d->path, ".xls") || ends_with(d->path, ".ods")) {
        say(report, ctx, _("%s: filen är %s, som medel inte läser: spara den som Excel-arbetsbok (.xlsx) eller som \"CSV UTF-8\""), d->path,
            ends_with(d->path, ".ods") ? _("ett OpenDocument-kalkylblad (.ods)") : _("en gammal Excel-arbetsbok (.xls)"));
        fclose(f);
        return STATUS_NOINPUT;
    }
    TableRows r = {0};
    const char *sheet = NULL;   /* a workbook's sheet, for messages */
    if (magic == 'z' || ends_with(d->path, ".xlsx")) {
        char why[800];
        r.x = open_workbook(f, NULL, true, why, sizeof why);
        if (!r.x) {
            say(report, ctx, "%s: %s", d->path, why);
            fclose(f);
            return STATUS_NOINPUT;
        }
        sheet = xlsx_sheet(r.x);
    } else {
        r.csv = csv_open(f);
    }
    CsvField *fields;
    size_t n, line;
    bool ok = true, enc_said = false;
    size_t n_empty = 0;
    CsvStatus st = table_next(&r, &fields, &n, &line);
    if (r.csv)
        note_encoding(report, ctx, d->path, r.csv, &enc_said);
    if (st != CSV_RECORD) {
        if (st == CSV_BAD)
            say_bad_record(report, ctx, d->path, r.csv, NULL, 0);
        else if (sheet && st == CSV_ERROR)
            say(report, ctx, "%s:%s", d->path, table_error(&r));
        else if (sheet)
            say(report, ctx, _("%s:%s: bladet är tomt; det behöver en rubrikrad"), d->path, sheet);
        else
            say(report, ctx, "%s: %s", d->path, st == CSV_ERROR ? table_error(&r) : _("filen är tom; den behöver en rubrikrad"));
        table_close(&r);
        fclose(f);
        return st == CSV_BAD ? STATUS_RULES : STATUS_NOINPUT;
    }
    if (r.csv && refuse_wide(report, ctx, d->path, r.csv, &fields[0])) {
        table_close(&r);
        fclose(f);
        return STATUS_NOINPUT;
    }
    char **header = header_names(a, fields, n);
    size_t n_header = n;
    if (r.csv)
        csv_expect_cells(r.csv, n);
    int *col = arena_alloc(a, d->n_columns * sizeof *col);
    for (size_t c = 0; c < d->n_columns; c++)
        col[c] = d->columns[c].derived ? -2 : find_header(a, fields, n, d->columns[c].header);
    for (size_t c = 0; c < d->n_columns; c++) {
        if (col[c] >= 0 || d->columns[c].derived)
            continue;
        const char *near = closest_heading(a, header, n, col, d->n_columns, d->columns[c].header);
        char hint[600] = "";
        if (near)
            snprintf(hint, sizeof hint, _("; rubriken '%s' liknar den, felstavad"), near);
        say(report, ctx, _("%s%s%s: rubrikraden har ingen kolumn '%s'; rubrikraden har: %s%s"), d->path, sheet ? ":" : "",
            sheet ? sheet : "", d->columns[c].header, header_list(a, header, n), hint);
        ok = false;
    }
    if (!ok) {
        table_close(&r);
        fclose(f);
        return STATUS_HEADER;
    }
    size_t cap = 64, errors0 = table_errors;
    t->keys = arena_alloc(a, cap * sizeof *t->keys);
    t->folded = arena_alloc(a, cap * sizeof *t->folded);
    t->cells = arena_alloc(a, cap * d->n_columns * sizeof *t->cells);
    size_t *lines = arena_alloc(a, cap * sizeof *lines);   /* each row's line, for messages */
    while ((st = table_next(&r, &fields, &n, &line)) == CSV_RECORD || st == CSV_BAD) {
        if (r.csv)
            note_encoding(report, ctx, d->path, r.csv, &enc_said);
        if (st == CSV_RECORD && empty_record(fields, n)) {
            n_empty++;
            continue;
        }
        if (st == CSV_BAD) {
            size_t bl, bc, bf;
            csv_bad_at(r.csv, &bl, &bc, &bf);
            if (bf >= 1 && bf <= n_header)
                say(report, ctx, _("%s:%zu:%zu: error: kolumn '%s': %s"), d->path, bl, bc, header[bf - 1], csv_error(r.csv));
            else
                say(report, ctx, "%s:%zu:%zu: error: %s", d->path, bl, bc, csv_error(r.csv));
            table_errors++;
            ok = false;   /* go on: every bad row is reported */
            continue;
        }
        if (t->n_rows == cap) {
            t->keys = arena_grow(a, t->keys, cap, 2 * cap, sizeof *t->keys);
            t->folded = arena_grow(a, t->folded, cap, 2 * cap, sizeof *t->folded);
            t->cells = arena_grow(a, t->cells, cap * d->n_columns, 2 * cap * d->n_columns, sizeof *t->cells);
            lines = arena_grow(a, lines, cap, 2 * cap, sizeof *lines);
            cap *= 2;
        }
        size_t row = t->n_rows;
        bool row_ok = true, key_read = false;
        char at[600];   /* a cell's place, made only for a message */
        /* A CSV row with fewer cells than the header lacks the last
        ** columns: said once, not as empty cells. (A workbook row ends at
        ** its last cell with a value: its missing cells are empty.) */
        if (r.csv && n < n_header) {
            const char *first = NULL;
            for (size_t c = 0; c < d->n_columns && !first; c++)
                if (!d->columns[c].derived && (size_t)col[c] >= n)
                    first = d->columns[c].header;
            if (first) {
                say(report, ctx, _("%s: error: raden har %zu celler, men rubrikraden har %zu: kolumn '%s' saknas; lägg till de saknade cellerna (tomma celler skrivs med kommatecken)"),
                    table_at(d->path, NULL, line, -1, at, sizeof at), n, n_header, first);
                table_errors++;
                ok = false;
                continue;
            }
        }
        /* A row with more cells than the header: the cells have moved (a
        ** decimal comma in a comma-separated file, "1,5e3", splits a number
        ** in two), so every value after it is in the wrong column. Empty
        ** cells at the end (separators a spreadsheet left) change nothing. */
        if (n > n_header) {
            size_t extra = n_header;
            while (extra < n && fields[extra].len == 0)
                extra++;
            if (extra < n) {
                say(report, ctx, _("%s: error: raden har %zu celler, men rubrikraden har %zu: cellen '%.*s' står utanför "
                                   "kolumnerna, så värdena kan stå i fel kolumn; ta bort cellen, eller skriv talet inom "
                                   "citattecken om ett tal med decimalkomma har delats i två i en fil som skiljs med "
                                   "kommatecken"),
                    table_at(d->path, sheet, line, (long)extra, at, sizeof at), n, n_header, (int)fields[extra].len,
                    fields[extra].s);
                table_errors++;
                ok = false;
                continue;
            }
        }
        for (size_t c = 0; c < d->n_columns; c++) {
            const Column *cd = &d->columns[c];
            if (cd->derived)
                continue;   /* added up below, from the read cells */
            const char *s = (size_t)col[c] < n ? fields[col[c]].s : "";
            size_t len = (size_t)col[c] < n ? fields[col[c]].len : 0;
            char why[600];
            Value v;
            const char *bad = r.kinds && (size_t)col[c] < n ? cell_kind_why(r.kinds[col[c]], &fields[col[c]], why, sizeof why) : NULL;
            if (bad || !input_cell(prog, NULL, cd->type, s, len, a, &v, why, sizeof why)) {
                say(report, ctx, _("%s: error: kolumn '%s': %s"), table_at(d->path, sheet, line, col[c], at, sizeof at), cd->header, why);
                table_errors++;
                row_ok = false;
                continue;
            }
            if (v.kind == VAL_MISSING && (cd->key || cd->type.kind != TY_TEXT)) {
                say(report, ctx, cd->key ? _("%s: error: kolumn '%s' är tom; varje rad behöver sin nyckel")
                                         : _("%s: error: kolumn '%s' är tom; skriv 0 om värdet är noll"),
                    table_at(d->path, sheet, line, col[c], at, sizeof at), cd->header);
                table_errors++;
                row_ok = false;
                continue;
            }
            if (cd->type.kind == TY_INT && v.u.i < 0) {
                say(report, ctx, _("%s: error: kolumn '%s': %" PRId64 " är negativt; en tabells heltal är antal, och en vikt i en fördelning kan inte vara negativ"),
                    table_at(d->path, sheet, line, col[c], at, sizeof at), cd->header, v.u.i);
                table_errors++;
                row_ok = false;
            }
            t->cells[row * d->n_columns + c] = v;
            if (cd->key) {
                /* A key is text even when its column is a number (a code). */
                char num_buf[32];
                const char *ks = v.u.text.s;
                size_t kl = v.u.text.len;
                if (v.kind == VAL_INT) {
                    snprintf(num_buf, sizeof num_buf, "%" PRId64, v.u.i);
                    ks = num_buf;
                    kl = strlen(num_buf);
                }
                t->keys[row] = arena_strndup(a, ks, kl);
                t->folded[row] = text_fold(a, ks, kl);
                key_read = t->folded[row] != NULL;
            }
        }
        if (row_ok && !derive_row(d, t->cells + row * d->n_columns, d->path, sheet, line, report, ctx))
            row_ok = false;
        if (!row_ok) {
            ok = false;   /* go on: every bad row is reported */
            if (!key_read)
                continue;
            /* Kept for its key, which another row may have too; the table
            ** is not used (ok is false). */
        }
        lines[row] = line;
        t->n_rows++;
    }
    int rc = STATUS_OK;
    if (st == CSV_ERROR) {
        say(report, ctx, sheet ? "%s:%s" : "%s: %s", d->path, table_error(&r));
        table_errors++;
        ok = false;
        rc = STATUS_NOINPUT;
    }
    table_close(&r);
    fclose(f);
    /* Every key twice, each with both its rows; the index keeps the first. */
    t->index = (StrMap){0};
    strmap_reserve(&t->index, a, t->n_rows);
    for (size_t row = 0; row < t->n_rows; row++) {
        int32_t first = strmap_insert(&t->index, a, t->folded[row], strlen(t->folded[row]), (int32_t)row);
        if (first < 0)
            continue;
        char at[600];
        say(report, ctx, _("%s: error: kolumn '%s': nyckeln '%s' finns redan på rad %zu ('%s'); varje rad ska ha en egen nyckel"),
            table_at(d->path, sheet, lines[row], col[d->key], at, sizeof at), d->columns[d->key].header, t->keys[row], lines[first],
            t->keys[first]);
        table_errors++;
        ok = false;
    }
    if (ok)
        ok = split_sums(prog, t, lines, sheet, col, report, ctx);
    if (table_errors > errors0)
        note_declaration(prog, d, report, ctx);
    if (n_empty)   /* skipped, so said: a table has no counts line */
        say(report, ctx, P_("%s: note: %zu tom rad hoppades över", "%s: note: %zu tomma rader hoppades över", n_empty), d->path,
            n_empty);
    return rc != STATUS_OK ? rc : ok ? STATUS_OK : STATUS_RULES;
}

TableData *tables_load(const Program *prog, Arena *a, InputReport report, void *ctx)
{
    TableData *t = arena_alloc(a, (prog->n_tables + 1) * sizeof *t);
    int rc = STATUS_OK;
    table_errors = 0;
    for (size_t i = 0; i < prog->n_tables; i++) {
        t[i].decl = &prog->tables[i];
        rc = status_worst(rc, load_table(prog, &t[i], a, report, ctx));
    }
    last_failure = rc == STATUS_OK ? STATUS_NOINPUT : rc;
    return rc == STATUS_OK ? t : NULL;
}

size_t tables_check(const Program *prog, const bool *skip, Arena *a, InputReport report, void *ctx)
{
    table_errors = 0;
    for (size_t i = 0; i < prog->n_tables; i++) {
        if (skip && skip[i])
            continue;
        TableData t = {.decl = &prog->tables[i]};
        size_t before = table_errors;
        int rc = load_table(prog, &t, a, report, ctx);
        if (rc != STATUS_OK && table_errors == before)
            table_errors++;   /* a file-level failure, said once */
    }
    return table_errors;
}

/* }====== */

/* ====================================================================
** {====== applications
** ==================================================================== */

/* The key set's segment size: MEDEL_KEY_SLOTS (a power of two, at least 16)
** for the tests that make it spill on small files, else its own. */
static size_t key_slots(void)
{
    const char *e = getenv("MEDEL_KEY_SLOTS");
    char *end;
    unsigned long long v = e ? strtoull(e, &end, 10) : 0;
    if (!e || end == e || *end || v < 16 || v > ((size_t)1 << 30) || (v & (v - 1)))
        return 0;
    return (size_t)v;
}

struct AppReader {
    const Program *prog;
    const TableData *tables;
    char *path;
    InputReport report;
    void *ctx;
    AppCounts counts;
    KeySet keys;
    /* The key cell of the row being read, as written, and its hash, taken
    ** early to prefetch its slot in keys (CSV only; NULL otherwise). */
    const char *guess;
    size_t guess_len;
    uint64_t guess_hash;
    Arena scratch;          /* header folding and the like */
    /* CSV */
    FILE *f;
    CsvReader *csv;
    int *col;               /* per field: CSV column, or -1 when absent */
    size_t n_header;
    char **header;          /* the header's cells, for messages */
    bool enc_said;          /* the note on the file's encoding was said */
    size_t n_empty;         /* records with no value at all, skipped (apps_counts adds them) */
    /* A workbook (instead of csv): its sheet, the row's cells padded to the
    ** header's width, and the empty rows the reader had skipped before the
    ** header (not counted). */
    XlsxReader *xlsx;
    const char *sheet;      /* borrowed from xlsx */
    CsvField *xcells;
    unsigned char *xkinds;
    size_t empty_before;
    const char *hfile;      /* while the header is judged: the file's path, and */
    uint32_t hrow;          /* the header's row, to name a header cell */
    /* JSON */
    json_t *array;          /* a whole array document, or NULL */
    size_t next;            /* next element of the array */
    bool lines;             /* JSON Lines */
    char *linebuf;
    size_t linecap;
    size_t lineno;
    char **unknown;         /* JSON keys judged already (in scratch), so each is said once */
    size_t n_unknown, cap_unknown;
    bool seen_line;         /* the first line was read (and judged for its encoding) */
    const char **fold;      /* per field: its column folded, then its name (2 each, in scratch) */
    const char **use;       /* per field: what reads it (field_use), or NULL */
    char *text;             /* a .json file read whole to tell JSON Lines from one object; f reads it */
    AppReader **slot;       /* apps_open_stream's slot, or NULL */
};

static bool required(const Program *prog, size_t i)
{
    const Field *f = &prog->fields[i];
    return (f->flags & (FIELD_KEY | FIELD_REQUIRED | FIELD_REQUESTED)) || (int)i == prog->key_field;
}

static void free_reader(AppReader *r)
{
    if (r->slot)
        *r->slot = NULL;
    if (r->csv)
        csv_close(r->csv);
    xlsx_close(r->xlsx);
    free(r->xcells);
    free(r->xkinds);
    if (r->f)
        fclose(r->f);
    free(r->text);   /* after f, which may read from it */
    if (r->array)
        json_decref(r->array);
    free(r->linebuf);
    free(r->unknown);
    keyset_free(&r->keys);
    free(r->path);
    arena_free(&r->scratch);
    free(r);
}

/* Where a message about header cell col (0-based) is: in a workbook that
** cell, "PATH:Blad1!H1"; in CSV the file, "PATH". In buf[0..n). */
static const char *heading_at(const AppReader *r, size_t col, char *buf, size_t n)
{
    if (!r->hfile)
        return r->path;
    return cell_at(r->hfile, r->sheet, r->hrow, (long)col, buf, n);
}

/* A heading and its column, for finding headings written twice. */
typedef struct Heading {
    const char *fold;
    size_t col;
} Heading;

static int cmp_heading(const void *pa, const void *pb)
{
    const Heading *a = pa, *b = pb;
    int c = strcmp(a->fold, b->fold);
    return c != 0 ? c : (a->col > b->col) - (a->col < b->col);
}

static int cmp_dup(const void *pa, const void *pb)
{
    const Heading *a = pa, *b = pb;
    return (a->col > b->col) - (a->col < b->col);
}

/* Reports every heading of h[0..n) that an earlier column already has
** (ignoring case and blanks around it), naming the first such column.
** Returns false if there was one. Each heading is folded once and the
** folds sorted: comparing every pair, folding both each time, took seconds
** and most of a gigabyte for a header of 10 000 columns. */
static bool unique_headings(AppReader *r, const CsvField *h, size_t n)
{
    Heading *all = arena_alloc(&r->scratch, (n + 1) * sizeof *all);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = h[i].s;
        size_t len = h[i].len;
        trim(&s, &len);
        const char *f = len ? text_fold(&r->scratch, s, len) : NULL;
        if (f)
            all[m++] = (Heading){f, i};
    }
    qsort(all, m, sizeof *all, cmp_heading);
    /* In each run of equal headings the first is the earliest column; the
    ** others are its repeats, reported in column order. */
    Heading *dup = arena_alloc(&r->scratch, (m + 1) * sizeof *dup);   /* fold: unused; col: the repeat */
    size_t *first = arena_alloc(&r->scratch, (n + 1) * sizeof *first);
    size_t n_dup = 0;
    for (size_t k = 0, run = 0; k < m; k++) {
        if (k == 0 || strcmp(all[k].fold, all[k - 1].fold) != 0) {
            run = all[k].col;
            continue;
        }
        first[all[k].col] = run;
        dup[n_dup++] = all[k];
    }
    qsort(dup, n_dup, sizeof *dup, cmp_dup);
    for (size_t k = 0; k < n_dup; k++) {
        size_t i = dup[k].col;
        const char *s = h[i].s;
        size_t len = h[i].len;
        trim(&s, &len);
        char at[600];
        if (r->hfile) {
            char c1[4], c2[4];
            say(r->report, r->ctx, _("%s: rubrikraden har kolumnen '%.*s' två gånger (cellerna %s%u och %s%u)"),
                heading_at(r, i, at, sizeof at), (int)len, s, xlsx_col_name((uint32_t)first[i], c1), r->hrow,
                xlsx_col_name((uint32_t)i, c2), r->hrow);
        } else {
            say(r->report, r->ctx, _("%s: rubrikraden har kolumnen '%.*s' två gånger (kolumn %zu och %zu)"), r->path, (int)len,
                s, first[i] + 1, i + 1);
        }
    }
    if (n_dup)
        last_failure = STATUS_HEADER;
    return n_dup == 0;
}

/* Whether expression e reads field i. */
static bool expr_uses(const Expr *e, size_t i)
{
    if (!e)
        return false;
    if (e->ref_kind == REF_FIELD && e->ref == (int32_t)i)
        return true;
    if (expr_uses(e->a, i) || expr_uses(e->b, i) || expr_uses(e->c, i))
        return true;
    for (size_t k = 0; k < e->list.n; k++)
        if (expr_uses(e->list.items[k], i))
            return true;
    return false;
}

/* What in the rules reads field i, for a message ("criterion 'målgrupp'"),
** or NULL when nothing does: a column for it that is absent from the file
** then changes a result, and is an error. In `a`. */
static const char *field_use(const Program *p, size_t i, Arena *a)
{
    for (size_t k = 0; k < p->n_pots; k++) {
        const Pot *pot = &p->pots[k];
        if (pot->cap_field == (int)i)
            return arena_printf(a, _("taket 'tak … per %s' i potten '%s'"), p->fields[i].name, pot->name);
        if (pot->has_split && pot->split.field == (int)i)
            return arena_printf(a, _("fördelningen 'fördela per %s' i potten '%s'"), p->fields[i].name, pot->name);
        if (expr_uses(pot->applies, i))
            return arena_printf(a, _("'ansökningar där' i potten '%s'"), pot->name);
    }
    for (size_t k = 0; k < p->n_criteria; k++)
        if (expr_uses(p->criteria[k].require, i))
            return arena_printf(a, _("villkoret '%s'"), p->criteria[k].name);
    for (size_t k = 0; k < p->n_priorities; k++)
        if (expr_uses(p->priorities[k].score, i) || expr_uses(p->priorities[k].when, i))
            return arena_printf(a, _("prioriteringen '%s'"), p->priorities[k].name);
    for (size_t k = 0; k < p->n_portfolios; k++)
        for (size_t b = 0; b < p->portfolios[k].n_bounds; b++)
            if (expr_uses(p->portfolios[k].bounds[b].count, i) || expr_uses(p->portfolios[k].bounds[b].where, i))
                return arena_printf(a, _("portföljen '%s'"), p->portfolios[k].name);
    return NULL;
}

/* The declared column most like heading `h` among the fields that found no
** column (missing[i]), or NULL when none is close (text_alike: at most a
** third of the longer name differs, ignoring case and the marks on å, ä, ö,
** or a unit added: "Ålder (år)" for "Ålder"). */
static const char *closest_column(Arena *a, const Program *p, const bool *missing, const char *h)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < p->n_fields; i++) {
        if (!missing[i])
            continue;
        const char *names[2] = {p->fields[i].column, p->fields[i].name};
        for (int k = 0; k < 2; k++) {
            size_t d;
            if (text_alike(a, h, names[k], &d) && d < best_d) {
                best_d = d;
                best = p->fields[i].column;
            }
        }
    }
    return best;
}


/* Checks that every header cell is valid UTF-8 text, saying for each that is
** not what it looks like and how to fix the file. */
static bool header_utf8(AppReader *r, const CsvField *h, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (text_valid_utf8(h[i].s, h[i].len, NULL, NULL) && !memchr(h[i].s, '\0', h[i].len))
            continue;
        const char *s = h[i].s;
        size_t len = h[i].len;
        trim(&s, &len);
        /* The reader judged the file UTF-8 before this cell (csv.h). */
        if (source_looks_cp1252(s, len))
            say(r->report, r->ctx, _("%s: kolumn %zu i rubrikraden är inte giltig UTF-8-text, fast filen före den är det: den ser ut som Windows-1252 ('%s' i Windows-1252), så filen blandar två teckenkodningar; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"), r->path,
                i + 1, as_cp1252(&r->scratch, s, len));
        else
            say(r->report, r->ctx, _("%s: kolumn %zu i rubrikraden är inte giltig UTF-8-text, fast filen före den är det: filen blandar teckenkodningar eller är skadad; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"), r->path, i + 1);
        ok = false;
    }
    return ok;
}

/* Matches the header h[0..n) to the fields, by the rule that every declared
** column is found or reported, and every header cell is used or reported
** (docs/medel.1, HEADERS). A required column that is missing, one the rules
** read (a criterion, a cap, a split, a priority), and a missing column
** beside a header cell that matches nothing (most likely its misspelling)
** are errors. A header cell that matches nothing alone, or a missing
** optional column that nothing reads, is a warning, counted. */
static bool match_header(AppReader *r, const CsvField *h, size_t n)
{
    const Program *p = r->prog;
    Arena *a = &r->scratch;
    bool *used = arena_alloc(a, n + 1);
    bool *missing = arena_alloc(a, p->n_fields + 1);
    memset(used, 0, n + 1);
    size_t n_missing = 0, n_unused = 0;
    for (size_t i = 0; i < p->n_fields; i++) {
        r->col[i] = find_header(a, h, n, p->fields[i].column);
        if (r->col[i] < 0 && strcmp(p->fields[i].column, p->fields[i].name) != 0)
            r->col[i] = find_header(a, h, n, p->fields[i].name);
        missing[i] = r->col[i] < 0;
        n_missing += missing[i];
        if (r->col[i] >= 0)
            used[r->col[i]] = true;
    }
    /* A repeat of a matched heading is reported by unique_headings. */
    const char **fc = arena_alloc(a, (2 * p->n_fields + 1) * sizeof *fc);
    for (size_t i = 0; i < p->n_fields; i++) {
        fc[2 * i] = text_fold(a, p->fields[i].column, strlen(p->fields[i].column));
        fc[2 * i + 1] = text_fold(a, p->fields[i].name, strlen(p->fields[i].name));
    }
    for (size_t j = 0; j < n; j++) {
        if (used[j] || all_blank(h[j].s, h[j].len))
            continue;
        const char *s = h[j].s;
        size_t len = h[j].len;
        trim(&s, &len);
        const char *f = text_fold(a, s, len);
        for (size_t i = 0; f && i < 2 * p->n_fields && !used[j]; i++)
            used[j] = !missing[i / 2] && fc[i] && strcmp(f, fc[i]) == 0;
        n_unused += !used[j];
    }
    bool ok = true;
    /* A missing column next to an unknown one: both are errors. */
    bool pair = n_missing && n_unused;
    /* For a missing column that is an error: the unused header cell most
    ** like it (the cell whose closest column it is), and the header. */
    const char **like = arena_alloc(a, (p->n_fields + 1) * sizeof *like);
    memset(like, 0, (p->n_fields + 1) * sizeof *like);
    /* The cells offered for a missing column: said there, not again as
    ** a cell that matches nothing. */
    bool *offered = arena_alloc(a, (n + 1) * sizeof *offered);
    memset(offered, 0, (n + 1) * sizeof *offered);
    size_t *like_col = arena_alloc(a, (p->n_fields + 1) * sizeof *like_col);
    const char *list = NULL;
    if (n_missing) {
        list = header_list(a, r->header, n);
        /* A header of one cell holding the separators: the columns were
        ** never split (a CSV opened or converted as one column). */
        const char *sep = NULL;
        size_t cells = 0;
        for (size_t j = 0; j < n; j++)
            cells += r->header[j][0] != '\0';
        for (size_t j = 0; cells == 1 && !sep && j < n; j++)
            sep = strchr(r->header[j], ';') ? ";" : strchr(r->header[j], ',') ? "," : strchr(r->header[j], '\t') ? "\\t" : NULL;
        /* UTF-8 read as Windows-1252 or Latin-1: ö shows as "Ã¶". */
        bool mojibake = strstr(list, "\xC3\x83") != NULL;
        size_t n_needed = 0;   /* missing columns that are errors */
        for (size_t i = 0; i < p->n_fields; i++)
            n_needed += missing[i] && (required(p, i) || field_use(p, i, a));
        if ((sep || mojibake) && n_needed) {
            char more[600] = "";
            size_t at = 0;
            if (sep)
                at += (size_t)snprintf(more + at, sizeof more - at,
                                       _("; rubrikraden är en enda cell med '%s' i: kolumnerna har inte delats upp; "
                                         "dela upp dem (i Excel: Data > Text till kolumner, med '%s' som avgränsare) "
                                         "eller ge medel CSV-filen själv"), sep, sep);
            if (mojibake && at < sizeof more)
                snprintf(more + at, sizeof more - at,
                         _("; texten verkar ha lästs med fel teckenkodning ('Ã¶' i stället för 'ö'): öppna filen som UTF-8"));
            say(r->report, r->ctx, P_("%s: rubrikraden passar inte regelfilen: %zu kolumn som behövs saknas%s; rubrikraden har: %s",
                   "%s: rubrikraden passar inte regelfilen: %zu kolumner som behövs saknas%s; rubrikraden har: %s", n_needed),
                r->path, n_needed, more, list);
            last_failure = STATUS_HEADER;
            return false;
        }
        /* Not one column the rule file knows: another file, or another
        ** sheet, than meant. One message, not one for each column. */
        if (n_missing == p->n_fields && n_needed > 1) {
            char **want = arena_alloc(a, (p->n_fields + 1) * sizeof *want);
            for (size_t i = 0; i < p->n_fields; i++)
                want[i] = arena_strndup(a, p->fields[i].column, strlen(p->fields[i].column));
            say(r->report, r->ctx, _("%s: rubrikraden har ingen av regelfilens kolumner; är det rätt fil (eller rätt blad)? "
                                     "rubrikraden har: %s; regelfilen väntar sig: %s"),
                r->path, list, header_list(a, want, p->n_fields));
            last_failure = STATUS_HEADER;
            return false;
        }
        for (size_t j = 0; n_unused && j < n; j++) {
            if (used[j] || !r->header[j][0])
                continue;
            const char *near = closest_column(a, p, missing, r->header[j]);
            for (size_t i = 0; near && i < p->n_fields; i++)
                if (missing[i] && !like[i] && p->fields[i].column == near) {
                    like[i] = r->header[j];
                    like_col[i] = j;
                }
        }
    }
    for (size_t i = 0; i < p->n_fields; i++) {
        if (!missing[i])
            continue;
        const Field *f = &p->fields[i];
        const char *use = field_use(p, i, a);
        char hint[700] = "";
        if (like[i])
            snprintf(hint, sizeof hint, _("; rubriken '%s' (kolumn %zu) liknar den, felstavad"), like[i],
                     like_col[i] + 1);
        if (like[i] && (required(p, i) || use || pair))
            offered[like_col[i]] = true;   /* an error names it; a warning below would only repeat it */
        if (required(p, i)) {
            say(r->report, r->ctx, _("%s: rubrikraden har ingen kolumn '%s' (fältet '%s'), som varje ansökan behöver; rubrikraden har: %s%s"), r->path, f->column, f->name, list, hint);
            ok = false;
            list = _("(se ovan)");   /* the header once, not with every missing column */
        } else if (use) {
            say(r->report, r->ctx, _("%s: rubrikraden har ingen kolumn '%s' (fältet '%s'), som %s läser; lägg till kolumnen; rubrikraden har: %s%s"), r->path, f->column, f->name, use, list, hint);
            ok = false;
            list = _("(se ovan)");
        } else if (pair) {
            say(r->report, r->ctx, _("%s: rubrikraden har ingen kolumn '%s' (fältet '%s'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: %s%s"), r->path, f->column, f->name, list, hint);
            ok = false;
        } else {
            say(r->report, r->ctx, _("%s: warning: rubrikraden har ingen kolumn '%s' (fältet '%s'); fältet är tomt i varje ansökan"), r->path, f->column, f->name);
            r->counts.warnings++;
        }
    }
    /* Cells that match nothing, each said; past MANY of them (a wide
    ** export) the rest are counted in one message rather than listed. */
    enum { MANY = 20 };
    size_t said = 0;
    char rest[512] = "";
    size_t rest_at = 0;
    for (size_t j = 0; j < n; j++) {
        if (used[j] || offered[j] || all_blank(h[j].s, h[j].len))
            continue;
        const char *s = h[j].s;
        size_t len = h[j].len;
        trim(&s, &len);
        const char *cell = arena_strndup(a, s, len);
        if (said++ >= MANY) {
            if (rest_at < sizeof rest - 1)
                rest_at += (size_t)snprintf(rest + rest_at, sizeof rest - rest_at, _("%s'%.*s' (kolumn %zu)"),
                                            rest_at ? ", " : "", shown(cell, len), cell, j + 1);
            continue;
        }
        const char *near = closest_column(a, p, missing, cell);
        char hint[600] = "";
        if (near)
            snprintf(hint, sizeof hint, _("; menade du '%s'?"), near);
        char at[600];
        if (pair) {
            say(r->report, r->ctx, _("%s: kolumn %zu i rubrikraden, '%s', är inget fält i regelfilen%s"),
                heading_at(r, j, at, sizeof at), j + 1, cell, hint);
            ok = false;
        } else {
            say(r->report, r->ctx, _("%s: warning: kolumn %zu i rubrikraden, '%s', är inget fält i regelfilen; den läses inte%s"), heading_at(r, j, at, sizeof at), j + 1, cell, hint);
            r->counts.warnings++;
        }
    }
    if (said > MANY) {
        if (rest_at >= sizeof rest - 1)
            snprintf(rest + sizeof rest - 5, 5, " …");
        say(r->report, r->ctx, _("%s: %s%zu kolumner till i rubrikraden är inga fält i regelfilen%s: %s"), r->path,
            pair ? "" : "warning: ", said - MANY, pair ? "" : _("; de läses inte"), rest);
        if (pair)
            ok = false;
        else
            r->counts.warnings++;
    }
    if (!ok)
        last_failure = STATUS_HEADER;
    return ok;
}

static bool open_csv(AppReader *r)
{
    const Program *p = r->prog;
    r->csv = csv_open(r->f);
    CsvField *h;
    size_t n, line;
    CsvStatus st;
    /* Lines of nothing but blanks before the header are no header. */
    while ((st = csv_next(r->csv, &h, &n, &line)) == CSV_RECORD && n == 1 && !h[0].quoted && all_blank(h[0].s, h[0].len))
        ;
    if (note_encoding(r->report, r->ctx, r->path, r->csv, &r->enc_said))
        r->counts.warnings++;
    if (st != CSV_RECORD) {
        if (st == CSV_BAD)
            say_bad_record(r->report, r->ctx, r->path, r->csv, NULL, 0);
        else
            say(r->report, r->ctx, "%s: %s", r->path,
                st == CSV_ERROR ? csv_error(r->csv) : _("filen är tom; den behöver en rubrikrad"));
        return false;
    }
    if (refuse_wide(r->report, r->ctx, r->path, r->csv, &h[0]))
        return false;
    if (!header_utf8(r, h, n))
        return false;
    r->n_header = n;
    csv_expect_cells(r->csv, n);
    r->header = header_names(&r->scratch, h, n);
    r->col = arena_alloc(&r->scratch, (p->n_fields + 1) * sizeof *r->col);
    /* A heading written twice would leave it unclear which column counts. */
    bool ok = unique_headings(r, h, n);
    ok &= match_header(r, h, n);
    return ok;
}

/* Opens the sheet of a workbook and matches its header (its first row with
** a value) as open_csv does a CSV header; messages about the header name
** the sheet ("FILE:Blad1: the header has no column …"), and those about one
** header cell the cell ("FILE:Blad1!H1: column 8 of the header, …"). */
static bool open_xlsx(AppReader *r, const char *sheet)
{
    const Program *p = r->prog;
    char why[800];
    r->xlsx = open_workbook(r->f, sheet, false, why, sizeof why);
    if (!r->xlsx) {
        say(r->report, r->ctx, "%s: %s", r->path, why);
        return false;
    }
    r->sheet = xlsx_sheet(r->xlsx);
    CsvField *h;
    const unsigned char *kinds;
    size_t n;
    uint32_t row;
    int got = xlsx_next(r->xlsx, &h, &kinds, &n, &row);
    if (got <= 0) {
        if (got < 0)
            say(r->report, r->ctx, "%s:%s", r->path, xlsx_error(r->xlsx));
        else
            say(r->report, r->ctx, _("%s:%s: bladet är tomt; det behöver en rubrikrad"), r->path, r->sheet);
        return false;
    }
    r->empty_before = xlsx_empty_rows(r->xlsx);
    for (size_t i = 0; i < n; i++) {
        char kw[200], at[600];
        if (cell_kind_why(kinds[i], &h[i], kw, sizeof kw)) {
            say(r->report, r->ctx, _("%s: rubrikraden: %s"), cell_at(r->path, r->sheet, row, (long)i, at, sizeof at), kw);
            return false;
        }
    }
    r->n_header = n;
    r->header = header_names(&r->scratch, h, n);
    r->col = arena_alloc(&r->scratch, (p->n_fields + 1) * sizeof *r->col);
    r->xcells = xmalloc((n + 1) * sizeof *r->xcells);
    r->xkinds = xmalloc(n + 1);
    /* The header's messages are the file's, named by the sheet: they are
    ** said through r->path, which names it for their while. */
    char *file = r->path;
    r->path = arena_printf(&r->scratch, "%s:%s", file, r->sheet);
    r->hfile = file;   /* a message about one header cell names the cell */
    r->hrow = row;
    bool ok = unique_headings(r, h, n);
    ok &= match_header(r, h, n);
    r->path = file;
    r->hfile = NULL;
    return ok;
}

/* Reads a JSON document for json_load_callback, at most INPUT_MAX_JSON_MIB
** (and one byte more, to tell). */
typedef struct JsonSource {
    FILE *f;
    size_t total;
    bool over;
} JsonSource;

static size_t json_source(void *buf, size_t n, void *data)
{
    JsonSource *js = data;
    const size_t max = (size_t)INPUT_MAX_JSON_MIB << 20;
    if (js->total > max) {
        js->over = true;
        return (size_t)-1;
    }
    if (n > max + 1 - js->total)
        n = max + 1 - js->total;
    size_t got = fread(buf, 1, n, js->f);
    js->total += got;
    if (got == 0 && ferror(js->f))
        return (size_t)-1;
    return got;
}

/* A JSON file (not JSON Lines by name) that starts with '{': either JSON
** Lines after all, one object per line, which is read as such, or a single
** object, which is refused: the applications must be an array. A single
** object is mostly a wrapper around the array ({"ansökningar": [ … ]}) or a
** file cut short, and reading it as one application would bury that under
** errors about missing fields. The file is read whole to tell; for JSON
** Lines, r->f then reads that copy. `skipped` lines were blank. Returns
** false when the file is refused (and says why). */
static bool json_object_file(AppReader *r, size_t skipped)
{
    size_t len;
    char *text;
    int got = source_read_all(r->f, (size_t)INPUT_MAX_JSON_MIB << 20, &text, &len);
    if (got != 0) {
        if (got > 0)
            say(r->report, r->ctx, _("%s: filen är större än %d MiB, det mesta ett JSON-dokument får vara; skriv ansökningarna som JSON Lines (ett objekt per rad) eller som CSV"), r->path, INPUT_MAX_JSON_MIB);
        else
            say(r->report, r->ctx, _("%s: kan inte läsa ansökningarna: %s"), r->path, i18n_strerror(errno));
        return false;
    }
    const char *must = _("ansökningarna ska vara en JSON-lista, [ {…}, {…} ]");
    json_error_t err;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    if (doc) {
        const char *key, *inner = NULL;
        json_t *value;
        json_object_foreach(doc, key, value) {
            if (!inner && json_is_array(value) && json_is_object(json_array_get(value, 0)))
                inner = key;
        }
        if (inner)
            say(r->report, r->ctx, _("%s: filen innehåller ett JSON-objekt, men %s; om de är listan i dess medlem '%s', gör den listan till hela filen"), r->path, must, inner);
        else
            say(r->report, r->ctx, _("%s: filen innehåller ett JSON-objekt, men %s; skriv [ {…} ] för en enda ansökan"),
                r->path, must);
        json_decref(doc);
        free(text);
        return false;
    }
    /* Not one object. JSON Lines has a whole object on its first line. */
    size_t first = strcspn(text, "\n");
    while (first > 0 && (text[first - 1] == '\r' || text[first - 1] == ' ' || text[first - 1] == '\t'))
        first--;
    if (first == 0 || text[first - 1] != '}') {
        char why[300];
        say(r->report, r->ctx, _("%s:%zu:%d: syntaxfel i JSON: %s; %s"), r->path, (size_t)err.line + skipped, err.column,
            json_why(&err, why, sizeof why), must);
        free(text);
        return false;
    }
    FILE *mem = fmemopen(text, len, "rb");
    if (!mem) {
        say(r->report, r->ctx, _("%s: kan inte läsa ansökningarna: %s"), r->path, i18n_strerror(errno));
        free(text);
        return false;
    }
    fclose(r->f);
    r->f = mem;
    r->text = text;
    return true;
}

static void key_caches(AppReader *r);
static bool judge_every_record(AppReader *r);

AppReader *apps_open(const Program *prog, const TableData *tables, const char *path, InputFormat fmt, InputReport report,
                     void *ctx)
{
    return apps_open_sheet(prog, tables, path, fmt, NULL, report, ctx);
}

AppReader *apps_open_sheet(const Program *prog, const TableData *tables, const char *path, InputFormat fmt,
                           const char *sheet, InputReport report, void *ctx)
{
    char cannot[200];
    /* Standard input through stdin_open, which copies it as it is read, so
    ** that it can be read again and is never read ahead of these limits. */
    FILE *f = strcmp(path, "-") == 0 ? stdin_open(cannot, sizeof cannot) : source_open_file(path, true, cannot, sizeof cannot);
    if (!f) {
        say(report, ctx, _("%s: kan inte läsa ansökningarna: %s"), path, cannot);
        last_failure = STATUS_NOINPUT;
        return NULL;
    }
    return apps_open_stream_sheet(prog, tables, path, f, fmt, sheet, report, ctx, NULL);
}

AppReader *apps_open_stream(const Program *prog, const TableData *tables, const char *path, FILE *f, InputFormat fmt,
                            InputReport report, void *ctx, AppReader **slot)
{
    return apps_open_stream_sheet(prog, tables, path, f, fmt, NULL, report, ctx, slot);
}

AppReader *apps_open_stream_sheet(const Program *prog, const TableData *tables, const char *path, FILE *f,
                                  InputFormat fmt, const char *sheet, InputReport report, void *ctx, AppReader **slot)
{
    last_failure = STATUS_NOINPUT;   /* unless the header is what fails */
    AppReader *r = xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    keyset_init(&r->keys, key_slots());
    r->f = f;   /* closed by free_reader from here on */
    r->slot = slot;
    if (slot)
        *slot = r;
    r->prog = prog;
    r->tables = tables;
    r->path = xstrdup(path);
    r->report = report;
    r->ctx = ctx;
    arena_init(&r->scratch);
    if (fmt == INPUT_AUTO) {
        const char *dot = strrchr(path, '.');
        fmt = dot && !strcmp(dot, ".json") ? INPUT_JSON
            : dot && (!strcmp(dot, ".jsonl") || !strcmp(dot, ".ndjson")) ? INPUT_JSONL
            : ends_with(path, ".xlsx") || ends_with(path, ".xlsm") ? INPUT_XLSX
            : ends_with(path, ".xls") || ends_with(path, ".ods") || ends_with(path, ".xlsb") ? INPUT_AUTO
            : INPUT_CSV;
        /* By content too: a workbook by another name is no CSV. */
        char magic = fmt == INPUT_XLSX ? 0 : peek_magic(&r->f);
        if (magic == 'z')
            fmt = INPUT_XLSX;
        if (magic == 'o' || fmt == INPUT_AUTO) {
            say(report, ctx, _("%s: filen är %s, som medel inte läser: spara den som Excel-arbetsbok (.xlsx) eller som \"CSV UTF-8\""), path,
                ends_with(path, ".ods") ? _("ett OpenDocument-kalkylblad (.ods)")
                : ends_with(path, ".xlsb") ? _("en binär Excel-arbetsbok (.xlsb)") : _("en gammal Excel-arbetsbok (.xls)"));
            free_reader(r);
            return NULL;
        }
    }
    if (fmt == INPUT_CSV && peek_magic(&r->f)) {
        say(report, ctx, _("%s: filen är en Excel-arbetsbok, inte CSV: läs den som en sådan (--input-format xlsx, eller utan --input-format)"), path);
        free_reader(r);
        return NULL;
    }
    if (sheet && fmt != INPUT_XLSX) {
        say(report, ctx, _("%s: ett blad angavs ('%s'), men filen är ingen arbetsbok: ange blad bara för en .xlsx-fil"),
            path, sheet);
        free_reader(r);
        return NULL;
    }
    if (fmt == INPUT_XLSX) {
        if (!open_xlsx(r, sheet)) {
            free_reader(r);
            return NULL;
        }
        return r;
    }
    if (fmt == INPUT_CSV) {
        if (!open_csv(r)) {
            free_reader(r);
            return NULL;
        }
        return r;
    }
    /* JSON: an array document, or one object per line. Peek at the first
    ** non-blank byte to tell them apart. */
    int c;
    size_t skipped = 0;   /* lines passed over here, so line numbers stay true */
    while ((c = fgetc(r->f)) == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF)
        skipped += c == '\n';
    if (c == EOF) {
        /* Like an empty CSV file: an error, not zero applications, which
        ** would hide a file that was never written. */
        say(report, ctx, _("%s: filen är tom; den behöver %s"), path,
            fmt == INPUT_JSONL ? _("ett JSON-objekt per ansökan, ett per rad")
                               : _("en JSON-lista med ansökningar, [ {…}, {…} ]"));
        free_reader(r);
        return NULL;
    }
    if (c == 0xFF || c == 0xFE || c == 0) {
        /* A byte-order mark of UTF-16 or UTF-32 (which Excel's "Unicode
        ** text" has), or a NUL before the text. */
        say(report, ctx, _("%s: filen är %s-text, men medel läser bara UTF-8: spara den som UTF-8"), path,
            c == 0 ? _("UTF-16- eller UTF-32") : "UTF-16");
        free_reader(r);
        return NULL;
    }
    ungetc(c, r->f);
    if (c == '{' && fmt == INPUT_JSON && !json_object_file(r, skipped)) {
        free_reader(r);
        return NULL;
    }
    if (c == '[' && fmt != INPUT_JSONL) {
        json_error_t err;
        JsonSource js = {r->f, 0, false};
        r->array = json_load_callback(json_source, &js, JSON_REJECT_DUPLICATES, &err);
        if (!r->array && js.over) {
            say(report, ctx, _("%s: filen är större än %d MiB, det mesta ett JSON-dokument får vara; skriv ansökningarna som JSON Lines (ett objekt per rad) eller som CSV"), path, INPUT_MAX_JSON_MIB);
            free_reader(r);
            return NULL;
        }
        if (!r->array) {
            char why[300];
            say(report, ctx, _("%s:%zu:%d: syntaxfel i JSON: %s"), path, (size_t)err.line + skipped, err.column,
                json_why(&err, why, sizeof why));
            free_reader(r);
            return NULL;
        }
        key_caches(r);
        if (!judge_every_record(r)) {
            last_failure = STATUS_HEADER;
            free_reader(r);
            return NULL;
        }
        return r;
    }
    key_caches(r);
    r->lines = true;
    r->lineno = skipped;
    return r;
}

/* A member of a JSON object by its column header or field name; like CSV
** headers, letter case does not matter. Borrowed from obj. */
static json_t *member(json_t *obj, const Field *f, Arena *a)
{
    json_t *v = json_object_get(obj, f->column);
    if (!v)
        v = json_object_get(obj, f->name);
    if (v)
        return v;
    const char *fc = text_fold(a, f->column, strlen(f->column));
    const char *fn = text_fold(a, f->name, strlen(f->name));
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        const char *ks = key;
        size_t kl = strlen(key);
        trim(&ks, &kl);
        const char *fk = text_fold(a, ks, kl);
        if (fk && ((fc && !strcmp(fk, fc)) || (fn && !strcmp(fk, fn))))
            return value;
    }
    return NULL;
}

/* Reports each key of obj that an earlier key already has, ignoring case
** and blanks around it, in the words unique_headings uses for a CSV header.
** False if there was one. */
static bool unique_keys(AppReader *r, json_t *obj, Arena *a, const char *where)
{
    size_t n = json_object_size(obj), m = 0;
    if (n < 2)
        return true;
    Heading *all = arena_alloc(a, n * sizeof *all);
    const char **keys = arena_alloc(a, n * sizeof *keys);
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        const char *s = key;
        size_t len = strlen(key);
        trim(&s, &len);
        const char *f = len ? text_fold(a, s, len) : NULL;
        keys[m] = key;
        if (f)
            all[m] = (Heading){f, m};
        else
            all[m] = (Heading){"", m};
        m++;
    }
    qsort(all, m, sizeof *all, cmp_heading);
    bool ok = true;
    for (size_t k = 1; k < m; k++) {
        if (!all[k].fold[0] || strcmp(all[k].fold, all[k - 1].fold) != 0)
            continue;
        say(r->report, r->ctx, _("%s: objektet har fältet '%s' två gånger (som '%s' och '%s'); stora och små bokstäver räknas lika"),
            where, keys[all[k - 1].col], keys[all[k - 1].col], keys[all[k].col]);
        ok = false;
    }
    return ok;
}

/* Says, once per file, each key of obj that names no field (as an unused
** CSV heading is said): a warning, counted, for it is not read. */
enum { MAX_JUDGED_KEYS = 1000 };

static void unknown_keys(AppReader *r, json_t *obj, Arena *a, const char *where)
{
    const Program *p = r->prog;
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        bool known = false;
        for (size_t i = 0; i < p->n_fields && !known; i++)
            known = !strcmp(key, p->fields[i].column) || !strcmp(key, p->fields[i].name);
        for (size_t k = 0; k < r->n_unknown && !known; k++)
            known = !strcmp(key, r->unknown[k]);
        if (known)
            continue;
        if (r->n_unknown == MAX_JUDGED_KEYS) {
            /* Keys that are data (one per record) would make this
            ** quadratic; said once, and no longer one by one. */
            say(r->report, r->ctx, _("%s: warning: fler än %d olika nycklar; resten som inte är fält i regelfilen läses inte och nämns inte en och en"), where, MAX_JUDGED_KEYS);
            r->counts.warnings++;
            r->n_unknown++;
        }
        if (r->n_unknown > MAX_JUDGED_KEYS)
            return;
        /* Not as written: perhaps in another case or with blanks around. */
        const char *s = key;
        size_t len = strlen(key);
        trim(&s, &len);
        const char *fk = text_fold(a, s, len);
        for (size_t i = 0; fk && i < p->n_fields && !known; i++) {
            const char *fc = text_fold(a, p->fields[i].column, strlen(p->fields[i].column));
            const char *fn = text_fold(a, p->fields[i].name, strlen(p->fields[i].name));
            known = (fc && !strcmp(fk, fc)) || (fn && !strcmp(fk, fn));
        }
        /* Remembered either way, so that a key is judged (and said) once. */
        if (r->n_unknown == r->cap_unknown) {
            r->cap_unknown = r->cap_unknown ? 2 * r->cap_unknown : 8;
            r->unknown = xrealloc(r->unknown, r->cap_unknown * sizeof *r->unknown);
        }
        r->unknown[r->n_unknown++] = arena_strdup(&r->scratch, key);
        if (known)
            continue;
        say(r->report, r->ctx, _("%s: warning: nyckeln '%.*s' är inget fält i regelfilen; den läses inte"), where,
            shown(key, strlen(key)), key);
        r->counts.warnings++;
    }
}

/* The field that JSON key `key` names (exactly, or ignoring case and blanks
** around it), or -1. */
static int key_field(const AppReader *r, const char *key, Arena *a)
{
    const Program *p = r->prog;
    for (size_t i = 0; i < p->n_fields; i++)
        if (!strcmp(key, p->fields[i].column) || !strcmp(key, p->fields[i].name))
            return (int)i;
    const char *s = key;
    size_t len = strlen(key);
    trim(&s, &len);
    const char *fk = text_fold(a, s, len);
    for (size_t i = 0; fk && i < 2 * p->n_fields; i++)
        if (r->fold[i] && !strcmp(fk, r->fold[i]))
            return (int)(i / 2);
    return -1;
}

/* The per-field caches judge_keys needs, made once per JSON file. */
static void key_caches(AppReader *r)
{
    const Program *p = r->prog;
    Arena *a = &r->scratch;
    r->fold = arena_alloc(a, (2 * p->n_fields + 1) * sizeof *r->fold);
    r->use = arena_alloc(a, (p->n_fields + 1) * sizeof *r->use);
    for (size_t i = 0; i < p->n_fields; i++) {
        r->fold[2 * i] = text_fold(a, p->fields[i].column, strlen(p->fields[i].column));
        r->fold[2 * i + 1] = text_fold(a, p->fields[i].name, strlen(p->fields[i].name));
        r->use[i] = field_use(p, i, a);
    }
}

/* The header rule (match_header) for the keys of one JSON object: a field
** with no key (not even null) that the rules read (a criterion, cap, split,
** priority, portfolio), and a field with no key beside a key that names no
** field (most likely its misspelling, with "did you mean"), are errors,
** said through `rep` with the prefix `where`. A required field with no key
** is left to from_json ("is missing"); an optional one nothing reads, and
** an unknown key alone, are no error here. *pair is set when a key names no
** field beside a field with no key (the unknown keys were then said here).
** Returns false if there was an error. */
static bool judge_keys(AppReader *r, json_t *obj, Arena *a, const char *where, InputReport rep, void *rctx, bool *pair)
{
    const Program *p = r->prog;
    bool *missing = arena_alloc(a, p->n_fields + 1);
    for (size_t i = 0; i < p->n_fields; i++)
        missing[i] = true;
    size_t n_keys = json_object_size(obj), n_unknown = 0, n_missing = 0;
    const char **unknown = arena_alloc(a, (n_keys + 1) * sizeof *unknown);
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        int i = key_field(r, key, a);
        if (i >= 0)
            missing[i] = false;
        else
            unknown[n_unknown++] = key;
    }
    for (size_t i = 0; i < p->n_fields; i++)
        n_missing += missing[i];
    *pair = n_missing && n_unknown;
    bool ok = true;
    for (size_t i = 0; i < p->n_fields; i++) {
        if (!missing[i] || required(p, i))
            continue;
        const Field *f = &p->fields[i];
        if (r->use[i]) {
            say(rep, rctx, _("%s: objektet har ingen nyckel '%s' (fältet '%s'), som %s läser; lägg till nyckeln (null när värdet inte är känt)"), where, f->column, f->name, r->use[i]);
            ok = false;
        } else if (*pair) {
            say(rep, rctx, _("%s: objektet har ingen nyckel '%s' (fältet '%s'); lägg till nyckeln, eller rätta den som är menad för det"),
                where, f->column, f->name);
            ok = false;
        }
    }
    for (size_t k = 0; *pair && k < n_unknown; k++) {
        const char *near = closest_column(a, p, missing, unknown[k]);
        char hint[600] = "";
        if (near)
            snprintf(hint, sizeof hint, _("; menade du '%s'?"), near);
        say(rep, rctx, _("%s: nyckeln '%.*s' är inget fält i regelfilen%s"), where, shown(unknown[k], strlen(unknown[k])),
            unknown[k], hint);
        ok = false;
    }
    return ok;
}

/* Collects messages into a growing text (for judging every record). */
typedef struct Collected {
    char *text;
    size_t len, cap;
} Collected;

static void collect_msg(void *ctx, const char *msg)
{
    Collected *c = ctx;
    size_t n = strlen(msg);
    if (c->len + n + 2 > c->cap) {
        c->cap = 2 * (c->len + n + 2);
        c->text = xrealloc(c->text, c->cap);
    }
    memcpy(c->text + c->len, msg, n);
    c->len += n;
    c->text[c->len++] = '\n';
    c->text[c->len] = '\0';
}

/* A JSON array whose every record has the same key errors (judge_keys) is
** refused whole, said once, as a CSV header is checked once: each record
** rejected with the same messages would bury them. Returns false when the
** file is refused. */
/* A JSON array whose every record lacks the key of a field every
** application needs: said once for the file, as a CSV header without the
** column is, with the key most like it and the keys the records have.
** Returns false when the file is refused. */
static bool every_record_has_required(AppReader *r)
{
    const Program *p = r->prog;
    size_t n = json_array_size(r->array);
    if (n == 0)
        return true;
    Arena a;
    arena_init(&a);
    bool *lacks = arena_alloc(&a, p->n_fields + 1);
    for (size_t i = 0; i < p->n_fields; i++)
        lacks[i] = required(p, i);
    for (size_t k = 0; k < n; k++) {
        json_t *obj = json_array_get(r->array, k);
        if (!json_is_object(obj)) {
            arena_free(&a);
            return true;   /* that record is rejected on its own */
        }
        const char *key;
        json_t *value;
        json_object_foreach(obj, key, value) {
            int i = key_field(r, key, &a);
            if (i >= 0)
                lacks[i] = false;
        }
    }
    size_t n_lack = 0;
    for (size_t i = 0; i < p->n_fields; i++)
        n_lack += lacks[i];
    if (n_lack == 0) {
        arena_free(&a);
        return true;
    }
    /* The keys of the first record, for the message and "did you mean". */
    json_t *first = json_array_get(r->array, 0);
    size_t n_keys = json_object_size(first), m = 0;
    char **keys = arena_alloc(&a, (n_keys + 1) * sizeof *keys);
    const char *key;
    json_t *value;
    json_object_foreach(first, key, value)
        keys[m++] = arena_strdup(&a, key);
    const char *list = header_list(&a, keys, m);
    for (size_t i = 0; i < p->n_fields; i++) {
        if (!lacks[i])
            continue;
        const Field *f = &p->fields[i];
        const char *like = NULL;
        for (size_t j = 0; j < m && !like; j++)
            if (key_field(r, keys[j], &a) < 0 && closest_column(&a, p, lacks, keys[j]) == f->column)
                like = keys[j];
        char hint[700] = "";
        if (like)
            snprintf(hint, sizeof hint, _("; nyckeln '%s' liknar den, felstavad"), like);
        say(r->report, r->ctx, _("%s: varje post saknar nyckeln '%s' (fältet '%s'), som varje ansökan behöver; den första posten har: %s%s"), r->path, f->column, f->name, list, hint);
    }
    arena_free(&a);
    return false;
}

static bool judge_every_record(AppReader *r)
{
    if (!every_record_has_required(r))
        return false;
    size_t n = json_array_size(r->array);
    Collected first = {0}, other = {0};
    bool same = n > 0;
    for (size_t k = 0; same && k < n; k++) {
        json_t *obj = json_array_get(r->array, k);
        Arena a;
        arena_init(&a);
        bool pair;
        other.len = 0;
        if (!json_is_object(obj) || judge_keys(r, obj, &a, _("varje post"), collect_msg, k ? &other : &first, &pair))
            same = false;
        else if (k && strcmp(first.text, other.text) != 0)
            same = false;
        arena_free(&a);
    }
    if (same) {
        for (char *line = first.text, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
            *nl = '\0';
            say(r->report, r->ctx, "%s: %s", r->path, line);
        }
    }
    free(first.text);
    free(other.text);
    return !same;
}

/* One application from a JSON object; field values may be strings (read as
** CSV cells are), numbers (kronor for amounts), booleans, arrays (sets, or
** [lo, hi] ranges) or null (missing). */
static AppStatus from_json(AppReader *r, json_t *obj, Arena *a, Application *app, const char *where)
{
    const Program *p = r->prog;
    if (!json_is_object(obj)) {
        say(r->report, r->ctx, _("%s: en ansökan ska vara ett JSON-objekt"), where);
        return APP_REJECTED;
    }
    /* Keys that differ only in letter case, as a CSV header's headings
    ** do: which one counts would be a guess. */
    const bool keys_ok = unique_keys(r, obj, a, where);
    bool pair = false;
    bool ok = keys_ok && judge_keys(r, obj, a, where, r->report, r->ctx, &pair);
    if (!pair)
        unknown_keys(r, obj, a, where);
    for (size_t i = 0; keys_ok && i < p->n_fields; i++) {
        const Field *f = &p->fields[i];
        json_t *v = member(obj, f, a);
        char why[600];
        char buf[64];
        const char *s = NULL;
        size_t len = 0;
        if (!v || json_is_null(v)) {
            s = "";
        } else if (json_is_string(v)) {
            s = json_string_value(v);
            len = json_string_length(v);
        } else if (json_is_integer(v)) {
            json_int_t x = json_integer_value(v);
            snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, x);
            s = buf;
            len = strlen(buf);
        } else if (json_is_boolean(v)) {
            /* As written: a yes/no field reads true and false, and any
            ** other field's message shows what the file holds. */
            s = json_is_true(v) ? "true" : "false";
            len = strlen(s);
        } else if (json_is_array(v)) {
            /* Join the members as a CSV cell would have them. */
            size_t n = json_array_size(v), at = 0, cap = 256;
            char *joined = arena_alloc(a, cap);
            bool range = f->type.kind == TY_RANGE;
            for (size_t k = 0; k < n; k++) {
                json_t *m = json_array_get(v, k);
                char mb[64];
                const char *ms = json_is_string(m) ? json_string_value(m) : NULL;
                if (json_is_integer(m)) {
                    snprintf(mb, sizeof mb, "%" JSON_INTEGER_FORMAT, json_integer_value(m));
                    ms = mb;
                }
                if (!ms) {
                    say(r->report, r->ctx, _("%s: fält '%s': listan får bara innehålla texter och heltal"), where, f->column);
                    ok = false;
                    break;
                }
                size_t ml = strlen(ms);
                if (at + ml + 4 > cap) {
                    joined = arena_grow(a, joined, at, 2 * (at + ml + 4), 1);
                    cap = 2 * (at + ml + 4);
                }
                if (k)
                    memcpy(joined + at, range ? ".." : "|", range ? 2 : 1), at += range ? 2 : 1;
                memcpy(joined + at, ms, ml);
                at += ml;
            }
            s = joined;
            len = at;
        } else {
            say(r->report, r->ctx, _("%s: fält '%s': %s kan inte läsas här"), where, f->column,
                json_is_real(v) ? _("ett tal med decimaler (skriv belopp som text, t.ex. \"1,5 MSEK\")") : _("ett JSON-objekt"));
            ok = false;
            continue;
        }
        if (!input_cell(p, r->tables, f->type, s, len, a, &app->values[i], why, sizeof why)) {
            say(r->report, r->ctx, _("%s: fält '%s': %s"), where, f->column, why);
            ok = false;
        } else if (app->values[i].kind == VAL_MISSING && required(p, i)) {
            say(r->report, r->ctx, _("%s: fält '%s' saknas; varje ansökan behöver det"), where, f->column);
            ok = false;
        }
    }
    return ok ? APP_OK : APP_REJECTED;
}

/* apps_next_cells for a workbook: the next row with a value, its cells
** padded to the header's width. */
static AppStatus xlsx_cells(AppReader *r, AppCells *c, InputReport report, void *ctx)
{
    CsvField *fields;
    const unsigned char *kinds;
    size_t n;
    uint32_t row;
    int got = xlsx_next(r->xlsx, &fields, &kinds, &n, &row);
    *c = (AppCells){.fields = r->xcells, .n = r->n_header, .line = row, .kinds = r->xkinds};
    if (got == 0)
        return APP_END;
    if (got < 0) {
        say(report, ctx, "%s:%s", r->path, xlsx_error(r->xlsx));
        return APP_FATAL;
    }
    for (size_t j = r->n_header; j < n; j++) {
        if (kinds[j] == XLSX_EMPTY)
            continue;
        char at[600], letters[4];
        say(report, ctx, _("%s: cellen innehåller '%.*s', men kolumn %s har ingen rubrik; ge kolumnen en rubrik, eller flytta värdet"), cell_at(r->path, r->sheet, row, (long)j, at, sizeof at), shown(fields[j].s, fields[j].len),
            fields[j].s, xlsx_col_name((uint32_t)j, letters));
        return APP_REJECTED;
    }
    memcpy(r->xcells, fields, n * sizeof *fields);
    memcpy(r->xkinds, kinds, n);
    for (size_t j = n; j < r->n_header; j++) {
        r->xcells[j] = (CsvField){"", 0, false};
        r->xkinds[j] = XLSX_EMPTY;
    }
    return APP_OK;
}

AppStatus apps_next_cells(AppReader *r, AppCells *c, InputReport report, void *ctx)
{
    if (r->xlsx)
        return xlsx_cells(r, c, report, ctx);
    CsvField *fields;
    size_t n, line;
    CsvStatus st;
    for (;;) {
        st = csv_next(r->csv, &fields, &n, &line);
        if (note_encoding(report, ctx, r->path, r->csv, &r->enc_said))
            r->counts.warnings++;
        /* A row with no value at all is no application: skipped, counted
        ** (apps_counts), whatever its number of cells. */
        if (st != CSV_RECORD || !empty_record(fields, n))
            break;
        r->n_empty++;
    }
    *c = (AppCells){.fields = fields, .n = n, .line = line};
    if (st == CSV_END)
        return APP_END;
    if (st == CSV_ERROR) {
        say(report, ctx, "%s: %s", r->path, csv_error(r->csv));
        return APP_FATAL;
    }
    if (st == CSV_BAD) {
        say_bad_record(report, ctx, r->path, r->csv, r->header, r->n_header);
        return APP_REJECTED;
    }
    if (n != r->n_header) {
        say(report, ctx, P_("%s:%zu: raden har %zu cell men rubrikraden har %zu", "%s:%zu: raden har %zu celler men rubrikraden har %zu", n),
            r->path, line, n, r->n_header);
        return APP_REJECTED;
    }
    return APP_OK;
}

/* Sets app->key from its key field (NULL without one). */
static void set_key(const AppReader *r, Arena *a, Application *app)
{
    const Program *p = r->prog;
    if (p->key_field < 0)
        return;
    const Value *k = &app->values[p->key_field];
    char buf[64];
    if (k->kind == VAL_TEXT)
        app->key = k->u.text.s;   /* input_cell's texts are NUL-terminated */
    else
        app->key = arena_strdup(a, value_format(p, r->tables, p->fields[p->key_field].type, k, buf, sizeof buf));
}

AppStatus apps_convert(const AppReader *r, const AppCells *c, Arena *a, Application *app, InputReport report, void *ctx)
{
    const Program *p = r->prog;
    memset(app, 0, sizeof *app);
    app->values = arena_alloc(a, (p->n_fields + 1) * sizeof *app->values);
    app->line = c->line;
    bool ok = true, key_ok = true;   /* key_ok: the key's own cell read (explain names a rejected row by it) */
    for (size_t i = 0; i < p->n_fields; i++) {
        const Field *f = &p->fields[i];
        if (r->col[i] < 0) {
            app->values[i] = f->type.kind == TY_SET ? (Value){.kind = VAL_SET} : (Value){.kind = VAL_MISSING};
            continue;
        }
        const CsvField *cell = &c->fields[r->col[i]];
        char why[600], at[600];   /* at: the cell's place, made only for a message */
        if ((c->kinds && cell_kind_why(c->kinds[r->col[i]], cell, why, sizeof why)) ||
            !input_cell(p, r->tables, f->type, cell->s, cell->len, a, &app->values[i], why, sizeof why)) {
            say(report, ctx, _("%s: kolumn '%s': %s"), cell_at(r->path, r->sheet, c->line, r->col[i], at, sizeof at),
                f->column, why);
            ok = false;
            key_ok &= (int)i != p->key_field;
        } else if (app->values[i].kind == VAL_MISSING && required(p, i)) {
            say(report, ctx, _("%s: kolumn '%s' är tom; varje ansökan behöver den"),
                cell_at(r->path, r->sheet, c->line, r->col[i], at, sizeof at), f->column);
            ok = false;
            key_ok &= (int)i != p->key_field;
        }
    }
    if (ok || (key_ok && p->key_field >= 0 && app->values[p->key_field].kind != VAL_MISSING))
        set_key(r, a, app);
    return ok ? APP_OK : APP_REJECTED;
}

void apps_prefetch_key(const AppReader *r, const Application *app)
{
    if (app->key)
        keyset_prefetch(&r->keys, keyset_hash(app->key, strlen(app->key)));
}

AppStatus apps_commit(AppReader *r, Application *app, AppStatus st, InputReport report, void *ctx)
{
    const Program *p = r->prog;
    r->counts.read++;
    app->record = r->counts.read;
    if (st == APP_OK && app->key) {
        /* Remember where a key was first seen: the line for files with lines. */
        uint32_t here = (uint32_t)(app->line ? app->line : app->record);
        size_t klen = strlen(app->key);
        bool guessed = r->guess && r->guess_len == klen && memcmp(r->guess, app->key, klen) == 0;
        uint32_t first;
        char why[600];
        if (!keyset_seen(&r->keys, guessed ? r->guess_hash : keyset_hash(app->key, klen), here, &first, why,
                         sizeof why)) {
            /* The file is not at fault, but reading cannot go on: fatal,
            ** like a read error, and the row is not counted. */
            say(report, ctx, "%s: %s", r->path, why);
            r->counts.read--;
            r->guess = NULL;
            return APP_FATAL;
        }
        if (first) {
            char where[700];
            if (app->line)
                cell_at(r->path, r->sheet, app->line, r->col ? r->col[p->key_field] : -1, where, sizeof where);
            else
                snprintf(where, sizeof where, _("%s: post %zu"), r->path, app->record);
            say(report, ctx,
                r->sheet ? _("%s: %s '%s' används två gånger (första gången på rad %" PRIu32 ")")
                : app->line ? _("%s: %s '%s' används två gånger (första gången på rad %" PRIu32 ")")
                : _("%s: %s '%s' används två gånger (första gången i post %" PRIu32 ")"),
                where, p->fields[p->key_field].column, app->key, first);
            st = APP_REJECTED;
        }
    }
    r->guess = NULL;
    if (st == APP_OK)
        r->counts.valid++;
    else
        r->counts.rejected++;
    return st;
}

/* One CSV row in the three steps, in turn, with the key's slot prefetched. */
static AppStatus from_csv(AppReader *r, Arena *a, Application *app)
{
    const Program *p = r->prog;
    AppCells c;
    AppStatus st = apps_next_cells(r, &c, r->report, r->ctx);
    if (st == APP_END || st == APP_FATAL)
        return st;
    if (st == APP_OK) {
        if (p->key_field >= 0 && r->col[p->key_field] >= 0) {
            /* The key as written, which is what it becomes unless NFC or
            ** its type changes it (then this only wastes a prefetch). */
            const CsvField *k = &c.fields[r->col[p->key_field]];
            const char *ks = k->s;
            size_t kl = k->len;
            trim(&ks, &kl);
            r->guess = ks;
            r->guess_len = kl;
            r->guess_hash = keyset_hash(ks, kl);
            keyset_prefetch(&r->keys, r->guess_hash);
        }
        st = apps_convert(r, &c, a, app, r->report, r->ctx);
    } else {
        memset(app, 0, sizeof *app);
        app->line = c.line;
    }
    return apps_commit(r, app, st, r->report, r->ctx);
}

/* Reads one line of JSON Lines into r->linebuf: 1, or 0 at end of file, or
** -1 when the line is longer than SOURCE_MAX_ROW_MIB (read up to one byte
** past it, no further), like a CSV record, or -2 on a read error. */
static int read_line(AppReader *r, size_t *len)
{
    const size_t max = (size_t)SOURCE_MAX_ROW_MIB << 20;
    size_t at = 0;
    int c;
    while ((c = getc(r->f)) != EOF) {
        if (c != '\n' && at == max) {
            r->lineno++;
            return -1;
        }
        if (at + 2 > r->linecap) {
            r->linecap = r->linecap ? 2 * r->linecap : 4096;
            r->linebuf = xrealloc(r->linebuf, r->linecap);
        }
        if (c == '\n')
            break;
        r->linebuf[at++] = (char)c;
    }
    if (c == EOF && ferror(r->f))
        return -2;   /* not an end: what follows could not be read (errno says why) */
    if (c == EOF && at == 0)
        return 0;
    if (!r->linebuf) {
        r->linecap = 16;
        r->linebuf = xrealloc(NULL, r->linecap);
    }
    r->linebuf[at] = '\0';
    *len = at;
    r->lineno++;
    return 1;
}

AppStatus apps_next(AppReader *r, Arena *a, Application *app)
{
    if (r->csv || r->xlsx)
        return from_csv(r, a, app);
    const Program *p = r->prog;
    memset(app, 0, sizeof *app);
    app->values = arena_alloc(a, (p->n_fields + 1) * sizeof *app->values);
    AppStatus st;
    char where[512];
    if (r->array) {
        if (r->next >= json_array_size(r->array))
            return APP_END;
        snprintf(where, sizeof where, _("%s: post %zu"), r->path, r->next + 1);
        st = from_json(r, json_array_get(r->array, r->next), a, app, where);
        r->next++;
    } else {
        size_t len;
        int got;
        do {
            got = read_line(r, &len);
            if (got == 0)
                return APP_END;
            if (got == -2) {
                say(r->report, r->ctx, _("%s:%zu: läsfel: %s"), r->path, r->lineno + 1, i18n_strerror(errno));
                return APP_FATAL;
            }
            if (got < 0) {
                say(r->report, r->ctx, _("%s:%zu: raden är längre än %d MiB; JSON Lines har en ansökan per rad"),
                    r->path, r->lineno, SOURCE_MAX_ROW_MIB);
                return APP_FATAL;
            }
        } while (strspn(r->linebuf, " \t\r") == len);
        if (!r->seen_line) {
            r->seen_line = true;
            const char *wide = source_wide_encoding(r->linebuf, len);
            if (wide) {
                say(r->report, r->ctx, _("%s: filen är %s-text, men medel läser bara UTF-8: spara den som UTF-8"), r->path, wide);
                return APP_FATAL;
            }
        }
        app->line = r->lineno;
        snprintf(where, sizeof where, "%s:%zu", r->path, r->lineno);
        json_error_t err;
        json_t *obj = json_loadb(r->linebuf, len, JSON_REJECT_DUPLICATES, &err);
        if (!obj) {
            char why[300];
            say(r->report, r->ctx, _("%s:%zu:%d: syntaxfel i JSON: %s"), r->path, r->lineno, err.column,
                json_why(&err, why, sizeof why));
            st = APP_REJECTED;
        } else {
            st = from_json(r, obj, a, app, where);
            json_decref(obj);
        }
    }
    if (st == APP_FATAL || st == APP_END)
        return st;
    if (st == APP_OK)
        set_key(r, a, app);
    return apps_commit(r, app, st, r->report, r->ctx);
}

bool apps_parallel(const AppReader *r)
{
    return r->csv != NULL;
}

InputMessage input_message_split(const char *msg, const char *name)
{
    InputMessage m = {0};
    const char *rest = msg;
    size_t nl = name ? strlen(name) : 0;
    if (name && !strncmp(rest, name, nl) && rest[nl] == ':') {
        rest += nl + 1;
        if (*rest >= '0' && *rest <= '9') {
            char *end;
            m.row = strtoull(rest, &end, 10);
            rest = end;
            if (*rest == ':' && rest[1] >= '0' && rest[1] <= '9') {
                strtoull(rest + 1, &end, 10);   /* the character column of a CSV syntax error: kept in the text */
                rest = end;
            }
            if (*rest == ':')
                rest++;
        } else if (!strncmp(rest, " record ", 8) || !strncmp(rest, " post ", 6)) {
            char *end;
            m.row = strtoull(rest + (rest[1] == 'r' ? 8 : 6), &end, 10);
            rest = *end == ':' ? end + 1 : end;
        } else if (*rest && *rest != ' ' && strstr(rest, ": ")) {
            /* A workbook's place: "Blad1!D7", "Blad1:7" or "Blad1" (a sheet's
            ** name has no ':'), up to the ": " after it. */
            const char *end = strstr(rest, ": ");
            const char *bang = memchr(rest, '!', (size_t)(end - rest));
            const char *colon = memchr(rest, ':', (size_t)(end - rest));
            const char *num = bang ? bang + 1 : colon ? colon + 1 : end;
            while (num < end && ((*num >= 'A' && *num <= 'Z') || (*num >= 'a' && *num <= 'z')))
                num++;
            if (num < end && *num >= '0' && *num <= '9')
                m.row = strtoull(num, NULL, 10);
            m.place = rest;
            m.place_len = (size_t)(end - rest);
            rest = end + 1;
        }
        while (*rest == ' ')
            rest++;
    }
    if (!strncmp(rest, "warning: ", 9)) {
        m.warning = true;
        rest += 9;
    } else if (!strncmp(rest, "note: ", 6)) {   /* e.g. the encoding a file was read in */
        m.warning = true;
        rest += 6;
    }
    /* The column of "kolumn 'Kommun': …" (or in English "column 'Kommun': …"). */
    const char *q = !strncmp(rest, "column '", 8) ? rest + 8 : !strncmp(rest, "field '", 7) ? rest + 7
                  : !strncmp(rest, "kolumn '", 8) ? rest + 8 : !strncmp(rest, "fält '", 7) ? rest + 7 : NULL;
    const char *close = q ? strchr(q, '\'') : NULL;
    if (close) {
        m.column = q;
        m.column_len = (size_t)(close - q);
        if (!strncmp(close, "': ", 3))
            rest = close + 3;
    }
    m.message = rest;
    return m;
}

AppCounts apps_counts(const AppReader *r)
{
    AppCounts c = r->counts;
    c.empty = r->n_empty;
    if (r->xlsx)
        c.empty += xlsx_empty_rows(r->xlsx) - r->empty_before;
    return c;
}

void apps_close(AppReader *r)
{
    if (r)
        free_reader(r);
}

/* }====== */
