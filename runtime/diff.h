/*
** diff.h: medel diff, the difference between two agreements in substance, as
** a policy officer would put it: the agreement's name and year, focus areas,
** application fields, tables, pots (amounts to the öre, with the difference
** in kronor), splits, how pots are handed out, criteria, priorities and
** portfolio constraints. Things are matched by name, never by line, so
** reordering or reformatting a rule file is no difference.
**
** One line per change, in Swedish, in a fixed order: agreement, focus areas,
** application fields, tables, pots (tree order of the new file), criteria,
** priorities, portfolio constraints; then "N ändringar", or "Inga skillnader
** i sak." when there are none. With json, a JSON list of objects
** {kind, name, what, old, new, diff_ore} instead, one per line of the text.
*/
#ifndef RUNTIME_DIFF_H
#define RUNTIME_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "commands.h"
#include "program.h"

/* The exit code when the agreements differ, as diff(1) and cmp(1) have it,
** so a script can ask "did anything change?" without reading the output. */
enum { MEDEL_DIFF_DIFFERS = 1 };

/* medel diff OLD NEW: loads both rule files (each on its own, with its own
** data files and base files) and writes their differences to out.
** Diagnostics of the files go to err. Returns
**   0  (MEDEL_EXIT_OK)        both load and do not differ in substance,
**   1  (MEDEL_DIFF_DIFFERS)   both load and differ,
**   65 (MEDEL_EXIT_RULES)     a file has errors (nothing is written to out),
**   66 (MEDEL_EXIT_NOINPUT)   a file cannot be read (this wins over 65),
**   74 (MEDEL_EXIT_IO)        out cannot be written. */
/* medel_diff is declared in commands.h. */

/* The differences between two checked programs, written to out as above
** (the final count line included, in text form). Returns the number of
** changes. For tests and for commands that already hold both programs. */
size_t diff_programs(const Program *old_prog, const Program *new_prog, bool json, FILE *out);

#endif
