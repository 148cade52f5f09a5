/*
** inherit.h: the warnings of a rule file that extends another (`utökar`),
** about what it inherits without a word. After program.c has merged the
** file with the files it extends, inherit_check looks at every text the
** merged program takes from an earlier file (the agreement's name, källa,
** stycke and beslut; the labels of pots, criteria, priorities, portfolio
** constraints and focus areas; their skäl, källa, stycke and beslut):
**
**  - one that names a year outside the merged agreement's år or period
**    ("Satsning 2021" in the 2022 file), or says "årets" / "i år", when
**    the earlier file was for other years, is said at the text, with a note
**    at the later file's `utökar` and the `ändra` that replaces it (a file
**    of the same years as the one it extends, a revised agreement, keeps
**    what was true there);
**  - a criterion whose `krav` a later file changed while its `skäl` is an
**    earlier file's is said at the new krav, with a note at the old skäl.
**
** Texts the later file writes itself never warn. They are warnings, not
** errors: the rules still hold, but an officer reading the decision would
** see last year's words (--werror makes them errors; runtime/loader.h).
*/
#ifndef LANG_INHERIT_H
#define LANG_INHERIT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "program.h"
#include "source.h"

/* One place where a text names a year or a period: bytes [start, end) of
** the text, which names the years from..to (from == to for one year). */
typedef struct YearMention {
    size_t start, end;
    int from, to;
} YearMention;

/* Finds the years text[0..len) names, in order, into out (at most max;
** returns how many there are, which may be more than max). A year is four
** digits 1900..2099 standing alone: "2021", "år 2021", "(2021)",
** "S2021/01234". A period is two of them joined by a dash, an en dash or a
** slash, with or without spaces around an en dash: "2021–2022",
** "2021-2022", "2021 – 2022", and a second year of two digits, "2021/22",
** "2021–22", is in the first one's century. Not years: digits in a longer
** number ("12021", "2 021 kr", "2021,5", "2 000 000"), an amount or a share
** ("2000 kr", "1990 SEK", "2000 %"), and a Swedish statute number
** ("SFS 2021:34", the year a law was made, which is still in force). */
size_t inherit_find_years(const char *text, size_t len, YearMention *out, size_t max);

/* Whether text[0..len) says "årets" or "i år" (any case, as whole words);
** *start and *end get the bytes of the first. */
bool inherit_says_this_year(const char *text, size_t len, size_t *start, size_t *end);

/* The warnings above for the module `merged`: the file `derived` (the rule
** file given, with its `utökar`) merged with `base` (the file it extends,
** itself merged with what that extends). Nothing is said for a load of a
** scenario or one marked opt->reload: the baseline's load said it. Uses
** that program.c loads a file before the file it extends, so a later year's
** file has the smaller source id. */
void inherit_check(Arena *a, const SourceSet *set, Diags *d, const LoadOptions *opt, const Module *base,
                   const Module *derived, const Module *merged);

#endif
