/*
** test_fixit.c: unit tests for the one-click fixes of diagnostics (Diag.fix
** at Diag.fix_span). Each kind of mistake is made in the 2021 rule file; the
** fix, put in place of its span, must give back the file as it was meant,
** which loads without that error. A property test misspells names of
** fields, criteria and pots (two letters swapped, an accent dropped) and
** capitalises keywords in every bundled rule file: whatever fix is offered
** must give back the original file exactly.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "program.h"
#include "suites.h"

#define RULES_DIR MEDEL_SOURCE_DIR "/rules/"
#define UMO_2021 RULES_DIR "ungdomsmottagningar-2021.medel"

/* The whole file at path, NUL-terminated (malloc: the caller frees it). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    ck_assert_int_ge(n, 0);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* text with its first occurrence of `from` replaced by `to` (malloc). */
static char *replace_first(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    ck_assert_msg(at != NULL, "'%s' is not in the rule file", from);
    size_t pre = (size_t)(at - text), nf = strlen(from), nt = strlen(to), rest = strlen(at + nf);
    char *s = malloc(pre + nt + rest + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, text, pre);
    memcpy(s + pre, to, nt);
    memcpy(s + pre + nt, at + nf, rest + 1);
    return s;
}

/* A rule text loaded as the file at `path` (whose folder data files and
** extended files resolve against). */
typedef struct Loaded {
    Arena a;
    SourceSet set;
    Diags d;
    Program *prog;
    uint32_t file;     /* the text's own file in set */
} Loaded;

static void load_with(Loaded *l, const char *path, const char *text, const LoadOptions *opt)
{
    arena_init(&l->a);
    source_set_init(&l->set);
    diags_init(&l->d, &l->set);
    l->prog = program_load_text(&l->a, &l->set, &l->d, path, text, strlen(text), opt);
    l->file = UINT32_MAX;
    for (uint32_t i = 0; i < l->set.n_files; i++)
        if (strcmp(source_get(&l->set, i)->path, path) == 0 && l->file == UINT32_MAX)
            l->file = i;
}

static void load(Loaded *l, const char *path, const char *text)
{
    load_with(l, path, text, NULL);
}

static void unload(Loaded *l)
{
    diags_free(&l->d);
    source_set_free(&l->set);
    arena_free(&l->a);
}

/* The first error or warning whose message contains `part`, or NULL. */
static const Diag *find(const Loaded *l, const char *part)
{
    for (size_t i = 0; i < l->d.n; i++)
        if (l->d.items[i].level != DIAG_NOTE && strstr(l->d.items[i].msg, part))
            return &l->d.items[i];
    return NULL;
}

/* text with g's fix in place of its fix span (malloc). */
static char *apply_fix(const char *text, const Diag *g)
{
    size_t len = strlen(text);
    ck_assert_uint_le(g->fix_span.start, g->fix_span.end);
    ck_assert_uint_le(g->fix_span.end, len);
    size_t nf = strlen(g->fix);
    char *s = malloc(len - (g->fix_span.end - g->fix_span.start) + nf + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, text, g->fix_span.start);
    memcpy(s + g->fix_span.start, g->fix, nf);
    memcpy(s + g->fix_span.start + nf, text + g->fix_span.end, len - g->fix_span.end + 1);
    return s;
}

/* ---- the fix of a diagnostic ---- */

