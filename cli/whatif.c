/*
** whatif.c: medel whatif of the program: a workbook is never written onto a
** terminal; the rest (the scenarios made of --set, --drop and --sweep, the
** comparison) is the library's (runtime/whatifcmd.c), which
** medel_run_whatif calls too.
*/
#include "commands.h"

#include <string.h>
#include <unistd.h>

#include "i18n.h"

/* A workbook is binary: never onto a terminal, where it would be noise
** (and could drive it). Says so and returns true when out is one. */
bool refuse_terminal(FILE *out, FILE *err)
{
    int fd = fileno(out ? out : stdout);
    if (fd < 0 || !isatty(fd))
        return false;
    fputs(_("medel: en arbetsbok är binär och skrivs inte till en terminal; ge -o FIL (t.ex. -o resultat.xlsx) "
            "eller styr om standard ut till en fil\n"),
          err);
    return true;
}

int medel_whatif(const MedelOptions *o, const MedelWhatIfOptions *wo, bool html, FILE *out, FILE *err)
{
    if (wo->xlsx && (!o->output || !strcmp(o->output, "-")) && refuse_terminal(out, err))
        return MEDEL_EXIT_USAGE;
    return command_whatif(o, wo, html, out, err);
}
