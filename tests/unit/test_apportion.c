/*
** test_apportion.c: unit tests for runtime/apportion.c. Every case is a named
** row, run with tcase_add_loop_test, so a failure names the row; amounts are
** asserted exactly, to the öre.
**
** Expected values come from textbooks, from real elections and from Python
** with fractions.Fraction (the command is given next to the numbers). The
** test also carries its own reference implementation, deliberately the
** naive one: hand out the units one at a time to the highest average (raw
** divisors 1, 2, 3 … or f, 3, 5 …, compared by exact cross-multiplication
** in 192 bits),
** or for the largest remainder method one leftover unit at a time to the
** largest remainder. It is only usable for small unit counts; for large
** ones the tests check the defining inequality of a divisor method instead:
** the last unit each party got is worth at least as much as the next unit of
** any other party (ties by weight, then index).
*/
#include <inttypes.h>
#include <stdio.h>

#include "apportion.h"
#include "suites.h"

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))
#define SENTINEL ((Money)777)
#define MAX_N 40
#define KR(x) ((Money)(x) * 100)

#define LR APPORTION_LARGEST_REMAINDER
#define DH APPORTION_DHONDT
#define SL APPORTION_SAINTE_LAGUE

/* First divisors, as initializers (tables need constant expressions). */
#define PURE {1, 1}
#define SWE12 {6, 5}   /* 1,2: Swedish elections since 2018 */
#define SWE14 {7, 5}   /* 1,4: Swedish elections until 2014 */

static const char *method_name(Apportion m)
{
    switch (m) {
    case APPORTION_LARGEST_REMAINDER: return "largest remainder";
    case APPORTION_DHONDT: return "D'Hondt";
    case APPORTION_SAINTE_LAGUE: return "Sainte-Laguë";
    }
    return "?";
}

/* ---- the naive references ---- */

/* Divisor of the k-th unit (k = 0, 1, …), scaled by den so it is an integer:
** D'Hondt k+1; Sainte-Laguë num for k = 0, (2k+1)*den after (< 2^127).
** `envelope` gives the running maximum max(num, (2k+1)*den) instead, the
** monotone form for first divisors above 3 (see apportion.c). */
static u128 scaled_divisor(Apportion m, Ratio f, int64_t k, bool envelope)
{
    if (m == DH)
        return (u128)k + 1;
    if (k == 0)
        return (u128)f.num;
    u128 d = (2 * (u128)k + 1) * (u128)f.den;
    return envelope && d < (u128)f.num ? (u128)f.num : d;
}

/* w * d for w < 2^63 and d < 2^128, exactly, as hi * 2^64 + lo: schoolbook
** multiplication in 64-bit limbs, so the reference needs no overflow
** reasoning (apportion.c compares differently, by continued fractions). */
typedef struct Wide {
    u128 hi;
    uint64_t lo;
} Wide;

static Wide wide_mul(int64_t w, u128 d)
{
    u128 low = (u128)(uint64_t)w * (uint64_t)d;
    u128 high = (u128)(uint64_t)w * (uint64_t)(d >> 64);
    return (Wide){high + (low >> 64), (uint64_t)low};
}

static int wide_cmp(Wide a, Wide b)
{
    if (a.hi != b.hi)
        return a.hi > b.hi ? 1 : -1;
    return (a.lo > b.lo) - (a.lo < b.lo);
}

/* Does unit k of party i come before unit l of party j: the higher average
** w/d, then the larger weight, then the lower index. */
static bool unit_before(const int64_t *w, Apportion m, Ratio f, size_t i, int64_t k, size_t j, int64_t l,
                        bool envelope)
{
    int c = wide_cmp(wide_mul(w[i], scaled_divisor(m, f, l, envelope)),
                     wide_mul(w[j], scaled_divisor(m, f, k, envelope)));
    if (c != 0)
        return c > 0;
    if (w[i] != w[j])
        return w[i] > w[j];
    return i < j;
}

/* One unit at a time, O(S*n): the definition of the highest-averages
** methods. Returns seats (units), not öre. */
static void naive_highest_averages(const int64_t *w, size_t n, int64_t S, Apportion m, Ratio f, int64_t *seats)
{
    for (size_t i = 0; i < n; i++)
        seats[i] = 0;
    for (int64_t u = 0; u < S; u++) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (w[i] > 0 && (best == n || unit_before(w, m, f, i, seats[i], best, seats[best], false)))
                best = i;
        }
        seats[best]++;
    }
}

/* Floor of the quotas, then the leftover units one at a time to the largest
** remaining remainder. */
static void naive_largest_remainder(const int64_t *w, size_t n, int64_t S, int64_t *seats)
{
    i128 W = 0, given = 0;
    i128 rem[MAX_N];
    bool bumped[MAX_N];
    for (size_t i = 0; i < n; i++)
        W += w[i];
    for (size_t i = 0; i < n; i++) {
        seats[i] = (int64_t)((i128)S * w[i] / W);
        rem[i] = (i128)S * w[i] % W;
        bumped[i] = false;
        given += seats[i];
    }
    for (; given < S; given++) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (w[i] == 0 || bumped[i])
                continue;
            if (best == n || rem[i] > rem[best] || (rem[i] == rem[best] && w[i] > w[best]))
                best = i;   /* equal remainder and weight: the lower index stays */
        }
        bumped[best] = true;
        seats[best]++;
    }
}

/* The divisor-method condition on a result with sum S: for every party i
** holding units and every other party j, i's last unit comes before j's
** next one (with the envelope divisors, which equal the raw ones for
** D'Hondt and for first divisors up to 3). Returns the offending pair. */
static bool is_divisor_result(const int64_t *w, size_t n, const int64_t *seats, Apportion m, Ratio f,
                              size_t *bad_i, size_t *bad_j)
{
    for (size_t i = 0; i < n; i++) {
        if (w[i] == 0 || seats[i] == 0)
            continue;
        for (size_t j = 0; j < n; j++) {
            if (j == i || w[j] == 0)
                continue;
            if (!unit_before(w, m, f, i, seats[i] - 1, j, seats[j], true)) {
                *bad_i = i;
                *bad_j = j;
                return false;
            }
        }
    }
    return true;
}

/* Checks what holds for every successful call: parts + leftover == total,
** parts are non-negative whole units, weight 0 gets 0, and the leftover is
** total mod unit (all of total when nothing could be divided). */
static void check_invariants(const char *name, Money total, Money unit, const int64_t *w, size_t n,
                             const Money *parts, Money leftover)
{
    i128 sum = leftover;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(parts[i] >= 0 && parts[i] % unit == 0,
                      "%s: part %zu = %" PRId64 " is not a whole number of units of %" PRId64, name, i, parts[i],
                      unit);
        ck_assert_msg(w[i] > 0 || parts[i] == 0, "%s: party %zu has weight 0 but got %" PRId64, name, i,
                      parts[i]);
        sum += parts[i];
        any = any || w[i] > 0;
    }
    ck_assert_msg(sum == total, "%s: parts + leftover != total %" PRId64, name, total);
    Money want_left = any ? total % unit : total;
    ck_assert_msg(leftover == want_left, "%s: leftover %" PRId64 ", want %" PRId64, name, leftover, want_left);
}