/* diag_fix replaces the span; diag_fix_span other bytes of the same file; a
** note passes its fix to the error before it; a diagnostic without a place
** gets none. diag_span_holds compares bytes, or NFC when they differ. */
START_TEST(test_diag_fix)
{
    SourceSet set;
    source_set_init(&set);
    /* "ma\u0308lgrupp": ä decomposed, 10 bytes at 5; "13 till 19" at 21. */
    const char text[] = "krav ma\xCC\x88lgrupp inom 13 till 19";
    uint32_t f = source_add(&set, "t.medel", text, sizeof text - 1);
    Diags d;
    diags_init(&d, &set);
    Span name = {f, 5, 15};
    ck_assert(diag_span_holds(&d, name, "m\xC3\xA4lgrupp"));    /* composed ä: the same once NFC */
    ck_assert(diag_span_holds(&d, name, "ma\xCC\x88lgrupp"));
    ck_assert(!diag_span_holds(&d, name, "malgrupp"));
    ck_assert(!diag_span_holds(&d, (Span){f, 5, 4000}, "x"));
    ck_assert(!diag_span_holds(&d, SPAN_NONE, ""));

    diag_error(&d, name, "e");
    diag_note(&d, name, "n");
    diag_fix(&d, "målgrupp");
    ck_assert_str_eq(d.items[0].fix, "målgrupp");
    ck_assert_ptr_null(d.items[1].fix);
    ck_assert_uint_eq(d.items[0].fix_span.start, 5);
    ck_assert_uint_eq(d.items[0].fix_span.end, 15);

    Span till = {f, 24, 28};
    diag_error(&d, till, "r");
    diag_fix_span(&d, (Span){f, 21, 31}, "13..19");
    ck_assert_str_eq(d.items[2].fix, "13..19");
    ck_assert_uint_eq(d.items[2].span.start, 24);        /* the underline stays */
    ck_assert_uint_eq(d.items[2].fix_span.start, 21);
    ck_assert_uint_eq(d.items[2].fix_span.end, 31);
    diag_fix_span(&d, (Span){f + 1, 0, 1}, "x");         /* another file: refused */
    ck_assert_str_eq(d.items[2].fix, "13..19");

    diag_error(&d, SPAN_NONE, "no place");
    diag_fix(&d, "x");
    ck_assert_ptr_null(d.items[3].fix);
    diags_free(&d);
    source_set_free(&set);
}
END_TEST

/* ---- each kind of mistake ---- */

typedef struct FixCase {
    const char *name;
    const char *from, *to;   /* the mistake: the first `from` in the 2021 file written as `to` */
    const char *append;      /* appended to the file before the mistake is made (NULL: nothing) */
    const char *scenario;    /* the scenario to load (the mistake is in it), or NULL */
    const char *right;       /* what the fix writes in place of `to` (NULL: `from`) */
    const char *message;     /* part of the diagnostic's message */
    const char *fix;         /* the fix it offers */
} FixCase;

#define SCENARIO "\nscenario s \"S\" {\n    ändra pott kommunerna {\n        belopp 20 MSEK\n    }\n}\n"

