/*
** money.c: exact amounts and shares (see money.h). Amounts are int64 öre and
** shares are reduced int64 fractions; every step that could overflow is
** checked, and intermediates that need more room are computed in 128 bits.
** There is deliberately no floating point in this file: a rounding error in
** a funding decision is a wrong decision.
*/
#include "money.h"

#include <string.h>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* Largest significand the number scanner keeps exactly: 10^38 - 1 still fits
** u128 (about 3.4e38) with room for one more digit step. */
#define NUM_CAP ((u128)10000000000000000000u * 10000000000000000000u - 1)
#define NUM_MAX_SCALE 38   /* 10^38 is the largest power of ten in u128 */

/* ---- checked integer arithmetic ---- */

bool money_add(Money a, Money b, Money *out)
{
    Money r;
    if (__builtin_add_overflow(a, b, &r))
        return false;
    *out = r;
    return true;
}

bool money_sub(Money a, Money b, Money *out)
{
    Money r;
    if (__builtin_sub_overflow(a, b, &r))
        return false;
    *out = r;
    return true;
}

bool money_mul_int(Money a, int64_t k, Money *out)
{
    Money r;
    if (__builtin_mul_overflow(a, k, &r))
        return false;
    *out = r;
    return true;
}

/* ---- ratios ---- */

/* Magnitude without negating a signed value (which is UB at the minimum). */
static u128 mag(i128 x)
{
    return x < 0 ? (u128)0 - (u128)x : (u128)x;
}

