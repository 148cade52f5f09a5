/*
** apportion.c: the three apportionment methods of apportion.h, in exact
** integer arithmetic (128-bit intermediates, never floating point).
**
** Let S = floor(total / unit) be the number of units to hand out and
** W = sum of the weights. Only parties with a positive weight take part; a
** party with weight 0 gets 0, and if every weight is 0 nothing is handed out.
**
** Largest remainder (Hamilton). Party i's exact quota is S*w_i/W units. Each
** party first gets the floor of its quota; the L = S - sum(floors) units left
** (L < number of parties) go one each to the largest remainders
** S*w_i mod W. All remainders share the denominator W, so comparing the
** integers compares the fractions exactly.
**
** Highest averages (D'Hondt, Sainte-Laguë). Conceptually the units are
** handed out one at a time, each to the party whose average w_i / d(s_i) is
** highest, where s_i is what it holds so far and d is the divisor sequence:
** D'Hondt 1, 2, 3, …; Sainte-Laguë f, 3, 5, 7, … with the first divisor
** f = num/den (1 pure, 6/5 Swedish modified). Doing that literally costs S
** steps, and S is 15 million for 15 MSEK in whole kronor. Instead:
**
**  1. An estimate c_i that is provably <= the final result s_i for every
**     party and whose sum is within about n of S.
**  2. The remaining R = S - sum(c_i) units, one (or one block, see below) at a
**     time from a max-heap of the parties' next averages: O(n log n).
**
** Why the estimate is a lower bound. Write every seat a party could get as
** an entry (i, k), k = 0, 1, 2, … with value v(i,k) = w_i / d(k), and order all
** entries by value (higher first), then by weight (larger first), then by
** index (lower first), then by k. When a party's divisors are non-decreasing
** (always for D'Hondt; for Sainte-Laguë when f <= 3) its values are
** non-increasing in k, so the one-at-a-time procedure always takes the
** first entry in this order that it has not taken yet, and its result is
** exactly the first S entries. Now take any threshold t and let c_i be the
** number of party i's entries with value >= t. Those entries come before all
** entries with a smaller value, so if sum(c_i) <= S they are all among the
** first S: c_i <= s_i. Continuing the procedure from c then takes the next
** entries in the same order, so it ends with exactly s. We only need a t
** with sum(c_i) <= S and sum(c_i) close to S:
**
**   D'Hondt, t = W/S: w_i/(k+1) >= W/S  <=>  k+1 <= S*w_i/W, so
**     c_i = floor(S*w_i/W) (the lower quota); sum(c_i) <= S, and
**     sum(c_i) > S - n because each floor loses less than 1.
**
**   Sainte-Laguë, t = W/T with T = 2S - n (n = parties with weight > 0;
**     if 2S <= n, start from c = 0: at most n/2 units remain). With
**     x_i = w_i*T/W, the entries >= t are those with f <= x_i and
**     2k+1 <= x_i, so c_i = floor((x_i+1)/2) if x_i >= f, else 0. Then
**     sum(c_i) <= sum((x_i+1)/2) = (T + n)/2 = S. A party with x_i >= f
**     loses less than 1 to the floor, one with x_i < f loses less than
**     f/2, so for f <= 3 fewer than 2n units remain.
**
** A first divisor f > 3 makes the raw divisors f, 3, 5 … non-monotone: a
** party's second seat (w/3) is worth more than its first (w/f). The
** one-at-a-time procedure then gives a party that wins its first seat at
** level w/f all its seats with divisor <= f right away, since they are worth
** at least as much as everything else still on offer (ties included: it won
** that level against the same competitors). That is the same as the
** procedure on the running maximum of the divisors, max(f, 2k+1), which is
** monotone again and the order above applies; the party's first
** m = floor((f+1)/2) seats are one block worth w/f, handed out together in
** step 2. For large f the estimate above can be far from S (a party below
** the threshold f gets 0 in the estimate but may get many units later), so
** when more than 2n units remain the threshold is searched for instead: the
** largest T with sum(c_i(T)) <= S, by doubling and bisection on T. Then
** between T and T+1 every party gains at most one block and one further
** seat, so step 2 takes at most 2n steps. Every T with sum <= S is a valid
** lower bound, so the search only affects speed, never the result.
**
** Ties: equal remainders or equal averages go to the larger weight, then the
** lower index (the table's row order), as the header documents. Averages
** w_i/d_i and w_j/d_j are compared exactly by frac_cmp below, which works
** for numerators and denominators up to 2^128 without overflow.
**
** Limits: the only intermediate that can overflow is the sum of the weights,
** which must fit in int64 (apportion then returns false). S*w_i < 2^126,
** w_i*den < 2^126, num*W < 2^126, and seat counts never exceed S.
*/
#include "apportion.h"

#include <stdlib.h>

#include "arena.h"   /* xmalloc */
#include "invariant.h"

__extension__ typedef unsigned __int128 u128;

