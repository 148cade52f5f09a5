/*
** text.c: the Unicode helpers of text.h, on top of utf8proc. utf8proc decodes,
** normalises, folds and measures; this file adds how medel treats what
** utf8proc rejects (an invalid byte is one column, one error, one step).
*/
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* The longest prefix of s that could begin a well-formed sequence (Unicode's
** "maximal subpart", as in its U+FFFD substitution rules), at least 1 byte:
** a truncated "\xE2\x82" is one error of 2 bytes, while "\xC0\xAF" and
** "\xED\xA0\x80" are errors starting with a byte that can begin nothing. */
static size_t subpart(const unsigned char *s, size_t len)
{
    unsigned char b = s[0];
    unsigned char lo = 0x80, hi = 0xBF;   /* range of the second byte */
    size_t need;
    if (b >= 0xC2 && b <= 0xDF) {
        need = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 3;
        if (b == 0xE0)
            lo = 0xA0;  /* overlong */
        if (b == 0xED)
            hi = 0x9F;  /* surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 4;
        if (b == 0xF0)
            lo = 0x90;  /* overlong */
        if (b == 0xF4)
            hi = 0x8F;  /* beyond U+10FFFF */
    } else {
        return 1;
    }
    size_t n = 1;
    while (n < need && n < len && s[n] >= lo && s[n] <= hi) {
        n++;
        lo = 0x80;
        hi = 0xBF;
    }
    return n;
}

size_t text_decode(const char *s, size_t len, int *cp)
{
    if (len == 0) {
        /* Nothing to decode; 0 rather than 1 so a careless caller cannot
        ** step past the end. */
        *cp = -1;
        return 0;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          len < 4 ? (utf8proc_ssize_t)len : 4, &c);
    if (n < 1) {
        *cp = -1;
        return 1;
    }
    *cp = (int)c;
    return (size_t)n;
}

/* Length of the run of ASCII bytes at the start of s[0..len), eight bytes at
** a time: most cells of an application file are plain ASCII, and this is
** what lets them skip decoding and normalisation. */
static size_t ascii_run(const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080))
            break;
    }
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

bool text_valid_utf8(const char *s, size_t len, size_t *bad, size_t *bad_len)
{
    size_t i = 0;
    while (i < len) {
        i += ascii_run(s + i, len - i);
        if (i == len)
            break;
        /* Two-byte sequences (å, ä, ö, é …) are checked here; the rest go
        ** through the general decoder. */
        unsigned char b0 = (unsigned char)s[i];
        if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        int cp;
        size_t n = text_decode(s + i, len - i, &cp);
        if (cp < 0) {
            if (bad)
                *bad = i;
            if (bad_len)
                *bad_len = subpart((const unsigned char *)s + i, len - i);
            return false;
        }
        i += n;
    }
    return true;
}

