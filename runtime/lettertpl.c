/*
** lettertpl.c: the letter template language (lettertpl.h). Compiling turns
** the text into a flat list of nodes, each name resolved to a slot of a
** record in scope (how many list sections up, which slot); a section's
** node records where its part ends. Rendering walks the nodes with a stack
** of the records of the enclosing list sections.
*/
#include "lettertpl.h"

#include <stdint.h>
#include <string.h>

#include "i18n.h"
#include "text.h"

/* Nesting deeper than this is no letter: a located error. */
enum { TPL_MAX_DEPTH = 32 };

typedef enum NodeKind {
    NODE_TEXT,       /* bytes of the template as they are */
    NODE_VALUE,      /* {{namn}} */
    NODE_SECTION,    /* {{#namn}} */
    NODE_INVERTED    /* {{^namn}} */
} NodeKind;

typedef struct Node {
    NodeKind kind;
    size_t start, len;   /* NODE_TEXT: the bytes */
    int up;              /* the record: this many list sections out from the innermost */
    int slot;            /* its slot */
    bool list;           /* the name is a list (a section over it pushes its items) */
    size_t end;          /* a section: the index of the first node after its part */
} Node;

struct LetterTemplate {
    const char *text;
    Node *nodes;
    size_t n;
};

typedef struct Open {
    const char *name;    /* in the arena */
    Span span;           /* the opening tag */
    size_t node;
    bool pushed;         /* a list section: its schema is in scope inside */
} Open;

typedef struct Compiler {
    Arena *a;
    Diags *d;
    uint32_t file;
    const char *text;
    size_t len;
    Node *nodes;
    size_t n, cap;
    const TplSchema *scope[TPL_MAX_DEPTH + 1];   /* scope[0] the root; the innermost last */
    int n_scope;
    Open open[TPL_MAX_DEPTH];
    int n_open;
} Compiler;

static Node *add_node(Compiler *c, NodeKind kind)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        Node *nodes = arena_alloc(c->a, cap * sizeof *nodes);
        if (c->n)
            memcpy(nodes, c->nodes, c->n * sizeof *nodes);
        c->nodes = nodes;
        c->cap = cap;
    }
    Node *n = &c->nodes[c->n++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    return n;
}

static Span span_of(const Compiler *c, size_t start, size_t end)
{
    return (Span){c->file, (uint32_t)start, (uint32_t)end};
}

/* Finds name in the scopes, innermost first: sets *up, *slot and *list.
** False when no scope has it. */
static bool lookup(const Compiler *c, const char *name, int *up, int *slot, bool *list)
{
    for (int s = c->n_scope - 1; s >= 0; s--) {
        const TplSchema *sc = c->scope[s];
        for (size_t i = 0; i < sc->n; i++)
            if (!strcmp(sc->names[i].name, name)) {
                *up = c->n_scope - 1 - s;
                *slot = (int)i;
                *list = sc->names[i].items != NULL;
                return true;
            }
    }
    return false;
}

/* "okänd platshållare 'x'", with the closest name in scope when one is close. */
static void unknown_name(Compiler *c, Span sp, const char *name)
{
    size_t n = 0;
    for (int s = 0; s < c->n_scope; s++)
        n += c->scope[s]->n;
    const char **names = arena_alloc(c->a, (n + 1) * sizeof *names);
    n = 0;
    for (int s = c->n_scope - 1; s >= 0; s--)
        for (size_t i = 0; i < c->scope[s]->n; i++)
            names[n++] = c->scope[s]->names[i].name;
    int k = text_suggest(c->a, name, names, n);
    if (k >= 0)
        diag_error(c->d, sp, _("okänd platshållare '%s'; menade du '%s'?"), name, names[k]);
    else
        diag_error(c->d, sp, _("okänd platshållare '%s'"), name);
}

