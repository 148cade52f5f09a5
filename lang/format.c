/*
** format.c: medel fmt, one canonical layout for rule files. Prints the syntax
** tree again: four spaces per level, one item per line, a blank line between
** declarations, aligned focus-area labels, keywords in Swedish or English.
** Literals and names keep their spelling (35 MSEK stays 35 MSEK); operators
** written as words, and the built-in words (allocation policies, methods,
** tie-breaks, test outcomes, antal(…), cirka), are translated with the
** keywords.
**
** Comments are carried over wherever they stand, and never change what the
** code means: a comment on a line of its own stays before the item that
** follows it, one at the end of an item's line stays at the end of that
** line, and one inside an item (between any two of its tokens) ends the
** line there, the rest of the item going on on the next line, one level in.
** Every piece of code printed is placed by its offset in the source, and the
** comments before that offset are printed first, so the comments keep their
** order among the code and formatting the result again changes nothing.
*/
#include "format.h"
#include "keywords.h"
#include "program.h"
#include "text.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct Printer {
    FILE *out;
    const SourceFile *src;
    const Module *m;
    bool english;
    size_t next_comment;   /* the first comment not yet printed */
    int depth;
    bool line_open;        /* a line is started and not yet ended */
    bool fresh;            /* ... and holds nothing but its indentation */
    bool space;            /* a space is due before the next code on this line */
} Printer;

/* ---- words ---- */

/* Keywords in the two languages, by what they mean: one per keyword token
** (lang/keywords.h), then the phrases fmt writes as one (the plural of
** ansökan, 'en av', 'mängd av', 'nyckel i'). */
enum {
#define K_TOKEN(tok, sv, en) K_##tok,
    MEDEL_KEYWORDS(K_TOKEN)
#undef K_TOKEN
    K_APPLICATIONS, K_ONE_OF, K_SET_OF, K_KEY_IN,
    N_KEYWORDS
};

/* The spelling fmt writes, by meaning. */
static const struct { const char *sv, *en; } KW[N_KEYWORDS] = {
#define K_SPELLING(tok, sv, en) [K_##tok] = {sv, en},
    MEDEL_KEYWORDS(K_SPELLING)
#undef K_SPELLING
    [K_APPLICATIONS] = {"ansökningar", "applications"}, [K_ONE_OF] = {"en av", "one of"},
    [K_SET_OF] = {"mängd av", "set of"}, [K_KEY_IN] = {"nyckel i", "key in"},
};

/* The other spellings the scanner accepts for a keyword, with blanks folded
** to one space. */
static const struct { const char *w; int k; } KW_ALSO[] = {
#define K_ALSO(tok, w) {w, K_##tok},
    MEDEL_KEYWORD_SPELLINGS(K_ALSO)
#undef K_ALSO
};

/* Built-in words: names with a fixed meaning where the grammar takes a name
** (lang/checker.c and runtime/testrun.c compare them). A group holds one
** meaning's spellings, the one fmt writes first in each language. A word
** already in the language asked for is kept as written: the approximate
** words differ in shade ("nära" is not "drygt") and are shown in reports. */
typedef struct Builtin {
    const char *sv[6], *en[3];
} Builtin;

static const Builtin METHODS[] = {
    {{"största_rest"}, {"largest_remainder"}},
    {{"dhondt"}, {"d_hondt"}},
    {{"sainte_laguë", "uddatal"}, {"sainte_lague"}},
};
static const Builtin POLICIES[] = {
    {{"rangordning"}, {"rank_order"}},
    {{"proportionell"}, {"pro_rata"}},
    {{"rättighet"}, {"entitlement"}},
};
static const Builtin LAST_RULES[] = {
    {{"delvis"}, {"partial"}},
    {{"hoppa_över"}, {"skip"}},
    {{"stopp"}, {"stop"}},
};
static const Builtin LEFTOVERS[] = {
    {{"stannar"}, {"stays"}},
    {{"återbetalas"}, {"returned"}},
};
static const Builtin TIE_BREAKS[] = {
    {{"lägst_belopp"}, {"lowest_amount"}},
    {{"högst_belopp"}, {"highest_amount"}},
    {{"inkommen"}, {"received"}},
    {{"nyckel"}, {"key"}},
};
static const Builtin OUTCOMES[] = {
    {{"stödberättigad"}, {"eligible"}},
    {{"ej_stödberättigad"}, {"ineligible"}},
    {{"manuell", "manuell_bedömning"}, {"manual"}},
    {{"ej_aktuell"}, {"not_applicable"}},
};
static const Builtin VERDICTS[] = {
    {{"uppfylld", "uppfyllt"}, {"met"}},
    {{"ej_uppfylld", "ej_uppfyllt"}, {"not_met"}},
};
static const Builtin FUNCTIONS[] = {
    {{"antal"}, {"count"}},
};
static const Builtin APPROX[] = {
    {{"cirka", "ca", "ungefär", "nära", "drygt"}, {"about"}},
};
static const Builtin PERCENT_WORDS[] = {
    {{"procent"}, {"percent"}},
};

#define N_OF(a) (sizeof (a) / sizeof (a)[0])
static const struct { const Builtin *g; size_t n; } BUILTINS[] = {
    {METHODS, N_OF(METHODS)}, {POLICIES, N_OF(POLICIES)}, {LAST_RULES, N_OF(LAST_RULES)},
    {TIE_BREAKS, N_OF(TIE_BREAKS)}, {LEFTOVERS, N_OF(LEFTOVERS)}, {OUTCOMES, N_OF(OUTCOMES)}, {VERDICTS, N_OF(VERDICTS)}, {FUNCTIONS, N_OF(FUNCTIONS)},
    {APPROX, N_OF(APPROX)}, {PERCENT_WORDS, N_OF(PERCENT_WORDS)},
};

/* w in the language asked for, if it is one of the n groups' words; else NULL. */
static const char *builtin(const Builtin *g, size_t n, const char *w, bool english)
{
    for (size_t i = 0; i < n; i++) {
        bool found = false, in_target = false;
        for (size_t j = 0; j < N_OF(g[i].sv) && g[i].sv[j]; j++)
            if (!strcmp(w, g[i].sv[j]))
                found = true, in_target = !english;
        for (size_t j = 0; j < N_OF(g[i].en) && g[i].en[j]; j++)
            if (!strcmp(w, g[i].en[j]))
                found = true, in_target = english;
        if (found)
            return in_target ? w : english ? g[i].en[0] : g[i].sv[0];
    }
    return NULL;
}

/* The meaning (K_…) of a keyword spelling, blanks folded; -1 if it is none. */
static int keyword(const char *w)
{
    for (int k = 0; k < N_KEYWORDS; k++)
        if (!strcmp(w, KW[k].sv) || !strcmp(w, KW[k].en))
            return k;
    for (size_t i = 0; i < N_OF(KW_ALSO); i++)
        if (!strcmp(w, KW_ALSO[i].w))
            return KW_ALSO[i].k;
    return -1;
}

const char *format_word(const char *w, bool english)
{
    for (size_t i = 0; i < N_OF(BUILTINS); i++) {
        const char *t = builtin(BUILTINS[i].g, BUILTINS[i].n, w, english);
        if (t)
            return t;
    }
    int k = keyword(w);
    return k < 0 ? NULL : english ? KW[k].en : KW[k].sv;
}

static const char *kw(const Printer *p, int k)
{
    return p->english ? KW[k].en : KW[k].sv;
}

/* A built-in word in the file's language; anything else as it is. */
static const char *word_in(const Printer *p, const Builtin *g, size_t n, const char *w)
{
    const char *t = builtin(g, n, w, p->english);
    return t ? t : w;
}

/* ---- the source: where its tokens are ---- */

/* Length of the blank (a space, tab, line break or no-break space) at s, or 0. */
static size_t blank_at(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF)
        return 3;
    return 0;
}

