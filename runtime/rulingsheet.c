/*
** rulingsheet.c: the officers' assessments as sheets (rulingsheet.h): the
** sheet `medel mall --bedömningar` writes, pre-filled with every case that
** needs a person, and allocate's sheet of the assessments it applied. Both
** have the columns the reader (ruling.c) reads, so either can be filled in
** and given back with --bedömningar.
*/
#include "rulingsheet.h"

#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "i18n.h"
#include "ruling.h"
#include "template.h"

/* The columns, with the reader's headings (the same in every language: the
** sheet is read back). Projekt, Varför and Regel are for the reader of the
** sheet; medel ignores them. */
enum { S_KEY, S_POT, S_WHAT, S_OUTCOME, S_KIND, S_BY, S_DATE, S_WHY, S_TITLE, S_CASE, S_RULE, S_N };
static const SheetColumn COLS[S_N] = {
    {RULING_COL_KEY, SHEET_TEXT, true},   {RULING_COL_POT, SHEET_TEXT, true},     {RULING_COL_WHAT, SHEET_TEXT, true},
    {RULING_COL_OUTCOME, SHEET_TEXT, true}, {RULING_COL_KIND, SHEET_TEXT, true},  {RULING_COL_BY, SHEET_TEXT, true},
    {RULING_COL_DATE, SHEET_TEXT, true},  {RULING_COL_WHY, SHEET_WRAP, true},     {RULING_COL_TITLE, SHEET_WRAP, true},
    {RULING_COL_CASE, SHEET_WRAP, true},  {RULING_COL_RULE, SHEET_TEXT, true},
};

/* "rules/x.medel:51:5" for a span. */
static const char *where(Arena *a, const SourceSet *set, Span sp)
{
    if (span_is_none(sp))
        return "";
    const SourceFile *f = source_get(set, sp.file);
    SourcePos pos = source_position(f, sp.start);
    return arena_printf(a, "%s:%zu:%zu", f->path, pos.line, pos.col);
}

/* The title of an application (its first required text field after the
** key), for the reader of the sheet; "" when none. */
static const char *title_of(const Program *p, const Application *app)
{
    for (size_t f = 0; f < p->n_fields; f++) {
        if ((int)f == p->key_field || p->fields[f].type.kind != TY_TEXT)
            continue;
        const Value *v = &app->values[f];
        return v->kind == VAL_TEXT ? v->u.text.s : "";
    }
    return "";
}

/* Why a case needs a person, in Swedish (the sheet's cells are data). */
static const char *case_text(Arena *a, const Program *p, const TableData *tables, const Application *app,
                             const Assessment *as, const RulingCase *c)
{
    const char *pot = p->pots[c->pot].name;
    const char *sub = "";
    if (as->route[c->pot] >= 0) {
        for (int q = c->pot; q >= 0; q = p->pots[q].parent)
            if (p->pots[q].has_split) {
                sub = arena_printf(a, "/%s", tables[p->pots[q].split.table].keys[as->route[c->pot]]);
                break;
            }
    }
    const char *field = c->field >= 0 ? p->fields[c->field].name : NULL;
    switch (c->target) {
    case RULING_CRITERION:
        return field ? arena_printf(a, "%s%s: uppgift saknas: %s", pot, sub, field)
                     : arena_printf(a, "%s%s: villkoret kan inte avgöras", pot, sub);
    case RULING_CONSIDERS:
        return field ? arena_printf(a, "%s: uppgift saknas: %s; gäller potten ansökan?", pot, field)
                     : arena_printf(a, "%s: det går inte att avgöra om potten gäller ansökan", pot);
    default:
        (void)app;
        return arena_printf(a, "%s: uppgift saknas: %s; vilken delpott?", pot, field ? field : "");
    }
}

/* The rule a case comes from. */
static Span case_span(const Program *p, const RulingCase *c)
{
    switch (c->target) {
    case RULING_CRITERION: return p->criteria[c->index].name_span;
    case RULING_CONSIDERS:
        for (int q = c->index; q >= 0; q = p->pots[q].parent)
            if (p->pots[q].applies)
                return p->pots[q].applies->span;
        return p->pots[c->index].name_span;
    default: return p->pots[c->index].split.span;
    }
}

