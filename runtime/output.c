/*
** output.c: results written only when the run has succeeded, atomic result
** files, and SHA-256 of inputs (output.h).
**
** Where the bytes go is settled by out_open, by following the path's
** symbolic links to the final target:
** - A regular file (or none yet) is replaced: the result goes to a temporary
**   file in the target's own folder and is renamed over the target only
**   after fflush, ferror and fsync all succeeded. rename() within one folder
**   is atomic, so a reader sees the old file or the new one, never a mix; on
**   any failure the temporary file goes and the target is left as it was.
**   The temporary file is made with O_TMPFILE where the file system has it:
**   it has no name until commit links it (as ".name.XXXXXX") just before the
**   rename, so even SIGKILL leaves nothing behind. Otherwise it is a named
**   0600 file from mkstemp, and SIGINT, SIGTERM and SIGHUP remove it before
**   the process dies of them (cleanup_on_signal); only SIGKILL can leave it.
** - The replacement gets the old file's mode and, where the process may set
**   it, its owner and group: a 0600 file of personal data stays 0600. A new
**   file gets 0666 & ~umask, as a file created by open() would.
** - A link is never replaced: renaming over it would leave the file it
**   points to unchanged and the link gone (as root, -o /dev/stdout would
**   replace the system's /dev/stdout).
** - A FIFO, a character device (a terminal, /dev/null, /dev/full), and the
**   very file that is this process's standard output are written directly,
**   and standard output ("-") too: the result is held in an unlinked
**   temporary file (tmpfile) and copied there by out_commit, so a run that
**   fails late has written nothing, not the first megabytes.
** - After a successful rename the folder is fsync'ed too, so the rename
**   itself survives a crash; that is best effort, since some file systems
**   cannot sync a folder, and the new file is complete either way.
** - o->failed is set by a failed out_commit. A caller that gave up half-way
**   may also set it, and out_commit then discards the output and fails.
** - out_commit releases everything (f, tmp, path) whether it succeeds or
**   not, so out_abort afterwards does nothing and nothing leaks without it.
**
** Two environment variables exist for the tests only and are not part of
** medel's interface: MEDEL_TEST_HOOK_PAUSE_BEFORE_RENAME=1 makes out_commit
** say "medel: test hook: paused before rename" on standard error and sleep
** for up to 30 s just before the temporary file is named and renamed (so a
** test can kill the process there), and MEDEL_TEST_HOOK_NO_TMPFILE=1 makes
** out_open use a named temporary file, as on a file system without
** O_TMPFILE.
*/
#define _GNU_SOURCE   /* O_TMPFILE, fopencookie */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "invariant.h"
#include "source.h"
#include "text.h"

enum { HASH_CHUNK = 64 * 1024, MAX_LINKS = 40 };

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

/* ---- removing a named temporary file when a signal ends the process ---- */

/* The one named temporary file that exists, if any (medel writes one output
** at a time). The handler may only use what is async-signal-safe: it reads
** the path from this static buffer, unlinks it and lets the signal, whose
** handler SA_RESETHAND has already reset, end the process. */
static char armed_path[PATH_MAX + 64];
static volatile sig_atomic_t armed;
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction saved_actions[3];
static bool handlers_installed;

static void cleanup_on_signal(int sig)
{
    if (armed)
        unlink(armed_path);
    armed = 0;
    raise(sig);   /* the default action now (SA_RESETHAND), not blocked (SA_NODEFER) */
}

static void arm(const char *path)
{
    armed = 0;
    if (NEVER(strlen(path) >= sizeof armed_path))
        return;   /* mkstemp accepts no path that long; else only SIGKILL-safe would be lost */
    memcpy(armed_path, path, strlen(path) + 1);
    if (!handlers_installed) {
        for (size_t i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++) {
            struct sigaction sa = {0};
            sa.sa_handler = cleanup_on_signal;
            sa.sa_flags = SA_RESETHAND | SA_NODEFER;
            sigemptyset(&sa.sa_mask);
            sigaction(cleanup_signals[i], NULL, &saved_actions[i]);
            /* A signal the caller ignores (nohup) stays ignored. */
            if (saved_actions[i].sa_handler != SIG_IGN)
                sigaction(cleanup_signals[i], &sa, NULL);
        }
        handlers_installed = true;
    }
    armed = 1;
}

