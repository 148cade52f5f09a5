/*
** xlsx.c: one sheet of a workbook, row by row (xlsx.h). libzip reads the
** container: it checks each entry's CRC, handles zip64, and knows an entry's
** sizes before inflating it, so a zip bomb is refused unopened. expat reads
** the XML as a stream in bounded memory (a row at a time, suspended between
** rows), and its entity-expansion guards stand; a DOCTYPE, which no workbook
** has, is refused outright. Numbers never pass through floating point.
*/
#include "xlsx.h"

#include <errno.h>
#include <expat.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "i18n.h"
#include "arena.h"
#include "text.h"

/* ====================================================================
** {====== small pieces
** ==================================================================== */

char *xlsx_col_name(uint32_t col, char buf[4])
{
    char tmp[4];
    int n = 0;
    uint32_t c = col + 1;
    while (c && n < 3) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

bool xlsx_parse_ref(const char *s, size_t len, uint32_t *col, uint32_t *row)
{
    size_t i = 0;
    uint32_t c = 0, r = 0;
    while (i < len && i < 4 && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
        char ch = s[i] >= 'a' ? (char)(s[i] - 'a' + 'A') : s[i];
        c = c * 26 + (uint32_t)(ch - 'A' + 1);
        i++;
    }
    if (i == 0 || i > 3 || c > XLSX_MAX_COLS)
        return false;
    size_t digits = 0;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
        if (digits == 0 && s[i] == '0')
            return false;
        if (digits >= 7)
            return false;
        r = r * 10 + (uint32_t)(s[i] - '0');
    }
    if (i != len || digits == 0 || r > XLSX_MAX_ROWS)
        return false;
    *col = c - 1;
    *row = r;
    return true;
}

char *xlsx_where(const char *sheet, long col, size_t row, char *buf, size_t n)
{
    bool plain = sheet[0] != '\0';
    for (const char *p = sheet; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' ||
              (unsigned char)*p >= 0x80))
            plain = false;
    char name[300];
    if (plain) {
        snprintf(name, sizeof name, "%s", sheet);
    } else {
        /* Quoted, with a quote in the name doubled, as Excel writes it. */
        size_t at = 0;
        name[at++] = '\'';
        for (const char *p = sheet; *p && at + 3 < sizeof name; p++) {
            if (*p == '\'')
                name[at++] = '\'';
            name[at++] = *p;
        }
        name[at++] = '\'';
        name[at] = '\0';
    }
    char letters[4];
    if (col < 0)
        snprintf(buf, n, "%s:%zu", name, row);
    else
        snprintf(buf, n, "%s!%s%zu", name, xlsx_col_name((uint32_t)col, letters), row);
    return buf;
}

/* A number as Excel writes it: its significant digits (no leading zeros),
** the power of ten of the last one, and its sign. */
typedef struct Decimal {
    char d[48];
    int nd;
    int exp;   /* value = d × 10^exp */
    bool neg;
} Decimal;

static bool decimal_read(const char *s, size_t len, Decimal *x)
{
    size_t i = 0;
    memset(x, 0, sizeof *x);
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        x->neg = s[i++] == '-';
    bool any = false, point = false;
    int frac = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (point)
                frac++;
            if (x->nd == 0 && c == '0')
                continue;   /* a leading zero */
            if (x->nd >= (int)sizeof x->d - 1)
                return false;   /* more digits than any number Excel writes */
            x->d[x->nd++] = c;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (!any)
        return false;
    int e = 0;
    if (i < len && (s[i] == 'E' || s[i] == 'e')) {
        i++;
        bool eneg = false;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            eneg = s[i++] == '-';
        size_t start = i;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            if (e > 10000)
                return false;
            e = e * 10 + (s[i] - '0');
        }
        if (i == start)
            return false;
        if (eneg)
            e = -e;
    }
    if (i != len)
        return false;
    x->exp = e - frac;
    /* Trailing zeros go into the exponent. */
    while (x->nd > 0 && x->d[x->nd - 1] == '0')
        x->nd--, x->exp++;
    if (x->nd == 0)
        x->exp = 0, x->neg = false;
    x->d[x->nd] = '\0';
    return true;
}

__extension__ typedef unsigned __int128 u128;

/* Rounds x to two decimals when it is float noise of such a value: 15 or
** more significant digits, within one unit of the 15th of them. */
static void decimal_denoise(Decimal *x)
{
    if (x->nd < 15 || x->exp >= -2 || x->exp < -36)
        return;
    int top = x->nd - 1 + x->exp;     /* the power of ten of the first digit */
    int unit = top - 14;              /* of the 15th */
    if (unit >= -2)
        return;                       /* digits past the cent are all significant ones already */
    /* In units of 10^exp: the digits below the cent (the tail), one cent,
    ** and one unit of the 15th digit. */
    int below = -2 - x->exp;          /* how many digits lie below the cent */
    if (below > x->nd)
        below = x->nd;
    u128 tail = 0, cent = 1, unit15 = 1;
    for (int k = x->nd - below; k < x->nd; k++)
        tail = tail * 10 + (u128)(x->d[k] - '0');
    for (int k = 0; k < -2 - x->exp; k++)
        cent *= 10;
    for (int k = 0; k < unit - x->exp; k++)
        unit15 *= 10;
    bool up = 2 * tail >= cent;
    u128 diff = up ? cent - tail : tail;
    if (diff > unit15)
        return;
    /* Keep the digits down to the cent, rounded. */
    int keep = x->nd - below;
    x->nd = keep;
    x->exp = -2;
    if (up) {
        int k = keep - 1;
        for (; k >= 0 && x->d[k] == '9'; k--)
            x->d[k] = '0';
        if (k >= 0) {
            x->d[k]++;
        } else {
            memmove(x->d + 1, x->d, (size_t)keep);
            x->d[0] = '1';
            x->nd++;
        }
    }
    while (x->nd > 0 && x->d[x->nd - 1] == '0')
        x->nd--, x->exp++;
    if (x->nd == 0)
        x->exp = 0, x->neg = false;
    x->d[x->nd] = '\0';
}

