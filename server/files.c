/*
** files.c: the served folder (files.h): checked paths, whole reads,
** SHA-256 versions, atomic writes with the previous bytes kept, and the
** list of files with their kinds.
*/
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "http_guard.h"

static char root[PATH_MAX];
static size_t root_len;

const char *files_root(void)
{
    return root;
}

bool files_init(const char *folder)
{
    if (!realpath(folder ? folder : ".", root))
        return false;
    root_len = strlen(root);
    return chdir(root) == 0;
}

/* Whether real (a resolved absolute path) is in the folder and, below it,
** names no hidden part: a link inside may not lead to .git either. */
static bool inside(const char *real, bool may_be_root)
{
    if (strncmp(real, root, root_len) != 0)
        return false;
    const char *rest = real + root_len;
    if (root_len == 1)   /* the folder is / */
        rest = real;
    if (*rest == '\0')
        return may_be_root;
    if (*rest != '/')
        return false;
    for (const char *s = rest; s && *s; s = strchr(s + 1, '/'))
        if (s[1] == '.')
            return false;
    return true;
}

int files_resolve(const char *rel, char *out, size_t n, bool must_exist)
{
    if (guard_path(rel, out, n) != GUARD_PATH_OK)
        return 403;
    char real[PATH_MAX];
    if (realpath(out, real))
        return inside(real, false) ? 0 : 403;
    if (errno != ENOENT && errno != ENOTDIR)
        return 403;
    struct stat st;
    if (lstat(out, &st) == 0)
        return 403;   /* a link that leads nowhere: nothing to read, nowhere to write */
    if (must_exist)
        return 404;
    char parent[PATH_MAX];
    snprintf(parent, sizeof parent, "%s", out);
    char *slash = strrchr(parent, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(parent, sizeof parent, ".");
    if (!realpath(parent, real))
        return 404;
    return inside(real, true) ? 0 : 403;
}

char *files_read(const char *path, size_t max, size_t *len)
{
    /* O_NONBLOCK: a named pipe in the folder opens at once (and is then
    ** refused as no plain file) instead of waiting for a writer, with the
    ** write lock held; on a plain file it changes nothing. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        errno = S_ISDIR(st.st_mode) ? EISDIR : ENODEV;   /* a folder; a pipe, socket or device */
        return NULL;
    }
    if ((unsigned long long)st.st_size > max) {
        close(fd);
        errno = EFBIG;
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, at = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return NULL;
    }
    for (;;) {
        if (at + 1 >= cap) {
            if (cap > max + 1) {
                free(buf);
                close(fd);
                errno = EFBIG;
                return NULL;
            }
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                close(fd);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + at, cap - 1 - at);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            close(fd);
            errno = e;
            return NULL;
        }
        if (r == 0)
            break;
        at += (size_t)r;
    }
    close(fd);
    buf[at] = '\0';
    *len = at;
    return buf;
}

void files_version(const void *data, size_t len, char *out)
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

void files_previous_path(const char *path, char *out, size_t n)
{
    snprintf(out, n, ".medel/föregående/%s", path);
}

/* mkdir -p of path's folder. 0 or an errno value. */
static int make_parents(const char *path)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return ENAMETOOLONG;
    for (char *s = strchr(buf, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return errno;
        *s = '/';
    }
    return 0;
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* A rename is on disk only once the folder that holds the name is: fsync
** the folder of path after renaming into it. */
static void sync_folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
}

/* The atomic part: a temporary file beside path, its bytes, fsync, the
** mode, rename, and fsync of the folder so the rename itself lasts. */
static int replace(const char *path, const void *data, size_t len, mode_t mode)
{
    char tmp[PATH_MAX];
    const char *slash = strrchr(path, '/');
    int w = slash ? snprintf(tmp, sizeof tmp, "%.*s/.medel-skrivs-XXXXXX", (int)(slash - path), path)
                  : snprintf(tmp, sizeof tmp, ".medel-skrivs-XXXXXX");
    if (w < 0 || (size_t)w >= sizeof tmp)
        return ENAMETOOLONG;
    int fd = mkstemp(tmp);
    if (fd < 0)
        return errno;
    int e = write_all(fd, data, len);
    if (!e && fchmod(fd, mode) != 0)
        e = errno;
    if (!e && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e) {
        unlink(tmp);
        return e;
    }
    sync_folder_of(path);
    return 0;
}

int files_write(const char *path, const void *data, size_t len, bool keep_previous)
{
    mode_t mode = 0644;
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists)
        mode = st.st_mode & 07777;
    else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (keep_previous && exists) {
        size_t old_len;
        char *old = files_read(path, (size_t)1 << 30, &old_len);
        if (!old)
            return errno;
        char prev[PATH_MAX];
        files_previous_path(path, prev, sizeof prev);
        int e = make_parents(prev);
        if (!e)
            e = replace(prev, old, old_len, mode);
        free(old);
        if (e)
            return e;
    }
    return replace(path, data, len, mode);
}

