/*
** template.c: the application template of a rule file (template.h).
**
** Each column of the template is described once (a Guide: its header, its
** type in Swedish words, whether it is required, its allowed values and an
** example), and every form is made from that: the comment on the workbook's
** header cell, the row of the sheet Anvisningar, the CSV of instructions,
** the drop-down list and the validation. The example of every column is a
** value the reader accepts for it, so a row of examples is a valid
** application (tests/template fills templates in and checks them).
**
** In the workbook, a list of allowed values is a range on the hidden sheet
** Listor (an inline list is limited to 255 characters, less than the 26
** municipalities of a table). A field that takes one value of a list (en
** av, a focus area, ja/nej, a key of a table) gets a list validation that
** stops anything else; a field that takes several (mängd av, fokusområden)
** gets the same drop-down with the information style, since a single-choice
** list would reject "a|b": Excel then only informs and keeps what was typed.
** Amounts and whole numbers get a numeric validation with the warning style,
** so that "450 000 kr", which the reader accepts, can still be typed; the
** amount columns are formatted as kronor, so the advertised 450000 shows
** as "450 000 kr".
*/
#include "template.h"

#include "i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "arena.h"
#include "csv.h"
#include "workbook.h"

#if defined(__SANITIZE_ADDRESS__)
/* libxlsxwriter 1.1.4 (Debian 12's) never frees the formula it copies for a
** list validation that refers to a range (LXW_VALIDATION_TYPE_LIST_FORMULA):
** about 17 bytes per list, once per workbook, and nothing medel can free.
** Under AddressSanitizer that leak is suppressed by the library function
** that makes it, lxw_strdup (the only frame LeakSanitizer's fast unwinder
** sees inside the library); a workbook left unclosed still leaks far more
** than strings and fails the tests. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:lxw_strdup\n";
}
#endif

typedef enum ListKind {
    LIST_NONE,
    LIST_ONE,     /* one value of the list */
    LIST_MANY     /* any number, separated by '|' */
} ListKind;

typedef enum NumKind {
    NUM_NONE,
    NUM_MONEY,
    NUM_INT
} NumKind;

/* What one column of the template takes. Everything in the arena or static. */
typedef struct Guide {
    const char *header;
    const char *type;        /* in Swedish words, e.g. "belopp i kronor" */
    bool required;
    const char *const *values;   /* the allowed values, for a list; else NULL */
    size_t n_values;
    const char *allowed;     /* the allowed values (joined by " | ") or what is allowed, in words */
    const char *example;     /* a value the reader accepts */
    ListKind list;
    NumKind num;
    bool as_text;            /* typed as text in Excel (ranges, texts, names) */
} Guide;

/* values joined by sep, in a. */
static const char *joined(Arena *a, const char *const *values, size_t n, const char *sep)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(values[i]) + strlen(sep);
    char *out = arena_alloc(a, len), *w = out;
    *w = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(values[i]);
        if (i) {
            memcpy(w, sep, strlen(sep));
            w += strlen(sep);
        }
        memcpy(w, values[i], k);
        w += k;
    }
    *w = '\0';
    return out;
}

/* The first one or two values joined by '|', as a set is written. */
static const char *two(Arena *a, const char *const *values, size_t n)
{
    if (n == 0)
        return "";
    return n == 1 ? values[0] : arena_printf(a, "%s|%s", values[0], values[1]);
}

