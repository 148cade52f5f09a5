/*
** roundtrip.c: properties of medel fmt, checked in-process (no files are
** written, so nothing races other tests).
**
**   fmt_test words KEYWORDS.H CHECKER.C TESTRUN.C
**     Every keyword the scanner accepts (every spelling in lang/keywords.h,
**     which the scanner's lookup is made from) and every built-in word the
**     checker and medel test compare (lines of checker.c and testrun.c with
**     two or more `strcmp(x, "word")`, which are one meaning's spellings) has
**     a Swedish and an English spelling in fmt (format_word), and the
**     spellings mean the same: the scanner gives them the same token, or they
**     stand on the same line. A keyword or built-in word added later without
**     a translation fails here.
**
**   fmt_test roundtrip FILE…   (roundtrip-swedish: only in Swedish)
**     For every rule file, comments are inserted at token boundaries (at
**     every boundary at once, then at every k-th for a few k and every
**     offset, as end-of-line, own-line and unspaced comments), and each
**     variant is formatted in Swedish, in English, and in English then
**     Swedish. Every result must parse; keep every comment, in order and
**     whole (a comment that swallowed code would read differently); mean the
**     same (validate --dump of the original, and the syntax tree of the file
**     formatted without the comments); and be formatted already (fmt is
**     idempotent).
**
** The dump compares meaning, so an approximate amount's word is read as
** "approximate": English has one word ('about') for the five Swedish ones.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "format.h"
#include "parse.h"
#include "parse_internal.h"
#include "parser.h"
#include "lexer.h"
#include "program.h"
#include "source.h"

static int failures;
/* roundtrip-swedish: only fmt --swedish, and files with syntax errors are
** skipped (fmt leaves them alone). For the broken rule files of
** tests/golden/errors, whose messages quote keywords as written. */
static bool swedish_only;
static size_t n_skipped;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FAIL: ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    va_end(ap);
    failures++;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *s = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 + 1 > cap)
            s = xrealloc(s, cap = 2 * cap + 4096 + 1);
        size_t k = fread(s + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0)
            break;
    }
    fclose(f);
    s[n] = '\0';
    *len = n;
    return s;
}

/* ---- the scanner on its own ---- */

typedef struct Tokens {
    int *kind;
    Span *span;
    size_t n;
} Tokens;

/* Every token of text[0..len) (after a byte-order mark, as parse.c skips it). */
static Tokens lex(const char *text, size_t len)
{
    SourceSet set;
    source_set_init(&set);
    uint32_t file = source_add(&set, "t.medel", text, len);
    Arena arena;
    arena_init(&arena);
    Diags d;
    diags_init(&d, &set);
    char *copy = xmalloc(len + 2);
    memcpy(copy, text, len);
    copy[len] = copy[len + 1] = '\0';
    size_t skip = len >= 3 && memcmp(copy, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;   /* a UTF-8 BOM, as parse.c skips it */
    Parser p;
    memset(&p, 0, sizeof p);
    p.arena = &arena;
    p.diags = &d;
    p.file = file;
    p.bytes = copy;
    p.len = len;
    p.offset = skip;
    Module m = {0};
    p.module = &m;
    yyscan_t scanner;
    if (medel_yylex_init_extra(&p, &scanner) != 0)
        abort();
    YY_BUFFER_STATE buf = medel_yy_scan_bytes(copy + skip, (int)(len - skip), scanner);
    Tokens t = {0};
    size_t cap = 0;
    for (;;) {
        YYSTYPE v;
        memset(&v, 0, sizeof v);
        Span loc = {0, 0, 0};
        int k = medel_yylex(&v, &loc, scanner);
        if (k == TOK_YYEOF)
            break;
        if (t.n == cap) {
            cap = cap ? 2 * cap : 256;
            t.kind = xrealloc(t.kind, cap * sizeof *t.kind);
            t.span = xrealloc(t.span, cap * sizeof *t.span);
        }
        t.kind[t.n] = k;
        t.span[t.n++] = loc;
    }
    medel_yy_delete_buffer(buf, scanner);
    medel_yylex_destroy(scanner);
    parser_free_scan(&p);
    free(copy);
    diags_free(&d);
    arena_free(&arena);
    source_set_free(&set);
    return t;
}

static void tokens_free(Tokens *t)
{
    free(t->kind);
    free(t->span);
}

/* The token a word alone is, or -1 when it is not exactly one token. */
static int token_of(const char *w)
{
    /* A keyword of two words is one only before a blank ("ta bort" then
    ** not a letter). */
    char s[64];
    snprintf(s, sizeof s, "%s ", w);
    Tokens t = lex(s, strlen(s));
    int k = t.n == 1 && t.span[0].start == 0 && t.span[0].end == strlen(w) ? t.kind[0] : -1;
    tokens_free(&t);
    return k;
}

/* ---- words ---- */

typedef struct Group {
    char *words[8];
    size_t n;
    int line;
    const char *file;
} Group;

static void check_group(const Group *g, bool same_token)
{
    for (size_t i = 0; i < g->n; i++) {
        const char *w = g->words[i];
        const char *en = format_word(w, true), *sv = format_word(w, false);
        if (!en || !sv) {
            fail("%s:%d: fmt has no %s spelling of '%s' (add it to lang/format.c)", g->file, g->line,
                 !en ? "English" : "Swedish", w);
            continue;
        }
        const char *both[2] = {en, sv};
        for (int j = 0; j < 2; j++) {
            bool ok = false;
            if (same_token)
                ok = token_of(both[j]) == token_of(w);
            else
                for (size_t k = 0; k < g->n; k++)
                    ok |= !strcmp(both[j], g->words[k]);
            if (!ok)
                fail("%s:%d: fmt writes '%s' as '%s', which does not mean the same", g->file, g->line, w, both[j]);
            if (strcmp(format_word(both[j], j == 0), both[j]) != 0)
                fail("%s:%d: fmt writes '%s' as '%s', but that as '%s'", g->file, g->line, w, both[j],
                     format_word(both[j], j == 0));
        }
        if (g->n > 1 && !strcmp(en, sv))
            fail("%s:%d: '%s' has spellings in both languages, but fmt writes '%s' in both", g->file, g->line, w, en);
    }
}

static void add_word(Group *g, const char *s, size_t n)
{
    if (g->n < sizeof g->words / sizeof g->words[0]) {
        char *w = xmalloc(n + 1);
        memcpy(w, s, n);
        w[n] = '\0';
        g->words[g->n++] = w;
    }
}

static void group_free(Group *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->words[i]);
    g->n = 0;
}