int files_install(const char *tmp, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        size_t old_len;
        char *old = files_read(path, (size_t)1 << 30, &old_len);
        char prev[PATH_MAX];
        files_previous_path(path, prev, sizeof prev);
        int e = old ? make_parents(prev) : errno;
        if (!e)
            e = replace(prev, old, old_len, st.st_mode & 07777);
        free(old);
        if (!e && chmod(tmp, st.st_mode & 07777) != 0)
            e = errno;
        if (e) {
            unlink(tmp);
            return e;
        }
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return e;
    }
    sync_folder_of(path);
    return 0;
}

/* ---- the list ---- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* Whether every top-level declaration of the rule text is a scenario
** block: the words at brace depth 0, outside comments and strings. */
static bool only_scenarios(const char *text)
{
    int depth = 0;
    bool any = false;
    for (const char *s = text; *s;) {
        if (*s == '#' || (s[0] == '/' && s[1] == '/')) {
            s += strcspn(s, "\n");
        } else if (*s == '"') {
            s++;
            while (*s && *s != '"' && *s != '\n')
                s += (*s == '\\' && s[1]) ? 2 : 1;
            if (*s == '"')
                s++;
        } else if (*s == '{') {
            depth++;
            s++;
        } else if (*s == '}') {
            depth--;
            s++;
        } else if (depth == 0 && ((unsigned char)*s >= 0x80 || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
            const char *e = s;
            while ((unsigned char)*e >= 0x80 || (*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || *e == '_' ||
                   (*e >= '0' && *e <= '9'))
                e++;
            bool scenario = (e - s == 8 && !strncmp(s, "scenario", 8));
            if (!scenario)
                return false;
            any = true;
            /* The name and the label, up to the block. */
            while (*e && *e != '{' && *e != '\n')
                e++;
            s = e;
        } else {
            s++;
        }
    }
    return any;
}

const char *files_kind(const char *path)
{
    if (ends_with(path, ".test.medel"))
        return "tests";
    if (ends_with(path, ".medel")) {
        size_t len;
        char *text = files_read(path, (size_t)16 << 20, &len);
        bool sc = text && only_scenarios(text);
        free(text);
        return sc ? "scenarios" : "rules";
    }
    bool csv = ends_with(path, ".csv");
    if (csv) {
        FILE *f = fopen(path, "rb");
        char head[16] = {0};
        size_t n = f ? fread(head, 1, sizeof head - 1, f) : 0;
        if (f)
            fclose(f);
        const char *h = head;
        if (n >= 3 && !memcmp(h, "\xef\xbb\xbf", 3))
            h += 3;
        if (!strncmp(h, "Ansökan;", strlen("Ansökan;")))
            return "assessments";
        if (!strncmp(path, "data/", 5) || strstr(path, "/data/"))
            return "data";
    }
    if (csv || ends_with(path, ".xlsx") || ends_with(path, ".json") || ends_with(path, ".jsonl"))
        return "applications";
    return "other";
}

static int by_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct Names {
    char **v;
    size_t n, cap;
} Names;

static void walk(const char *dir, int depth, Names *out)
{
    DIR *d = opendir(dir[0] ? dir : ".");
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s%s%s", dir, dir[0] ? "/" : "", e->d_name) >= (int)sizeof path)
            continue;
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISLNK(st.st_mode)) {
            char real[PATH_MAX];
            if (!realpath(path, real) || !inside(real, false) || stat(path, &st) != 0)
                continue;
        }
        if (S_ISDIR(st.st_mode)) {
            /* A year's folder holds its files and a level or two of
            ** subfolders (data/, uppladdat/); deeper trees, build trees
            ** and installed packages are no officer's files. */
            char cache[PATH_MAX];
            bool build_tree = snprintf(cache, sizeof cache, "%s/CMakeCache.txt", path) < (int)sizeof cache &&
                              access(cache, F_OK) == 0;
            if (depth < 2 && strcmp(e->d_name, "build") && strcmp(e->d_name, "node_modules") && !build_tree &&
                !S_ISLNK(st.st_mode))
                walk(path, depth + 1, out);
        } else if (S_ISREG(st.st_mode)) {
            if (out->n == out->cap) {
                size_t cap = out->cap ? out->cap * 2 : 64;
                char **v = realloc(out->v, cap * sizeof *v);
                if (!v)
                    continue;
                out->v = v;
                out->cap = cap;
            }
            char *copy = strdup(path);
            if (copy)
                out->v[out->n++] = copy;
        }
    }
    closedir(d);
}

json_t *files_list(void)
{
    Names names = {0};
    walk("", 0, &names);
    qsort(names.v, names.n, sizeof *names.v, by_path);
    json_t *files = json_array();
    for (size_t i = 0; i < names.n; i++) {
        struct stat st;
        if (stat(names.v[i], &st) == 0) {
            char when[32];
            struct tm tm;
            gmtime_r(&st.st_mtime, &tm);
            strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
            json_array_append_new(files, json_pack("{s:s, s:s, s:I, s:s}", "path", names.v[i], "kind",
                                                   files_kind(names.v[i]), "size", (json_int_t)st.st_size,
                                                   "modified", when));
        }
        free(names.v[i]);
    }
    free(names.v);
    return files;
}
