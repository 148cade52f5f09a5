/*
** mall.c: medel mall, an application template from a rule file's schema.
** Loads the rule file and its tables (the keys of a `nyckel i T` field are
** listed from them) and writes the template (runtime/template.c) to -o FILE
** or standard output, atomically, never over the rule file or its data, and
** never a workbook onto a terminal.
*/
#include "commands.h"

#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "output.h"
#include "rulingsheet.h"
#include "session.h"
#include "workbook.h"
#include "template.h"

/* Whether path ends in ".csv" (any case). */
static bool csv_name(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n >= 4 && !strcasecmp(path + n - 4, ".csv");
}

/* medel mall --bedömningar: reads and assesses the applications, then
** writes the sheet of the cases that need a person. */
static int mall_assessments(const MedelMallOptions *o, bool csv, FILE *out, FILE *err)
{
    Session s;
    LoadOptions lo = {.allow_outside_paths = o->allow_outside_paths, .werror = o->werror};
    int rc = session_load(&s, o->rules, &lo, err);
    Application *apps = NULL;
    Assessment **as = NULL;
    Candidate *cands = NULL;
    size_t n = 0;
    AppCounts counts = {0};
    s.keep_values = true;   /* the sheet names each project */
    ReadOptions ro = {o->applications, INPUT_AUTO, false, o->sheet};
    if (rc == MEDEL_EXIT_OK)
        rc = read_assessed(&s, &ro, &apps, &as, &cands, &n, &counts);
    if (rc != MEDEL_EXIT_OK) {
        session_end(&s);
        return rc;
    }
    OutFile of;
    if (!session_output(&s, o->output, o->applications, NULL, &of)) {
        session_end(&s);
        return MEDEL_EXIT_IO;
    }
    out_to_stream(&of, out);
    char msg[512];
    size_t cases;
    bool ok = true;
    if (csv) {
        cases = ruling_template_write(&s.cx, &s.set, apps, (const Assessment *const *)as, n, of.f, NULL);
    } else {
        Workbook *wb = workbook_begin(msg, sizeof msg);
        if (!wb) {
            fprintf(err, "medel: %s\n", msg);
            out_abort(&of);
            session_end(&s);
            return MEDEL_EXIT_IO;
        }
        cases = ruling_template_write(&s.cx, &s.set, apps, (const Assessment *const *)as, n, NULL, wb);
        ok = workbook_end(wb, of.f, msg, sizeof msg);
        if (!ok) {
            fprintf(err, "medel: %s\n", msg);
            out_abort(&of);
        }
    }
    if (ok && !out_commit(&of, msg, sizeof msg)) {
        fprintf(err, "medel: %s\n", msg);
        ok = false;
    }
    if (ok)
        fprintf(err, P_("medel: %zu fall att bedöma: fyll i Utfall, Bedömd av, Datum och Motivering, och ge filen till --bedömningar\n",
                        "medel: %zu fall att bedöma: fyll i Utfall, Bedömd av, Datum och Motivering, och ge filen till --bedömningar\n",
                        cases),
                cases);
    session_end(&s);
    return ok ? MEDEL_EXIT_OK : MEDEL_EXIT_IO;
}

int medel_mall(const MedelMallOptions *o, FILE *out, FILE *err)
{
    bool to_stdout = !o->output || !strcmp(o->output, "-");
    bool guide = o->table && !strcmp(o->table, "anvisningar");
    /* CSV when asked for, when -o names a .csv file, or for the instructions
    ** (but not into a file named .xlsx). */
    size_t n = o->output ? strlen(o->output) : 0;
    bool xlsx_name = n >= 5 && !strcasecmp(o->output + n - 5, ".xlsx");
    bool csv = o->format ? !strcmp(o->format, "csv") : !xlsx_name && (guide || csv_name(o->output));
    if (guide && !csv) {
        fprintf(err, _("medel: mall: --table anvisningar är en CSV-tabell; i en arbetsbok står anvisningarna på bladet "
                       "Anvisningar (skriv tabellen till en fil som slutar på .csv, eller ge --format csv)\n"));
        return MEDEL_EXIT_USAGE;
    }
    if (!csv && to_stdout && refuse_terminal(out, err))
        return MEDEL_EXIT_USAGE;
    if (o->assessments)
        return mall_assessments(o, csv, out, err);
    Session s;
    LoadOptions lo = {.allow_outside_paths = o->allow_outside_paths, .werror = o->werror};
    int rc = session_load(&s, o->rules, &lo, err);
    if (rc != MEDEL_EXIT_OK) {
        session_end(&s);
        return rc;
    }
    OutFile of;
    /* The rule file stands in for the applications: there are none. */
    if (!session_output(&s, o->output, o->rules, NULL, &of)) {
        session_end(&s);
        return MEDEL_EXIT_IO;
    }
    out_to_stream(&of, out);
    char msg[512];
    TemplateKind kind = guide ? TEMPLATE_GUIDE_CSV : csv ? TEMPLATE_CSV : TEMPLATE_XLSX;
    if (!template_write(s.prog, s.tables, kind, of.f, NULL, msg, sizeof msg)) {
        fprintf(err, "medel: %s\n", msg);
        out_abort(&of);
        rc = MEDEL_EXIT_IO;
    } else if (!out_commit(&of, msg, sizeof msg)) {
        fprintf(err, "medel: %s\n", msg);
        rc = MEDEL_EXIT_IO;
    }
    session_end(&s);
    return rc;
}
