/*
** parse.c: runs the scanner and the parser over one source file. Owns their
** lifecycle; validates UTF-8 first so that the scanner only sees valid text.
*/
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "parse_internal.h"
#include "parser.h"
#include "lexer.h"
#include "text.h"

/* How many more '{' than '}' the text has, outside texts and comments (as
** the scanner reads them); 0 when they match or '}' are more. */
static size_t unclosed_braces(const char *s, size_t len)
{
    size_t open = 0, close = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '#') {
            while (i < len && s[i] != '\n' && s[i] != '\r')
                i++;
        } else if (c == '"' || (len - i >= 3 && memcmp(s + i, "\xE2\x80", 2) == 0 &&
                                ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D))) {
            bool curly = c != '"';
            i += curly ? 3 : 1;
            size_t body = i;
            for (; i < len && s[i] != '\n' && s[i] != '\r'; i++) {
                if (s[i] == '\\' && i + 1 < len && s[i + 1] != '\n' && s[i + 1] != '\r')
                    i++;
                else if (!curly && s[i] == '"')
                    break;
                else if (curly && len - i >= 3 && memcmp(s + i, "\xE2\x80\x9D", 3) == 0) {
                    i += 2;
                    break;
                }
            }
            if (i < len && (s[i] == '\n' || s[i] == '\r')) {
                /* Unterminated: a '{' ending the line is the block's (lexer.l, give_back_brace). */
                size_t e = i;
                while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
                    e--;
                if (e > body + 1 && s[e - 1] == '{' && s[e - 2] != '\\')
                    open++;
                i--;   /* the line break ends the text and is read again */
            }
        } else if (c == '{') {
            open++;
        } else if (c == '}') {
            close++;
        }
    }
    return open > close ? open - close : 0;
}

/* One pass of the scanner and the parser over text[skip..len) into a new
** Module, applying the token fixes of the passes before; the fixes this
** pass finds are left in *fixes (malloc). */
static Module *parse_pass(Arena *a, const SourceFile *src, uint32_t file, Diags *d, bool trace, char *copy,
                          size_t skip, size_t missing, const TokenFix *apply, size_t n_apply, TokenFix **fixes,
                          size_t *n_fixes)
{
    Module *m = arena_alloc(a, sizeof *m);
    m->path = src->path;
    m->file = file;
    Parser p = {0};
    p.arena = a;
    p.diags = d;
    p.file = file;
    p.bytes = copy;
    p.len = src->len;
    p.offset = skip;
    p.module = m;
    p.apply = apply;
    p.n_apply = n_apply;
    p.missing = missing;
    p.last_end = (uint32_t)skip;

    yyscan_t scanner;
    if (medel_yylex_init_extra(&p, &scanner) != 0)
        arena_out_of_memory(0);   /* the scanner's state could not be allocated */
    YY_BUFFER_STATE buf = medel_yy_scan_bytes(copy + skip, (int)(src->len - skip), scanner);
    /* bison's trace switch is one global: written only when it changes, so
    ** that parses on several threads (the workbench's server) do not race
    ** on it; tracing is for the command line's --trace-parse alone. */
    if (medel_yydebug != (trace ? 1 : 0))
        medel_yydebug = trace ? 1 : 0;
    medel_yyparse(scanner, &p);
    medel_yy_delete_buffer(buf, scanner);
    medel_yylex_destroy(scanner);
    parser_free_scan(&p);
    *fixes = p.fixes;
    *n_fixes = p.n_fixes;
    return m;
}

static int by_offset(const void *pa, const void *pb)
{
    const TokenFix *a = pa, *b = pb;
    return a->at < b->at ? -1 : a->at > b->at;
}

/* Reports the first of n bytes found by a check, with how many there are:
** a file saved in another encoding has hundreds, all for one cause. */
static void report_bytes(Diags *d, Span first, size_t n, const char *msg)
{
    if (n == 1)
        diag_error(d, first, "%s", msg);
    else
        diag_error(d, first, P_("%s (på %zu ställe; det första visas)", "%s (på %zu ställen; det första visas)", n), msg, n);
}

void parser_free_scan(Parser *p)
{
    free(p->sbuf);
    free(p->blocks);
    p->sbuf = NULL;
    p->blocks = NULL;
}

