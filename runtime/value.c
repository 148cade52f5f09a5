/*
** value.c: looking up table keys and writing values for people.
*/
#include "value.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int32_t table_find(const TableData *t, const char *folded_key)
{
    return strmap_find(&t->index, folded_key, strlen(folded_key));
}

/* Builds the index over t->folded; the slots live in `a`. Returns the row of
** a duplicate key, or -1 when all keys are distinct. */
int32_t table_index(TableData *t, Arena *a)
{
    t->index = (StrMap){0};
    strmap_reserve(&t->index, a, t->n_rows);
    for (size_t r = 0; r < t->n_rows; r++)
        if (strmap_insert(&t->index, a, t->folded[r], strlen(t->folded[r]), (int32_t)r) >= 0)
            return (int32_t)r;
    return -1;
}

/* Copies s into buf (n > 0 bytes), cut to fit and NUL-terminated, as
** snprintf(buf, n, "%s", s) would, without its cost: reports write a value
** for every failed criterion of every application. */
static void put(char *buf, size_t n, const char *s, size_t len)
{
    if (len > n - 1)
        len = n - 1;
    if (len)   /* s may be NULL for an empty text */
        memcpy(buf, s, len);
    buf[len] = '\0';
}

static void put_str(char *buf, size_t n, const char *s)
{
    put(buf, n, s, strlen(s));
}

const char *value_int_text(int64_t v, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    char t[24];
    size_t at = sizeof t;
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        t[--at] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        t[--at] = '-';
    put(buf, n, t + at, sizeof t - at);
    return buf;
}

/* The words here ("(saknas)", "ja", "nej", "(inga)") are not translated:
** the value is written as a rule file or a data file writes it (ja and nej
** are the language's own words), and it fills CSV cells and JSON strings,
** which are the same in every language. */
char *value_format(const Program *p, const TableData *tables, Type type, const Value *v, char *buf, size_t n)
{
    char tmp[64], tmp2[64];
    if (n == 0)
        return buf;
    buf[0] = '\0';
    switch (v->kind) {
    case VAL_MISSING: put_str(buf, n, "(saknas)"); break;
    case VAL_TEXT: put(buf, n, v->u.text.s, v->u.text.len); break;
    case VAL_INT: value_int_text(v->u.i, buf, n); break;
    case VAL_MONEY: money_format(v->u.money, buf, n); break;
    case VAL_BOOL: put_str(buf, n, v->u.b ? "ja" : "nej"); break;
    case VAL_ENUM:
        put_str(buf, n, type.kind == TY_ENUM || type.kind == TY_SET ? p->enums[type.id].values[v->u.e] : "?");
        break;
    case VAL_FOCUS: put_str(buf, n, p->focus[v->u.e].name); break;
    case VAL_SET: {
        size_t at = 0;
        bool focus = type.elem == TY_FOCUS;
        size_t members = focus ? p->n_focus : p->enums[type.id].n;
        for (size_t i = 0; i < members && at + 1 < n; i++) {
            if (!((v->u.set >> i) & 1u))
                continue;
            const char *name = focus ? p->focus[i].name : p->enums[type.id].values[i];
            if (at) {
                put(buf + at, n - at, ", ", 2);
                at += strlen(buf + at);
            }
            put_str(buf + at, n - at, name);
            at += strlen(buf + at);
        }
        if (at == 0)
            put_str(buf, n, "(inga)");
        break;
    }
    case VAL_RANGE:
        if (type.elem == TY_MONEY)
            snprintf(buf, n, "%s..%s", money_format(v->u.range.lo, tmp, sizeof tmp), money_format(v->u.range.hi, tmp2, sizeof tmp2));
        else
            snprintf(buf, n, "%" PRId64 "..%" PRId64, v->u.range.lo, v->u.range.hi);
        break;
    case VAL_KEY:
        put_str(buf, n, type.kind == TY_KEY && tables ? tables[type.id].keys[v->u.key] : "?");
        break;
    case VAL_PERCENT:
        percent_format(v->u.ratio, buf, n);
        break;
    }
    return buf;
}