static const FixCase FIXES[] = {
    {"field in a krav", "krav målgrupp inom", "krav målgurpp inom", NULL, NULL, NULL,
     "okänt namn 'målgurpp': varken ett fält i ansökan eller ett fokusområde; menade du 'målgrupp'?", "målgrupp"},
    {"field without its accent", "krav målgrupp inom", "krav malgrupp inom", NULL, NULL, NULL, "menade du 'målgrupp'?", "målgrupp"},
    {"enumeration value", "sökandetyp i {region, privat}", "sökandetyp i {region, privta}", NULL, NULL, NULL,
     "okänt värde 'privta'; menade du 'privat'?", "privat"},
    {"focus area", "fokus innehåller samverkan", "fokus innehåller samverkna",
     "\nscenario f \"F\" {\n    ändra villkor fokusområde {\n        krav fokus innehåller samverkan\n    }\n}\n", "f", NULL,
     "okänt fokusområde 'samverkna'; menade du 'samverkan'?", "samverkan"},
    {"table", "kommun: nyckel i ungdomar", "kommun: nyckel i ungdommar", NULL, NULL, NULL, "okänd tabell 'ungdommar'; menade du 'ungdomar'?",
     "ungdomar"},
    {"table column", "efter ungdomar.antal_12_22", "efter ungdomar.antal_1222", NULL, NULL, NULL,
     "tabellen 'ungdomar' har ingen kolumn 'antal_1222'; menade du 'antal_12_22'?", "antal_12_22"},
    {"field of a split", "fördela per kommun efter", "fördela per kommnu efter", NULL, NULL, NULL, "okänt fält 'kommnu'", "kommun"},
    {"apportionment method", "metod största_rest", "metod störsa_rest", NULL, NULL, NULL, "menade du 'största_rest'?", "största_rest"},
    {"allocation policy", "tilldelning proportionell", "tilldelning proportionel", NULL, NULL, NULL,
     "okänd tilldelning 'proportionel'; menade du 'proportionell'?", "proportionell"},
    {"last project rule", "tilldelning rangordning sista hoppa_över", "tilldelning rangordning sista hoppa_ver", NULL, NULL, NULL,
     "menade du 'hoppa_över'?", "hoppa_över"},
    {"tie rule", "vid_lika lägst_belopp", "vid_lika lägst_beloop", NULL, NULL, NULL, "menade du 'lägst_belopp'?", "lägst_belopp"},
    {"cap per field", "tak 2 000 000 kr per ansökan", "tak 2 000 000 kr per sökandde", NULL, NULL, "tak 2 000 000 kr per sökande", "okänt fält 'sökandde'",
     "sökande"},
    {"pot of a scenario", "ändra pott kommunerna", "ändra pott kommunern", SCENARIO, "s", NULL,
     "pott 'kommunern' som ska ändras finns inte i", "kommunerna"},
    {"keyword with a capital", "    pott kommunerna", "    Pott kommunerna", NULL, NULL, NULL,
     "nyckelord skrivs med små bokstäver: skriv 'pott', inte 'Pott'", "pott"},
    {"misspelt keyword", "belopp 15 000 000 kr", "beloop 15 000 000 kr", NULL, NULL, NULL, "menade du 'belopp'?", "belopp"},
    {"range with till", "krav målgrupp inom 12..22", "krav målgrupp inom 12 till 22", NULL, NULL, NULL,
     "skriv ett intervall med två punkter: 12..22", "12..22"},
    {"range with mellan", "krav målgrupp inom 12..22", "krav målgrupp mellan 12 och 22", NULL, NULL, NULL,
     "skriv ett intervall med två punkter: inom 12..22", "inom 12..22"},
    {"column heading", "antal_12_22: heltal \"age_12_22\"", "antal_12_22: heltal \"age 12 22\"", NULL, NULL, NULL,
     "kolumnen 'age 12 22' finns inte i datafilen", "\"age_12_22\""},
};

START_TEST(test_fix_each_kind)
{
    const FixCase *c = &FIXES[_i];
    char *base = slurp(UMO_2021);
    char *meant = base;
    if (c->append) {
        meant = malloc(strlen(base) + strlen(c->append) + 1);
        ck_assert_ptr_nonnull(meant);
        strcpy(meant, base);
        strcat(meant, c->append);
    }
    if (c->right) {
        char *m = replace_first(meant, c->from, c->right);
        if (meant != base)
            free(meant);
        meant = m;
    }
    char *wrong = replace_first(meant, c->right ? c->right : c->from, c->to);
    LoadOptions opt = {.scenario = c->scenario};

    Loaded l;
    load_with(&l, UMO_2021, wrong, &opt);
    const Diag *g = find(&l, c->message);
    ck_assert_msg(g != NULL, "%s: no diagnostic '%s' (%zu errors; first: %s)", c->name, c->message, l.d.n_errors,
                  l.d.n ? l.d.items[0].msg : "-");
    ck_assert_msg(g->fix != NULL, "%s: '%s' offers no fix", c->name, g->msg);
    ck_assert_str_eq(g->fix, c->fix);
    ck_assert_uint_eq(g->fix_span.file, l.file);
    char *fixed = apply_fix(wrong, g);
    unload(&l);
    /* (1) the text that was meant ... */
    ck_assert_msg(strcmp(fixed, meant) == 0, "%s: the fixed text is not the one meant", c->name);
    /* (2) ... which loads without the error. */
    load_with(&l, UMO_2021, fixed, &opt);
    ck_assert_ptr_null(find(&l, c->message));
    ck_assert_msg(l.d.n_errors == 0, "%s: the fixed text has %zu errors (first: %s)", c->name, l.d.n_errors,
                  l.d.n ? l.d.items[0].msg : "-");
    unload(&l);
    free(fixed);
    free(wrong);
    if (meant != base)
        free(meant);
    free(base);
}
END_TEST