static Guide guide_of(const Program *p, const TableData *tables, size_t i, Arena *a)
{
    static const char *const YES_NO[] = {"ja", "nej"};   /* the values medel reads: in every language */
    const Field *f = &p->fields[i];
    Guide g = {.header = f->column, .required = (f->flags & (FIELD_KEY | FIELD_REQUIRED | FIELD_REQUESTED)) ||
                                                (int)i == p->key_field};
    bool key = (int)i == p->key_field || (f->flags & FIELD_KEY);
    Type t = f->type;
    bool focus = t.kind == TY_FOCUS || (t.kind == TY_SET && t.elem == TY_FOCUS);
    if (t.kind == TY_ENUM || t.kind == TY_FOCUS || t.kind == TY_SET) {
        if (focus) {
            const char **labels = arena_alloc(a, (p->n_focus + 1) * sizeof *labels);
            for (size_t k = 0; k < p->n_focus; k++)
                labels[k] = p->focus[k].label ? p->focus[k].label : p->focus[k].name;
            g.values = labels;
            g.n_values = p->n_focus;
        } else {
            g.values = p->enums[t.id].values;
            g.n_values = p->enums[t.id].n;
        }
        g.allowed = joined(a, g.values, g.n_values, " | ");
        g.as_text = true;
        if (t.kind == TY_SET) {
            g.list = LIST_MANY;
            g.type = focus ? _("ett eller flera fokusområden, åtskilda med |") : _("ett eller flera av värdena, åtskilda med |");
            g.example = two(a, g.values, g.n_values);
        } else {
            g.list = LIST_ONE;
            g.type = focus ? _("ett fokusområde") : _("ett av värdena");
            g.example = g.n_values ? g.values[0] : "";
        }
        return g;
    }
    switch (t.kind) {
    case TY_BOOL:
        g.type = _("ja eller nej");
        g.values = YES_NO;
        g.n_values = 2;
        g.allowed = "ja | nej";
        g.example = "ja";
        g.list = LIST_ONE;
        break;
    case TY_KEY: {
        const TableData *tab = &tables[t.id];
        g.type = arena_printf(a, _("ett värde ur tabellen %s"), tab->decl->name);
        g.values = tab->keys;
        g.n_values = tab->n_rows;
        g.allowed = joined(a, tab->keys, tab->n_rows, " | ");
        g.example = tab->n_rows ? tab->keys[0] : "";
        g.list = LIST_ONE;
        g.as_text = true;
        break;
    }
    case TY_MONEY:
        g.type = _("belopp i kronor");
        g.allowed = _("ett belopp i kronor, skrivet som ett tal: 450000 (visas som 450 000 kr). "
                      "Text som 450 000 kr eller 1,5 MSEK godtas också");
        g.example = "450000";
        g.num = NUM_MONEY;
        break;
    case TY_INT:
        g.type = _("heltal");
        g.allowed = key ? _("ett heltal, unikt för varje ansökan") : _("ett heltal");
        g.example = key ? "1" : "40";
        g.num = NUM_INT;
        break;
    case TY_RANGE:
        g.as_text = true;
        if (t.elem == TY_MONEY) {
            g.type = _("intervall av belopp");
            g.allowed = _("två belopp med .. emellan, det mindre först (eller ett belopp)");
            g.example = "50 000 kr..2 000 000 kr";
        } else {
            g.type = _("intervall av heltal");
            g.allowed = _("två heltal med - emellan, det mindre först (eller ett tal)");
            g.example = "13-22";
        }
        break;
    case TY_PERCENT:
        g.type = _("procent");
        g.allowed = _("en procentsats");
        g.example = "25 %";
        break;
    default:
        g.type = "text";   /* the same word in English */
        g.as_text = true;
        g.allowed = key ? _("en text, unik för varje ansökan (diarienummer)") : _("fri text");
        g.example = key ? "2021-001" : "text";
        break;
    }
    return g;
}

static void csv_cell(FILE *out, const char *s, bool last)
{
    csv_write_field(out, s ? s : "", s ? strlen(s) : 0, ';', true);
    fputc(last ? '\n' : ';', out);
}

/* The headers of the instructions as CSV (the sheet's are capitalised). */
static const char *const GUIDE_HEADERS[5] = {"rubrik", "typ", "obligatorisk", "tillåtna_värden", "exempel"};