/* One tag, {{…}} from byte `at` (the first '{') to `end` (after "}}");
** the content between is body[0..blen). */
static void tag(Compiler *c, size_t at, size_t end, const char *body, size_t blen)
{
    Span sp = span_of(c, at, end);
    char sigil = blen && strchr("#^/", body[0]) ? body[0] : 0;
    if (sigil) {
        body++;
        blen--;
    }
    while (blen && (body[0] == ' ' || body[0] == '\t' || body[0] == '\n' || body[0] == '\r'))
        body++, blen--;
    while (blen && (body[blen - 1] == ' ' || body[blen - 1] == '\t' || body[blen - 1] == '\n' || body[blen - 1] == '\r'))
        blen--;
    if (!blen) {
        diag_error(c->d, sp, _("tom platshållare '%.*s': skriv ett namn mellan klamrarna, t.ex. {{sökande}}"),
                   (int)(end - at), c->text + at);
        return;
    }
    char *name = arena_strndup(c->a, body, blen);
    if (sigil == '/') {
        if (!c->n_open) {
            diag_error(c->d, sp, _("'{{/%s}}' avslutar inget avsnitt; ta bort den eller öppna avsnittet med {{#%s}}"), name,
                       name);
            return;
        }
        Open *o = &c->open[c->n_open - 1];
        if (strcmp(o->name, name)) {
            SourcePos p = source_position(source_get(c->d->sources, c->file), o->span.start);
            diag_error(c->d, sp, _("'{{/%s}}' avslutar inte avsnittet '%s' från rad %zu; skriv {{/%s}} först"), name, o->name,
                       p.line, o->name);
        }
        /* Closed either way, so that one slip gives one message. */
        c->nodes[o->node].end = c->n;
        if (o->pushed)
            c->n_scope--;
        c->n_open--;
        return;
    }
    int up = 0, slot = 0;
    bool list = false;
    if (!lookup(c, name, &up, &slot, &list)) {
        unknown_name(c, sp, name);
        if (!sigil)
            return;
        /* An unknown section still opens, so its close matches; inside it
        ** only the outer names are known. */
    }
    if (!sigil) {
        if (list) {
            diag_error(c->d, sp, _("'%s' är en lista; skriv {{#%s}}…{{/%s}} för att upprepa den"), name, name, name);
            return;
        }
        Node *n = add_node(c, NODE_VALUE);
        n->up = up;
        n->slot = slot;
        return;
    }
    if (c->n_open == TPL_MAX_DEPTH) {
        diag_error(c->d, sp, _("avsnitten ligger i mer än %d nivåer; en brevmall behöver inte så många"), TPL_MAX_DEPTH);
        return;
    }
    size_t index = c->n;
    Node *n = add_node(c, sigil == '#' ? NODE_SECTION : NODE_INVERTED);
    n->up = up;
    n->slot = slot;
    n->list = list;
    n->end = index + 1;
    Open *o = &c->open[c->n_open++];
    o->name = name;
    o->span = sp;
    o->node = index;
    /* Inside {{#lista}} the items' names are in scope; inside {{^lista}}
    ** there is no item. */
    o->pushed = false;
    if (list && sigil == '#') {
        const TplSchema *outer = c->scope[c->n_scope - 1 - up];
        c->scope[c->n_scope++] = outer->names[slot].items;
        o->pushed = true;
    }
}

static void text_node(Compiler *c, size_t from, size_t to)
{
    if (to <= from)
        return;
    Node *n = add_node(c, NODE_TEXT);
    n->start = from;
    n->len = to - from;
}

/* The first "}}" at or after i, or len when there is none. */
static size_t find_close(const char *s, size_t i, size_t len)
{
    for (; i + 1 < len; i++)
        if (s[i] == '}' && s[i + 1] == '}')
            return i;
    return len;
}