/* Writes x without an exponent; false when it would be too long. */
static bool decimal_write(const Decimal *x, char *buf, size_t n)
{
    if (x->nd == 0) {
        snprintf(buf, n, "0");
        return n > 1;
    }
    if (x->exp > 30 || x->exp < -60)
        return false;
    size_t at = 0;
    char out[160];
    if (x->neg)
        out[at++] = '-';
    if (x->exp >= 0) {
        memcpy(out + at, x->d, (size_t)x->nd);
        at += (size_t)x->nd;
        for (int k = 0; k < x->exp; k++)
            out[at++] = '0';
    } else {
        int whole = x->nd + x->exp;   /* digits before the point */
        if (whole > 0) {
            memcpy(out + at, x->d, (size_t)whole);
            at += (size_t)whole;
            out[at++] = '.';
            memcpy(out + at, x->d + whole, (size_t)(x->nd - whole));
            at += (size_t)(x->nd - whole);
        } else {
            out[at++] = '0';
            out[at++] = '.';
            for (int k = 0; k < -whole; k++)
                out[at++] = '0';
            memcpy(out + at, x->d, (size_t)x->nd);
            at += (size_t)x->nd;
        }
    }
    if (at + 1 > n)
        return false;
    memcpy(buf, out, at);
    buf[at] = '\0';
    return true;
}

bool xlsx_number_text(const char *s, size_t len, bool percent, char *buf, size_t n)
{
    Decimal x;
    if (!decimal_read(s, len, &x))
        return false;
    if (percent && x.nd)
        x.exp += 2;
    decimal_denoise(&x);
    if (!decimal_write(&x, buf, n))
        return false;
    if (percent) {
        size_t at = strlen(buf);
        if (at + 3 > n)
            return false;
        memcpy(buf + at, " %", 3);
    }
    return true;
}

/* The civil date of day z counted from 1970-01-01 (Howard Hinnant's
** days-to-civil algorithm, exact for every day medel meets). */
static void civil(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

bool xlsx_date_text(const char *s, size_t len, bool date1904, char *buf, size_t n)
{
    Decimal x;
    if (!decimal_read(s, len, &x) || x.neg)
        return false;
    /* The whole days and the fraction (to 12 digits: far below a second). */
    int64_t days = 0;
    int64_t frac = 0, scale = 1;
    for (int k = 0; k < x.nd; k++) {
        int pos = x.nd - 1 - k + x.exp;   /* power of ten of digit k */
        int dgt = x.d[k] - '0';
        if (pos >= 0) {
            if (pos > 7)
                return false;
            int64_t v = dgt;
            for (int p = 0; p < pos; p++)
                v *= 10;
            days += v;
        }
    }
    for (int p = 1; p <= 12; p++) {
        int k = x.nd - 1 + x.exp + p;    /* digit k has power -p */
        int dgt = k >= 0 && k < x.nd ? x.d[k] - '0' : 0;
        frac = frac * 10 + dgt;
        scale *= 10;
    }
    int64_t secs = (frac * 86400 + scale / 2) / scale;
    if (secs == 86400)
        days++, secs = 0;
    if (days > 2958465)   /* 9999-12-31 */
        return false;
    char date[32] = "", time[16] = "";
    if (secs)
        snprintf(time, sizeof time, "%02d:%02d:%02d", (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    if (days > 0 || date1904) {
        int64_t y;
        unsigned m, d;
        if (!date1904 && days == 60) {
            snprintf(date, sizeof date, "1900-02-29");
        } else {
            /* Day 0 of the 1900 system is 1899-12-31, but from 61 on every
            ** serial is one more than the days since 1899-12-31 (serial 60
            ** was the day that never was): from 1899-12-30. */
            int64_t epoch = date1904 ? -24107 : (days < 60 ? -25568 : -25569);   /* days of 1904-01-01, 1899-12-31, 1899-12-30 from 1970 */
            civil(epoch + days, &y, &m, &d);
            snprintf(date, sizeof date, "%04" PRId64 "-%02u-%02u", y, m, d);
        }
    }
    if (date[0] && time[0])
        snprintf(buf, n, "%s %s", date, time);
    else if (date[0])
        snprintf(buf, n, "%s", date);
    else
        snprintf(buf, n, "%s", time[0] ? time : "00:00:00");
    return true;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

size_t xlsx_unescape(char *s, size_t len)
{
    if (!memchr(s, '_', len))
        return len;
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == '_' && i + 7 <= len && s[i + 1] == 'x' && s[i + 6] == '_' && hexval(s[i + 2]) >= 0 &&
            hexval(s[i + 3]) >= 0 && hexval(s[i + 4]) >= 0 && hexval(s[i + 5]) >= 0) {
            unsigned cp = (unsigned)(hexval(s[i + 2]) << 12 | hexval(s[i + 3]) << 8 | hexval(s[i + 4]) << 4 | hexval(s[i + 5]));
            /* Into UTF-8; at most 3 bytes, never more than the 7 it replaces. */
            if (cp < 0x80) {
                s[w++] = (char)cp;
            } else if (cp < 0x800) {
                s[w++] = (char)(0xC0 | cp >> 6);
                s[w++] = (char)(0x80 | (cp & 0x3F));
            } else {
                s[w++] = (char)(0xE0 | cp >> 12);
                s[w++] = (char)(0x80 | (cp >> 6 & 0x3F));
                s[w++] = (char)(0x80 | (cp & 0x3F));
            }
            i += 7;
        } else {
            s[w++] = s[i++];
        }
    }
    return w;
}

char xlsx_format_kind(const char *code)
{
    bool percent = false;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == ';')
            break;   /* the first section says what the cell is */
        if (c == '"') {
            for (p++; *p && *p != '"'; p++)
                ;
            if (!*p)
                break;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') {
            if (p[1])
                p++;
            continue;
        }
        if (c == '[') {
            /* [Red], [$-41D], [>100]: no date; [h], [mm], [ss]: elapsed time. */
            const char *q = p + 1;
            bool time = *q != '\0';
            for (; *q && *q != ']'; q++)
                if (*q != 'h' && *q != 'H' && *q != 'm' && *q != 'M' && *q != 's' && *q != 'S')
                    time = false;
            if (time && q > p + 1)
                return 'd';
            if (!*q)
                break;
            p = q;
            continue;
        }
        if ((c == 'G' || c == 'g') && strncasecmp(p, "general", 7) == 0) {
            p += 6;
            continue;
        }
        if (c == '%')
            percent = true;
        if (strchr("dDmMyYhHsS", c))
            return 'd';
    }
    return percent ? '%' : 0;
}