/* One case's row; returns the Utfall cell's kind: 0 a criterion's or a
** pot's outcome, else 1 + the table of the split (its keys). */
static int case_row(Tab *t, Arena *a, const EvalContext *cx, const SourceSet *set, const Application *app,
                    const Assessment *as, const RulingCase *c)
{
    const Program *p = cx->prog;
    tab_row(t);
    tab_text(t, S_KEY, app->key);
    if (c->target != RULING_CRITERION)
        tab_text(t, S_POT, p->pots[c->index].name);
    tab_text(t, S_WHAT, c->target == RULING_CRITERION ? p->criteria[c->index].name
                        : c->target == RULING_CONSIDERS ? RULING_WORD_CONSIDERS
                                                        : RULING_WORD_ROUTE);
    tab_text(t, S_KIND, RULING_WORD_ASSESSED);
    tab_text(t, S_TITLE, title_of(p, app));
    tab_text(t, S_CASE, case_text(a, p, cx->tables, app, as, c));
    tab_text(t, S_RULE, where(a, set, case_span(p, c)));
    return c->target == RULING_ROUTE ? 1 + p->pots[c->index].split.table : 0;
}

/* "=Listor!$A$2:$A$27". */
static char *list_range(Arena *a, const char *sheet, size_t col, size_t n)
{
    char name[16];
    lxw_col_to_name(name, (lxw_col_t)col, 1);
    return arena_printf(a, "='%s'!$%s$2:$%s$%zu", sheet, name, name, n + 1);
}

static void validate_list(Workbook *wb, Sheet *s, uint32_t r0, uint32_t r1, size_t col, char *formula,
                          Arena *a)
{
    lxw_data_validation dv = {0};
    dv.ignore_blank = LXW_VALIDATION_ON;
    dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    dv.value_formula = formula;
    dv.dropdown = LXW_VALIDATION_ON;
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    dv.error_title = arena_strdup(a, _("Välj i listan"));
    dv.error_message = arena_strdup(a, _("Välj ett av värdena i listan."));
    if (worksheet_data_validation_range(sheet_worksheet(s), r0, (lxw_col_t)col, r1, (lxw_col_t)col, &dv) != LXW_NO_ERROR)
        workbook_fail(wb, _("kan inte skriva en regel för giltiga värden i mallen"));
}

size_t ruling_template_write(const EvalContext *cx, const SourceSet *set, const Application *apps,
                             const Assessment *const *as, size_t n, FILE *csv, Workbook *wb)
{
    const Program *p = cx->prog;
    Arena a;
    arena_init(&a);
    Tab t;
    if (wb)
        tab_sheet(&t, wb, N_("Bedömningar"), COLS, S_N);
    else
        tab_csv(&t, csv, COLS, S_N);
    RulingCase cases[64];
    size_t n_cases = 0;
    /* Per row: the kind of its Utfall (case_row), for the drop-down lists. */
    size_t cap = 64, n_rows = 0;
    int *kinds = arena_alloc(&a, cap * sizeof *kinds);
    for (size_t i = 0; i < n; i++) {
        size_t k = ruling_cases(cx, &apps[i], as[i], cases, sizeof cases / sizeof *cases);
        if (k > sizeof cases / sizeof *cases)
            k = sizeof cases / sizeof *cases;
        for (size_t j = 0; j < k; j++) {
            if (n_rows == cap) {
                int *g = arena_alloc(&a, 2 * cap * sizeof *g);
                memcpy(g, kinds, cap * sizeof *g);
                kinds = g;
                cap *= 2;
            }
            kinds[n_rows++] = case_row(&t, &a, cx, set, &apps[i], as[i], &cases[j]);
            n_cases++;
        }
    }
    Sheet *sheet = t.sheet;
    tab_end(&t);
    if (wb && sheet) {
        /* Listor: what Villkor, Utfall and Typ may hold, and the keys of each
        ** split's table, for the drop-down lists. */
        const char *lists = _("Listor");
        size_t n_tables = p->n_tables;
        SheetColumn *lc = arena_alloc(&a, (4 + n_tables) * sizeof *lc);
        lc[0] = (SheetColumn){RULING_COL_WHAT, SHEET_TEXT, true};
        lc[1] = (SheetColumn){RULING_COL_OUTCOME, SHEET_TEXT, true};
        lc[2] = (SheetColumn){RULING_COL_KIND, SHEET_TEXT, true};
        lc[3] = (SheetColumn){RULING_COL_POT, SHEET_TEXT, true};
        for (size_t i = 0; i < n_tables; i++)
            lc[4 + i] = (SheetColumn){p->tables[i].name, SHEET_TEXT, true};
        Sheet *ls = workbook_sheet(wb, lists, lc, 4 + n_tables);
        size_t n_what = p->n_criteria + 2, longest = n_what > p->n_pots ? n_what : p->n_pots;
        for (size_t i = 0; i < n_tables; i++)
            if (cx->tables[i].n_rows > longest)
                longest = cx->tables[i].n_rows;
        for (size_t r = 0; ls && r < longest; r++) {
            sheet_row(ls);
            if (r < p->n_criteria)
                sheet_text(ls, 0, p->criteria[r].name);
            else if (r == p->n_criteria)
                sheet_text(ls, 0, RULING_WORD_CONSIDERS);
            else if (r == p->n_criteria + 1)
                sheet_text(ls, 0, RULING_WORD_ROUTE);
            if (r < 2)
                sheet_text(ls, 1, r == 0 ? RULING_WORD_PASS : RULING_WORD_FAIL);
            if (r < 2)
                sheet_text(ls, 2, r == 0 ? RULING_WORD_ASSESSED : RULING_WORD_OVERRIDE);
            if (r < p->n_pots)
                sheet_text(ls, 3, p->pots[r].name);
            for (size_t i = 0; i < n_tables; i++)
                if (r < cx->tables[i].n_rows)
                    sheet_text(ls, 4 + i, cx->tables[i].keys[r]);
        }
        if (ls)
            sheet_hide(ls);
        uint32_t last = (uint32_t)(n_rows + TEMPLATE_ROWS);
        sheet_column_text(sheet, S_KEY);
        sheet_column_text(sheet, S_DATE);   /* 2021-03-15 as typed, not a date serial (both read the same) */
        validate_list(wb, sheet, 1, last, S_WHAT, list_range(&a, lists, 0, n_what), &a);
        validate_list(wb, sheet, 1, last, S_KIND, list_range(&a, lists, 2, 2), &a);
        validate_list(wb, sheet, 1, last, S_POT, list_range(&a, lists, 3, p->n_pots), &a);
        /* Utfall: uppfyllt / ej uppfyllt, but a sub-pot's key on a delpott row. */
        for (size_t r = 0; r < n_rows; r++)
            validate_list(wb, sheet, (uint32_t)(1 + r), (uint32_t)(1 + r), S_OUTCOME,
                          kinds[r] ? list_range(&a, lists, 4 + (size_t)(kinds[r] - 1), cx->tables[kinds[r] - 1].n_rows)
                                   : list_range(&a, lists, 1, 2),
                          &a);
        validate_list(wb, sheet, (uint32_t)(1 + n_rows), last, S_OUTCOME, list_range(&a, lists, 1, 2), &a);
    }
    arena_free(&a);
    return n_cases;
}