/* ---- table rows with exact outcomes ---- */

typedef struct Row {
    const char *name;
    Apportion method;
    Ratio first;
    Money total, unit;
    size_t n;
    int64_t w[MAX_N];
    bool ok;
    Money want[MAX_N];   /* öre */
    Money leftover;
} Row;

/* Riksdagsvalet 2018, votes for the parties over the 4 % threshold (S, M,
** SD, C, V, KD, L, MP; Valmyndigheten). The 349 seats were in fact
** distributed 100, 70, 62, 31, 28, 22, 20, 16 (modified Sainte-Laguë, 1,2). */
#define RIKSDAG_2018 {1830386, 1284698, 1135627, 557500, 518454, 409478, 355546, 285899}

/* Youths aged 12–22 in the 26 municipalities of Stockholms län, the
** age_12_22 column of rules/data/befolkning_2019-12-31.csv, in file order:
** Upplands Väsby, Vallentuna, Österåker, Värmdö, Järfälla, Ekerö, Huddinge,
** Botkyrka, Salem, Haninge, Tyresö, Upplands-Bro, Nykvarn, Täby, Danderyd,
** Sollentuna, Stockholm, Södertälje, Nacka, Sundbyberg, Solna, Lidingö,
** Vaxholm, Norrtälje, Sigtuna, Nynäshamn. Sum 287 450. */
#define STHLM_12_22                                                          \
    {5909,  4849,  6392,   6347,  10452, 4180,  15702, 13074, 2540,          \
     11910, 6977,  3865,   1554,  10221, 5298,  10741, 103493, 12926,        \
     14330, 4818,  6797,   6770,  1813,  6713,  6453,  3326}

/* 15 000 000 kr in whole kronor by largest remainder, from the repository root
** (one command, joined from the lines below):
** python3 -c "from fractions import Fraction as F; import csv; w=[int(r['age_12_22']) for r in
**   csv.DictReader(open('rules/data/befolkning_2019-12-31.csv'))]; S=15_000_000; q=[F(S*x,sum(w)) for x in w];
**   f=[int(x) for x in q]; o=sorted(range(26),key=lambda i:(-(q[i]-f[i]),-w[i],i))[:S-sum(f)];
**   print([f[i]+(i in o) for i in range(26)])"
** (Stockholm's exact quota is 5 400 574,013 kr, Huddinge's 819 377,283 kr.) */
#define STHLM_LR                                                            \
    {KR(308349), KR(253035), KR(333554), KR(331205), KR(545417), KR(218125), \
     KR(819377), KR(682240), KR(132545), KR(621499), KR(364081), KR(201687), \
     KR(81092), KR(533362), KR(276466), KR(560498), KR(5400574), KR(674517), \
     KR(747782), KR(251418), KR(354688), KR(353279), KR(94608), KR(350304),  \
     KR(336737), KR(173561)}

/* The same by D'Hondt and by Sainte-Laguë 1,2, from a Python brute force that
** hands out the 15 million kronor one at a time from a heap keyed
** (-Fraction(w_i, divisor), -w_i, i) (about 2 minutes). */
#define STHLM_DH                                                            \
    {KR(308349), KR(253035), KR(333553), KR(331205), KR(545417), KR(218125), \
     KR(819378), KR(682241), KR(132544), KR(621499), KR(364081), KR(201687), \
     KR(81092), KR(533362), KR(276465), KR(560497), KR(5400579), KR(674517), \
     KR(747782), KR(251417), KR(354688), KR(353279), KR(94607), KR(350304),  \
     KR(336737), KR(173560)}
#define STHLM_SL12                                                          \
    {KR(308349), KR(253035), KR(333554), KR(331205), KR(545417), KR(218125), \
     KR(819377), KR(682240), KR(132545), KR(621499), KR(364081), KR(201687), \
     KR(81092), KR(533362), KR(276465), KR(560498), KR(5400575), KR(674517), \
     KR(747782), KR(251418), KR(354688), KR(353279), KR(94608), KR(350304),  \
     KR(336737), KR(173561)}

/* 2^63 - 1 = 3 * G + 1. */
#define G INT64_C(3074457345618258602)
#define P2(k) ((int64_t)1 << (k))