/* The comment that covers byte `off`, or -1. */
static long comment_at(const Printer *p, size_t off)
{
    size_t lo = 0, hi = p->m->n_comments;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->m->comments[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->m->n_comments && p->m->comments[lo].start <= off ? (long)lo : -1;
}

/* Offset of the first token at or after `off`: past blanks and comments. */
static size_t next_tok(const Printer *p, size_t off)
{
    while (off < p->src->len) {
        size_t b = blank_at(p->src->bytes + off);
        long c;
        if (b)
            off += b;
        else if ((c = comment_at(p, off)) >= 0)
            off = p->m->comments[c].end;
        else
            break;
    }
    return off;
}

/* The end of the code before `off`: back over blanks and comments. */
static size_t prev_end(const Printer *p, size_t off)
{
    const unsigned char *s = (const unsigned char *)p->src->bytes;
    while (off > 0) {
        long c;
        if (strchr(" \t\r\n", s[off - 1]) && s[off - 1])
            off--;
        else if (off >= 2 && s[off - 2] == 0xC2 && s[off - 1] == 0xA0)
            off -= 2;
        else if (off >= 3 && s[off - 3] == 0xE2 && s[off - 2] == 0x80 && s[off - 1] == 0xAF)
            off -= 3;
        else if ((c = comment_at(p, off - 1)) >= 0)
            off = p->m->comments[c].start;
        else
            break;
    }
    return off;
}

/* The end of the word (name or keyword) that starts at `off`, as lexer.l's
** IDCHAR reads it: ASCII letters, digits and '_', and any letter beyond
** ASCII (no-break spaces, dashes and quotes, led by 0xC2 or 0xE2, are not). */
static size_t word_end(const Printer *p, size_t off)
{
    const unsigned char *s = (const unsigned char *)p->src->bytes;
    size_t n = p->src->len;
    while (off < n) {
        unsigned char c = s[off];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
            off++;
        } else if (c >= 0xC3 && c != 0xE2 && c <= 0xF4) {
            off++;
            while (off < n && (s[off] & 0xC0) == 0x80)
                off++;
        } else {
            break;
        }
    }
    return off;
}

/* A leaf expression's own text: its span without the parentheses around it. */
static Span bare(const Printer *p, const Expr *e)
{
    Span s = e->span;
    while (s.end > s.start + 1 && p->src->bytes[s.start] == '(' && p->src->bytes[s.end - 1] == ')') {
        s.start = (uint32_t)next_tok(p, s.start + 1);
        s.end = (uint32_t)prev_end(p, s.end - 1);
    }
    return s;
}

/* ---- output ---- */

static void indent(Printer *p, int depth)
{
    for (int i = 0; i < depth; i++)
        fputs("    ", p->out);
}

static void end_line(Printer *p)
{
    if (p->line_open)
        fputc('\n', p->out);
    p->line_open = p->fresh = p->space = false;
}

static void start_line(Printer *p)
{
    end_line(p);
    indent(p, p->depth);
    p->line_open = p->fresh = true;
}

/* Writes code. After a comment ended the line inside an item, the item goes
** on on a new line, one level in. */
static void put(Printer *p, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (!p->line_open) {
        indent(p, p->depth + 1);
        p->line_open = true;
    } else if (p->space && !p->fresh) {
        fputc(' ', p->out);
    }
    p->space = p->fresh = false;
    fwrite(s, 1, n, p->out);
}

/* printf into the output. Blanks at the ends of the text become a due space,
** so a comment that ends the line leaves no blank before it. */
static void emit(Printer *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emit(Printer *p, const char *fmt, ...)
{
    char buf[256], *s = buf;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf) {
        s = xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    size_t a = 0, b = (size_t)n;
    while (a < b && s[a] == ' ')
        a++;
    if (a > 0)
        p->space = true;
    bool trailing = false;
    while (b > a && s[b - 1] == ' ')
        b--, trailing = true;
    put(p, s + a, b - a);
    if (trailing)
        p->space = true;
    if (s != buf)
        free(s);
}

/* A comment as written, without blanks at its end. */
static void put_comment(Printer *p, Span c)
{
    size_t e = c.end;
    while (e > c.start && strchr(" \t\r", p->src->bytes[e - 1]))
        e--;
    fwrite(p->src->bytes + c.start, 1, e - c.start, p->out);
    fputc('\n', p->out);
    p->line_open = p->fresh = p->space = false;
}

static bool comment_before(const Printer *p, size_t off)
{
    return p->next_comment < p->m->n_comments && p->m->comments[p->next_comment].start < off;
}

/* Prints, each on its own line, the comments that stand before offset `off`
** (between items). */
static void comments_before(Printer *p, size_t off)
{
    while (comment_before(p, off)) {
        start_line(p);
        put_comment(p, p->m->comments[p->next_comment++]);
    }
}

/* Before code that starts at `off` inside an item: the comments before it.
** The first ends the line so far; the others stand on lines of their own,
** one level in, like the code after them. */
static void at(Printer *p, size_t off)
{
    while (comment_before(p, off)) {
        if (p->line_open && !p->fresh)
            fputs("  ", p->out);
        else if (!p->line_open)
            indent(p, p->depth + 1);
        put_comment(p, p->m->comments[p->next_comment++]);
    }
}

/* Before the code of the next token after `off`. */
static void at_next(Printer *p, size_t off)
{
    at(p, next_tok(p, off));
}

/* Line number (from 0) of a byte offset. */
static size_t line_of(const SourceFile *f, size_t off)
{
    size_t lo = 0, hi = f->n_lines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (f->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* After an item that ended at `end`. A comment left inside it (after the
** last token fmt places, e.g. between 'intervall' and 'av belopp') ends its
** line; so does a comment later on the item's last source line. Any others
** wait for the next item, on lines of their own. */
static void end_item(Printer *p, size_t end)
{
    if (!p->line_open || p->fresh || p->next_comment >= p->m->n_comments)
        return;
    Span c = p->m->comments[p->next_comment];
    if (c.start < end || line_of(p->src, c.start) == line_of(p->src, end > 0 ? end - 1 : 0)) {
        fputs("  ", p->out);
        put_comment(p, c);
        p->next_comment++;
    }
}

static void text_lit(Printer *p, const char *s)
{
    size_t n = strlen(s), k = 0;
    char *q = xmalloc(2 * n + 3);
    q[k++] = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            q[k++] = '\\';
        if (*s == '\n')
            q[k++] = '\\', q[k++] = 'n';
        else if (*s == '\t')
            q[k++] = '\\', q[k++] = 't';
        else
            q[k++] = *s;
    }
    q[k++] = '"';
    put(p, q, k);
    free(q);
}

/* ---- expressions ---- */

/* Source text of one token (a literal or a name), runs of blanks folded to
** one space ("3 500  000 kr" is one token). In a percentage, "procent" and
** "percent" go with the language. */
static void raw(Printer *p, size_t start, size_t end, bool percent)
{
    char *q = xmalloc(end - start + 1);
    size_t k = 0;
    bool space = false;
    for (size_t i = start; i < end; i++) {
        char c = p->src->bytes[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && k > 0)
            q[k++] = ' ';
        space = false;
        q[k++] = c;
    }
    q[k] = '\0';
    size_t w = k;
    while (percent && w > 0 && q[w - 1] >= 'a' && q[w - 1] <= 'z')
        w--;
    const char *t = percent && w < k ? builtin(PERCENT_WORDS, N_OF(PERCENT_WORDS), q + w, p->english) : NULL;
    put(p, q, t ? w : k);
    if (t)
        put(p, t, strlen(t));
    free(q);
}

/* The operator as written between two operands, translated when it is a
** word: "är" and "=" both mean equality, and the author's choice is kept. */
static void op(Printer *p, const Expr *e)
{
    size_t a = next_tok(p, e->a->span.end), b = e->b->span.start;
    /* The operator is one token: it ends at a comment or blank before b. */
    long c = -1;
    for (size_t i = a; i < b && c < 0; i++)
        c = comment_at(p, i);
    if (c >= 0)
        b = p->m->comments[c].start;
    char folded[64];
    size_t k = 0;
    for (size_t i = a; i < b && k < sizeof folded - 1;) {
        size_t bl = blank_at(p->src->bytes + i);
        if (bl) {
            if (k > 0 && folded[k - 1] != ' ')
                folded[k++] = ' ';
            i += bl;
        } else {
            folded[k++] = p->src->bytes[i++];
        }
    }
    while (k > 0 && folded[k - 1] == ' ')
        k--;
    folded[k] = '\0';
    at(p, a);
    int kk = keyword(folded);
    if (kk >= 0)
        emit(p, " %s ", kw(p, kk));
    else
        emit(p, " %s ", folded);
}

static void expr(Printer *p, const Expr *e);

/* Was e written in parentheses? Its span then starts with a '(' of its own
** (the grammar widens a parenthesised expression's span to the
** parentheses); '(a) och b' starts with the parenthesis of its left operand. */
static bool parenthesised(const Printer *p, const Expr *e)
{
    if (e->span.end <= e->span.start || p->src->bytes[e->span.start] != '(')
        return false;
    switch (e->kind) {
    case EXPR_BINARY: case EXPR_PERCENT_OF: case EXPR_RANGE:
        return e->a->span.start != e->span.start;
    default:
        return true;
    }
}

static void list(Printer *p, const ExprList *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i) {
            at_next(p, l->items[i - 1]->span.end);
            emit(p, ", ");
        }
        expr(p, l->items[i]);
    }
}

