/*
** parse.c: runs the scanner and the parser over one source file. Owns their
** lifecycle; validates UTF-8 first so that the scanner only sees valid text.
*/
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "parse_internal.h"
#include "parser.h"
#include "lexer.h"
#include "text.h"

Module *parse_module(Arena *a, const SourceSet *set, uint32_t file, Diags *d, bool trace)
{
    const SourceFile *src = source_get(set, file);
    Module *m = arena_alloc(a, sizeof *m);
    m->path = src->path;
    m->file = file;

    /* Report every invalid sequence, then scan a copy where those bytes are
    ** '_': offsets stay true, one bad byte gives one error, and a name or
    ** text with a Latin-1 'ä' in it stays one token. */
    char *copy = xmalloc(src->len + 2);
    memcpy(copy, src->bytes, src->len);
    copy[src->len] = copy[src->len + 1] = '\0';
    size_t at = 0;
    while (at < src->len) {
        size_t bad, bad_len;
        if (text_valid_utf8(copy + at, src->len - at, &bad, &bad_len))
            break;
        bad += at;
        Span s = {file, (uint32_t)bad, (uint32_t)(bad + bad_len)};
        diag_error(d, s, "invalid UTF-8 byte 0x%02X; rule files must be saved as UTF-8",
                   (unsigned char)copy[bad]);
        memset(copy + bad, '_', bad_len);
        at = bad + bad_len;
    }
    /* A NUL is valid UTF-8 but no character of a rule file, and would cut a
    ** text short where C strings end: said, and blanked like a bad byte. */
    for (char *nul = memchr(copy, '\0', src->len); nul; nul = memchr(nul + 1, '\0', src->len - (size_t)(nul + 1 - copy))) {
        Span s = {file, (uint32_t)(nul - copy), (uint32_t)(nul - copy + 1)};
        diag_error(d, s, "NUL byte (0x00) in a rule file; rule files are text");
        *nul = '_';
    }
    /* A byte-order mark from Windows editors is not part of the text. */
    size_t skip = src->len >= 3 && memcmp(copy, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

    Parser p = {0};
    p.arena = a;
    p.diags = d;
    p.file = file;
    p.bytes = copy;
    p.len = src->len;
    p.offset = skip;
    p.module = m;

    yyscan_t scanner;
    if (medel_yylex_init_extra(&p, &scanner) != 0)
        arena_out_of_memory(0);   /* the scanner's state could not be allocated */
    YY_BUFFER_STATE buf = medel_yy_scan_bytes(copy + skip, (int)(src->len - skip), scanner);
    medel_yydebug = trace ? 1 : 0;
    medel_yyparse(scanner, &p);
    medel_yy_delete_buffer(buf, scanner);
    medel_yylex_destroy(scanner);
    free(p.sbuf);
    free(copy);
    return m;
}

bool parse_value(Arena *a, const char *text, size_t len, ParsedValue *out, char *why, size_t n)
{
    size_t bad, bad_len;
    if (!text_valid_utf8(text, len, &bad, &bad_len)) {
        snprintf(why, n, "it is not valid UTF-8");
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7F) {
            snprintf(why, n, "it holds a control character (a line break or tab)");
            return false;
        }
    }
    SourceSet set;
    source_set_init(&set);
    Diags d;
    diags_init(&d, &set);
    Module m = {0};
    char *copy = xmalloc(len + 2);
    memcpy(copy, text, len);
    copy[len] = copy[len + 1] = '\0';
    Parser p = {.arena = a, .diags = &d, .bytes = copy, .len = len, .module = &m};
    yyscan_t scanner;
    if (medel_yylex_init_extra(&p, &scanner) != 0)
        arena_out_of_memory(0);   /* the scanner's state could not be allocated */
    YY_BUFFER_STATE buf = medel_yy_scan_bytes(copy, (int)len, scanner);
    YYSTYPE v, v2;
    Span sp, sp2;
    int tok = medel_yylex(&v, &sp, scanner);
    int next = tok == TOK_YYEOF ? TOK_YYEOF : medel_yylex(&v2, &sp2, scanner);
    bool ok = false;
    if (d.n_errors && d.n)
        snprintf(why, n, "%s", d.items[0].msg);
    else if (tok == TOK_YYEOF)
        snprintf(why, n, "it is empty");
    else if (m.n_comments)
        snprintf(why, n, "it holds a comment ('#')");
    else if (next != TOK_YYEOF)
        snprintf(why, n, "it is more than one value ('%.*s' follows '%.*s')", (int)(sp2.end - sp2.start), copy + sp2.start,
                 (int)(sp.end - sp.start), copy + sp.start);
    else
        ok = true;
    if (ok) {
        memset(out, 0, sizeof *out);
        out->text = arena_strndup(a, copy + sp.start, sp.end - sp.start);
        switch (tok) {
        case TOK_MONEY: out->kind = VALUE_AMOUNT; out->money = v.TOK_MONEY; break;
        case TOK_PERCENT: out->kind = VALUE_PERCENT; out->ratio = v.TOK_PERCENT; break;
        case TOK_REST: out->kind = VALUE_REST; break;
        /* The tokens the grammar's `name` takes: property words are names too. */
        case TOK_IDENT: case TOK_YEAR: case TOK_PERIOD: case TOK_SOURCE: case TOK_URL: case TOK_PARAGRAPH:
        case TOK_DECISION: case TOK_AMOUNT: case TOK_MANAGER: case TOK_LABEL: case TOK_ROUNDING: case TOK_METHOD:
        case TOK_FIRST_DIVISOR: case TOK_TEXT_T: case TOK_INTEGER_T: case TOK_RANGE_T: case TOK_FROM: case TOK_LAST:
        case TOK_FOCUS_AREA:
            out->kind = VALUE_NAME;
            out->text = v.TOK_IDENT;   /* every keyword's value is its spelling (NFC) */
            break;
        default: out->kind = VALUE_OTHER; break;
        }
    }
    medel_yy_delete_buffer(buf, scanner);
    medel_yylex_destroy(scanner);
    free(p.sbuf);
    free(copy);
    diags_free(&d);
    source_set_free(&set);
    return ok;
}