Module *parse_module(Arena *a, const SourceSet *set, uint32_t file, Diags *d, bool trace)
{
    const SourceFile *src = source_get(set, file);

    /* Report the invalid sequences (the first, with how many), then scan a
    ** copy where those bytes are '_': offsets stay true, and a name or text
    ** with a Latin-1 'ä' in it stays one token. */
    char *copy = xmalloc(src->len + 2);
    memcpy(copy, src->bytes, src->len);
    copy[src->len] = copy[src->len + 1] = '\0';
    size_t at = 0, n_bad = 0, n_letters = 0;
    Span first_bad = {0};
    unsigned char first_byte = 0;
    while (at < src->len) {
        size_t bad, bad_len;
        if (text_valid_utf8(copy + at, src->len - at, &bad, &bad_len))
            break;
        bad += at;
        if (n_bad++ == 0) {
            first_bad = (Span){file, (uint32_t)bad, (uint32_t)(bad + bad_len)};
            first_byte = (unsigned char)copy[bad];
        }
        unsigned char c = (unsigned char)copy[bad];
        n_letters += bad_len == 1 && strchr("\xE5\xE4\xF6\xC5\xC4\xD6\xE9\xC9", c) != NULL;
        memset(copy + bad, '_', bad_len);
        at = bad + bad_len;
    }
    /* Mostly å, ä and ö as Windows-1252 writes them: the file was saved in
    ** that encoding, and every later error would only follow from it. */
    bool cp1252 = n_bad > 1 && 2 * n_letters >= n_bad;
    /* A NUL is valid UTF-8 but no character of a rule file, and would cut a
    ** text short where C strings end: said, and blanked like a bad byte. */
    size_t n_nul = 0;
    Span first_nul = {0};
    for (char *nul = memchr(copy, '\0', src->len); nul; nul = memchr(nul + 1, '\0', src->len - (size_t)(nul + 1 - copy))) {
        if (n_nul++ == 0)
            first_nul = (Span){file, (uint32_t)(nul - copy), (uint32_t)(nul - copy + 1)};
        *nul = '_';
    }
    /* UTF-16 (what some Windows editors call Unicode) has a NUL in every
    ** other byte of Latin text. */
    bool utf16 = src->len >= 2 && (memcmp(src->bytes, "\xFF\xFE", 2) == 0 || memcmp(src->bytes, "\xFE\xFF", 2) == 0 ||
                                   (n_nul > 0 && n_nul * 3 >= src->len));
    /* With NULs in it the file is not text in any encoding (or it is
    ** UTF-16): that is the one cause to say; its invalid bytes follow from it. */
    if (n_nul && utf16)
        report_bytes(d, first_nul, n_nul, _("NUL-byte (0x00): regelfilen verkar vara sparad som UTF-16 (Unicode); spara den som UTF-8"));
    else if (n_nul)
        report_bytes(d, first_nul, n_nul, _("NUL-byte (0x00) i en regelfil; en regelfil är text"));
    else if (n_bad) {
        char msg[300];
        if (cp1252 || source_looks_cp1252(src->bytes, src->len))
            snprintf(msg, sizeof msg, _("ogiltig UTF-8-byte 0x%02X: regelfilen verkar vara sparad som Windows-1252 (ANSI); "
                                        "spara den som UTF-8"), first_byte);
        else
            snprintf(msg, sizeof msg, _("ogiltig UTF-8-byte 0x%02X; regelfiler måste sparas som UTF-8"), first_byte);
        report_bytes(d, first_bad, n_bad, msg);
    }
    /* A byte-order mark from Windows editors is not part of the text. */
    size_t skip = src->len >= 3 && memcmp(copy, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t missing = unclosed_braces(copy + skip, src->len - skip);

    /* Said once, and the rest is not read: in a file in another encoding,
    ** or one with NUL bytes (a program, a spreadsheet, a picture: not
    ** text), every later error would follow from the bytes, hundreds of
    ** them, and bury the one that tells what to do. */
    if (cp1252 || n_nul) {
        Module *m = arena_alloc(a, sizeof *m);
        m->path = src->path;
        m->file = file;
        m->incomplete = true;
        free(copy);
        return m;
    }

    /* Parse; while a pass finds tokens to read differently (Pott as pott,
    ** a keyword as a name), forget its messages and parse again with them
    ** mended, so that each gets one message and nothing follows from it. */
    size_t base = d->n;
    TokenFix *apply = NULL;
    size_t n_apply = 0;
    Module *m;
    for (int pass = 0;; pass++) {
        TokenFix *found;
        size_t n_found;
        m = parse_pass(a, src, file, d, trace, copy, skip, missing, apply, n_apply, &found, &n_found);
        /* Each pass mends what it found; a small file may take many. */
        if (n_found == 0 || pass == (src->len < (256u << 10) ? 64 : 8)) {
            free(found);
            break;
        }
        apply = xrealloc(apply, (n_apply + n_found) * sizeof *apply);
        memcpy(apply + n_apply, found, n_found * sizeof *found);
        n_apply += n_found;
        free(found);
        qsort(apply, n_apply, sizeof *apply, by_offset);
        diags_truncate(d, base);
    }
    free(apply);
    free(copy);
    return m;
}

bool parse_value(Arena *a, const char *text, size_t len, ParsedValue *out, char *why, size_t n)
{
    size_t bad, bad_len;
    if (!text_valid_utf8(text, len, &bad, &bad_len)) {
        snprintf(why, n, "%s", _("det är inte giltig UTF-8"));
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7F) {
            snprintf(why, n, "%s", _("det innehåller ett styrtecken (en radbrytning eller tabb)"));
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
        snprintf(why, n, "%s", _("det är tomt"));
    else if (m.n_comments)
        snprintf(why, n, "%s", _("det innehåller en kommentar ('#')"));
    else if (next != TOK_YYEOF)
        snprintf(why, n, _("det är mer än ett värde ('%.*s' följer efter '%.*s')"), (int)(sp2.end - sp2.start), copy + sp2.start,
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
    parser_free_scan(&p);
    free(p.fixes);
    free(copy);
    diags_free(&d);
    source_set_free(&set);
    return ok;
}