/* The text of the comment on a header cell: what the column takes. */
static const char *comment_text(Arena *a, const Guide *g)
{
    const char *how = g->list == LIST_ONE    ? _("\nVälj i listan.")
                    : g->list == LIST_MANY ? _("\nVälj ett värde i listan, eller skriv flera åtskilda med |.")
                    : "";
    const char *allowed = g->allowed;
    if (g->n_values > 12)   /* the whole list is in the drop-down and on Anvisningar */
        allowed = arena_printf(a, P_("%zu värde, se listan", "%zu värden, se listan", g->n_values), g->n_values);
    return arena_printf(a, _("%s\nTyp: %s\nObligatorisk: %s\nTillåtna värden: %s\nExempel: %s%s"), g->header, g->type,
                        g->required ? _("ja") : _("nej"), allowed, g->example, how);
}

/* The name of the hidden sheet of lists, in the chosen language. */
static const char *lists_sheet(void)
{
    return _("Listor");
}

/* "=Listor!$B$2:$B$27" of the sheet of lists: column col, n values under
** its header. */
static char *list_range(Arena *a, size_t col, size_t n)
{
    char name[16];
    lxw_col_to_name(name, (lxw_col_t)col, 1);
    return arena_printf(a, "=%s!%s$2:%s$%zu", lists_sheet(), name, name, n + 1);
}

static bool write_xlsx(const Program *p, const Guide *g, Arena *a, FILE *out, Workbook **building, char *err, size_t errlen)
{
    Workbook *wb = workbook_begin(err, errlen);
    if (!wb)
        return false;
    if (building)
        *building = wb;
    size_t n = p->n_fields;
    SheetColumn *cols = arena_alloc(a, (n + 1) * sizeof *cols);
    for (size_t i = 0; i < n; i++)
        cols[i] = (SheetColumn){g[i].header, SHEET_TEXT, true};
    /* The sheet of applications keeps its name in every language: it is
    ** the one filled in and read back (--sheet Ansökningar), and its
    ** headings are the rule file's. */
    Sheet *apps = workbook_sheet(wb, "Ansökningar", cols, n);
    static const SheetColumn GUIDE_COLS[5] = {{N_("Rubrik"), SHEET_TEXT, false},
                                              {N_("Typ"), SHEET_WRAP, false},
                                              {N_("Obligatorisk"), SHEET_TEXT, false},
                                              {N_("Tillåtna värden"), SHEET_WRAP, false},
                                              {N_("Exempel"), SHEET_TEXT, false}};
    Sheet *guide = workbook_sheet(wb, _("Anvisningar"), GUIDE_COLS, 5);
    for (size_t i = 0; guide && i < n; i++) {
        sheet_row(guide);
        sheet_text(guide, 0, g[i].header);
        sheet_text(guide, 1, g[i].type);
        sheet_text(guide, 2, g[i].required ? _("ja") : _("nej"));
        sheet_text(guide, 3, g[i].allowed);
        sheet_text(guide, 4, g[i].example);
    }
    /* Listor: one column per field with a list, its values under its header. */
    size_t n_lists = 0, longest = 0;
    size_t *list_col = arena_alloc(a, (n + 1) * sizeof *list_col);
    SheetColumn *lcols = arena_alloc(a, (n + 1) * sizeof *lcols);
    for (size_t i = 0; i < n; i++)
        if (g[i].list != LIST_NONE && g[i].n_values) {
            list_col[i] = n_lists;
            lcols[n_lists++] = (SheetColumn){g[i].header, SHEET_TEXT, true};
            if (g[i].n_values > longest)
                longest = g[i].n_values;
        }
    Sheet *lists = n_lists ? workbook_sheet(wb, lists_sheet(), lcols, n_lists) : NULL;
    for (size_t r = 0; lists && r < longest; r++) {
        sheet_row(lists);
        for (size_t i = 0; i < n; i++)
            if (g[i].list != LIST_NONE && g[i].n_values && r < g[i].n_values)
                sheet_text(lists, list_col[i], g[i].values[r]);
    }
    if (lists)
        sheet_hide(lists);
    lxw_worksheet *ws = apps ? sheet_worksheet(apps) : NULL;
    for (size_t i = 0; ws && i < n; i++) {
        lxw_col_t c = (lxw_col_t)i;
        lxw_comment_options co = {.width = 320, .height = 150};
        if (worksheet_write_comment_opt(ws, 0, c, comment_text(a, &g[i]), &co) != LXW_NO_ERROR)
            workbook_fail(wb, _("kan inte skriva en kommentar i mallen"));
        if (g[i].as_text)
            sheet_column_text(apps, i);
        else if (g[i].num == NUM_MONEY)
            sheet_column_kr(apps, i);
        lxw_data_validation dv = {0};
        dv.ignore_blank = LXW_VALIDATION_ON;
        if (g[i].list != LIST_NONE && g[i].n_values) {
            dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
            dv.value_formula = list_range(a, list_col[i], g[i].n_values);
            dv.dropdown = LXW_VALIDATION_ON;
            if (g[i].list == LIST_MANY) {
                dv.error_type = LXW_VALIDATION_ERROR_TYPE_INFORMATION;
                dv.error_title = arena_strdup(a, _("Flera värden"));
                dv.error_message = arena_strdup(a, _("Flera värden skrivs åtskilda med |, t.ex. a|b. Det du skrev behålls."));
            } else {
                dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
                dv.error_title = arena_strdup(a, _("Välj i listan"));
                dv.error_message = arena_strdup(a, _("Välj ett av värdena i listan."));
            }
        } else if (g[i].num == NUM_MONEY) {
            dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
            dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
            dv.value_number = 0;
            dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
            dv.error_title = arena_strdup(a, _("Ett belopp"));
            dv.error_message = arena_strdup(a, _("Skriv beloppet som ett tal i kronor, t.ex. 450000 (visas som 450 000 kr). "
                                 "Text som 450 000 kr godtas också av medel."));
        } else if (g[i].num == NUM_INT) {
            dv.validate = LXW_VALIDATION_TYPE_INTEGER;
            dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            dv.minimum_number = -1e15;
            dv.maximum_number = 1e15;
            dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
            dv.error_title = arena_strdup(a, _("Ett heltal"));
            dv.error_message = arena_strdup(a, _("Skriv ett heltal, t.ex. 40."));
        } else {
            continue;
        }
        if (worksheet_data_validation_range(ws, 1, c, TEMPLATE_ROWS, c, &dv) != LXW_NO_ERROR)
            workbook_fail(wb, _("kan inte skriva en regel för giltiga värden i mallen"));
    }
    bool ok = workbook_end(wb, out, err, errlen);
    if (building)
        *building = NULL;
    return ok;
}

