/*
** summary.c: the account `medel validate` prints for each valid rule file.
*/
#include "summary.h"

#include <string.h>

#include "text.h"

/* Writes s padded with spaces to `width` display columns. */
static void pad(FILE *out, const char *s, size_t width)
{
    size_t w = text_width(s, strlen(s), 0);
    fputs(s, out);
    for (; w < width; w++)
        fputc(' ', out);
}

static size_t name_width(const Program *p)
{
    size_t w = 0;
    for (size_t k = 0; k < p->n_pots; k++) {
        size_t n = 2 * (size_t)p->pots[k].depth + text_width(p->pots[k].name, strlen(p->pots[k].name), 0);
        if (n > w)
            w = n;
    }
    return w;
}

static void pot_line(const Program *p, int k, size_t width, FILE *out)
{
    const Pot *pot = &p->pots[k];
    char amount[64], pct[64], indent[64];
    money_format(pot->amount, amount, sizeof amount);
    snprintf(indent, sizeof indent, "%*s", 2 + 2 * pot->depth, "");
    fputs(indent, out);
    pad(out, pot->name, width - 2 * (size_t)pot->depth);
    char shown[96];
    snprintf(shown, sizeof shown, "%s%s%s", pot->approx ? pot->approx : "", pot->approx ? " " : "", amount);
    size_t w = text_width(shown, strlen(shown), 0);
    for (; w < 22; w++)
        fputc(' ', out);
    fprintf(out, "  %s", shown);
    switch (pot->share) {
    case SHARE_PERCENT: fprintf(out, "  (%s av %s)", percent_format(pot->percent, pct, sizeof pct), p->pots[pot->parent].name); break;
    case SHARE_REST: fprintf(out, "  (resten av %s)", p->pots[pot->parent].name); break;
    default: break;
    }
    if (pot->has_split) {
        const Split *s = &pot->split;
        fprintf(out, "  en delpott per %s efter %s.%s", p->fields[s->field].name, p->tables[s->table].name,
                p->tables[s->table].columns[s->column].name);
    }
    if (pot->label)
        fprintf(out, "  \"%s\"", pot->label);
    fputc('\n', out);
    for (size_t c = 0; c < pot->n_children; c++)
        pot_line(p, pot->children[c], width, out);
}

void summary_print(const Program *p, FILE *out)
{
    fprintf(out, "  %s", p->name ? p->name : "");
    if (p->year_from && p->year_from == p->year_to)
        fprintf(out, ", %d", p->year_from);
    else if (p->year_from)
        fprintf(out, ", %d–%d", p->year_from, p->year_to);
    fputc('\n', out);
    size_t width = name_width(p);
    for (size_t k = 0; k < p->n_pots; k++)
        if (p->pots[k].parent < 0)
            pot_line(p, (int)k, width, out);
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
