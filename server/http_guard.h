/*
** http_guard.h: the security rules of medel serve (docs/api.md) as pure
** functions of the request's texts, so that each rule can be tested without
** a socket: the Host and Origin checks, the token in constant time, the
** token cookie, the shape of a file path, upload names and CSV cells.
*/
#ifndef SERVER_HTTP_GUARD_H
#define SERVER_HTTP_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { GUARD_TOKEN_LEN = 64 };    /* 32 bytes in hex */
enum { GUARD_PATH_MAX = 4096 };   /* the longest path a request may name, bytes */

/* Whether the Host header names this server: 127.0.0.1:PORT, [::1]:PORT,
** localhost:PORT, or extra:PORT (the --host given, bracketed when it is an
** IPv6 address; NULL: none). Anything else, or no Host at all, is a name
** some other site chose (DNS rebinding). */
bool guard_host_ok(const char *host, unsigned port, const char *extra);

/* Whether a state-changing request may go on: no Origin, or "http://" and a
** host guard_host_ok accepts. "null" (a sandboxed or file page) is foreign. */
bool guard_origin_ok(const char *origin, unsigned port, const char *extra);

/* Whether given[0..len) is the token (GUARD_TOKEN_LEN hex digits), compared
** in time that does not depend on where they differ. */
bool guard_token_eq(const char *given, size_t len, const char *token);

/* The value of cookie `name` in a Cookie header ("a=1; medel_token=ab"),
** its length in *len; NULL when there is none. Borrowed from header. */
const char *guard_cookie(const char *header, const char *name, size_t *len);

/* The token of an "Authorization: Bearer T" header, its length in *len;
** NULL when the header is of another kind. Borrowed from header. */
const char *guard_bearer(const char *header, size_t *len);

typedef enum GuardPath {
    GUARD_PATH_OK,
    GUARD_PATH_OUTSIDE,   /* absolute, or `..` leads out of the folder */
    GUARD_PATH_HIDDEN,    /* names a hidden file or folder (.git, .medel) */
    GUARD_PATH_INVALID    /* empty, too long, a control character, a backslash, not UTF-8 */
} GuardPath;

/* Checks a path a request names and writes its normal form to out (n
** bytes): relative, "." and empty parts dropped, "a/../b" as "b". */
GuardPath guard_path(const char *path, char *out, size_t n);

/* Whether name is a plain file name an upload may have: no folder, not
** hidden, UTF-8, at most 240 bytes, no control character, ending in .csv, .xlsx,
** .json or .jsonl. */
bool guard_upload_name(const char *name);

/* name with " (k)" before its extension ("ansökningar (2).csv") in out;
** false when it does not fit. */
bool guard_numbered_name(const char *name, unsigned k, char *out, size_t n);

/* Writes one cell of a ';'-separated CSV file, quoted when it holds a ';',
** a '"', a line break, or space at either end (quotes doubled inside). */
void guard_csv_cell(FILE *out, const char *cell);

#endif
