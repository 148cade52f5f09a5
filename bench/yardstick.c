/* bench/yardstick.c: the hand-written loop that medel check is measured against.
 *
 *   cc -O2 -std=c11 -o yardstick bench/yardstick.c
 *   yardstick bench/rules/bench.medel applications.csv [-o report.csv]
 *
 * The seven criteria R1-R7 of bench/rules/bench.medel written out in C, the
 * way one would write them by hand for that one rule file: it reads the
 * columns bench/gen.c writes (comma-separated UTF-8 with a header row, cells
 * quoted with "" doubling where needed) and writes the report of
 *
 *   medel check bench/rules/bench.medel applications.csv --format csv
 *
 * byte for byte: a BOM and a header, then one line per failed criterion, in
 * criterion order, with the reason, the values the criterion looked at and
 * its place in the rule file (or one line "stödberättigad" with those columns
 * empty for an application that meets all seven); ';'-separated, quoted as medel quotes. Only
 * libc; stdio-free output through one 256 KiB buffer and write(2).
 *
 * It is a yardstick, not a second engine: the rule file is not read (its path
 * is only printed in the location column, and the line:column of each
 * criterion is written below), and it handles the files bench/gen.c writes.
 * It does check what medel checks on such files, so that the comparison is of
 * the same work: every cell converts (integers, amounts in whole kronor,
 * ja/nej, one-of and set members, case-insensitive in ASCII), the header has
 * every column, and ids are unique. A file that fails any of that is not
 * reported on: a message, status 65, and no output file (medel would write
 * nothing either, without --keep-going). Unlike medel it does not check that
 * text is valid UTF-8 nor normalise it, and it reads ',' only.
 *
 * The report goes to OUT.tmp, is synced and renamed over OUT, as medel does;
 * when OUT is no regular file (/dev/null, a pipe), straight to it.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- output: one buffer, written in blocks ---------------------------------- */

static int out_fd = 1;
static char out_buf[256 * 1024];
static size_t out_len;

static void out_flush(void)
{
    size_t off = 0;
    while (off < out_len) {
        ssize_t w = write(out_fd, out_buf + off, out_len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            perror("yardstick: write");
            exit(74);
        }
        off += (size_t)w;
    }
    out_len = 0;
}

static void out_bytes(const char *s, size_t n)
{
    if (out_len + n > sizeof out_buf) {
        out_flush();
        if (n > sizeof out_buf) {   /* never for this report, but be correct */
            ssize_t w = write(out_fd, s, n);
            if (w < 0 || (size_t)w != n) {
                perror("yardstick: write");
                exit(74);
            }
            return;
        }
    }
    memcpy(out_buf + out_len, s, n);
    out_len += n;
}

static void out_str(const char *s) { out_bytes(s, strlen(s)); }

/* One field of medel's CSV report: quoted when it holds ';', '"', CR or LF
 * (quotes doubled), and prefixed with an apostrophe when it starts like a
 * spreadsheet formula ('=', '+', '-', '@', TAB, CR). Writes into dst, which has
 * room for 2 * n + 3 bytes; returns the end. */
static char *csv_field(char *dst, const char *s, size_t n)
{
    bool formula = n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                             s[0] == '\t' || s[0] == '\r');
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ';' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (quote)
        *dst++ = '"';
    if (formula)
        *dst++ = '\'';
    if (!quote) {
        memcpy(dst, s, n);
        return dst + n;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            *dst++ = '"';
        *dst++ = s[i];
    }
    *dst++ = '"';
    return dst;
}

/* ---- the rule file, written out ---------------------------------------------- */

/* Criterion, its reason and the line:column of its `krav` in bench/rules/bench.medel. */
static const struct {
    const char *name, *reason, *where;
} CRITERIA[7] = {
    {"R1", "Sökande ska vara regionen eller en privat vårdgivare.", "37:9"},
    {"R2", "Medlen får inte finansiera ordinarie verksamhet.", "42:9"},
    {"R3", "Projektet ska ha samrått med minst en av CPF, NASP och CES.", "47:9"},
    {"R4", "Projektet ska gå att skala upp.", "52:9"},
    {"R5", "Projektet ska avse nära vård, egenvård eller vårdutveckling.", "57:9"},
    {"R6", "Sökt belopp ska vara mellan 50 000 och 2 000 000 kr.", "62:9"},
    {"R7", "Målgruppen ska överlappa åldrarna 12–22 år.", "67:9"},
};

