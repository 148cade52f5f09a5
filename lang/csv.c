/*
** csv.c: the streaming CSV reader and the field writer of csv.h.
**
** The reader holds one window of the input, data[0..len), of which
** data[pos..len) is not consumed yet. csv_next parses one record from pos. If
** it runs into the end of the window before the record ends and the input has
** more, it moves the unconsumed tail to the front of the buffer, reads more
** (doubling the buffer only when one record fills all of it) and parses that
** record again from its start. Starting over is cheap: records are small next
** to the buffer, and for one that is not, doubling keeps the repeated work
** proportional to its size. Reading memory is the same code with the whole
** input as the window and nothing more to read.
**
** Speed comes from memchr, which the C library runs many bytes at a time: a
** line is searched for its end, then for a quote, then split at separators,
** so the common record of unquoted fields costs three memchr passes and no
** per-byte branching. Unquoted fields, and quoted ones without "", point
** straight into the window. A quoted field holding "" is unescaped into a
** scratch buffer, and only once its record is complete: a record that is
** parsed again after a refill must still see its raw bytes.
*/
#include "csv.h"

#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "source.h"

enum {
    BUF_SIZE = 256 * 1024,
    MAX_RECORD_MIB = SOURCE_MAX_ROW_MIB,
    ERR_SIZE = 400
};

/* A spot the decoder could not turn into UTF-8 (it wrote U+FFFD there),
** kept until the record holding it is read, which is then CSV_BAD. */
typedef enum FaultKind {
    FAULT_UNDEFINED,   /* a byte Windows-1252 leaves undefined */
    FAULT_MIXED,       /* valid UTF-8 in a file judged Windows-1252 */
    FAULT_SURROGATE,   /* an unpaired UTF-16 surrogate */
    FAULT_ODD          /* UTF-16 that ends in half a code unit */
} FaultKind;

typedef struct Fault {
    size_t at;               /* offset in the decoded text (csv_offset's count) */
    FaultKind kind;
    unsigned char bytes[4];  /* the bytes (FAULT_SURROGATE: the unit, high byte first) */
    unsigned char n;
} Fault;

typedef enum Parse {
    P_DONE,   /* a record (or the start) was parsed */
    P_MORE,   /* the window ended first and the input has more */
    P_END,    /* no more records */
    P_BAD,    /* a malformed record, skipped; r->err and r->bad_* say why and where */
    P_FAIL    /* unreadable input; r->err says why */
} Parse;

struct CsvReader {
    FILE *f;             /* NULL when reading memory */
    char *buf;           /* the owned buffer when reading f */
    size_t cap;          /* its size */
    const char *data;    /* the window: buf, or the caller's bytes */
    size_t len;          /* bytes in the window */
    size_t pos;          /* first byte not consumed */
    size_t base;         /* bytes dropped from the front of buf, for csv_offset */
    size_t line;         /* physical line of data[pos], from 1 */
    bool eof;            /* nothing follows data[len) */
    bool bom_done;
    bool started;        /* BOM skipped and separator chosen */
    bool failed;
    char sep;
    CsvField *fields;
    size_t n_fields, fields_cap;
    char *scratch;       /* unescaped quoted fields of the current record */
    size_t scratch_cap;
    char err[ERR_SIZE];
    size_t bad_line, bad_col, bad_field;   /* where the last P_BAD was */
    size_t width;        /* the cells a record should have (csv_expect_cells), or 0 */
    size_t xlat;         /* first byte of buf not yet judged by line_ends */
    bool in_quote;       /* line_ends: inside a quoted cell at buf[xlat] */
    char prev;           /* line_ends: the byte before buf[xlat] outside quotes ('\n' at the start) */
    /* The encoding (csv_encoding), judged from the bytes as they are read:
    ** while it is CSV_ENC_ASCII, buf[scan, len) has not been looked at. In
    ** the decoding encodings (Windows-1252, UTF-16) the input goes through
    ** raw[0, raw_len) and is turned into UTF-8 in buf as it is refilled. */
    CsvEncoding enc;
    size_t scan;
    size_t enc_line;     /* the line on which a Windows-1252 file was judged so */
    bool head_done;      /* the first bytes were looked at for a byte-order mark */
    bool f_eof;          /* the source has nothing more (eof: and raw is empty too) */
    unsigned char *raw;
    size_t raw_len, raw_cap;
    const unsigned char *src;   /* csv_open_mem's bytes when they are decoded */
    size_t src_len, src_pos;
    Fault *faults;       /* bytes that could not be decoded, at offsets of the UTF-8 */
    size_t n_faults, fault_next, faults_cap;
};