static const Row rows[] = {
    /* Textbook largest remainder. The Alabama paradox: one more seat and the
    ** third state loses one (quotas 4,29/4,29/1,43, then 4,71/4,71/1,57). */
    {"hamilton alabama 10 seats", LR, PURE, 10, 1, 3, {6, 6, 2}, true, {4, 4, 2}, 0},
    {"hamilton alabama 11 seats", LR, PURE, 11, 1, 3, {6, 6, 2}, true, {5, 5, 1}, 0},
    /* Wikipedia "Largest remainder method", Hare quota: 4,70 1,60 1,58 1,20 0,61 0,31. */
    {"hamilton wikipedia 10 seats", LR, PURE, 10, 1, 6, {47000, 16000, 15800, 12000, 6100, 3100}, true,
     {5, 2, 1, 1, 1, 0}, 0},
    {"hamilton riksdag 2018", LR, PURE, 349, 1, 8, RIKSDAG_2018, true, {100, 70, 62, 31, 28, 22, 20, 16}, 0},

    /* Wikipedia "D'Hondt method": 100 000, 80 000, 30 000, 20 000 votes, 8 seats. */
    {"dhondt wikipedia 8 seats", DH, PURE, 8, 1, 4, {100000, 80000, 30000, 20000}, true, {4, 3, 1, 0}, 0},
    {"dhondt riksdag 2018", DH, PURE, 349, 1, 8, RIKSDAG_2018, true, {101, 71, 63, 30, 28, 22, 19, 15}, 0},

    /* Wikipedia "Webster/Sainte-Laguë method", the same votes: the pure
    ** method gives the small party a seat, 1,4 takes it away. */
    {"sainte-lague pure wikipedia", SL, PURE, 8, 1, 4, {100000, 80000, 30000, 20000}, true, {3, 3, 1, 1}, 0},
    {"sainte-lague 1.4 wikipedia", SL, SWE14, 8, 1, 4, {100000, 80000, 30000, 20000}, true, {4, 3, 1, 0}, 0},
    {"sainte-lague 1.2 wikipedia", SL, SWE12, 8, 1, 4, {100000, 80000, 30000, 20000}, true, {3, 3, 1, 1}, 0},
    /* By hand: first averages 29, 26, 77, 64 (pure); 24,2 21,7 64,2 53,3 (1,2);
    ** 20,7 18,6 55 45,7 (1,4); second seats 25,7 and 21,3. Three results. */
    {"sainte-lague pure 4 seats", SL, PURE, 4, 1, 4, {29, 26, 77, 64}, true, {1, 1, 1, 1}, 0},
    {"sainte-lague 1.2 4 seats", SL, SWE12, 4, 1, 4, {29, 26, 77, 64}, true, {1, 0, 2, 1}, 0},
    {"sainte-lague 1.4 4 seats", SL, SWE14, 4, 1, 4, {29, 26, 77, 64}, true, {0, 0, 2, 2}, 0},
    {"sainte-lague 1.2 riksdag 2018", SL, SWE12, 349, 1, 8, RIKSDAG_2018, true,
     {100, 70, 62, 31, 28, 22, 20, 16}, 0},

    /* The real case: 15 MSEK in whole kronor to the municipalities. */
    {"stockholms lan largest remainder", LR, PURE, KR(15000000), 100, 26, STHLM_12_22, true, STHLM_LR, 0},
    {"stockholms lan dhondt", DH, PURE, KR(15000000), 100, 26, STHLM_12_22, true, STHLM_DH, 0},
    {"stockholms lan sainte-lague 1.2", SL, SWE12, KR(15000000), 100, 26, STHLM_12_22, true, STHLM_SL12, 0},
    {"stockholms lan plus 99 ore", LR, PURE, KR(15000000) + 99, 100, 26, STHLM_12_22, true, STHLM_LR, 99},

    /* Ties: equal remainders or averages go to the larger weight, then to
    ** the lower index. */
    {"lr tie equal weights", LR, PURE, 4, 1, 3, {5, 5, 5}, true, {2, 1, 1}, 0},
    {"dhondt tie equal weights", DH, PURE, 4, 1, 3, {5, 5, 5}, true, {2, 1, 1}, 0},
    {"sl tie equal weights", SL, SWE12, 4, 1, 3, {5, 5, 5}, true, {2, 1, 1}, 0},
    {"lr tie equal weights later", LR, PURE, 5, 1, 3, {5, 5, 5}, true, {2, 2, 1}, 0},
    /* quotas 0,5 and 1,5: equal remainders, the larger weight wins */
    {"lr tie remainders larger weight", LR, PURE, 2, 1, 2, {1, 3}, true, {0, 2}, 0},
    /* remainders 4/6 and 2/6: no tie */
    {"lr no tie", LR, PURE, 2, 1, 2, {2, 4}, true, {1, 1}, 0},
    /* 4/1, then 2/1 against 4/2 */
    {"dhondt tie averages larger weight", DH, PURE, 2, 1, 2, {2, 4}, true, {0, 2}, 0},
    {"dhondt after tie", DH, PURE, 3, 1, 2, {2, 4}, true, {1, 2}, 0},
    /* 3/1, then 1/1 against 3/3 */
    {"sl tie averages larger weight", SL, PURE, 2, 1, 2, {1, 3}, true, {0, 2}, 0},
    {"sl tie index", SL, PURE, 1, 1, 2, {3, 3}, true, {1, 0}, 0},
    {"dhondt tie index", DH, PURE, 3, 1, 4, {0, 7, 0, 7}, true, {0, 2, 0, 1}, 0},

    /* Weight 0 gets 0; nothing to divide when every weight is 0. */
    {"lr zero weights", LR, PURE, 8, 1, 4, {0, 3, 0, 1}, true, {0, 6, 0, 2}, 0},
    {"dhondt zero weights", DH, PURE, 8, 1, 4, {0, 3, 0, 1}, true, {0, 6, 0, 2}, 0},
    {"sl zero weights", SL, SWE12, 8, 1, 4, {0, 3, 0, 1}, true, {0, 6, 0, 2}, 0},
    {"lr all zero", LR, PURE, 12345, 100, 3, {0, 0, 0}, true, {0, 0, 0}, 12345},
    {"dhondt all zero", DH, PURE, 12345, 1, 3, {0, 0, 0}, true, {0, 0, 0}, 12345},
    {"sl all zero", SL, SWE12, 12345, 1, 3, {0, 0, 0}, true, {0, 0, 0}, 12345},
    {"no parties", LR, PURE, 500, 1, 0, {0}, true, {0}, 500},
    {"no parties sl", SL, PURE, 500, 7, 0, {0}, true, {0}, 500},
    {"total zero", LR, PURE, 0, 100, 3, {1, 2, 3}, true, {0, 0, 0}, 0},
    {"total zero dhondt", DH, PURE, 0, 1, 3, {1, 2, 3}, true, {0, 0, 0}, 0},

    /* The unit need not divide the total. */
    {"unit leaves ore", LR, PURE, 1005, 100, 2, {1, 1}, true, {500, 500}, 5},
    {"unit leaves ore dhondt", DH, PURE, 1005, 100, 2, {1, 1}, true, {500, 500}, 5},
    {"unit above total", LR, PURE, 99, 100, 2, {1, 1}, true, {0, 0}, 99},
    {"unit above total sl", SL, SWE12, 99, 100, 2, {1, 1}, true, {0, 0}, 99},
    {"one unit", SL, PURE, 150, 100, 3, {1, 2, 1}, true, {0, 100, 0}, 50},
    {"single party lr", LR, PURE, 12345, 100, 1, {9}, true, {12300}, 45},
    {"single party dhondt", DH, PURE, 12345, 100, 1, {9}, true, {12300}, 45},
    {"single party sl", SL, SWE12, 12345, 100, 1, {9}, true, {12300}, 45},

    /* Huge totals: 2^63 - 1 units of 1 öre. */
    {"huge thirds lr", LR, PURE, INT64_MAX, 1, 3, {1, 1, 1}, true, {G + 1, G, G}, 0},
    {"huge thirds dhondt", DH, PURE, INT64_MAX, 1, 3, {1, 1, 1}, true, {G + 1, G, G}, 0},
    {"huge thirds sl", SL, SWE12, INT64_MAX, 1, 3, {1, 1, 1}, true, {G + 1, G, G}, 0},
    /* quotas 2G + 2/3 and G + 1/3; D'Hondt's averages 2/(2j) and 1/j tie
    ** and go to the larger weight, so A gets 2 of every 3 and the last. */
    {"huge two to one lr", LR, PURE, INT64_MAX, 1, 2, {2, 1}, true, {2 * G + 1, G}, 0},
    {"huge two to one dhondt", DH, PURE, INT64_MAX, 1, 2, {2, 1}, true, {2 * G + 1, G}, 0},
    {"huge two to one sl", SL, PURE, INT64_MAX, 1, 2, {2, 1}, true, {2 * G + 1, G}, 0},
    /* weights summing to INT64_MAX: the quotas are exactly M-1 and 1 */
    {"huge weights lr", LR, PURE, INT64_MAX, 1, 2, {INT64_MAX - 1, 1}, true, {INT64_MAX - 1, 1}, 0},
    {"huge weights dhondt", DH, PURE, INT64_MAX, 1, 2, {INT64_MAX - 1, 1}, true, {INT64_MAX - 1, 1}, 0},
    {"huge weights sl", SL, SWE12, INT64_MAX, 1, 2, {INT64_MAX - 1, 1}, true, {INT64_MAX - 1, 1}, 0},
    {"huge weights small total", SL, SWE12, 3, 1, 3, {INT64_MAX - 2, 1, 1}, true, {3, 0, 0}, 0},
    {"huge unit", LR, PURE, INT64_MAX, INT64_MAX, 2, {1, 2}, true, {0, INT64_MAX}, 0},
    {"huge total kronor", DH, PURE, INT64_MAX, 100, 2, {1, 1}, true,
     {INT64_C(4611686018427387900), INT64_C(4611686018427387900)}, 7},

    /* First divisors above 3: the divisors f, 3, 5 … are not increasing;
    ** a party's units with divisor <= f are all worth w/f. By hand: A
    ** takes 10/5, 10/3, 10/5, then 9/5 beats 10/7. */
    {"sl first divisor 5", SL, {5, 1}, 4, 1, 2, {10, 9}, true, {3, 1}, 0},
    /* f = 2^40: A's averages 1000/max(2^40, 2k+1) stay above B's first,
    ** 1/2^40, for all 2^41 units. */
    {"sl first divisor 2^40 one party", SL, {P2(40), 1}, P2(41), 1, 2, {1000, 1}, true, {P2(41), 0}, 0},
    /* f = 2^40, weights 3 and 2: A's 3*2^38 units above 2/2^40, then B's
    ** block of 2^39 units at 2/2^40, then A's 3/(3*2^39+1) beats B's
    ** 2/(2^40+1). The same pattern checked by brute force for f = 16, 64, 256. */
    {"sl first divisor 2^40 two parties", SL, {P2(40), 1}, 5 * P2(38) + 1, 1, 2, {3, 2}, true,
     {3 * P2(38) + 1, P2(39)}, 0},
    /* f = 2^63-1: each party's first 2^62 units form one block; A's block wins
    ** the tie by index, B's is cut short by the total. */
    {"sl first divisor int64 max", SL, {INT64_MAX, 1}, INT64_MAX, 1, 2, {1, 1}, true, {P2(62), P2(62) - 1}, 0},

    /* Invalid arguments: false, and nothing written. */
    {"negative total", LR, PURE, -1, 1, 2, {1, 1}, false, {0}, 0},
    {"negative weight", DH, PURE, 100, 1, 3, {1, -1, 1}, false, {0}, 0},
    {"unit zero", LR, PURE, 100, 0, 2, {1, 1}, false, {0}, 0},
    {"unit negative", SL, PURE, 100, -100, 2, {1, 1}, false, {0}, 0},
    {"first divisor below 1", SL, {1, 2}, 100, 1, 2, {1, 1}, false, {0}, 0},
    {"first divisor zero", SL, {0, 1}, 100, 1, 2, {1, 1}, false, {0}, 0},
    {"first divisor den zero", SL, {1, 0}, 100, 1, 2, {1, 1}, false, {0}, 0},
    {"first divisor den negative", SL, {-6, -5}, 100, 1, 2, {1, 1}, false, {0}, 0},
    {"first divisor negative", SL, {-6, 5}, 100, 1, 2, {1, 1}, false, {0}, 0},
    {"weight sum overflows", LR, PURE, 100, 1, 2, {INT64_MAX, 1}, false, {0}, 0},
    {"weight sum overflows sl", SL, PURE, 100, 1, 3, {INT64_MAX / 2, INT64_MAX / 2, 2}, false, {0}, 0},
    {"unknown method", (Apportion)7, PURE, 100, 1, 2, {1, 1}, false, {0}, 0},
    /* The first divisor is Sainte-Laguë's only; the others ignore it. */
    {"first divisor ignored by dhondt", DH, {0, 0}, 3, 1, 2, {1, 2}, true, {1, 2}, 0},
    {"first divisor ignored by lr", LR, {0, 0}, 3, 1, 2, {1, 2}, true, {1, 2}, 0},
};