enum { KOMMUN, REGION, PRIVAT, IDEELL };
static const char *const APPLICANT_TYPES[] = {"kommun", "region", "privat", "ideell"};
static const char *const FOCUS[] = {
    "samverkan", "delaktighet", "digital", "tillganglighet", "omstallning",
    "funktionsvariation", "jamlik_vard", "nara_vard", "egenvard", "vardutveckling",
};
#define FOCUS_NEAR ((1u << 7) | (1u << 8) | (1u << 9)) /* nara_vard, egenvard, vardutveckling */
static const char *const CONSULTED[] = {"CPF", "NASP", "CES"};
static const char *const YES[] = {"ja", "j", "yes", "y", "true", "sant", "x", "1"};
static const char *const NO[] = {"nej", "n", "no", "false", "falskt", "0"};

/* The columns, in the rule file's order; their place in the file is read from the header. */
enum { C_ID, C_TITLE, C_TYPE, C_MUNICIPALITY, C_AMOUNT, C_FOCUS, C_AGE_MIN, C_AGE_MAX,
       C_ORDINARY, C_CONSULTED, C_SCALABLE, N_COLS };
static const char *const COLUMNS[N_COLS] = {
    "id", "title", "applicant_type", "municipality", "requested_sek", "focus",
    "age_min", "age_max", "ordinary_operations", "consulted", "scalable",
};

/* The constant part of each report line after the id, ";bench;ej stödberättigad;R1;reason;",
 * and the part after the values, ";RULES:37:9\n". */
static char line_head[7][256], line_tail[7][1024];
static size_t head_len[7], tail_len[7];

static void prepare_lines(const char *rules)
{
    for (int c = 0; c < 7; c++) {
        char *p = line_head[c];
        p += sprintf(p, ";bench;ej stödberättigad;%s;", CRITERIA[c].name);
        p = csv_field(p, CRITERIA[c].reason, strlen(CRITERIA[c].reason));
        *p++ = ';';
        head_len[c] = (size_t)(p - line_head[c]);

        char where[512];
        int n = snprintf(where, sizeof where, "%s:%s", rules, CRITERIA[c].where);
        if (n < 0 || (size_t)n >= sizeof where) {
            fprintf(stderr, "yardstick: the rule file's path is too long\n");
            exit(64);
        }
        p = line_tail[c];
        *p++ = ';';
        p = csv_field(p, where, (size_t)n);
        *p++ = '\n';
        tail_len[c] = (size_t)(p - line_tail[c]);
    }
}

/* ---- reading the CSV ---------------------------------------------------------- */

typedef struct {
    char *s;
    size_t len;
} Cell;

static const char *in_path;
static size_t line_no;   /* of the record's first line */

static _Noreturn void bad(const char *what, const Cell *c)
{
    if (c)
        fprintf(stderr, "%s:%zu: %s: '%.*s'\n", in_path, line_no, what, (int)c->len, c->s);
    else
        fprintf(stderr, "%s:%zu: %s\n", in_path, line_no, what);
    exit(65);
}

/* Splits one record into cells, in place: line is a whole record (a quoted
 * cell may hold line breaks); quoted cells are unescaped where they stand.
 * Returns the number of cells (at most max). */
static size_t split(char *line, size_t len, Cell *cells, size_t max)
{
    size_t n = 0;
    char *p = line, *end = line + len;
    for (;;) {
        if (n == max)
            bad("too many cells", NULL);
        if (p < end && *p == '"') {
            char *w = ++p, *start = w;
            for (;;) {
                if (p == end)
                    bad("a quoted cell does not end", NULL);
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') {
                        *w++ = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                *w++ = *p++;
            }
            cells[n++] = (Cell){start, (size_t)(w - start)};
            if (p == end)
                return n;
            if (*p != ',')
                bad("text after a quoted cell", NULL);
            p++;
        } else {
            char *comma = memchr(p, ',', (size_t)(end - p));
            char *stop = comma ? comma : end;
            cells[n++] = (Cell){p, (size_t)(stop - p)};
            if (!comma)
                return n;
            p = comma + 1;
        }
    }
}

/* Whether a record read so far is inside a quoted cell (an odd number of quotes). */
static bool open_quote(const char *s, size_t len)
{
    bool in = false;
    for (const char *q = s; (q = memchr(q, '"', (size_t)(s + len - q))); q++)
        in = !in;
    return in;
}