/* Makes a lone CR (the line end of "CSV (Macintosh)") an LF in
** buf[xlat, len), so that the parser, which splits at LF (a CR before it
** being part of the line end), takes CR, LF and CRLF alike and counts the
** lines right. A CR inside a quoted cell is the cell's and is kept: a quote
** opens a cell only at its start (after a separator, either one, or a line
** end), as the parser reads it, so a stray quote in a cell changes nothing
** here. A CR or quote last in the window waits for the byte after it,
** unless at eof. */
/* The first i in [from, end) where b[i] is a quote or a CR, or end. Eight
** bytes at a time (the usual zero-byte test on the bytes xor'ed with each):
** line_ends goes over every byte of the file, and most are neither. */
static size_t next_quote_or_cr(const char *b, size_t from, size_t end)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    size_t i = from;
    for (; i + 8 <= end; i += 8) {
        uint64_t w;
        memcpy(&w, b + i, 8);
        uint64_t q = w ^ (ones * '"'), c = w ^ (ones * '\r');
        if (((q - ones) & ~q & highs) | ((c - ones) & ~c & highs))
            break;
    }
    while (i < end && b[i] != '"' && b[i] != '\r')
        i++;
    return i;
}

static void line_ends(CsvReader *r)
{
    size_t i = r->xlat, end = r->len;
    while (i < end) {
        if (r->in_quote) {
            /* Inside quotes only the closing quote matters (a CR there is
            ** the cell's), and prev stays the opening quote. */
            const char *q = memchr(r->buf + i, '"', end - i);
            if (!q) {
                i = end;
                break;
            }
            i = (size_t)(q - r->buf);
            bool last = i + 1 == end;
            if (last && !r->eof)
                break;
            if (!last && r->buf[i + 1] == '"')
                i++;   /* an escaped quote */
            else
                r->in_quote = false;
            r->prev = '"';
            i++;
            continue;
        }
        size_t j = next_quote_or_cr(r->buf, i, end);
        if (j > i)
            r->prev = r->buf[j - 1];   /* an ordinary byte, the one before the next quote or CR */
        i = j;
        if (i == end)
            break;
        char c = r->buf[i];
        bool last = i + 1 == end;
        if (c == '"') {
            if (r->prev == ',' || r->prev == ';' || r->prev == '\n' || r->prev == '\r' ||
                (r->prev == '\t' && r->sep == '\t'))
                r->in_quote = true;
        } else {   /* a CR: alone it ends a line, as LF */
            if (last && !r->eof)
                break;
            if (last || r->buf[i + 1] != '\n')
                r->buf[i] = c = '\n';
        }
        r->prev = c;
        i++;
    }
    r->xlat = i;
}

static int utf8_seq(const unsigned char *p, size_t avail);
static size_t first_high(const unsigned char *u, size_t i, size_t n);
static bool decoding(const CsvReader *r);

static CsvReader *new_reader(void)
{
    CsvReader *r = xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->line = 1;
    r->sep = ',';
    r->prev = '\n';
    return r;
}

CsvReader *csv_open(FILE *f)
{
    CsvReader *r = new_reader();
    r->f = f;
    r->cap = BUF_SIZE;
    r->buf = xmalloc(r->cap);
    r->data = r->buf;
    return r;
}

CsvReader *csv_open_mem(const char *bytes, size_t len)
{
    CsvReader *r = new_reader();
    /* Arithmetic on a null pointer is undefined even when adding 0. */
    r->data = bytes ? bytes : "";
    r->len = bytes ? len : 0;
    r->eof = true;
    r->f_eof = true;
    /* Judged on the whole input; bytes to decode are read through the
    ** buffer as a file's are. */
    CsvEncoding enc = CSV_ENC_ASCII;
    size_t first = 0;
    const unsigned char *u = (const unsigned char *)r->data;
    const char *wide = source_wide_encoding(r->data, r->len);
    if (r->len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0) {
        enc = CSV_ENC_UTF8;
    } else if (wide && strcmp(wide, "UTF-16") == 0 && (u[0] == 0xFF || u[0] == 0xFE)) {
        enc = u[0] == 0xFF ? CSV_ENC_UTF16LE : CSV_ENC_UTF16BE;
        first = 2;
    } else if (wide) {
        enc = CSV_ENC_WIDE;
    } else {
        first = first_high(u, 0, r->len);
        if (first < r->len)
            enc = utf8_seq(u + first, r->len - first) > 0 ? CSV_ENC_UTF8 : CSV_ENC_CP1252;
    }
    r->enc = enc;
    r->head_done = true;
    if (decoding(r)) {
        r->enc_line = 1;
        for (size_t i = 0; enc == CSV_ENC_CP1252 && i < first; i++)
            r->enc_line += u[i] == '\n' || (u[i] == '\r' && (i + 1 == r->len || u[i + 1] != '\n'));
        if (enc == CSV_ENC_CP1252)
            first = 0;   /* the ASCII before it reads the same */
        r->src = u + first;
        r->src_len = r->len - first;
        r->base = first;   /* the byte-order mark */
        r->f_eof = r->src_len == 0;
        r->eof = false;
        r->cap = BUF_SIZE;
        r->buf = xmalloc(r->cap);
        r->len = 0;
        r->data = r->buf;
        r->raw_cap = BUF_SIZE;
        r->raw = xmalloc(r->raw_cap);
        r->scan = r->len;
        line_ends(r);
        return r;
    }
    if (bytes && memchr(bytes, '\r', len)) {
        /* CR line ends, perhaps: judged on an owned copy. */
        r->cap = len;
        r->buf = xmalloc(len);
        memcpy(r->buf, bytes, len);
        r->data = r->buf;
        line_ends(r);
    }
    return r;
}

