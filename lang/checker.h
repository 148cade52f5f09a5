/*
** checker.h: the static checks that turn a parsed Module into a Program.
** program_load (program.h) is the usual entry; this is the step itself.
*/
#ifndef LANG_CHECKER_H
#define LANG_CHECKER_H

#include "program.h"

/* Checks a merged module (extends already applied) and builds the Program.
** Reports every problem into d and returns the program even when there were
** errors (parts may be missing then; only inspect it when d->n_errors is 0).
** root_dir is the folder data files must stay within (NULL: anywhere). */
Program *check_module(Arena *a, SourceSet *set, Diags *d, Module *m,
                      const char *root_dir, const LoadOptions *opt);

/* The checked, error-free program `base` with other pot amounts: a copy that
** shares everything with base but its pots, in which pot pots[i] has the
** amount written in amounts[i] (a 'belopp' property) as if it had been
** declared with it. Every amount is then computed and every split proven to
** conserve as check_module does, with the same diagnostics in d. The copy
** lives in `a` and borrows from base, which must outlive it. */
Program *check_new_amounts(Arena *a, Diags *d, const Program *base, const int *pots,
                           const Item *const *amounts, size_t n);

#endif
