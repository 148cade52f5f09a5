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

/* ---- split rules (issue 17): threshold, base, minimum and cap ---- */

bool apportion_excluded(int64_t w, int64_t W, const SplitRules *r)
{
    if (w <= 0)
        return true;
    if (!r)
        return false;
    if (r->threshold_min > 0 && w < r->threshold_min)
        return true;
    /* w < p * W with p = num/den  <=>  w/num < W/den (num > 0). */
    if (r->threshold_share && r->threshold_pct.num > 0 && r->threshold_pct.den > 0)
        return frac_cmp((u128)w, (u128)r->threshold_pct.num, (u128)W, (u128)r->threshold_pct.den) < 0;
    return false;
}

/* A breakpoint a/b of the clamped quotas: lambda where a row reaches its
** minimum (a = lo) or its cap (a = hi), b its weight. */
typedef struct Break {
    u128 a, b;
} Break;

static int break_order(const void *x, const void *y)
{
    const Break *p = x, *q = y;
    return frac_cmp(p->a, p->b, q->a, q->b);
}

/* The sign of f(a/b) - S, where f(lambda) = sum of clamp(lambda * w_i, lo, hi)
** over the rows (exact: all terms over the common denominator b). */
static int clamped_cmp(const int64_t *w, const size_t *rows, size_t m, u128 lo, u128 hi, u128 a, u128 b, u128 S)
{
    u128 fixed = 0, num = 0;
    for (size_t j = 0; j < m; j++) {
        u128 x = a * (u128)w[rows[j]];   /* a <= S < 2^63 */
        if (x <= lo * b)
            fixed += lo;
        else if (x >= hi * b)
            fixed += hi;
        else
            num += x;                    /* sum < S * W < 2^126 */
        if (fixed > S)
            return 1;
    }
    u128 l = fixed * b + num, rr = S * b;   /* each < 2^127 */
    return (l > rr) - (l < rr);
}

/* Largest remainder under [lo, hi] units per row (n*lo <= S < n*hi): the
** exact quotas clamp(lambda * w_i, lo, hi) summing to S, then apportion's
** largest remainder among the rows strictly inside. units[] by position. */
static bool bounded_hamilton(const int64_t *w, const size_t *rows, size_t m, u128 lo, u128 hi, u128 S,
                             int64_t *units, unsigned *flags)
{
    Break *bs = xmalloc((2 * m + 1) * sizeof *bs);
    size_t nb = 0;
    for (size_t j = 0; j < m; j++) {
        bs[nb++] = (Break){lo, (u128)w[rows[j]]};
        bs[nb++] = (Break){hi, (u128)w[rows[j]]};
    }
    qsort(bs, nb, sizeof *bs, break_order);
    /* f(first) = m*lo <= S and f(last) = m*hi > S: find the last
    ** breakpoint a with f(a) <= S; b is the next one. */
    size_t lo_i = 0, hi_i = nb - 1;
    while (hi_i - lo_i > 1) {
        size_t mid = lo_i + (hi_i - lo_i) / 2;
        if (clamped_cmp(w, rows, m, lo, hi, bs[mid].a, bs[mid].b, S) <= 0)
            lo_i = mid;
        else
            hi_i = mid;
    }
    Break la = bs[lo_i], lb = bs[hi_i];
    free(bs);
    /* Between la and lb no row changes state: at its cap if already there
    ** at la, at its minimum if still there at lb, free otherwise. */
    int64_t *fw = xmalloc((m + 1) * sizeof *fw);
    Money *fp = xmalloc((m + 1) * sizeof *fp);
    size_t *fr = xmalloc((m + 1) * sizeof *fr);
    size_t nf = 0;
    u128 rest = S;
    for (size_t j = 0; j < m; j++) {
        u128 wj = (u128)w[rows[j]];
        if (la.a * wj >= hi * la.b) {
            units[j] = (int64_t)hi;
            flags[j] |= SPLIT_CAPPED;
            rest -= hi;
        } else if (lb.a * wj <= lo * lb.b) {
            units[j] = (int64_t)lo;
            if (lo > 0)
                flags[j] |= SPLIT_RAISED;
            rest -= lo;
        } else {
            fr[nf] = j;
            fw[nf++] = w[rows[j]];
        }
    }
    Money left = 0;
    bool ok = nf > 0 && rest <= (u128)INT64_MAX &&
              apportion((Money)rest, 1, fw, nf, APPORTION_LARGEST_REMAINDER, (Ratio){1, 1}, fp, &left) && left == 0;
    for (size_t k = 0; ok && k < nf; k++) {
        units[fr[k]] = fp[k];
        ok = (u128)fp[k] >= lo && (u128)fp[k] <= hi;
    }
    free(fw);
    free(fp);
    free(fr);
    return ALWAYS(ok);
}