typedef struct Party {
    u128 p, q;      /* the next unit's average p/q; the remainder (in p) for Hamilton */
    int64_t w;      /* > 0 */
    size_t idx;     /* position in the caller's arrays */
    u128 seats;     /* units held; <= S */
} Party;

/* Compares a/b with c/d exactly (b, d > 0): -1, 0 or 1. Cross-multiplying
** would overflow 128 bits for the larger values, so when any operand is
** 64 bits or more this compares the continued fractions instead (Euclid's
** algorithm on both fractions at once): equal integer parts, then the
** reciprocals of the fractional parts compare the other way round. */
static int frac_cmp(u128 a, u128 b, u128 c, u128 d)
{
    for (;;) {
        if (((a | b | c | d) >> 64) == 0) {
            u128 l = a * d, r = c * b;   /* each < 2^128 */
            return (l > r) - (l < r);
        }
        u128 qa = a / b, qc = c / d;
        if (qa != qc)
            return qa < qc ? -1 : 1;
        a -= qa * b;
        c -= qc * d;
        if (a == 0)
            return c == 0 ? 0 : -1;
        if (c == 0)
            return 1;
        /* a/b < c/d  <=>  d/c < b/a, with 0 < a < b and 0 < c < d. */
        u128 na = d, nb = c, nc = b, nd = a;
        a = na, b = nb, c = nc, d = nd;
    }
}

/* Does x come before y in the order of the header: the higher average (or
** remainder), then the larger weight, then the lower index. */
static bool party_before(const Party *x, const Party *y)
{
    int c = frac_cmp(x->p, x->q, y->p, y->q);
    if (c != 0)
        return c > 0;
    if (x->w != y->w)
        return x->w > y->w;
    return x->idx < y->idx;
}

