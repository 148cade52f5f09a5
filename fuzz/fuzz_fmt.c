/*
** fuzz_fmt.c: bytes -> a rule file -> medel fmt, with fmt's promises as the
** oracle (abort() when one breaks). When the bytes parse without errors,
** for Swedish and for English the formatted text must parse without errors,
** hold the same comments (same text, same order), and be formatted already;
** and in Swedish its syntax tree must be that of the same file with every
** comment blanked out, formatted: a comment never changes what code means.
*/
#include "fuzz_common.h"

#include "ast.h"
#include "format.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct Result {
    bool ok;           /* parsed without errors */
    char *ast;         /* its syntax tree */
    char *formatted;   /* fmt in the language asked for ... */
    size_t len;        /* ... and its length (a comment may hold a NUL) */
    char *comments;    /* the comments, one per line */
} Result;

static Result run(const char *text, size_t len, bool english)
{
    Result r = {0};
    Arena a;
    SourceSet set;
    Diags d;
    arena_init(&a);
    source_set_init(&set);
    diags_init(&d, &set);
    uint32_t file = source_add(&set, "regler.medel", text, len);
    Module *m = parse_module(&a, &set, file, &d, false);
    if (!d.n_errors) {
        r.ok = true;
        size_t n;
        FILE *f = open_memstream(&r.ast, &n);
        ast_dump(m, f);
        fclose(f);
        f = open_memstream(&r.formatted, &r.len);
        format_module(m, &set, english, f);
        fclose(f);
        f = open_memstream(&r.comments, &n);
        const SourceFile *sf = source_get(&set, file);
        for (size_t i = 0; i < m->n_comments; i++) {
            size_t s = m->comments[i].start, e = m->comments[i].end;
            while (e > s && strchr(" \t\r", sf->bytes[e - 1]))
                e--;
            fwrite(sf->bytes + s, 1, e - s, f);
            fputc('\n', f);
        }
        fclose(f);
    }
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return r;
}

static void result_free(Result *r)
{
    free(r->ast);
    free(r->formatted);
    free(r->comments);
}

static void check(bool ok, const char *what, const char *text)
{
    if (!ok) {
        fprintf(stderr, "fuzz_fmt: %s\n--- formatted:\n%s\n---\n", what, text ? text : "");
        abort();
    }
}

/* The text with every comment's bytes replaced by spaces. */
static char *blank_comments(const char *text, size_t len)
{
    Arena a;
    SourceSet set;
    Diags d;
    arena_init(&a);
    source_set_init(&set);
    diags_init(&d, &set);
    uint32_t file = source_add(&set, "regler.medel", text, len);
    Module *m = parse_module(&a, &set, file, &d, false);
    char *s = malloc(len + 1);
    if (!s)
        abort();
    memcpy(s, text, len);
    s[len] = '\0';
    for (size_t i = 0; i < m->n_comments; i++)
        memset(s + m->comments[i].start, ' ', m->comments[i].end - m->comments[i].start);
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (size > (1 << 16))
        return 0;
    for (int english = 0; english < 2; english++) {
        Result orig = run(text, size, english);
        if (!orig.ok) {
            result_free(&orig);
            return 0;
        }
        Result again = run(orig.formatted, orig.len, english);
        check(again.ok, "the formatted text does not parse", orig.formatted);
        check(!strcmp(orig.comments, again.comments), "the comments are not kept", orig.formatted);
        check(orig.len == again.len && !memcmp(orig.formatted, again.formatted, orig.len),
              "formatting twice gives another text", orig.formatted);
        if (!english) {
            char *bare = blank_comments(text, size);
            Result plain = run(bare, size, false);
            check(plain.ok, "the file without its comments does not parse", bare);
            Result plain_fmt = run(plain.formatted, plain.len, false);
            check(plain_fmt.ok && !strcmp(plain_fmt.ast, again.ast),
                  "the comments change the syntax tree of the formatted text", orig.formatted);
            result_free(&plain_fmt);
            result_free(&plain);
            free(bare);
        }
        result_free(&again);
        result_free(&orig);
    }
    return 0;
}
