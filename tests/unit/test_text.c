/*
** test_text.c: unit tests for the Unicode helpers: UTF-8 validation (where the
** first error is and how long it is), decoding, NFC, case folding, display
** width and the identifier letter class. Text is written as UTF-8; where
** the bytes are the point (invalid or overlong sequences, surrogates,
** combining marks, invisible and control characters) they are \x escapes.
*/
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "suites.h"
#include "text.h"

/* Validates a string literal (its length from sizeof, so NULs count). */
#define VALID(lit) text_valid_utf8((lit), sizeof(lit) - 1, NULL, NULL)

static void assert_bad(const char *s, size_t len, size_t at, size_t n)
{
    size_t bad = 12345, bad_len = 12345;
    ck_assert(!text_valid_utf8(s, len, &bad, &bad_len));
    ck_assert_uint_eq(bad, at);
    ck_assert_uint_eq(bad_len, n);
}
#define BAD(lit, at, n) assert_bad((lit), sizeof(lit) - 1, (at), (n))

START_TEST(test_valid_utf8)
{
    ck_assert(VALID(""));
    ck_assert(VALID("abc"));
    ck_assert(VALID("åäö"));            /* åäö */
    ck_assert(VALID("中"));                        /* 中 */
    ck_assert(VALID("😀"));                    /* U+1F600 */
    ck_assert(VALID("\xF4\x8F\xBF\xBF"));                    /* U+10FFFF */
    ck_assert(VALID("\xED\x9F\xBF"));                        /* U+D7FF */
    ck_assert(VALID("abc\0def"));                            /* NUL is UTF-8 */
    /* Only len bytes are looked at. */
    ck_assert(text_valid_utf8("ab\xFF", 2, NULL, NULL));
}
END_TEST

START_TEST(test_invalid_utf8)
{
    BAD("ab\xC3(", 2, 1);               /* lead byte, then no continuation */
    BAD("ab\xC3", 2, 1);                /* truncated at the end */
    BAD("ab\xE2\x82", 2, 2);            /* truncated 3-byte sequence */
    BAD("\xF0\x9F\x98", 0, 3);          /* truncated 4-byte sequence */
    BAD("\xE2\x82x", 0, 2);             /* interrupted 3-byte sequence */
    BAD("\xC0\xAF", 0, 1);              /* overlong '/' */
    BAD("\xE0\x80\xAF", 0, 1);          /* overlong in 3 bytes */
    BAD("x\xED\xA0\x80", 1, 1);         /* surrogate U+D800 */
    BAD("\xF4\x90\x80\x80", 0, 1);      /* U+110000 */
    BAD("a\x80", 1, 1);                 /* stray continuation byte */
    BAD("\xFF", 0, 1);
    BAD("\xFE\xFF", 0, 1);              /* the first error is reported */
    BAD("\xC3\xA4\xC3\xA4\xE4\xB8", 4, 2);
    /* bad and bad_len may be NULL. */
    ck_assert(!text_valid_utf8("\xFF", 1, NULL, NULL));
}
END_TEST

START_TEST(test_decode)
{
    int cp = 0;
    ck_assert_uint_eq(text_decode("a", 1, &cp), 1);
    ck_assert_int_eq(cp, 'a');
    ck_assert_uint_eq(text_decode("äx", 3, &cp), 2);
    ck_assert_int_eq(cp, 0xE4);
    ck_assert_uint_eq(text_decode("中", 3, &cp), 3);
    ck_assert_int_eq(cp, 0x4E2D);
    ck_assert_uint_eq(text_decode("😀", 4, &cp), 4);
    ck_assert_int_eq(cp, 0x1F600);
    ck_assert_uint_eq(text_decode("\0", 1, &cp), 1);
    ck_assert_int_eq(cp, 0);
    /* An invalid byte is -1 and one step, even at the start of a sequence. */
    ck_assert_uint_eq(text_decode("\xC3(", 2, &cp), 1);
    ck_assert_int_eq(cp, -1);
    ck_assert_uint_eq(text_decode("\xED\xA0\x80", 3, &cp), 1);
    ck_assert_int_eq(cp, -1);
    ck_assert_uint_eq(text_decode("\x80", 1, &cp), 1);
    ck_assert_int_eq(cp, -1);
    /* A sequence cut short by len is invalid. */
    ck_assert_uint_eq(text_decode("ä", 1, &cp), 1);
    ck_assert_int_eq(cp, -1);
}
END_TEST

