/*
** test_money.c: unit tests for lang/money.c. Every case is a named row in a
** table, run with tcase_add_loop_test, so a failure names the row. Values are
** asserted exactly: an amount that is off by one öre is a failed test.
*/
#include <inttypes.h>
#include <string.h>

#include "money.h"
#include "suites.h"

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))
#define SENTINEL ((Money)777)

/* Raw bytes keep the blank kinds visible in the tables. */
#define NBSP "\xC2\xA0"          /* U+00A0 NO-BREAK SPACE: invisible, so written as bytes */
#define NNBSP "\xE2\x80\xAF"     /* U+202F NARROW NO-BREAK SPACE */

static const char *err_name(MoneyErr e)
{
    switch (e) {
    case MONEY_OK: return "OK";
    case MONEY_ERR_SYNTAX: return "SYNTAX";
    case MONEY_ERR_UNIT: return "UNIT";
    case MONEY_ERR_FRACTION: return "FRACTION";
    case MONEY_ERR_RANGE: return "RANGE";
    case MONEY_ERR_NEGATIVE: return "NEGATIVE";
    case MONEY_ERR_AMBIGUOUS: return "AMBIGUOUS";
    }
    return "?";
}

/* ---- money_add / money_sub / money_mul_int ---- */

typedef struct ArithRow {
    const char *name;
    char op;   /* '+', '-' or '*' */
    Money a;
    int64_t b;
    bool ok;
    Money want;
} ArithRow;

static const ArithRow arith_rows[] = {
    {"add simple", '+', 100, 250, true, 350},
    {"add negative", '+', -500, 300, true, -200},
    {"add up to max", '+', INT64_MAX - 1, 1, true, INT64_MAX},
    {"add max plus 1 ore", '+', INT64_MAX, 1, false, 0},
    {"add max plus max", '+', INT64_MAX, INT64_MAX, false, 0},
    {"add min minus 1 ore", '+', INT64_MIN, -1, false, 0},
    {"add min plus max", '+', INT64_MIN, INT64_MAX, true, -1},
    {"sub simple", '-', 350, 100, true, 250},
    {"sub below zero", '-', 100, 350, true, -250},
    {"sub min minus 1", '-', INT64_MIN, 1, false, 0},
    {"sub zero minus min", '-', 0, INT64_MIN, false, 0},
    {"sub minus1 minus min", '-', -1, INT64_MIN, true, INT64_MAX},
    {"sub max minus minus1", '-', INT64_MAX, -1, false, 0},
    {"mul simple", '*', 12, 100000, true, 1200000},
    {"mul by zero", '*', INT64_MAX, 0, true, 0},
    {"mul kr to ore edge", '*', 92233720368547758, 100, true,
     9223372036854775800},
    {"mul kr to ore overflow", '*', 92233720368547758, 101, false, 0},
    {"mul max times 2", '*', INT64_MAX, 2, false, 0},
    {"mul min times -1", '*', INT64_MIN, -1, false, 0},
    {"mul max times -1", '*', INT64_MAX, -1, true, -INT64_MAX},
    {"mul negative", '*', -3, 7, true, -21},
};

START_TEST(test_arith)
{
    const ArithRow *r = &arith_rows[_i];
    Money out = SENTINEL;
    bool ok = r->op == '+'   ? money_add(r->a, r->b, &out)
              : r->op == '-' ? money_sub(r->a, r->b, &out)
                             : money_mul_int(r->a, r->b, &out);
    ck_assert_msg(ok == r->ok, "%s: ok=%d, want %d", r->name, ok, r->ok);
    Money want = r->ok ? r->want : SENTINEL;   /* untouched on overflow */
    ck_assert_msg(out == want, "%s: got %" PRId64 ", want %" PRId64, r->name,
                  out, want);
}
END_TEST

/* ---- ratio_make ---- */

typedef struct MakeRow {
    const char *name;
    int64_t num, den;
    bool ok;
    int64_t want_num, want_den;
} MakeRow;

static const MakeRow make_rows[] = {
    {"reduces", 2, 4, true, 1, 2},
    {"already reduced", 3, 7, true, 3, 7},
    {"sign to numerator", 6, -4, true, -3, 2},
    {"two negatives", -6, -4, true, 3, 2},
    {"zero over five", 0, 5, true, 0, 1},
    {"zero over minus five", 0, -5, true, 0, 1},
    {"zero denominator", 5, 0, false, 0, 0},
    {"zero over zero", 0, 0, false, 0, 0},
    {"min over 1", INT64_MIN, 1, true, INT64_MIN, 1},
    {"min over -1 overflows", INT64_MIN, -1, false, 0, 0},
    {"min over 2", INT64_MIN, 2, true, INT64_MIN / 2, 1},
    {"min over min", INT64_MIN, INT64_MIN, true, 1, 1},
    {"1 over min overflows", 1, INT64_MIN, false, 0, 0},
    {"2 over min", 2, INT64_MIN, true, -1, INT64_C(4611686018427387904)},
    {"max over max", INT64_MAX, INT64_MAX, true, 1, 1},
    {"max over -1", INT64_MAX, -1, true, -INT64_MAX, 1},
    {"1 over -max", 1, -INT64_MAX, true, -1, INT64_MAX},
    {"percent 12,5", 125, 1000, true, 1, 8},
    {"percent 4", 4, 100, true, 1, 25},
};