/* ---- converting cells ------------------------------------------------------------ */

static bool eq_fold(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; i < n && word[i]; i++) {
        unsigned char c = (unsigned char)s[i], w = (unsigned char)word[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (w >= 'A' && w <= 'Z')
            w = (unsigned char)(w - 'A' + 'a');
        if (c != w)
            return false;
    }
    return i == n && !word[i];
}

static int one_of(const char *s, size_t n, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (eq_fold(s, n, names[i]))
            return (int)i;
    return -1;
}

static int64_t integer(const Cell *c)
{
    size_t i = 0;
    bool neg = false;
    if (c->len > 0 && (c->s[0] == '-' || c->s[0] == '+'))
        neg = c->s[i++] == '-';
    if (i == c->len || c->len - i > 15)
        bad("not an integer", c);
    int64_t v = 0;
    for (; i < c->len; i++) {
        if (c->s[i] < '0' || c->s[i] > '9')
            bad("not an integer", c);
        v = v * 10 + (c->s[i] - '0');
    }
    return neg ? -v : v;
}

static bool boolean(const Cell *c)
{
    if (one_of(c->s, c->len, YES, COUNT(YES)) >= 0)
        return true;
    if (one_of(c->s, c->len, NO, COUNT(NO)) >= 0)
        return false;
    bad("neither yes nor no", c);
}

/* A set of names separated by '|' (an empty cell is the empty set) as a bit mask. */
static unsigned set_of(const Cell *c, const char *const *names, size_t count)
{
    unsigned mask = 0;
    if (c->len == 0)
        return 0;
    const char *p = c->s, *end = c->s + c->len;
    for (;;) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *stop = bar ? bar : end;
        int m = one_of(p, (size_t)(stop - p), names, count);
        if (m < 0)
            bad("not one of the names", c);
        mask |= 1u << m;
        if (!bar)
            return mask;
        p = bar + 1;
    }
}

/* ---- duplicate ids: an open-addressing table of hashes and offsets into a
 * store of the ids seen, doubled when half full ----------------------------------- */

static struct {
    uint64_t *hash;   /* 0: empty */
    size_t *at;       /* offset of the id in keys, as length-prefixed bytes */
    size_t slots, used;
    char *keys;
    size_t keys_len, keys_cap;
} seen;

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    return h ? h : 1;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "yardstick: out of memory\n");
        exit(71);
    }
    return p;
}

static void seen_grow(void)
{
    size_t slots = seen.slots ? 2 * seen.slots : 1024;
    uint64_t *hash = calloc(slots, sizeof *hash);
    size_t *at = xmalloc(slots * sizeof *at);
    if (!hash) {
        fprintf(stderr, "yardstick: out of memory\n");
        exit(71);
    }
    for (size_t i = 0; i < seen.slots; i++) {
        if (!seen.hash[i])
            continue;
        size_t j = seen.hash[i] & (slots - 1);
        while (hash[j])
            j = (j + 1) & (slots - 1);
        hash[j] = seen.hash[i];
        at[j] = seen.at[i];
    }
    free(seen.hash);
    free(seen.at);
    seen.hash = hash;
    seen.at = at;
    seen.slots = slots;
}

/* Whether the id was seen before; remembers it if not. */
static bool seen_before(const char *s, size_t n)
{
    if (2 * (seen.used + 1) > seen.slots)
        seen_grow();
    uint64_t h = fnv1a(s, n);
    size_t j = h & (seen.slots - 1);
    for (; seen.hash[j]; j = (j + 1) & (seen.slots - 1)) {
        if (seen.hash[j] != h)
            continue;
        size_t klen;
        memcpy(&klen, seen.keys + seen.at[j], sizeof klen);
        if (klen == n && !memcmp(seen.keys + seen.at[j] + sizeof klen, s, n))
            return true;
    }
    if (seen.keys_len + sizeof n + n > seen.keys_cap) {
        seen.keys_cap = 2 * seen.keys_cap + sizeof n + n + 4096;
        char *k = realloc(seen.keys, seen.keys_cap);
        if (!k) {
            fprintf(stderr, "yardstick: out of memory\n");
            exit(71);
        }
        seen.keys = k;
    }
    seen.hash[j] = h;
    seen.at[j] = seen.keys_len;
    memcpy(seen.keys + seen.keys_len, &n, sizeof n);
    memcpy(seen.keys + seen.keys_len + sizeof n, s, n);
    seen.keys_len += sizeof n + n;
    seen.used++;
    return false;
}