START_TEST(test_rows)
{
    const Row *r = &rows[_i];
    Money parts[MAX_N], leftover = SENTINEL;
    for (size_t i = 0; i < MAX_N; i++)
        parts[i] = SENTINEL;
    bool ok = apportion(r->total, r->unit, r->w, r->n, r->method, r->first, parts, &leftover);
    ck_assert_msg(ok == r->ok, "%s: ok=%d, want %d", r->name, ok, r->ok);
    if (!ok) {
        ck_assert_msg(leftover == SENTINEL, "%s: leftover written on failure", r->name);
        for (size_t i = 0; i < MAX_N; i++)
            ck_assert_msg(parts[i] == SENTINEL, "%s: part %zu written on failure", r->name, i);
        return;
    }
    for (size_t i = 0; i < r->n; i++)
        ck_assert_msg(parts[i] == r->want[i], "%s: part %zu = %" PRId64 ", want %" PRId64, r->name, i, parts[i],
                      r->want[i]);
    for (size_t i = r->n; i < MAX_N; i++)
        ck_assert_msg(parts[i] == SENTINEL, "%s: wrote past n at %zu", r->name, i);
    ck_assert_msg(leftover == r->leftover, "%s: leftover %" PRId64 ", want %" PRId64, r->name, leftover,
                  r->leftover);
    check_invariants(r->name, r->total, r->unit, r->w, r->n, parts, leftover);

    /* The expected values themselves against the references: the divisor
    ** condition always, the one-at-a-time procedure where it is cheap. */
    int64_t S = r->total / r->unit, seats[MAX_N], ref[MAX_N];
    bool any_w = false;
    for (size_t i = 0; i < r->n; i++) {
        seats[i] = r->want[i] / r->unit;
        any_w = any_w || r->w[i] > 0;
    }
    if (!any_w || S == 0)
        return;
    if (r->method != LR) {
        size_t bi = 0, bj = 0;
        ck_assert_msg(is_divisor_result(r->w, r->n, seats, r->method, r->first, &bi, &bj),
                      "%s: party %zu's last unit is worth less than party %zu's next", r->name, bi, bj);
    }
    if (S > 2000)
        return;
    if (r->method == LR)
        naive_largest_remainder(r->w, r->n, S, ref);
    else
        naive_highest_averages(r->w, r->n, S, r->method, r->first, ref);
    for (size_t i = 0; i < r->n; i++)
        ck_assert_msg(seats[i] == ref[i], "%s: reference gives party %zu %" PRId64 " units, table %" PRId64,
                      r->name, i, ref[i], seats[i]);
}
END_TEST

/* Null pointers are invalid arguments too (except with n == 0). */
START_TEST(test_null)
{
    int64_t w[2] = {1, 1};
    Ratio pure = PURE;
    Money parts[2] = {SENTINEL, SENTINEL}, leftover = SENTINEL;
    ck_assert(!apportion(100, 1, w, 2, LR, pure, parts, NULL));
    ck_assert(!apportion(100, 1, NULL, 2, LR, pure, parts, &leftover));
    ck_assert(!apportion(100, 1, w, 2, LR, pure, NULL, &leftover));
    ck_assert(parts[0] == SENTINEL && parts[1] == SENTINEL && leftover == SENTINEL);
    ck_assert(apportion(100, 1, NULL, 0, DH, pure, NULL, &leftover));
    ck_assert(leftover == 100);
}
END_TEST

/* ---- property test: random cases against the references ---- */

