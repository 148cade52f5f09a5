/*
** run.c: a command of medel.h's "commands" section from the command line,
** for comparing its bytes with the program's (commands.sh):
**
**   run COMMAND FORMAT [NAME=VALUE…]
**
** COMMAND is validate, format, diff, extends, check, explain, allocate,
** whatif or letters; FORMAT table, csv, json, xlsx or html (ignored where
** the call takes none). Each NAME=VALUE sets a field of medel_command:
** rules, rules_text_file (the file whose bytes are rules_text),
** applications, sheet, assessments, id, keep_going, werror,
** scenario_file, scenario_text, scenario (repeatable), sweep_pot,
** sweep_from, sweep_to, sweep_step (öre), old_rules; err=drop gives err
** NULL. The result goes to standard output, the messages to standard
** error, and the exit status is the call's.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "medel.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? 2 * cap : 65536;
            buf = realloc(buf, cap + 1);
            if (!buf)
                exit(2);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: run COMMAND FORMAT [NAME=VALUE…]\n", stderr);
        return 2;
    }
    medel_command c = {0};
    const char *scenarios[32];
    size_t n_scenarios = 0;
    char *text = NULL;
    FILE *err = stderr;
    for (int i = 3; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) {
            fprintf(stderr, "run: not NAME=VALUE: %s\n", argv[i]);
            return 2;
        }
        *eq = '\0';
        const char *k = argv[i], *v = eq + 1;
        if (!strcmp(k, "rules"))
            c.rules = v;
        else if (!strcmp(k, "rules_text_file"))
            c.rules_text = text = slurp(v, &c.rules_len);
        else if (!strcmp(k, "applications"))
            c.applications = v;
        else if (!strcmp(k, "sheet"))
            c.sheet = v;
        else if (!strcmp(k, "assessments"))
            c.assessments = v;
        else if (!strcmp(k, "id"))
            c.id = v;
        else if (!strcmp(k, "keep_going"))
            c.keep_going = atoi(v);
        else if (!strcmp(k, "werror"))
            c.werror = atoi(v);
        else if (!strcmp(k, "scenario_file"))
            c.scenario_file = v;
        else if (!strcmp(k, "scenario_text"))
            c.scenario_text = v;
        else if (!strcmp(k, "scenario") && n_scenarios < 32)
            scenarios[n_scenarios++] = v;
        else if (!strcmp(k, "sweep_pot"))
            c.sweep_pot = v;
        else if (!strcmp(k, "sweep_from"))
            c.sweep_from = strtoll(v, NULL, 10);
        else if (!strcmp(k, "sweep_to"))
            c.sweep_to = strtoll(v, NULL, 10);
        else if (!strcmp(k, "sweep_step"))
            c.sweep_step = strtoll(v, NULL, 10);
        else if (!strcmp(k, "old_rules"))
            c.old_rules = v;
        else if (!strcmp(k, "err") && !strcmp(v, "drop"))
            err = NULL;
        else {
            fprintf(stderr, "run: unknown field %s\n", k);
            return 2;
        }
    }
    if (n_scenarios) {
        c.scenarios = scenarios;
        c.n_scenarios = n_scenarios;
    }
    const char *fm = argv[2];
    medel_format f = !strcmp(fm, "csv") ? MEDEL_CSV : !strcmp(fm, "json") ? MEDEL_JSON : !strcmp(fm, "xlsx") ? MEDEL_XLSX
                   : !strcmp(fm, "html") ? MEDEL_HTML : MEDEL_TABLE;
    const char *cmd = argv[1];
    int rc;
    if (!strcmp(cmd, "validate"))
        rc = medel_run_validate(&c, f, stdout, err);
    else if (!strcmp(cmd, "format"))
        rc = medel_run_format(&c, stdout, err);
    else if (!strcmp(cmd, "diff"))
        rc = medel_run_diff(&c, f, stdout, err);
    else if (!strcmp(cmd, "extends")) {
        char buf[4096];
        rc = medel_rules_extends(&c, buf, sizeof buf);
        printf("%s\n", buf);
    } else if (!strcmp(cmd, "check"))
        rc = medel_run_check(&c, f, stdout, err);
    else if (!strcmp(cmd, "explain"))
        rc = medel_run_explain(&c, f, stdout, err);
    else if (!strcmp(cmd, "allocate"))
        rc = medel_run_allocate(&c, f, stdout, err);
    else if (!strcmp(cmd, "whatif"))
        rc = medel_run_whatif(&c, f, stdout, err);
    else if (!strcmp(cmd, "letters"))
        rc = medel_run_letters(&c, stdout, err);
    else {
        fprintf(stderr, "run: unknown command %s\n", cmd);
        return 2;
    }
    free(text);
    if (fflush(stdout) != 0)
        return 74;
    return rc;
}
