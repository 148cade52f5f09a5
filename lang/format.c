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
#include "text.h"

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
    {TIE_BREAKS, N_OF(TIE_BREAKS)}, {OUTCOMES, N_OF(OUTCOMES)}, {VERDICTS, N_OF(VERDICTS)}, {FUNCTIONS, N_OF(FUNCTIONS)},
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
    case ITEM_CRITERION: block(p, it, K_CRITERION, false); break;
    case ITEM_PRIORITY: block(p, it, K_PRIORITY, false); break;
    case ITEM_PORTFOLIO: block(p, it, K_PORTFOLIO, false); break;
    case ITEM_SCENARIO: block(p, it, K_SCENARIO, false); break;
    case ITEM_TEST: block(p, it, K_TEST, false); break;
    case ITEM_CHANGE:
        emit(p, "%s", kw(p, K_CHANGE));
        kw_after(p, it->kw_span.end, kind_kw(it->target));
        emit(p, " ");
        if (it->target == ITEM_AGREEMENT)
            text_at(p, it->text, it->text_span);
        else
            name_at(p, it->name, it->name_span);
        body(p, it, true);
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