START_TEST(test_nfc)
{
    Arena a;
    arena_init(&a);
    const char *composed = "ä";        /* U+00E4 */
    const char *decomposed = "a\xCC\x88";     /* a + U+0308 */
    ck_assert_str_eq(text_nfc(&a, composed, strlen(composed)), "ä");
    ck_assert_str_eq(text_nfc(&a, decomposed, strlen(decomposed)), "ä");
    const char *mixed = "Förderm\x6F\xCC\x88jlighet";
    ck_assert_str_eq(text_nfc(&a, mixed, strlen(mixed)),
                     "Fördermöjlighet");
    /* ANGSTROM SIGN is a singleton decomposition to Å. */
    ck_assert_str_eq(text_nfc(&a, "Å", 3), "Å");
    /* NFC keeps case. */
    ck_assert_str_eq(text_nfc(&a, "Samverkan", 9), "Samverkan");
    /* A slice: only len bytes, and the result is NUL-terminated. */
    ck_assert_str_eq(text_nfc(&a, "abcdef", 3), "abc");
    ck_assert_str_eq(text_nfc(&a, "", 0), "");
    ck_assert_ptr_null(text_nfc(&a, "ab\xFF", 3));
    ck_assert_ptr_null(text_nfc(&a, "\xC3", 1));
    arena_free(&a);
}
END_TEST

START_TEST(test_fold)
{
    Arena a;
    arena_init(&a);
    char *upper = text_fold(&a, "SAMVERKAN", 9);
    char *mixed = text_fold(&a, "Samverkan", 9);
    ck_assert_str_eq(upper, "samverkan");
    ck_assert_str_eq(mixed, upper);
    ck_assert_str_eq(text_fold(&a, "Å", 2), "å");             /* Å -> å */
    ck_assert_str_eq(text_fold(&a, "A\xCC\x8A", 3), "å");            /* A + ring */
    ck_assert_str_eq(text_fold(&a, "Å", 3), "å");         /* Å sign */
    ck_assert_str_eq(text_fold(&a, "ÅÄÖ", 6),
                     "åäö");                            /* ÅÄÖ */
    ck_assert_str_eq(text_fold(&a, "Straße", 7), "strasse");      /* full folding */
    ck_assert_str_eq(text_fold(&a, "", 0), "");
    ck_assert_ptr_null(text_fold(&a, "\xC0\xAF", 2));
    arena_free(&a);
}
END_TEST