/* }====== */

/* ====================================================================
** {====== the reader
** ==================================================================== */

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

/* Appends, unless the result would pass max bytes: false then. */
static bool buf_add(Buf *b, const char *s, size_t n, size_t max)
{
    if (n > max || b->len > max - n)
        return false;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

typedef struct SheetRef {
    char *name, *rid, *target;
    bool chart;
    bool hidden;   /* state="hidden" or "veryHidden": never read unless named */
} SheetRef;

enum { CELL_ROW_MAX = (size_t)64 << 20 };   /* a row's text, as SOURCE_MAX_ROW_MIB */

struct XlsxReader {
    char *bytes;            /* the whole file */
    zip_t *zip;
    char err[768];
    bool failed;
    /* the workbook */
    SheetRef *sheets;
    size_t n_sheets;
    char *sheet;            /* the name of the sheet read */
    bool date1904;
    /* styles: per cell format (xf), 'd', '%' or 0 */
    char *xf_kind;
    size_t n_xf;
    struct { unsigned id; char kind; } *fmts;
    size_t n_fmts, cap_fmts;
    bool in_xfs;
    /* shared strings: string i is ss.p[ss_off[i] .. ss_off[i + 1]) */
    Buf ss;
    size_t *ss_off;
    size_t n_ss, cap_ss;
    int in_rph;
    bool in_t, in_si;
    /* the part being parsed */
    const char *part;
    XML_Parser xp;
    zip_file_t *zf;
    uint64_t inflated, declared;
    char chunk[65536];
    bool suspended, final, done;
    /* the sheet: the row being read */
    bool in_data;
    uint32_t row, next_col;
    bool row_ready, any_value;
    uint32_t value_row;     /* the last row with a value (0: none yet) */
    size_t empty_rows;
    Buf text;               /* the row's cell texts */
    size_t *off;            /* per cell: its offset in text */
    CsvField *fields;
    unsigned char *kinds;
    size_t n_cells, cap_cells, last_value;
    /* the cell being read */
    bool in_cell, in_v, in_is, has_v, has_f;
    uint32_t col;
    char type[12];
    unsigned style;
    Buf val;
};

static void fail(XlsxReader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(XlsxReader *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
    r->failed = true;
    if (r->xp)
        XML_StopParser(r->xp, XML_FALSE);
}

/* Where the reader is in the sheet, for a message: "Blad1!D7" in a cell,
** "Blad1:7" in a row, else "Blad1". */
static const char *here(const XlsxReader *r, char *buf, size_t n)
{
    if (!r->sheet)
        snprintf(buf, n, _("arbetsboken"));
    else if (r->in_cell)
        xlsx_where(r->sheet, (long)r->col, r->row, buf, n);
    else if (r->row)
        xlsx_where(r->sheet, -1, r->row, buf, n);
    else
        snprintf(buf, n, "%s", r->sheet);
    return buf;
}

/* The local part of a name ("x:sheet" or "sheet"). The parser does not
** resolve namespaces (that doubled the time of a large sheet): every part
** medel reads has one vocabulary, and a prefix, whatever it is, is skipped. */
static const char *local(const XML_Char *name)
{
    const char *sep = strchr(name, ':');
    return sep ? sep + 1 : name;
}

/* An attribute by its local name; with ns, only one with a prefix
** (r:id), else only one without. */
static const char *attr(const XML_Char **atts, const char *name, bool ns)
{
    for (size_t i = 0; atts[i]; i += 2) {
        const char *sep = strchr(atts[i], ':');
        if (ns ? (sep && !strcmp(sep + 1, name)) : (!sep && !strcmp(atts[i], name)))
            return atts[i + 1];
    }
    return NULL;
}

static bool parse_uint(const char *s, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    if (!s || !*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > max)
            return false;
    }
    *out = v;
    return true;
}

static void XMLCALL no_doctype(void *data, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    XlsxReader *r = data;
    fail(r, _("%s: delen %s har en DOCTYPE, vilket ingen arbetsbok har; den läses inte"), r->sheet ? r->sheet : _("arbetsboken"),
         r->part);
}

static XML_Parser new_parser(XlsxReader *r)
{
    /* Allocations through the tracked malloc (arena.h), like the rest. */
    static const XML_Memory_Handling_Suite mm = {malloc, realloc, free};
    XML_Parser p = XML_ParserCreate_MM("UTF-8", &mm, NULL);
    if (!p)
        arena_out_of_memory(sizeof(void *));
    XML_SetUserData(p, r);
    XML_SetStartDoctypeDeclHandler(p, no_doctype);
    return p;
}

/* Opens entry `name` for inflating, refusing a zip bomb unopened. With
** optional, a missing entry is no error (returns NULL, r->failed unset). */
static zip_file_t *open_entry(XlsxReader *r, const char *name, uint64_t max_mib, bool optional)
{
    zip_int64_t i = zip_name_locate(r->zip, name, 0);
    if (i < 0) {
        if (!optional)
            fail(r, _("arbetsboken har ingen del %s; den är ingen .xlsx-arbetsbok, eller så är den skadad"), name);
        return NULL;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(r->zip, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_SIZE)) {
        fail(r, _("delen %s av arbetsboken kan inte läsas: %s"), name, zip_strerror(r->zip));
        return NULL;
    }
    uint64_t max = max_mib << 20;
    if (st.size > max) {
        fail(r, _("delen %s av arbetsboken skulle packas upp till %" PRIu64 " MiB, mer än de %" PRIu64 " MiB medel läser; den avvisas oläst (en zip-bomb, eller ett blad långt större än någon ansökningslista)"),
             name, (uint64_t)(st.size >> 20), max_mib);
        return NULL;
    }
    if (st.size > ((uint64_t)XLSX_RATIO_MIN_MIB << 20) && st.size / (st.comp_size ? st.comp_size : 1) > XLSX_MAX_RATIO) {
        fail(r, _("delen %s av arbetsboken skulle packas upp till %" PRIu64 " MiB, mer än %d gånger sin packade storlek, vilket inget verkligt blad gör; den avvisas oläst som en zip-bomb"), name, (uint64_t)(st.size >> 20),
             XLSX_MAX_RATIO);
        return NULL;
    }
    zip_file_t *zf = zip_fopen_index(r->zip, (zip_uint64_t)i, 0);
    if (!zf) {
        fail(r, _("delen %s av arbetsboken kan inte läsas: %s"), name, zip_strerror(r->zip));
        return NULL;
    }
    r->part = name;
    r->inflated = 0;
    r->declared = st.size;
    return zf;
}

/* Inflates the next chunk of r->zf into r->chunk: its length, or -1 (failed). */
static zip_int64_t read_chunk(XlsxReader *r)
{
    zip_int64_t n = zip_fread(r->zf, r->chunk, sizeof r->chunk);
    if (n < 0) {
        zip_error_t *e = zip_file_get_error(r->zf);
        fail(r, _("delen %s av arbetsboken är skadad: %s"), r->part, zip_error_strerror(e));
        return -1;
    }
    r->inflated += (uint64_t)n;
    if (r->inflated > r->declared) {
        fail(r, _("delen %s av arbetsboken packas upp till mer än de %" PRIu64 " byte den anger; den är skadad eller en zip-bomb"), r->part, r->declared);
        return -1;
    }
    return n;
}


/* Expat's reason for broken XML: in Swedish for the errors a damaged or
** hand-edited workbook gives (expat writes English only), else expat's. */
static const char *xml_reason(enum XML_Error code)
{
    if (i18n_language() == LANGUAGE_SV) {
        switch (code) {
        case XML_ERROR_SYNTAX: return "syntaxfel";
        case XML_ERROR_INVALID_TOKEN: return "ogiltigt tecken (XML-koden är inte välformad)";
        case XML_ERROR_NO_ELEMENTS: return "inget element";
        case XML_ERROR_UNCLOSED_TOKEN: return "en tagg avslutas aldrig";
        case XML_ERROR_PARTIAL_CHAR: return "ett tecken är avbrutet";
        case XML_ERROR_TAG_MISMATCH: return "en sluttagg passar inte till sin starttagg";
        case XML_ERROR_DUPLICATE_ATTRIBUTE: return "samma attribut två gånger";
        case XML_ERROR_JUNK_AFTER_DOC_ELEMENT: return "text efter dokumentets slut";
        case XML_ERROR_UNDEFINED_ENTITY: return "okänd entitet";
        case XML_ERROR_BAD_CHAR_REF: return "ogiltig teckenreferens";
        case XML_ERROR_UNCLOSED_CDATA_SECTION: return "ett CDATA-avsnitt avslutas aldrig";
        case XML_ERROR_INCORRECT_ENCODING: return "fel teckenkodning";
        case XML_ERROR_UNKNOWN_ENCODING: return "okänd teckenkodning";
        case XML_ERROR_MISPLACED_XML_PI: return "XML-deklarationen står på fel ställe";
        case XML_ERROR_NO_MEMORY: return "minnet räcker inte";
        default: break;
        }
    }
    return XML_ErrorString(code);
}

/* Says what is wrong with the XML of the part being parsed. */
static void xml_failed(XlsxReader *r)
{
    if (r->failed)
        return;
    char where[400];
    enum XML_Error code = XML_GetErrorCode(r->xp);
    int off = 0, size = 0;
    const char *ctx = code == XML_ERROR_INVALID_TOKEN ? XML_GetInputContext(r->xp, &off, &size) : NULL;
    if (ctx && off >= 0 && off < size) {
        /* expat says "invalid token" for bytes that are not UTF-8 as well;
        ** say which it is when the bytes at the error are such. */
        size_t have = (size_t)(size - off) < 4 ? (size_t)(size - off) : 4, bad = 1, bad_len = 0;
        if (!text_valid_utf8(ctx + off, have, &bad, &bad_len) && bad == 0) {
            fail(r, _("%s: texten är inte giltig UTF-8 (byte 0x%02X i %s på rad %lu, kolumn %lu); arbetsboken är skadad, eller så skrev programmet som skapade den inte UTF-8"), here(r, where, sizeof where),
                 (unsigned)(unsigned char)ctx[off], r->part, (unsigned long)XML_GetCurrentLineNumber(r->xp),
                 (unsigned long)XML_GetCurrentColumnNumber(r->xp) + 1);
            return;
        }
    }
    fail(r, _("%s: XML-koden i %s är trasig på rad %lu, kolumn %lu: %s"), here(r, where, sizeof where), r->part,
         (unsigned long)XML_GetCurrentLineNumber(r->xp), (unsigned long)XML_GetCurrentColumnNumber(r->xp) + 1,
         xml_reason(XML_GetErrorCode(r->xp)));
}

/* Parses a whole (small) part with the handlers already set on r->xp. */
static bool parse_part(XlsxReader *r, const char *name, uint64_t max_mib, bool optional)
{
    r->zf = open_entry(r, name, max_mib, optional);
    if (!r->zf)
        return !r->failed;
    bool ok = true;
    for (;;) {
        zip_int64_t n = read_chunk(r);
        if (n < 0) {
            ok = false;
            break;
        }
        if (XML_Parse(r->xp, r->chunk, (int)n, n == 0) != XML_STATUS_OK) {
            xml_failed(r);
            ok = false;
            break;
        }
        if (r->failed) {
            ok = false;
            break;
        }
        if (n == 0)
            break;
    }
    zip_fclose(r->zf);
    r->zf = NULL;
    return ok && !r->failed;
}

/* ---- workbook.xml and its relationships ---- */

static void XMLCALL workbook_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    XlsxReader *r = data;
    const char *l = local(name);
    if (!strcmp(l, "workbookPr")) {
        const char *d = attr(atts, "date1904", false);
        r->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
    } else if (!strcmp(l, "sheet")) {
        const char *n = attr(atts, "name", false), *id = attr(atts, "id", true);
        if (!n || !id)
            return;
        if (r->n_sheets >= 65536) {
            fail(r, _("arbetsboken har fler än 65536 blad"));
            return;
        }
        r->sheets = xrealloc(r->sheets, (r->n_sheets + 1) * sizeof *r->sheets);
        const char *state = attr(atts, "state", false);
        bool hidden = state && (!strcmp(state, "hidden") || !strcmp(state, "veryHidden"));
        r->sheets[r->n_sheets++] = (SheetRef){xstrdup(n), xstrdup(id), NULL, false, hidden};
    }
}

