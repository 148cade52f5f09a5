/*
** value.h: run-time values of application fields and table cells. A value is
** small and flat: texts point into storage owned by whoever read them (an
** arena per batch of applications), sets are bit masks over an enumeration
** or the focus areas (at most 64 members, which checker.c enforces).
*/
#ifndef RUNTIME_VALUE_H
#define RUNTIME_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "money.h"
#include "program.h"
#include "strmap.h"

typedef enum ValueKind {
    VAL_MISSING,  /* the cell was empty or the field absent: criteria using it need manual assessment */
    VAL_TEXT,     /* u.text */
    VAL_INT,      /* u.i */
    VAL_MONEY,    /* u.money, öre */
    VAL_BOOL,     /* u.b */
    VAL_ENUM,     /* u.e: index of the value in the field's EnumDef */
    VAL_FOCUS,    /* u.e: index of the focus area */
    VAL_SET,      /* u.set: bit i set = member i of the field's EnumDef or of the focus areas */
    VAL_RANGE,    /* u.range: integers or öre, lo <= hi, inclusive */
    VAL_KEY,      /* u.key: row index in the field's data table */
    VAL_PERCENT   /* u.ratio: a share, from a percentage in a rule (never input) */
} ValueKind;

typedef struct Value {
    ValueKind kind;
    union {
        struct {
            const char *s;   /* not NUL-terminated necessarily: use len */
            size_t len;
        } text;
        int64_t i;
        Money money;
        bool b;
        int32_t e;
        uint64_t set;
        struct {
            int64_t lo, hi;
        } range;
        int32_t key;
        Ratio ratio;
    } u;
} Value;

/* One submitted application, its fields in schema order (prog->fields). */
typedef struct Application {
    size_t record;        /* 1-based position among the records of its file */
    size_t line;          /* physical line where it starts (CSV, JSON Lines), else 0 */
    const char *key;      /* the key field's text (e.g. the diarienummer), NUL-terminated */
    Value *values;        /* prog->n_fields values */
} Application;

/* A data table loaded from its CSV file. */
typedef struct TableData {
    const Table *decl;
    size_t n_rows;
    const char **keys;         /* NFC key text per row, NUL-terminated */
    const char **folded;       /* case-folded keys, for matching application values */
    Value *cells;              /* n_rows * decl->n_columns, row-major */
    StrMap index;              /* folded key -> row */
} TableData;

/* Finds the row of a key (matched case-insensitively, NFC); -1 if absent. */
int32_t table_find(const TableData *t, const char *folded_key);

/* Builds t's key index (slots in `a`) from t->folded. Returns the row of
** the first duplicate key, or -1 when every key is distinct. */
int32_t table_index(TableData *t, Arena *a);

/* Writes a value as a person reads it ("1 500 000 kr", "12..22", "ja",
** "samverkan, digital") into buf (n bytes, always NUL-terminated); needs the
** program for enumeration and focus names and the field's type. */
char *value_format(const Program *p, const TableData *tables, Type type, const Value *v, char *buf, size_t n);

/* v in decimal into buf (n bytes, NUL-terminated, cut to fit as snprintf
** would), without printf: tables write a number per cell. Returns buf. */
const char *value_int_text(int64_t v, char *buf, size_t n);

#endif