/* Where the message names two equally likely words, or quotes only part of
** what its span covers, there is no fix: one click must not guess. */
typedef struct NoFixCase {
    const char *name;
    const char *from, *to;
    const char *message;
} NoFixCase;

static const NoFixCase NO_FIXES[] = {
    /* The span is the whole call antl(fokus), the suggestion its name. */
    {"function name", "krav antal(fokus) >= 1", "krav antl(fokus) >= 1", "okänd funktion 'antl'; menade du 'antal'?"},
    /* "12 till x": no number after 'till', so the hint can only give an example. */
    /* The number before 'till' ends a name: the hint's "12..22" is no range of it. */
    {"range after a name", "krav målgrupp inom 12..22", "krav målgrupp inom x12 till 22", "skriv ett intervall med två punkter: 12..22"},
    {"range without an end", "krav målgrupp inom 12..22", "krav målgrupp inom 12 till x", "som 12..22"},
};

START_TEST(test_no_fix)
{
    const NoFixCase *c = &NO_FIXES[_i];
    char *base = slurp(UMO_2021);
    char *wrong = replace_first(base, c->from, c->to);
    Loaded l;
    load(&l, UMO_2021, wrong);
    const Diag *g = find(&l, c->message);
    ck_assert_msg(g != NULL, "%s: no diagnostic '%s' (first: %s)", c->name, c->message, l.d.n ? l.d.items[0].msg : "-");
    ck_assert_msg(g->fix == NULL, "%s: '%s' offers the fix '%s'", c->name, g->msg, g->fix);
    unload(&l);
    free(wrong);
    free(base);
}
END_TEST

/* Two fields as near to the name written: the message names one, and
** offers no fix. */
START_TEST(test_no_fix_when_tied)
{
    char *base = slurp(UMO_2021);
    char *two = replace_first(base, "    beskrivning: text \"Beskrivning\"\n",
                              "    beskrivning: text \"Beskrivning\"\n    målgrupq: text \"Q\"\n");
    char *wrong = replace_first(two, "krav målgrupp inom", "krav målgrupx inom");
    Loaded l;
    load(&l, UMO_2021, wrong);
    const Diag *g = find(&l, "okänt namn 'målgrupx'");
    ck_assert_ptr_nonnull(g);
    ck_assert_ptr_null(g->fix);
    unload(&l);
    free(wrong);
    free(two);
    free(base);
}
END_TEST

/* ---- property: a fix gives back the original ---- */

static bool name_byte(unsigned char c)
{
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Marks in code[0..len) the bytes that are code, not a comment or a text. */
static void mark_code(const char *s, size_t len, bool *code)
{
    bool in_text = false, in_comment = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_comment) {
            in_comment = c != '\n';
            code[i] = false;
            continue;
        }
        if (in_text) {
            code[i] = false;
            if (c == '\\' && i + 1 < len)
                code[++i] = false;
            else if (c == '"' || c == '\n')
                in_text = false;
            continue;
        }
        if (c == '#') {
            in_comment = true;
            code[i] = false;
        } else if (c == '"') {
            in_text = true;
            code[i] = false;
        } else
            code[i] = true;
    }
}

/* The word that ends just before s[at] (blanks skipped), in w (n bytes). */
static void word_before(const char *s, size_t at, char *w, size_t n)
{
    size_t e = at;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    size_t b = e;
    while (b > 0 && name_byte((unsigned char)s[b - 1]))
        b--;
    snprintf(w, n, "%.*s", (int)(e - b), s + b);
}

/* Is the name at s[at..at+len) where it is declared (so that a misspelling
** there moves the name, and the uses are what is then wrong)? */
static bool is_declaration(const char *s, size_t at, size_t len)
{
    size_t e = at + len;
    while (s[e] == ' ' || s[e] == '\t')
        e++;
    if (s[e] == ':')
        return true;   /* a field or a column */
    size_t b0 = at;
    while (b0 > 0 && (s[b0 - 1] == ' ' || s[b0 - 1] == '\t'))
        b0--;
    if (b0 > 0 && s[b0 - 1] == '|')
        return true;   /* a value of an enumeration: en av a | b */
    char w[64], w2[64];
    word_before(s, at, w, sizeof w);
    if (strcmp(w, "av") == 0)
        return true;   /* its first value */
    if (strcmp(w, "pott") && strcmp(w, "villkor") && strcmp(w, "prioritet") && strcmp(w, "scenario") &&
        strcmp(w, "tabell") && strcmp(w, "portfölj"))
        return false;
    size_t b = at;
    while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    b -= strlen(w);
    word_before(s, b, w2, sizeof w2);
    return strcmp(w2, "ändra") != 0 && strcmp(w2, "ta_bort") != 0;
}