void csv_close(CsvReader *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r->raw);
    free(r->faults);
    free(r->fields);
    free(r->scratch);
    free(r);
}

void csv_expect_cells(CsvReader *r, size_t n)
{
    r->width = n;
}

char csv_separator(const CsvReader *r)
{
    return r->sep;
}

const char *csv_error(const CsvReader *r)
{
    return r->err;
}

void csv_bad_at(const CsvReader *r, size_t *line, size_t *col, size_t *field)
{
    *line = r->bad_line;
    *col = r->bad_col;
    *field = r->bad_field;
}

size_t csv_offset(const CsvReader *r)
{
    return r->base + r->pos;
}

__attribute__((format(printf, 2, 3)))
static Parse fail(CsvReader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
    r->failed = true;
    return P_FAIL;
}

/* A malformed record: says why, notes where (`at`, on physical line `line`,
** in field `field`), and skips to the start of the next line so that the
** records after it are still read. Returns P_MORE when that line end is not
** in the window yet (the record is then parsed again after a refill). */
__attribute__((format(printf, 5, 6)))
static Parse bad(CsvReader *r, const char *at, size_t line, size_t field, const char *fmt, ...)
{
    const char *end = r->data + r->len;
    const char *nl = memchr(at, '\n', (size_t)(end - at));
    if (!nl && !r->eof)
        return P_MORE;
    const char *bol = at;
    while (bol > r->data + r->pos && bol[-1] != '\n')
        bol--;
    size_t col = 1;
    for (const char *c = bol; c < at; c++)
        col += ((unsigned char)*c & 0xC0) != 0x80;   /* characters, not bytes */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
    r->bad_line = line;
    r->bad_col = col;
    r->bad_field = field;
    r->pos = nl ? (size_t)(nl + 1 - r->data) : r->len;
    r->line = nl ? line + 1 : line;
    return P_BAD;
}

/* A malformed record with a quoted cell that spans lines (its opening quote
** at q0, in field `field`): says why and goes on reading at the line after
** the record's first line, not after the record. A stray quote would
** otherwise swallow every row up to the next quote as one cell; this way
** those rows are read, and the line with the quote is named. */
__attribute__((format(printf, 4, 5)))
static Parse bad_span(CsvReader *r, const char *q0, size_t field, const char *fmt, ...)
{
    const char *start = r->data + r->pos;   /* the record's first byte */
    const char *nl = memchr(start, '\n', r->len - r->pos);
    size_t col = 1;
    for (const char *c = start; c < q0; c++)
        col += ((unsigned char)*c & 0xC0) != 0x80;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
    r->bad_line = r->line;
    r->bad_col = col;
    r->bad_field = field;
    /* The cell spans lines, so its first line ends inside the window. */
    r->pos = (size_t)(nl + 1 - r->data);
    r->line++;
    return P_BAD;
}

/* ---- encodings ---- */

/* U+0080..U+009F as Windows-1252 has them at 0x80..0x9F; 0 for the five
** bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). From 0xA0 up it
** is Latin-1, each byte its own code point. */
static const uint16_t CP1252_C1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

CsvEncoding csv_encoding(const CsvReader *r)
{
    return r->enc;
}

const char *csv_encoding_name(CsvEncoding e)
{
    switch (e) {
    case CSV_ENC_ASCII: return "ASCII";
    case CSV_ENC_UTF8: return "UTF-8";
    case CSV_ENC_CP1252: return "Windows-1252";
    case CSV_ENC_UTF16LE: return "UTF-16LE";
    case CSV_ENC_UTF16BE: return "UTF-16BE";
    case CSV_ENC_WIDE: return "UTF-16 or UTF-32";
    }
    return "?";
}

static bool decoding(const CsvReader *r)
{
    return r->enc == CSV_ENC_CP1252 || r->enc == CSV_ENC_UTF16LE || r->enc == CSV_ENC_UTF16BE;
}

/* The length of the valid UTF-8 sequence at p[0..avail) (p[0] >= 0x80):
** 2 to 4; 0 when it is not valid (overlong, a surrogate, past U+10FFFF, a
** stray continuation byte); -1 when avail ends before it can be told. */
static int utf8_seq(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];
    int n;
    unsigned char lo = 0x80, hi = 0xBF;   /* the second byte's range */
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    for (int k = 1; k < n; k++) {
        if ((size_t)k >= avail)
            return -1;
        unsigned char b = p[k];
        if (k == 1 ? b < lo || b > hi : (b & 0xC0) != 0x80)
            return 0;
    }
    return n;
}