/* lang/keywords.h: the spellings of its X(TOKEN, "sv", "en"),
** X(TOKEN, "spelling") and X("approximate word") entries, grouped by token. */
static size_t keyword_words(const char *path)
{
    size_t len, n_words = 0;
    char *s = read_file(path, &len);
    if (!s) {
        fail("cannot read %s", path);
        return 0;
    }
    enum { MAX_TOKENS = 200 };
    Group groups[MAX_TOKENS];
    char *names[MAX_TOKENS];
    size_t n_groups = 0;
    int line = 1;
    bool comment = false;   /* the line is part of a comment (starts with / or *) */
    for (char *c = s; *c; c++) {
        if (c == s || c[-1] == '\n') {
            const char *b = c;
            while (*b == ' ')
                b++;
            comment = *b == '/' || *b == '*';
        }
        if (*c == '\n')
            line++;
        if (comment || c[0] != 'X' || c[1] != '(' || (c > s && c[-1] != ' '))
            continue;
        const char *tok = c + 2, *q = tok;
        size_t tl = 0;
        if (*q == '"') {   /* X("cirka"): the words of TOK_APPROX */
            tok = "APPROX";
            tl = 6;
        } else {
            while ((tok[tl] >= 'A' && tok[tl] <= 'Z') || tok[tl] == '_' || (tok[tl] >= '0' && tok[tl] <= '9'))
                tl++;
            if (tl == 0 || strncmp(tok + tl, ", \"", 3) != 0)
                continue;   /* the X(TOKEN, sv, en) of the comments and #defines */
            q = tok + tl + 2;
        }
        size_t g = 0;
        while (g < n_groups && (strlen(names[g]) != tl || strncmp(names[g], tok, tl) != 0))
            g++;
        if (g == n_groups) {
            if (n_groups == MAX_TOKENS)
                continue;
            names[g] = xmalloc(tl + 1);
            memcpy(names[g], tok, tl);
            names[g][tl] = '\0';
            groups[g] = (Group){.line = line, .file = path};
            n_groups++;
        }
        /* The spellings: "…" or "…", "…" up to the closing parenthesis. */
        while (*q == '"') {
            const char *w = q + 1, *e = strchr(w, '"');
            if (!e)
                break;
            bool seen = false;   /* "url", "url": one spelling */
            for (size_t k = 0; k < groups[g].n; k++)
                seen |= strlen(groups[g].words[k]) == (size_t)(e - w) && !strncmp(groups[g].words[k], w, (size_t)(e - w));
            if (!seen) {
                add_word(&groups[g], w, (size_t)(e - w));
                n_words++;
            }
            q = e + 1;
            if (strncmp(q, ", \"", 3) == 0)
                q += 2;
        }
    }
    for (size_t g = 0; g < n_groups; g++) {
        check_group(&groups[g], true);
        group_free(&groups[g]);
        free(names[g]);
    }
    free(s);
    return n_words;
}

