/*
** diff.c: medel diff of the program. Loading both rule files and writing
** their differences is the library's (runtime/rulecmds.c), which
** medel_run_diff calls too.
*/
#include "commands.h"

int medel_diff(const char *old_path, const char *new_path, bool json, bool allow_outside_paths, bool werror, FILE *out,
               FILE *err)
{
    return command_diff(old_path, new_path, NULL, 0, json, allow_outside_paths, werror, false, out, err);
}