bool template_write(const Program *p, const TableData *tables, TemplateKind kind, FILE *out, Workbook **building,
                    char *err, size_t errlen)
{
    Arena a;
    arena_init(&a);
    Guide *g = arena_alloc(&a, (p->n_fields + 1) * sizeof *g);
    for (size_t i = 0; i < p->n_fields; i++)
        g[i] = guide_of(p, tables, i, &a);
    bool ok = true;
    if (kind == TEMPLATE_XLSX) {
        ok = write_xlsx(p, g, &a, out, building, err, errlen);
    } else if (kind == TEMPLATE_CSV) {
        fputs("\xEF\xBB\xBF", out);
        for (size_t i = 0; i < p->n_fields; i++)
            csv_cell(out, g[i].header, i + 1 == p->n_fields);
        if (p->n_fields == 0)
            fputc('\n', out);
    } else {
        fputs("\xEF\xBB\xBF", out);
        for (int k = 0; k < 5; k++)
            csv_cell(out, GUIDE_HEADERS[k], k == 4);
        for (size_t i = 0; i < p->n_fields; i++) {
            csv_cell(out, g[i].header, false);
            csv_cell(out, g[i].type, false);
            csv_cell(out, g[i].required ? "ja" : "nej", false);   /* a CSV token, as the headers */
            csv_cell(out, g[i].allowed, false);
            csv_cell(out, g[i].example, true);
        }
    }
    arena_free(&a);
    return ok;
}