static void XMLCALL rels_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    XlsxReader *r = data;
    if (strcmp(local(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id", false), *target = attr(atts, "Target", false), *type = attr(atts, "Type", false);
    if (!id || !target)
        return;
    for (size_t i = 0; i < r->n_sheets; i++) {
        if (strcmp(r->sheets[i].rid, id) != 0 || r->sheets[i].target)
            continue;
        /* Relative to xl/, or absolute from the root of the package. */
        size_t n = strlen(target) + 4;
        char *t = xmalloc(n);
        if (target[0] == '/')
            snprintf(t, n, "%s", target + 1);
        else
            snprintf(t, n, "xl/%s", target);
        r->sheets[i].target = t;
        r->sheets[i].chart = type && strstr(type, "/chartsheet") != NULL;
    }
}

/* ---- styles.xml ---- */

static char builtin_kind(unsigned id)
{
    if (id == 9 || id == 10)
        return '%';
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
        return 'd';
    return 0;
}

static void XMLCALL styles_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    XlsxReader *r = data;
    const char *l = local(name);
    uint64_t id;
    if (!strcmp(l, "numFmt")) {
        const char *code = attr(atts, "formatCode", false);
        if (!code || !parse_uint(attr(atts, "numFmtId", false), 100000, &id))
            return;
        if (r->n_fmts == r->cap_fmts) {
            if (r->cap_fmts >= 100000) {
                fail(r, _("arbetsbokens format definierar fler än 100000 talformat"));
                return;
            }
            r->cap_fmts = r->cap_fmts ? 2 * r->cap_fmts : 16;
            r->fmts = xrealloc(r->fmts, r->cap_fmts * sizeof *r->fmts);
        }
        r->fmts[r->n_fmts].id = (unsigned)id;
        r->fmts[r->n_fmts++].kind = xlsx_format_kind(code);
    } else if (!strcmp(l, "cellXfs")) {
        r->in_xfs = true;
    } else if (!strcmp(l, "xf") && r->in_xfs) {
        if (r->n_xf >= 1000000) {
            fail(r, _("arbetsbokens format definierar fler än 1000000 cellformat"));
            return;
        }
        char kind = 0;
        if (parse_uint(attr(atts, "numFmtId", false), 100000, &id)) {
            kind = builtin_kind((unsigned)id);
            for (size_t i = 0; i < r->n_fmts; i++)
                if (r->fmts[i].id == id)
                    kind = r->fmts[i].kind;
        }
        r->xf_kind = xrealloc(r->xf_kind, r->n_xf + 1);
        r->xf_kind[r->n_xf++] = kind;
    }
}

static void XMLCALL styles_end(void *data, const XML_Char *name)
{
    XlsxReader *r = data;
    if (!strcmp(local(name), "cellXfs"))
        r->in_xfs = false;
}

/* ---- sharedStrings.xml ---- */

static void XMLCALL ss_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    XlsxReader *r = data;
    const char *l = local(name);
    if (!strcmp(l, "sst")) {
        uint64_t n;
        const char *u = attr(atts, "uniqueCount", false);
        if (u && parse_uint(u, UINT64_MAX / 10, &n) && n > XLSX_MAX_SHARED_STRINGS)
            fail(r, _("arbetsbokens tabell med delade strängar har %" PRIu64 " strängar, fler än de %u medel läser; spara ansökningarna i en mindre arbetsbok eller som CSV UTF-8"), n, XLSX_MAX_SHARED_STRINGS);
    } else if (!strcmp(l, "si")) {
        if (r->n_ss >= XLSX_MAX_SHARED_STRINGS) {
            fail(r, _("arbetsbokens tabell med delade strängar har fler än de %u strängar medel läser; spara ansökningarna i en mindre arbetsbok eller som CSV UTF-8"), XLSX_MAX_SHARED_STRINGS);
            return;
        }
        r->in_si = true;
        if (r->n_ss + 2 > r->cap_ss) {
            r->cap_ss = r->cap_ss ? 2 * r->cap_ss : 1024;
            r->ss_off = xrealloc(r->ss_off, r->cap_ss * sizeof *r->ss_off);
        }
        r->ss_off[r->n_ss] = r->ss.len;
    } else if (!strcmp(l, "rPh")) {
        r->in_rph++;
    } else if (!strcmp(l, "t") && r->in_si) {
        r->in_t = true;
    }
}

