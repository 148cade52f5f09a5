/*
** summary.c: the account `medel validate` prints for each valid rule file.
*/
#include "summary.h"

#include <string.h>

#include "grid.h"

/* One row per pot, in pre-order: the name indented by depth, the amount
** (right-aligned, at least 22 columns) and how it is made. */
static void pot_line(const Program *p, int k, Grid *g)
{
    const Pot *pot = &p->pots[k];
    Arena *a = g->a;
    char amount[64], pct[64];
    money_format(pot->amount, amount, sizeof amount);
    const char *shown = arena_printf(a, "%s%s%s", pot->approx ? pot->approx : "", pot->approx ? " " : "", amount);
    const char *how = "";
    switch (pot->share) {
    case SHARE_PERCENT: how = arena_printf(a, "(%s av %s)", percent_format(pot->percent, pct, sizeof pct), p->pots[pot->parent].name); break;
    case SHARE_REST: how = arena_printf(a, "(resten av %s)", p->pots[pot->parent].name); break;
    default: break;
    }
    if (pot->has_split) {
        const Split *s = &pot->split;
        how = arena_printf(a, "%s%sen delpott per %s efter %s.%s", how, how[0] ? "  " : "", p->fields[s->field].name,
                           p->tables[s->table].name, p->tables[s->table].columns[s->column].name);
    }
    if (pot->label)
        how = arena_printf(a, "%s%s\"%s\"", how, how[0] ? "  " : "", pot->label);
    grid_row(g, arena_printf(a, "%*s%s", 2 * pot->depth, "", pot->name), shown, how);
    for (size_t c = 0; c < pot->n_children; c++)
        pot_line(p, pot->children[c], g);
}

void summary_print(const Program *p, FILE *out)
{
    fprintf(out, "  %s", p->name ? p->name : "");
    if (p->year_from && p->year_from == p->year_to)
        fprintf(out, ", %d", p->year_from);
    else if (p->year_from)
        fprintf(out, ", %d–%d", p->year_from, p->year_to);
    fputc('\n', out);
    Arena a;
    arena_init(&a);
    Grid g;
    grid_init(&g, &a, 3, 0x2);
    grid_min_width(&g, 1, 22);
    for (size_t k = 0; k < p->n_pots; k++)
        if (p->pots[k].parent < 0)
            pot_line(p, (int)k, &g);
    grid_print(&g, out, "  ");
    arena_free(&a);
    fprintf(out, "  %zu villkor, %zu %s, %zu %s, %zu portföljvillkor, %zu fält i ansökan\n", p->n_criteria, p->n_focus,
            p->n_focus == 1 ? "fokusområde" : "fokusområden", p->n_priorities, p->n_priorities == 1 ? "prioritering" : "prioriteringar",
            p->n_portfolios, p->n_fields);
    if (p->n_scenarios) {
        fprintf(out, "  %s:", p->n_scenarios == 1 ? "scenario" : "scenarier");
        for (size_t i = 0; i < p->n_scenarios; i++)
            fprintf(out, "%s %s", i ? "," : "", p->scenarios[i].name);
        fputc('\n', out);
    }
}