static char *put_cp(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Notes a fault at buf[at] (where U+FFFD or the text goes). */
static void add_fault(CsvReader *r, size_t at, FaultKind kind, const unsigned char *bytes, size_t n)
{
    if (r->n_faults == r->faults_cap) {
        r->faults_cap = r->faults_cap ? 2 * r->faults_cap : 8;
        r->faults = xrealloc(r->faults, r->faults_cap * sizeof *r->faults);
    }
    Fault *f = &r->faults[r->n_faults++];
    *f = (Fault){.at = r->base + at, .kind = kind, .n = (unsigned char)(n > 4 ? 4 : n)};
    memcpy(f->bytes, bytes, f->n);
}

/* One Windows-1252 byte as UTF-8; U+FFFD for the undefined ones. */
static char *put_cp1252(char *o, unsigned char c)
{
    uint32_t cp = c < 0x80 || c >= 0xA0 ? c : CP1252_C1[c - 0x80];
    return put_cp(o, cp ? cp : 0xFFFD);
}

/* Decodes raw[0, raw_len) into buf[len, cap), as much as fits, and keeps
** the rest (and a sequence cut off by the end of raw, until the source
** ends) in raw. */
static void decode(CsvReader *r)
{
    const unsigned char *p = r->raw, *end = r->raw + r->raw_len;
    char *o = r->buf + r->len;
    char *const oend = r->buf + r->cap - 4;   /* room for one more character */
    const bool fin = r->f_eof;
    if (r->enc == CSV_ENC_CP1252) {
        while (p < end && o <= oend) {
            unsigned char c = *p;
            if (c < 0x80) {
                *o++ = (char)c;
                p++;
                continue;
            }
            int n = c >= 0xC2 && c <= 0xF4 ? utf8_seq(p, (size_t)(end - p)) : 0;
            if (n < 0 && !fin)
                break;   /* it may be UTF-8: wait for the rest */
            if (n > 1) {
                /* Valid UTF-8 here, in a Windows-1252 file: each byte as
                ** Windows-1252 would read it, and a fault. */
                if (o + 3 * n > r->buf + r->cap)
                    break;
                add_fault(r, (size_t)(o - r->buf), FAULT_MIXED, p, (size_t)n);
                for (int k = 0; k < n; k++)
                    o = put_cp1252(o, p[k]);
                p += n;
                continue;
            }
            if (c >= 0x80 && c < 0xA0 && !CP1252_C1[c - 0x80])
                add_fault(r, (size_t)(o - r->buf), FAULT_UNDEFINED, p, 1);
            o = put_cp1252(o, c);
            p++;
        }
    } else {
        const bool le = r->enc == CSV_ENC_UTF16LE;
        while (o <= oend) {
            if (end - p < 2) {
                if (p < end && fin) {
                    add_fault(r, (size_t)(o - r->buf), FAULT_ODD, p, 1);
                    o = put_cp(o, 0xFFFD);
                    p++;
                }
                break;
            }
            uint32_t u = le ? (uint32_t)(p[0] | p[1] << 8) : (uint32_t)(p[0] << 8 | p[1]);
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (end - p < 4 && !fin)
                    break;   /* the low half may follow */
                uint32_t v = end - p >= 4 ? (le ? (uint32_t)(p[2] | p[3] << 8) : (uint32_t)(p[2] << 8 | p[3])) : 0;
                if (v >= 0xDC00 && v <= 0xDFFF) {
                    o = put_cp(o, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                    p += 4;
                    continue;
                }
            }
            if (u >= 0xD800 && u <= 0xDFFF) {
                unsigned char be[2] = {(unsigned char)(u >> 8), (unsigned char)u};
                add_fault(r, (size_t)(o - r->buf), FAULT_SURROGATE, be, 2);
                u = 0xFFFD;
            }
            o = put_cp(o, u);
            p += 2;
        }
    }
    r->len = (size_t)(o - r->buf);
    r->raw_len = (size_t)(end - p);
    memmove(r->raw, p, r->raw_len);
    r->eof = fin && r->raw_len == 0;
}

/* Reads up to want bytes from the source into dst; sets f_eof at its end. */
static size_t source_read(CsvReader *r, void *dst, size_t want)
{
    size_t got;
    if (r->src) {
        got = r->src_len - r->src_pos < want ? r->src_len - r->src_pos : want;
        memcpy(dst, r->src + r->src_pos, got);
        r->src_pos += got;
        if (r->src_pos == r->src_len)
            r->f_eof = true;
        return got;
    }
    got = fread(dst, 1, want, r->f);
    int e = errno;
    if (got < want) {
        if (ferror(r->f)) {
            fail(r, _("läsfel: %s"), i18n_strerror(e));
            return got;
        }
        r->f_eof = true;
    }
    return got;
}

/* The physical line of buf[at] (at >= pos). */
static size_t line_at(const CsvReader *r, size_t at)
{
    size_t line = r->line;
    for (size_t i = r->pos; i < at; i++)
        line += r->data[i] == '\n' || (r->data[i] == '\r' && (i + 1 == r->len || r->data[i + 1] != '\n'));
    return line;
}

/* The first byte of u[i, n) from 0x80 up, or n: eight bytes at a time, as
** every byte of an ASCII file passes here once. */
static size_t first_high(const unsigned char *u, size_t i, size_t n)
{
    const uint64_t highs = UINT64_C(0x8080808080808080);
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        if (w & highs)
            break;
    }
    while (i < n && u[i] < 0x80)
        i++;
    return i;
}