/* Divisor methods under [lo, hi] units per row (n*lo <= S < n*hi). The
** bounded one-at-a-time procedure takes, in the unbounded procedure's order
** of units, the allowed ones (a row's units lo+1 … hi), after the lo each
** row holds at the start. The unbounded procedure is house monotone (one
** more unit goes to exactly one row), so with u(T) its result for T units,
** g(T) = sum clamp(u_i(T), lo, hi) grows by at most 1 per unit and the
** smallest T with g(T) >= S gives g(T) = S and the bounded result clamp(u(T)). */
static bool bounded_divisor(const int64_t *w, const size_t *rows, size_t m, u128 lo, u128 hi, u128 S,
                            Apportion method, Ratio first_divisor, int64_t *units, unsigned *flags)
{
    /* A row that reaches its cap at some T below the answer stays capped
    ** (u_i grows with T), so it leaves the search with its hi units: the
    ** rest is the same procedure on the other rows' units in the same
    ** order. Without that, a light row next to a heavy capped one could
    ** need more units T than an int64 holds. act[0..na) are the rows still
    ** searched, by position in rows[]. */
    size_t *act = xmalloc((m + 1) * sizeof *act);
    int64_t *fw = xmalloc((m + 1) * sizeof *fw);
    Money *u = xmalloc((m + 1) * sizeof *u);
    size_t na = m;
    for (size_t j = 0; j < m; j++)
        act[j] = j;
    u128 target = S;
    bool ok = true, done = false;
    int64_t T = 0;
    /* g(T) = sum of clamp(u_i(T), lo, hi) over the active rows, u filled. */
#define G(t, out)                                                                                \
    do {                                                                                         \
        Money left_;                                                                             \
        u128 g_ = 0;                                                                             \
        ok = apportion((Money)(t), 1, fw, na, method, first_divisor, u, &left_);                 \
        for (size_t j_ = 0; ok && j_ < na; j_++)                                                 \
            g_ += (u128)u[j_] < lo ? lo : (u128)u[j_] > hi ? hi : (u128)u[j_];                   \
        (out) = g_;                                                                              \
    } while (0)
    while (ok && !done) {
        for (size_t k = 0; k < na; k++)
            fw[k] = w[rows[act[k]]];
        u128 g = 0;
        int64_t lo_t = 0, hi_t = target > (u128)INT64_MAX ? INT64_MAX : (int64_t)target;
        G(0, g);
        if (!ok)
            break;
        if (g >= target) {
            T = 0;
            done = true;
            break;
        }
        bool restart = false;
        for (;;) {
            G(hi_t, g);
            if (!ok || g >= target)
                break;
            /* Rows already at their cap leave the search. */
            size_t kept = 0;
            for (size_t k = 0; k < na; k++) {
                if ((u128)u[k] >= hi) {
                    units[act[k]] = (int64_t)hi;
                    flags[act[k]] |= SPLIT_CAPPED;
                    target -= hi;
                } else {
                    act[kept++] = act[k];
                }
            }
            if (kept < na) {
                na = kept;
                restart = true;
                break;
            }
            lo_t = hi_t;
            if (hi_t > INT64_MAX / 2) {
                ok = false;   /* not reached: the active rows' units grow with T */
                break;
            }
            hi_t = 2 * hi_t + 1;
        }
        if (restart || !ok)
            continue;
        while (ok && hi_t - lo_t > 1) {
            int64_t mid = lo_t + (hi_t - lo_t) / 2;
            G(mid, g);
            if (g >= target)
                hi_t = mid;
            else
                lo_t = mid;
        }
        T = hi_t;
        done = true;
    }
    u128 g = 0;
    if (ok && done) {
        for (size_t k = 0; k < na; k++)
            fw[k] = w[rows[act[k]]];
        G(T, g);
    }
#undef G
    ok = ok && done && g == target;
    for (size_t k = 0; ok && k < na; k++) {
        u128 x = (u128)u[k];
        size_t j = act[k];
        if (x >= hi) {
            units[j] = (int64_t)hi;
            flags[j] |= SPLIT_CAPPED;
        } else if (x < lo) {
            units[j] = (int64_t)lo;
            flags[j] |= SPLIT_RAISED;
        } else {
            units[j] = (int64_t)x;
        }
    }
    free(act);
    free(fw);
    free(u);
    return ok;
}

