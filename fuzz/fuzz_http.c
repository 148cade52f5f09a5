/*
** fuzz_http.c: bytes -> the security rules of medel serve
** (server/http_guard.c), the functions that judge what a request says
** before anything is read or written: Host, Origin, the token and its
** cookie, a file path, an upload's name, a CSV cell of the assessments
** file. A crash is a finding, and so is a broken promise; each is checked
** by abort():
**   - a path accepted is relative, its parts neither "", "." nor "..", and
**     (unless it is said to be hidden) none starts with '.'; normalising it
**     again gives it back;
**   - a Host accepted ends in ":PORT", and an Origin accepted is "http://"
**     and a Host accepted;
**   - the token compares equal exactly when the bytes are the token's;
**   - a cookie's or bearer token's value lies inside the header, and a
**     cookie's value holds no ';';
**   - an upload name accepted holds no '/', and numbering it keeps its
**     extension;
**   - a CSV cell written and read back by the rules of RFC 4180 with ';' is
**     the cell.
** The input is split at its first newlines into the texts the functions
** take; the first two bytes are the port.
*/
#define _GNU_SOURCE 1
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_guard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "fuzz_http: broken promise: %s (line %d)\n", #cond, __LINE__); \
            abort(); \
        } \
    } while (0)

static const char TOKEN[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static void check_path(const char *p)
{
    char out[GUARD_PATH_MAX + 2];
    GuardPath g = guard_path(p, out, sizeof out);
    if (g != GUARD_PATH_OK && g != GUARD_PATH_HIDDEN)
        return;
    CHECK(out[0] != '\0' && out[0] != '/');
    size_t len = strlen(out);
    CHECK(len <= strlen(p));
    bool dot_part = false;
    for (const char *s = out;;) {
        const char *e = s + strcspn(s, "/");
        size_t k = (size_t)(e - s);
        CHECK(k > 0);
        CHECK(!(k == 1 && s[0] == '.'));
        CHECK(!(k == 2 && s[0] == '.' && s[1] == '.'));
        if (s[0] == '.')
            dot_part = true;
        if (!*e)
            break;
        s = e + 1;
    }
    if (g == GUARD_PATH_OK)
        CHECK(!dot_part);
    char again[GUARD_PATH_MAX + 2];
    GuardPath h = guard_path(out, again, sizeof again);
    CHECK(strcmp(again, out) == 0);
    CHECK(h == (dot_part ? GUARD_PATH_HIDDEN : GUARD_PATH_OK));
}

static void check_host(const char *host, const char *origin, unsigned port)
{
    char tail[16];
    snprintf(tail, sizeof tail, ":%u", port);
    if (guard_host_ok(host, port, NULL)) {
        size_t n = strlen(host), k = strlen(tail);
        CHECK(n > k && strcmp(host + n - k, tail) == 0);
    }
    if (guard_origin_ok(origin, port, NULL) && origin && *origin)
        CHECK(strncmp(origin, "http://", 7) == 0 && guard_host_ok(origin + 7, port, NULL));
}

static void check_token(const char *s, size_t len)
{
    bool same = len == strlen(TOKEN) && memcmp(s, TOKEN, len) == 0;
    CHECK(guard_token_eq(s, len, TOKEN) == same);
    CHECK(guard_token_eq(TOKEN, strlen(TOKEN), TOKEN));
}

static void check_headers(const char *h)
{
    size_t n = strlen(h), len = 0;
    const char *v = guard_cookie(h, "medel_token", &len);
    if (v) {
        CHECK(v >= h && v + len <= h + n);
        CHECK(memchr(v, ';', len) == NULL);
    }
    v = guard_bearer(h, &len);
    if (v)
        CHECK(v >= h && v + len <= h + n);
}

static void check_upload(const char *name)
{
    if (!guard_upload_name(name))
        return;
    CHECK(strchr(name, '/') == NULL && name[0] != '.');
    char out[300];
    if (guard_numbered_name(name, 2, out, sizeof out)) {
        const char *dot = strrchr(name, '.');
        CHECK(dot && strlen(out) > strlen(dot) && strcmp(out + strlen(out) - strlen(dot), dot) == 0);
    }
}

static void check_cell(const char *cell)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return;
    guard_csv_cell(f, cell);
    fclose(f);
    /* Read it back: a quoted cell ends at its closing quote, "" inside it is
    ** one quote; an unquoted one is what was written, with no ';' or line
    ** break in it. */
    if (n && buf[0] == '"') {
        CHECK(n >= 2 && buf[n - 1] == '"');
        size_t j = 0;
        for (size_t i = 1; i + 1 < n; i++) {
            if (buf[i] == '"') {
                CHECK(i + 1 < n - 1 && buf[i + 1] == '"');
                i++;
            }
            CHECK(cell[j] == buf[i]);
            j++;
        }
        CHECK(cell[j] == '\0');
    } else {
        CHECK(strlen(cell) == n && memcmp(cell, buf, n) == 0);
        CHECK(!strpbrk(buf, ";\"\r\n"));
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 65536)
        return 0;
    unsigned port = (unsigned)data[0] << 8 | data[1];
    char *text = malloc(size - 1);
    if (!text)
        return 0;
    memcpy(text, data + 2, size - 2);
    text[size - 2] = '\0';
    /* Up to five texts, split at newlines; the rest is the last. A NUL in
    ** the input ends the texts early, as a C string would in a header. */
    const char *part[5] = {text, "", "", "", ""};
    char *s = text;
    for (int i = 1; i < 5; i++) {
        char *nl = strchr(s, '\n');
        if (!nl)
            break;
        *nl = '\0';
        part[i] = s = nl + 1;
    }
    check_path(part[0]);
    check_host(part[1], part[2], port);
    check_token(part[3], strlen(part[3]));
    check_headers(part[3]);
    check_upload(part[4]);
    check_cell(part[4]);
    check_cell(part[0]);
    free(text);
    return 0;
}