/* A C file: the string literals of each line with two or more
** `strcmp(x, "word")`. */
static size_t strcmp_words(const char *path)
{
    size_t len, n_words = 0;
    char *s = read_file(path, &len);
    if (!s) {
        fail("cannot read %s", path);
        return 0;
    }
    int line = 1;
    for (char *c = s; *c; line++) {
        char *end = strchr(c, '\n');
        if (!end)
            end = c + strlen(c);
        Group g = {.line = line, .file = path};
        for (char *q = c; (q = strstr(q, "strcmp(")) && q < end; q++) {
            char *comma = strchr(q, ',');
            if (!comma || comma > end || strncmp(comma, ", \"", 3) != 0)
                continue;
            char *w = comma + 3, *e = strchr(w, '"');
            if (e && e < end)
                add_word(&g, w, (size_t)(e - w));
        }
        if (g.n >= 2) {
            check_group(&g, false);
            n_words += g.n;
        }
        group_free(&g);
        c = *end ? end + 1 : end;
    }
    free(s);
    return n_words;
}

/* ---- one rule file through fmt ---- */

typedef struct Parsed {
    char *ast;        /* the syntax tree, as --dump-ast prints it */
    char **comments;  /* every comment, blanks at its end removed */
    size_t n_comments;
    char *formatted[2];   /* fmt in Swedish, in English */
    char *error;      /* the diagnostics when it does not parse */
} Parsed;

static void parsed_free(Parsed *r)
{
    free(r->ast);
    for (size_t i = 0; i < r->n_comments; i++)
        free(r->comments[i]);
    free(r->comments);
    free(r->formatted[0]);
    free(r->formatted[1]);
    free(r->error);
    memset(r, 0, sizeof *r);
}

static Parsed parse_text(const char *path, const char *text, size_t len)
{
    Parsed r = {0};
    Arena a;
    arena_init(&a);
    SourceSet set;
    source_set_init(&set);
    Diags d;
    diags_init(&d, &set);
    uint32_t file = source_add(&set, path, text, len);
    Module *m = parse_module(&a, &set, file, &d, false);
    size_t n;
    if (d.n_errors) {
        FILE *f = open_memstream(&r.error, &n);
        diags_render(&d, f);
        fclose(f);
    } else {
        FILE *f = open_memstream(&r.ast, &n);
        ast_dump(m, f);
        fclose(f);
        for (int english = 0; english < 2; english++) {
            f = open_memstream(&r.formatted[english], &n);
            format_module(m, &set, english, f);
            fclose(f);
        }
        r.comments = xmalloc((m->n_comments + 1) * sizeof *r.comments);
        for (size_t i = 0; i < m->n_comments; i++) {
            size_t s = m->comments[i].start, e = m->comments[i].end;
            while (e > s && strchr(" \t\r", text[e - 1]))
                e--;
            r.comments[i] = xmalloc(e - s + 1);
            memcpy(r.comments[i], text + s, e - s);
            r.comments[i][e - s] = '\0';
        }
        r.n_comments = m->n_comments;
    }
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return r;
}

/* The dump prints a function call and an approximate amount inside an
** expression with the word as written: "(count x)" and "(antal x)" mean the
** same, as do "(nära 5 kr)" and "(about 5 kr)". Rewrites them in place. */
static char *same_words(char *dump)
{
    size_t n = strlen(dump), k = 0;
    char *out = xmalloc(2 * n + 1);
    for (size_t i = 0; i < n;) {
        if (dump[i] == '(') {
            size_t e = i + 1;
            while (e < n && dump[e] != ' ' && dump[e] != '(' && dump[e] != ')' && dump[e] != '\n')
                e++;
            char w[64];
            if (e < n && dump[e] == ' ' && e - i - 1 < sizeof w) {
                memcpy(w, dump + i + 1, e - i - 1);
                w[e - i - 1] = '\0';
                const char *en = format_word(w, true);
                const char *as = en && !strcmp(en, "about") ? "≈" : en && !strcmp(en, "count") ? "antal" : NULL;
                if (as) {
                    k += (size_t)sprintf(out + k, "(%s", as);
                    i = e;
                    continue;
                }
            }
        }
        out[k++] = dump[i++];
    }
    out[k] = '\0';
    free(dump);
    return out;
}