/* ---- one application ----------------------------------------------------------- */

/* "2 739 928 kr": whole kronor with a space between thousands. */
static char *kronor(char *p, int64_t v)
{
    char digits[24];
    int n = 0;
    if (v < 0) {
        *p++ = '-';
        v = -v;
    }
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (n > 0) {
        *p++ = digits[--n];
        if (n > 0 && n % 3 == 0)
            *p++ = ' ';
    }
    memcpy(p, " kr", 3);
    return p + 3;
}

static bool failed;   /* the current application failed a criterion */

static void report(int crit, const Cell *id, const char *values, size_t vlen)
{
    failed = true;
    char line[4096 + 1024];
    if (2 * id->len + 3 + head_len[crit] + 2 * vlen + 3 + tail_len[crit] > sizeof line)
        bad("the id is too long", id);
    char *p = csv_field(line, id->s, id->len);
    memcpy(p, line_head[crit], head_len[crit]);
    p += head_len[crit];
    p = csv_field(p, values, vlen);
    memcpy(p, line_tail[crit], tail_len[crit]);
    p += tail_len[crit];
    out_bytes(line, (size_t)(p - line));
}

static void assess(Cell *cell, const int *col)
{
    const Cell *id = &cell[col[C_ID]];
    if (id->len == 0)
        bad("the id is empty", NULL);
    if (seen_before(id->s, id->len))
        bad("the id is used twice", id);
    const Cell *tc = &cell[col[C_TYPE]];
    int type = one_of(tc->s, tc->len, APPLICANT_TYPES, COUNT(APPLICANT_TYPES));
    if (type < 0)
        bad("not an applicant type", tc);
    int64_t amount = integer(&cell[col[C_AMOUNT]]);
    unsigned focus = set_of(&cell[col[C_FOCUS]], FOCUS, COUNT(FOCUS));
    int64_t age_min = integer(&cell[col[C_AGE_MIN]]);
    int64_t age_max = integer(&cell[col[C_AGE_MAX]]);
    bool ordinary = boolean(&cell[col[C_ORDINARY]]);
    unsigned consulted = set_of(&cell[col[C_CONSULTED]], CONSULTED, COUNT(CONSULTED));
    bool scalable = boolean(&cell[col[C_SCALABLE]]);

    char v[512];
    char *p;
    failed = false;
    if (type != REGION && type != PRIVAT) {
        p = v + sprintf(v, "sökandetyp = %s", APPLICANT_TYPES[type]);
        report(0, id, v, (size_t)(p - v));
    }
    if (ordinary)
        report(1, id, "ordinarie_verksamhet = ja", strlen("ordinarie_verksamhet = ja"));
    if (!consulted)   /* every member is one of CPF, NASP, CES */
        report(2, id, "samråd = (inga)", strlen("samråd = (inga)"));
    if (!scalable)
        report(3, id, "skalbart = nej", strlen("skalbart = nej"));
    if (!(focus & FOCUS_NEAR)) {
        p = v + sprintf(v, "fokus = ");
        if (!focus)
            p += sprintf(p, "(inga)");
        for (size_t i = 0, first = 1; i < COUNT(FOCUS); i++) {
            if (!(focus & (1u << i)))
                continue;
            if (!first)
                *p++ = ',', *p++ = ' ';
            size_t n = strlen(FOCUS[i]);
            memcpy(p, FOCUS[i], n);
            p += n;
            first = 0;
        }
        report(4, id, v, (size_t)(p - v));
    }
    if (amount < 50000 || amount > 2000000) {
        p = kronor(v + sprintf(v, "belopp = "), amount);
        report(5, id, v, (size_t)(p - v));
    }
    if (!(age_min <= 22 && age_max >= 12)) {
        /* medel lists every field the condition names, whichever part failed. */
        p = v + sprintf(v, "ålder_min = %" PRId64 "; ålder_max = %" PRId64, age_min, age_max);
        report(6, id, v, (size_t)(p - v));
    }
    if (!failed) {   /* eligible: one line with the criterion's columns empty */
        char line[4096];
        if (2 * id->len + 3 + 32 > sizeof line)
            bad("the id is too long", id);
        p = csv_field(line, id->s, id->len);
        static const char ELIGIBLE[] = ";bench;stödberättigad;;;;\n";
        memcpy(p, ELIGIBLE, sizeof ELIGIBLE - 1);
        p += sizeof ELIGIBLE - 1;
        out_bytes(line, (size_t)(p - line));
    }
}