static void XMLCALL ss_end(void *data, const XML_Char *name)
{
    XlsxReader *r = data;
    const char *l = local(name);
    if (!strcmp(l, "si") && r->in_si) {
        size_t start = r->ss_off[r->n_ss];
        r->ss.len = start + xlsx_unescape(r->ss.p ? r->ss.p + start : (char *)"", r->ss.len - start);
        r->ss_off[++r->n_ss] = r->ss.len;
        r->in_si = false;
    } else if (!strcmp(l, "rPh")) {
        r->in_rph--;
    } else if (!strcmp(l, "t")) {
        r->in_t = false;
    }
}

static void XMLCALL ss_text(void *data, const XML_Char *s, int len)
{
    XlsxReader *r = data;
    if (!r->in_t || r->in_rph || !r->in_si)
        return;
    if (!buf_add(&r->ss, s, (size_t)len, (size_t)XLSX_MAX_SHARED_MIB << 20))
        fail(r, _("arbetsbokens tabell med delade strängar har mer än de %d MiB text medel läser; spara ansökningarna i en mindre arbetsbok eller som CSV UTF-8"), XLSX_MAX_SHARED_MIB);
}

/* ---- the sheet ---- */

static void cell_put(XlsxReader *r, uint32_t col, const char *s, size_t len, unsigned char kind)
{
    char where[400];
    while (r->n_cells <= col) {
        if (r->n_cells == r->cap_cells) {
            r->cap_cells = r->cap_cells ? 2 * r->cap_cells : 64;
            r->off = xrealloc(r->off, r->cap_cells * sizeof *r->off);
            r->fields = xrealloc(r->fields, r->cap_cells * sizeof *r->fields);
            r->kinds = xrealloc(r->kinds, r->cap_cells);
        }
        r->off[r->n_cells] = r->text.len;
        r->fields[r->n_cells] = (CsvField){"", 0, false};
        r->kinds[r->n_cells++] = XLSX_EMPTY;
    }
    if (kind == XLSX_EMPTY || (kind == XLSX_VALUE && len == 0))
        return;
    r->off[col] = r->text.len;
    r->fields[col].len = len;
    r->kinds[col] = kind;
    if (!buf_add(&r->text, s, len, CELL_ROW_MAX) || !buf_add(&r->text, "", 1, CELL_ROW_MAX)) {
        fail(r, _("%s: raden har mer än %d MiB text"), here(r, where, sizeof where), (int)(CELL_ROW_MAX >> 20));
        return;
    }
    /* A text of blanks only is no value (as in a CSV record, input.c):
    ** a row of such cells is an empty row, and one right of the last value
    ** does not widen the row. Kept in the row otherwise, as written. */
    bool blank = kind == XLSX_VALUE;
    for (size_t i = 0; blank && i < len; i++)
        blank = s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n';
    if (blank)
        return;
    r->any_value = true;
    r->last_value = col;
}