#define CHUNKS 20
#define CASES_PER_CHUNK 100   /* 2 000 cases */

/* xorshift64*: fixed seeds, the same cases on every platform. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

static uint64_t below(uint64_t *s, uint64_t n)
{
    return next_random(s) % n;
}

/* A number of random magnitude: mostly small, sometimes up to max. */
static int64_t random_scaled(uint64_t *s, int64_t max)
{
    unsigned bits = (unsigned)below(s, 63) + 1;
    uint64_t v = next_random(s) >> (64 - bits);
    return (int64_t)(v % ((uint64_t)max + 1));
}

START_TEST(test_property)
{
    uint64_t seed = UINT64_C(0x9E3779B97F4A7C15) ^ ((uint64_t)_i * UINT64_C(0xD1B54A32D192ED03));
    for (int c = 0; c < CASES_PER_CHUNK; c++) {
        char name[96];
        snprintf(name, sizeof name, "chunk %d case %d", _i, c);
        size_t n = (size_t)below(&seed, MAX_N) + 1;
        int64_t w[MAX_N];
        int64_t scales[4] = {10, 1000000, P2(57), INT64_MAX / (int64_t)n};   /* the sum fits */
        int64_t w_max = scales[below(&seed, 4)];
        for (size_t i = 0; i < n; i++)
            w[i] = below(&seed, 4) == 0 ? 0 : random_scaled(&seed, w_max);
        Money unit = below(&seed, 3) == 0 ? 1 : below(&seed, 2) ? 100 : random_scaled(&seed, INT64_MAX / 4) + 1;
        Money total;
        if (below(&seed, 2)) {
            /* few units, so the one-at-a-time references can run */
            int64_t S = random_scaled(&seed, 2000);
            int64_t s_max = (INT64_MAX - (unit - 1)) / unit;   /* S*unit + unit-1 fits */
            if (S > s_max)
                S = s_max;
            total = S * unit + (Money)below(&seed, (uint64_t)unit);
        } else {
            total = random_scaled(&seed, INT64_MAX);
        }
        int64_t S = total / unit;

        /* A first divisor from 1 to 8, and one of any size (often above 3,
        ** where the divisors f, 3, 5 … are not increasing). */
        int64_t den = (int64_t)below(&seed, 10) + 1;
        Ratio f_small = {den + (int64_t)below(&seed, (uint64_t)(7 * den + 1)), den};
        int64_t den_big = random_scaled(&seed, P2(62)) + 1;
        Ratio f_big = {den_big + random_scaled(&seed, INT64_MAX - den_big), den_big};
        struct {
            Apportion m;
            Ratio f;
        } runs[] = {{LR, PURE}, {DH, PURE}, {SL, PURE}, {SL, SWE12}, {SL, SWE14}, {SL, f_small}, {SL, f_big}};

        for (int k = 0; k < N_ROWS(runs); k++) {
            char what[256];
            snprintf(what, sizeof what, "%s, %s f=%" PRId64 "/%" PRId64 ", n=%zu, total=%" PRId64 ", unit=%" PRId64,
                     name, method_name(runs[k].m), runs[k].f.num, runs[k].f.den, n, total, unit);
            Money parts[MAX_N], leftover = SENTINEL;
            bool ok = apportion(total, unit, w, n, runs[k].m, runs[k].f, parts, &leftover);
            ck_assert_msg(ok, "%s: returned false", what);
            check_invariants(what, total, unit, w, n, parts, leftover);

            int64_t seats[MAX_N], ref[MAX_N];
            i128 W = 0;
            for (size_t i = 0; i < n; i++) {
                seats[i] = parts[i] / unit;
                W += w[i];
            }
            if (W == 0)
                continue;
            if (runs[k].m == LR) {
                /* the quota rule: floor(quota) <= seats <= ceil(quota) */
                for (size_t i = 0; i < n; i++) {
                    i128 diff = (i128)seats[i] * W - (i128)S * w[i];
                    ck_assert_msg(diff > -W && diff < W, "%s: party %zu is a unit or more off its quota", what, i);
                }
            } else {
                size_t bi = 0, bj = 0;
                ck_assert_msg(is_divisor_result(w, n, seats, runs[k].m, runs[k].f, &bi, &bj),
                              "%s: party %zu's last unit is worth less than party %zu's next", what, bi, bj);
            }
            if (S > 2000)
                continue;
            if (runs[k].m == LR)
                naive_largest_remainder(w, n, S, ref);
            else
                naive_highest_averages(w, n, S, runs[k].m, runs[k].f, ref);
            for (size_t i = 0; i < n; i++)
                ck_assert_msg(seats[i] == ref[i], "%s: party %zu got %" PRId64 " units, reference %" PRId64, what,
                              i, seats[i], ref[i]);
        }
    }
}
END_TEST

/* ---- split rules (apportion_rules) against an independent exact reference ----
**
** The reference follows the definitions, not the implementation:
**  - exclusion: w == 0, w < K, or w * den < num * W (p = num/den), in 128 bits;
**  - largest remainder: every assignment of the remaining rows to "at the
**    minimum", "free" or "at the cap" (3^m of them, m <= 7) is tried; the
**    consistent one has lambda = (S - fixed) / (free weight) with
**    lambda*w <= lo for the minimum rows, >= hi for the capped ones and in
**    between for the free ones; the exact quotas clamp(lambda*w) are then
**    rounded down and the units left go one at a time to the largest
**    fractional part (ties: larger weight, then lower index);
**  - divisor methods: every row starts at lo units, and the units are handed
**    out literally one at a time to the highest average w/d(s), rows at hi
**    skipped. */
typedef struct RefOut {
    bool over_pot;
    Money parts[MAX_N], base[MAX_N], leftover;
    bool excluded[MAX_N];
} RefOut;

/* Sign of a/b - c/d for small positive numbers (the tests' weights are below 2^40). */
static int qcmp(i128 a, i128 b, i128 c, i128 d)
{
    i128 l = a * d, r = c * b;
    return (l > r) - (l < r);
}