START_TEST(test_ratio_make)
{
    const MakeRow *r = &make_rows[_i];
    Ratio out = {SENTINEL, SENTINEL};
    bool ok = ratio_make(r->num, r->den, &out);
    ck_assert_msg(ok == r->ok, "%s: ok=%d, want %d", r->name, ok, r->ok);
    int64_t wn = r->ok ? r->want_num : SENTINEL;
    int64_t wd = r->ok ? r->want_den : SENTINEL;
    ck_assert_msg(out.num == wn && out.den == wd,
                  "%s: got %" PRId64 "/%" PRId64 ", want %" PRId64 "/%" PRId64,
                  r->name, out.num, out.den, wn, wd);
}
END_TEST

/* ---- ratio_add / ratio_sub ---- */

typedef struct AddRow {
    const char *name;
    char op;   /* '+' or '-' */
    Ratio a, b;
    bool ok;
    Ratio want;
} AddRow;

#define P62 INT64_C(4611686018427387904)   /* 2^62 */

static const AddRow add_rows[] = {
    {"half plus third", '+', {1, 2}, {1, 3}, true, {5, 6}},
    {"reduces sum", '+', {1, 6}, {1, 3}, true, {1, 2}},
    {"negative plus positive", '+', {-1, 2}, {1, 3}, true, {-1, 6}},
    {"half minus half", '-', {1, 2}, {1, 2}, true, {0, 1}},
    {"third minus half", '-', {1, 3}, {1, 2}, true, {-1, 6}},
    {"max plus 1", '+', {INT64_MAX, 1}, {1, 1}, false, {0, 0}},
    {"min minus 1", '-', {INT64_MIN, 1}, {1, 1}, false, {0, 0}},
    {"min plus 1", '+', {INT64_MIN, 1}, {1, 1}, true, {INT64_MIN + 1, 1}},
    {"-max minus 1 is min", '-', {-INT64_MAX, 1}, {1, 1}, true,
     {INT64_MIN, 1}},
    {"coprime huge dens", '+', {1, INT64_MAX}, {1, INT64_MAX - 1}, false,
     {0, 0}},
    {"2^-62 twice", '+', {1, P62}, {1, P62}, true, {1, P62 / 2}},
    {"half max twice fits", '+', {INT64_MAX, 2}, {INT64_MAX, 2}, true,
     {INT64_MAX, 1}},
    {"zero denominator", '+', {1, 0}, {1, 2}, false, {0, 0}},
    {"negative denominator", '-', {1, 2}, {1, -2}, false, {0, 0}},
};

START_TEST(test_ratio_add)
{
    const AddRow *r = &add_rows[_i];
    Ratio out = {SENTINEL, SENTINEL};
    bool ok = r->op == '+' ? ratio_add(r->a, r->b, &out)
                           : ratio_sub(r->a, r->b, &out);
    ck_assert_msg(ok == r->ok, "%s: ok=%d, want %d", r->name, ok, r->ok);
    Ratio want = r->ok ? r->want : (Ratio){SENTINEL, SENTINEL};
    ck_assert_msg(out.num == want.num && out.den == want.den,
                  "%s: got %" PRId64 "/%" PRId64 ", want %" PRId64 "/%" PRId64,
                  r->name, out.num, out.den, want.num, want.den);
}
END_TEST

/* ---- ratio_cmp ---- */

typedef struct CmpRow {
    const char *name;
    Ratio a, b;
    int want;
} CmpRow;

static const CmpRow cmp_rows[] = {
    {"equal", {1, 3}, {1, 3}, 0},
    {"equal unreduced", {2, 4}, {1, 2}, 0},
    {"zeros", {0, 1}, {0, 7}, 0},
    {"third above 0,333333333", {1, 3}, {333333333, 1000000000}, 1},
    {"0,333333333 below third", {333333333, 1000000000}, {1, 3}, -1},
    {"12,5 % above 12 %", {1, 8}, {3, 25}, 1},
    {"negative below positive", {-1, 2}, {1, 3}, -1},
    {"negatives", {-1, 2}, {-1, 3}, -1},
    {"max vs max-1", {INT64_MAX, 1}, {INT64_MAX - 1, 1}, 1},
    {"min vs min", {INT64_MIN, 1}, {INT64_MIN, 1}, 0},
    {"min vs max", {INT64_MIN, 1}, {INT64_MAX, 1}, -1},
    /* 1 + 1/(max-1) < 1 + 1/(max-2): equal as doubles, not as fractions */
    {"close to one", {INT64_MAX, INT64_MAX - 1}, {INT64_MAX - 1, INT64_MAX - 2},
     -1},
    {"tiny difference", {1, INT64_MAX}, {1, INT64_MAX - 1}, -1},
};

START_TEST(test_ratio_cmp)
{
    const CmpRow *r = &cmp_rows[_i];
    int got = ratio_cmp(r->a, r->b);
    ck_assert_msg(got == r->want, "%s: got %d, want %d", r->name, got, r->want);
    int back = ratio_cmp(r->b, r->a);
    ck_assert_msg(back == -r->want, "%s (swapped): got %d, want %d", r->name,
                  back, -r->want);
}
END_TEST

/* ---- money_mul_ratio ---- */