static void XMLCALL sheet_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    XlsxReader *r = data;
    const char *l = local(name);
    char where[400];
    if (!r->in_data) {
        if (!strcmp(l, "sheetData"))
            r->in_data = true;
        return;
    }
    if (!strcmp(l, "row")) {
        const char *rs = attr(atts, "r", false);
        uint64_t row = (uint64_t)r->row + 1;
        if (rs && !parse_uint(rs, UINT64_MAX / 10, &row)) {
            fail(r, _("%s: en rads nummer är '%.40s', vilket inte är något radnummer"), r->sheet, rs);
            return;
        }
        if (row > XLSX_MAX_ROWS) {
            fail(r, _("%s: rad %" PRIu64 " ligger efter Excels sista rad, %u; bladet är skadat"), r->sheet, row, XLSX_MAX_ROWS);
            return;
        }
        if (row == r->row && row != 0) {
            fail(r, _("%s: rad %" PRIu64 " förekommer två gånger; bladet är skadat"), r->sheet, row);
            return;
        }
        if (row <= r->row || row == 0) {
            fail(r, _("%s: rad %" PRIu64 " kommer efter rad %u; bladet är skadat"), r->sheet, row, r->row);
            return;
        }
        r->row = (uint32_t)row;
        r->next_col = 0;
        r->n_cells = 0;
        r->text.len = 0;
        r->any_value = false;
    } else if (!strcmp(l, "c")) {
        const char *ref = attr(atts, "r", false), *t = attr(atts, "t", false), *s = attr(atts, "s", false);
        uint32_t col = r->next_col, row = r->row;
        if (ref && !xlsx_parse_ref(ref, strlen(ref), &col, &row)) {
            fail(r, _("%s: en cells referens är '%.40s', vilket inte är någon cell i ett blad (A1 till XFD1048576)"),
                 here(r, where, sizeof where), ref);
            return;
        }
        if (!ref && col >= XLSX_MAX_COLS) {
            fail(r, _("%s: raden har en cell efter Excels sista kolumn, XFD"), here(r, where, sizeof where));
            return;
        }
        if (row != r->row) {
            fail(r, _("%s: cellen %s står i listan för rad %u; bladet är skadat"), here(r, where, sizeof where), ref, r->row);
            return;
        }
        if (col < r->next_col) {
            fail(r, _("%s: cellen %s kommer efter en cell till höger om den, eller två gånger; bladet är skadat"),
                 here(r, where, sizeof where), ref);
            return;
        }
        uint64_t style = 0;
        if (s && !parse_uint(s, UINT32_MAX, &style))
            style = 0;
        r->in_cell = true;
        r->col = col;
        r->next_col = col + 1;
        /* The type as given, cut to fit like snprintf (no printf per cell). */
        const char *ty = t ? t : "n";
        size_t tl = strnlen(ty, sizeof r->type - 1);
        memcpy(r->type, ty, tl);
        r->type[tl] = '\0';
        r->style = (unsigned)style;
        r->has_v = r->has_f = r->in_v = r->in_is = r->in_t = false;
        r->in_rph = 0;
        r->val.len = 0;
    } else if (r->in_cell) {
        if (!strcmp(l, "v"))
            r->in_v = r->has_v = true;
        else if (!strcmp(l, "f"))
            r->has_f = true;
        else if (!strcmp(l, "is"))
            r->in_is = r->has_v = true;
        else if (!strcmp(l, "rPh"))
            r->in_rph++;
        else if (!strcmp(l, "t") && r->in_is)
            r->in_t = true;
    }
}

static void XMLCALL sheet_text(void *data, const XML_Char *s, int len)
{
    XlsxReader *r = data;
    if (!r->in_cell || !(r->in_v || (r->in_is && r->in_t && !r->in_rph)))
        return;
    if (!buf_add(&r->val, s, (size_t)len, CELL_ROW_MAX)) {
        char where[400];
        fail(r, _("%s: cellen har mer än %d MiB text"), here(r, where, sizeof where), (int)(CELL_ROW_MAX >> 20));
    }
}