void out_abandon(void)
{
    if (armed)
        unlink(armed_path);
    armed = 0;
}

static void disarm(void)
{
    armed = 0;
    if (handlers_installed) {
        for (size_t i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++)
            sigaction(cleanup_signals[i], &saved_actions[i], NULL);
        handlers_installed = false;
    }
}

static bool test_hook(const char *name)
{
    const char *v = getenv(name);
    return v && strcmp(v, "1") == 0;
}

/* ---- opening ---- */

/* Frees what o owns and leaves it empty; closes nothing. */
static void release(OutFile *o)
{
    free(o->path);
    free(o->target);
    free(o->tmp);
    o->path = NULL;
    o->target = NULL;
    o->tmp = NULL;
    o->f = NULL;
    o->raw = NULL;
}

/* The name of the input that target (already stat'ed) is, or NULL. "-" is
** standard input, compared by what descriptor 0 is; an input that cannot be
** stat'ed is no file we could overwrite either. */
static const char *same_as_input(const struct stat *target, const char *const *inputs,
                                 size_t n_inputs)
{
    for (size_t i = 0; i < n_inputs; i++) {
        struct stat in;
        if (!inputs[i])
            continue;
        if (strcmp(inputs[i], "-") == 0 ? fstat(STDIN_FILENO, &in) != 0 || !S_ISREG(in.st_mode)
                                         : stat(inputs[i], &in) != 0)
            continue;
        if (in.st_dev == target->st_dev && in.st_ino == target->st_ino)
            return strcmp(inputs[i], "-") == 0 ? _("(standardinmatningen)") : inputs[i];
    }
    return NULL;
}

static mode_t file_mode(void)
{
    /* umask can only be read by setting it; medel sets no umask elsewhere. */
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* path with its final component's symbolic links followed, as a new string
** (malloc), or NULL with errno set (ELOOP after MAX_LINKS). A link's
** relative target is relative to the link's folder. Links in the folders on
** the way need no resolving: the rename happens in the target's folder,
** whatever it is called. */
static char *resolve_links(const char *path)
{
    char *p = xstrdup(path);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
            return p;   /* not there (to be made) or not a link */
        if (hops == MAX_LINKS) {
            free(p);
            errno = ELOOP;
            return NULL;
        }
        char buf[PATH_MAX];
        ssize_t n = readlink(p, buf, sizeof buf - 1);
        if (n < 0) {
            int e = errno;
            free(p);
            errno = e;
            return NULL;
        }
        buf[n] = '\0';
        const char *slash = strrchr(p, '/');
        char *next;
        if (buf[0] == '/' || !slash) {
            next = xstrdup(buf);
        } else {
            size_t dir = (size_t)(slash + 1 - p);
            next = xmalloc(dir + (size_t)n + 1);
            memcpy(next, p, dir);
            memcpy(next + dir, buf, (size_t)n + 1);
        }
        free(p);
        p = next;
    }
}

/* Opens an anonymous temporary file for a result held back until commit. */
static bool open_held(OutFile *o, const char *what, char *err, size_t errlen)
{
    o->f = tmpfile();
    if (!o->f) {
        set_err(err, errlen, _("kan inte skapa en tillfällig fil för %s: %s"), what, i18n_strerror(errno));
        return false;
    }
    o->direct = true;
    return true;
}

