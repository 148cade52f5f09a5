/*
** output.c: atomic result files and SHA-256 of inputs (output.h).
**
** A result goes to ".<name>.XXXXXX" beside the target, made by mkstemp so two
** runs never share one, and is renamed over the target only after fflush,
** ferror and fsync all succeeded. rename() within one folder is atomic, so a
** reader sees the old file or the new one, never a mix; on any failure the
** temporary file is unlinked and the target is left as it was.
**
** Choices the header leaves open:
** - Permissions: the new file gets 0666 & ~umask, as a file created by open()
**   would. Applications can hold personal data, and a user who set umask 077
**   expects private files; a fixed 0644 would override that.
** - A target that exists and is not a regular file or folder (/dev/null,
**   /dev/stdout, a FIFO from a shell's >(...)) cannot be replaced by rename,
**   and must not be: renaming over /dev/null as root would replace the
**   device. Such a target is opened and written directly, with tmp NULL.
** - A target that is a symbolic link is replaced by the new file; the file it
**   pointed to is not changed (unless it is an input, which is refused).
** - After a successful rename the folder is fsync'ed too, so the rename
**   itself survives a crash; that is best effort, since some file systems
**   cannot sync a folder, and the new file is complete either way.
** - o->failed is set by a failed out_commit. A caller that gave up half-way
**   may also set it, and out_commit then discards the output and fails.
** - out_commit releases everything (f, tmp, path) whether it succeeds or
**   not, so out_abort afterwards does nothing and nothing leaks without it.
*/
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "arena.h"

enum { HASH_CHUNK = 64 * 1024 };

__attribute__((format(printf, 3, 4)))
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Frees what o owns and leaves it empty; closes nothing. */
static void release(OutFile *o)
{
    free(o->path);
    free(o->tmp);
    o->path = NULL;
    o->tmp = NULL;
    o->f = NULL;
}

/* The name of the input that target (already stat'ed) is, or NULL. "-" names
** standard input, which cannot be overwritten; an input that cannot be
** stat'ed is no file we could overwrite either. */
static const char *same_as_input(const struct stat *target, const char *const *inputs,
                                 size_t n_inputs)
{
    for (size_t i = 0; i < n_inputs; i++) {
        struct stat in;
        if (!inputs[i] || strcmp(inputs[i], "-") == 0 || stat(inputs[i], &in) != 0)
            continue;
        if (in.st_dev == target->st_dev && in.st_ino == target->st_ino)
            return inputs[i];
    }
    return NULL;
}

static mode_t file_mode(void)
{
    /* umask can only be read by setting it; medel is single-threaded. */
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

bool out_open(OutFile *o, const char *path, const char *const *inputs, size_t n_inputs,
              char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        /* Standard output is held back in an anonymous temporary file, so a
        ** run that fails half-way prints nothing, as it writes no file. */
        o->f = tmpfile();
        o->to_stdout = true;
        if (!o->f) {
            set_err(err, errlen, "cannot create a temporary file for standard output: %s", strerror(errno));
            return false;
        }
        return true;
    }

    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (!exists && errno != ENOENT) {
        set_err(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        return false;
    }
    if (exists) {
        const char *input = same_as_input(&st, inputs, n_inputs);
        if (input) {
            set_err(err, errlen, "refusing to overwrite input file '%s'", input);
            return false;
        }
        if (S_ISDIR(st.st_mode)) {
            set_err(err, errlen, "cannot write '%s': %s", path, strerror(EISDIR));
            return false;
        }
        if (!S_ISREG(st.st_mode)) {
            o->f = fopen(path, "w");
            if (!o->f) {
                set_err(err, errlen, "cannot write '%s': %s", path, strerror(errno));
                return false;
            }
            o->path = xstrdup(path);
            return true;
        }
    }

    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash + 1 - path) : 0;
    const char *base = path + dir_len;
    if (*base == '\0') {   /* "out/" names a folder; an existing one was refused above */
        set_err(err, errlen, "cannot write '%s': no such folder, and the output must be a file, not a folder", path);
        return false;
    }
    size_t tmp_size = dir_len + 1 + strlen(base) + sizeof ".XXXXXX";
    char *tmp = xmalloc(tmp_size);
    snprintf(tmp, tmp_size, "%.*s.%s.XXXXXX", (int)dir_len, path, base);

    int fd = mkstemp(tmp);
    if (fd < 0) {
        set_err(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        free(tmp);
        return false;
    }
    FILE *f = NULL;
    if (fchmod(fd, file_mode()) != 0 || (f = fdopen(fd, "w")) == NULL) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        set_err(err, errlen, "cannot write '%s': %s", path, strerror(e));
        return false;
    }
    o->f = f;
    o->tmp = tmp;
    o->path = xstrdup(path);
    return true;
}