static void expr_inner(Printer *p, const Expr *e)
{
    Span s = bare(p, e);
    switch (e->kind) {
    case EXPR_BOOL:
        emit(p, "%s", kw(p, e->v.b ? K_TRUE : K_FALSE));
        return;
    case EXPR_REST:
        emit(p, "%s", kw(p, K_REST));
        return;
    case EXPR_SET:
        emit(p, "{");
        list(p, &e->list);
        at(p, s.end - 1);
        emit(p, "}");
        return;
    case EXPR_CALL: {
        size_t name_end = word_end(p, s.start);
        emit(p, "%s", word_in(p, FUNCTIONS, N_OF(FUNCTIONS), e->name));
        at_next(p, name_end);
        emit(p, "(");
        list(p, &e->list);
        at(p, s.end - 1);
        emit(p, ")");
        return;
    }
    case EXPR_RANGE:
        expr(p, e->a);
        at_next(p, e->a->span.end);
        emit(p, "..");
        expr(p, e->b);
        return;
    case EXPR_UNARY:
        if (e->op == OP_NOT)
            emit(p, "%s ", kw(p, K_NOT));
        else
            emit(p, "-");
        expr(p, e->a);
        return;
    case EXPR_BINARY:
        expr(p, e->a);
        op(p, e);
        expr(p, e->b);
        return;
    case EXPR_PERCENT_OF:
        expr(p, e->a);
        at_next(p, e->a->span.end);
        emit(p, " %s ", kw(p, K_OF));
        expr(p, e->b);
        return;
    case EXPR_IF:
        emit(p, "%s ", kw(p, K_IF));
        expr(p, e->a);
        at_next(p, e->a->span.end);
        emit(p, " %s ", kw(p, K_THEN));
        expr(p, e->b);
        if (e->c) {
            at_next(p, e->b->span.end);
            emit(p, " %s ", kw(p, K_ELSE));
            expr(p, e->c);
        }
        return;
    case EXPR_TEXT:
        text_lit(p, e->v.text);
        return;
    case EXPR_MONEY:
        if (e->word) {   /* cirka 3 MSEK: two tokens */
            size_t amount = next_tok(p, word_end(p, s.start));
            emit(p, "%s ", word_in(p, APPROX, N_OF(APPROX), e->word));
            at(p, amount);
            raw(p, amount, s.end, false);
            return;
        }
        raw(p, s.start, s.end, false);
        return;
    case EXPR_COLUMN: {   /* table.column: three tokens */
        size_t dot = next_tok(p, word_end(p, s.start));
        size_t column = next_tok(p, dot + 1);
        raw(p, s.start, word_end(p, s.start), false);
        at(p, dot);
        emit(p, ".");
        at(p, column);
        raw(p, column, s.end, false);
        return;
    }
    default:
        raw(p, s.start, s.end, e->kind == EXPR_PERCENT);   /* numbers, amounts, percentages, names: as written */
        return;
    }
}

static void expr(Printer *p, const Expr *e)
{
    at(p, e->span.start);
    if (parenthesised(p, e)) {
        emit(p, "(");
        expr_inner(p, e);
        at(p, e->span.end - 1);
        emit(p, ")");
    } else {
        expr_inner(p, e);
    }
}

/* ---- items ---- */

static void items(Printer *p, const ItemList *list, bool blank_between_decls);

static bool is_decl(ItemKind k)
{
    return k == ITEM_POT || k == ITEM_CRITERION || k == ITEM_PRIORITY || k == ITEM_PORTFOLIO || k == ITEM_SCENARIO ||
           k == ITEM_TEST || k == ITEM_CHANGE;
}

/* " {", the item's body one level in (with the comments inside it), "}". */
static void body(Printer *p, const Item *it, bool blank_between)
{
    emit(p, " {");
    p->depth++;
    items(p, &it->body, blank_between);
    comments_before(p, it->span.end);
    p->depth--;
    start_line(p);
    emit(p, "}");
}

/* A name the item holds, where it stands. */
static void name_at(Printer *p, const char *name, Span s)
{
    at(p, s.start);
    emit(p, "%s", name);
}

static void text_at(Printer *p, const char *text, Span s)
{
    at(p, s.start);
    text_lit(p, text);
}

/* A keyword after the code that ends at `after`. */
static void kw_after(Printer *p, size_t after, int k)
{
    at_next(p, after);
    emit(p, " %s", kw(p, k));
}

/* "KEYWORD name ["label"] {", the body, "}". */
static void block(Printer *p, const Item *it, int k, bool blank_between)
{
    emit(p, "%s ", kw(p, k));
    if (it->name)
        name_at(p, it->name, it->name_span);
    if (it->text) {
        emit(p, " ");
        text_at(p, it->text, it->text_span);
    }
    body(p, it, blank_between);
}

static void type_spec(Printer *p, const TypeSpec *t)
{
    at(p, t->span.start);
    switch (t->type.kind) {
    case TY_TEXT: emit(p, "%s", kw(p, K_TEXT_T)); break;
    case TY_MONEY: emit(p, "%s", kw(p, K_AMOUNT)); break;
    case TY_INT: emit(p, "%s", kw(p, K_INTEGER_T)); break;
    case TY_BOOL: emit(p, "%s", kw(p, K_YESNO_T)); break;
    case TY_RANGE:
        emit(p, "%s", kw(p, K_RANGE_T));
        if (t->type.elem == TY_MONEY)
            emit(p, " %s %s", kw(p, K_OF), kw(p, K_AMOUNT));
        break;
    case TY_FOCUS: emit(p, "%s", kw(p, K_FOCUS_AREA)); break;
    case TY_KEY:
        emit(p, "%s ", kw(p, K_KEY_IN));
        name_at(p, t->table, t->table_span);
        break;
    case TY_SET:
        if (t->type.elem == TY_FOCUS) {
            emit(p, "%s", kw(p, K_FOCUS_AREAS));
            break;
        }
        /* fall through */
    case TY_ENUM:
        emit(p, "%s", kw(p, t->type.kind == TY_SET ? K_SET_OF : K_ONE_OF));
        for (size_t i = 0; i < t->n_values; i++) {
            if (i) {
                at_next(p, t->value_spans[i - 1].end);
                emit(p, " |");
            }
            emit(p, " ");
            name_at(p, t->values[i], t->value_spans[i]);
        }
        break;
    default: break;
    }
}

static int ref_kw(ItemKind k)
{
    switch (k) {
    case PROP_SOURCE: return K_SOURCE;
    case PROP_URL: return K_URL;
    case PROP_PARAGRAPH: return K_PARAGRAPH;
    case PROP_DECISION: return K_DECISION;
    case PROP_MANAGER: return K_MANAGER;
    case PROP_LABEL: return K_LABEL;
    case PROP_REASON: return K_REASON;
    case ITEM_EXTENDS: return K_EXTENDS;
    case TEST_FILE: return K_APPLICATIONS;
    default: return -1;
    }
}

static int kind_kw(ItemKind k)
{
    switch (k) {
    case ITEM_POT: return K_POT;
    case ITEM_CRITERION: return K_CRITERION;
    case ITEM_PRIORITY: return K_PRIORITY;
    case ITEM_PORTFOLIO: return K_PORTFOLIO;
    case ITEM_FOCUS: return K_FOCUS_AREA;
    case ITEM_FIELD: return K_FIELD;
    case ITEM_TABLE: return K_TABLE;
    case ITEM_SCENARIO: return K_SCENARIO;
    case ITEM_TEST: return K_TEST;
    default: return K_AGREEMENT;
    }
}

/* "KEYWORD expr", the keyword being the item's first token. */
static void kw_expr(Printer *p, int k, const Expr *e)
{
    emit(p, "%s ", kw(p, k));
    expr(p, e);
}

/* Names separated by commas, e.g. 'vid_lika lägst_belopp, inkommen'. */
static void names(Printer *p, const ItemList *l, const Builtin *g, size_t n)
{
    for (size_t i = 0; i < l->n; i++) {
        const Item *b = l->items[i];
        if (i) {
            at_next(p, l->items[i - 1]->name_span.end);
            emit(p, ", ");
        }
        name_at(p, g ? word_in(p, g, n, b->name) : b->name, b->name_span);
    }
}