/* Starts decoding buf[from, len) (moved into raw) in encoding enc. */
static void start_decoding(CsvReader *r, size_t from, CsvEncoding enc)
{
    size_t n = r->len - from;
    if (r->raw_cap < n || !r->raw) {
        r->raw_cap = n > BUF_SIZE ? n : BUF_SIZE;
        r->raw = xrealloc(r->raw, r->raw_cap);
    }
    memcpy(r->raw, r->buf + from, n);
    r->raw_len = n;
    r->len = from;
    r->enc = enc;
    if (r->xlat > from)
        r->xlat = from;   /* line_ends judges the decoded text (what it passed there is no CR nor quote) */
    decode(r);
}

/* Judges the encoding from the bytes not looked at yet, buf[scan, len), of
** a file that is not decoded (yet): a byte-order mark at the start, then
** the first byte outside ASCII. */
static void judge(CsvReader *r)
{
    if (!r->head_done) {
        const unsigned char *u = (const unsigned char *)r->buf;
        if (r->len < 4 && !r->f_eof)
            return;
        r->head_done = true;
        const char *wide = source_wide_encoding(r->buf, r->len);
        if (r->len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0) {
            r->enc = CSV_ENC_UTF8;
            return;
        }
        if (wide && strcmp(wide, "UTF-16") == 0 && r->len >= 2 && (u[0] == 0xFF || u[0] == 0xFE)) {
            CsvEncoding e = u[0] == 0xFF ? CSV_ENC_UTF16LE : CSV_ENC_UTF16BE;
            memmove(r->buf, r->buf + 2, r->len - 2);   /* the mark is no text */
            r->len -= 2;
            r->base += 2;
            start_decoding(r, 0, e);
            return;
        }
        if (wide) {
            r->enc = CSV_ENC_WIDE;
            return;
        }
    }
    const unsigned char *u = (const unsigned char *)r->buf;
    size_t i = first_high(u, r->scan, r->len);
    r->scan = i;
    if (i == r->len)
        return;
    int n = utf8_seq(u + i, r->len - i);
    if (n < 0 && !r->f_eof)
        return;   /* told when the rest is read */
    if (n > 0) {
        r->enc = CSV_ENC_UTF8;
        return;
    }
    r->enc_line = line_at(r, i);
    start_decoding(r, i, CSV_ENC_CP1252);
}

/* Makes room for more input after the unconsumed bytes and reads it. */
static bool refill(CsvReader *r)
{
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->base += r->pos;
        r->len -= r->pos;
        r->xlat = r->xlat > r->pos ? r->xlat - r->pos : 0;   /* a pending CR may have been consumed */
        r->scan = r->scan > r->pos ? r->scan - r->pos : 0;
        r->pos = 0;
    }
    /* Decoding writes up to 12 bytes at a time (valid UTF-8 in a
    ** Windows-1252 file, each byte as three). */
    if (r->cap - r->len < (decoding(r) ? 16 : 1)) {
        if (r->cap >= (size_t)MAX_RECORD_MIB * 1024 * 1024) {
            fail(r, _("posten som börjar på rad %zu är längre än %d MiB"), r->line,
                 MAX_RECORD_MIB);
            return false;
        }
        r->cap *= 2;
        r->buf = xrealloc(r->buf, r->cap);
        r->data = r->buf;
    }
    if (decoding(r)) {
        if (!r->f_eof && r->raw_len < r->raw_cap / 2) {
            r->raw_len += source_read(r, r->raw + r->raw_len, r->raw_cap - r->raw_len);
            if (r->failed)
                return false;
        }
        decode(r);
    } else {
        size_t want = r->cap - r->len;
        r->len += source_read(r, r->buf + r->len, want);
        if (r->failed)
            return false;
        r->eof = r->f_eof;
        if (r->enc == CSV_ENC_ASCII)
            judge(r);
    }
    line_ends(r);
    return true;
}

/* Skips the byte-order mark and picks the separator from the first non-empty
** line: ';' when it has more of them than ',' outside quotes; TAB when it
** has neither but tabs. */
static Parse start(CsvReader *r)
{
    const char *p = r->data + r->pos;
    const char *end = r->data + r->len;
    if (!r->bom_done) {
        if (end - p < 3 && !r->eof)
            return P_MORE;
        if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
            r->pos += 3;
        r->bom_done = true;
        p = r->data + r->pos;
    }
    while (p < end && (*p == '\n' || *p == '\r'))
        p++;
    size_t semis = 0, commas = 0, tabs = 0;
    bool quoted = false;
    for (; p < end; p++) {
        char c = *p;
        if (c == '"')
            quoted = !quoted;   /* "" toggles twice, which is right */
        else if (quoted)
            continue;
        else if (c == '\n')
            break;
        else if (c == ';')
            semis++;
        else if (c == ',')
            commas++;
        else if (c == '\t')
            tabs++;
    }
    if (p == end && !r->eof)
        return P_MORE;
    /* Excel's "Unicode text" separates with TAB. */
    r->sep = semis > commas ? ';' : commas == 0 && semis == 0 && tabs > 0 ? '\t' : ',';
    r->started = true;
    return P_DONE;
}

