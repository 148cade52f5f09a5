/*
** command.c: the command line's jobs as calls of the public API (medel.h,
** "commands"). Placeholder until the commands move into the library.
*/
#include "medel.h"

int medel_run_validate(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    (void)c, (void)format, (void)out, (void)err;
    return MEDEL_EXIT_SOFTWARE;
}

int medel_run_format(const medel_command *c, FILE *out, FILE *err)
{
    (void)c, (void)out, (void)err;
    return MEDEL_EXIT_SOFTWARE;
}

int medel_run_diff(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    (void)c, (void)format, (void)out, (void)err;
    return MEDEL_EXIT_SOFTWARE;
}

int medel_rules_extends(const medel_command *c, char *buf, size_t n)
{
    (void)c;
    if (n)
        buf[0] = '\0';
    return MEDEL_EXIT_SOFTWARE;
}

int medel_run_check(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    (void)c, (void)format, (void)out, (void)err;
    return MEDEL_EXIT_SOFTWARE;
}

int medel_run_explain(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    (void)c, (void)format, (void)out, (void)err;
    return MEDEL_EXIT_SOFTWARE;
}

int medel_run_allocate(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    (void)c, (void)format, (void)out, (void)err;
    return MEDEL_EXIT_SOFTWARE;
}

int medel_run_whatif(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    (void)c, (void)format, (void)out, (void)err;
    return MEDEL_EXIT_SOFTWARE;
}

int medel_run_letters(const medel_command *c, FILE *out, FILE *err)
{
    (void)c, (void)out, (void)err;
    return MEDEL_EXIT_SOFTWARE;
}