static void item(Printer *p, const Item *it)
{
    int rk = ref_kw(it->kind);
    if (rk >= 0) {
        emit(p, "%s ", kw(p, rk));
        text_at(p, it->text, it->text_span);
        return;
    }
    switch (it->kind) {
    case ITEM_AGREEMENT:
        emit(p, "%s ", kw(p, K_AGREEMENT));
        text_at(p, it->text, it->text_span);
        body(p, it, false);
        break;
    case ITEM_FOCUS_AREAS: {
        emit(p, "%s {", kw(p, K_FOCUS_AREAS));
        size_t w = 0;
        for (size_t i = 0; i < it->body.n; i++)
            if (text_width(it->body.items[i]->name, strlen(it->body.items[i]->name), 0) > w)
                w = text_width(it->body.items[i]->name, strlen(it->body.items[i]->name), 0);
        p->depth++;
        for (size_t i = 0; i < it->body.n; i++) {
            const Item *f = it->body.items[i];
            comments_before(p, f->span.start);
            start_line(p);
            emit(p, "%s", f->name);
            at(p, f->text_span.start);
            if (p->line_open) {   /* the labels line up, unless a comment broke the line */
                size_t x = text_width(f->name, strlen(f->name), 0);
                for (; x < w + 2; x++)
                    put(p, " ", 1);
            }
            text_lit(p, f->text);
            end_item(p, f->span.end);
        }
        comments_before(p, it->span.end);
        p->depth--;
        start_line(p);
        emit(p, "}");
        break;
    }
    case ITEM_SCHEMA:
        emit(p, "%s", kw(p, K_APPLICATION));
        body(p, it, false);
        break;
    case ITEM_FIELD:
        /* The flags have no offsets of their own: comments among them
        ** come after them. */
        if (it->flags & FIELD_KEY)
            emit(p, "%s ", kw(p, K_KEY));
        if (it->flags & FIELD_REQUIRED)
            emit(p, "%s ", kw(p, K_REQUIRED));
        if (it->flags & FIELD_REQUESTED)
            emit(p, "%s ", kw(p, K_REQUESTED));
        name_at(p, it->name, it->name_span);
        at_next(p, it->name_span.end);
        emit(p, ": ");
        type_spec(p, it->type);
        if (it->text) {
            emit(p, " ");
            text_at(p, it->text, it->text_span);
        }
        if (it->expr || it->body.n) {   /* a derived table column: = a + b, or by year */
            at_next(p, it->type->span.end);
            emit(p, " = ");
            if (it->expr)
                expr(p, it->expr);
            for (size_t i = 0; i < it->body.n; i++) {
                const Item *y = it->body.items[i];
                if (i) {
                    at_next(p, it->body.items[i - 1]->expr->span.end);
                    emit(p, ", ");
                }
                expr(p, y->expr2);
                kw_after(p, y->expr2->span.end, K_YEAR);
                emit(p, " ");
                expr(p, y->expr);
            }
        }
        break;
    case ITEM_TABLE:
        emit(p, "%s ", kw(p, K_TABLE));
        name_at(p, it->name, it->name_span);
        kw_after(p, it->name_span.end, K_FROM);
        emit(p, " ");
        text_at(p, it->text, it->text_span);
        body(p, it, false);
        break;
    case ITEM_POT: block(p, it, K_POT, true); break;
    case ITEM_ROUND:
        emit(p, "%s", kw(p, K_SECOND_ROUND));
        if (it->text) {
            emit(p, " ");
            text_at(p, it->text, it->text_span);
        }
        body(p, it, true);
        break;
    case PROP_LEFTOVER:
        emit(p, "%s ", kw(p, K_LEFTOVER));
        if (it->name2) {
            kw_after(p, it->kw_span.end, K_MOVES_TO);
            emit(p, " ");
            name_at(p, it->name2, it->name2_span);
        } else {
            name_at(p, word_in(p, LEFTOVERS, N_OF(LEFTOVERS), it->name), it->name_span);
        }
        break;
    case PROP_DEADLINE:
        emit(p, "%s ", kw(p, K_DEADLINE));
        text_at(p, it->text, it->text_span);
        break;
    case ITEM_CRITERION: block(p, it, K_CRITERION, false); break;
    case ITEM_PRIORITY: block(p, it, K_PRIORITY, false); break;
    case ITEM_PORTFOLIO: block(p, it, K_PORTFOLIO, false); break;
    case ITEM_SCENARIO: block(p, it, K_SCENARIO, false); break;
    case ITEM_TEST: block(p, it, K_TEST, false); break;
    case ITEM_CHANGE:
        if (it->target == ITEM_TABLE) {   /* ändra tabell T från "fil" [{ … }] */
            emit(p, "%s", kw(p, K_CHANGE));
            kw_after(p, it->kw_span.end, K_TABLE);
            emit(p, " ");
            name_at(p, it->name, it->name_span);
            kw_after(p, it->name_span.end, K_FROM);
            emit(p, " ");
            text_at(p, it->text, it->text_span);
            if (it->body.n)
                body(p, it, false);
            break;
        }
        emit(p, "%s", kw(p, K_CHANGE));
        kw_after(p, it->kw_span.end, kind_kw(it->target));
        emit(p, " ");
        if (it->target == ITEM_FIELD) {   /* ändra fält [flags] name: type ["Rubrik"]: the field as a schema has it */
            item(p, it->body.items[0]);
            break;
        }
        if (it->target == ITEM_AGREEMENT)
            text_at(p, it->text, it->text_span);
        else
            name_at(p, it->name, it->name_span);
        if (it->text && it->target != ITEM_AGREEMENT) {   /* the label of a focus area, scenario or test */
            emit(p, " ");
            text_at(p, it->text, it->text_span);
        }
        if (it->target != ITEM_FOCUS)
            body(p, it, it->target != ITEM_SCENARIO && it->target != ITEM_TEST);
        break;
    case ITEM_REMOVE:
        emit(p, "%s", kw(p, K_REMOVE));
        kw_after(p, it->kw_span.end, kind_kw(it->target));
        emit(p, " ");
        name_at(p, it->name, it->name_span);
        break;
    case PROP_YEAR: kw_expr(p, K_YEAR, it->expr); break;
    case PROP_AMOUNT: kw_expr(p, K_AMOUNT, it->expr); break;
    case PROP_SPLIT: {
        const Expr *col = it->expr;
        emit(p, "%s", kw(p, K_SPLIT));
        kw_after(p, it->kw_span.end, K_PER);
        emit(p, " ");
        name_at(p, it->name, it->name_span);
        kw_after(p, it->name_span.end, K_BY);
        emit(p, " ");
        name_at(p, col->name, col->a->span);
        at_next(p, col->a->span.end);
        emit(p, ".");
        name_at(p, col->name2, col->b->span);
        if (it->body.n) {
            emit(p, " {");
            p->depth++;
            items(p, &it->body, false);
            comments_before(p, it->span.end);
            p->depth--;
            start_line(p);
            emit(p, "}");
        }
        break;
    }
    case PROP_ROUNDING: kw_expr(p, K_ROUNDING, it->expr); break;
    case PROP_METHOD:
        emit(p, "%s ", kw(p, K_METHOD));
        name_at(p, word_in(p, METHODS, N_OF(METHODS), it->name), it->name_span);
        break;
    case PROP_FIRST_DIVISOR: kw_expr(p, K_FIRST_DIVISOR, it->expr); break;
    case PROP_BASE_AMOUNT: kw_expr(p, K_BASE_AMOUNT, it->expr); break;
    case PROP_SPLIT_CAP: kw_expr(p, K_CAP, it->expr); break;
    case PROP_THRESHOLD: kw_expr(p, K_THRESHOLD, it->expr); break;
    case PROP_SPLIT_MIN: {
        /* minst 1 enhet, minst 2 enheter: the number decides the word. */
        kw_expr(p, K_AT_LEAST, it->expr);
        bool one = it->expr->kind == EXPR_INT && it->expr->v.i == 1;
        at_next(p, it->expr->span.end);
        emit(p, " %s", p->english ? (one ? "unit" : "units") : (one ? "enhet" : "enheter"));
        break;
    }
    case PROP_REQUIRE: kw_expr(p, K_REQUIRE, it->expr); break;
    case PROP_SCORE:
        kw_expr(p, K_SCORE, it->expr);
        if (it->expr2) {
            kw_after(p, it->expr->span.end, K_IF);
            emit(p, " ");
            expr(p, it->expr2);
        }
        break;
    case PROP_ALLOCATION:
        emit(p, "%s ", kw(p, K_ALLOCATION));
        name_at(p, word_in(p, POLICIES, N_OF(POLICIES), it->name), it->name_span);
        if (it->name2) {
            kw_after(p, it->name_span.end, K_LAST);
            emit(p, " ");
            name_at(p, word_in(p, LAST_RULES, N_OF(LAST_RULES), it->name2), it->name2_span);
        }
        break;
    case PROP_CAP:
        kw_expr(p, K_CAP, it->expr);
        kw_after(p, it->expr->span.end, K_PER);
        emit(p, " ");
        if (it->per_application)
            emit(p, "%s", kw(p, K_APPLICATION));
        else
            name_at(p, it->name, it->name_span);
        break;
    case PROP_MIN_GRANT: kw_expr(p, K_MIN_GRANT, it->expr); break;
    case PROP_TIE_BREAK:
        emit(p, "%s ", kw(p, K_TIE_BREAK));
        names(p, &it->body, TIE_BREAKS, N_OF(TIE_BREAKS));
        break;
    case PROP_APPLIES:
        emit(p, "%s", kw(p, K_APPLICATIONS));
        kw_after(p, it->kw_span.end, K_WHERE);
        emit(p, " ");
        expr(p, it->expr);
        break;
    case PROP_AT_LEAST: case PROP_AT_MOST: {
        kw_expr(p, it->kind == PROP_AT_LEAST ? K_AT_LEAST : K_AT_MOST, it->expr);
        size_t after = it->expr->span.end;
        if (it->per_application) {
            kw_after(p, after, K_APPLICATION);
            after = word_end(p, next_tok(p, after));
        }
        if (it->expr2) {
            kw_after(p, after, K_WHERE);
            emit(p, " ");
            expr(p, it->expr2);
        }
        break;
    }
    case PROP_BINDING: emit(p, "%s", kw(p, K_BINDING)); break;
    case TEST_APPLICATION:
        emit(p, "%s", kw(p, K_APPLICATION));
        body(p, it, false);
        break;
    case TEST_VALUE:
        emit(p, "%s ", it->name);
        expr(p, it->expr);
        break;
    case TEST_SCENARIO:
        emit(p, "%s ", kw(p, K_SCENARIO));
        name_at(p, it->name, it->name_span);
        break;
    case TEST_EXPECT_STATUS:
        emit(p, "%s ", kw(p, K_EXPECT));
        name_at(p, it->name, it->name_span);
        emit(p, " ");
        name_at(p, word_in(p, OUTCOMES, N_OF(OUTCOMES), it->name2), it->name2_span);
        if (it->body.n) {
            at_next(p, it->name2_span.end);
            emit(p, ": ");
            names(p, &it->body, NULL, 0);
        }
        break;
    case TEST_EXPECT_GRANT: case TEST_EXPECT_POT:
        emit(p, "%s", kw(p, K_EXPECT));
        kw_after(p, it->kw_span.end, it->kind == TEST_EXPECT_GRANT ? K_GRANTED : K_POT);
        emit(p, " ");
        text_at(p, it->text, it->text_span);
        emit(p, " ");
        expr(p, it->expr);
        break;
    case TEST_EXPECT_RANK:
        emit(p, "%s", kw(p, K_EXPECT));
        kw_after(p, it->kw_span.end, K_RANKING);
        emit(p, " ");
        text_at(p, it->text, it->text_span);
        for (size_t i = 0; i < it->body.n; i++) {
            const Item *v = it->body.items[i];
            if (i) {
                at_next(p, it->body.items[i - 1]->text_span.end);
                emit(p, ",");
            }
            emit(p, " ");
            text_at(p, v->text, v->text_span);
        }
        break;
    case TEST_EXPECT_PORTFOLIO:
        emit(p, "%s", kw(p, K_EXPECT));
        kw_after(p, it->kw_span.end, K_PORTFOLIO);
        emit(p, " ");
        name_at(p, it->name, it->name_span);
        emit(p, " ");
        name_at(p, word_in(p, VERDICTS, N_OF(VERDICTS), it->name2), it->name2_span);
        break;
    default:
        break;
    }
}

