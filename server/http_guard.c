/*
** http_guard.c: the security rules of medel serve as pure functions
** (http_guard.h). Nothing here touches a socket or a file.
*/
#include "http_guard.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

/* host is exactly name ":" port. */
static bool is_host_port(const char *host, const char *name, unsigned port)
{
    size_t n = strlen(name);
    if (strncasecmp(host, name, n) != 0 || host[n] != ':')
        return false;
    char want[16];
    snprintf(want, sizeof want, "%u", port);
    return strcmp(host + n + 1, want) == 0;
}

bool guard_host_ok(const char *host, unsigned port, const char *extra)
{
    if (!host)
        return false;
    if (is_host_port(host, "127.0.0.1", port) || is_host_port(host, "[::1]", port) ||
        is_host_port(host, "localhost", port))
        return true;
    if (extra && *extra) {
        char name[300];
        /* An IPv6 address stands in brackets before its port. */
        if (strchr(extra, ':') && extra[0] != '[')
            snprintf(name, sizeof name, "[%s]", extra);
        else
            snprintf(name, sizeof name, "%s", extra);
        return is_host_port(host, name, port);
    }
    return false;
}

bool guard_origin_ok(const char *origin, unsigned port, const char *extra)
{
    if (!origin)
        return true;
    if (strncmp(origin, "http://", 7) != 0)
        return false;
    return guard_host_ok(origin + 7, port, extra);
}

bool guard_token_eq(const char *given, size_t len, const char *token)
{
    if (!given || !token || strlen(token) != GUARD_TOKEN_LEN)
        return false;
    /* Every byte is compared, whatever the first difference; only the
    ** length, which is public, may end it early. */
    unsigned diff = len != GUARD_TOKEN_LEN;
    for (size_t i = 0; i < GUARD_TOKEN_LEN; i++)
        diff |= (unsigned)(uint8_t)(i < len ? given[i] : 0) ^ (unsigned)(uint8_t)token[i];
    return diff == 0;
}

const char *guard_cookie(const char *header, const char *name, size_t *len)
{
    if (!header)
        return NULL;
    size_t n = strlen(name);
    const char *s = header;
    while (*s) {
        s += strspn(s, " \t;");
        const char *end = s + strcspn(s, ";");
        const char *eq = memchr(s, '=', (size_t)(end - s));
        if (eq) {
            const char *k_end = eq;
            while (k_end > s && (k_end[-1] == ' ' || k_end[-1] == '\t'))
                k_end--;
            if ((size_t)(k_end - s) == n && memcmp(s, name, n) == 0) {
                const char *v = eq + 1;
                v += strspn(v, " \t");
                const char *v_end = end;
                while (v_end > v && (v_end[-1] == ' ' || v_end[-1] == '\t'))
                    v_end--;
                if (v_end - v >= 2 && *v == '"' && v_end[-1] == '"') {
                    v++;
                    v_end--;
                }
                *len = (size_t)(v_end - v);
                return v;
            }
        }
        s = end;
    }
    return NULL;
}

const char *guard_bearer(const char *header, size_t *len)
{
    if (!header || strncasecmp(header, "Bearer ", 7) != 0)
        return NULL;
    const char *v = header + 7;
    v += strspn(v, " ");
    size_t n = strlen(v);
    while (n && v[n - 1] == ' ')
        n--;
    *len = n;
    return v;
}

/* Whether s is well-formed UTF-8: no stray continuation byte, no
** overlong form (C0 AE for '.'), no surrogate, nothing past U+10FFFF. A
** name that is not is refused before it reaches the disk or a JSON answer
** (which holds UTF-8 only). */
static bool utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        size_t k = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 9;
        if (k == 9)
            return false;
        unsigned cp = k == 0 ? c : k == 1 ? c & 0x1F : k == 2 ? c & 0x0F : c & 0x07;
        for (size_t i = 1; i <= k; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        p += k + 1;
    }
    return true;
}

GuardPath guard_path(const char *path, char *out, size_t n)
{
    if (!path || !*path || n == 0)
        return GUARD_PATH_INVALID;
    size_t len = strlen(path);
    if (len > GUARD_PATH_MAX || len >= n)
        return GUARD_PATH_INVALID;
    if (path[0] == '/')
        return GUARD_PATH_OUTSIDE;
    for (const char *c = path; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\')
            return GUARD_PATH_INVALID;
    if (!utf8_ok(path))
        return GUARD_PATH_INVALID;
    /* The parts, "." and "" dropped, ".." taking the last one back. */
    size_t at = 0;
    GuardPath hidden = GUARD_PATH_OK;
    for (const char *s = path; *s;) {
        const char *e = s + strcspn(s, "/");
        size_t k = (size_t)(e - s);
        if (k == 0 || (k == 1 && s[0] == '.')) {
            /* nothing */
        } else if (k == 2 && s[0] == '.' && s[1] == '.') {
            if (at == 0)
                return GUARD_PATH_OUTSIDE;
            while (at > 0 && out[at - 1] != '/')
                at--;
            if (at > 0)
                at--;   /* the slash before it */
        } else {
            if (s[0] == '.')
                hidden = GUARD_PATH_HIDDEN;
            if (at)
                out[at++] = '/';
            memcpy(out + at, s, k);
            at += k;
        }
        s = *e ? e + 1 : e;
    }
    out[at] = '\0';
    if (at == 0)
        return GUARD_PATH_INVALID;
    return hidden;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcasecmp(s + n - k, suffix) == 0;
}

bool guard_upload_name(const char *name)
{
    if (!name || !*name || name[0] == '.' || strlen(name) > 240 || !utf8_ok(name))
        return false;   /* 240: room for " (99)" within the 255 bytes of a file name */
    for (const char *c = name; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '/' || *c == '\\')
            return false;
    return ends_with(name, ".csv") || ends_with(name, ".xlsx") || ends_with(name, ".json") ||
           ends_with(name, ".jsonl");
}

bool guard_numbered_name(const char *name, unsigned k, char *out, size_t n)
{
    const char *dot = strrchr(name, '.');
    size_t stem = dot ? (size_t)(dot - name) : strlen(name);
    int w = snprintf(out, n, "%.*s (%u)%s", (int)stem, name, k, dot ? dot : "");
    return w > 0 && (size_t)w < n;
}

void guard_csv_cell(FILE *out, const char *cell)
{
    if (!cell)
        cell = "";
    size_t len = strlen(cell);
    bool quote = strpbrk(cell, ";\"\r\n") != NULL ||
                 (len && (cell[0] == ' ' || cell[0] == '\t' || cell[len - 1] == ' ' || cell[len - 1] == '\t'));
    if (!quote) {
        fputs(cell, out);
        return;
    }
    fputc('"', out);
    for (const char *c = cell; *c; c++) {
        if (*c == '"')
            fputc('"', out);
        fputc(*c, out);
    }
    fputc('"', out);
}