static size_t count_newlines(const char *p, const char *end)
{
    size_t n = 0;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

/* Stores field i; fields past CSV_MAX_FIELDS are counted but not kept. */
static inline void add_field(CsvReader *r, size_t i, const char *s, size_t len, bool quoted)
{
    if (i >= CSV_MAX_FIELDS)
        return;
    if (i == r->fields_cap) {
        r->fields_cap = r->fields_cap ? 2 * r->fields_cap : 16;
        r->fields = xrealloc(r->fields, r->fields_cap * sizeof *r->fields);
    }
    r->fields[i] = (CsvField){s, len, quoted};
}

/* Turns "" into " in the quoted fields that hold it; raw is an upper bound on
** their total size (the record's length). */
static void unescape(CsvReader *r, size_t n, size_t raw)
{
    if (raw > r->scratch_cap) {
        r->scratch_cap = raw;
        r->scratch = xrealloc(r->scratch, raw);
    }
    char *out = r->scratch;
    for (size_t i = 0; i < n; i++) {
        CsvField *fl = &r->fields[i];
        if (!fl->quoted || !memchr(fl->s, '"', fl->len))
            continue;
        const char *p = fl->s, *end = fl->s + fl->len;
        char *dst = out;
        while (p < end) {
            const char *q = memchr(p, '"', (size_t)(end - p));
            if (!q) {
                memcpy(out, p, (size_t)(end - p));
                out += end - p;
                break;
            }
            /* Copies up to and including the first quote of the pair. */
            memcpy(out, p, (size_t)(q + 1 - p));
            out += q + 1 - p;
            p = q + 2;
        }
        fl->s = dst;
        fl->len = (size_t)(out - dst);
    }
}

/* The first line wholly inside a quoted cell's text [s, e) (neither its
** first nor its last) that reads as a row of `width` cells: no quote, and
** width - 1 separators. NULL when there is none. Such a cell is most likely
** a stray quote that took whole rows in; a description over several lines
** seldom has a line with exactly the header's number of cells. */
static const char *whole_row(const char *s, const char *e, char sep, size_t width)
{
    const char *nl = memchr(s, '\n', (size_t)(e - s));
    while (nl) {
        const char *line = nl + 1;
        nl = memchr(line, '\n', (size_t)(e - line));
        if (!nl)
            break;   /* the last line: the cell ends on it */
        size_t seps = 0;
        bool quote = false;
        for (const char *c = line; c < nl && !quote; c++) {
            seps += *c == sep;
            quote = *c == '"';
        }
        if (!quote && seps + 1 == width && width > 1)
            return line;
    }
    return NULL;
}

/* Whether the record rec..p (of nf fields, which point into the window,
** ending on line `end_line`) holds a spot the decoder could not turn into
** UTF-8: then the record is bad (said, and consumed whole). Faults in the
** records skipped before are dropped. */
static bool fault_in(CsvReader *r, const char *rec, const char *p, size_t nf, size_t end_line)
{
    size_t from = r->base + (size_t)(rec - r->data), to = r->base + (size_t)(p - r->data);
    while (r->fault_next < r->n_faults && r->faults[r->fault_next].at < from)
        r->fault_next++;
    if (r->fault_next == r->n_faults || r->faults[r->fault_next].at >= to) {
        if (r->fault_next == r->n_faults)
            r->n_faults = r->fault_next = 0;
        return false;
    }
    const Fault ft = r->faults[r->fault_next];
    while (r->fault_next < r->n_faults && r->faults[r->fault_next].at < to)
        r->fault_next++;
    const char *at = r->data + (ft.at - r->base);
    const char *bol = at;
    while (bol > rec && bol[-1] != '\n')
        bol--;
    size_t col = 1;
    for (const char *c = bol; c < at; c++)
        col += ((unsigned char)*c & 0xC0) != 0x80;
    size_t field = 0;
    for (size_t i = 0; i < nf && i < CSV_MAX_FIELDS; i++)
        if (r->fields[i].s <= at && at <= r->fields[i].s + r->fields[i].len)
            field = i + 1;
    char bytes[20] = "";
    for (unsigned k = 0, w = 0; k < ft.n; k++)
        w += (unsigned)snprintf(bytes + w, sizeof bytes - w, "%s%02X", k ? " " : "", ft.bytes[k]);
    switch (ft.kind) {
    case FAULT_UNDEFINED:
        snprintf(r->err, sizeof r->err, _("byten 0x%s är inget tecken i Windows-1252, den teckenkodning filen är sparad i (bedömd efter rad %zu); filen är skadad eller i en annan teckenkodning: spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"),
                 bytes, r->enc_line);
        break;
    case FAULT_MIXED:
        snprintf(r->err, sizeof r->err, _("byte %s är UTF-8-text, men filen är sparad som Windows-1252 (bedömd efter rad %zu): den blandar två teckenkodningar; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"), bytes, r->enc_line);
        break;
    case FAULT_SURROGATE:
        snprintf(r->err, sizeof r->err, _("UTF-16-enheten 0x%02X%02X är halva ett tecken utan sin andra halva; filen är skadad: spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"), ft.bytes[0], ft.bytes[1]);
        break;
    case FAULT_ODD:
        snprintf(r->err, sizeof r->err, _("filen slutar mitt i ett UTF-16-tecken; den är avkortad eller skadad: spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"));
        break;
    }
    r->bad_line = r->line + count_newlines(rec, bol);
    r->bad_col = col;
    r->bad_field = field;
    r->pos = (size_t)(p - r->data);
    r->line = end_line;
    return true;
}

/* Parses the record at r->pos into r->fields. Nothing but skipped empty lines
** is consumed unless it returns P_DONE, so after P_MORE it starts over. */
static Parse parse_record(CsvReader *r, size_t *rec_line)
{
    const char *const data = r->data;
    const char *const end = data + r->len;
    const char *p = data + r->pos;
    const char sep = r->sep;
    const bool eof = r->eof;
    size_t line = r->line;

    for (;;) {   /* empty lines are no records */
        if (p == end) {
            r->pos = (size_t)(p - data);
            r->line = line;
            return eof ? P_END : P_MORE;
        }
        if (*p == '\n') {
            p++;
            line++;
        } else if (*p == '\r' && p + 1 == end) {
            if (!eof) {
                r->pos = (size_t)(p - data);
                r->line = line;
                return P_MORE;
            }
            p++;    /* a CR ending the input ends its last line */
        } else if (*p == '\r' && p[1] == '\n') {
            p += 2;
            line++;
        } else {
            break;
        }
    }
    r->pos = (size_t)(p - data);
    r->line = line;

    const char *const rec = p;
    size_t nf = 0;
    bool escapes = false;
    /* The line end (or input end) and the next quote before it (or nl),
    ** found once per line rather than once per field; stale when behind p.
    ** qt <= nl, so a stale nl means a stale qt. */
    const char *nl = NULL, *qt = NULL;
    /* The first quoted cell that spans lines: its quote and field. */
    const char *span_q = NULL, *span_end = NULL;
    size_t span_field = 0;
    for (;;) {
        if (p < end && *p == '"') {
            const char *c = p + 1, *q;
            for (;;) {
                q = memchr(c, '"', (size_t)(end - c));
                if (!q) {
                    if (!eof)
                        return P_MORE;
                    /* Reading on from the next line recovers the rows
                    ** after it; a cell that did span lines gives one error
                    ** per line instead, none of them silent. */
                    if (span_q)
                        return bad_span(r, span_q, span_field,
                                        _("ett citattecken öppnar en cell som löper till rad %zu, där ett citattecken öppnar en cell som aldrig stängs; ta bort citattecknet om det är felplacerat (läsningen fortsätter på rad %zu)"),
                                        line, r->line + 1);
                    return bad(r, p, line, nf + 1,
                               _("ett citattecken öppnar en cell som aldrig stängs; avsluta cellen med ett citattecken"));
                }
                if (q + 1 == end && !eof)
                    return P_MORE;   /* the next byte may make it "" */
                if (q + 1 < end && q[1] == '"') {
                    escapes = true;
                    c = q + 2;
                    continue;
                }
                break;
            }
            size_t lines = count_newlines(p + 1, q);
            if (lines && !span_q) {
                span_q = p;
                span_end = q;
                span_field = nf + 1;
            }
            line += lines;
            add_field(r, nf++, p + 1, (size_t)(q - p - 1), true);
            p = q + 1;
            if (p == end)
                break;
            if (*p == sep) {
                p++;
                continue;
            }
            if (*p == '\n') {
                p++;
                line++;
                break;
            }
            if (*p == '\r') {
                if (p + 1 == end) {
                    if (!eof)
                        return P_MORE;
                    p++;
                    break;
                }
                if (p[1] == '\n') {
                    p += 2;
                    line++;
                    break;
                }
            }
            if (span_q)
                return bad_span(r, span_q, span_field,
                                _("ett citattecken öppnar en cell som löper till rad %zu, där text följer efter det avslutande citattecknet; ta bort citattecknet om det är felplacerat, eller skriv det som \"\" (läsningen fortsätter på rad %zu)"),
                                line, r->line + 1);
            return bad(r, p, line, nf,
                       _("text efter det avslutande citattecknet i en cell inom citattecken; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\""));
        }

        if (!nl || nl < p) {
            nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) {
                if (!eof)
                    return P_MORE;
                nl = end;
            }
        }
        if (!qt || qt < p) {
            qt = memchr(p, '"', (size_t)(nl - p));
            if (!qt)
                qt = nl;    /* no quote on the rest of this line */
        }
        const char *s;
        while ((s = memchr(p, sep, (size_t)(qt - p))) != NULL) {
            add_field(r, nf++, p, (size_t)(s - p), false);
            p = s + 1;
        }
        if (qt < nl) {
            if (qt == p)
                continue;   /* a quoted field after a separator */
            if (span_q)
                return bad_span(r, span_q, span_field,
                                _("ett citattecken öppnar en cell som löper till rad %zu, där ett citattecken står mitt i en cell; ta bort citattecknet om det är felplacerat, eller skriv det som \"\" (läsningen fortsätter på rad %zu)"),
                                line, r->line + 1);
            return bad(r, qt, line, nf + 1,
                       _("ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\""));
        }
        const char *fe = nl;
        if (fe > p && fe[-1] == '\r')
            fe--;
        add_field(r, nf++, p, (size_t)(fe - p), false);
        if (nl < end) {
            p = nl + 1;
            line++;
        } else {
            p = end;
        }
        break;
    }

    if (nf > CSV_MAX_FIELDS) {
        size_t first = r->line;
        r->pos = (size_t)(p - data);
        r->line = line;
        snprintf(r->err, sizeof r->err, _("raden har %zu celler; högst %d läses"), nf, CSV_MAX_FIELDS);
        r->bad_line = first;
        r->bad_col = 1;
        r->bad_field = CSV_MAX_FIELDS + 1;
        return P_BAD;
    }
    if (span_q && r->width && nf != r->width) {
        /* A cell over several lines with the wrong number of cells is
        ** most likely a stray quote that took rows into one cell. */
        size_t last = r->line + count_newlines(rec, p) - (p > rec && p[-1] == '\n');
        return bad_span(r, span_q, span_field,
                        P_("ett citattecken öppnar en cell som löper till rad %zu, och raden har då %zu cell där "
                           "rubrikraden har %zu; ta bort citattecknet om det är felplacerat, eller skriv det som \"\" "
                           "(läsningen fortsätter på rad %zu)",
                           "ett citattecken öppnar en cell som löper till rad %zu, och raden har då %zu celler där "
                           "rubrikraden har %zu; ta bort citattecknet om det är felplacerat, eller skriv det som \"\" "
                           "(läsningen fortsätter på rad %zu)", nf),
                        last, nf, r->width, r->line + 1);
    }
    const char *row_line = span_q && r->width ? whole_row(span_q + 1, span_end, sep, r->width) : NULL;
    if (row_line) {
        size_t at_line = r->line + count_newlines(rec, row_line);
        return bad_span(r, span_q, span_field,
                        _("ett citattecken öppnar en cell som löper till rad %zu, och dess rad %zu läses som en hel rad med %zu celler; ta bort citattecknet om det är felplacerat, eller skriv det som \"\" (läsningen fortsätter på rad %zu)"),
                        r->line + count_newlines(rec, span_end), at_line, r->width, r->line + 1);
    }
    if (r->fault_next < r->n_faults && fault_in(r, rec, p, nf, line))
        return P_BAD;
    if (escapes)
        unescape(r, nf, (size_t)(p - rec));
    *rec_line = r->line;
    r->n_fields = nf;
    r->pos = (size_t)(p - data);
    r->line = line;
    return P_DONE;
}