/* The misspellings of name: k = 0 swaps two neighbouring letters (the
** middle two that differ, both ASCII), k = 1 drops the first å, ä or ö's
** accent. Writes it into out (n bytes); false when name has none of that kind. */
static bool misspell(const char *name, int k, char *out, size_t n)
{
    size_t len = strlen(name);
    if (len + 1 > n)
        return false;
    memcpy(out, name, len + 1);
    if (k == 0) {
        for (size_t d = 0; d < len; d++) {
            /* From the middle outwards. */
            size_t i = len / 2 + (d % 2 ? (d + 1) / 2 : -(d / 2)) - 1;
            if (i + 1 >= len || i >= len)
                continue;
            unsigned char a = (unsigned char)out[i], b = (unsigned char)out[i + 1];
            if (a < 0x80 && b < 0x80 && a != b && a != '_' && b != '_' && !(a >= '0' && a <= '9') &&
                !(b >= '0' && b <= '9')) {
                out[i] = (char)b;
                out[i + 1] = (char)a;
                return true;
            }
        }
        return false;
    }
    static const char *const from[] = {"å", "ä", "ö"}, *const to[] = {"a", "a", "o"};
    for (size_t i = 0; i + 1 < len; i++)
        for (int m = 0; m < 3; m++)
            if (memcmp(out + i, from[m], 2) == 0) {
                out[i] = to[m][0];
                memmove(out + i + 1, out + i + 2, len - i - 1);
                return true;
            }
    return false;
}

typedef struct Tally {
    size_t mutations;   /* texts loaded with one mistake */
    size_t fixes;       /* fixes offered (each applied and checked) */
} Tally;

/* Loads `wrong` as the file at path; every fix offered in that file must
** give back `original` exactly. */
static void check_fixes(const char *path, const char *original, const char *wrong, const char *what, Tally *t)
{
    Loaded l;
    load(&l, path, wrong);
    t->mutations++;
    for (size_t i = 0; i < l.d.n; i++) {
        const Diag *g = &l.d.items[i];
        if (!g->fix)
            continue;
        ck_assert_msg(g->level != DIAG_NOTE, "a note has a fix");
        if (g->fix_span.file != l.file)
            continue;   /* in a file it extends, which is not the one edited */
        char *fixed = apply_fix(wrong, g);
        ck_assert_msg(strcmp(fixed, original) == 0, "%s, %s: the fix '%s' for '%s' does not give back the original", path,
                      what, g->fix, g->msg);
        free(fixed);
        t->fixes++;
    }
    unload(&l);
}

static const char *const RULE_FILES[] = {
    "ungdomsmottagningar-2021.medel", "ungdomsmottagningar-2022.medel", "gemensam-pott-2017.medel",
    "gemensam-pott-2018.medel", "region-stockholm-2021-2022.medel",
};

/* The names of fields, criteria and pots of p, at most `max` of each kind
** (spread over the list), into names (cap entries); returns how many. */
static size_t sample_names(const Program *p, const char **names, size_t cap, size_t max)
{
    size_t n = 0;
    size_t kinds[3] = {p->n_fields, p->n_criteria, p->n_pots};
    for (int k = 0; k < 3; k++) {
        size_t step = kinds[k] > max ? (kinds[k] + max - 1) / max : 1;
        for (size_t i = 0; i < kinds[k] && n < cap; i += step) {
            const char *s = k == 0 ? p->fields[i].name : k == 1 ? p->criteria[i].name : p->pots[i].name;
            if (s && !strchr(s, ' ') && !strchr(s, '/'))
                names[n++] = s;
        }
    }
    return n;
}