/* false when the case is too large for the reference. */
static bool ref_rules(Money total, Money unit, const int64_t *w, size_t n, Apportion m, Ratio f, const SplitRules *r,
                      RefOut *o)
{
    i128 W = 0;
    for (size_t i = 0; i < n; i++)
        W += w[i];
    size_t idx[MAX_N], k = 0;
    for (size_t i = 0; i < n; i++) {
        bool ex = w[i] == 0 || (r->threshold_min > 0 && w[i] < r->threshold_min) ||
                  (r->threshold_share && (i128)w[i] * r->threshold_pct.den < (i128)r->threshold_pct.num * W);
        o->excluded[i] = ex;
        o->parts[i] = 0;
        o->base[i] = 0;
        if (!ex)
            idx[k++] = i;
    }
    i128 need = (i128)k * (r->base + (i128)r->min_units * unit);
    o->over_pot = need > total;
    if (o->over_pot)
        return true;
    i128 S = (total - (i128)k * r->base) / unit;
    i128 lo = r->min_units, hi = r->cap > 0 ? (r->cap - r->base) / unit : S;
    if (hi > S)
        hi = S;
    int64_t units[MAX_N] = {0};
    if (k == 0) {
        /* nothing */
    } else if (hi * (i128)k <= S) {
        for (size_t j = 0; j < k; j++)
            units[j] = (int64_t)hi;
    } else if (m == APPORTION_LARGEST_REMAINDER) {
        if (k > 7)
            return false;
        size_t states = 1;
        for (size_t j = 0; j < k; j++)
            states *= 3;
        bool found = false;
        i128 qn[MAX_N], qd = 1;   /* the clamped quotas qn[j]/qd */
        for (size_t st = 0; st < states && !found; st++) {
            int cls[MAX_N];
            size_t x = st;
            i128 fixed = 0, fw = 0;
            for (size_t j = 0; j < k; j++, x /= 3) {
                cls[j] = (int)(x % 3);   /* 0 min, 1 free, 2 cap */
                fixed += cls[j] == 0 ? lo : cls[j] == 2 ? hi : 0;
                fw += cls[j] == 1 ? w[idx[j]] : 0;
            }
            if (fw == 0) {
                if (fixed != S)
                    continue;
                /* lambda anywhere: consistent if some lambda puts every row in its class */
                bool any = true;
                for (size_t j = 0; j < k; j++)
                    any = any && (cls[j] != 1);
                if (!any)
                    continue;
                /* lambda must satisfy lambda*w <= lo for min rows and >= hi for cap rows:
                ** max over cap rows of hi/w <= min over min rows of lo/w. */
                bool ok = true;
                for (size_t a = 0; a < k && ok; a++)
                    for (size_t b = 0; b < k && ok; b++)
                        if (cls[a] == 2 && cls[b] == 0)
                            ok = qcmp(hi, w[idx[a]], lo, w[idx[b]]) <= 0;
                if (!ok)
                    continue;
                qd = 1;
                for (size_t j = 0; j < k; j++)
                    qn[j] = cls[j] == 0 ? lo : hi;
                found = true;
                continue;
            }
            i128 ln = S - fixed, ld = fw;   /* lambda = ln/ld */
            if (ln < 0)
                continue;
            bool ok = true;
            for (size_t j = 0; j < k && ok; j++) {
                i128 xw = ln * w[idx[j]];   /* lambda*w = xw/ld */
                if (cls[j] == 0)
                    ok = xw <= lo * ld;
                else if (cls[j] == 2)
                    ok = xw >= hi * ld;
                else
                    ok = xw >= lo * ld && xw <= hi * ld;
            }
            if (!ok)
                continue;
            qd = ld;
            for (size_t j = 0; j < k; j++)
                qn[j] = cls[j] == 0 ? lo * ld : cls[j] == 2 ? hi * ld : ln * w[idx[j]];
            found = true;
        }
        ck_assert_msg(found, "reference: no consistent clamp");
        i128 given = 0;
        i128 rem[MAX_N];
        for (size_t j = 0; j < k; j++) {
            units[j] = (int64_t)(qn[j] / qd);
            rem[j] = qn[j] % qd;
            given += units[j];
        }
        for (; given < S; given++) {
            size_t best = k;
            for (size_t j = 0; j < k; j++) {
                if (rem[j] < 0)
                    continue;
                if (best == k || rem[j] > rem[best] || (rem[j] == rem[best] && w[idx[j]] > w[idx[best]]))
                    best = j;
            }
            units[best]++;
            rem[best] = -1;
        }
    } else {
        if (S > 200000)
            return false;
        i128 given = 0;
        for (size_t j = 0; j < k; j++) {
            units[j] = (int64_t)lo;
            given += lo;
        }
        for (; given < S; given++) {
            size_t best = k;
            i128 bn = 0, bd = 1;
            for (size_t j = 0; j < k; j++) {
                if (units[j] >= hi)
                    continue;
                i128 an, ad;   /* the next average w/d(s) */
                if (m == APPORTION_DHONDT) {
                    an = w[idx[j]];
                    ad = units[j] + 1;
                } else if (units[j] == 0) {
                    an = (i128)w[idx[j]] * f.den;
                    ad = f.num;
                } else {
                    an = w[idx[j]];
                    ad = 2 * (i128)units[j] + 1;
                }
                int c = best == k ? 1 : qcmp(an, ad, bn, bd);
                if (c > 0 || (c == 0 && w[idx[j]] > w[idx[best]])) {
                    best = j;
                    bn = an;
                    bd = ad;
                }
            }
            if (best == k)
                break;   /* everyone at the cap (not reached: hi*k > S) */
            units[best]++;
        }
    }
    Money sum = 0;
    for (size_t j = 0; j < k; j++) {
        o->base[idx[j]] = r->base;
        o->parts[idx[j]] = r->base + units[j] * unit;
        sum += o->parts[idx[j]];
    }
    o->leftover = total - sum;
    return true;
}

/* The rules' invariants, whatever the reference says. */
static void check_rules(const char *what, Money total, Money unit, const int64_t *w, size_t n, const SplitRules *r,
                        const Money *parts, const SplitShare *d, Money leftover)
{
    i128 sum = leftover;
    for (size_t i = 0; i < n; i++) {
        sum += parts[i];
        ck_assert_msg(parts[i] == d[i].base + d[i].share, "%s: row %zu's parts do not add up", what, i);
        ck_assert_msg(d[i].share % unit == 0, "%s: row %zu's share is not whole units", what, i);
        if (d[i].flags & SPLIT_EXCLUDED) {
            ck_assert_msg(parts[i] == 0, "%s: excluded row %zu got money", what, i);
            continue;
        }
        ck_assert_msg(w[i] > 0, "%s: row %zu of weight 0 not excluded", what, i);
        ck_assert_msg(d[i].base == r->base, "%s: row %zu's base", what, i);
        ck_assert_msg(d[i].share >= r->min_units * unit, "%s: row %zu below the minimum", what, i);
        if (r->cap > 0)
            ck_assert_msg(parts[i] <= r->cap, "%s: row %zu above the cap", what, i);
    }
    ck_assert_msg(sum == total, "%s: parts + leftover != total", what);
    ck_assert_msg(leftover >= 0, "%s: negative leftover", what);
}

static void run_rules_case(const char *what, Money total, Money unit, const int64_t *w, size_t n, Apportion m,
                           Ratio f, const SplitRules *r, bool require_ref)
{
    Money parts[MAX_N], leftover = SENTINEL, needed = 0;
    SplitShare d[MAX_N];
    SplitStatus st = apportion_rules(total, unit, w, n, m, f, r, parts, d, &leftover, &needed);
    RefOut ref;
    bool have = ref_rules(total, unit, w, n, m, f, r, &ref);
    ck_assert_msg(!require_ref || have, "%s: the reference cannot run", what);
    if (have && ref.over_pot) {
        ck_assert_msg(st == SPLIT_OVER_POT, "%s: expected SPLIT_OVER_POT, got %d", what, (int)st);
        ck_assert_msg(needed > total, "%s: needed %" PRId64 " <= total", what, needed);
        return;
    }
    ck_assert_msg(st == SPLIT_OK, "%s: status %d", what, (int)st);
    check_rules(what, total, unit, w, n, r, parts, d, leftover);
    if (!have)
        return;
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(parts[i] == ref.parts[i], "%s: row %zu got %" PRId64 ", reference %" PRId64, what, i, parts[i],
                      ref.parts[i]);
        ck_assert_msg(((d[i].flags & SPLIT_EXCLUDED) != 0) == ref.excluded[i], "%s: row %zu exclusion", what, i);
    }
    ck_assert_msg(leftover == ref.leftover, "%s: leftover %" PRId64 ", reference %" PRId64, what, leftover, ref.leftover);
}

