/*
** commands.c: the commands check, explain and allocate of the program.
** Their cores are the library's (runtime/commands.c), which medel_run_check
** and friends call too, so that the program and the library write the same
** bytes; the program's part (options parsed, a terminal refused) is done by
** cli.c before these are called.
*/
#include "commands.h"

int medel_check(const MedelOptions *o, FILE *out, FILE *err)
{
    return command_check(o, out, err);
}

int medel_explain(const MedelOptions *o, FILE *out, FILE *err)
{
    return command_explain(o, out, err);
}

int medel_allocate(const MedelOptions *o, FILE *out, FILE *err)
{
    return command_allocate(o, out, err);
}