/* The cell just closed, into the row. */
static void cell_done(XlsxReader *r)
{
    char where[400], num[200];
    const char *v = r->val.p ? r->val.p : "";
    size_t vl = r->val.len;
    const char *t = r->type;
    if (!r->has_v) {
        cell_put(r, r->col, "", 0, r->has_f ? XLSX_NO_VALUE : XLSX_EMPTY);
        return;
    }
    if (!strcmp(t, "s")) {
        uint64_t i;
        if (!parse_uint(v, UINT32_MAX, &i) || i >= r->n_ss) {
            fail(r, _("%s: cellen hänvisar till den delade strängen '%.40s', som arbetsboken inte har; den är skadad"),
                 here(r, where, sizeof where), v);
            return;
        }
        cell_put(r, r->col, r->ss.p + r->ss_off[i], r->ss_off[i + 1] - r->ss_off[i], XLSX_VALUE);
    } else if (!strcmp(t, "inlineStr") || !strcmp(t, "str")) {
        vl = xlsx_unescape(r->val.p ? r->val.p : (char *)"", vl);
        cell_put(r, r->col, v, vl, XLSX_VALUE);
    } else if (!strcmp(t, "b")) {
        if (vl == 1 && (v[0] == '0' || v[0] == '1'))
            cell_put(r, r->col, v[0] == '1' ? "ja" : "nej", v[0] == '1' ? 2 : 3, XLSX_VALUE);
        else
            fail(r, _("%s: cellen är ett ja/nej-värde skrivet '%.40s'; bladet är skadat"), here(r, where, sizeof where), v);
    } else if (!strcmp(t, "e")) {
        cell_put(r, r->col, v, vl, XLSX_ERROR);
    } else if (!strcmp(t, "d")) {
        /* An ISO 8601 date (Strict OOXML); its date, and the time when not midnight. */
        const char *tt = memchr(v, 'T', vl);
        size_t dl = tt && (vl - (size_t)(tt - v) < 9 || !strncmp(tt, "T00:00:00", 9)) ? (size_t)(tt - v) : vl;
        cell_put(r, r->col, v, dl, XLSX_VALUE);
    } else if (!strcmp(t, "n")) {
        char kind = r->style < r->n_xf ? r->xf_kind[r->style] : 0;
        bool ok = kind == 'd' ? xlsx_date_text(v, vl, r->date1904, num, sizeof num)
                              : xlsx_number_text(v, vl, kind == '%', num, sizeof num);
        if (!ok && kind == 'd')
            ok = xlsx_number_text(v, vl, false, num, sizeof num);
        if (!ok) {
            fail(r, _("%s: cellens tal '%.40s' kan inte läsas; bladet är skadat"), here(r, where, sizeof where), v);
            return;
        }
        cell_put(r, r->col, num, strlen(num), XLSX_VALUE);
    } else {
        fail(r, _("%s: cellen har den okända typen '%s'; bladet är skadat"), here(r, where, sizeof where), t);
    }
}

static void XMLCALL sheet_end(void *data, const XML_Char *name)
{
    XlsxReader *r = data;
    const char *l = local(name);
    if (!r->in_data)
        return;
    if (!strcmp(l, "c") && r->in_cell) {
        cell_done(r);
        r->in_cell = false;
    } else if (!strcmp(l, "v")) {
        r->in_v = false;
    } else if (!strcmp(l, "is")) {
        r->in_is = false;
    } else if (!strcmp(l, "t")) {
        r->in_t = false;
    } else if (!strcmp(l, "rPh")) {
        r->in_rph--;
    } else if (!strcmp(l, "row")) {
        if (!r->any_value)
            return;   /* a row of formats or empty cells only: skipped */
        /* The rows with no value between two that have one are counted
        ** (whether the sheet lists them or not: Excel shows both the same);
        ** those below the last value are no rows, only formatting (a
        ** template's 1000 prepared rows). */
        r->empty_rows += r->row - r->value_row - 1;
        r->value_row = r->row;
        r->n_cells = r->last_value + 1;
        for (size_t i = 0; i < r->n_cells; i++)
            if (r->kinds[i] != XLSX_EMPTY)
                r->fields[i].s = r->text.p + r->off[i];
        r->row_ready = true;
        XML_StopParser(r->xp, XML_TRUE);
    } else if (!strcmp(l, "sheetData")) {
        r->done = true;
        XML_StopParser(r->xp, XML_FALSE);   /* the rest of the sheet (merged cells, layout) is not read */
    }
}

/* }====== */

/* ====================================================================
** {====== opening
** ==================================================================== */

static const char *zip_why(int code, const char *bytes, size_t len)
{
    switch (code) {
    case ZIP_ER_NOZIP:
        /* Only a file that begins as a zip can be one cut short; input.c
        ** says what other files are before they get here. */
        if (len >= 2 && bytes[0] == 'P' && bytes[1] == 'K')
            return _("den börjar som ett zip-arkiv, som varje .xlsx-arbetsbok gör, men slutet saknas: filen är avkortad eller skadad");
        return _("den är inget zip-arkiv, vilket varje .xlsx-arbetsbok är: den är ingen arbetsbok");
    case ZIP_ER_INCONS:
        return _("zip-arkivet hänger inte ihop: filen är avkortad eller skadad");
    case ZIP_ER_MEMORY:
        return _("minnet tog slut");
    default: {
        static _Thread_local char buf[200];
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        snprintf(buf, sizeof buf, _("zip-arkivet kan inte läsas: %s"), zip_error_strerror(&e));
        zip_error_fini(&e);
        return buf;
    }
    }
}

