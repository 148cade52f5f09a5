/*
** commands.c: the cores of the commands check, explain and allocate
** (command.h), which the program (cli/) and the library's medel_run_*
** (command.c) both call. Each loads the rule
** file and its tables and reads the applications through session.h
** (streaming for check), evaluates them and writes a report through
** report.h. Output files are written atomically, and not at all when input
** rows were rejected (unless --keep-going).
*/
#include "command.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "allocate.h"
#include "basis.h"
#include "diag.h"
#include "eval.h"
#include "i18n.h"
#include "input.h"
#include "output.h"
#include "pipeline.h"
#include "program.h"
#include "report.h"
#include "session.h"
#include "workbook.h"
#include "xlsxreport.h"

/* What the reports and the readers take of the command's options. */
static ReportStyle style_of(const MedelOptions *o)
{
    ReportFormat f = o->format == MEDEL_FORMAT_CSV    ? REPORT_CSV
                   : o->format == MEDEL_FORMAT_JSON ? REPORT_JSON
                   : o->format == MEDEL_FORMAT_XLSX ? REPORT_XLSX
                                                    : REPORT_TABLE;
    return (ReportStyle){f, o->applications, NULL};
}

static ReadOptions read_options(const MedelOptions *o)
{
    return (ReadOptions){o->applications, input_format(o->input_format), o->keep_going, o->sheet};
}

/* Loads and checks the rules and their tables; returns an exit code. */
static int session_begin(Session *s, const MedelOptions *o, FILE *err)
{
    LoadOptions lo = {.allow_outside_paths = o->allow_outside_paths, .werror = o->werror};
    int rc = session_load(s, o->rules, &lo, err);
    if (rc == MEDEL_EXIT_OK)
        rc = session_rulings(s, o->assessments);
    return rc;
}

/* check hands each application to the report and to the assessments' checks. */
typedef struct CheckRun {
    Session *s;
    Reporter *rep;
} CheckRun;

/* check on worker threads: the report lines are written apart, then in order. */
static void check_work(void *user, const Application *app, const Assessment *as, Buf *out)
{
    report_check_row_into(((CheckRun *)user)->rep, out, app, as);
}

static void check_commit(void *user, const Application *app, const Assessment *as, const char *out, size_t n)
{
    CheckRun *run = user;
    session_rulings_app(run->s, app, as);
    report_check_write(run->rep, out, n, 1);
}

/* Writes a finished workbook into out; false (said on err, out marked
** failed so that out_commit keeps nothing) when it cannot be made. */
static bool finish_workbook(Workbook *w, OutFile *out, FILE *err)
{
    char msg[512];
    if (workbook_end(w, out->f, msg, sizeof msg))
        return true;
    fprintf(err, "medel: %s\n", msg);
    out->failed = true;
    return false;
}

/* What Om körningen says of this run (counts and log may be NULL). */
static RunFacts facts_of(const Session *s, const MedelOptions *o, const char *command, const AppCounts *counts,
                         const ReaderLog *log)
{
    return (RunFacts){.command = command, .p = s->prog, .set = &s->set, .applications = o->applications,
                      .args = o->args, .n_args = o->n_args, .counts = counts, .log = log, .rulings = s->rulings};
}

/* Puts a finished report in place: 74 (said on err) when it cannot be
** written, else 67 when rows were rejected (--keep-going) or 0. */
static int commit_report(OutFile *out, size_t rejected, FILE *err)
{
    char msg[512];
    if (!out_commit(out, msg, sizeof msg)) {
        fprintf(err, "medel: %s\n", msg);
        return MEDEL_EXIT_IO;
    }
    return rejected ? MEDEL_EXIT_APPLICATIONS : MEDEL_EXIT_OK;
}

/* Checks every remaining application of r into rep, one after the other.
** Returns false when reading stopped at a fatal input error (reported). */
static bool check_in_turn(Session *s, AppReader *r, Reporter *rep, CheckSheets *sheets)
{
    Arena row;
    arena_init(&row);
    bool ok = true;
    for (;;) {
        arena_reset(&row);  /* each row's values live only while it is reported */
        Application app;
        AppStatus st = apps_next(r, &row, &app);
        if (st == APP_END)
            break;
        if (st == APP_FATAL) {
            ok = false;
            break;
        }
        if (st == APP_REJECTED)
            continue;
        Assessment *as = new_assessment(&row, s->prog);
        assess(&s->cx, &app, as->crit, as->prio, as);
        session_rulings_app(s, &app, as);
        if (sheets)
            xlsx_check_row(sheets, &app, as);
        else
            report_check_row(rep, &app, as);
    }
    arena_free(&row);
    return ok;
}

