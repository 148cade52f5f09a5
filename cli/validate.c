/*
** validate.c: medel validate of the program. The checks, the summaries and
** the JSON document are the library's (runtime/validate.c), which
** medel_run_validate calls too.
*/
#include "commands.h"

int medel_validate(char *const *files, int n_files, const MedelValidateOptions *o, FILE *out, FILE *err)
{
    return command_validate((const char *const *)files, n_files, o, out, err);
}