/* validate --dump of the text as file `path` (so that data and base files
** resolve), approximate words read as one; or its errors. */
static char *dump_text(const char *path, const char *text, size_t len)
{
    Arena a;
    arena_init(&a);
    SourceSet set;
    source_set_init(&set);
    Diags d;
    diags_init(&d, &set);
    LoadOptions lo = {0};
    Program *p = program_load_text(&a, &set, &d, path, text, len, &lo);
    char *out = NULL;
    size_t n;
    FILE *f = open_memstream(&out, &n);
    if (!p || d.n_errors) {
        /* The messages only: where they point moves with the comments. */
        fputs("errors:\n", f);
        for (size_t i = 0; i < d.n; i++)
            fprintf(f, "%s\n", d.items[i].msg);
    } else {
        for (size_t i = 0; i < p->n_pots; i++)
            if (p->pots[i].approx)
                p->pots[i].approx = "≈";
        program_dump(p, f);
    }
    fclose(f);
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return same_words(out);
}

/* The first line where a and b differ, for the message. */
static void show_diff(const char *what, const char *a, const char *b)
{
    int line = 1;
    while (*a && *a == *b) {
        if (*a == '\n')
            line++;
        a++, b++;
    }
    while (line > 1 && a[-1] != '\n')
        a--, b--;
    printf("  %s differs at line %d:\n  - %.*s\n  + %.*s\n", what, line, (int)strcspn(a, "\n"), a,
           (int)strcspn(b, "\n"), b);
}

typedef struct Expect {
    const char *path;
    const char *dump;     /* the original's */
    const char *ast[3];   /* the original formatted in Swedish, in English, in English then
                          ** Swedish, as a syntax tree */
} Expect;

/* Checks one formatted text: it parses, keeps the comments of `src`, means
** what the original means, and is formatted already. Returns the result of
** parsing it (for the next step); its ast is NULL when it failed. */
static Parsed check_step(const Expect *x, const char *variant, const char *step, const Parsed *src,
                         const char *text, int english, int ast)
{
    Parsed r = parse_text(x->path, text, strlen(text));
    if (r.error) {
        fail("%s (%s, %s): the result does not parse:\n%s", x->path, variant, step, r.error);
        printf("%s", text);
        return r;
    }
    bool same = r.n_comments == src->n_comments;
    for (size_t i = 0; same && i < r.n_comments; i++)
        same = !strcmp(r.comments[i], src->comments[i]);
    if (!same) {
        fail("%s (%s, %s): the comments are not kept (%zu before, %zu after)", x->path, variant, step,
             src->n_comments, r.n_comments);
        for (size_t i = 0; i < r.n_comments && i < src->n_comments; i++)
            if (strcmp(r.comments[i], src->comments[i])) {
                printf("  - %s\n  + %s\n", src->comments[i], r.comments[i]);
                break;
            }
    }
    if (strcmp(r.ast, x->ast[ast]) != 0) {
        fail("%s (%s, %s): the syntax tree is not that of the file formatted without the comments", x->path, variant, step);
        show_diff("the syntax tree", x->ast[ast], r.ast);
    }
    char *dump = dump_text(x->path, text, strlen(text));
    if (strcmp(dump, x->dump) != 0) {
        fail("%s (%s, %s): the result means something else", x->path, variant, step);
        show_diff("validate --dump", x->dump, dump);
    }
    free(dump);
    if (strcmp(r.formatted[english], text) != 0) {
        fail("%s (%s, %s): formatting the result again changes it", x->path, variant, step);
        show_diff("the text", text, r.formatted[english]);
    }
    return r;
}

/* How a comment is inserted: after the code on its line, on a line of its
** own, or right after the token before it. */
static const struct { const char *name, *before, *after; } STYLES[] = {
    {"an end-of-line", " # c", "\n"},
    {"an own-line", "\n# c", "\n"},
    {"an unspaced", "#c", "\n"},
};

/* The text with a comment "# cN" at every chosen token boundary. */
static char *with_comments(const char *text, size_t len, const Tokens *t, size_t every, size_t offset, int style)
{
    size_t cap = len + (t->n + 1) * 24 + 1, k = 0, from = 0;
    char *s = xmalloc(cap);
    for (size_t b = 0; b <= t->n; b++) {
        /* Boundary b is before token b (b == n: after the last token). */
        size_t at = b < t->n ? t->span[b].start : t->span[t->n - 1].end;
        memcpy(s + k, text + from, at - from);
        k += at - from;
        from = at;
        if (b % every == offset)
            k += (size_t)snprintf(s + k, cap - k, "%s%zu%s", STYLES[style].before, b, STYLES[style].after);
    }
    memcpy(s + k, text + from, len - from);
    k += len - from;
    s[k] = '\0';
    return s;
}