int command_check(const MedelOptions *o, FILE *out_stream, FILE *err)
{
    Session s;
    int rc = session_begin(&s, o, err);
    if (rc != MEDEL_EXIT_OK) {
        session_end(&s);
        return rc;
    }
    /* A workbook, and check's CSV tables (--table), are made from sheets:
    ** they keep the reader's messages for Avvisade rader. */
    bool sheeted = o->format == MEDEL_FORMAT_XLSX || (o->format == MEDEL_FORMAT_CSV && o->table);
    ReaderLog log = {.applications = o->applications, .err = err};
    if (sheeted) {
        s.listen = reader_log_line;
        s.listen_ctx = &log;
    }
    AppReader *r = open_applications(&s, o->applications, input_format(o->input_format), o->sheet);
    if (!r) {
        reader_log_free(&log);
        session_end(&s);
        return input_failure();   /* 66, or 69 for a header that does not match */
    }
    OutFile out;
    if (!session_output(&s, o->output, o->applications, NULL, &out)) {
        apps_close(r);
        reader_log_free(&log);
        session_end(&s);
        return MEDEL_EXIT_IO;
    }
    out_to_stream(&out, out_stream);
    if (o->format == MEDEL_FORMAT_TABLE)
        out_escape(&out);
    ReportStyle style = style_of(o);
    style.rulings = s.rulings;
    /* A workbook is built row by row in input order, on this thread; the
    ** reader's messages are kept for its Avvisade rader. */
    Workbook *wb = NULL;
    CheckSheets *sheets = NULL;
    if (o->format == MEDEL_FORMAT_XLSX) {
        char msg[512];
        if (!(wb = workbook_begin_in_order(msg, sizeof msg))) {
            fprintf(err, "medel: %s\n", msg);
            out_abort(&out);
            apps_close(r);
            reader_log_free(&log);
            session_end(&s);
            return MEDEL_EXIT_IO;
        }
        sheets = xlsx_check_begin(wb, NULL, &s.cx, &s.set);
    } else if (sheeted) {
        sheets = xlsx_check_begin(NULL, !strcmp(o->table, "prövning") ? out.f : NULL, &s.cx, &s.set);
    }
    Reporter *rep = sheets ? NULL : report_check_begin(s.prog, s.tables, &s.set, &style, out.f);
    int jobs = pipeline_jobs();
    bool fatal;
    if (!sheets && jobs > 1 && apps_parallel(r) && report_check_rows_apart(rep)) {
        CheckRun run = {&s, rep};
        PipelineUse use = {check_work, check_commit, &run};
        fatal = !pipeline_run(&s.cx, r, jobs, &use, report_line, &s);
    } else {
        fatal = !check_in_turn(&s, r, rep, sheets);
    }
    AppCounts c = apps_counts(r);
    if (rep)
        report_check_end(rep, c);
    counts_line(&s, o->applications, c);
    apps_close(r);
    int judged = fatal ? MEDEL_EXIT_OK : session_rulings_end(&s);
    if (sheets) {
        RunFacts f = facts_of(&s, o, "check", &c, &log);
        xlsx_check_end(sheets, &f);
        if (!wb) {
            if (!strcmp(o->table, "avvisade"))
                csv_rejected_table(out.f, &f);
            else if (!strcmp(o->table, "körning"))
                csv_about_table(out.f, &f);
        } else if (fatal || (c.rejected && !o->keep_going) || judged) {
            workbook_abort(wb);
        } else {
            finish_workbook(wb, &out, err);
        }
    }
    reader_log_free(&log);
    if (fatal) {
        out_abort(&out);
        rc = MEDEL_EXIT_APPLICATIONS;
    } else if (judged) {
        out_abort(&out);
        rc = judged;
    } else if (c.rejected && !o->keep_going) {
        out_abort(&out);
        fprintf(err, P_("medel: %zu avvisad rad; inget skrevs (använd --keep-going för att granska resten)\n",
                        "medel: %zu avvisade rader; inget skrevs (använd --keep-going för att granska resten)\n", c.rejected),
                c.rejected);
        rc = MEDEL_EXIT_APPLICATIONS;
    } else {
        rc = commit_report(&out, c.rejected, err);
    }
    session_end(&s);
    return rc;
}

