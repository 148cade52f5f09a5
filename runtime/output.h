/*
** output.h: writing results so that a reader never sees half of one, and
** nothing at all of a run that fails. A regular file is replaced atomically
** (an anonymous temporary file in its folder, linked and renamed over it
** only when the run has succeeded); standard output, a FIFO or a terminal
** gets the bytes only at commit, from an unlinked temporary file. Also:
** SHA-256 of input files, for traceability, and a stream that shows control
** and invisible characters escaped, for text meant for a terminal.
*/
#ifndef RUNTIME_OUTPUT_H
#define RUNTIME_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct OutFile {
    FILE *f;          /* write here */
    char *path;       /* the output as the user named it, for messages (owned); NULL for stdout */
    char *target;     /* the file a replacement is renamed over: path with links resolved (owned) */
    char *tmp;        /* a named temporary file (owned), or NULL (an anonymous one, or direct) */
    bool failed;      /* set by out_commit on failure; set it first to make out_commit discard */
    bool to_stdout;   /* held in a temporary file, copied to standard output by out_commit */
    bool direct;      /* held in a temporary file, copied to dest_fd by out_commit (FIFO, device, stdout) */
    int dest_fd;      /* direct: where the bytes go at commit (owned unless it is standard output) */
    bool keep;        /* replacing: the old file's mode and owner below are kept */
    mode_t mode;
    uid_t uid;
    gid_t gid;
    FILE *raw;        /* when f is an escaping stream (out_escape): the file under it */
    FILE *dest;       /* to_stdout: the stream the bytes go to at commit instead (borrowed), or NULL */
} OutFile;

/* Opens `path` for writing, or standard output when path is NULL or "-".
** Nothing reaches the destination before out_commit. Symbolic links are
** followed to their final target, which is replaced if it is a regular file
** (keeping its mode and owner; a new file gets 0666 & ~umask) and written
** directly if it is a FIFO, a character device or the process's standard
** output; a link itself is never replaced.
** Refuses (returns false with a message in err, a buffer of errlen bytes)
** when the target is one of the files in inputs[0..n_inputs) (compared by
** device and inode, so another spelling or a link is caught; "-" is
** standard input), or when the output cannot be created. */
bool out_open(OutFile *o, const char *path, const char *const *inputs, size_t n_inputs, char *err, size_t errlen);

/* When o is standard output (out_open with NULL or "-"), makes out_commit
** write the held bytes to `dest` (which the caller keeps open) instead of
** file descriptor 1, so a program that runs a command in-process gets its
** report on the stream it gave. Nothing changes for a named output, or when
** dest is NULL or stdout. Call right after out_open. */
void out_to_stream(OutFile *o, FILE *dest);

/* Makes o->f show control and invisible characters escaped (out_escape_text),
** for table output meant for people. Call right after out_open. */
void out_escape(OutFile *o);

/* Finishes: flush, fsync, then rename over the target or copy to the
** destination. Returns false (and removes the temporary file, leaving any
** old target untouched and the destination without a byte) if anything
** failed, e.g. a full disk; err explains. */
bool out_commit(OutFile *o, char *err, size_t errlen);

/* Abandons the output: removes the temporary file. Safe after out_commit. */
void out_abort(OutFile *o);

/* Removes the named temporary file of the output being written, if any,
** without touching anything else: for a process that must end at once (out
** of memory on any thread). Async-signal-safe, as the signal cleanup. */
void out_abandon(void);

/* A stream over `under` that writes what it is given with control and
** invisible characters escaped (see out_escape_text); '\n' passes.
** Closing it flushes it and leaves `under` open. NULL if it cannot be made. */
FILE *out_escaping_stream(FILE *under);

/* SHA-256 of a whole file as 64 lower-case hex digits plus NUL in hex[65].
** Returns false (errno set) if the file cannot be read. */
bool sha256_file(const char *path, char hex[65]);

/* Makes standard input readable again from the start, as many times as
** it is read (each reading through stdin_open): a regular file is hashed
** where it is (and each reading starts at its offset); a pipe, a terminal or
** a device is copied into an unlinked temporary file as it is read, never
** ahead of the reader, so an endless one (/dev/zero) is stopped by the
** reader's own limits. A second call only rewinds a regular file. Returns
** false with errno set when standard input cannot be read. */
bool stdin_prepare(void);

/* A stream that reads standard input from its start (calling stdin_prepare
** first if it has not run): what earlier readings copied, then on from
** descriptor 0, copying and hashing. The caller fcloses it. NULL after
** writing why into why[0..n) (errno set). */
FILE *stdin_open(char *why, size_t n);

/* The SHA-256 of standard input, or NULL while it is not known: a regular
** file's once stdin_prepare ran, anything else's once a reading has reached
** its end (before that, only part of it has been read). */
const char *stdin_sha256(void);

/* SHA-256 of bytes in memory. */
void sha256_bytes(const void *data, size_t len, char hex[65]);

#endif