static size_t roundtrip(const char *path)
{
    size_t len, n_variants = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fail("cannot read %s", path);
        return 0;
    }
    Parsed orig = parse_text(path, text, len);
    if (orig.error && swedish_only) {
        n_skipped++;
        parsed_free(&orig);
        free(text);
        return 0;
    }
    if (orig.error) {
        fail("%s does not parse:\n%s", path, orig.error);
        parsed_free(&orig);
        free(text);
        return 0;
    }
    Parsed plain[3];
    for (int english = 0; english < 2; english++)
        plain[english] = parse_text(path, orig.formatted[english], strlen(orig.formatted[english]));
    const char *en_sv = plain[1].formatted[0] ? plain[1].formatted[0] : "";
    plain[2] = parse_text(path, en_sv, strlen(en_sv));
    char *dump = dump_text(path, text, len);
    Expect x = {path, dump, {plain[0].ast, plain[1].ast, plain[2].ast}};
    if (!x.ast[0] || !x.ast[1] || !x.ast[2]) {
        fail("%s: formatted without comments, it does not parse", path);
    } else {
        Tokens t = lex(text, len);
        static const size_t EVERY[] = {1, 2, 3, 5, 7};
        for (size_t e = 0; t.n > 0 && e < sizeof EVERY / sizeof EVERY[0]; e++) {
            for (size_t off = 0; off < EVERY[e]; off++) {
                for (int style = 0; style < (int)(sizeof STYLES / sizeof STYLES[0]); style++) {
                    char *v = with_comments(text, len, &t, EVERY[e], off, style);
                    char variant[160];
                    snprintf(variant, sizeof variant, "%s comment at every %zu. token boundary from %zu",
                             STYLES[style].name, EVERY[e], off);
                    Parsed src = parse_text(path, v, strlen(v));
                    if (src.error) {
                        fail("%s (%s): the input does not parse:\n%s", path, variant, src.error);
                    } else {
                        Parsed sv = check_step(&x, variant, "fmt --swedish", &src, src.formatted[0], 0, 0);
                        parsed_free(&sv);
                        if (swedish_only) {
                            parsed_free(&src);
                            free(v);
                            n_variants++;
                            continue;
                        }
                        Parsed en = check_step(&x, variant, "fmt --english", &src, src.formatted[1], 1, 1);
                        if (en.formatted[0]) {
                            Parsed back = check_step(&x, variant, "fmt --english, then --swedish", &src, en.formatted[0], 0, 2);
                            parsed_free(&back);
                        }
                        parsed_free(&en);
                    }
                    parsed_free(&src);
                    free(v);
                    n_variants++;
                }
            }
        }
        tokens_free(&t);
    }
    free(dump);
    parsed_free(&plain[0]);
    parsed_free(&plain[1]);
    parsed_free(&plain[2]);
    parsed_free(&orig);
    free(text);
    return n_variants;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc >= 2 && !strcmp(argv[1], "words") && argc == 5) {
        size_t n = keyword_words(argv[2]);
        size_t b = strcmp_words(argv[3]) + strcmp_words(argv[4]);
        if (n < 100 || b < 20)
            fail("found only %zu keywords and %zu built-in words: has the form of the tables changed?", n, b);
        printf("%zu keywords and %zu built-in words checked, %d failure%s\n", n, b, failures, failures == 1 ? "" : "s");
    } else if (argc >= 3 && (!strcmp(argv[1], "roundtrip") || !strcmp(argv[1], "roundtrip-swedish"))) {
        swedish_only = !strcmp(argv[1], "roundtrip-swedish");
        size_t n = 0;
        for (int i = 2; i < argc && failures < 20; i++)
            n += roundtrip(argv[i]);
        printf("%d files (%zu with syntax errors skipped), %zu variants with comments, %d failure%s\n", argc - 2,
               n_skipped, n, failures, failures == 1 ? "" : "s");
        if (n == 0)
            failures++;
    } else {
        fprintf(stderr, "usage: fmt_test words KEYWORDS.H CHECKER.C TESTRUN.C | fmt_test roundtrip[-swedish] FILE…\n");
        return 2;
    }
    return failures ? 1 : 0;
}