/* Whether valid UTF-8 s[0..len) is made only of code points below U+0300
** and in U+2002..U+206F (dashes, curly quotes, bullets: General
** Punctuation but its two spaces with a canonical decomposition). Each is a
** starter that NFC leaves alone and that composes with nothing before it
** (NFC_Quick_Check=Yes), so such text is already NFC: Swedish text with å,
** ä, ö, – and ” is copied as it is. tests/unit/test_text.c checks the claim
** against utf8proc for every pair of such code points. Lead bytes up to
** 0xCB start code points below U+0300; E2 80 82..E2 81 AF are the rest. */
static bool nfc_stable(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = ascii_run(s, len); i < len; i++) {
        if (u[i] <= 0xCB)
            continue;
        if (u[i] == 0xE2 && i + 2 < len &&
            ((u[i + 1] == 0x80 && u[i + 2] >= 0x82) || (u[i + 1] == 0x81 && u[i + 2] <= 0xAF))) {
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

/* Runs utf8proc_map over s[0..len) and moves the result into the arena. The
** length is passed explicitly (not UTF8PROC_NULLTERM) because callers hand in
** slices of source text that are not NUL-terminated. */
static char *map(Arena *a, const char *s, size_t len, utf8proc_option_t opts)
{
    /* Checked here so "valid" means the same as in text_valid_utf8. */
    if (!text_valid_utf8(s, len, NULL, NULL))
        return NULL;
    if (opts & UTF8PROC_CASEFOLD) {
        /* ASCII folds to its lower case and is already NFC. */
        if (ascii_run(s, len) == len) {
            char *copy = arena_strndup(a, s, len);
            for (size_t i = 0; i < len; i++)
                if (copy[i] >= 'A' && copy[i] <= 'Z')
                    copy[i] = (char)(copy[i] - 'A' + 'a');
            return copy;
        }
    } else if (nfc_stable(s, len)) {
        /* Already NFC (nfc_stable): copied as it is. */
        return arena_strndup(a, s, len);
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                      &out, opts | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n == UTF8PROC_ERROR_NOMEM)
        arena_out_of_memory(len);
    if (n < 0)
        return NULL;
    char *copy = arena_strndup(a, (const char *)out, (size_t)n);
    free(out);
    return copy;
}

char *text_nfc(Arena *a, const char *s, size_t len)
{
    return map(a, s, len, 0);
}

char *text_fold(Arena *a, const char *s, size_t len)
{
    return map(a, s, len, UTF8PROC_CASEFOLD);
}

/* Columns that code point cp takes when it starts at column col. */
static size_t advance(int cp, size_t col)
{
    if (cp < 0)
        return 1;       /* shown as U+FFFD */
    if (cp == '\t')
        return 8 - col % 8;
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CC)
        return 0;       /* not shown at all */
    int w = utf8proc_charwidth(cp);
    return w > 0 ? (size_t)w : 0;
}

size_t text_width(const char *s, size_t len, size_t start_col)
{
    size_t col = start_col;
    size_t i = 0;
    while (i < len) {
        int cp;
        i += text_decode(s + i, len - i, &cp);
        col += advance(cp, col);
    }
    return col - start_col;
}

bool text_is_letter(int cp)
{
    if (cp < 0 || cp > 0x10FFFF)
        return false;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return true;
    default:
        return false;
    }
}

/* A heading reduced for "did you mean": case-folded, with the marks taken
** off common Latin letters (å, ä, à → a; ö, ø → o; é → e …), as code points
** in out[0..n); returns how many. Headings are short: the rest is cut. */
size_t text_skeleton(Arena *a, const char *s, int *out, size_t n)
{
    const char *f = text_fold(a, s, strlen(s));
    if (!f)
        return 0;
    size_t len = strlen(f), m = 0;
    for (size_t at = 0; at < len && m < n;) {
        int cp;
        at += text_decode(f + at, len - at, &cp);
        switch (cp) {
        case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: cp = 'a'; break;
        case 0xE7: cp = 'c'; break;
        case 0xE8: case 0xE9: case 0xEA: case 0xEB: cp = 'e'; break;
        case 0xEC: case 0xED: case 0xEE: case 0xEF: cp = 'i'; break;
        case 0xF1: cp = 'n'; break;
        case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: case 0xF8: cp = 'o'; break;
        case 0xF9: case 0xFA: case 0xFB: case 0xFC: cp = 'u'; break;
        case 0xFD: case 0xFF: cp = 'y'; break;
        case 0x308: case 0x30A: case 0x301: case 0x300: case 0x302: continue;   /* decomposed marks */
        default: break;
        }
        out[m++] = cp;
    }
    return m;
}