static void items(Printer *p, const ItemList *list, bool blank_between_decls)
{
    for (size_t i = 0; i < list->n; i++) {
        const Item *it = list->items[i];
        /* A declaration after something else gets a blank line before it
        ** (and before its own comments). */
        if (blank_between_decls && i > 0 && (is_decl(it->kind) || is_decl(list->items[i - 1]->kind))) {
            end_line(p);
            fputc('\n', p->out);
        }
        comments_before(p, it->span.start);
        start_line(p);
        item(p, it);
        end_item(p, it->span.end);
    }
}

void format_module(const Module *m, const SourceSet *set, bool english, FILE *out)
{
    Printer p = {.out = out, .src = source_get(set, m->file), .m = m, .english = english};
    for (size_t i = 0; i < m->items.n; i++) {
        const Item *it = m->items.items[i];
        if (i > 0) {
            end_line(&p);
            fputc('\n', out);   /* one blank line between top-level items */
        }
        comments_before(&p, it->span.start);
        start_line(&p);
        item(&p, it);
        end_item(&p, it->span.end);
    }
    comments_before(&p, (size_t)-1);
    end_line(&p);
}

/* {====== rule text of single expressions, types and whole programs
** What diff, validate --dump and explain show: a criterion, an amount or a
** condition as the rule file would write it. The tree decides the layout
** (one line, a space around every operator, parentheses only where the
** precedence of parser.y needs them); the source, when it is at hand, gives
** the literals as written ("2,5 MSEK" stays "2,5 MSEK") and the author's
** choice between "=" and "är". */

/* Binding strength, as parser.y's precedence declarations: higher binds
** tighter. */
enum {
    PREC_IF = 1, PREC_OR, PREC_AND, PREC_NOT, PREC_CMP, PREC_RANGE, PREC_ADD, PREC_MUL, PREC_OF, PREC_NEG,
    PREC_PRIMARY
};

static int prec(const Expr *e)
{
    switch (e->kind) {
    case EXPR_IF: return PREC_IF;
    case EXPR_RANGE: return PREC_RANGE;
    case EXPR_PERCENT_OF: return PREC_OF;
    case EXPR_UNARY: return e->op == OP_NOT ? PREC_NOT : PREC_NEG;
    case EXPR_BINARY:
        switch (e->op) {
        case OP_OR: return PREC_OR;
        case OP_AND: return PREC_AND;
        case OP_ADD: case OP_SUB: return PREC_ADD;
        case OP_MUL: case OP_INTERSECT: return PREC_MUL;
        default: return PREC_CMP;
        }
    default: return PREC_PRIMARY;
    }
}

typedef struct TextOut {
    FILE *out;
    const SourceFile *src;   /* the file of the expression, or NULL */
    bool english;
} TextOut;

/* The operator's spelling when the source does not say: a symbol, or the
** keyword (K_…) when it has none. */
static const char *op_symbol(ExprOp op, int *k)
{
    *k = -1;
    switch (op) {
    case OP_EQ: return "=";
    case OP_NE: return "!=";
    case OP_LT: return "<";
    case OP_LE: return "<=";
    case OP_GT: return ">";
    case OP_GE: return ">=";
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    case OP_AND: *k = K_AND; return NULL;
    case OP_OR: *k = K_OR; return NULL;
    case OP_IN: *k = K_IN; return NULL;
    case OP_NOT_IN: *k = K_NOT_IN; return NULL;
    case OP_WITHIN: *k = K_WITHIN; return NULL;
    case OP_OVERLAPS: *k = K_OVERLAPS; return NULL;
    case OP_CONTAINS: *k = K_CONTAINS; return NULL;
    case OP_INTERSECT: *k = K_INTERSECT; return NULL;
    default: return "?";
    }
}

/* Whether the source span s of file f is usable for the tree's text. */
static bool span_ok(const SourceFile *f, Span s)
{
    return f && !span_is_none(s) && s.start < s.end && s.end <= f->len;
}

/* Copies f[start, end) into buf (n bytes) without '#' comments, runs of
** blanks folded to one space, none at the ends. False if it does not fit. */
static bool folded_text(const SourceFile *f, size_t start, size_t end, char *buf, size_t n)
{
    size_t k = 0;
    bool space = false;
    for (size_t i = start; i < end;) {
        size_t b = blank_at(f->bytes + i);
        if (b || f->bytes[i] == '#') {
            if (!b)
                while (i < end && f->bytes[i] != '\n')
                    i++;
            else
                i += b;
            space = k > 0;
            continue;
        }
        if (space) {
            if (k + 1 >= n)
                return false;
            buf[k++] = ' ';
        }
        space = false;
        if (k + 1 >= n)
            return false;
        buf[k++] = f->bytes[i++];
    }
    buf[k] = '\0';
    return true;
}

/* The operator of binary e as written in the source, when it can be read
** there and means e's operator: a keyword goes with the language, a symbol
** stays ("≤" or "<="). */
static void put_op(const TextOut *t, const Expr *e)
{
    int k;
    const char *sym = op_symbol(e->op, &k);
    char w[64];
    if (t->src && span_ok(t->src, e->a->span) && span_ok(t->src, e->b->span) && e->a->span.end <= e->b->span.start &&
        folded_text(t->src, e->a->span.end, e->b->span.start, w, sizeof w)) {
        static const struct { const char *s; ExprOp op; } SYMBOLS[] = {
            {"=", OP_EQ}, {"!=", OP_NE}, {"\xE2\x89\xA0", OP_NE}, {"<", OP_LT}, {"<=", OP_LE}, {"\xE2\x89\xA4", OP_LE},
            {">", OP_GT}, {">=", OP_GE}, {"\xE2\x89\xA5", OP_GE}, {"+", OP_ADD}, {"-", OP_SUB}, {"*", OP_MUL},
        };
        for (size_t i = 0; i < N_OF(SYMBOLS); i++)
            if (!strcmp(w, SYMBOLS[i].s) && SYMBOLS[i].op == e->op) {
                fprintf(t->out, " %s ", w);
                return;
            }
        int kk = keyword(w);
        if ((kk == K_IS && e->op == OP_EQ) || (kk == K_IS_NOT && e->op == OP_NE) || (kk >= 0 && kk == k)) {
            fprintf(t->out, " %s ", t->english ? KW[kk].en : KW[kk].sv);
            return;
        }
    }
    if (sym)
        fprintf(t->out, " %s ", sym);
    else
        fprintf(t->out, " %s ", t->english ? KW[k].en : KW[k].sv);
}

