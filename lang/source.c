/*
** source.c: loading source files into a SourceSet and mapping byte offsets to
** lines and display columns. Bytes are kept exactly as read: the lexer, not
** this module, decides what to do with invalid UTF-8. LF, CRLF and a lone CR
** each end a line.
*/
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "i18n.h"
#include "text.h"

Span span_join(Span a, Span b)
{
    if (span_is_none(a))
        return b;
    if (span_is_none(b))
        return a;
    Span s = a;
    if (b.start < s.start)
        s.start = b.start;
    if (b.end > s.end)
        s.end = b.end;
    return s;
}

void source_set_init(SourceSet *set)
{
    set->files = NULL;
    set->n_files = 0;
}

void source_set_free(SourceSet *set)
{
    for (size_t i = 0; i < set->n_files; i++) {
        SourceFile *f = set->files[i];
        free(f->path);
        free(f->bytes);
        free(f->line_starts);
        free(f);
    }
    free(set->files);
    source_set_init(set);
}

/* Adds a file whose bytes (len of them, plus a NUL) the set now owns. */
static uint32_t add(SourceSet *set, const char *path, char *bytes, size_t len)
{
    /* A line ends at LF, CRLF or a lone CR (old Mac files): each is one line
    ** end, so that line numbers agree with what an editor shows. */
    size_t n_lines = 1;
    for (size_t i = 0; i < len; i++)
        n_lines += bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == len || bytes[i + 1] != '\n'));
    size_t *starts = xmalloc(n_lines * sizeof *starts);
    size_t k = 0;
    starts[k++] = 0;
    for (size_t i = 0; i < len; i++) {
        if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == len || bytes[i + 1] != '\n')))
            starts[k++] = i + 1;
    }

    SourceFile *f = xmalloc(sizeof *f);
    f->path = xstrdup(path);
    f->bytes = bytes;
    f->len = len;
    f->line_starts = starts;
    f->n_lines = n_lines;

    /* Few files per program: growing by one each time is cheap enough. */
    set->files = xrealloc(set->files, (set->n_files + 1) * sizeof *set->files);
    set->files[set->n_files] = f;
    return (uint32_t)set->n_files++;
}

FILE *source_open_file(const char *path, bool allow_stdin, char *why, size_t n)
{
    if (allow_stdin && strcmp(path, "-") == 0) {
        int fd = dup(0);
        FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
        if (!f) {
            int e = errno;
            if (fd >= 0)
                close(fd);
            snprintf(why, n, "%s", i18n_strerror(e));
            errno = e;
        }
        return f;
    }
    /* O_NONBLOCK: opening a FIFO would otherwise wait for a writer, and
    ** a tape or a terminal for who knows what. It is cleared again for a
    ** regular file, where it changes nothing anyway. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        snprintf(why, n, "%s", i18n_strerror(e));
        errno = e;
        return NULL;
    }
    struct stat st;
    const char *kind = NULL;
    int e = 0;
    if (fstat(fd, &st) != 0) {
        e = errno;
        snprintf(why, n, "%s", i18n_strerror(e));
    } else if (S_ISDIR(st.st_mode)) {
        e = EISDIR, kind = _("det är en mapp, inte en fil");
    } else if (S_ISFIFO(st.st_mode)) {
        e = EINVAL, kind = allow_stdin ? _("det är en namngiven pipe (FIFO), inte en fil; för att läsa en pipe, ange '-' och skicka den till standard in")
                                       : _("det är en namngiven pipe (FIFO), inte en fil");
    } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
        e = EINVAL, kind = _("det är en enhet, inte en fil");
    } else if (S_ISSOCK(st.st_mode)) {
        e = EINVAL, kind = _("det är en socket, inte en fil");
    } else if (!S_ISREG(st.st_mode)) {
        e = EINVAL, kind = _("det är inte en vanlig fil");
    }
    int fl;
    if (!e && ((fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)) {
        e = errno;
        snprintf(why, n, "%s", i18n_strerror(e));
    }
    FILE *f = e ? NULL : fdopen(fd, "rb");
    if (!f && !e) {
        e = errno;
        snprintf(why, n, "%s", i18n_strerror(e));
    }
    if (!f) {
        if (kind)
            snprintf(why, n, "%s", kind);
        close(fd);
        errno = e;
    }
    return f;
}

int source_read_all(FILE *f, size_t max, char **bytes, size_t *len)
{
    /* Read in a loop rather than trusting a file size: standard input has
    ** none, and a file may grow while it is read. */
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (cap - n < 2) {
            cap = cap > max / 2 + 2 ? max + 2 : 2 * cap;
            buf = xrealloc(buf, cap);
        }
        size_t want = cap - n - 1;
        if (want > max + 1 - n)
            want = max + 1 - n;
        size_t got = fread(buf + n, 1, want, f);
        n += got;
        if (n > max) {
            free(buf);
            return 1;
        }
        if (got < want) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(buf);
                errno = e;
                return -1;
            }
            break;
        }
    }
    buf[n] = '\0';
    *bytes = buf;
    *len = n;
    return 0;
}