/* The folder part of path ("" for none, "/" kept) as a new string. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = xmalloc(n + 1);
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

bool out_open(OutFile *o, const char *path, const char *const *inputs, size_t n_inputs,
              char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->dest_fd = -1;
    if (!path || strcmp(path, "-") == 0) {
        o->to_stdout = true;
        o->dest_fd = STDOUT_FILENO;
        return open_held(o, _("standardutmatningen"), err, errlen);
    }

    /* stat follows every link as the kernel does, /proc's magic links to
    ** pipes and terminals (/dev/stdout) included, which readlink cannot
    ** name; the path's own spelling then opens what it points to. */
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (!exists && errno != ENOENT) {
        set_err(err, errlen, _("kan inte skriva '%s': %s"), path, i18n_strerror(errno));
        return false;
    }
    if (exists) {
        const char *input = same_as_input(&st, inputs, n_inputs);
        if (input) {
            set_err(err, errlen, _("skriver inte över '%s': det är en av filerna som läses in"), input);
            return false;
        }
        if (S_ISDIR(st.st_mode)) {
            set_err(err, errlen, _("kan inte skriva '%s': %s"), path, i18n_strerror(EISDIR));
            return false;
        }
        struct stat so;
        bool is_stdout = fstat(STDOUT_FILENO, &so) == 0 && so.st_dev == st.st_dev && so.st_ino == st.st_ino;
        if (is_stdout) {
            /* -o /dev/stdout, or the file the shell redirected stdout to:
            ** written where the shell's descriptor points, after the output
            ** of whatever ran before medel. */
            if (!open_held(o, _("utdata"), err, errlen))
                return false;
            o->path = xstrdup(path);
            o->dest_fd = STDOUT_FILENO;
            return true;
        }
        if (!S_ISREG(st.st_mode)) {
            /* A FIFO or a device is opened now, as a shell's > would (a
            ** FIFO waits for its reader), and written at commit; a failed
            ** run closes it having written nothing. */
            int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
            if (fd < 0) {
                set_err(err, errlen, _("kan inte skriva '%s': %s"), path, i18n_strerror(errno));
                return false;
            }
            if (!open_held(o, _("utdata"), err, errlen)) {
                close(fd);
                return false;
            }
            o->dest_fd = fd;
            o->path = xstrdup(path);
            return true;
        }
    }
    /* A file with hard links is refused: renaming over it would leave the
    ** other names with the old contents, and writing into it in place could
    ** leave it half written. */
    if (exists && st.st_nlink > 1) {
        set_err(err, errlen, _("ersätter inte '%s': filen har %ju hårda länkar, och de andra namnen skulle behålla det gamla "
                  "innehållet; skriv till en ny fil, eller ta bort de andra länkarna först"), path, (uintmax_t)st.st_nlink);
        return false;
    }
    /* A regular file, or none yet: the file at the end of the links is
    ** replaced (or made), in its own folder. */
    char *target = resolve_links(path);
    if (!target) {
        set_err(err, errlen, _("kan inte skriva '%s': %s"), path, i18n_strerror(errno));
        return false;
    }
    struct stat rt;
    if (exists && (stat(target, &rt) != 0 || rt.st_dev != st.st_dev || rt.st_ino != st.st_ino)) {
        /* A link readlink cannot name (a deleted file behind /proc/self/fd). */
        set_err(err, errlen, _("kan inte skriva '%s': filen som länken pekar på har inget namn att ersätta"), path);
        free(target);
        return false;
    }
    if (exists) {
        o->keep = true;
        o->mode = st.st_mode & 07777;
        o->uid = st.st_uid;
        o->gid = st.st_gid;
    }

    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    if (*base == '\0') {   /* "out/" names a folder; an existing one was refused above */
        set_err(err, errlen, _("kan inte skriva '%s': mappen finns inte, och utdata måste vara en fil, inte en mapp"), path);
        free(target);
        return false;
    }
    char *dir = folder_of(target);
    int fd = -1;
    char *tmp = NULL;
#ifdef O_TMPFILE
    if (!test_hook("MEDEL_TEST_HOOK_NO_TMPFILE"))
        fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#endif
    /* Without O_TMPFILE (old kernel, or a file system without it) a named
    ** file; a folder that is missing or not writable fails there too, and
    ** mkstemp's errno is the one to report. */
    if (fd < 0) {
        size_t dir_len = (size_t)(base - target);
        size_t tmp_size = dir_len + 1 + strlen(base) + sizeof ".XXXXXX";
        tmp = xmalloc(tmp_size);
        snprintf(tmp, tmp_size, "%.*s.%s.XXXXXX", (int)dir_len, target, base);
        fd = mkstemp(tmp);   /* 0600 until commit gives it its mode */
        if (fd < 0) {
            int e = errno;
            free(tmp);
            free(dir);
            free(target);
            set_err(err, errlen, _("kan inte skriva '%s': %s"), path, i18n_strerror(e));
            return false;
        }
        arm(tmp);
    }
    free(dir);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        if (tmp) {
            unlink(tmp);
            disarm();
        }
        free(tmp);
        free(target);
        set_err(err, errlen, _("kan inte skriva '%s': %s"), path, i18n_strerror(e));
        return false;
    }
    o->f = f;
    o->tmp = tmp;
    o->target = target;
    o->path = xstrdup(path);
    return true;
}