/* A literal as written: its span without the parentheses around it, blanks
** folded. False when the source cannot say. */
static bool put_written(const TextOut *t, const Expr *e, bool percent)
{
    if (!span_ok(t->src, e->span))
        return false;
    Span s = e->span;
    const char *b = t->src->bytes;
    while (s.end > s.start + 1 && b[s.start] == '(' && b[s.end - 1] == ')') {
        s.start++, s.end--;
        while (s.start < s.end && blank_at(b + s.start))
            s.start += (uint32_t)blank_at(b + s.start);
        while (s.end > s.start && strchr(" \t\r\n", b[s.end - 1]))
            s.end--;
    }
    char buf[128];
    if (s.start >= s.end || !folded_text(t->src, s.start, s.end, buf, sizeof buf) || buf[0] < '0' || buf[0] > '9')
        return false;   /* a number, an amount or a percentage starts with a digit */
    size_t k = strlen(buf), w = k;
    if (percent) {
        while (w > 0 && ((buf[w - 1] >= 'a' && buf[w - 1] <= 'z')))
            w--;
        const char *tr = w < k ? builtin(PERCENT_WORDS, N_OF(PERCENT_WORDS), buf + w, t->english) : NULL;
        if (tr) {
            fprintf(t->out, "%.*s%s", (int)w, buf, tr);
            return true;
        }
    }
    fputs(buf, t->out);
    return true;
}

static void put_text_lit(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        if (*s == '\n')
            fputs("\\n", out);
        else if (*s == '\t')
            fputs("\\t", out);
        else
            fputc(*s, out);
    }
    fputc('"', out);
}

static void text_expr(const TextOut *t, const Expr *e, int min);

static void text_list(const TextOut *t, const ExprList *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            fputs(", ", t->out);
        text_expr(t, l->items[i], 0);
    }
}

static void text_inner(const TextOut *t, const Expr *e)
{
    char buf[64];
    const char *w;
    switch (e->kind) {
    case EXPR_INT:
        if (!put_written(t, e, false))
            fprintf(t->out, "%lld", (long long)e->v.i);
        return;
    case EXPR_MONEY:
        if (e->word) {
            const char *a = builtin(APPROX, N_OF(APPROX), e->word, t->english);
            fprintf(t->out, "%s ", a ? a : e->word);
            /* The amount is the token after the word. */
            if (span_ok(t->src, e->span)) {
                const char *by = t->src->bytes;
                Expr amount = *e;
                Span s = e->span;
                while (s.start < s.end && (by[s.start] == '(' || blank_at(by + s.start)))
                    s.start += blank_at(by + s.start) ? (uint32_t)blank_at(by + s.start) : 1;
                while (s.start < s.end && ((unsigned char)by[s.start] >= 0x80 || (by[s.start] >= 'a' && by[s.start] <= 'z') ||
                                           (by[s.start] >= 'A' && by[s.start] <= 'Z')))
                    s.start++;
                while (s.start < s.end && blank_at(by + s.start))
                    s.start += (uint32_t)blank_at(by + s.start);
                while (s.end > s.start && (by[s.end - 1] == ')' || strchr(" \t\r\n", by[s.end - 1])))
                    s.end--;
                amount.span = s;
                if (put_written(t, &amount, false))
                    return;
            }
        } else if (put_written(t, e, false)) {
            return;
        }
        fputs(money_format(e->v.money, buf, sizeof buf), t->out);
        return;
    case EXPR_PERCENT:
        if (!put_written(t, e, true)) {
            percent_format(e->v.ratio, buf, sizeof buf);
            fputs(buf, t->out);
        }
        return;
    case EXPR_DECIMAL:
        if (!put_written(t, e, false)) {
            Ratio h;
            if (e->v.ratio.den <= INT64_MAX / 100 && ratio_make(e->v.ratio.num, e->v.ratio.den * 100, &h)) {
                percent_format(h, buf, sizeof buf);
                size_t n = strlen(buf);
                if (n >= 2 && !strcmp(buf + n - 2, " %"))
                    buf[n - 2] = '\0';
                fputs(buf, t->out);
            } else {
                fprintf(t->out, "%lld/%lld", (long long)e->v.ratio.num, (long long)e->v.ratio.den);
            }
        }
        return;
    case EXPR_TEXT:
        put_text_lit(t->out, e->v.text);
        return;
    case EXPR_BOOL:
        w = e->v.b ? (t->english ? KW[K_TRUE].en : KW[K_TRUE].sv) : (t->english ? KW[K_FALSE].en : KW[K_FALSE].sv);
        fputs(w, t->out);
        return;
    case EXPR_NAME:
        fputs(e->name ? e->name : "?", t->out);
        return;
    case EXPR_COLUMN:
        fprintf(t->out, "%s.%s", e->name ? e->name : "?", e->name2 ? e->name2 : "?");
        return;
    case EXPR_REST:
        fputs(t->english ? KW[K_REST].en : KW[K_REST].sv, t->out);
        return;
    case EXPR_SET:
        fputc('{', t->out);
        text_list(t, &e->list);
        fputc('}', t->out);
        return;
    case EXPR_CALL:
        w = e->name ? builtin(FUNCTIONS, N_OF(FUNCTIONS), e->name, t->english) : NULL;
        fprintf(t->out, "%s(", w ? w : e->name ? e->name : "?");
        text_list(t, &e->list);
        fputc(')', t->out);
        return;
    case EXPR_RANGE:
        text_expr(t, e->a, PREC_RANGE + 1);
        fputs("..", t->out);
        text_expr(t, e->b, PREC_RANGE + 1);
        return;
    case EXPR_UNARY:
        if (e->op == OP_NOT) {
            fprintf(t->out, "%s ", t->english ? KW[K_NOT].en : KW[K_NOT].sv);
            text_expr(t, e->a, PREC_NOT);
        } else {
            fputc('-', t->out);
            /* "--" would read as one token: a negated negation is bracketed. */
            text_expr(t, e->a, e->a->kind == EXPR_UNARY ? PREC_PRIMARY : PREC_NEG);
        }
        return;
    case EXPR_BINARY: {
        int p = prec(e);
        bool left_assoc = p != PREC_CMP;
        text_expr(t, e->a, left_assoc ? p : p + 1);
        put_op(t, e);
        text_expr(t, e->b, p + 1);
        return;
    }
    case EXPR_PERCENT_OF:
        text_expr(t, e->a, PREC_OF + 1);
        fprintf(t->out, " %s ", t->english ? KW[K_OF].en : KW[K_OF].sv);
        text_expr(t, e->b, PREC_OF);
        return;
    case EXPR_IF:
        fprintf(t->out, "%s ", t->english ? KW[K_IF].en : KW[K_IF].sv);
        text_expr(t, e->a, PREC_OR);
        fprintf(t->out, " %s ", t->english ? KW[K_THEN].en : KW[K_THEN].sv);
        text_expr(t, e->b, PREC_OR);
        if (e->c) {
            fprintf(t->out, " %s ", t->english ? KW[K_ELSE].en : KW[K_ELSE].sv);
            text_expr(t, e->c, 0);   /* annars om …: a chain needs no brackets */
        }
        return;
    default:
        fputs("?", t->out);
        return;
    }
}

static void text_expr(const TextOut *t, const Expr *e, int min)
{
    if (!e) {
        fputs("?", t->out);
        return;
    }
    if (prec(e) < min) {
        fputc('(', t->out);
        text_inner(t, e);
        fputc(')', t->out);
    } else {
        text_inner(t, e);
    }
}

bool format_file_english(const SourceFile *f)
{
    if (!f)
        return false;
    size_t sv = 0, en = 0;
    for (size_t l = 0; l < f->n_lines; l++) {
        size_t i = f->line_starts[l];
        while (i < f->len && blank_at(f->bytes + i))
            i += blank_at(f->bytes + i);
        char w[40];
        size_t k = 0;
        while (i < f->len && k < sizeof w - 1) {
            unsigned char c = (unsigned char)f->bytes[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80))
                break;
            w[k++] = (char)c;
            i++;
        }
        w[k] = '\0';
        int kk = k ? keyword(w) : -1;
        if (kk < 0 || !strcmp(KW[kk].sv, KW[kk].en))
            continue;
        if (!strcmp(w, KW[kk].sv))
            sv++;
        else if (!strcmp(w, KW[kk].en))
            en++;
    }
    return en > sv;
}

bool format_expr_english(const Expr *e, const SourceSet *set)
{
    return e && set && format_file_english(source_get(set, e->span.file));
}

void format_expr(const Expr *e, const SourceSet *set, bool english, FILE *out)
{
    TextOut t = {.out = out, .src = e && set ? source_get(set, e->span.file) : NULL, .english = english};
    text_expr(&t, e, 0);
}

