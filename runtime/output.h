/*
** output.h: writing result files so that a reader never sees half a file:
** the content goes to a temporary file in the same folder, which is flushed,
** synced and then renamed over the target. An interrupted run leaves the old
** file (or none). Also: SHA-256 of input files, for traceability.
*/
#ifndef RUNTIME_OUTPUT_H
#define RUNTIME_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct OutFile {
    FILE *f;          /* write here */
    char *path;       /* the target (owned) */
    char *tmp;        /* the temporary file (owned); NULL when writing to stdout */
    bool failed;      /* set by out_commit on failure; set it first to make out_commit discard */
    bool to_stdout;   /* held in a temporary file, copied to stdout by out_commit */
} OutFile;

/* Opens `path` for atomic writing, or standard output when path is NULL or
** "-" (held back until out_commit, so a failed run prints nothing).
** Refuses (returns false with a message in err, a buffer of errlen bytes)
** when path names one of the files in inputs[0..n_inputs) (compared by device
** and inode, so another spelling of the same file is caught), or when the
** temporary file cannot be created (e.g. the folder is not writable). */
bool out_open(OutFile *o, const char *path, const char *const *inputs, size_t n_inputs, char *err, size_t errlen);

/* Finishes: flush, fsync, close, rename over the target. Returns false (and
** removes the temporary file, leaving any old target untouched) if anything
** failed, e.g. a full disk; err explains. For stdout it only flushes. */
bool out_commit(OutFile *o, char *err, size_t errlen);

/* Abandons the output: removes the temporary file. Safe after out_commit. */
void out_abort(OutFile *o);

/* SHA-256 of a whole file as 64 lower-case hex digits plus NUL in hex[65].
** Returns false (errno set) if the file cannot be read. */
bool sha256_file(const char *path, char hex[65]);

/* SHA-256 of bytes in memory. */
void sha256_bytes(const void *data, size_t len, char hex[65]);

#endif