typedef struct MulRow {
    const char *name;
    Money a;
    Ratio r;
    bool ok;
    Money whole;
    int64_t rem;
} MulRow;

static const MulRow mul_rows[] = {
    {"4 % of 113 204 825 kr", 11320482500, {1, 25}, true, 452819300, 0},
    {"1/3 of 100 ore", 100, {1, 3}, true, 33, 1},
    {"2/3 of 100 ore", 100, {2, 3}, true, 66, 2},
    {"12,5 % of 1 kr", 100, {1, 8}, true, 12, 4},
    {"1/3 of 35 MSEK", 3500000000, {1, 3}, true, 1166666666, 2},
    {"floor of negative amount", -100, {1, 3}, true, -34, 2},
    {"floor of negative ratio", 100, {-1, 3}, true, -34, 2},
    {"negative times negative", -100, {-1, 3}, true, 33, 1},
    {"negative exact", -100, {1, 4}, true, -25, 0},
    {"zero amount", 0, {7, 9}, true, 0, 0},
    {"zero ratio", 12345, {0, 1}, true, 0, 0},
    {"max times one", INT64_MAX, {1, 1}, true, INT64_MAX, 0},
    {"max times half", INT64_MAX, {1, 2}, true, INT64_MAX / 2, 1},
    {"max times (max-1)/max", INT64_MAX, {INT64_MAX - 1, INT64_MAX}, true,
     INT64_MAX - 1, 0},
    {"max times two", INT64_MAX, {2, 1}, false, 0, 0},
    {"max times 3/2", INT64_MAX, {3, 2}, false, 0, 0},
    {"min times one", INT64_MIN, {1, 1}, true, INT64_MIN, 0},
    {"min times half", INT64_MIN, {1, 2}, true, INT64_MIN / 2, 0},
    {"min times -1", INT64_MIN, {-1, 1}, false, 0, 0},
    {"max times -1", INT64_MAX, {-1, 1}, true, -INT64_MAX, 0},
    {"zero denominator", 100, {1, 0}, false, 0, 0},
};

START_TEST(test_mul_ratio)
{
    const MulRow *r = &mul_rows[_i];
    Money whole = SENTINEL;
    int64_t rem = SENTINEL;
    bool ok = money_mul_ratio(r->a, r->r, &whole, &rem);
    ck_assert_msg(ok == r->ok, "%s: ok=%d, want %d", r->name, ok, r->ok);
    Money ww = r->ok ? r->whole : SENTINEL;
    int64_t wr = r->ok ? r->rem : SENTINEL;
    ck_assert_msg(whole == ww && rem == wr,
                  "%s: got %" PRId64 " rem %" PRId64 ", want %" PRId64
                  " rem %" PRId64,
                  r->name, whole, rem, ww, wr);
}
END_TEST

/* ---- money_parse ---- */

typedef struct ParseRow {
    const char *name;
    const char *in;
    size_t len;   /* 0: strlen(in) */
    bool bare;
    MoneyErr err;
    Money want;                  /* when err == MONEY_OK */
    size_t ustart, ulen;         /* when OK or MONEY_ERR_UNIT */
} ParseRow;

