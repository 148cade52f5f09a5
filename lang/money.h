/*
** money.h: exact amounts and shares. Money is an integer count of öre; every
** operation is checked and reports overflow instead of wrapping. A Ratio is an
** exact fraction (a percentage such as 12,5 % is 1/8), never a float.
*/
#ifndef LANG_MONEY_H
#define LANG_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t Money;   /* öre; 100 öre = 1 kr */

#define MONEY_ORE_PER_KR 100
#define MONEY_MAX INT64_MAX

typedef struct Ratio {
    int64_t num;   /* reduced; sign lives here */
    int64_t den;   /* > 0 */
} Ratio;

/* Checked arithmetic: returns false on overflow (and leaves *out untouched). */
bool money_add(Money a, Money b, Money *out);
bool money_sub(Money a, Money b, Money *out);
bool money_mul_int(Money a, int64_t k, Money *out);

/* Makes num/den into a reduced Ratio with den > 0. Returns false if den is 0
** or the result does not fit. */
bool ratio_make(int64_t num, int64_t den, Ratio *out);
bool ratio_add(Ratio a, Ratio b, Ratio *out);
bool ratio_sub(Ratio a, Ratio b, Ratio *out);
int ratio_cmp(Ratio a, Ratio b);           /* -1, 0, 1; exact */

/* a * r, exactly, as a quotient and remainder in öre: a*r = *whole + *rem/r.den
** with 0 <= *rem < r.den for non-negative inputs. Returns false on overflow. */
bool money_mul_ratio(Money a, Ratio r, Money *whole, int64_t *rem);

/* Parses an amount as people write it: "35 000 000 kr", "35 MSEK",
** "4 528 193 kronor", "1,5 MSEK", "1500000", "1 500 000,50 kr", "12 tkr".
** Digit groups may be separated by space, no-break space (U+00A0) or narrow
** no-break space (U+202F); the decimal separator is ',' or '.'. Units (case as
** written here): öre, kr, kronor, krona, SEK, :-, tkr, TSEK, MSEK, mnkr, Mkr,
** "miljoner kronor", "miljoner kr", "miljon kronor", "miljon kr", "miljoner",
** "miljon". With no unit the amount is in kronor when allow_bare is true.
** Returns MONEY_OK or the reason it failed; on MONEY_ERR_UNIT, *unit_start and
** *unit_len locate the unit word in s, so the caller can say "unknown unit
** 'MSEKK'" (length 0: the unit is missing). */
typedef enum MoneyErr {
    MONEY_OK,
    MONEY_ERR_SYNTAX,     /* not a number as written */
    MONEY_ERR_UNIT,       /* unknown unit word */
    MONEY_ERR_FRACTION,   /* finer than 1 öre */
    MONEY_ERR_RANGE,      /* larger than the öre range */
    MONEY_ERR_NEGATIVE,   /* a minus sign where amounts are never negative */
    MONEY_ERR_AMBIGUOUS   /* "450.000 kr", "1.500 MSEK", "450,000": thousands or decimals? */
} MoneyErr;

MoneyErr money_parse(const char *s, size_t len, bool allow_bare, Money *out,
                     size_t *unit_start, size_t *unit_len);

/* Parses a decimal number with ',' or '.' as decimal separator and optional
** digit-group spaces ("12,5", "4", "1 000") into an exact Ratio. Returns
** MONEY_ERR_SYNTAX for "4,5,6" and the like, MONEY_ERR_RANGE when too long. */
MoneyErr decimal_parse(const char *s, size_t len, Ratio *out);

/* Parses "12,5 %" / "4%" / "4 procent" into the fraction of 1 (12,5 % -> 1/8). */
MoneyErr percent_parse(const char *s, size_t len, Ratio *out);

/* Formats an amount the Swedish way: "35 000 000 kr", "1 500,50 kr",
** "-12 kr" (öre only when non-zero). Writes at most n bytes including the NUL
** and returns buf. 40 bytes are always enough. */
char *money_format(Money m, char *buf, size_t n);

/* Formats an integer with its digits in groups of three, as amounts are
** written: "10 000 000", "-1 234". Same buffer contract; 32 bytes are always
** enough. */
char *int_format(int64_t v, char *buf, size_t n);

/* Formats a Ratio as a percentage: "4 %", "12,5 %", "33,333333 %" (at most 6
** decimals, marked with "≈" in front when not exact). Same buffer contract;
** 48 bytes are always enough. */
char *percent_format(Ratio r, char *buf, size_t n);

#endif