/* Named cases: the kinds of rule the issue names, each by every method and
** rounding unit. */
static const struct RulesRow {
    const char *name;
    Money total;
    int64_t w[8];
    size_t n;
    SplitRules r;
    bool over_pot;        /* expected: the rows need more than the pot */
    bool all_excluded;
} rules_rows[] = {
    {"base then share", KR(1000000), {900, 50, 30, 15, 5}, 5, {.base = KR(100000)}, false, false},
    {"base 2 % of the pot", KR(1000000), {900, 50, 30, 15, 5}, 5, {.base = KR(20000)}, false, false},
    {"base exceeds pot", KR(400000), {900, 50, 30, 15, 5}, 5, {.base = KR(100000)}, true, false},
    {"base exactly the pot", KR(500000), {900, 50, 30, 15, 5}, 5, {.base = KR(100000)}, false, false},
    {"share threshold 4 %", KR(100000), {900, 50, 30, 15, 5}, 5, {.threshold_share = true, .threshold_pct = {1, 25}},
     false, false},
    {"threshold at exactly 4 %", KR(100000), {96, 4}, 2, {.threshold_share = true, .threshold_pct = {1, 25}}, false,
     false},
    {"threshold excludes everyone", KR(100000), {10, 10, 10}, 3, {.threshold_min = 1000}, false, true},
    {"count threshold", KR(100000), {5000, 999, 1000, 20}, 4, {.threshold_min = 1000}, false, false},
    {"cap binds for several", KR(100000), {500, 400, 50, 30, 20}, 5, {.cap = KR(30000)}, false, false},
    {"cap binds for all", KR(100000), {500, 400, 50}, 3, {.cap = KR(30000)}, false, false},
    {"cap and base", KR(100000), {500, 400, 50, 30, 20}, 5, {.base = KR(5000), .cap = KR(30000)}, false, false},
    {"minimum units", KR(1000), {1000, 10, 1, 1}, 4, {.min_units = 2}, false, false},
    {"minimum and cap", KR(1000), {1000, 900, 10, 1, 1}, 5, {.min_units = 3, .cap = KR(400)}, false, false},
    {"minimum exceeds pot", 3, {1, 1, 1, 1}, 4, {.min_units = 1}, true, false},
    {"everything", KR(100000), {900, 300, 100, 30, 15, 5, 0}, 7,
     {.base = KR(5000), .cap = KR(40000), .threshold_share = true, .threshold_pct = {3, 200}, .min_units = 1}, false,
     false},
};

START_TEST(test_rules_rows)
{
    const struct RulesRow *row = &rules_rows[_i];
    struct {
        Apportion m;
        Ratio f;
    } runs[] = {{LR, PURE}, {DH, PURE}, {SL, PURE}, {SL, SWE12}};
    Money units[] = {1, KR(10), KR(1000)};
    for (int k = 0; k < N_ROWS(runs); k++) {
        for (int u = 0; u < N_ROWS(units); u++) {
            SplitRules r = row->r;
            if (r.base % units[u] || r.cap % units[u])
                continue;   /* not whole units: the checker rejects it */
            char what[200];
            snprintf(what, sizeof what, "%s, %s f=%" PRId64 "/%" PRId64 ", unit %" PRId64, row->name,
                     method_name(runs[k].m), runs[k].f.num, runs[k].f.den, units[u]);
            Money total = row->total;
            SplitRules rr = r;
            bool small = runs[k].m == LR || (total - (Money)row->n * rr.base) / units[u] <= 200000;
            run_rules_case(what, total, units[u], row->w, row->n, runs[k].m, runs[k].f, &rr, small);
            Money parts[MAX_N], left = 0;
            SplitShare d[MAX_N];
            SplitStatus st = apportion_rules(total, units[u], row->w, row->n, runs[k].m, runs[k].f, &rr, parts, d,
                                             &left, NULL);
            ck_assert_msg(!row->over_pot || st == SPLIT_OVER_POT, "%s: over-pot status %d", what, (int)st);
            ck_assert_msg(row->over_pot || units[u] > KR(10) || st == SPLIT_OK, "%s: status %d", what, (int)st);
            if (row->all_excluded) {
                ck_assert_msg(left == total, "%s: all excluded, but %" PRId64 " left of %" PRId64, what, left, total);
                for (size_t i = 0; i < row->n; i++)
                    ck_assert(d[i].flags & SPLIT_EXCLUDED);
            }
        }
    }
}
END_TEST

/* Hand-computed: 1 000 000 kr, 100 000 kr each, then 500 000 kr by 900:50:30:15:5
** (Fraction(500000*900, 1000) = 450 000 exactly, and so on). */
START_TEST(test_rules_base_exact)
{
    int64_t w[] = {900, 50, 30, 15, 5};
    SplitRules r = {.base = KR(100000)};
    Money parts[5], left;
    SplitShare d[5];
    ck_assert_int_eq(apportion_rules(KR(1000000), KR(1), w, 5, LR, (Ratio)PURE, &r, parts, d, &left, NULL), SPLIT_OK);
    Money want[] = {KR(550000), KR(125000), KR(115000), KR(107500), KR(102500)};
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(parts[i], want[i]);
        ck_assert_int_eq(d[i].base, KR(100000));
    }
    ck_assert_int_eq(left, 0);
    /* cap 300 000 kr: the first is capped, its excess 250 000 kr goes to the
    ** others by 50:30:15:5 of the 500 000 + 250 000 - 200 000 = ... exactly */
    r.cap = KR(300000);
    ck_assert_int_eq(apportion_rules(KR(1000000), KR(1), w, 5, LR, (Ratio)PURE, &r, parts, d, &left, NULL), SPLIT_OK);
    /* rest for the four: 1 000 000 - 300 000 - 400 000 = 300 000 by 50:30:15:5 */
    Money want2[] = {KR(300000), KR(250000), KR(190000), KR(145000), KR(115000)};
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(parts[i], want2[i]);
    ck_assert(d[0].flags & SPLIT_CAPPED);
    ck_assert(!(d[1].flags & SPLIT_CAPPED));
    Money need = 0;
    ck_assert_int_eq(apportion_rules(KR(400000), KR(1), w, 5, LR, (Ratio)PURE, &r, parts, d, &left, &need),
                     SPLIT_OVER_POT);
    ck_assert_int_eq(need, KR(500000));
}
END_TEST