/* qsort order for Hamilton: largest remainder (p, common denominator W) first. */
static int remainder_order(const void *a, const void *b)
{
    const Party *x = a, *y = b;
    if (x->p != y->p)
        return x->p > y->p ? -1 : 1;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* The divisor sequence, as what step 2 needs from it. */
typedef struct Divisors {
    bool sainte_lague;
    u128 num, den;   /* Sainte-Laguë's first divisor f = num/den >= 1 */
    u128 m;          /* seats in the first block: those with divisor <= f */
} Divisors;

/* Sets x->p/x->q to the average of x's next unit: w/(s+1) for D'Hondt;
** w/max(f, 2s+1) for Sainte-Laguë, which is w*den/num inside the first
** block and w/(2s+1) after it. */
static void set_average(Party *x, const Divisors *dv)
{
    if (!dv->sainte_lague) {
        x->p = (u128)x->w;
        x->q = x->seats + 1;
    } else if (x->seats < dv->m) {
        x->p = (u128)x->w * dv->den;
        x->q = dv->num;
    } else {
        x->p = (u128)x->w;
        x->q = 2 * x->seats + 1;
    }
}

static void sift_down(Party *h, size_t n, size_t i)
{
    for (;;) {
        size_t best = i, l = 2 * i + 1, r = l + 1;
        if (l < n && party_before(&h[l], &h[best]))
            best = l;
        if (r < n && party_before(&h[r], &h[best]))
            best = r;
        if (best == i)
            return;
        Party t = h[i];
        h[i] = h[best];
        h[best] = t;
        i = best;
    }
}

/* Step 2: hands out the remaining units from a max-heap of next averages.
** Inside Sainte-Laguë's first block all units are worth the same and come
** consecutively in the order (see the top), so the block goes at once. */
static void complete(Party *ps, size_t np, u128 remaining, const Divisors *dv)
{
    for (size_t i = 0; i < np; i++)
        set_average(&ps[i], dv);
    for (size_t i = np / 2; i-- > 0;)
        sift_down(ps, np, i);
    while (remaining > 0) {
        Party *top = &ps[0];
        u128 block = 1;
        if (dv->sainte_lague && top->seats < dv->m)
            block = dv->m - top->seats;
        if (block > remaining)
            block = remaining;
        top->seats += block;
        remaining -= block;
        set_average(top, dv);
        sift_down(ps, np, 0);
    }
}

/* Sainte-Laguë's estimate for threshold W/T: the number of w's entries worth
** at least W/T, floor((w*T/W + 1)/2) if w*T/W >= f, else 0; saturated at cap.
** Exact for any T < 2^127 (the search may try large ones). */
static u128 sl_count(int64_t w, u128 T, int64_t W, const Divisors *dv, u128 cap)
{
    /* w*T/W >= num/den  <=>  T >= num*W / (den*w), T an integer. */
    u128 x = dv->num * (u128)W, y = dv->den * (u128)w;   /* each < 2^126 */
    u128 need = x / y + (x % y != 0);
    if (T < need)
        return 0;
    /* floor((w*T + W) / 2W) with T = q*2W + r: w*q + floor((w*r + W) / 2W). */
    u128 w2 = 2 * (u128)W;
    u128 q = T / w2, r = T % w2;
    u128 c = ((u128)w * r + (u128)W) / w2;   /* w*r < 2^127 */
    if (q != 0) {
        if ((u128)w > cap / q)
            return cap;
        c += (u128)w * q;
    }
    return c < cap ? c : cap;
}

/* sum of sl_count over the parties, saturated at S + 1 ("too many"). */
static u128 sl_total(const Party *ps, size_t np, u128 T, int64_t W, const Divisors *dv, u128 S)
{
    u128 sum = 0;
    for (size_t i = 0; i < np && sum <= S; i++)
        sum += sl_count(ps[i].w, T, W, dv, S + 1);
    return sum;
}

/* Sainte-Laguë step 1; returns the units still to hand out. */
static u128 sainte_lague_estimate(Party *ps, size_t np, u128 S, int64_t W, const Divisors *dv)
{
    u128 T = 2 * S > np ? 2 * S - np : 0;
    u128 sum = sl_total(ps, np, T, W, dv, S);
    if (NEVER(sum > S)) {
        T = 0;   /* proven impossible at the top; 0 is always safe */
        sum = 0;
    }
    if (S - sum > 2 * (u128)np) {
        /* Far off (only for f > 3): find the largest T with total <= S. */
        const u128 t_max = (u128)1 << 126;
        u128 lo = T, hi = T;
        for (;;) {
            hi = hi < t_max ? 2 * hi + 1 : 0;
            if (hi == 0 || sl_total(ps, np, hi, W, dv, S) > S)
                break;
            lo = hi;
        }
        if (hi != 0) {
            while (hi - lo > 1) {
                u128 mid = lo + (hi - lo) / 2;
                if (sl_total(ps, np, mid, W, dv, S) <= S)
                    lo = mid;
                else
                    hi = mid;
            }
        }
        T = lo;
    }
    sum = 0;
    for (size_t i = 0; i < np; i++) {
        ps[i].seats = sl_count(ps[i].w, T, W, dv, S + 1);
        sum += ps[i].seats;
    }
    return S - sum;
}

bool apportion(Money total, Money unit, const int64_t *w, size_t n, Apportion method, Ratio first_divisor,
               Money *parts, Money *leftover)
{
    if (leftover == NULL || (n > 0 && (w == NULL || parts == NULL)))
        return false;
    if (total < 0 || unit < 1)
        return false;
    if (method != APPORTION_LARGEST_REMAINDER && method != APPORTION_DHONDT && method != APPORTION_SAINTE_LAGUE)
        return false;
    if (method == APPORTION_SAINTE_LAGUE && (first_divisor.den <= 0 || first_divisor.num < first_divisor.den))
        return false;
    int64_t W = 0;
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] < 0 || w[i] > INT64_MAX - W)
            return false;
        W += w[i];
        np += w[i] > 0;
    }

    int64_t S = total / unit;
    if (W == 0 || S == 0) {
        /* Nothing to divide by, or nothing to divide. */
        for (size_t i = 0; i < n; i++)
            parts[i] = 0;
        *leftover = total;
        return true;
    }

    Party *ps = xmalloc(np * sizeof *ps);
    for (size_t i = 0, j = 0; i < n; i++) {
        if (w[i] > 0)
            ps[j++] = (Party){.w = w[i], .idx = i};
    }

    u128 s = (u128)S;
    if (method == APPORTION_LARGEST_REMAINDER) {
        u128 given = 0;
        for (size_t j = 0; j < np; j++) {
            u128 prod = s * (u128)ps[j].w;   /* < 2^126 */
            ps[j].seats = prod / (u128)W;
            ps[j].p = prod % (u128)W;
            given += ps[j].seats;
        }
        /* sum of remainders = W * (S - given) and each is < W, so fewer
        ** than np units are left and every one goes to a distinct party. */
        qsort(ps, np, sizeof *ps, remainder_order);
        for (size_t j = 0; given < s; j++, given++)
            ps[j].seats++;
    } else if (method == APPORTION_DHONDT) {
        Divisors dv = {.sainte_lague = false};
        u128 given = 0;
        for (size_t j = 0; j < np; j++) {
            ps[j].seats = s * (u128)ps[j].w / (u128)W;   /* lower quota */
            given += ps[j].seats;
        }
        complete(ps, np, s - given, &dv);
    } else {
        Divisors dv = {.sainte_lague = true,
                       .num = (u128)first_divisor.num,
                       .den = (u128)first_divisor.den};
        /* k = 0 has divisor f; k >= 1 has 2k+1 <= f iff k <= (f-1)/2. */
        dv.m = 1 + (dv.num - dv.den) / (2 * dv.den);
        u128 remaining = sainte_lague_estimate(ps, np, s, W, &dv);
        complete(ps, np, remaining, &dv);
    }

    for (size_t i = 0; i < n; i++)
        parts[i] = 0;
    for (size_t j = 0; j < np; j++)
        parts[ps[j].idx] = (Money)ps[j].seats * unit;   /* <= S*unit <= total */
    *leftover = total - S * unit;
    free(ps);
    return true;
}