SplitStatus apportion_rules(Money total, Money unit, const int64_t *w, size_t n, Apportion method,
                            Ratio first_divisor, const SplitRules *r, Money *parts, SplitShare *detail,
                            Money *leftover, Money *needed)
{
    static const SplitRules none = {0};
    if (!r)
        r = &none;
    if (needed)
        *needed = 0;
    if (leftover == NULL || (n > 0 && (w == NULL || parts == NULL)) || total < 0 || unit < 1)
        return SPLIT_INVALID;
    if (r->base < 0 || r->cap < 0 || r->min_units < 0 || r->threshold_min < 0 || r->base % unit != 0 ||
        r->cap % unit != 0)
        return SPLIT_INVALID;
    bool plain = r->base == 0 && r->cap == 0 && r->min_units == 0 && r->threshold_min == 0 && !r->threshold_share;
    if (plain) {
        /* No rules: exactly apportion (and the reports' parts say so). */
        if (!apportion(total, unit, w, n, method, first_divisor, parts, leftover))
            return SPLIT_INVALID;
        for (size_t i = 0; detail && i < n; i++)
            detail[i] = (SplitShare){0, parts[i], w[i] > 0 ? 0u : (unsigned)SPLIT_EXCLUDED};
        return SPLIT_OK;
    }
    int64_t W = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] < 0 || w[i] > INT64_MAX - W)
            return SPLIT_INVALID;
        W += w[i];
    }
    size_t *rows = xmalloc((n + 1) * sizeof *rows);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!apportion_excluded(w[i], W, r))
            rows[m++] = i;
    /* Each remaining row needs base + min_units units before any share. */
    u128 per = (u128)r->base + (u128)r->min_units * (u128)unit;   /* < 2^127 */
    u128 need = per * (u128)m;
    if (need > (u128)total) {
        if (needed)
            *needed = need > (u128)INT64_MAX ? INT64_MAX : (Money)need;
        free(rows);
        return SPLIT_OVER_POT;
    }
    u128 rest = (u128)total - (u128)r->base * m;
    u128 S = rest / (u128)unit;   /* units of the rest to hand out */
    u128 lo = (u128)r->min_units;
    u128 hi = r->cap > 0 ? (u128)(r->cap - r->base) / (u128)unit : S;
    if (r->cap > 0 && r->cap < r->base + (Money)lo * unit) {
        free(rows);
        return SPLIT_INVALID;   /* the checker rejects a cap below base plus minimum */
    }
    if (hi > S)
        hi = S;   /* no row can take more than everything: keeps the products small */
    int64_t *units = xmalloc((m + 1) * sizeof *units);
    unsigned *flags = xmalloc((m + 1) * sizeof *flags);
    for (size_t j = 0; j < m; j++)
        flags[j] = 0;
    bool ok = true;
    if (m == 0) {
        /* every row excluded: the whole pot stays */
    } else if (hi * m <= S) {
        /* Every row reaches its cap (or the rest is all theirs at hi == S with one row). */
        for (size_t j = 0; j < m; j++) {
            units[j] = (int64_t)hi;
            if (r->cap > 0)
                flags[j] |= SPLIT_CAPPED;
        }
    } else if (method == APPORTION_LARGEST_REMAINDER) {
        ok = bounded_hamilton(w, rows, m, lo, hi, S, units, flags);
    } else {
        ok = bounded_divisor(w, rows, m, lo, hi, S, method, first_divisor, units, flags);
    }
    if (ok) {
        for (size_t i = 0; i < n; i++) {
            parts[i] = 0;
            if (detail)
                detail[i] = (SplitShare){0, 0, SPLIT_EXCLUDED};
        }
        Money sum = 0;
        for (size_t j = 0; j < m; j++) {
            if (r->cap == 0)
                flags[j] &= ~(unsigned)SPLIT_CAPPED;   /* hi was only "everything" */
            Money share = units[j] * unit;   /* <= S * unit <= total */
            parts[rows[j]] = r->base + share;
            sum += parts[rows[j]];
            if (detail)
                detail[rows[j]] = (SplitShare){r->base, share, flags[j]};
        }
        *leftover = total - sum;
        ok = ALWAYS(sum <= total);
    }
    free(units);
    free(flags);
    free(rows);
    return ok ? SPLIT_OK : SPLIT_INVALID;
}