static u128 gcd(u128 a, u128 b)
{
    while (b != 0) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Reduces num/den and stores it if both parts fit int64 with den > 0. Every
** ratio operation funnels through here so the reduction and the INT64_MIN
** edge (a numerator of -2^63 fits, +2^63 does not) are handled once. */
static bool fit(i128 num, i128 den, Ratio *out)
{
    if (den == 0)
        return false;
    bool neg = (num < 0) != (den < 0);
    u128 n = mag(num);
    u128 d = mag(den);
    u128 g = gcd(n, d);   /* >= 1 because d != 0 */
    n /= g;
    d /= g;
    u128 lim = neg ? (u128)INT64_MAX + 1 : (u128)INT64_MAX;
    if (d > (u128)INT64_MAX || n > lim)
        return false;
    if (!neg)
        out->num = (int64_t)n;
    else if (n == (u128)INT64_MAX + 1)
        out->num = INT64_MIN;
    else
        out->num = -(int64_t)n;
    out->den = (int64_t)d;
    return true;
}

bool ratio_make(int64_t num, int64_t den, Ratio *out)
{
    return fit(num, den, out);
}

/* With denominators in (0, 2^63) each cross product is below 2^126 in
** magnitude, so their sum cannot overflow i128; the reduction then decides
** whether the exact result fits. A denominator <= 0 is not a Ratio from
** ratio_make and is refused. */
bool ratio_add(Ratio a, Ratio b, Ratio *out)
{
    if (a.den <= 0 || b.den <= 0)
        return false;
    i128 num = (i128)a.num * b.den + (i128)b.num * a.den;
    return fit(num, (i128)a.den * b.den, out);
}

bool ratio_sub(Ratio a, Ratio b, Ratio *out)
{
    if (a.den <= 0 || b.den <= 0)
        return false;
    i128 num = (i128)a.num * b.den - (i128)b.num * a.den;
    return fit(num, (i128)a.den * b.den, out);
}

/* Exact for any non-zero denominators: the cross products fit i128, and the
** comparison flips when exactly one denominator is negative. */
int ratio_cmp(Ratio a, Ratio b)
{
    i128 l = (i128)a.num * b.den;
    i128 r = (i128)b.num * a.den;
    int c = (l > r) - (l < r);
    return (a.den < 0) != (b.den < 0) ? -c : c;
}

/* Floor semantics, also for negative amounts or shares: *whole is
** floor(a * r) and 0 <= *rem < r.den, so a * r = *whole + *rem / r.den holds
** exactly in every case (-100 öre * 1/3 = -34 rem 2). Rounding policy is the
** caller's business; this only makes the exact value available. A negative
** denominator is normalised first; a zero one is refused. */
bool money_mul_ratio(Money a, Ratio r, Money *whole, int64_t *rem)
{
    if (r.den == 0)
        return false;
    i128 p = (i128)a * r.num;   /* |p| <= 2^126 */
    i128 d = r.den;
    if (d < 0) {
        p = -p;
        d = -d;
    }
    i128 q = p / d;
    i128 m = p % d;
    if (m < 0) {   /* C truncates toward zero; step down to the floor */
        m += d;
        q -= 1;
    }
    if (q < INT64_MIN || q > INT64_MAX)
        return false;
    *whole = (Money)q;
    *rem = (int64_t)m;   /* 0 <= m < d <= 2^63, and m < 2^63 */
    return true;
}

/* ---- scanning numbers as people write them ---- */

/* A scanned decimal number: value = mant / 10^scale. Trailing zeros of the
** fraction are never multiplied in, so when scale > 0 the last digit of mant
** is non-zero; that makes "finer than 1 öre" a plain comparison of scales. */
typedef struct Num {
    u128 mant;
    size_t scale;
    bool big;   /* mant passed NUM_CAP; only scale is still tracked */
    /* How it was written, to tell "450.000" (a thousands separator, as many
    ** write it) from a fraction: the digits before any separator, whether
    ** blanks grouped them, the fraction's separator and its digits. */
    size_t lead;
    bool lead_zero;   /* "0.500" is no thousands: groups never start with 0 */
    bool grouped;
    char frac_sep;
    size_t frac_len;
} Num;

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of a digit-group separator at s[i]: a space, U+00A0 or U+202F. */
static size_t sep(const char *s, size_t i, size_t end)
{
    if (i < end && s[i] == ' ')
        return 1;
    if (i + 1 < end && (unsigned char)s[i] == 0xC2
        && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    if (i + 2 < end && (unsigned char)s[i] == 0xE2
        && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xAF)
        return 3;
    return 0;
}

/* Whitespace allowed between a number and its unit: separators and tabs. */
static size_t blank(const char *s, size_t i, size_t end)
{
    if (i < end && s[i] == '\t')
        return 1;
    return sep(s, i, end);
}

static size_t skip_blanks(const char *s, size_t i, size_t end)
{
    size_t k;
    while ((k = blank(s, i, end)) != 0)
        i += k;
    return i;
}

static void push(Num *n, char c)
{
    u128 d = (u128)(c - '0');
    if (n->big)
        return;
    if (n->mant > (NUM_CAP - d) / 10) {
        n->big = true;
        return;
    }
    n->mant = n->mant * 10 + d;
}

static size_t run(const char *s, size_t i, size_t end)
{
    size_t k = 0;
    while (i + k < end && digit(s[i + k]))
        k++;
    return k;
}

/* Scans digits with optional group separators and an optional fraction from
** s[*pos]; on success *pos is just past the number. The first group of a
** grouped number has 1-3 digits and every later one exactly 3, so "1 50 000"
** (a typo that could hide a wrong amount) is refused rather than guessed. */
static MoneyErr scan(const char *s, size_t end, size_t *pos, Num *n)
{
    size_t i = *pos;
    size_t len = run(s, i, end);
    if (len == 0)
        return MONEY_ERR_SYNTAX;
    n->mant = 0;
    n->scale = 0;
    n->big = false;
    n->lead = len;
    n->lead_zero = s[i] == '0';
    n->grouped = false;
    n->frac_sep = 0;
    n->frac_len = 0;
    for (size_t k = 0; k < len; k++)
        push(n, s[i + k]);
    i += len;

    bool first = true;
    for (;;) {
        size_t k = sep(s, i, end);
        if (k == 0 || i + k >= end || !digit(s[i + k]))
            break;
        size_t g = run(s, i + k, end);
        if ((first && len > 3) || g != 3)
            return MONEY_ERR_SYNTAX;
        for (size_t j = 0; j < g; j++)
            push(n, s[i + k + j]);
        i += k + g;
        first = false;
        n->grouped = true;
    }

    if (i < end && (s[i] == ',' || s[i] == '.')) {
        if (i + 1 >= end || !digit(s[i + 1]))
            return MONEY_ERR_SYNTAX;
        size_t zeros = 0;   /* fraction zeros not yet known to be significant */
        n->frac_sep = s[i];
        n->frac_len = run(s, i + 1, end);
        for (i++; i < end && digit(s[i]); i++) {
            if (s[i] == '0') {
                zeros++;
                continue;
            }
            for (; zeros > 0; zeros--) {
                push(n, '0');
                n->scale++;
            }
            push(n, s[i]);
            n->scale++;
        }
    }
    *pos = i;
    return MONEY_OK;
}

/* Trims blanks from both ends of s[*b..*e): ASCII spaces and tabs, and also
** the no-break spaces that text copied from agreements tends to carry. */
static void trim(const char *s, size_t *b, size_t *e)
{
    *b = skip_blanks(s, *b, *e);
    for (;;) {
        size_t n = *e - *b;
        const unsigned char *t = (const unsigned char *)s + *e;
        if (n >= 1 && (t[-1] == ' ' || t[-1] == '\t'))
            *e -= 1;
        else if (n >= 2 && t[-2] == 0xC2 && t[-1] == 0xA0)
            *e -= 2;
        else if (n >= 3 && t[-3] == 0xE2 && t[-2] == 0x80 && t[-1] == 0xAF)
            *e -= 3;
        else
            break;
    }
}

/* A leading '-' or U+2212 MINUS SIGN. */
static bool minus(const char *s, size_t b, size_t e)
{
    if (b < e && s[b] == '-')
        return true;
    return b + 2 < e && (unsigned char)s[b] == 0xE2
           && (unsigned char)s[b + 1] == 0x88 && (unsigned char)s[b + 2] == 0x92;
}

/* After a number: anything that still looks numeric ("4,5,6", "1,5 000")
** means the number itself was malformed, not that a unit is unknown. */
static bool numeric_tail(const char *s, size_t i, size_t end)
{
    return i < end && (digit(s[i]) || s[i] == ',' || s[i] == '.');
}

/* ---- units ---- */

typedef struct Unit {
    const char *text;   /* a space matches one or more blanks */
    int exp;            /* öre per unit = 10^exp */
    bool fold;          /* ASCII case-insensitive */
} Unit;

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool match(const Unit *u, const char *s, size_t len)
{
    size_t i = 0;
    for (const char *p = u->text; *p != '\0'; p++) {
        if (*p == ' ') {
            size_t j = skip_blanks(s, i, len);
            if (j == i)
                return false;
            i = j;
            continue;
        }
        if (i >= len)
            return false;
        if (u->fold ? lower(s[i]) != lower(*p) : s[i] != *p)
            return false;
        i++;
    }
    return i == len;
}

/* Returns the exponent of the unit spelt s[0..len), or -1 if unknown. */
static int unit_exp(const char *s, size_t len)
{
    static const Unit units[] = {
        {"\xC3\xB6re", 0, false},   /* "öre", spelt in bytes */
        {"kr", 2, true},
        {"kronor", 2, true},
        {"krona", 2, true},
        {"SEK", 2, true},
        {":-", 2, false},
        {"tkr", 5, true},
        {"TSEK", 5, true},
        {"MSEK", 8, true},
        {"mnkr", 8, true},
        {"Mkr", 8, true},
        {"miljoner kronor", 8, true},
        {"miljoner kr", 8, true},
        {"miljon kronor", 8, true},
        {"miljon kr", 8, true},
        {"miljoner", 8, true},
        {"miljon", 8, true},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (match(&units[i], s, len))
            return units[i].exp;
    }
    return -1;
}

/* On MONEY_OK, *unit_start and *unit_len give the unit as written (length 0 for
** a bare amount). On MONEY_ERR_UNIT they give the unknown unit: everything
** from the first non-blank after the number to the trimmed end. A bare number
** with allow_bare false is MONEY_ERR_UNIT with length 0 at the end of the
** number, so the caller can say "missing unit" there. unit_start and unit_len
** may be NULL. */
MoneyErr money_parse(const char *s, size_t len, bool allow_bare, Money *out,
                     size_t *unit_start, size_t *unit_len)
{
    size_t b = 0;
    size_t e = s != NULL ? len : 0;
    trim(s, &b, &e);
    if (b == e)
        return MONEY_ERR_SYNTAX;
    if (minus(s, b, e))
        return MONEY_ERR_NEGATIVE;

    Num n;
    size_t i = b;
    MoneyErr err = scan(s, e, &i, &n);
    if (err != MONEY_OK)
        return err;
    size_t u = skip_blanks(s, i, e);
    if (numeric_tail(s, u, e))
        return MONEY_ERR_SYNTAX;

    int exp = u == e ? (allow_bare ? 2 : -1) : unit_exp(s + u, e - u);
    if (exp < 0) {
        if (unit_start != NULL)
            *unit_start = u;
        if (unit_len != NULL)
            *unit_len = e - u;
        return MONEY_ERR_UNIT;
    }

    /* "450.000 kr" is 450 000 kr to the many who group thousands with a
    ** dot, and 450 kr to the reader: refused, not guessed. So is "1.500
    ** MSEK", and "450,000" in kronor, where three decimals are no öre. A
    ** comma before three digits of a larger unit ("1,125 MSEK") is Swedish
    ** for a fraction and stays. */
    if (n.frac_len == 3 && !n.grouped && n.lead <= 3 && !n.lead_zero && (n.frac_sep == '.' || exp == 2))
        return MONEY_ERR_AMBIGUOUS;

    /* Value in öre = mant * 10^(exp - scale). With scale > exp the last
    ** (non-zero) digit lies below 1 öre, whatever the size of the rest. */
    if (n.scale > (size_t)exp)
        return MONEY_ERR_FRACTION;
    if (n.big || n.mant > (u128)INT64_MAX)
        return MONEY_ERR_RANGE;
    u128 v = n.mant;
    for (size_t k = n.scale; k < (size_t)exp; k++) {
        v *= 10;   /* v <= INT64_MAX before, so no u128 overflow */
        if (v > (u128)INT64_MAX)
            return MONEY_ERR_RANGE;
    }
    *out = (Money)v;
    if (unit_start != NULL)
        *unit_start = u;
    if (unit_len != NULL)
        *unit_len = e - u;
    return MONEY_OK;
}

/* mant / 10^(scale + shift), reduced; RANGE when it does not fit a Ratio. */
static MoneyErr to_ratio(const Num *n, size_t shift, Ratio *out)
{
    size_t exp = n->scale + shift;
    if (n->big || exp > NUM_MAX_SCALE)
        return MONEY_ERR_RANGE;
    u128 den = 1;
    for (size_t k = 0; k < exp; k++)
        den *= 10;
    u128 g = gcd(n->mant, den);
    u128 num = n->mant / g;
    den /= g;
    if (num > (u128)INT64_MAX || den > (u128)INT64_MAX)
        return MONEY_ERR_RANGE;
    out->num = (int64_t)num;
    out->den = (int64_t)den;
    return MONEY_OK;
}

/* Scans the number of s[0..len) after trimming and minus checks; *pos is set
** to the first non-blank after it. Shared by decimal_parse and percent_parse,
** which both refuse a minus sign: shares in an agreement are never negative. */
static MoneyErr scan_share(const char *s, size_t len, Num *n, size_t *pos,
                           size_t *end)
{
    size_t b = 0;
    size_t e = s != NULL ? len : 0;
    trim(s, &b, &e);
    if (b == e)
        return MONEY_ERR_SYNTAX;
    if (minus(s, b, e))
        return MONEY_ERR_NEGATIVE;
    size_t i = b;
    MoneyErr err = scan(s, e, &i, n);
    if (err != MONEY_OK)
        return err;
    *pos = skip_blanks(s, i, e);
    *end = e;
    return MONEY_OK;
}

MoneyErr decimal_parse(const char *s, size_t len, Ratio *out)
{
    Num n;
    size_t i, e;
    MoneyErr err = scan_share(s, len, &n, &i, &e);
    if (err != MONEY_OK)
        return err;
    if (i != e)
        return MONEY_ERR_SYNTAX;
    return to_ratio(&n, 0, out);
}

MoneyErr percent_parse(const char *s, size_t len, Ratio *out)
{
    Num n;
    size_t i, e;
    MoneyErr err = scan_share(s, len, &n, &i, &e);
    if (err != MONEY_OK)
        return err;
    bool pct = (e - i == 1 && s[i] == '%')
               || (e - i == 7 && memcmp(s + i, "procent", 7) == 0)
               || (e - i == 7 && memcmp(s + i, "percent", 7) == 0);
    if (!pct)
        return MONEY_ERR_SYNTAX;
    return to_ratio(&n, 2, out);
}

/* ---- formatting ---- */

/* Writes v in decimal with a space between groups of three; returns length. */
static size_t group(char *t, u128 v)
{
    char rev[64];
    size_t n = 0;
    int k = 0;
    do {
        if (k == 3) {
            rev[n++] = ' ';
            k = 0;
        }
        rev[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
        k++;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        t[i] = rev[n - 1 - i];
    return n;
}

/* Copies t[0..len) into buf with its NUL, cutting to n bytes if needed but
** never inside a UTF-8 sequence, so a short buffer still holds valid text. */
static char *emit(char *buf, size_t n, const char *t, size_t len)
{
    if (n == 0)
        return buf;
    size_t k = len < n - 1 ? len : n - 1;
    if (k < len) {
        while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
            k--;
    }
    memcpy(buf, t, k);
    buf[k] = '\0';
    return buf;
}

char *money_format(Money m, char *buf, size_t n)
{
    char t[64];
    size_t len = 0;
    /* Unsigned magnitude: -INT64_MIN does not exist as an int64. */
    uint64_t v = m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
    if (m < 0)
        t[len++] = '-';
    len += group(t + len, v / MONEY_ORE_PER_KR);
    unsigned ore = (unsigned)(v % MONEY_ORE_PER_KR);
    if (ore != 0) {
        t[len++] = ',';
        t[len++] = (char)('0' + ore / 10);
        t[len++] = (char)('0' + ore % 10);
    }
    memcpy(t + len, " kr", 3);
    len += 3;
    return emit(buf, n, t, len);
}

char *int_format(int64_t v, char *buf, size_t n)
{
    char t[32];
    size_t len = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (v < 0)
        t[len++] = '-';
    len += group(t + len, u);
    return emit(buf, n, t, len);
}

#define PCT_DIGITS 6
#define PCT_SCALE 1000000   /* 10^PCT_DIGITS */

/* Exact when the percentage has at most six decimals; otherwise rounded half
** up on the magnitude (half away from zero) and marked with "≈". A zero
** denominator, which no Ratio from this module has, prints as "? %". */
char *percent_format(Ratio r, char *buf, size_t n)
{
    char t[80];
    size_t len = 0;
    if (r.den == 0)
        return emit(buf, n, "? %", 3);
    bool neg = (r.num < 0) != (r.den < 0);
    u128 d = mag(r.den);
    u128 x = mag(r.num) * 100 * PCT_SCALE;   /* <= 2^63 * 10^8 < 2^90 */
    bool exact = x % d == 0;
    u128 q = exact ? x / d : (2 * x + d) / (2 * d);
    if (!exact) {
        memcpy(t, "\xE2\x89\x88", 3);   /* U+2248 ALMOST EQUAL TO */
        len += 3;
    }
    if (neg && q != 0)   /* no "-0 %" when a tiny share rounds to zero */
        t[len++] = '-';
    len += group(t + len, q / PCT_SCALE);
    unsigned long frac = (unsigned long)(q % PCT_SCALE);
    if (frac != 0) {
        int digits = PCT_DIGITS;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        t[len++] = ',';
        for (int k = digits - 1; k >= 0; k--) {
            t[len + (size_t)k] = (char)('0' + (int)(frac % 10));
            frac /= 10;
        }
        len += (size_t)digits;
    }
    memcpy(t + len, " %", 2);
    len += 2;
    return emit(buf, n, t, len);
}