/* text_nfc copies text without a byte above 0xCB (code points below U+0300)
** as it is, without asking utf8proc. Check that utf8proc agrees: every such
** code point after every other one (U+0001..U+02FF, all 767 x 767 pairs in
** one string) is unchanged by NFC; and the fast path gives what utf8proc
** gives. */
START_TEST(test_nfc_below_0300_is_stable)
{
    enum { LO = 1, HI = 0x300 };
    size_t cap = (size_t)(HI - LO) * (HI - LO) * 4 + 1, n = 0;
    utf8proc_uint8_t *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    for (utf8proc_int32_t x = LO; x < HI; x++)
        for (utf8proc_int32_t y = LO; y < HI; y++) {
            n += (size_t)utf8proc_encode_char(x, buf + n);
            n += (size_t)utf8proc_encode_char(y, buf + n);
        }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t m = utf8proc_map(buf, (utf8proc_ssize_t)n, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    ck_assert_int_eq(m, (utf8proc_ssize_t)n);
    ck_assert(memcmp(out, buf, n) == 0);
    free(out);
    /* The same for U+2002..U+206F with them: every pair of the union. */
    enum { P_LO = 0x2002, P_HI = 0x2070 };
    size_t n_set = (size_t)(HI - LO) + (size_t)(P_HI - P_LO), k = 0;
    utf8proc_int32_t *set = malloc(n_set * sizeof *set);
    ck_assert_ptr_nonnull(set);
    for (utf8proc_int32_t x = LO; x < HI; x++)
        set[k++] = x;
    for (utf8proc_int32_t x = P_LO; x < P_HI; x++)
        set[k++] = x;
    size_t cap2 = n_set * n_set * 6 + 1, n2 = 0;
    utf8proc_uint8_t *buf2 = malloc(cap2);
    ck_assert_ptr_nonnull(buf2);
    for (size_t i = 0; i < n_set; i++)
        for (size_t j = 0; j < n_set; j++) {
            n2 += (size_t)utf8proc_encode_char(set[i], buf2 + n2);
            n2 += (size_t)utf8proc_encode_char(set[j], buf2 + n2);
        }
    out = NULL;
    m = utf8proc_map(buf2, (utf8proc_ssize_t)n2, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    ck_assert_int_eq(m, (utf8proc_ssize_t)n2);
    ck_assert(memcmp(out, buf2, n2) == 0);
    free(out);
    free(buf2);
    free(set);
    Arena a;
    arena_init(&a);
    /* The fast path and utf8proc agree at the edges of the ranges. */
    const char *edges[] = {"a\xE2\x80\x80" "b", "a\xE2\x80\x81" "b", "a\xE2\x80\x82" "b", "a\xE2\x81\xAF" "b", "a\xE2\x81\xB0" "b",
                           "\xE2\x80\x93 12\xE2\x80\x93" "22 \xE2\x80\x9Dunga\xE2\x80\x9D", "e\xCC\x81", "\xE2\x84\xA6"};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
        utf8proc_uint8_t *want = NULL;
        utf8proc_map((const utf8proc_uint8_t *)edges[i], (utf8proc_ssize_t)strlen(edges[i]), &want,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        ck_assert_str_eq(text_nfc(&a, edges[i], strlen(edges[i])), (const char *)want);
        free(want);
    }
    const char *sv = "Uppdrag Psykisk Hälsa: Åtgärder för unga § 3";
    ck_assert_str_eq(text_nfc(&a, sv, strlen(sv)), sv);
    arena_free(&a);
    free(buf);
}
END_TEST

#define WIDTH(lit, col) text_width((lit), sizeof(lit) - 1, (col))

START_TEST(test_width)
{
    ck_assert_uint_eq(WIDTH("", 0), 0);
    ck_assert_uint_eq(WIDTH("abc", 0), 3);
    ck_assert_uint_eq(WIDTH("åäö", 0), 3);     /* åäö */
    ck_assert_uint_eq(WIDTH("a\xCC\x88", 0), 1);                    /* decomposed ä */
    ck_assert_uint_eq(WIDTH("a\xCC\x81", 0), 1);                    /* a + U+0301 */
    ck_assert_uint_eq(WIDTH("中", 0), 2);                 /* 中 */
    ck_assert_uint_eq(WIDTH("中文x", 0), 5);    /* 中文x */
    ck_assert_uint_eq(WIDTH("😀", 0), 2);             /* emoji */
    ck_assert_uint_eq(WIDTH("\xC2\xA0", 0), 1);                     /* no-break space */
}
END_TEST

START_TEST(test_width_tabs)
{
    ck_assert_uint_eq(WIDTH("\t", 0), 8);
    ck_assert_uint_eq(WIDTH("\t", 3), 5);
    ck_assert_uint_eq(WIDTH("\t", 7), 1);
    ck_assert_uint_eq(WIDTH("\t", 8), 8);
    ck_assert_uint_eq(WIDTH("\t\t", 0), 16);
    ck_assert_uint_eq(WIDTH("ab\tc", 0), 9);
    ck_assert_uint_eq(WIDTH("a\tb", 6), 3);             /* a to 7, tab to 8, b */
    ck_assert_uint_eq(WIDTH("åä\t", 0), 8); /* åä count 1 each */
    ck_assert_uint_eq(WIDTH("中\t", 0), 8);
    ck_assert_uint_eq(WIDTH("1234567\t", 0), 8);
    ck_assert_uint_eq(WIDTH("12345678\t", 0), 16);
}
END_TEST

START_TEST(test_width_invalid_and_control)
{
    ck_assert_uint_eq(WIDTH("\xC3(", 0), 2);            /* bad byte 1, '(' 1 */
    ck_assert_uint_eq(WIDTH("\xFF\xFE", 0), 2);
    ck_assert_uint_eq(WIDTH("\xE2\x82", 0), 2);         /* every byte counts */
    ck_assert_uint_eq(WIDTH("\xED\xA0\x80", 0), 3);
    ck_assert_uint_eq(WIDTH("\x01\x1B\x7F", 0), 0);
    ck_assert_uint_eq(WIDTH("a\rb\n", 0), 2);
    ck_assert_uint_eq(WIDTH("\xC2\x85", 0), 0);         /* U+0085, a C1 control */
    ck_assert_uint_eq(WIDTH("x\0y", 0), 2);
}
END_TEST

START_TEST(test_is_letter)
{
    ck_assert(text_is_letter('a'));
    ck_assert(text_is_letter('Z'));
    ck_assert(text_is_letter(0xE5));        /* å */
    ck_assert(text_is_letter(0xC4));        /* Ä */
    ck_assert(text_is_letter(0x3BB));       /* λ */
    ck_assert(text_is_letter(0x4E2D));      /* 中 */
    ck_assert(text_is_letter(0x2B0));       /* modifier letter ʰ (Lm) */
    ck_assert(text_is_letter(0x301));       /* combining acute (Mn) */
    ck_assert(text_is_letter(0x903));       /* Devanagari visarga (Mc) */
    ck_assert(text_is_letter(0x20DD));      /* enclosing circle (Me) */
    ck_assert(!text_is_letter('1'));
    ck_assert(!text_is_letter(0x663));      /* Arabic-Indic three (Nd) */
    ck_assert(!text_is_letter('_'));
    ck_assert(!text_is_letter(' '));
    ck_assert(!text_is_letter('-'));
    ck_assert(!text_is_letter(0xA0));
    ck_assert(!text_is_letter(0x1F600));    /* emoji (So) */
    ck_assert(!text_is_letter(0));
    ck_assert(!text_is_letter(-1));
    ck_assert(!text_is_letter(0x110000));
}
END_TEST

/* "Did you mean": headings alike despite case, marks on å ä ö, blanks, a
** typo or a unit after the name; unlike ones are not. */
START_TEST(test_alike)
{
    Arena a;
    arena_init(&a);
    static const struct {
        const char *x, *y;
        bool alike;
    } rows[] = {
        {"Målgrupp (år)", "Målgrupp (ålder)", true},
        {"Malgrupp (alder)", "Målgrupp (ålder)", true},   /* no ring */
        {"MÅLGRUPP (ÅLDER)", "Målgrupp (ålder)", true},   /* case */
        {"Målgrupp  (ålder)", "Målgrupp (ålder)", true},  /* an extra blank */
        {"Sokande", "Sökande", true},                     /* no dots */
        {"Sökandetyp", "Sökande", true},
        {"Ålder (år)", "Ålder", true},                    /* a unit after it */
        {"Belopp kr", "Belopp", true},
        {"Kommun", "Beskrivning", false},
        {"Id", "Diarienummer", false},
        {"Åld", "Ålderdom", false},   /* a prefix, but no unit after a blank */
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t d = 0;
        ck_assert_msg(text_alike(&a, rows[i].x, rows[i].y, &d) == rows[i].alike, "%s / %s", rows[i].x, rows[i].y);
        ck_assert_msg(text_alike(&a, rows[i].y, rows[i].x, &d) == rows[i].alike, "%s / %s (swapped)", rows[i].y, rows[i].x);
    }
    /* Closer is smaller. */
    size_t d1, d2;
    ck_assert(text_alike(&a, "Malgrupp (alder)", "Målgrupp (ålder)", &d1));
    ck_assert(text_alike(&a, "Målgrupp (år)", "Målgrupp (ålder)", &d2));
    ck_assert_uint_lt(d1, d2);
    arena_free(&a);
}
END_TEST

/* ---- text_closest: "menade du …?" ---- */

static const char *const NAMES[] = {"målgrupp", "kommun", "fokus", "sökandetyp", "ungdomar", "befolkning", "län", "år"};

START_TEST(test_closest_examples)
{
    static const struct {
        const char *word, *want;   /* want NULL: no suggestion */
    } rows[] = {
        {"malgrupp", "målgrupp"},     /* a missing ring */
        {"Malgrupp", "målgrupp"},     /* and a capital */
        {"MÅLGRUPP", "målgrupp"},
        {"målgurpp", "målgrupp"},     /* two letters swapped */
        {"malgrup", "målgrupp"},
        {"kommnu", "kommun"},
        {"sokandetyp", "sökandetyp"},
        {"Sökandetyp", "sökandetyp"},
        {"ungdom", "ungdomar"},
        {"befolkningen", "befolkning"},
        {"lan", "län"},               /* three letters: marks only */
        {"ar", "år"},                 /* two letters: marks and case only */
        {"Ar", "år"},
        {"as", NULL},                 /* two letters, one edit: too far */
        {"lök", NULL},
        {"summa", NULL},
        {"x", NULL},
        {"målgrupp", NULL},           /* the name itself is no suggestion */
        {"kommunerna_i_länet", NULL},
        {"", NULL},
    };
    Arena a;
    arena_init(&a);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int k = text_closest(&a, rows[i].word, NAMES, sizeof NAMES / sizeof NAMES[0]);
        if (rows[i].want)
            ck_assert_msg(k >= 0 && strcmp(NAMES[k], rows[i].want) == 0, "%s: got %s, want %s", rows[i].word,
                          k >= 0 ? NAMES[k] : "nothing", rows[i].want);
        else
            ck_assert_msg(k < 0, "%s: got %s, want nothing", rows[i].word, k >= 0 ? NAMES[k] : "");
    }
    ck_assert_int_eq(text_closest(&a, "målgrupp", NULL, 0), -1);
    ck_assert_uint_eq(text_name_distance(&a, "målgrupp", "målgurpp"), 1);
    ck_assert_uint_eq(text_name_distance(&a, "MALGRUPP", "målgrupp"), 0);
    ck_assert_uint_eq(text_name_distance(&a, "ab", "ba"), 1);
    ck_assert_uint_eq(text_name_distance(&a, "kommun", "region"), 5);
    arena_free(&a);
}
END_TEST

/* Ties: a name that keeps the word's marks wins, then byte order; never the
** order of the list. */
/* text_suggest: the name itself, a slip, or the one name a word begins. */
START_TEST(test_suggest)
{
    static const char *const OPTS[] = {"keep-going", "format", "fokusområde", "fokus_extra", "kommunerna", "output"};
    size_t n = sizeof OPTS / sizeof OPTS[0];
    Arena a;
    arena_init(&a);
    ck_assert_int_eq(text_suggest(&a, "format", OPTS, n), 1);       /* itself */
    ck_assert_int_eq(text_suggest(&a, "formt", OPTS, n), 1);        /* a slip */
    ck_assert_int_eq(text_suggest(&a, "keep", OPTS, n), 0);         /* the one it begins */
    ck_assert_int_eq(text_suggest(&a, "Kommun", OPTS, n), 4);       /* folded, then begun */
    ck_assert_int_eq(text_suggest(&a, "fokus", OPTS, n), -1);       /* begins two names */
    ck_assert_int_eq(text_suggest(&a, "ou", OPTS, n), -1);          /* too short to begin one */
    ck_assert_int_eq(text_suggest(&a, "budget", OPTS, n), -1);
    ck_assert_int_eq(text_suggest(&a, "x", NULL, 0), -1);
    arena_free(&a);
}
END_TEST

START_TEST(test_closest_ties)
{
    Arena a;
    arena_init(&a);
    const char *const c1[] = {"mal", "mål"}, *const c2[] = {"mål", "mal"};
    ck_assert_str_eq(c1[text_closest(&a, "Mål", c1, 2)], "mål");
    ck_assert_str_eq(c2[text_closest(&a, "Mål", c2, 2)], "mål");
    ck_assert_str_eq(c1[text_closest(&a, "MAL", c1, 2)], "mal");
    ck_assert_str_eq(c2[text_closest(&a, "MAL", c2, 2)], "mal");
    const char *const c3[] = {"kommunb", "kommuna"}, *const c4[] = {"kommuna", "kommunb"};
    ck_assert_str_eq(c3[text_closest(&a, "kommunx", c3, 2)], "kommuna");
    ck_assert_str_eq(c4[text_closest(&a, "kommunx", c4, 2)], "kommuna");
    arena_free(&a);
}
END_TEST

/* A small deterministic generator of Swedish-looking names. */
static unsigned long lcg(unsigned long *state)
{
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    return *state >> 33;
}

static const char *const LETTERS[] = {"a", "b", "d", "e", "g", "k", "l", "m", "n", "o", "r", "s", "t", "u", "å", "ä", "ö", "_"};

static void random_name(unsigned long *st, char *out, size_t cap, size_t max_len)
{
    size_t len = 1 + lcg(st) % max_len, at = 0;
    for (size_t i = 0; i < len; i++) {
        const char *l = LETTERS[lcg(st) % (sizeof LETTERS / sizeof LETTERS[0])];
        if (at + strlen(l) + 1 >= cap)
            break;
        strcpy(out + at, l);
        at += strlen(l);
    }
    out[at] = '\0';
}

/* A spelling an officer might type: rings and dots dropped, some capitals. */
static void careless(unsigned long *st, const char *in, char *out)
{
    size_t at = 0;
    for (size_t i = 0; in[i];) {
        if (!strncmp(in + i, "å", 2) || !strncmp(in + i, "ä", 2)) {
            out[at++] = lcg(st) % 2 ? 'a' : 'A';
            i += 2;
        } else if (!strncmp(in + i, "ö", 2)) {
            out[at++] = lcg(st) % 2 ? 'o' : 'O';
            i += 2;
        } else {
            char c = in[i++];
            out[at++] = c >= 'a' && c <= 'z' && lcg(st) % 3 == 0 ? (char)(c - 'a' + 'A') : c;
        }
    }
    out[at] = '\0';
}

/* Folding: a name typed without its marks and in other case finds the name,
** whenever no other candidate folds to the same letters. */
START_TEST(test_closest_folding)
{
    Arena a;
    arena_init(&a);
    unsigned long st = 15;
    for (size_t n = unit_cases(3000), i = 0; i < n; i++) {
        char names[6][64], typed[64];
        const char *v[6];
        for (int k = 0; k < 6; k++) {
            random_name(&st, names[k], sizeof names[k], 10);
            v[k] = names[k];
        }
        int pick = (int)(lcg(&st) % 6);
        careless(&st, names[pick], typed);
        bool unique = true;
        for (int k = 0; k < 6; k++)
            if (k != pick && (text_name_distance(&a, names[k], names[pick]) == 0 || strcmp(names[k], typed) == 0))
                unique = false;
        if (!unique || strcmp(typed, names[pick]) == 0)
            continue;
        int got = text_closest(&a, typed, v, 6);
        ck_assert_msg(got == pick, "%s: got %s, want %s", typed, got >= 0 ? v[got] : "nothing", names[pick]);
        arena_reset(&a);
    }
    arena_free(&a);
}
END_TEST

/* Symmetry, distance bounds, and independence of the order of candidates. */
START_TEST(test_closest_properties)
{
    Arena a;
    arena_init(&a);
    unsigned long st = 2026;
    for (size_t n = unit_cases(3000), i = 0; i < n; i++) {
        char x[64], y[64];
        random_name(&st, x, sizeof x, 12);
        random_name(&st, y, sizeof y, 12);
        const char *vx[] = {x}, *vy[] = {y};
        size_t dxy = text_name_distance(&a, x, y);
        ck_assert_uint_eq(dxy, text_name_distance(&a, y, x));
        bool xy = text_closest(&a, x, vy, 1) >= 0, yx = text_closest(&a, y, vx, 1) >= 0;
        if (strcmp(x, y) != 0)
            ck_assert_msg(xy == yx, "%s / %s", x, y);
        if (xy) {
            /* never a far-away name: at most a third of the longer name, never all of the shorter */
            int sx[64], sy[64];
            size_t nx = text_skeleton(&a, x, sx, 64), ny = text_skeleton(&a, y, sy, 64);
            size_t longer = nx > ny ? nx : ny, shorter = nx < ny ? nx : ny;
            ck_assert_msg(3 * dxy <= longer && dxy <= 4 && dxy < shorter, "%s / %s: %zu", x, y, dxy);
        }
        /* the same answer for a list in any order */
        char names[5][64];
        const char *v[5], *w[5];
        for (int k = 0; k < 5; k++) {
            random_name(&st, names[k], sizeof names[k], 8);
            v[k] = names[k];
            w[4 - k] = names[k];
        }
        int gv = text_closest(&a, x, v, 5), gw = text_closest(&a, x, w, 5);
        ck_assert_int_eq(gv < 0, gw < 0);
        if (gv >= 0)
            ck_assert_str_eq(v[gv], w[gw]);
        /* the closest is no farther than any other close candidate */
        for (int k = 0; gv >= 0 && k < 5; k++)
            if (text_closest(&a, x, &v[k], 1) >= 0)
                ck_assert_uint_le(text_name_distance(&a, x, v[gv]), text_name_distance(&a, x, v[k]));
        arena_reset(&a);
    }
    arena_free(&a);
}
END_TEST

Suite *make_text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_valid_utf8);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_decode);
    tcase_add_test(tc, test_nfc);
    tcase_add_test(tc, test_nfc_below_0300_is_stable);
    tcase_add_test(tc, test_fold);
    tcase_add_test(tc, test_width);
    tcase_add_test(tc, test_width_tabs);
    tcase_add_test(tc, test_width_invalid_and_control);
    tcase_add_test(tc, test_is_letter);
    tcase_add_test(tc, test_alike);
    suite_add_tcase(s, tc);
    TCase *tc2 = tcase_create("closest");
    tcase_add_test(tc2, test_closest_examples);
    tcase_add_test(tc2, test_closest_ties);
    tcase_add_test(tc2, test_suggest);
    tcase_add_test(tc2, test_closest_folding);
    tcase_add_test(tc2, test_closest_properties);
    suite_add_tcase(s, tc2);
    return s;
}
