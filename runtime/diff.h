/*
** diff.h: medel diff, the difference between two agreements in substance, as
** a policy officer would put it: the agreement's name and year, focus areas,
** application fields, tables, pots (amounts to the öre, with the difference
** in kronor), splits, how pots are handed out, criteria, priorities and
** portfolio constraints. Things are matched by name, never by line, so
** reordering or reformatting a rule file is no difference.
**
** One line per change, in a fixed order: agreement, focus areas,
** application fields, tables, pots (tree order of the new file), criteria,
** priorities, portfolio constraints; then "N ändringar", or "Inga skillnader
** i sak." when there are none. Criteria, conditions and types are rule text
** in the language of each rule file ("krav målgrupp inom 12..22 → krav
** målgrupp inom 13..22"); the words around them are messages in the user's
** language (Swedish unless English is asked for). With json, a JSON list of
** objects {kind, name, what, old, new, diff_ore} instead, one per line of the
** text, kind and what in Swedish whatever the language.
*/
#ifndef RUNTIME_DIFF_H
#define RUNTIME_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "program.h"

/* The differences between two checked programs, written to out as above
** (the final count line included, in text form). Returns the number of
** changes. For tests and for commands that already hold both programs. */
size_t diff_programs(const Program *old_prog, const Program *new_prog, bool json, FILE *out);

#endif