void ruling_applied_table(Tab *t, const EvalContext *cx, const Assessment *const *as, size_t n)
{
    const Program *p = cx->prog;
    const RulingSet *set = cx->rulings;
    Arena a;
    arena_init(&a);
    StrMap by_key = {0};
    for (size_t i = 0; i < n; i++)
        if (as[i]->n_rulings)
            strmap_insert(&by_key, &a, as[i]->rulings[0]->key, strlen(as[i]->rulings[0]->key), (int32_t)i);
    for (size_t i = 0; set && i < set->n; i++) {
        const Ruling *r = &set->r[i];
        if (r->left_out)
            continue;
        int32_t at = strmap_find(&by_key, r->key, strlen(r->key));
        tab_row(t);
        tab_text(t, S_KEY, r->key);
        if (r->pot >= 0)
            tab_text(t, S_POT, p->pots[r->pot].name);
        tab_text(t, S_WHAT, r->target == RULING_CRITERION ? p->criteria[r->criterion].name
                            : r->target == RULING_CONSIDERS ? RULING_WORD_CONSIDERS
                                                            : RULING_WORD_ROUTE);
        tab_text(t, S_OUTCOME, ruling_outcome_text(r, p, cx->tables));
        tab_text(t, S_KIND, r->kind == RULING_ASSESSED ? RULING_WORD_ASSESSED : RULING_WORD_OVERRIDE);
        tab_text(t, S_BY, r->by);
        tab_text(t, S_DATE, r->date);
        tab_text(t, S_WHY, r->why);
        if (at >= 0) {
            Outcome d = ruling_data(p, as[at], r);
            tab_text(t, S_CASE, arena_printf(&a, "enligt uppgifterna: %s",
                                             r->target == RULING_ROUTE ? (d == OUTCOME_MANUAL ? "uppgift saknas" : "en annan delpott")
                                             : d == OUTCOME_PASS       ? "uppfyllt"
                                             : d == OUTCOME_FAIL       ? "ej uppfyllt"
                                                                       : "kan inte avgöras"));
        }
        tab_text(t, S_RULE, r->where);
    }
    arena_free(&a);
}

const SheetColumn *ruling_sheet_columns(size_t *n)
{
    *n = S_N;
    return COLS;
}
