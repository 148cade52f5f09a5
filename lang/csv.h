/*
** csv.h: a streaming CSV reader for files as they come out of web forms and
** Excel: UTF-8 with or without a byte-order mark, ',' or ';' separators
** (Swedish Excel writes ';'), quoted fields with embedded separators, quotes
** ("") and newlines, CRLF or LF line ends. It reads through a fixed buffer, so
** memory stays small whatever the file's size.
*/
#ifndef LANG_CSV_H
#define LANG_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct CsvField {
    const char *s;   /* the field's bytes, unquoted; valid until the next csv_next */
    size_t len;
    bool quoted;     /* it was written in quotes */
} CsvField;

typedef struct CsvReader CsvReader;

/* The encoding a file is read in, judged from its bytes; the fields given
** out are UTF-8 in every case. A UTF-16 byte-order mark means UTF-16
** (decoded as it is read); otherwise the file is UTF-8 unless the first
** sequence of bytes outside ASCII is not valid UTF-8, which makes it
** Windows-1252 (decoded from there on). Once judged UTF-8, invalid UTF-8
** later is passed on as it is, for the caller to find in its cell; once
** judged Windows-1252, a byte that encoding leaves undefined (0x81, 0x8D,
** 0x8F, 0x90, 0x9D) or a run of valid multi-byte UTF-8 (a file of mixed
** encodings) makes its record CSV_BAD. */
typedef enum CsvEncoding {
    CSV_ENC_ASCII,     /* nothing outside ASCII so far (as good as UTF-8) */
    CSV_ENC_UTF8,      /* a UTF-8 byte-order mark, or valid UTF-8 first */
    CSV_ENC_CP1252,    /* Windows-1252 */
    CSV_ENC_UTF16LE,   /* UTF-16, little-endian, by its byte-order mark */
    CSV_ENC_UTF16BE,
    CSV_ENC_WIDE       /* UTF-16 without a byte-order mark, or UTF-32 (by the
                       ** NUL bytes or the mark at its start): not decoded,
                       ** for the caller to refuse */
} CsvEncoding;

typedef enum CsvStatus {
    CSV_RECORD = 1,  /* a record was read */
    CSV_END = 0,     /* end of input */
    CSV_ERROR = -1,  /* unreadable input (a read error, a record over the size
                     ** limit): see csv_error; the reader stops */
    CSV_BAD = -2     /* a malformed record (a stray quote, text after a closing
                     ** quote, a quote never closed, too many fields): see
                     ** csv_error and csv_bad_at; the reader has skipped to the
                     ** next line (after a quoted cell that spans lines: to
                     ** the line after the one its quote opened on) and goes on */
} CsvStatus;

/* At most this many fields in a record: Excel's own column limit. A longer
** record is CSV_BAD rather than a reason to grow without bound. */
enum { CSV_MAX_FIELDS = 16384 };

/* Starts reading `f` (not closed by the reader). The separator is detected
** from the first line (csv_separator), the encoding from the bytes
** (CsvEncoding). A byte-order mark is skipped. Returns NULL only when
** memory is exhausted (which aborts anyway). Free with csv_close. */
CsvReader *csv_open(FILE *f);

/* Same, over bytes in memory (not copied: they must outlive the reader). */
CsvReader *csv_open_mem(const char *bytes, size_t len);

/* Reads the next record. On CSV_RECORD, *fields and *n hold its fields (owned by
** the reader, valid until the next call) and *line the physical line number
** (from 1) where the record starts (also on CSV_BAD). An empty line is
** skipped (it is no record). A record may have up to CSV_MAX_FIELDS fields;
** the caller checks the count against the header. */
CsvStatus csv_next(CsvReader *r, CsvField **fields, size_t *n, size_t *line);

/* The number of cells a record should have (the header's), or 0 (not
** known). A record whose quoted cell spans lines and that has another
** number of cells is then CSV_BAD, and reading goes on at the line after
** its first line: a stray quote cannot swallow the rows up to the next
** quote. A record on one line is the caller's to judge. */
void csv_expect_cells(CsvReader *r, size_t n);

/* The separator in use (',', ';' or '\t'), once the first record has been
** read: ';' when the first line has more of them than ',' outside quotes;
** else ','; but '\t' when the line has tabs and neither of the others. */
char csv_separator(const CsvReader *r);

/* The encoding as judged so far: it may change from CSV_ENC_ASCII to
** another as reading goes on (at the first byte outside ASCII), never
** after that. */
CsvEncoding csv_encoding(const CsvReader *r);

/* "Windows-1252", "UTF-16" and so on (static). */
const char *csv_encoding_name(CsvEncoding e);

/* Why the last csv_next returned CSV_ERROR, in English, e.g. "unterminated
** quoted field starting on line 12", "quote in the middle of an unquoted
** field", or a read error (from errno). Borrowed from the reader. */
const char *csv_error(const CsvReader *r);

/* Where the last CSV_BAD was found: its line and column (1-based, in
** characters) and the field it was in (1-based). */
void csv_bad_at(const CsvReader *r, size_t *line, size_t *col, size_t *field);

/* Bytes consumed so far, for progress and for hashing sanity; of the text
** as decoded into UTF-8 (the file's bytes for UTF-8). */
size_t csv_offset(const CsvReader *r);

void csv_close(CsvReader *r);

/* Writes one field to out quoted as needed for `sep`: a field holding the
** separator, a quote, CR or LF is quoted with "" doubling. Additionally, when
** neutralise is true, a field that Excel would run as a formula (first byte
** '=', '+', '-', '@', TAB or CR) gets a leading apostrophe ('), so Excel shows
** it as text; amounts written by medel itself never start with those. */
void csv_write_field(FILE *out, const char *s, size_t len, char sep, bool neutralise);

/* The same into memory: writes the field at dst, which must have room for
** csv_field_max(len) bytes, and returns the end of what it wrote (no NUL). */
char *csv_format_field(char *dst, const char *s, size_t len, char sep, bool neutralise);

/* The most bytes csv_format_field writes for a field of len bytes: every
** byte a doubled quote, plus the quotes and the apostrophe. */
static inline size_t csv_field_max(size_t len)
{
    return 2 * len + 3;
}

#endif
