/*
** loader.h: the one way to load a rule file: the memory, the source files
** and the diagnostics it needs set up together (loader_init), the program
** loaded and checked with its diagnostics rendered (loader_load), and
** everything freed together (loader_free). The commands and the session
** load through it, so they agree on what a load's outcome is.
*/
#ifndef RUNTIME_LOADER_H
#define RUNTIME_LOADER_H

#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "program.h"
#include "source.h"

/* A rule file's load: the program and everything it points into. */
typedef struct Loader {
    Arena a;          /* the program, its AST and what the caller puts here */
    SourceSet set;    /* every source file read (the rule file, its bases, scenario files) */
    Diags d;          /* the diagnostics, about set's files */
    Program *prog;    /* loader_load's result, or NULL */
} Loader;

/* Sets up an empty load. Call loader_free after, whatever happened. */
void loader_init(Loader *L);
void loader_free(Loader *L);

/* Sets up a load in parts kept elsewhere (a Session's), as loader_init
** does; free them with loader_free_parts. */
void loader_init_parts(Arena *a, SourceSet *set, Diags *d);
void loader_free_parts(Arena *a, SourceSet *set, Diags *d);

/* Loads and checks the rule file `path` (program_load with lo) into L,
** rendering its diagnostics on err (NULL: not rendered; they stay in L->d).
** Returns STATUS_NOINPUT when the file (or one it needs to be read at all)
** cannot be read, STATUS_RULES when it has errors, STATUS_HEADER when its
** only errors are data files' headers that lack a declared column, else
** STATUS_OK. With lo->werror a warning counts as an error (STATUS_RULES),
** said on err after the diagnostics. L->prog
** is the program (NULL when it could not be read). */
int loader_load(Loader *L, const char *path, const LoadOptions *lo, FILE *err);

/* The same on parts kept elsewhere; *prog gets the program. */
int loader_load_parts(Arena *a, SourceSet *set, Diags *d, const char *path, const LoadOptions *lo, FILE *err,
                      Program **prog);

/* loader_load with text not NULL: the rule file's text is text[0..len)
** (an editor's unsaved text), named path, whose folder data and extended
** files resolve against. text NULL reads the file. */
int loader_load_text(Loader *L, const char *path, const char *text, size_t len, const LoadOptions *lo, FILE *err);
int loader_load_parts_text(Arena *a, SourceSet *set, Diags *d, const char *path, const char *text, size_t len,
                           const LoadOptions *lo, FILE *err, Program **prog);

#endif
