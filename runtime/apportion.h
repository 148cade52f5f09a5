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

#endif