/* The wide encoding text starting with p[0..n) is in ("UTF-16" or
** "UTF-32", by a byte-order mark or by NUL bytes between ASCII letters),
** or NULL. medel reads UTF-8 only. */
const char *source_wide_encoding(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) || (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF)))
        return "UTF-32";
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return "UTF-16";
    if (n >= 4 && ((p[0] && !p[1] && !p[2] && !p[3]) || (!p[0] && !p[1] && !p[2] && p[3])))
        return "UTF-32";
    if (n >= 2 && ((p[0] && p[0] < 0x80 && !p[1]) || (!p[0] && p[1] && p[1] < 0x80)))
        return "UTF-16";
    return NULL;
}

/* Does s[0..len), which is not valid UTF-8, look like Windows-1252 text:
** every byte from 0x80 up one that Windows-1252 reads as a Swedish letter
** (å ä ö Å Ä Ö é É ü Ü)? Only said, never converted. */
bool source_looks_cp1252(const char *s, size_t len)
{
    bool any = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
            continue;
        if (c != 0xE5 && c != 0xE4 && c != 0xF6 && c != 0xC5 && c != 0xC4 && c != 0xD6 && c != 0xE9 && c != 0xC9 &&
            c != 0xFC && c != 0xDC)
            return false;
        any = true;
    }
    return any;
}

static _Thread_local char load_error[160];

const char *source_load_error(void)
{
    return load_error;
}

bool source_load(SourceSet *set, const char *path, uint32_t *file_id)
{
    FILE *fp = source_open_file(path, false, load_error, sizeof load_error);
    if (!fp)
        return false;
    char *buf;
    size_t len;
    int st = source_read_all(fp, SOURCE_MAX_BYTES, &buf, &len);
    int e = errno;
    fclose(fp);
    if (st != 0) {
        if (st > 0) {
            e = EFBIG;
            snprintf(load_error, sizeof load_error, _("den är större än %d MiB; är det verkligen en regelfil?"),
                     SOURCE_MAX_BYTES >> 20);
        } else {
            snprintf(load_error, sizeof load_error, "%s", i18n_strerror(e));
        }
        errno = e;
        return false;
    }
    *file_id = add(set, path, buf, len);
    return true;
}

uint32_t source_add(SourceSet *set, const char *path, const char *bytes, size_t len)
{
    char *copy = xmalloc(len + 1);
    if (len)
        memcpy(copy, bytes, len);
    copy[len] = '\0';
    return add(set, path, copy, len);
}

const SourceFile *source_get(const SourceSet *set, uint32_t file_id)
{
    return file_id < set->n_files ? set->files[file_id] : NULL;
}

/* Index of the line holding offset: the last line starting at or before it. */
static size_t line_of(const SourceFile *f, size_t offset)
{
    size_t lo = 0, hi = f->n_lines;   /* the answer is in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

SourcePos source_position(const SourceFile *f, size_t offset)
{
    if (offset > f->len)
        offset = f->len;
    size_t i = line_of(f, offset);
    size_t start = f->line_starts[i];
    SourcePos pos = {i + 1, 1 + text_width(f->bytes + start, offset - start, 0)};
    return pos;
}

const char *source_line(const SourceFile *f, size_t offset, size_t *len)
{
    if (offset > f->len)
        offset = f->len;
    size_t i = line_of(f, offset);
    size_t start = f->line_starts[i];
    size_t end = i + 1 < f->n_lines ? f->line_starts[i + 1] : f->len;
    if (end > start && f->bytes[end - 1] == '\n')
        end--;
    if (end > start && f->bytes[end - 1] == '\r')
        end--;
    *len = end - start;
    return f->bytes + start;
}