static const ParseRow parse_rows[] = {
    /* how policy staff write amounts */
    {"grouped kr", "35 000 000 kr", 0, false, MONEY_OK, 3500000000, 11, 2},
    {"MSEK", "35 MSEK", 0, false, MONEY_OK, 3500000000, 3, 4},
    {"kronor", "4 528 193 kronor", 0, false, MONEY_OK, 452819300, 10, 6},
    {"decimal MSEK", "1,5 MSEK", 0, false, MONEY_OK, 150000000, 4, 4},
    {"bare allowed", "1500000", 0, true, MONEY_OK, 150000000, 7, 0},
    {"ore decimals", "1 500 000,50 kr", 0, false, MONEY_OK, 150000050, 13, 2},
    {"tkr", "12 tkr", 0, false, MONEY_OK, 1200000, 3, 3},
    {"half krona", "0,5 kr", 0, false, MONEY_OK, 50, 4, 2},
    {"ore", "50 öre", 0, false, MONEY_OK, 50, 3, 4},
    {"one kr", "1 kr", 0, false, MONEY_OK, 100, 2, 2},
    {"krona", "1 krona", 0, false, MONEY_OK, 100, 2, 5},
    {"miljoner kronor", "1,5 miljoner kronor", 0, false, MONEY_OK, 150000000,
     4, 15},
    {"miljoner kr", "2 miljoner kr", 0, false, MONEY_OK, 200000000, 2, 11},
    {"miljon kronor", "1 miljon kronor", 0, false, MONEY_OK, 100000000, 2, 13},
    {"miljon kr", "1 miljon kr", 0, false, MONEY_OK, 100000000, 2, 9},
    {"miljoner", "2 miljoner", 0, false, MONEY_OK, 200000000, 2, 8},
    {"miljon", "1 miljon", 0, false, MONEY_OK, 100000000, 2, 6},
    {"two blanks inside unit", "2 miljoner  kronor", 0, false, MONEY_OK,
     200000000, 2, 16},
    {"colon dash", "100:-", 0, false, MONEY_OK, 10000, 3, 2},
    {"colon dash spaced", "100 :-", 0, false, MONEY_OK, 10000, 4, 2},
    {"SEK", "5 SEK", 0, false, MONEY_OK, 500, 2, 3},
    {"TSEK", "5 TSEK", 0, false, MONEY_OK, 500000, 2, 4},
    {"mnkr", "3 mnkr", 0, false, MONEY_OK, 300000000, 2, 4},
    {"Mkr", "3 Mkr", 0, false, MONEY_OK, 300000000, 2, 3},
    /* ASCII case-insensitive units */
    {"Kr", "35 Kr", 0, false, MONEY_OK, 3500, 3, 2},
    {"KR", "35 KR", 0, false, MONEY_OK, 3500, 3, 2},
    {"sek", "5 sek", 0, false, MONEY_OK, 500, 2, 3},
    {"msek", "35 msek", 0, false, MONEY_OK, 3500000000, 3, 4},
    {"Msek", "35 Msek", 0, false, MONEY_OK, 3500000000, 3, 4},
    {"TKR", "12 TKR", 0, false, MONEY_OK, 1200000, 3, 3},
    {"tsek", "5 tsek", 0, false, MONEY_OK, 500000, 2, 4},
    {"MNKR", "3 MNKR", 0, false, MONEY_OK, 300000000, 2, 4},
    {"mkr", "3 mkr", 0, false, MONEY_OK, 300000000, 2, 3},
    /* blanks */
    {"NBSP groups", "35" NBSP "000" NBSP "000 kr", 0, false, MONEY_OK,
     3500000000, 13, 2},
    {"NNBSP groups", "35" NNBSP "000 kr", 0, false, MONEY_OK, 3500000, 9, 2},
    {"NBSP before unit", "35" NBSP "MSEK", 0, false, MONEY_OK, 3500000000, 4,
     4},
    {"no blank before unit", "35MSEK", 0, false, MONEY_OK, 3500000000, 2, 4},
    {"no blank decimal", "1,5kr", 0, false, MONEY_OK, 150, 3, 2},
    {"several blanks before unit", "35   kr", 0, false, MONEY_OK, 3500, 5, 2},
    {"tab before unit", "35\tkr", 0, false, MONEY_OK, 3500, 3, 2},
    {"trimmed", "  35 kr  ", 0, false, MONEY_OK, 3500, 5, 2},
    {"trailing NBSP trimmed", "35 kr" NBSP, 0, false, MONEY_OK, 3500, 3, 2},
    {"len respected", "35 kr garbage", 5, false, MONEY_OK, 3500, 3, 2},
    /* numbers */
    {"point decimal", "1.5 kr", 0, false, MONEY_OK, 150, 4, 2},
    {"zero", "0 kr", 0, false, MONEY_OK, 0, 2, 2},
    {"zero with decimals", "0,000 kr", 0, false, MONEY_OK, 0, 6, 2},
    {"tenth", "0,10 kr", 0, false, MONEY_OK, 10, 5, 2},
    {"leading zeros", "007 kr", 0, false, MONEY_OK, 700, 4, 2},
    {"plain long run", "1500000 kr", 0, false, MONEY_OK, 150000000, 8, 2},
    {"0,123 MSEK", "0,123 MSEK", 0, false, MONEY_OK, 12300000, 6, 4},
    {"1 ore in MSEK", "0,00000001 MSEK", 0, false, MONEY_OK, 1, 11, 4},
    {"1,001 tkr", "1,001 tkr", 0, false, MONEY_OK, 100100, 6, 3},
    {"many trailing zeros",
     "1,50000000000000000000000000000000000000000000000 kr", 0, false,
     MONEY_OK, 150, 50, 2},
    {"bare with decimals", "1,5", 0, true, MONEY_OK, 150, 3, 0},
    {"bare ignored with unit", "5 tkr", 0, true, MONEY_OK, 500000, 2, 3},
    /* range */
    {"max in kr", "92 233 720 368 547 758,07 kr", 0, false, MONEY_OK,
     INT64_MAX, 26, 2},
    {"max in ore", "9223372036854775807 öre", 0, false, MONEY_OK,
     INT64_MAX, 20, 4},
    {"max plus 1 ore in kr", "92 233 720 368 547 758,08 kr", 0, false,
     MONEY_ERR_RANGE, 0, 0, 0},
    {"max plus 1 ore", "9223372036854775808 öre", 0, false,
     MONEY_ERR_RANGE, 0, 0, 0},
    {"10^17 kr", "100 000 000 000 000 000 kr", 0, false, MONEY_ERR_RANGE, 0, 0,
     0},
    {"largest MSEK", "92233720368 MSEK", 0, false, MONEY_OK,
     9223372036800000000, 12, 4},
    {"MSEK overflow", "92233720369 MSEK", 0, false, MONEY_ERR_RANGE, 0, 0, 0},
    {"50 digits", "100000000000000000000000000000000000000000000000000 kr", 0,
     false, MONEY_ERR_RANGE, 0, 0, 0},
    /* fraction */
    {"1/10 ore", "0,001 kr", 0, false, MONEY_ERR_FRACTION, 0, 0, 0},
    {"half ore", "1,5 öre", 0, false, MONEY_ERR_FRACTION, 0, 0, 0},
    {"1/10 ore in MSEK", "0,000000001 MSEK", 0, false, MONEY_ERR_FRACTION, 0,
     0, 0},
    {"too precise MSEK", "0,123456789 MSEK", 0, false, MONEY_ERR_FRACTION, 0,
     0, 0},
    {"too precise tkr", "1,000001 tkr", 0, false, MONEY_ERR_FRACTION, 0, 0, 0},
    {"bare fraction", "0,001", 0, true, MONEY_ERR_FRACTION, 0, 0, 0},
    {"huge and fractional",
     "100000000000000000000000000000000000000000000000000,5 öre", 0,
     false, MONEY_ERR_FRACTION, 0, 0, 0},
    /* units */
    {"bare not allowed", "1500000", 0, false, MONEY_ERR_UNIT, 0, 7, 0},
    {"bare not allowed trimmed", " 1500000  ", 0, false, MONEY_ERR_UNIT, 0, 8,
     0},
    {"MSEKK", "35 MSEKK", 0, false, MONEY_ERR_UNIT, 0, 3, 5},
    {"MSEKK trimmed", "  35 MSEKK  ", 0, false, MONEY_ERR_UNIT, 0, 5, 5},
    {"dollar", "35 dollar", 0, false, MONEY_ERR_UNIT, 0, 3, 6},
    {"glued unknown", "35x", 0, false, MONEY_ERR_UNIT, 0, 2, 1},
    {"two words unknown", "35 miljoner dollar", 0, false, MONEY_ERR_UNIT, 0, 3,
     15},
    {"trailing word", "5 kr extra", 0, false, MONEY_ERR_UNIT, 0, 2, 8},
    {"KRONOR folded", "12 KRONOR", 0, false, MONEY_OK, 1200, 3, 6},
    {"Miljoner folded", "2 Miljoner", 0, false, MONEY_OK, 200000000, 2, 8},
    {"ORE not folded", "5 ÖRE", 0, false, MONEY_ERR_UNIT, 0, 2, 4},
    {"percent is no unit", "5 %", 0, false, MONEY_ERR_UNIT, 0, 2, 1},
    /* negative */
    {"minus", "-5 kr", 0, false, MONEY_ERR_NEGATIVE, 0, 0, 0},
    {"minus after blanks", "  -5 kr", 0, false, MONEY_ERR_NEGATIVE, 0, 0, 0},
    {"minus sign U+2212", "−5 kr", 0, false, MONEY_ERR_NEGATIVE,
     0, 0, 0},
    {"minus bare", "-1500000", 0, true, MONEY_ERR_NEGATIVE, 0, 0, 0},
    /* syntax */
    {"empty", "", 0, true, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"only blanks", "   ", 0, true, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"unit only", "kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"short middle group", "1 50 000 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"long first group", "1500 000 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"long later group", "1 5000 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"stray last group", "1 000 000 2 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"double blank in number", "1  000 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0,
     0},
    {"two decimal separators", "4,5,6", 0, true, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"two decimal separators kr", "4,5,6 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0,
     0},
    {"dots as groups", "1.500.000 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    /* thousands or decimals? refused, never read as 450 kr */
    {"dot thousands kr", "450.000 kr", 0, false, MONEY_ERR_AMBIGUOUS, 0, 0, 0},
    {"dot thousands bare", "450.000", 0, true, MONEY_ERR_AMBIGUOUS, 0, 0, 0},
    {"dot thousands one digit", "1.500", 0, true, MONEY_ERR_AMBIGUOUS, 0, 0, 0},
    {"dot thousands MSEK", "1.500 MSEK", 0, false, MONEY_ERR_AMBIGUOUS, 0, 0, 0},
    {"comma thousands kr", "450,000 kr", 0, false, MONEY_ERR_AMBIGUOUS, 0, 0, 0},
    {"comma thousands bare", "450,125", 0, true, MONEY_ERR_AMBIGUOUS, 0, 0, 0},
    {"comma fraction of MSEK", "1,500 MSEK", 0, false, MONEY_OK, 150000000, 6, 4},
    {"dot two decimals", "450.50 kr", 0, false, MONEY_OK, 45050, 7, 2},
    {"dot one decimal", "450.5", 0, true, MONEY_OK, 45050, 5, 0},
    {"dot four digits lead", "1234.500", 0, true, MONEY_OK, 123450, 8, 0},
    {"dot after group", "1 234.500", 0, true, MONEY_OK, 123450, 9, 0},
    {"dot after zero", "0.500 MSEK", 0, false, MONEY_OK, 50000000, 6, 4},
    {"comma without digits", "1, kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"point at end", "1.", 0, true, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"no integer part", ",5 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"grouped fraction", "1,5 000 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"plus sign", "+5 kr", 0, false, MONEY_ERR_SYNTAX, 0, 0, 0},
    {"len cuts inside", "35 kr", 1, false, MONEY_ERR_UNIT, 0, 1, 0},
};

START_TEST(test_money_parse)
{
    const ParseRow *r = &parse_rows[_i];
    size_t len = r->len != 0 ? r->len : strlen(r->in);
    Money out = SENTINEL;
    size_t us = 999, ul = 999;
    MoneyErr err = money_parse(r->in, len, r->bare, &out, &us, &ul);
    ck_assert_msg(err == r->err, "%s: \"%s\" gave %s, want %s", r->name, r->in,
                  err_name(err), err_name(r->err));
    Money want = r->err == MONEY_OK ? r->want : SENTINEL;
    ck_assert_msg(out == want, "%s: got %" PRId64 " ore, want %" PRId64,
                  r->name, out, want);
    if (r->err == MONEY_OK || r->err == MONEY_ERR_UNIT) {
        ck_assert_msg(us == r->ustart && ul == r->ulen,
                      "%s: unit at %zu+%zu, want %zu+%zu", r->name, us, ul,
                      r->ustart, r->ulen);
    }
}
END_TEST

/* The unit outputs are optional, and NULL text is just empty. */
START_TEST(test_money_parse_null)
{
    Money out = SENTINEL;
    ck_assert_int_eq(money_parse("35 MSEK", 7, false, &out, NULL, NULL),
                     MONEY_OK);
    ck_assert(out == 3500000000);
    ck_assert_int_eq(money_parse("35 MSEKK", 8, false, &out, NULL, NULL),
                     MONEY_ERR_UNIT);
    ck_assert_int_eq(money_parse(NULL, 0, true, &out, NULL, NULL),
                     MONEY_ERR_SYNTAX);
    ck_assert(out == 3500000000);
}
END_TEST

/* ---- decimal_parse and percent_parse ---- */

typedef struct ShareRow {
    const char *name;
    const char *in;
    MoneyErr err;
    int64_t num, den;
} ShareRow;

static const ShareRow decimal_rows[] = {
    {"12,5", "12,5", MONEY_OK, 25, 2},
    {"integer", "4", MONEY_OK, 4, 1},
    {"grouped", "1 000", MONEY_OK, 1000, 1},
    {"NBSP grouped", "1" NBSP "000" NBSP "000", MONEY_OK, 1000000, 1},
    {"eighth", "0,125", MONEY_OK, 1, 8},
    {"point", "1.25", MONEY_OK, 5, 4},
    {"leading zeros", "00,50", MONEY_OK, 1, 2},
    {"zero", "0", MONEY_OK, 0, 1},
    {"trimmed", "  7  ", MONEY_OK, 7, 1},
    {"max", "9223372036854775807", MONEY_OK, INT64_MAX, 1},
    {"18 decimals", "0,000000000000000001", MONEY_OK, 1,
     INT64_C(1000000000000000000)},
    {"trailing zeros",
     "1,000000000000000000000000000000000000000000000000", MONEY_OK, 1, 1},
    {"two decimal separators", "4,5,6", MONEY_ERR_SYNTAX, 0, 0},
    {"empty", "", MONEY_ERR_SYNTAX, 0, 0},
    {"unit after", "4 kr", MONEY_ERR_SYNTAX, 0, 0},
    {"percent after", "4 %", MONEY_ERR_SYNTAX, 0, 0},
    {"bad group", "1 0", MONEY_ERR_SYNTAX, 0, 0},
    {"comma only", "4,", MONEY_ERR_SYNTAX, 0, 0},
    {"minus", "-4", MONEY_ERR_NEGATIVE, 0, 0},
    {"max plus one", "9223372036854775808", MONEY_ERR_RANGE, 0, 0},
    {"20 digits", "12345678901234567890", MONEY_ERR_RANGE, 0, 0},
    {"19 decimals", "0,0000000000000000001", MONEY_ERR_RANGE, 0, 0},
    {"5e-20", "0,00000000000000000005", MONEY_ERR_RANGE, 0, 0},
    {"40 decimals", "0,0000000000000000000000000000000000000001",
     MONEY_ERR_RANGE, 0, 0},
    {"50 digits", "10000000000000000000000000000000000000000000000000",
     MONEY_ERR_RANGE, 0, 0},
};

static const ShareRow percent_rows[] = {
    {"12,5 %", "12,5 %", MONEY_OK, 1, 8},
    {"12,5%", "12,5%", MONEY_OK, 1, 8},
    {"4 %", "4 %", MONEY_OK, 1, 25},
    {"4 procent", "4 procent", MONEY_OK, 1, 25},
    {"100 %", "100 %", MONEY_OK, 1, 1},
    {"250 %", "250 %", MONEY_OK, 5, 2},
    {"0 %", "0 %", MONEY_OK, 0, 1},
    {"0,5 %", "0,5 %", MONEY_OK, 1, 200},
    {"33,3 %", "33,3 %", MONEY_OK, 333, 1000},
    {"NBSP before %", "4" NBSP "%", MONEY_OK, 1, 25},
    {"trimmed", "  4 %  ", MONEY_OK, 1, 25},
    {"missing %", "4", MONEY_ERR_SYNTAX, 0, 0},
    {"kr instead of %", "4 kr", MONEY_ERR_SYNTAX, 0, 0},
    {"only %", "%", MONEY_ERR_SYNTAX, 0, 0},
    {"empty", "", MONEY_ERR_SYNTAX, 0, 0},
    {"double %", "4 %%", MONEY_ERR_SYNTAX, 0, 0},
    {"Procent not folded", "4 Procent", MONEY_ERR_SYNTAX, 0, 0},
    {"bad number", "4,5,6 %", MONEY_ERR_SYNTAX, 0, 0},
    {"minus", "-4 %", MONEY_ERR_NEGATIVE, 0, 0},
    {"20 digits fit after /100", "12345678901234567890 %", MONEY_OK,
     INT64_C(1234567890123456789), 10},
    {"max as percent", "922 337 203 685 477 580 700 %", MONEY_OK, INT64_MAX,
     1},
    {"max plus 1 as percent", "922 337 203 685 477 580 800 %",
     MONEY_ERR_RANGE, 0, 0},
    {"22 digits", "1234567890123456789012 %", MONEY_ERR_RANGE, 0, 0},
    {"17 decimals", "0,00000000000000001 %", MONEY_ERR_RANGE, 0, 0},
};

static void check_share(const ShareRow *r, MoneyErr err, Ratio out)
{
    ck_assert_msg(err == r->err, "%s: \"%s\" gave %s, want %s", r->name, r->in,
                  err_name(err), err_name(r->err));
    int64_t wn = r->err == MONEY_OK ? r->num : SENTINEL;
    int64_t wd = r->err == MONEY_OK ? r->den : SENTINEL;
    ck_assert_msg(out.num == wn && out.den == wd,
                  "%s: got %" PRId64 "/%" PRId64 ", want %" PRId64 "/%" PRId64,
                  r->name, out.num, out.den, wn, wd);
}

START_TEST(test_decimal_parse)
{
    const ShareRow *r = &decimal_rows[_i];
    Ratio out = {SENTINEL, SENTINEL};
    MoneyErr err = decimal_parse(r->in, strlen(r->in), &out);
    check_share(r, err, out);
}
END_TEST

START_TEST(test_percent_parse)
{
    const ShareRow *r = &percent_rows[_i];
    Ratio out = {SENTINEL, SENTINEL};
    MoneyErr err = percent_parse(r->in, strlen(r->in), &out);
    check_share(r, err, out);
}
END_TEST

/* ---- money_format ---- */

typedef struct FormatRow {
    const char *name;
    Money m;
    const char *want;
} FormatRow;

static const FormatRow format_rows[] = {
    {"35 million", 3500000000, "35 000 000 kr"},
    {"kr and ore", 150, "1,50 kr"},
    {"only ore", 5, "0,05 kr"},
    {"ten ore", 10, "0,10 kr"},
    {"negative", -1200, "-12 kr"},
    {"negative ore", -5, "-0,05 kr"},
    {"zero", 0, "0 kr"},
    {"thousand", 100000, "1 000 kr"},
    {"below thousand", 99999, "999,99 kr"},
    {"thousand and ore", 150050, "1 500,50 kr"},
    {"4 528 193", 452819300, "4 528 193 kr"},
    {"max", INT64_MAX, "92 233 720 368 547 758,07 kr"},
    {"min", INT64_MIN, "-92 233 720 368 547 758,08 kr"},
};

START_TEST(test_money_format)
{
    const FormatRow *r = &format_rows[_i];
    char buf[40];   /* the size money.h promises is always enough */
    char *got = money_format(r->m, buf, sizeof buf);
    ck_assert_msg(got == buf, "%s: did not return buf", r->name);
    ck_assert_msg(strcmp(buf, r->want) == 0, "%s: got \"%s\", want \"%s\"",
                  r->name, buf, r->want);
}
END_TEST

/* int_format: the grouping of money_format, without the unit; every width
** around a group boundary, 0, negative numbers and both ends of int64. */
START_TEST(test_int_format)
{
    static const struct { int64_t v; const char *want; } rows[] = {
        {0, "0"},
        {7, "7"},
        {999, "999"},
        {1000, "1 000"},
        {-1000, "-1 000"},
        {-999, "-999"},
        {258494, "258 494"},
        {1234567, "1 234 567"},
        {INT64_MAX, "9 223 372 036 854 775 807"},
        {INT64_MIN, "-9 223 372 036 854 775 808"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char buf[32];   /* the size money.h promises is always enough */
        ck_assert_str_eq(int_format(rows[i].v, buf, sizeof buf), rows[i].want);
    }
}
END_TEST

/* ---- percent_format ---- */

typedef struct PctRow {
    const char *name;
    Ratio r;
    const char *want;
} PctRow;

static const PctRow pct_rows[] = {
    {"4 %", {1, 25}, "4 %"},
    {"12,5 %", {1, 8}, "12,5 %"},
    {"6,25 %", {1, 16}, "6,25 %"},
    {"third", {1, 3}, "≈33,333333 %"},
    {"two thirds rounds up", {2, 3}, "≈66,666667 %"},
    {"sixth", {1, 6}, "≈16,666667 %"},
    {"seventh", {1, 7}, "≈14,285714 %"},
    {"zero", {0, 1}, "0 %"},
    {"whole", {1, 1}, "100 %"},
    {"250 %", {5, 2}, "250 %"},
    {"grouped", {10, 1}, "1 000 %"},
    {"negative", {-1, 8}, "-12,5 %"},
    {"negative third", {-2, 3}, "≈-66,666667 %"},
    {"half percent", {1, 200}, "0,5 %"},
    {"six decimals exact", {1, 100000000}, "0,000001 %"},
    {"half rounds up", {1, 200000000}, "≈0,000001 %"},
    {"1,5e-6 rounds up", {3, 200000000}, "≈0,000002 %"},
    {"just below half", {49, 10000000000}, "≈0 %"},
    {"rounds to zero", {1, 300000000}, "≈0 %"},
    {"negative rounds to zero", {-1, 300000000}, "≈0 %"},
    {"max", {INT64_MAX, 1}, "922 337 203 685 477 580 700 %"},
    {"min", {INT64_MIN, 1}, "-922 337 203 685 477 580 800 %"},
    {"one over max", {1, INT64_MAX}, "≈0 %"},
    {"min over max", {INT64_MIN, INT64_MAX}, "≈-100 %"},
    {"zero denominator", {1, 0}, "? %"},
};

START_TEST(test_percent_format)
{
    const PctRow *r = &pct_rows[_i];
    char buf[48];   /* the size money.h promises is always enough */
    char *got = percent_format(r->r, buf, sizeof buf);
    ck_assert_msg(got == buf, "%s: did not return buf", r->name);
    ck_assert_msg(strcmp(buf, r->want) == 0, "%s: got \"%s\", want \"%s\"",
                  r->name, buf, r->want);
}
END_TEST

/* ---- truncation to short buffers ---- */

typedef struct TruncRow {
    const char *name;
    bool pct;     /* percent_format of r, else money_format of m */
    Money m;
    Ratio r;
    size_t n;
    const char *want;   /* NULL: buffer must be left untouched */
} TruncRow;

static const TruncRow trunc_rows[] = {
    {"money n=0", false, 3500000000, {0, 1}, 0, NULL},
    {"money n=1", false, 3500000000, {0, 1}, 1, ""},
    {"money n=4", false, 3500000000, {0, 1}, 4, "35 "},
    {"money one short", false, 3500000000, {0, 1}, 13, "35 000 000 k"},
    {"money exact fit", false, 3500000000, {0, 1}, 14, "35 000 000 kr"},
    {"money min in 30", false, INT64_MIN, {0, 1}, 30,
     "-92 233 720 368 547 758,08 kr"},
    {"percent n=0", true, 0, {1, 3}, 0, NULL},
    {"percent n=1", true, 0, {1, 3}, 1, ""},
    /* never half of the three bytes of "≈" */
    {"percent inside sign 1", true, 0, {1, 3}, 2, ""},
    {"percent inside sign 2", true, 0, {1, 3}, 3, ""},
    {"percent after sign", true, 0, {1, 3}, 4, "≈"},
    {"percent one digit", true, 0, {1, 3}, 5, "≈3"},
    {"percent exact fit", true, 0, {1, 8}, 7, "12,5 %"},
};

START_TEST(test_truncate)
{
    const TruncRow *r = &trunc_rows[_i];
    char buf[48];
    memset(buf, 'X', sizeof buf);
    char *got = r->pct ? percent_format(r->r, buf, r->n)
                       : money_format(r->m, buf, r->n);
    ck_assert_msg(got == buf, "%s: did not return buf", r->name);
    if (r->want == NULL) {
        ck_assert_msg(buf[0] == 'X', "%s: wrote into a 0-byte buffer",
                      r->name);
        return;
    }
    ck_assert_msg(strcmp(buf, r->want) == 0, "%s: got \"%s\", want \"%s\"",
                  r->name, buf, r->want);
    ck_assert_msg(buf[r->n] == 'X', "%s: wrote past n", r->name);
}
END_TEST

/* Parsing what money_format wrote gives the amount back. */
static const Money round_rows[] = {
    0, 1, 5, 99, 100, 150, 99999, 150050, 452819300, 3500000000, INT64_MAX,
};

START_TEST(test_round_trip)
{
    Money m = round_rows[_i];
    char buf[40];
    money_format(m, buf, sizeof buf);
    Money back = SENTINEL;
    MoneyErr err = money_parse(buf, strlen(buf), false, &back, NULL, NULL);
    ck_assert_msg(err == MONEY_OK && back == m,
                  "round trip of %" PRId64 ": \"%s\" gave %s %" PRId64, m, buf,
                  err_name(err), back);
}
END_TEST

static void add_loop(Suite *s, const char *name, const TTest *fn, int n)
{
    TCase *tc = tcase_create(name);
    tcase_add_loop_test(tc, fn, 0, n);
    suite_add_tcase(s, tc);
}

Suite *make_money_suite(void)
{
    Suite *s = suite_create("money");
    add_loop(s, "arith", test_arith, N_ROWS(arith_rows));
    add_loop(s, "ratio_make", test_ratio_make, N_ROWS(make_rows));
    add_loop(s, "ratio_add", test_ratio_add, N_ROWS(add_rows));
    add_loop(s, "ratio_cmp", test_ratio_cmp, N_ROWS(cmp_rows));
    add_loop(s, "mul_ratio", test_mul_ratio, N_ROWS(mul_rows));
    add_loop(s, "money_parse", test_money_parse, N_ROWS(parse_rows));
    add_loop(s, "decimal_parse", test_decimal_parse, N_ROWS(decimal_rows));
    add_loop(s, "percent_parse", test_percent_parse, N_ROWS(percent_rows));
    add_loop(s, "money_format", test_money_format, N_ROWS(format_rows));
    add_loop(s, "int_format", test_int_format, 1);
    add_loop(s, "percent_format", test_percent_format, N_ROWS(pct_rows));
    add_loop(s, "truncate", test_truncate, N_ROWS(trunc_rows));
    add_loop(s, "round_trip", test_round_trip, N_ROWS(round_rows));

    TCase *tc = tcase_create("parse_null");
    tcase_add_test(tc, test_money_parse_null);
    suite_add_tcase(s, tc);
    return s;
}