LetterTemplate *tpl_compile(Arena *a, const SourceSet *set, uint32_t file, const TplSchema *schema, Diags *d)
{
    const SourceFile *f = source_get(set, file);
    size_t errors = d->n_errors;
    Compiler c = {.a = a, .d = d, .file = file, .text = f->bytes, .len = f->len};
    c.scope[c.n_scope++] = schema;
    size_t bad = 0, bad_len = 0;
    if (!text_valid_utf8(f->bytes, f->len, &bad, &bad_len)) {
        diag_error(d, span_of(&c, bad, bad + (bad_len ? bad_len : 1)),
                   _("brevmallen är inte UTF-8; spara den som UTF-8 (i en textredigerare: Spara som, kodning UTF-8)"));
        return NULL;
    }
    size_t from = 0, i = 0;
    while (i + 1 < c.len) {
        if (c.text[i] != '{' || c.text[i + 1] != '{') {
            i++;
            continue;
        }
        text_node(&c, from, i);
        if (i + 2 < c.len && c.text[i + 2] == '!') {
            const char *end = NULL;
            for (size_t j = i + 3; j + 2 < c.len && !end; j++)
                if (c.text[j] == '!' && c.text[j + 1] == '}' && c.text[j + 2] == '}')
                    end = c.text + j;
            if (!end) {
                diag_error(d, span_of(&c, i, i + 3), _("kommentaren '{{!' avslutas aldrig; skriv '!}}' där den slutar"));
                from = i = c.len;
                break;
            }
            from = i = (size_t)(end - c.text) + 3;
            continue;
        }
        size_t close = find_close(c.text, i + 2, c.len);
        /* A '{' or a line break before the "}}" means the tag was never closed. */
        size_t stop = close;
        for (size_t j = i + 2; j < close; j++)
            if (c.text[j] == '{' || c.text[j] == '\n') {
                stop = j;
                break;
            }
        if (close == c.len || stop != close) {
            diag_error(d, span_of(&c, i, i + 2), _("'{{' utan '}}': platshållaren avslutas aldrig på sin rad"));
            from = i = stop == close ? c.len : stop;
            continue;
        }
        tag(&c, i, close + 2, c.text + i + 2, close - i - 2);
        from = i = close + 2;
    }
    text_node(&c, from, c.len);
    while (c.n_open) {
        Open *o = &c.open[--c.n_open];
        diag_error(d, o->span, _("avsnittet '%s' avslutas aldrig; skriv {{/%s}} där det slutar"), o->name, o->name);
    }
    if (d->n_errors > errors)
        return NULL;
    LetterTemplate *t = arena_alloc(a, sizeof *t);
    t->text = c.text;
    t->nodes = c.nodes;
    t->n = c.n;
    return t;
}

void tpl_put_escaped(FILE *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int cp;
        size_t k = text_decode(s + i, len - i, &cp);
        switch (cp) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
                fputs("\xEF\xBF\xBD", out);
            else
                fwrite(s + i, 1, k, out);
        }
        i += k;
    }
}

static void render(const LetterTemplate *t, size_t from, size_t to, const TplRecord **stack, int depth, FILE *out)
{
    for (size_t i = from; i < to;) {
        const Node *n = &t->nodes[i];
        if (n->kind == NODE_TEXT) {
            fwrite(t->text + n->start, 1, n->len, out);
            i++;
            continue;
        }
        const TplSlot *s = &stack[depth - 1 - n->up]->slots[n->slot];
        if (n->kind == NODE_VALUE) {
            if (s->text)
                tpl_put_escaped(out, s->text, strlen(s->text));
            i++;
            continue;
        }
        bool present = n->list ? s->n_items > 0 : s->text && s->text[0];
        if (n->kind == NODE_INVERTED) {
            if (!present)
                render(t, i + 1, n->end, stack, depth, out);
        } else if (n->list && depth < TPL_MAX_DEPTH + 1) {
            for (size_t k = 0; k < s->n_items; k++) {
                stack[depth] = &s->items[k];
                render(t, i + 1, n->end, stack, depth + 1, out);
            }
        } else if (present) {
            render(t, i + 1, n->end, stack, depth, out);
        }
        i = n->end;
    }
}

bool tpl_render(const LetterTemplate *t, const TplRecord *root, FILE *out)
{
    const TplRecord *stack[TPL_MAX_DEPTH + 1];
    stack[0] = root;
    render(t, 0, t->n, stack, 1, out);
    return !ferror(out);
}
