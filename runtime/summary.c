/*
** summary.c: the account `medel validate` prints for each valid rule file.
*/
#include "summary.h"

#include <string.h>

#include "grid.h"
#include "i18n.h"

/* An integer with digit groups as the rule file writes it ("15 000"), in the arena. */
static const char *grouped_weight(Arena *a, int64_t v)
{
    char b[64];
    return arena_printf(a, "%s", int_format(v, b, sizeof b));
}

static const char *split_amount(Arena *a, const SplitAmount *r)
{
    char b[64];
    return arena_printf(a, "%s", r->is_percent ? percent_format(r->percent, b, sizeof b) : money_format(r->amount, b, sizeof b));
}

/* The split's rules after its weights: "; grundbelopp 100 000 kr, tak 2 000 000 kr,
** spärr 4 %, minst 1 enhet", or "" when it has none. Arena-owned. */
static const char *split_rules(Arena *a, const Split *s)
{
    const char *r = "";
    char b[64];
#define ADD(text) r = arena_printf(a, "%s%s%s", r, r[0] ? ", " : "; ", (text))
    if (s->base.set)
        /* TRANSLATORS: a split rule: each recipient first gets this ("100 000 kr" or "2 %") */
        ADD(arena_printf(a, _("grundbelopp %s"), split_amount(a, &s->base)));
    if (s->cap.set)
        /* TRANSLATORS: a split rule: no recipient gets more than this in total */
        ADD(arena_printf(a, _("tak %s"), split_amount(a, &s->cap)));
    if (s->has_threshold)
        /* TRANSLATORS: a split rule: a weight below this ("4 %" of the total, or "1 000") gets nothing */
        ADD(arena_printf(a, _("spärr %s"), s->threshold_is_percent ? percent_format(s->threshold_percent, b, sizeof b)
                                                                  : grouped_weight(a, s->threshold_weight)));
    if (s->min_units > 0)
        /* TRANSLATORS: a split rule: every recipient above the threshold gets at least N rounding units */
        ADD(arena_printf(a, P_("minst %s enhet", "minst %s enheter", (unsigned long)s->min_units),
                         grouped_weight(a, s->min_units)));
#undef ADD
    return r;
}

/* One row per pot, in pre-order: the name indented by depth, the amount
** (right-aligned, at least 22 columns) and how it is made. */
static void pot_line(const Program *p, int k, Grid *g)
{
    const Pot *pot = &p->pots[k];
    Arena *a = g->a;
    char amount[64], pct[64];
    if (pot->round_of >= 0) {
        /* A second round: its money is known only when the first is done. */
        const char *how = pot->label ? arena_printf(a, "\"%s\"", pot->label) : "";
        if (pot->deadline)
            /* TRANSLATORS: a second round's deadline, as the rule file writes it */
            how = arena_printf(a, _("%s%ssista ansökningsdag %s"), how, how[0] ? "  " : "", pot->deadline);
        if (pot->leftover == LEFTOVER_RETURNED)
            how = arena_printf(a, "%s%s%s", how, how[0] ? "  " : "", _("kvar återbetalas"));
        else if (pot->leftover == LEFTOVER_MOVES && pot->leftover_to >= 0)
            how = arena_printf(a, _("%s%skvar flyttas till %s"), how, how[0] ? "  " : "", p->pots[pot->leftover_to].name);
        grid_row(g, arena_printf(a, "%*s%s", 2 * pot->depth, "", pot->name), _("det som blir kvar"), how);
        return;
    }
    money_format(pot->amount, amount, sizeof amount);
    const char *shown = arena_printf(a, "%s%s%s", pot->approx ? pot->approx : "", pot->approx ? " " : "", amount);
    const char *how = "";
    switch (pot->share) {
    /* TRANSLATORS: "(40 % av kommunerna)": a pot's share of its parent pot */
    case SHARE_PERCENT: how = arena_printf(a, _("(%s av %s)"), percent_format(pot->percent, pct, sizeof pct), p->pots[pot->parent].name); break;
    case SHARE_REST: how = arena_printf(a, _("(resten av %s)"), p->pots[pot->parent].name); break;
    default: break;
    }
    if (pot->has_split) {
        const Split *s = &pot->split;
        /* TRANSLATORS: "en delpott per kommun efter ungdomar.antal_12_22": field, table, column */
        const char *split = arena_printf(a, _("en delpott per %s efter %s.%s"), p->fields[s->field].name,
                                         p->tables[s->table].name, p->tables[s->table].columns[s->column].name);
        split = arena_printf(a, "%s%s", split, split_rules(a, s));
        how = arena_printf(a, "%s%s%s", how, how[0] ? "  " : "", split);
    }
    if (pot->label)
        how = arena_printf(a, "%s%s\"%s\"", how, how[0] ? "  " : "", pot->label);
    /* What it leaves, when that is not just kept (a round shows its own). */
    if (pot->round < 0 && pot->leftover == LEFTOVER_RETURNED)
        how = arena_printf(a, "%s%s%s", how, how[0] ? "  " : "", _("kvar återbetalas"));
    else if (pot->round < 0 && pot->leftover == LEFTOVER_MOVES && pot->leftover_to >= 0)
        how = arena_printf(a, _("%s%skvar flyttas till %s"), how, how[0] ? "  " : "", p->pots[pot->leftover_to].name);
    grid_row(g, arena_printf(a, "%*s%s", 2 * pot->depth, "", pot->name), shown, how);
    for (size_t c = 0; c < pot->n_children; c++)
        pot_line(p, pot->children[c], g);
    if (pot->round >= 0)
        pot_line(p, pot->round, g);
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
        if (p->pots[k].parent < 0 && p->pots[k].round_of < 0)
            pot_line(p, (int)k, &g);
    grid_print(&g, out, "  ");
    arena_free(&a);
    /* Each count is its own message, so that each gets its plural right. */
    fputs("  ", out);
    fprintf(out, P_("%zu villkor", "%zu villkor", p->n_criteria), p->n_criteria);
    fputs(", ", out);
    fprintf(out, P_("%zu fokusområde", "%zu fokusområden", p->n_focus), p->n_focus);
    fputs(", ", out);
    fprintf(out, P_("%zu prioritering", "%zu prioriteringar", p->n_priorities), p->n_priorities);
    fputs(", ", out);
    fprintf(out, P_("%zu portföljvillkor", "%zu portföljvillkor", p->n_portfolios), p->n_portfolios);
    fputs(", ", out);
    fprintf(out, P_("%zu fält i ansökan", "%zu fält i ansökan", p->n_fields), p->n_fields);
    fputc('\n', out);
    if (p->n_scenarios) {
        fputs(P_("  scenario:", "  scenarier:", p->n_scenarios), out);
        for (size_t i = 0; i < p->n_scenarios; i++)
            fprintf(out, "%s %s", i ? "," : "", p->scenarios[i].name);
        fputc('\n', out);
    }
}
