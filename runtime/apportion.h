/*
** apportion.h: dividing a whole amount between parties in proportion to
** weights (youths per municipality, population per county), in whole rounding
** units, so that the parts plus what is left over equal the whole exactly.
** Three methods: largest remainder (Hamilton), D'Hondt, and Sainte-Laguë with
** a configurable first divisor (the Swedish modified method uses 1,2).
*/
#ifndef RUNTIME_APPORTION_H
#define RUNTIME_APPORTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "money.h"
#include "program.h"   /* Apportion */

/* Splits `total` öre among n parties by non-negative weights w[0..n).
** Every part is a whole multiple of `unit` öre (unit >= 1). The number of
** units handed out is floor(total / unit); the remainder (total mod unit, or
** all of total when every weight is 0) is returned in *leftover, so
**     sum(parts) + *leftover == total    exactly, always.
** first_divisor is used by APPORTION_SAINTE_LAGUE only (1/1 for the pure
** method, 6/5 for the Swedish modified one); divisors are then
** first_divisor, 3, 5, 7, …
** Ties (equal remainders or equal averages) go to the larger weight, then to
** the lower index (the order of the table's rows): deterministic and
** documented. A party with weight 0 gets 0.
** Returns false (parts untouched) if an argument is invalid (negative
** weight or total, unit < 1, first divisor < 1) or an intermediate would
** overflow; true otherwise. Runs in O(n log n), independent of the number of
** units (15 000 000 kr in 1 kr units is 15 million units). */
bool apportion(Money total, Money unit, const int64_t *w, size_t n, Apportion method, Ratio first_divisor,
               Money *parts, Money *leftover);

/* The rules of a split as Swedish state grants write them (issue 17), in
** öre and units, resolved against the pot's amount by the caller. */
typedef struct SplitRules {
    Money base;             /* grundbelopp: each remaining row first gets this; whole units; 0 = none */
    Money cap;              /* tak: no row gets more in total (base + share); whole units, >= base
                            ** + min_units * unit; 0 = none */
    bool threshold_share;   /* spärr p %: a row whose weight is below p % of the total weight is excluded */
    Ratio threshold_pct;    /* p as a fraction (4 % is 1/25), when threshold_share */
    int64_t threshold_min;  /* spärr K: a row whose weight is below K is excluded; 0 = none */
    int64_t min_units;      /* minst N enheter: each remaining row's share is at least N units; 0 = none */
} SplitRules;

/* What apportion_rules did for one row. */
enum {
    SPLIT_EXCLUDED = 1,     /* weight 0 or under the threshold: gets nothing */
    SPLIT_CAPPED = 2,       /* its total is the cap */
    SPLIT_RAISED = 4        /* its share was raised to the minimum number of units */
};

typedef struct SplitShare {
    Money base;             /* the grundbelopp it got (0 when excluded) */
    Money share;            /* its apportioned part of the rest */
    unsigned flags;         /* SPLIT_* */
} SplitShare;

typedef enum SplitStatus {
    SPLIT_OK,
    SPLIT_INVALID,          /* an argument is invalid or an intermediate would overflow (apportion's false) */
    SPLIT_OVER_POT          /* the rows left after the threshold need more than the pot: n * (base + min) > total */
} SplitStatus;

/* Splits `total` like apportion, under the rules r (NULL or all zero: exactly
** apportion's result). In order:
**  1. Rows of weight 0 and rows under the threshold are excluded: 0.
**  2. Each of the n remaining rows gets r->base.
**  3. The rest, total - n * base, is apportioned in whole units by `method`
**     among the remaining rows by weight, each share at least min_units
**     units and each total at most r->cap. Largest remainder: the exact
**     quotas are clamped to [min, cap] with one common factor
**     (x_i = clamp(lambda * w_i)), found exactly over rationals, and rounded
**     by largest remainder among the rows strictly between. Divisor methods:
**     every row starts at min_units units and the units are handed out one
**     at a time to the highest next average, skipping rows at their cap.
**     What no row can take (every row capped, or all excluded) stays in
**     *leftover with total mod unit.
** parts[i] = base + share; sum(parts) + *leftover == total, always.
** detail (may be NULL) gets each row's parts and flags. Returns SPLIT_OVER_POT
** (parts untouched) when n * (base + min_units * unit) > total, and sets
** *needed (if not NULL) to that amount, or INT64_MAX when it overflows.
** Memory: scratch is its own; nothing is kept. */
SplitStatus apportion_rules(Money total, Money unit, const int64_t *w, size_t n, Apportion method,
                            Ratio first_divisor, const SplitRules *r, Money *parts, SplitShare *detail,
                            Money *leftover, Money *needed);

/* Whether row weight w is excluded by r's threshold (or is 0), given the
** total weight W of all rows. Exact. */
bool apportion_excluded(int64_t w, int64_t W, const SplitRules *r);

#endif