START_TEST(test_rules_property)
{
    uint64_t seed = UINT64_C(0x2545F4914F6CDD1D) ^ ((uint64_t)_i * UINT64_C(0x9E3779B97F4A7C15));
    for (int c = 0; c < CASES_PER_CHUNK; c++) {
        size_t n = (size_t)below(&seed, below(&seed, 2) ? 7 : MAX_N) + 1;
        int64_t w[MAX_N];
        int64_t w_max = below(&seed, 2) ? 50 : 1000000;
        for (size_t i = 0; i < n; i++)
            w[i] = below(&seed, 6) == 0 ? 0 : random_scaled(&seed, w_max);
        Money unit = below(&seed, 3) == 0 ? 1 : below(&seed, 2) ? 100 : KR(1000);
        int64_t S = random_scaled(&seed, 2500);
        Money total = S * unit + (Money)below(&seed, (uint64_t)unit);
        SplitRules r = {0};
        if (below(&seed, 2))
            r.base = (Money)below(&seed, (uint64_t)(S / (int64_t)n + 2)) * unit;
        if (below(&seed, 3) == 0)
            r.min_units = (int64_t)below(&seed, 4);
        if (below(&seed, 2))
            r.cap = r.base + r.min_units * unit + (Money)below(&seed, (uint64_t)(S / 2 + 1)) * unit;
        if (below(&seed, 3) == 0) {
            r.threshold_share = true;
            r.threshold_pct = (Ratio){(int64_t)below(&seed, 30), 100 * ((int64_t)below(&seed, 3) + 1)};
        } else if (below(&seed, 4) == 0) {
            r.threshold_min = random_scaled(&seed, w_max);
        }
        if (r.cap > 0 && r.cap == r.base)
            r.cap += unit;
        struct {
            Apportion m;
            Ratio f;
        } runs[] = {{LR, PURE}, {DH, PURE}, {SL, PURE}, {SL, SWE12}, {SL, SWE14}};
        for (int k = 0; k < N_ROWS(runs); k++) {
            char what[300];
            snprintf(what, sizeof what,
                     "chunk %d case %d, %s f=%" PRId64 "/%" PRId64 ", n=%zu, total=%" PRId64 ", unit=%" PRId64
                     ", base=%" PRId64 ", cap=%" PRId64 ", min=%" PRId64 ", thr=%" PRId64 "/%" PRId64 " or %" PRId64,
                     _i, c, method_name(runs[k].m), runs[k].f.num, runs[k].f.den, n, total, unit, r.base, r.cap,
                     r.min_units, r.threshold_pct.num, r.threshold_pct.den, r.threshold_min);
            run_rules_case(what, total, unit, w, n, runs[k].m, runs[k].f, &r, false);
        }
    }
}
END_TEST

START_TEST(test_rules_large)
{
    /* 15 MSEK in öre units, big weights: no reference, but the invariants hold. */
    int64_t w[26];
    uint64_t seed = 17;
    for (int i = 0; i < 26; i++)
        w[i] = random_scaled(&seed, 1000000) + 1;
    SplitRules r = {.base = KR(100000), .cap = KR(1500000), .min_units = 1};
    Apportion ms[] = {LR, DH, SL};
    for (int k = 0; k < 3; k++) {
        Money parts[26], left;
        SplitShare d[26];
        ck_assert_int_eq(apportion_rules(KR(15000000), 1, w, 26, ms[k], (Ratio)SWE12, &r, parts, d, &left, NULL),
                         SPLIT_OK);
        check_rules(method_name(ms[k]), KR(15000000), 1, w, 26, &r, parts, d, left);
    }
    /* A light row beside heavy capped ones: the divisor search must not need
    ** more units than an int64 holds (1 öre units, 15 MSEK, weights 1 and 10^15). */
    int64_t w2[] = {INT64_C(1000000000000000), INT64_C(900000000000000), 1, 3};
    SplitRules r2 = {.cap = KR(1000000)};
    for (int k = 0; k < 3; k++) {
        Money parts[4], left;
        SplitShare d[4];
        ck_assert_int_eq(apportion_rules(KR(15000000), 1, w2, 4, ms[k], (Ratio)SWE12, &r2, parts, d, &left, NULL),
                         SPLIT_OK);
        check_rules(method_name(ms[k]), KR(15000000), 1, w2, 4, &r2, parts, d, left);
        ck_assert_int_eq(parts[0], KR(1000000));
        ck_assert_int_eq(parts[1], KR(1000000));
        ck_assert(d[0].flags & SPLIT_CAPPED);
        ck_assert_int_eq(parts[2] + parts[3], KR(2000000));   /* both capped too: 4 x 1 MSEK < 15 MSEK */
        ck_assert_int_eq(left, KR(11000000));
    }
    int64_t w3[] = {INT64_C(1000000000000000), 1, 3};
    SplitRules r3 = {.cap = KR(14000000)};
    for (int k = 0; k < 3; k++) {
        Money parts[3], left;
        SplitShare d[3];
        ck_assert_int_eq(apportion_rules(KR(15000000), 1, w3, 3, ms[k], (Ratio)SWE12, &r3, parts, d, &left, NULL),
                         SPLIT_OK);
        check_rules(method_name(ms[k]), KR(15000000), 1, w3, 3, &r3, parts, d, left);
        ck_assert_int_eq(parts[0], KR(14000000));
        ck_assert_int_eq(left, 0);
    }
    /* no rules: exactly apportion */
    Money a[26], b[26], la, lb;
    ck_assert(apportion(KR(15000000), 100, w, 26, DH, (Ratio)PURE, a, &la));
    ck_assert_int_eq(apportion_rules(KR(15000000), 100, w, 26, DH, (Ratio)PURE, NULL, b, NULL, &lb, NULL), SPLIT_OK);
    for (int i = 0; i < 26; i++)
        ck_assert_int_eq(a[i], b[i]);
    ck_assert_int_eq(la, lb);
}
END_TEST

/* Also declared by suites.h once the suite is listed there; repeated here so
** the file compiles with -Wmissing-prototypes before that. */
Suite *make_apportion_suite(void);

Suite *make_apportion_suite(void)
{
    Suite *s = suite_create("apportion");
    TCase *tc = tcase_create("rows");
    tcase_add_loop_test(tc, test_rows, 0, N_ROWS(rows));
    suite_add_tcase(s, tc);

    tc = tcase_create("null");
    tcase_add_test(tc, test_null);
    suite_add_tcase(s, tc);

    tc = tcase_create("property");
    tcase_set_timeout(tc, 60);   /* generous for sanitizer builds */
    tcase_add_loop_test(tc, test_property, 0, CHUNKS);
    suite_add_tcase(s, tc);

    tc = tcase_create("rules");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_rules_rows, 0, N_ROWS(rules_rows));
    tcase_add_test(tc, test_rules_base_exact);
    tcase_add_test(tc, test_rules_large);
    tcase_add_loop_test(tc, test_rules_property, 0, CHUNKS);
    suite_add_tcase(s, tc);
    return s;
}