/* ---- main ---------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    const char *rules = NULL, *out_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out_path = argv[++i];
        else if (!rules)
            rules = argv[i];
        else if (!in_path)
            in_path = argv[i];
        else
            rules = NULL, i = argc;
    }
    if (!rules || !in_path) {
        fprintf(stderr, "usage: yardstick RULES APPLICATIONS.csv [-o REPORT.csv]\n");
        return 64;
    }
    prepare_lines(rules);

    FILE *in = fopen(in_path, "r");
    if (!in) {
        perror(in_path);
        return 66;
    }
    static char in_buf[1 << 20];
    setvbuf(in, in_buf, _IOFBF, sizeof in_buf);

    char tmp_path[4096];
    struct stat st;
    if (out_path && stat(out_path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* /dev/null, a pipe: written as it is, as medel does */
        out_fd = open(out_path, O_WRONLY);
        if (out_fd < 0) {
            perror(out_path);
            return 73;
        }
        out_path = NULL;
    } else if (out_path) {
        if (snprintf(tmp_path, sizeof tmp_path, "%s.tmp", out_path) >= (int)sizeof tmp_path) {
            fprintf(stderr, "yardstick: the output path is too long\n");
            return 64;
        }
        out_fd = open(tmp_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out_fd < 0) {
            perror(tmp_path);
            return 73;
        }
    }
    out_str("\xEF\xBB\xBF" "ansökan;pott;bedömning;villkor;skäl;värden;regel\n");

    char *line = NULL, *more = NULL;
    size_t cap = 0, more_cap = 0, next_line = 1, count = 0;
    ssize_t len;
    int col[N_COLS];
    size_t width = 0;   /* cells in the header */
    bool header = true;
    Cell cells[64];
    while ((len = getline(&line, &cap, in)) > 0) {
        line_no = next_line++;
        /* A quoted cell with a line break in it: the record goes on. */
        while (open_quote(line, (size_t)len)) {
            ssize_t m = getline(&more, &more_cap, in);
            if (m <= 0)
                bad("a quoted cell does not end", NULL);
            next_line++;
            if ((size_t)(len + m) + 1 > cap) {
                cap = (size_t)(len + m) + 1;
                char *l = realloc(line, cap);
                if (!l) {
                    fprintf(stderr, "yardstick: out of memory\n");
                    return 71;
                }
                line = l;
            }
            memcpy(line + len, more, (size_t)m + 1);
            len += m;
        }
        if (line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len == 0)
            continue;
        size_t n = split(line, (size_t)len, cells, COUNT(cells));
        if (header) {
            /* A BOM is allowed before the header. */
            if (cells[0].len >= 3 && !memcmp(cells[0].s, "\xEF\xBB\xBF", 3))
                cells[0].s += 3, cells[0].len -= 3;
            for (int c = 0; c < N_COLS; c++) {
                col[c] = -1;
                for (size_t i = 0; i < n; i++)
                    if (cells[i].len == strlen(COLUMNS[c]) && !memcmp(cells[i].s, COLUMNS[c], cells[i].len))
                        col[c] = (int)i;
                if (col[c] < 0) {
                    fprintf(stderr, "%s: no column '%s'\n", in_path, COLUMNS[c]);
                    return 65;
                }
            }
            width = n;
            header = false;
            continue;
        }
        if (n != width)
            bad("not as many cells as the header", NULL);
        assess(cells, col);
        count++;
    }
    if (ferror(in)) {
        perror(in_path);
        return 74;
    }
    if (header) {
        fprintf(stderr, "%s: no header\n", in_path);
        return 65;
    }
    out_flush();
    if (out_path) {
        if (fsync(out_fd) != 0 || close(out_fd) != 0 || rename(tmp_path, out_path) != 0) {
            perror(out_path);
            return 74;
        }
    }
    fprintf(stderr, "%s: %zu ansökningar lästa, %zu giltiga, 0 avvisade\n", in_path, count, count);
    free(line);
    free(more);
    fclose(in);
    return 0;
}