char *format_expr_text(Arena *a, const Expr *e, const SourceSet *set, bool english)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        arena_out_of_memory(0);
    format_expr(e, set, english, f);
    if (fclose(f) != 0)
        arena_out_of_memory(len);
    char *s = arena_strndup(a, buf, len);
    free(buf);
    return s;
}

/* }====== */

/* {====== types and the whole program, for validate --dump */

static const char *kwl(int k, bool english)
{
    return english ? KW[k].en : KW[k].sv;
}

char *format_type(Arena *a, const Program *p, Type t, bool english)
{
    switch (t.kind) {
    case TY_BOOL: return arena_strdup(a, kwl(K_YESNO_T, english));
    case TY_INT: return arena_strdup(a, kwl(K_INTEGER_T, english));
    case TY_MONEY: return arena_strdup(a, kwl(K_AMOUNT, english));
    case TY_PERCENT: return arena_strdup(a, english ? PERCENT_WORDS[0].en[0] : PERCENT_WORDS[0].sv[0]);
    case TY_TEXT: return arena_strdup(a, kwl(K_TEXT_T, english));
    case TY_FOCUS: return arena_strdup(a, kwl(K_FOCUS_AREA, english));
    case TY_RANGE:
        if (t.elem == TY_MONEY)
            return arena_printf(a, "%s %s %s", kwl(K_RANGE_T, english), kwl(K_OF, english), kwl(K_AMOUNT, english));
        return arena_strdup(a, kwl(K_RANGE_T, english));
    case TY_KEY:
        return arena_printf(a, "%s %s", kwl(K_KEY_IN, english),
                            t.id >= 0 && (size_t)t.id < p->n_tables ? p->tables[t.id].name : "?");
    case TY_SET: case TY_ENUM: {
        if (t.kind == TY_SET && t.elem == TY_FOCUS)
            return arena_strdup(a, kwl(K_FOCUS_AREAS, english));
        char *s = arena_strdup(a, kwl(t.kind == TY_SET ? K_SET_OF : K_ONE_OF, english));
        if (t.id < 0 || (size_t)t.id >= p->n_enums)
            return s;
        const EnumDef *e = &p->enums[t.id];
        for (size_t i = 0; i < e->n; i++)
            s = arena_printf(a, "%s%s%s", s, i ? " | " : " ", e->values[i]);
        return s;
    }
    default: return arena_strdup(a, english ? "unknown type" : "okänd typ");
    }
}

bool format_program_english(const Program *p)
{
    return p && p->sources && format_file_english(source_get(p->sources, p->span.file));
}

typedef struct Dump {
    FILE *out;
    const Program *p;
    bool en;
    Arena a;
} Dump;

static const char *dk(const Dump *d, int k)
{
    return kwl(k, d->en);
}

static const char *dword(const Dump *d, const Builtin *g)
{
    return d->en ? g->en[0] : g->sv[0];
}

static void dexpr(Dump *d, const Expr *e)
{
    format_expr(e, d->p->sources, d->en, d->out);
}

static void dump_ref_text(Dump *d, const Ref *r, int in)
{
    const struct { const char *v; int k; } R[] = {
        {r->source, K_SOURCE}, {r->url, K_URL}, {r->paragraph, K_PARAGRAPH}, {r->decision, K_DECISION}};
    for (size_t i = 0; i < N_OF(R); i++)
        if (R[i].v) {
            fprintf(d->out, "%*s%s ", in, "", dk(d, R[i].k));
            put_text_lit(d->out, R[i].v);
            fputc('\n', d->out);
        }
}

static void dump_years_text(Dump *d, int from, int to, int in)
{
    if (from && from == to)
        fprintf(d->out, "%*s%s %d\n", in, "", dk(d, K_YEAR), from);
    else if (from)
        fprintf(d->out, "%*s%s %d\xE2\x80\x93%d\n", in, "", dk(d, K_PERIOD), from, to);
}

static void dump_reason(Dump *d, const char *label, const char *reason, const Ref *ref, int in)
{
    if (label) {
        fprintf(d->out, "%*s%s ", in, "", dk(d, K_LABEL));
        put_text_lit(d->out, label);
        fputc('\n', d->out);
    }
    if (reason) {
        fprintf(d->out, "%*s%s ", in, "", dk(d, K_REASON));
        put_text_lit(d->out, reason);
        fputc('\n', d->out);
    }
    dump_ref_text(d, ref, in);
}

static void dump_scoped_text(Dump *d, int pot, int in)
{
    const Program *p = d->p;
    for (size_t i = 0; i < p->n_criteria; i++) {
        const Criterion *c = &p->criteria[i];
        if (c->pot != pot)
            continue;
        fprintf(d->out, "%*s%s %s\n%*s%s ", in, "", dk(d, K_CRITERION), c->name, in + 2, "", dk(d, K_REQUIRE));
        dexpr(d, c->require);
        fputc('\n', d->out);
        dump_reason(d, c->label, c->reason, &c->ref, in + 2);
    }
    for (size_t i = 0; i < p->n_priorities; i++) {
        const Priority *pr = &p->priorities[i];
        if (pr->pot != pot)
            continue;
        fprintf(d->out, "%*s%s %s\n%*s%s ", in, "", dk(d, K_PRIORITY), pr->name, in + 2, "", dk(d, K_SCORE));
        dexpr(d, pr->score);
        if (pr->when) {
            fprintf(d->out, " %s ", dk(d, K_IF));
            dexpr(d, pr->when);
        }
        fputc('\n', d->out);
        dump_reason(d, pr->label, pr->reason, &pr->ref, in + 2);
    }
    for (size_t i = 0; i < p->n_portfolios; i++) {
        const Portfolio *pf = &p->portfolios[i];
        if (pf->pot != pot)
            continue;
        fprintf(d->out, "%*s%s %s\n", in, "", dk(d, K_PORTFOLIO), pf->name);
        if (pf->binding)
            fprintf(d->out, "%*s%s\n", in + 2, "", dk(d, K_BINDING));
        for (size_t j = 0; j < pf->n_bounds; j++) {
            fprintf(d->out, "%*s%s ", in + 2, "", dk(d, pf->bounds[j].at_least ? K_AT_LEAST : K_AT_MOST));
            dexpr(d, pf->bounds[j].count);
            if (pf->bounds[j].where) {
                fprintf(d->out, " %s ", dk(d, K_WHERE));
                dexpr(d, pf->bounds[j].where);
            }
            fputc('\n', d->out);
        }
        dump_reason(d, pf->label, pf->reason, &pf->ref, in + 2);
    }
}

/* A decimal number as the rule file writes it: 6/5 is "1,2". */
static const char *decimal_text(Dump *d, Ratio r)
{
    Ratio h;
    char buf[64];
    if (r.den <= INT64_MAX / 100 && ratio_make(r.num, r.den * 100, &h)) {
        percent_format(h, buf, sizeof buf);
        size_t n = strlen(buf);
        if (n >= 2 && !strcmp(buf + n - 2, " %"))
            buf[n - 2] = '\0';
        return arena_strdup(&d->a, buf);
    }
    return arena_printf(&d->a, "%" PRId64 "/%" PRId64, r.num, r.den);
}