/* explain follows the rule of check and allocate: a rejected row stops it
** (exit 67, nothing written) unless --keep-going, and then the report says
** that the allocation it shows leaves the rejected rows out, and the exit is
** still 67. A key asked for that is a rejected row's is said so, with why. */
int command_explain(const MedelOptions *o, FILE *out_stream, FILE *err)
{
    Session s;
    int rc = session_begin(&s, o, err);
    Application *apps = NULL;
    size_t n = 0;
    AppCounts c = {0};
    Watch w = {.s = &s, .key = o->id};
    if (rc == MEDEL_EXIT_OK) {
        ReadOptions lenient = read_options(o);
        lenient.keep_going = true;  /* the rejected rows are weighed below, with the key asked for */
        rc = read_rows(&s, &lenient, &w, &apps, &n, &c);
    }
    free(w.row);
    if (rc != MEDEL_EXIT_OK) {
        session_end(&s);
        return rc;
    }
    const Application *app = NULL;
    for (size_t i = 0; i < n && !app; i++)
        if (apps[i].key && strcmp(apps[i].key, o->id) == 0)
            app = &apps[i];
    /* A rejected row with the key asked for is the answer, unless a valid
    ** row has that key too (the rejected one then repeats the key, and the
    ** valid one is what is explained). */
    if (w.why && !app) {
        fprintf(err, _("medel: ansökan '%s' avvisades, så det finns inget att förklara:\n"), o->id);
        for (const char *line = w.why, *nl;; line = nl + 1) {
            nl = strchr(line, '\n');
            fprintf(err, "  %.*s\n", nl ? (int)(nl - line) : (int)strlen(line), line);
            if (!nl)
                break;
        }
        session_end(&s);
        return MEDEL_EXIT_APPLICATIONS;
    }
    if (c.rejected && !o->keep_going) {
        fprintf(err, P_("medel: %zu avvisad rad; inget skrevs (använd --keep-going för att förklara med resten)\n",
                        "medel: %zu avvisade rader; inget skrevs (använd --keep-going för att förklara med resten)\n",
                        c.rejected),
                c.rejected);
        session_end(&s);
        return MEDEL_EXIT_APPLICATIONS;
    }
    if (!app) {
        if (c.rejected)   /* a row whose key could not be read may be the one */
            fprintf(err, P_("medel: ingen giltig ansökan i '%s' har nyckeln '%s' (%zu rad avvisades; den kan vara den sökta)\n",
                            "medel: ingen giltig ansökan i '%s' har nyckeln '%s' (%zu rader avvisades; den kan vara en av dem)\n",
                            c.rejected),
                    o->applications, o->id, c.rejected);
        else
            fprintf(err, _("medel: ingen ansökan i '%s' har nyckeln '%s'\n"), o->applications, o->id);
        session_end(&s);
        return MEDEL_EXIT_NOT_FOUND;
    }
    OutFile out;
    char msg[512];
    if (!session_output(&s, o->output, o->applications, NULL, &out)) {
        session_end(&s);
        return MEDEL_EXIT_IO;
    }
    out_to_stream(&out, out_stream);
    if (o->format != MEDEL_FORMAT_JSON)
        out_escape(&out);   /* the text is for people; JSON keeps the exact data */
    Assessment **as;
    Allocation al;
    if (!run_allocation(&s, apps, n, &as, &al, msg, sizeof msg)) {
        rc = allocation_report_failure(&al, msg, o->applications, NULL, err);
        out_abort(&out);
        session_end(&s);
        return rc;
    }
    if ((rc = session_rulings_end(&s)) != MEDEL_EXIT_OK) {
        out_abort(&out);
        session_end(&s);
        return rc;
    }
    int32_t index = (int32_t)(app - apps);
    ReportStyle style = style_of(o);
    style.rulings = s.rulings;
    if (o->format == MEDEL_FORMAT_JSON) {
        report_explain_json(s.prog, s.tables, &s.set, &style, app, as[index], index, &al, c.rejected, out.f);
    } else {
        if (c.rejected)
            fprintf(out.f, P_("OBS: %zu rad i '%s' avvisades (se felen); fördelningen nedan är räknad utan den.\n\n",
                       "OBS: %zu rader i '%s' avvisades (se felen); fördelningen nedan är räknad utan dem.\n\n", c.rejected),
                    c.rejected, o->applications);
        report_explain(s.prog, s.tables, &s.set, &s.cx, &style, app, as[index], index, &al, out.f);
    }
    rc = commit_report(&out, c.rejected, err);
    session_end(&s);
    return rc;
}