/* ---- committing ---- */

/* Syncs the folder holding path so that a rename in it is on disk. */
static void sync_folder(const char *path)
{
    char *dir = folder_of(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Writes all of buf to fd; returns 0 or an errno. */
static int write_all(int fd, const char *buf, size_t n)
{
    while (n) {
        ssize_t k = write(fd, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return k < 0 ? errno : EIO;
        buf += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Closes the escaping stream over o->raw, if there is one, so that every
** byte is in the file under it. Returns 0 or an errno. */
static int close_escaping(OutFile *o)
{
    if (!o->raw)
        return 0;
    int e = fclose(o->f) != 0 ? (errno ? errno : EIO) : 0;
    o->f = o->raw;
    o->raw = NULL;
    return e;
}

/* Copies the held result to its destination. Returns 0 or an errno. */
static int copy_held(OutFile *o)
{
    if (fflush(o->f) != 0)
        return errno ? errno : EIO;
    if (ferror(o->f))
        return EIO;
    if (fseek(o->f, 0, SEEK_SET) != 0)
        return errno ? errno : EIO;
    if (!o->dest && o->dest_fd == STDOUT_FILENO && fflush(stdout) != 0)
        return errno ? errno : EIO;   /* anything medel's caller printed first goes first */
    char buf[65536];
    size_t n;
    int e = 0;
    while (!e && (n = fread(buf, 1, sizeof buf, o->f)) > 0) {
        if (o->dest)
            e = fwrite(buf, 1, n, o->dest) == n ? 0 : errno ? errno : EIO;
        else
            e = write_all(o->dest_fd, buf, n);
    }
    if (!e && ferror(o->f))
        e = EIO;
    if (!e && o->dest && fflush(o->dest) != 0)
        e = errno ? errno : EIO;
    return e;
}

void out_to_stream(OutFile *o, FILE *dest)
{
    if (o->to_stdout && dest && dest != stdout)
        o->dest = dest;
}

static void pause_for_test(void)
{
    if (!test_hook("MEDEL_TEST_HOOK_PAUSE_BEFORE_RENAME"))
        return;
    fputs("medel: test hook: paused before rename\n", stderr);
    fflush(stderr);
    struct timespec ts = {30, 0};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Gives the anonymous temporary file fd a name beside target, ".base.XXXXXX",
** in *tmp_out (malloc). Returns 0 or an errno. */
static int name_anonymous(int fd, const char *target, char **tmp_out)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    size_t dir_len = (size_t)(base - target);
    size_t size = dir_len + strlen(base) + 32;
    char *tmp = xmalloc(size);
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    uint64_t seed = (uint64_t)getpid() * 2654435761u ^ (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)tmp;
    for (int attempt = 0; attempt < 100; attempt++) {
        char suffix[7];
        for (int i = 0; i < 6; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            suffix[i] = letters[(seed >> 33) % (sizeof letters - 1)];
        }
        suffix[6] = '\0';
        snprintf(tmp, size, "%.*s.%s.%s", (int)dir_len, target, base, suffix);
        arm(tmp);   /* before the name exists: a signal in between finds nothing to remove */
        /* Without /proc, AT_EMPTY_PATH links the descriptor itself (that
        ** needs CAP_DAC_READ_SEARCH, as root has). */
        if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0 ||
            (errno == ENOENT && linkat(fd, "", AT_FDCWD, tmp, AT_EMPTY_PATH) == 0)) {
            *tmp_out = tmp;
            return 0;
        }
        int e = errno;
        disarm();
        if (e != EEXIST) {
            free(tmp);
            return e;
        }
    }
    free(tmp);
    return EEXIST;
}

bool out_commit(OutFile *o, char *err, size_t errlen)
{
    if (!o->f) {
        set_err(err, errlen, _("kan inte skriva '%s': utdata är redan stängd"),
                o->path ? o->path : "-");
        return false;
    }
    int esc = close_escaping(o);
    if (o->direct) {
        int e = esc;
        const char *why = NULL;
        if (o->failed)
            why = _("utdata övergavs efter ett tidigare fel");
        else if (!e)
            e = copy_held(o);
        fclose(o->f);
        o->f = NULL;
        if (o->dest_fd != STDOUT_FILENO && o->dest_fd >= 0 && close(o->dest_fd) != 0 && !e && errno != EINTR)
            e = errno;
        o->dest_fd = -1;
        bool ok = !e && !why;
        if (!ok) {
            if (o->path)
                set_err(err, errlen, _("kan inte skriva '%s': %s"), o->path, why ? why : i18n_strerror(e));
            else
                set_err(err, errlen, _("kan inte skriva till standardutmatningen: %s"), why ? why : i18n_strerror(e));
        }
        o->failed = !ok;
        release(o);
        return ok;
    }

    /* e is the first failure's errno. A write that failed before, inside
    ** fwrite, leaves only ferror set; flushing again usually repeats its
    ** error, and EIO stands in when it does not. */
    int e = esc;
    const char *why = NULL;
    int fd = fileno(o->f);
    if (o->failed)
        why = _("utdata övergavs efter ett tidigare fel");
    else if (e)
        ;
    else if (fflush(o->f) != 0)
        e = errno;
    else if (ferror(o->f))
        e = EIO;
    else {
        /* The old file's owner first: changing it may clear set-id bits,
        ** which fchmod then sets again. Only root may give a file away, and
        ** a group only to a member; a replacement we cannot give the old
        ** owner keeps ours. */
        if (o->keep && fchown(fd, o->uid, o->gid) != 0)
            (void)!fchown(fd, (uid_t)-1, o->gid);
        if (fchmod(fd, o->keep ? o->mode : file_mode()) != 0)
            e = errno;
        else if (fsync(fd) != 0)
            e = errno;
    }
    if (!e && !why) {
        pause_for_test();
        if (!o->tmp)
            e = name_anonymous(fd, o->target, &o->tmp);
    }
    if (fclose(o->f) != 0 && !e && !why)
        e = errno;
    o->f = NULL;
    if (!e && !why && rename(o->tmp, o->target) != 0)
        e = errno;

    bool ok = !e && !why;
    if (ok)
        sync_folder(o->target);
    if (!ok && o->tmp)
        unlink(o->tmp);
    disarm();
    if (!ok)
        set_err(err, errlen, _("kan inte skriva '%s': %s"), o->path, why ? why : i18n_strerror(e));
    o->failed = !ok;
    release(o);
    return ok;
}

void out_abort(OutFile *o)
{
    if (o->f) {
        close_escaping(o);
        fclose(o->f);   /* a held result reaches nobody; an anonymous file vanishes */
        if (o->tmp)
            unlink(o->tmp);
        disarm();
    }
    if (o->direct && o->dest_fd >= 0 && o->dest_fd != STDOUT_FILENO)
        close(o->dest_fd);
    o->dest_fd = -1;
    release(o);
}

/* ---- showing text escaped ---- */

typedef struct Escaper {
    FILE *under;
    char pending[4];   /* the start of a UTF-8 sequence cut by the buffer's end */
    size_t n_pending;
} Escaper;

/* How many bytes the UTF-8 sequence starting with lead byte c has (1 for an
** invalid lead byte, which is escaped alone). */
static size_t seq_len(unsigned char c)
{
    return c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
}

/* Escapes s[0..n) onto under. When `final` is false, an incomplete sequence
** at the end is left: returns how many bytes were consumed. */
static size_t escape_run(FILE *under, const char *s, size_t n, bool final)
{
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F) {   /* printable ASCII, the common case */
            i++;
            continue;
        }
        if (!final && c >= 0xC2 && c < 0xF5 && n - i < seq_len(c)) {
            bool prefix = true;   /* only a sequence still to be completed waits */
            for (size_t k = i + 1; k < n; k++)
                prefix &= ((unsigned char)s[k] & 0xC0) == 0x80;
            if (prefix)
                break;
        }
        int cp;
        size_t len = text_decode(s + i, n - i, &cp);
        if (c == '\n' || (cp >= 0 && !diag_hidden(cp))) {
            i += len;
            continue;
        }
        fwrite(s + run, 1, i - run, under);
        char esc[16];
        fwrite(esc, 1, diag_escape(cp, c, esc), under);
        i += len;
        run = i;
    }
    fwrite(s + run, 1, i - run, under);
    return i;
}

static ssize_t escaper_write(void *cookie, const char *buf, size_t size)
{
    Escaper *e = cookie;
    size_t used = 0;
    while (e->n_pending && used < size) {
        /* Complete the cut sequence with bytes from this buffer, then go on. */
        e->pending[e->n_pending++] = buf[used++];
        size_t took = escape_run(e->under, e->pending, e->n_pending, false);
        /* An invalid byte may be shown while the sequence after it is still cut. */
        memmove(e->pending, e->pending + took, e->n_pending - took);
        e->n_pending -= took;
        if (NEVER(e->n_pending == sizeof e->pending)) {   /* 4 bytes end any sequence */
            escape_run(e->under, e->pending, e->n_pending, true);
            e->n_pending = 0;
        }
    }
    if (e->n_pending)   /* every byte went to the sequence, which is still cut */
        return ferror(e->under) ? -1 : (ssize_t)size;
    size_t took = escape_run(e->under, buf + used, size - used, false);
    memcpy(e->pending, buf + used + took, size - used - took);
    e->n_pending = size - used - took;
    return ferror(e->under) ? -1 : (ssize_t)size;
}

static int escaper_close(void *cookie)
{
    Escaper *e = cookie;
    if (e->n_pending)
        escape_run(e->under, e->pending, e->n_pending, true);
    int rc = fflush(e->under) != 0 || ferror(e->under) ? -1 : 0;
    free(e);
    return rc;
}

FILE *out_escaping_stream(FILE *under)
{
    Escaper *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->under = under;
    cookie_io_functions_t io = {.write = escaper_write, .close = escaper_close};
    FILE *f = fopencookie(e, "w", io);
    if (!f)
        free(e);
    return f;
}

void out_escape(OutFile *o)
{
    if (!o->f || o->raw)
        return;
    FILE *f = out_escaping_stream(o->f);
    if (!f)
        return;   /* out of memory: the text goes unescaped rather than not at all */
    o->raw = o->f;
    o->f = f;
}

/* ---- SHA-256 ---- */

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

/* ---- standard input, read again ----
**
** A regular file on standard input is hashed where it is, and each reading
** starts at the offset it had. Anything else (a pipe, a terminal, a
** device) can be read only once, and may never end (/dev/zero, `yes`): it
** is copied into an unlinked temporary file WHILE a reader reads it, never
** ahead of it. Each reading gets a stream of its own (stdin_open) that
** first replays the copy and then reads on from descriptor 0, appending
** what it gets to the copy and to the hash. So the readers' own limits
** (a CSV record or a JSON Lines line of 64 MiB, a JSON document of 1 GiB)
** stop the copy too, and it never holds more than what a reader took plus
** one chunk; the hash is of what was read, which is all of it once a
** reader has reached the end. A failed write to the copy is a read error
** for the reader: nothing is read that could not be read again. */

static char stdin_hex[65];
static bool stdin_ready;      /* stdin_prepare has run */
static bool stdin_regular;    /* standard input is a regular file, hashed whole */
static off_t stdin_start;     /* regular: where each reading starts */
static int stdin_copy = -1;   /* not regular: the copy so far (a descriptor of the unlinked file) */
static off_t stdin_copied;    /* its length */
static bool stdin_ended;      /* not regular: descriptor 0 has said end of file */
static struct sha256_ctx stdin_ctx;

static bool hash_regular_stdin(void)
{
    uint8_t *chunk = xmalloc(HASH_CHUNK);
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    int e = 0;
    for (;;) {
        ssize_t got = read(STDIN_FILENO, chunk, HASH_CHUNK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            e = errno;
            break;
        }
        if (got == 0)
            break;
        sha256_update(&ctx, (size_t)got, chunk);
    }
    free(chunk);
    if (!e && lseek(STDIN_FILENO, stdin_start, SEEK_SET) != stdin_start)
        e = errno ? errno : EIO;
    if (e) {
        errno = e;
        return false;
    }
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    to_hex(digest, stdin_hex);
    return true;
}

bool stdin_prepare(void)
{
    if (stdin_ready)
        return !stdin_regular || lseek(STDIN_FILENO, stdin_start, SEEK_SET) == stdin_start;
    struct stat st;
    if (fstat(STDIN_FILENO, &st) != 0)
        return false;
    if (S_ISREG(st.st_mode)) {
        stdin_start = lseek(STDIN_FILENO, 0, SEEK_CUR);
        if (stdin_start < 0 || !hash_regular_stdin())
            return false;
        stdin_regular = true;
        stdin_ready = true;
        return true;
    }
    FILE *copy = tmpfile();
    if (!copy)
        return false;
    stdin_copy = fcntl(fileno(copy), F_DUPFD_CLOEXEC, 3);
    int e = errno;
    fclose(copy);   /* the file lives on in stdin_copy */
    if (stdin_copy < 0) {
        errno = e;
        return false;
    }
    sha256_init(&stdin_ctx);
    stdin_copied = 0;
    stdin_ended = false;
    stdin_ready = true;
    return true;
}

typedef struct StdinReading {
    off_t at;   /* the next byte this reading gets */
} StdinReading;

static ssize_t stdin_read(void *cookie, char *buf, size_t size)
{
    StdinReading *rd = cookie;
    if (size > HASH_CHUNK)
        size = HASH_CHUNK;   /* at most one chunk past what the reader asked for is copied */
    if (rd->at < stdin_copied) {
        /* Replay what an earlier reading (or this one) copied. */
        size_t have = (size_t)(stdin_copied - rd->at);
        ssize_t got;
        do
            got = pread(stdin_copy, buf, size < have ? size : have, rd->at);
        while (got < 0 && errno == EINTR);
        if (got <= 0) {
            if (got == 0)
                errno = EIO;   /* the copy is shorter than it was written: only if another process truncated it */
            return -1;
        }
        rd->at += got;
        return got;
    }
    if (stdin_ended)
        return 0;
    ssize_t got;
    do
        got = read(STDIN_FILENO, buf, size);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        return -1;
    if (got == 0) {
        stdin_ended = true;
        uint8_t digest[SHA256_DIGEST_SIZE];
        sha256_digest(&stdin_ctx, sizeof digest, digest);
        to_hex(digest, stdin_hex);
        return 0;
    }
    for (ssize_t put = 0; put < got;) {
        ssize_t n = pwrite(stdin_copy, buf + put, (size_t)(got - put), stdin_copied + put);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            /* The bytes are gone from descriptor 0 and not in the copy:
            ** a read error, so that no reading sees less than another. */
            if (n == 0)
                errno = ENOSPC;
            return -1;
        }
        put += n;
    }
    sha256_update(&stdin_ctx, (size_t)got, (const uint8_t *)buf);
    stdin_copied += got;
    rd->at += got;
    return got;
}

static int stdin_close(void *cookie)
{
    free(cookie);
    return 0;
}

FILE *stdin_open(char *why, size_t n)
{
    if (!stdin_ready && !stdin_prepare()) {
        int e = errno;
        snprintf(why, n, "%s", i18n_strerror(e));
        errno = e;
        return NULL;
    }
    if (stdin_regular)
        return source_open_file("-", true, why, n);
    StdinReading *rd = calloc(1, sizeof *rd);
    if (!rd)
        arena_out_of_memory(sizeof *rd);
    cookie_io_functions_t io = {.read = stdin_read, .close = stdin_close};
    FILE *f = fopencookie(rd, "rb", io);
    if (!f) {
        int e = errno;
        free(rd);
        snprintf(why, n, "%s", i18n_strerror(e));
        errno = e;
    }
    return f;
}

const char *stdin_sha256(void)
{
    return stdin_ready && (stdin_regular || stdin_ended) ? stdin_hex : NULL;
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
