/*
** invariant.h: invariants written as code rather than as "cannot happen"
** comments, in the manner of SQLite's ALWAYS and NEVER.
**
**   ASSERT(x)   x holds, and nothing after it handles the case that it does
**               not: a pure statement of what is true at that point.
**   ALWAYS(x)   x holds; yields x (as 0 or 1), so the code still handles the
**               impossible case:   if (!ALWAYS(w)) return 0;
**   NEVER(x)    x does not hold; yields x (as 0 or 1):
**               if (NEVER(n > cap)) return bail(…);
**
** With MEDEL_INVARIANTS defined (the CMake option of that name: on in Debug
** builds and whenever the tests are built, so the test suite, the sanitizer
** build and the fuzzers all run with it), a broken invariant prints
**     medel: internal error: invariant failed: x (file.c:123)
** on standard error and aborts, so that a test or a fuzzer stops at the bug
** rather than far from it. Without it, ASSERT evaluates nothing (its
** expression must have no side effects) and ALWAYS/NEVER only yield x, so a
** release build does what it did before: the graceful handling after an
** ALWAYS or NEVER (an internal error, exit 70) instead of a crash.
*/
#ifndef LANG_INVARIANT_H
#define LANG_INVARIANT_H

#ifdef MEDEL_INVARIANTS

#include <stdio.h>
#include <stdlib.h>

/* Says which invariant broke, and where, then aborts. */
static inline _Noreturn void medel_invariant_failed(const char *what, const char *file, int line)
{
    fprintf(stderr, "medel: internal error: invariant failed: %s (%s:%d)\n", what, file, line);
    fflush(stderr);
    abort();
}

/* The file's name without its folders where the compiler knows it. */
#ifdef __FILE_NAME__
#define MEDEL_INVARIANT_FILE __FILE_NAME__
#else
#define MEDEL_INVARIANT_FILE __FILE__
#endif

#define ASSERT(x) ((x) ? (void)0 : medel_invariant_failed(#x, MEDEL_INVARIANT_FILE, __LINE__))
#define ALWAYS(x) ((x) ? 1 : (medel_invariant_failed(#x, MEDEL_INVARIANT_FILE, __LINE__), 0))
#define NEVER(x) ((x) ? (medel_invariant_failed("!(" #x ")", MEDEL_INVARIANT_FILE, __LINE__), 1) : 0)

#else

#define ASSERT(x) ((void)sizeof(!(x)))
#define ALWAYS(x) (!!(x))
#define NEVER(x) (!!(x))

#endif

#endif