/* Syncs the folder holding path so that a rename in it is on disk. */
static void sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xmalloc((size_t)(slash - path) + 2) : NULL;
    if (dir) {
        size_t n = slash == path ? 1 : (size_t)(slash - path);   /* "/x" is in "/" */
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    int fd = open(dir ? dir : ".", O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

bool out_commit(OutFile *o, char *err, size_t errlen)
{
    if (!o->f) {
        set_err(err, errlen, "cannot write '%s': the output is already closed",
                o->path ? o->path : "-");
        return false;
    }
    if (o->to_stdout) {
        int e = 0;
        char buf[65536];
        size_t n;
        if (fflush(o->f) != 0 || ferror(o->f) || fseek(o->f, 0, SEEK_SET) != 0)
            e = errno ? errno : EIO;
        while (!e && (n = fread(buf, 1, sizeof buf, o->f)) > 0)
            if (fwrite(buf, 1, n, stdout) != n)
                e = errno ? errno : EIO;
        if (!e && (ferror(o->f) || fflush(stdout) != 0 || ferror(stdout)))
            e = errno ? errno : EIO;
        fclose(o->f);
        o->f = NULL;
        bool ok = e == 0;
        if (!ok)
            set_err(err, errlen, "cannot write standard output: %s", strerror(e));
        o->failed = !ok;
        release(o);
        return ok;
    }

    /* e is the first failure's errno. A write that failed before, inside
    ** fwrite, leaves only ferror set; flushing again usually repeats its
    ** error, and EIO stands in when it does not. */
    int e = 0;
    const char *why = NULL;
    if (o->failed)
        why = "the output was abandoned after an earlier error";
    else if (fflush(o->f) != 0)
        e = errno;
    else if (ferror(o->f))
        e = EIO;
    else if (o->tmp && fsync(fileno(o->f)) != 0)
        e = errno;
    if (fclose(o->f) != 0 && !e && !why)
        e = errno;
    o->f = NULL;
    if (!e && !why && o->tmp && rename(o->tmp, o->path) != 0)
        e = errno;

    bool ok = !e && !why;
    if (ok && o->tmp)
        sync_folder(o->path);
    if (!ok) {
        if (o->tmp)
            unlink(o->tmp);
        set_err(err, errlen, "cannot write '%s': %s", o->path, why ? why : strerror(e));
    }
    o->failed = !ok;
    release(o);
    return ok;
}

void out_abort(OutFile *o)
{
    if (o->to_stdout) {
        if (o->f)
            fclose(o->f);   /* nothing reaches standard output */
    } else if (o->f) {
        fclose(o->f);
        if (o->tmp)
            unlink(o->tmp);
    }
    release(o);
}

static void to_hex(const uint8_t digest[SHA256_DIGEST_SIZE], char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 0xF];
    }
    hex[64] = '\0';
}

void sha256_bytes(const void *data, size_t len, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof digest, digest);
    to_hex(digest, hex);
}

bool sha256_file(const char *path, char hex[65])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    uint8_t *chunk = xmalloc(HASH_CHUNK);
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    size_t got;
    while ((got = fread(chunk, 1, HASH_CHUNK, f)) > 0)
        sha256_update(&ctx, got, chunk);
    int e = errno;
    bool ok = !ferror(f);
    fclose(f);
    free(chunk);
    if (!ok) {
        errno = e;
        return false;
    }
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    to_hex(digest, hex);
    return true;
}