static void dump_pot_text(Dump *d, int k)
{
    static const int TIE_INDEX[] = {[TIE_KEY] = 3, [TIE_AMOUNT_ASC] = 0, [TIE_AMOUNT_DESC] = 1, [TIE_ORDER] = 2};
    const Program *p = d->p;
    const Pot *pot = &p->pots[k];
    int in = 2 * pot->depth;
    char buf[64];
    if (pot->round_of >= 0) {
        /* A second round: no amount of its own (what its pot leaves). */
        fprintf(d->out, "%*s%s %s", in, "", dk(d, K_SECOND_ROUND), pot->name);
        if (pot->label) {
            fputc(' ', d->out);
            put_text_lit(d->out, pot->label);
        }
        fputc('\n', d->out);
        if (pot->deadline) {
            fprintf(d->out, "%*s  %s ", in, "", dk(d, K_DEADLINE));
            put_text_lit(d->out, pot->deadline);
            fputc('\n', d->out);
        }
        goto handing_out;
    }
    fprintf(d->out, "%*s%s %s", in, "", dk(d, K_POT), pot->name);
    if (pot->label) {
        fputc(' ', d->out);
        put_text_lit(d->out, pot->label);
    }
    fputs(": ", d->out);
    if (pot->approx) {
        const char *a = builtin(APPROX, N_OF(APPROX), pot->approx, d->en);
        fprintf(d->out, "%s ", a ? a : pot->approx);
    }
    fputs(money_format(pot->amount, buf, sizeof buf), d->out);
    if (pot->share == SHARE_PERCENT)
        fprintf(d->out, " (%s)", percent_format(pot->percent, buf, sizeof buf));
    else if (pot->share == SHARE_REST)
        fprintf(d->out, " (%s)", dk(d, K_REST));
    fputc('\n', d->out);
    if (pot->manager) {
        fprintf(d->out, "%*s  %s ", in, "", dk(d, K_MANAGER));
        put_text_lit(d->out, pot->manager);
        fputc('\n', d->out);
    }
    dump_years_text(d, pot->year_from, pot->year_to, in + 2);
    dump_ref_text(d, &pot->ref, in + 2);
    if (pot->has_split) {
        const Split *s = &pot->split;
        fprintf(d->out, "%*s  %s %s %s %s %s.%s, %s %s, %s %s", in, "", dk(d, K_SPLIT), dk(d, K_PER),
                s->field >= 0 ? p->fields[s->field].name : "?", dk(d, K_BY), s->table >= 0 ? p->tables[s->table].name : "?",
                s->table >= 0 && s->column >= 0 ? p->tables[s->table].columns[s->column].name : "?", dk(d, K_ROUNDING),
                money_format(s->unit, buf, sizeof buf), dk(d, K_METHOD), dword(d, &METHODS[s->method]));
        if (s->method == APPORTION_SAINTE_LAGUE)
            fprintf(d->out, ", %s %s", dk(d, K_FIRST_DIVISOR), decimal_text(d, s->first_divisor));
        const SplitAmount *rules[] = {&s->base, &s->cap};
        const int rule_kw[] = {K_BASE_AMOUNT, K_CAP};
        for (int i = 0; i < 2; i++) {
            if (!rules[i]->set)
                continue;
            fprintf(d->out, ", %s %s", dk(d, rule_kw[i]),
                    rules[i]->is_percent ? percent_format(rules[i]->percent, buf, sizeof buf)
                                         : money_format(rules[i]->amount, buf, sizeof buf));
        }
        if (s->has_threshold) {
            if (s->threshold_is_percent)
                fprintf(d->out, ", %s %s", dk(d, K_THRESHOLD), percent_format(s->threshold_percent, buf, sizeof buf));
            else
                fprintf(d->out, ", %s %s", dk(d, K_THRESHOLD), int_format(s->threshold_weight, buf, sizeof buf));
        }
        if (s->min_units > 0)
            fprintf(d->out, ", %s %" PRId64 " %s", dk(d, K_AT_LEAST), s->min_units,
                    d->en ? (s->min_units == 1 ? "unit" : "units") : (s->min_units == 1 ? "enhet" : "enheter"));
        fputc('\n', d->out);
    }
handing_out:
    if (pot->policy != POLICY_NONE) {
        fprintf(d->out, "%*s  %s %s", in, "", dk(d, K_ALLOCATION), dword(d, &POLICIES[pot->policy - 1]));
        if (pot->policy == POLICY_RANK)
            fprintf(d->out, ", %s %s", dk(d, K_LAST), dword(d, &LAST_RULES[pot->last]));
        fprintf(d->out, ", %s", dk(d, K_TIE_BREAK));
        for (size_t i = 0; i < pot->n_tie_break; i++)
            fprintf(d->out, "%s %s", i ? "," : "", dword(d, &TIE_BREAKS[TIE_INDEX[pot->tie_break[i]]]));
        fputc('\n', d->out);
    }
    if (pot->cap_per_application)
        fprintf(d->out, "%*s  %s %s %s %s\n", in, "", dk(d, K_CAP), money_format(pot->cap_per_application, buf, sizeof buf),
                dk(d, K_PER), dk(d, K_APPLICATION));
    if (pot->cap_per_applicant)
        fprintf(d->out, "%*s  %s %s %s %s\n", in, "", dk(d, K_CAP), money_format(pot->cap_per_applicant, buf, sizeof buf),
                dk(d, K_PER), pot->cap_field >= 0 ? p->fields[pot->cap_field].name : "?");
    if (pot->min_grant)
        fprintf(d->out, "%*s  %s %s\n", in, "", dk(d, K_MIN_GRANT), money_format(pot->min_grant, buf, sizeof buf));
    if (pot->grant_unit > 1)
        fprintf(d->out, "%*s  %s %s\n", in, "", dk(d, K_ROUNDING), money_format(pot->grant_unit, buf, sizeof buf));
    if (pot->applies) {
        fprintf(d->out, "%*s  %s %s ", in, "", dk(d, K_APPLICATIONS), dk(d, K_WHERE));
        dexpr(d, pot->applies);
        fputc('\n', d->out);
    }
    /* What it leaves: a pot with a second round gives it to the round,
    ** which says (below) what happens to what it leaves in turn. */
    if (pot->round < 0 && pot->leftover == LEFTOVER_RETURNED)
        fprintf(d->out, "%*s  %s %s\n", in, "", dk(d, K_LEFTOVER), dword(d, &LEFTOVERS[1]));
    else if (pot->round < 0 && pot->leftover == LEFTOVER_MOVES)
        fprintf(d->out, "%*s  %s %s %s\n", in, "", dk(d, K_LEFTOVER), dk(d, K_MOVES_TO),
                pot->leftover_to >= 0 ? p->pots[pot->leftover_to].name : "?");
    dump_scoped_text(d, k, in + 2);
    for (size_t c = 0; c < pot->n_children; c++)
        dump_pot_text(d, pot->children[c]);
    if (pot->round >= 0)
        dump_pot_text(d, pot->round);
}

/* A derived column's sum as written ("= a + b", or its alternatives by
** year), and for one by year, which alternative the agreement's year chose. */
static void dump_derived(Dump *d, const Column *col)
{
    const Item *it = col->decl;
    const SourceSet *set = d->p->sources;
    fputs("= ", d->out);
    if (it->expr)
        format_expr(it->expr, set, d->en, d->out);
    for (size_t i = 0; i < it->body.n; i++) {
        fputs(i ? ", " : "", d->out);
        format_expr(it->body.items[i]->expr2, set, d->en, d->out);
        fprintf(d->out, " %s ", dk(d, K_YEAR));
        format_expr(it->body.items[i]->expr, set, d->en, d->out);
    }
    if (col->chosen >= 0) {
        const Item *y = it->body.items[col->chosen];
        fprintf(d->out, "\n    %s ", d->en ? "chosen for the agreement's year:" : "vald för överenskommelsens år:");
        format_expr(y->expr2, set, d->en, d->out);
    }
}

void format_dump(const Program *p, FILE *out)
{
    Dump d = {.out = out, .p = p, .en = format_program_english(p)};
    arena_init(&d.a);
    fprintf(out, "%s ", dk(&d, K_AGREEMENT));
    put_text_lit(out, p->name ? p->name : "");
    fputc('\n', out);
    dump_years_text(&d, p->year_from, p->year_to, 2);
    dump_ref_text(&d, &p->ref, 2);
    if (p->n_focus) {
        fprintf(out, "%s\n", dk(&d, K_FOCUS_AREAS));
        for (size_t i = 0; i < p->n_focus; i++) {
            fprintf(out, "  %s ", p->focus[i].name);
            put_text_lit(out, p->focus[i].label);
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < p->n_tables; i++) {
        const Table *t = &p->tables[i];
        fprintf(out, "%s %s %s ", dk(&d, K_TABLE), t->name, dk(&d, K_FROM));
        put_text_lit(out, t->file);
        fputc('\n', out);
        for (size_t c = 0; c < t->n_columns; c++) {
            const Column *col = &t->columns[c];
            fprintf(out, "  %s%s%s: %s ", col->key ? dk(&d, K_KEY) : "", col->key ? " " : "", col->name,
                    format_type(&d.a, p, col->type, d.en));
            if (col->derived)
                dump_derived(&d, col);
            else
                put_text_lit(out, col->header);
            fputc('\n', out);
        }
        dump_ref_text(&d, &t->ref, 2);
    }
    if (p->n_fields) {
        fprintf(out, "%s\n", dk(&d, K_APPLICATION));
        for (size_t i = 0; i < p->n_fields; i++) {
            const Field *f = &p->fields[i];
            fputs("  ", out);
            if (f->flags & FIELD_KEY)
                fprintf(out, "%s ", dk(&d, K_KEY));
            if (f->flags & FIELD_REQUIRED)
                fprintf(out, "%s ", dk(&d, K_REQUIRED));
            if (f->flags & FIELD_REQUESTED)
                fprintf(out, "%s ", dk(&d, K_REQUESTED));
            fprintf(out, "%s: %s ", f->name, format_type(&d.a, p, f->type, d.en));
            put_text_lit(out, f->column);
            fputc('\n', out);
        }
    }
    dump_scoped_text(&d, -1, 0);
    for (size_t k = 0; k < p->n_pots; k++)
        if (p->pots[k].parent < 0 && p->pots[k].round_of < 0)
            dump_pot_text(&d, (int)k);
    arena_free(&d.a);
}

/* }====== */