CsvStatus csv_next(CsvReader *r, CsvField **fields, size_t *n, size_t *line)
{
    *fields = NULL;
    *n = 0;
    *line = 0;
    for (;;) {
        if (r->failed)
            return CSV_ERROR;
        size_t rec_line = 0;
        Parse st = r->started ? parse_record(r, &rec_line) : start(r);
        switch (st) {
        case P_MORE:
            refill(r);   /* on failure r->failed is set */
            break;
        case P_FAIL:
            return CSV_ERROR;
        case P_BAD:
            *line = r->bad_line;
            return CSV_BAD;
        case P_END:
            return CSV_END;
        case P_DONE:
            if (rec_line == 0)
                break;   /* the start was handled; now the record */
            *fields = r->fields;
            *n = r->n_fields;
            *line = rec_line;
            return CSV_RECORD;
        }
    }
}

/* The bytes that force quotes, per separator: a table, because every cell of
** a large report is scanned. */
static const bool QUOTE_SEMI[256] = {['"'] = true, ['\r'] = true, ['\n'] = true, [';'] = true};
static const bool QUOTE_COMMA[256] = {['"'] = true, ['\r'] = true, ['\n'] = true, [','] = true};

static bool needs_quotes(const char *s, size_t len, char sep)
{
    const unsigned char *u = (const unsigned char *)s;
    if (sep == ';' || sep == ',') {
        const bool *q = sep == ';' ? QUOTE_SEMI : QUOTE_COMMA;
        for (size_t i = 0; i < len; i++)
            if (q[u[i]])
                return true;
        return false;
    }
    for (size_t i = 0; i < len; i++)
        if (s[i] == sep || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return true;
    return false;
}

char *csv_format_field(char *dst, const char *s, size_t len, char sep, bool neutralise)
{
    bool formula = false;
    if (neutralise && len > 0) {
        switch (s[0]) {
        case '=': case '+': case '-': case '@': case '\t': case '\r':
            formula = true;
            break;
        default:
            break;
        }
    }
    bool quote = needs_quotes(s, len, sep);
    if (quote)
        *dst++ = '"';
    if (formula)
        *dst++ = '\'';
    if (!quote) {
        if (len)   /* an empty cell may come as NULL */
            memcpy(dst, s, len);
        return dst + len;
    }
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q) {
            memcpy(dst, p, (size_t)(end - p));
            dst += end - p;
            break;
        }
        memcpy(dst, p, (size_t)(q + 1 - p));
        dst += q + 1 - p;
        *dst++ = '"';
        p = q + 1;
    }
    *dst++ = '"';
    return dst;
}

void csv_write_field(FILE *out, const char *s, size_t len, char sep, bool neutralise)
{
    char small[1024];
    size_t max = csv_field_max(len);
    char *buf = max <= sizeof small ? small : xmalloc(max);
    char *end = csv_format_field(buf, s, len, sep, neutralise);
    fwrite(buf, 1, (size_t)(end - buf), out);
    if (buf != small)
        free(buf);
}
