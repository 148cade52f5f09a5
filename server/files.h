/*
** files.h: the served folder. Paths a request names are checked and
** resolved here (inside the folder after `..` and symbolic links, no hidden
** file), files are read whole, versioned by their SHA-256, and written
** atomically with the previous bytes kept under .medel/föregående/.
** The server runs with the folder as its working directory (serve.c), so
** every path here is relative to it.
*/
#ifndef SERVER_FILES_H
#define SERVER_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

enum { FILES_VERSION_LEN = 64 };   /* SHA-256 in hex */

/* The folder's real path; set once by files_init. */
const char *files_root(void);

/* Makes the folder the working directory and remembers its real path.
** false (errno set) when it cannot. */
bool files_init(const char *folder);

/* Checks rel (a request's path) and writes its normal form to out (n
** bytes). Returns 0 (fine), 403 (outside the folder, hidden, a symbolic
** link out of it, invalid) or 404 (missing, or its folder missing when
** must_exist is false: a file may be new, its folder not). */
int files_resolve(const char *rel, char *out, size_t n, bool must_exist);

/* The whole file, NUL-terminated, in a new buffer (free), its length in
** *len; NULL with errno set (EFBIG beyond max bytes). */
char *files_read(const char *path, size_t max, size_t *len);

/* The SHA-256 of data[0..len) in hex, into out[FILES_VERSION_LEN + 1]. */
void files_version(const void *data, size_t len, char *out);

/* Writes data[0..len) to path atomically: a temporary file in the same
** folder, fsync, rename, fsync of the folder. When keep_previous and the
** file exists, its bytes are first copied to .medel/föregående/PATH.
** 0, or an errno value; on failure the file is as it was and no temporary
** file is left. */
int files_write(const char *path, const void *data, size_t len, bool keep_previous);

/* Puts tmp (a whole, fsynced file in path's folder) in path's place: the
** previous bytes kept as files_write keeps them, rename, fsync of the
** folder. 0, or an errno value (tmp is then removed). */
int files_install(const char *tmp, const char *path);

/* The previous version's path (.medel/föregående/PATH) in out. */
void files_previous_path(const char *path, char *out, size_t n);

/* Every file of the folder to a depth of 3 (hidden folders, build and
** node_modules skipped), as docs/api.md's /api/files lists them. New
** reference. */
json_t *files_list(void);

/* The kind of a file for /api/files: "rules", "scenarios", "tests",
** "applications", "assessments", "data" or "other" (static). */
const char *files_kind(const char *path);

#endif