/* Edit distance (Levenshtein) between two skeletons. */
size_t text_edit_distance(const int *x, size_t nx, const int *y, size_t ny)
{
    size_t row[65];
    for (size_t j = 0; j <= ny; j++)
        row[j] = j;
    for (size_t i = 1; i <= nx; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= ny; j++) {
            size_t up = row[j];
            size_t best = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[ny];
}

bool text_alike(Arena *a, const char *x, const char *y, size_t *dist)
{
    int xs[64], ys[64];
    size_t nx = text_skeleton(a, x, xs, 64), ny = text_skeleton(a, y, ys, 64);
    if (nx == 0 || ny == 0)
        return false;
    size_t d = text_edit_distance(xs, nx, ys, ny), longer = nx > ny ? nx : ny;
    if (3 * d <= longer) {
        *dist = d;
        return true;
    }
    /* The one with a unit or a note after it: "Ålder (år)" for "Ålder". */
    const int *sh = nx < ny ? xs : ys, *lo = nx < ny ? ys : xs;
    size_t ns = nx < ny ? nx : ny;
    if (ns < 3 || ns == longer || (lo[ns] != ' ' && lo[ns] != '('))
        return false;
    for (size_t i = 0; i < ns; i++)
        if (sh[i] != lo[i])
            return false;
    *dist = longer - ns;
    return true;
}

/* Optimal string alignment distance: Levenshtein plus the swap of two
** neighbours as one edit. */
static size_t osa_distance(const int *x, size_t nx, const int *y, size_t ny)
{
    size_t d[65][65];
    for (size_t i = 0; i <= nx; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= ny; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= nx; i++)
        for (size_t j = 1; j <= ny; j++) {
            size_t best = d[i - 1][j - 1] + (x[i - 1] != y[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[nx][ny];
}

/* The case-folded code points of s, marks kept, for the tie-break. */
static size_t folded(Arena *a, const char *s, int *out, size_t n)
{
    const char *f = text_fold(a, s, strlen(s));
    if (!f)
        return 0;
    size_t len = strlen(f), m = 0;
    for (size_t at = 0; at < len && m < n;) {
        int cp;
        at += text_decode(f + at, len - at, &cp);
        out[m++] = cp;
    }
    return m;
}

size_t text_name_distance(Arena *a, const char *x, const char *y)
{
    int xs[64], ys[64];
    size_t nx = text_skeleton(a, x, xs, 64), ny = text_skeleton(a, y, ys, 64);
    return osa_distance(xs, nx, ys, ny);
}

int text_closest(Arena *a, const char *word, const char *const *cands, size_t n)
{
    int ws[64], wf[64];
    size_t nw = text_skeleton(a, word, ws, 64), nwf = folded(a, word, wf, 64);
    if (nw == 0)
        return -1;
    int best = -1;
    size_t best_d = 0, best_marks = 0;
    for (size_t i = 0; i < n; i++) {
        const char *c = cands[i];
        if (!c || !*c || strcmp(c, word) == 0)
            continue;
        int cs[64], cf[64];
        size_t nc = text_skeleton(a, c, cs, 64);
        if (nc == 0)
            continue;
        size_t longer = nw > nc ? nw : nc, shorter = nw < nc ? nw : nc;
        size_t limit = longer / 3 > 4 ? 4 : longer / 3;
        size_t d = osa_distance(ws, nw, cs, nc);
        if (d > limit || d >= shorter)
            continue;
        size_t marks = osa_distance(wf, nwf, cf, folded(a, c, cf, 64));
        if (best < 0 || d < best_d || (d == best_d && (marks < best_marks ||
                                                      (marks == best_marks && strcmp(c, cands[best]) < 0)))) {
            best = (int)i;
            best_d = d;
            best_marks = marks;
        }
    }
    return best;
}

int text_suggest(Arena *a, const char *word, const char *const *cands, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cands[i] && strcmp(cands[i], word) == 0)
            return (int)i;
    int k = text_closest(a, word, cands, n);
    if (k >= 0)
        return k;
    /* The one name the word begins, skeletons compared ("fokus" for
    ** "fokusområde", "keep" for "keep-going"); none when two names do. */
    int w[64], c[64];
    size_t nw = text_skeleton(a, word, w, 64);
    for (size_t i = 0; nw >= 3 && i < n; i++) {
        if (!cands[i])
            continue;
        size_t nc = text_skeleton(a, cands[i], c, 64);
        if (nc > nw && memcmp(w, c, nw * sizeof *w) == 0) {
            if (k >= 0 && strcmp(cands[k], cands[i]) != 0)
                return -1;
            k = (int)i;
        }
    }
    return k;
}