XlsxReader *xlsx_open(char *bytes, size_t len, const char *sheet, char *why, size_t n)
{
    XlsxReader *r = xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->bytes = bytes;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    if (src)
        /* Not ZIP_CHECKCONS: it refuses workbooks whose local headers
        ** carry Zip64 records the central directory does not (libxlsxwriter's
        ** use_zip64 writes them; bench.zip64 tests one). The entries are
        ** read by the central directory, as Excel reads them, and each
        ** one's CRC and sizes are still checked as it is inflated. */
        r->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!r->zip) {
        snprintf(why, n, "%s", zip_why(zip_error_code_zip(&ze), bytes, len));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        xlsx_close(r);
        return NULL;
    }
    zip_error_fini(&ze);
    if (zip_name_locate(r->zip, "xl/workbook.xml", 0) < 0) {
        zip_int64_t m = zip_name_locate(r->zip, "mimetype", 0);
        if (m >= 0 || zip_name_locate(r->zip, "content.xml", 0) >= 0)
            snprintf(why, n, _("den är en OpenDocument-fil (.ods), som medel inte läser: spara den som Excel-arbetsbok (.xlsx) eller som \"CSV UTF-8\""));
        else if (zip_name_locate(r->zip, "xl/workbook.bin", 0) >= 0)
            snprintf(why, n, _("den är en binär Excel-arbetsbok (.xlsb), som medel inte läser: spara den som Excel-arbetsbok (.xlsx) eller som \"CSV UTF-8\""));
        else
            snprintf(why, n, _("zip-arkivet innehåller ingen arbetsbok (ingen xl/workbook.xml); det är ingen .xlsx-fil"));
        xlsx_close(r);
        return NULL;
    }
    r->xp = new_parser(r);
    XML_SetStartElementHandler(r->xp, workbook_start);
    bool ok = parse_part(r, "xl/workbook.xml", XLSX_MAX_PART_MIB, false);
    XML_ParserFree(r->xp);
    r->xp = NULL;
    if (ok) {
        r->xp = new_parser(r);
        XML_SetStartElementHandler(r->xp, rels_start);
        ok = parse_part(r, "xl/_rels/workbook.xml.rels", XLSX_MAX_PART_MIB, false);
        XML_ParserFree(r->xp);
        r->xp = NULL;
    }
    SheetRef *chosen = NULL;
    if (ok && sheet) {
        /* Excel's sheet names ignore case ("Ansökningar" is "ansökningar"),
        ** by Unicode case folding; a hidden sheet may be named. */
        Arena a;
        arena_init(&a);
        const char *want = text_fold(&a, sheet, strlen(sheet));
        for (size_t i = 0; i < r->n_sheets && !chosen; i++) {
            const char *have = r->sheets[i].target ? text_fold(&a, r->sheets[i].name, strlen(r->sheets[i].name)) : NULL;
            if (r->sheets[i].target && (want && have ? !strcmp(want, have) : !strcmp(r->sheets[i].name, sheet)))
                chosen = &r->sheets[i];
        }
        arena_free(&a);
    } else if (ok) {
        /* The first visible sheet of cells, as Excel opens it; only when
        ** every one is hidden, the first of them. */
        for (int pass = 0; pass < 2 && !chosen; pass++)
            for (size_t i = 0; i < r->n_sheets && !chosen; i++)
                if (r->sheets[i].target && !r->sheets[i].chart && (pass || !r->sheets[i].hidden))
                    chosen = &r->sheets[i];
    }
    if (ok) {
        if (!chosen && sheet) {
            char list[400] = "";
            size_t at = 0;
            for (size_t i = 0; i < r->n_sheets && at < sizeof list - 1; i++)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s'%s'", i ? ", " : "", r->sheets[i].name);
            /* The sheet most like the one named ("Ansokningar" for "Ansökningar");
            ** not one numbered otherwise ("Blad3" is no slip for "Blad1"). */
            Arena a;
            arena_init(&a);
            const char *near = NULL;
            size_t best = SIZE_MAX, d;
            for (size_t i = 0; i < r->n_sheets; i++)
                if (!(strpbrk(sheet, "0123456789") && strpbrk(r->sheets[i].name, "0123456789")) &&
                    text_alike(&a, sheet, r->sheets[i].name, &d) && d < best)
                    best = d, near = r->sheets[i].name;
            if (!r->n_sheets)
                fail(r, _("arbetsboken har inget blad '%s'; den har inga blad alls"), sheet);
            else if (near)
                fail(r, _("arbetsboken har inget blad '%s'; dess blad är %s; menade du '%s'?"), sheet, list, near);
            else
                fail(r, _("arbetsboken har inget blad '%s'; dess blad är %s"), sheet, list);
            arena_free(&a);
            ok = false;
        } else if (!chosen) {
            fail(r, _("arbetsboken har inget blad med celler"));
            ok = false;
        } else if (chosen->chart) {
            fail(r, _("bladet '%s' är ett diagram, inte ett blad med celler"), chosen->name);
            ok = false;
        }
    }
    if (ok) {
        r->xp = new_parser(r);
        XML_SetElementHandler(r->xp, styles_start, styles_end);
        ok = parse_part(r, "xl/styles.xml", XLSX_MAX_PART_MIB, true);
        XML_ParserFree(r->xp);
        r->xp = NULL;
    }
    if (ok) {
        r->xp = new_parser(r);
        XML_SetElementHandler(r->xp, ss_start, ss_end);
        XML_SetCharacterDataHandler(r->xp, ss_text);
        ok = parse_part(r, "xl/sharedStrings.xml", (uint64_t)XLSX_MAX_SHARED_MIB * 2, true);
        XML_ParserFree(r->xp);
        r->xp = NULL;
        if (ok && r->in_si) {
            fail(r, _("arbetsbokens tabell med delade strängar slutar mitt i en sträng; den är skadad"));
            ok = false;
        }
    }
    if (ok) {
        r->sheet = xstrdup(chosen->name);
        r->zf = open_entry(r, chosen->target, XLSX_MAX_ENTRY_MIB, false);
        ok = r->zf != NULL;
    }
    if (!ok) {
        snprintf(why, n, "%s", r->err);
        xlsx_close(r);
        return NULL;
    }
    r->xp = new_parser(r);
    XML_SetElementHandler(r->xp, sheet_start, sheet_end);
    XML_SetCharacterDataHandler(r->xp, sheet_text);
    return r;
}

int xlsx_next(XlsxReader *r, CsvField **fields, const unsigned char **kinds, size_t *n, uint32_t *row)
{
    for (;;) {
        if (r->failed)
            return -1;
        if (r->done)
            return 0;
        enum XML_Status st;
        if (r->suspended) {
            st = XML_ResumeParser(r->xp);
        } else {
            zip_int64_t got = read_chunk(r);
            if (got < 0)
                return -1;
            r->final = got == 0;
            st = XML_Parse(r->xp, r->chunk, (int)got, r->final);
        }
        r->suspended = st == XML_STATUS_SUSPENDED;
        if (r->failed)
            return -1;
        if (st == XML_STATUS_ERROR && !r->done) {
            xml_failed(r);
            return -1;
        }
        if (r->row_ready) {
            r->row_ready = false;
            *fields = r->fields;
            *kinds = r->kinds;
            *n = r->n_cells;
            *row = r->row;
            return 1;
        }
        if (st == XML_STATUS_OK && r->final)
            r->done = true;
    }
}

const char *xlsx_error(const XlsxReader *r)
{
    return r->err;
}

const char *xlsx_sheet(const XlsxReader *r)
{
    return r->sheet ? r->sheet : "";
}

size_t xlsx_empty_rows(const XlsxReader *r)
{
    return r->empty_rows;
}

void xlsx_close(XlsxReader *r)
{
    if (!r)
        return;
    if (r->xp)
        XML_ParserFree(r->xp);
    if (r->zf)
        zip_fclose(r->zf);
    if (r->zip)
        zip_discard(r->zip);
    for (size_t i = 0; i < r->n_sheets; i++) {
        free(r->sheets[i].name);
        free(r->sheets[i].rid);
        free(r->sheets[i].target);
    }
    free(r->sheets);
    free(r->sheet);
    free(r->xf_kind);
    free(r->fmts);
    free(r->ss.p);
    free(r->ss_off);
    free(r->text.p);
    free(r->off);
    free(r->fields);
    free(r->kinds);
    free(r->val.p);
    free(r->bytes);
    free(r);
}

/* }====== */