int command_allocate(const MedelOptions *o, FILE *out_stream, FILE *err)
{
    Session s;
    int rc = session_begin(&s, o, err);
    Application *apps = NULL;
    Assessment **as = NULL;
    Candidate *cands = NULL;
    size_t n = 0;
    AppCounts counts = {0};
    ReadOptions ro = read_options(o);
    /* The workbook and the CSV tables list every application with its
    ** fields, and the rows the reader rejected. */
    bool sheets = o->format == MEDEL_FORMAT_XLSX || o->format == MEDEL_FORMAT_CSV;
    /* A binding constraint's error names the applications of its condition
    ** that got nothing, eligible or not, and the decision basis names every
    ** project: both need all their values. */
    s.keep_values = sheets || o->format == MEDEL_FORMAT_HTML || (rc == MEDEL_EXIT_OK && allocation_has_binding(s.prog));
    ReaderLog log = {.applications = o->applications, .err = err};
    if (rc == MEDEL_EXIT_OK && sheets) {
        s.listen = reader_log_line;
        s.listen_ctx = &log;
    }
    if (rc == MEDEL_EXIT_OK)
        rc = read_assessed(&s, &ro, &apps, &as, &cands, &n, &counts);
    if (rc == MEDEL_EXIT_OK)
        rc = session_rulings_end(&s);
    if (rc != MEDEL_EXIT_OK) {
        reader_log_free(&log);
        session_end(&s);
        return rc;
    }
    Allocation al;
    char msg[512];
    if (!allocation_run(&s.cx, apps, cands, n, &s.a, &al, msg, sizeof msg)) {
        rc = allocation_report_failure(&al, msg, o->applications, NULL, err);
        reader_log_free(&log);
        session_end(&s);
        return rc;
    }
    OutFile out;
    if (!session_output(&s, o->output, o->applications, NULL, &out)) {
        reader_log_free(&log);
        session_end(&s);
        return MEDEL_EXIT_IO;
    }
    out_to_stream(&out, out_stream);
    if (o->format == MEDEL_FORMAT_TABLE)
        out_escape(&out);
    ReportStyle style = style_of(o);
    style.rulings = s.rulings;
    AllocView view = {&s.cx, &s.set, apps, (const Assessment *const *)as, n, &al};
    RunFacts facts = facts_of(&s, o, "allocate", &counts, &log);
    if (o->format == MEDEL_FORMAT_XLSX) {
        Workbook *wb = workbook_begin(msg, sizeof msg);
        if (!wb) {
            fprintf(err, "medel: %s\n", msg);
            out.failed = true;
        } else {
            xlsx_allocation(wb, &view, &facts);
            finish_workbook(wb, &out, err);
        }
    } else if (o->format == MEDEL_FORMAT_HTML) {
        html_basis(&view, &facts, out.f);
    } else if (o->format == MEDEL_FORMAT_CSV) {
        int t = o->table ? alloc_table_of(o->table) : ATAB_BESLUT;
        csv_allocation_table(out.f, &view, &facts, t < 0 ? ATAB_BESLUT : (AllocTable)t);
    } else {
        report_allocation(&s.cx, &s.set, &style, apps, (const Assessment *const *)as, n, counts, &al, out.f);
    }
    rc = commit_report(&out, counts.rejected, err);
    /* A broken binding portfolio constraint: the report is written (the
    ** steering group needs it), and the run ends in an error saying why. */
    rc = status_worst(rc, allocation_report_binding(&s.cx, &s.set, apps, (const Assessment *const *)as, n, &al, NULL, err));
    reader_log_free(&log);
    session_end(&s);
    return rc;
}