START_TEST(test_fix_gives_back_original)
{
    const char *file = RULE_FILES[_i];
    char path[1024];
    snprintf(path, sizeof path, "%s%s", RULES_DIR, file);
    char *original = slurp(path);
    size_t len = strlen(original);
    Loaded base;
    load(&base, path, original);
    ck_assert_msg(base.prog && base.d.n_errors == 0, "%s does not load cleanly", file);
    const char *names[96];
    size_t n_names = sample_names(base.prog, names, 96, unit_cases(12));

    bool *code = malloc(len + 1);
    ck_assert_ptr_nonnull(code);
    mark_code(original, len, code);
    Tally t = {0};
    char *wrong = malloc(len + 64);
    ck_assert_ptr_nonnull(wrong);
    size_t per_name = unit_cases(8);
    for (size_t k = 0; k < n_names; k++) {
        const char *nm = names[k];
        size_t nl = strlen(nm);
        size_t used = 0;
        /* Every occurrence as a whole word in code, except where declared,
        ** up to per_name of them. */
        for (const char *at = strstr(original, nm); at && used < per_name; at = strstr(at + 1, nm)) {
            size_t off = (size_t)(at - original);
            if (!code[off] || (off > 0 && name_byte((unsigned char)original[off - 1])) ||
                name_byte((unsigned char)original[off + nl]) || is_declaration(original, off, nl))
                continue;
            used++;
            for (int m = 0; m < 2; m++) {
                char bad[128];
                if (!misspell(nm, m, bad, sizeof bad))
                    continue;
                size_t bl = strlen(bad);
                memcpy(wrong, original, off);
                memcpy(wrong + off, bad, bl);
                memcpy(wrong + off + bl, original + off + nl, len - off - nl + 1);
                char what[256];
                snprintf(what, sizeof what, "'%s' at byte %zu written '%s'", nm, off, bad);
                check_fixes(path, original, wrong, what, &t);
            }
        }
    }
    /* Keywords with a capital letter: each of a few keywords, at its first
    ** place in code. */
    static const char *const keywords[] = {"pott", "villkor", "krav", "belopp", "tilldelning", "skäl", "prioritet", "ändra"};
    for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
        const char *kw = keywords[k];
        size_t kl = strlen(kw);
        for (const char *at = strstr(original, kw); at; at = strstr(at + 1, kw)) {
            size_t off = (size_t)(at - original);
            if (!code[off] || (off > 0 && name_byte((unsigned char)original[off - 1])) || name_byte((unsigned char)original[off + kl]))
                continue;
            memcpy(wrong, original, len + 1);
            wrong[off] = (char)(wrong[off] - 'a' + 'A');
            char what[128];
            snprintf(what, sizeof what, "'%s' at byte %zu with a capital", kw, off);
            check_fixes(path, original, wrong, what, &t);
            break;
        }
    }
    /* Not vacuous: most mistakes get a fix. */
    ck_assert_msg(t.mutations > 0 && t.fixes * 2 >= t.mutations, "%s: %zu fixes for %zu mistakes", file, t.fixes, t.mutations);
    free(wrong);
    free(code);
    unload(&base);
    free(original);
}
END_TEST

Suite *make_fixit_suite(void)
{
    Suite *s = suite_create("fixit");
    TCase *tc = tcase_create("kinds");
    tcase_add_loop_test(tc, test_fix_each_kind, 0, sizeof FIXES / sizeof FIXES[0]);
    tcase_add_loop_test(tc, test_no_fix, 0, sizeof NO_FIXES / sizeof NO_FIXES[0]);
    tcase_add_test(tc, test_no_fix_when_tied);
    tcase_add_test(tc, test_diag_fix);
    suite_add_tcase(s, tc);
    TCase *tp = tcase_create("property");
    tcase_set_timeout(tp, 120);
    tcase_add_loop_test(tp, test_fix_gives_back_original, 0, sizeof RULE_FILES / sizeof RULE_FILES[0]);
    suite_add_tcase(s, tp);
    return s;
}
