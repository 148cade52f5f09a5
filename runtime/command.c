/*
** command.c: the command line's jobs as calls of the public API (medel.h,
** "commands"). Each call runs the same core the program runs (command.h)
** with the options the command line would give, so the bytes are the
** program's:
**   - err is seen through the stream that shows control and invisible
**     characters escaped, as medel_main shows its messages; NULL drops them;
**   - the result is made whole in memory first (validate's and diff's
**     tables escaped, as the program's standard output is), and reaches out
**     only when there is one: a failed call leaves out empty;
**   - only the calling thread works (pipeline_calling_thread_only), unless
**     MEDEL_JOBS says otherwise;
**   - out of memory does not end the process: as engine.c's guard, the
**     arena's hook (arena.h) longjmps back here, what the call made is freed
**     and the call returns MEDEL_EXIT_SOFTWARE, said on err.
** Nothing here keeps state between calls: the server calls these from
** several threads at once.
*/
#define _GNU_SOURCE   /* open_memstream */

#include "command.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "arena.h"
#include "i18n.h"
#include "output.h"
#include "pipeline.h"
#include "source.h"

/* ---- one call: its streams and its guard ---- */

static _Thread_local jmp_buf *call_guard;   /* the guard of the call in progress on this thread */

static _Noreturn void call_throw(void)
{
    longjmp(*call_guard, 1);
}

/* The streams of one call. */
typedef struct Call {
    FILE *err;         /* the messages: the escaping view of the caller's err, or a sink */
    FILE *err_view;    /* that view (closed after), or NULL */
    bool own_err;      /* err is the sink below (closed after) */
    char *sink;        /* err NULL: what was said, dropped after */
    size_t sink_len;
    FILE *mem;         /* the result, in memory */
    char *bytes;
    size_t len;
    FILE *out;         /* what the core writes to: mem, or an escaping view of it */
    FILE *out_view;
} Call;

/* Sets up the streams; false when there is no memory for them. */
static bool call_open(Call *c, FILE *err, bool escape_out)
{
    memset(c, 0, sizeof *c);
    if (err) {
        c->err_view = out_escaping_stream(err);
        if (c->err_view)
            setvbuf(c->err_view, NULL, _IOLBF, 0);
        c->err = c->err_view ? c->err_view : err;
    } else {
        c->err = open_memstream(&c->sink, &c->sink_len);
        if (!c->err)
            return false;
        c->own_err = true;
    }
    c->mem = open_memstream(&c->bytes, &c->len);
    if (!c->mem)
        return false;
    c->out = c->mem;
    if (escape_out && (c->out_view = out_escaping_stream(c->mem)))
        c->out = c->out_view;
    return true;
}

/* Ends the call: the result to out when `write` (74, said on err, when it
** cannot be written), the streams closed. Returns the exit code. */
static int call_close(Call *c, int rc, bool write, FILE *out)
{
    if (c->out_view)
        fclose(c->out_view);
    if (c->mem)
        fclose(c->mem);
    if (!c->err)
        write = false;
    else if (write && c->bytes && c->len && (fwrite(c->bytes, 1, c->len, out) != c->len || fflush(out) != 0)) {
        fputs(_("medel: kan inte skriva utdata\n"), c->err);
        rc = MEDEL_EXIT_IO;
    }
    free(c->bytes);
    if (c->err_view)
        fclose(c->err_view);   /* the caller's err itself stays open */
    else if (c->own_err)
        fclose(c->err);
    free(c->sink);
    return rc;
}

/* Whether a core's exit code comes with a whole result on out. */
static bool has_result(int rc)
{
    return rc == MEDEL_EXIT_OK || rc == MEDEL_EXIT_DIFFERS || rc == MEDEL_EXIT_PORTFOLIO || rc == MEDEL_EXIT_APPLICATIONS ||
           rc == MEDEL_EXIT_RULES || rc == MEDEL_EXIT_HEADER || rc == MEDEL_EXIT_NOINPUT;
}

/* What a core is given: the command's inputs and the call's streams. */
typedef int (*CoreFn)(const medel_command *c, int format, void *extra, FILE *out, FILE *err);

/* Runs core under the guard with the call's streams. */
static int run_core(CoreFn core, const medel_command *cmd, int format, void *extra, bool escape_out, FILE *out, FILE *err)
{
    if (!out)
        return MEDEL_EXIT_USAGE;
    Call *volatile c = calloc(1, sizeof *c);
    if (!c)
        return MEDEL_EXIT_SOFTWARE;
    if (!call_open(c, err, escape_out)) {
        call_close(c, 0, false, out);
        free(c);
        return MEDEL_EXIT_SOFTWARE;
    }
    jmp_buf jb;
    jmp_buf *volatile outer = call_guard;
    volatile int rc = MEDEL_EXIT_SOFTWARE;
    call_guard = &jb;
    ArenaOomHook volatile old_hook = NULL;
    if (!outer) {
        old_hook = arena_set_oom_hook(call_throw);
        arena_track_begin();
    }
    pipeline_calling_thread_only(true);
    if (setjmp(jb)) {
        /* Out of memory: what the call made is freed below (tracked). */
        call_guard = outer;
        if (!outer) {
            arena_track_end(true);
            arena_set_oom_hook(old_hook);
        }
        pipeline_calling_thread_only(false);
        fputs(_("medel: minnet tog slut\n"), c->err);
        rc = MEDEL_EXIT_SOFTWARE;
        /* The streams were opened before tracking began, and are ours. */
        call_close(c, rc, false, out);
        free(c);
        return rc;
    }
    rc = core(cmd, format, extra, c->out, c->err);
    call_guard = outer;
    if (!outer) {
        arena_track_end(false);
        arena_set_oom_hook(old_hook);
    }
    pipeline_calling_thread_only(false);
    int r = call_close(c, rc, has_result(rc), out);
    free(c);
    return r;
}

/* A required input the call lacks: 64, said on err. */
static int missing(FILE *err, const char *what)
{
    fprintf(err, _("medel: anropet saknar %s\n"), what);
    return MEDEL_EXIT_USAGE;
}

/* ---- validate, fmt, diff ---- */

static int validate_core(const medel_command *c, int format, void *extra, FILE *out, FILE *err)
{
    (void)extra;
    if (!c || !c->rules)
        return missing(err, "rules");
    MedelValidateOptions o = {.allow_outside_paths = c->allow_outside_paths, .scenario_file = c->scenario_file,
                              .json = format == MEDEL_JSON, .werror = c->werror, .text = c->rules_text,
                              .text_len = c->rules_text ? c->rules_len : 0};
    const char *files[] = {c->rules};
    return command_validate(files, 1, &o, out, err);
}

int medel_run_validate(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    if (format != MEDEL_JSON && format != MEDEL_TABLE)
        return MEDEL_EXIT_USAGE;
    return run_core(validate_core, c, format, NULL, format == MEDEL_TABLE, out, err);
}

static int format_core(const medel_command *c, int format, void *extra, FILE *out, FILE *err)
{
    (void)format, (void)extra;
    if (!c || !c->rules)
        return missing(err, "rules");
    char *text;
    size_t len;
    int rc = command_format(c->rules, c->rules_text, c->rules_text ? c->rules_len : 0, false, &text, &len, NULL, err);
    if (rc == MEDEL_EXIT_OK)
        fwrite(text, 1, len, out);
    free(text);
    return rc;
}

int medel_run_format(const medel_command *c, FILE *out, FILE *err)
{
    return run_core(format_core, c, 0, NULL, false, out, err);
}

static int diff_core(const medel_command *c, int format, void *extra, FILE *out, FILE *err)
{
    (void)extra;
    if (!c || !c->rules)
        return missing(err, "rules");
    const char *old = c->old_rules;
    char base[4096];
    if (!old) {
        int rc = command_extends(c->rules, c->rules_text, c->rules_text ? c->rules_len : 0, base, sizeof base);
        if (rc == MEDEL_EXIT_NOINPUT) {
            fputs("medel: error: ", err);   /* as fmt says it; the label is not translated */
            fprintf(err, _("kan inte läsa regelfilen '%s': %s\n"), c->rules, source_load_error());
            return rc;
        }
        if (!base[0]) {
            fprintf(err, _("medel: diff: %s utökar ingen fil; ange filen att jämföra med\n"), c->rules);
            return MEDEL_EXIT_USAGE;
        }
        old = base;
    }
    return command_diff(old, c->rules, c->rules_text, c->rules_text ? c->rules_len : 0, format == MEDEL_JSON,
                        c->allow_outside_paths, c->werror, !c->old_rules, out, err);
}

int medel_run_diff(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    if (format != MEDEL_JSON && format != MEDEL_TABLE)
        return MEDEL_EXIT_USAGE;
    /* As the program: its words escaped as a terminal's, its JSON exact. */
    return run_core(diff_core, c, format, NULL, format == MEDEL_TABLE, out, err);
}

int medel_rules_extends(const medel_command *c, char *buf, size_t n)
{
    if (n)
        buf[0] = '\0';
    if (!c || !c->rules || !buf || !n)
        return MEDEL_EXIT_USAGE;
    return command_extends(c->rules, c->rules_text, c->rules_text ? c->rules_len : 0, buf, n);
}

/* ---- check, explain, allocate ---- */

/* The options the command line would give for c. */
static MedelOptions options_of(const medel_command *c, medel_format format)
{
    MedelFormat f = format == MEDEL_CSV    ? MEDEL_FORMAT_CSV
                  : format == MEDEL_JSON ? MEDEL_FORMAT_JSON
                  : format == MEDEL_XLSX ? MEDEL_FORMAT_XLSX
                  : format == MEDEL_HTML ? MEDEL_FORMAT_HTML
                                         : MEDEL_FORMAT_TABLE;
    return (MedelOptions){.rules = c->rules, .applications = c->applications, .sheet = c->sheet, .format = f,
                          .keep_going = c->keep_going, .allow_outside_paths = c->allow_outside_paths, .id = c->id,
                          .assessments = c->assessments, .werror = c->werror};
}

/* The inputs every run command needs; 64 (said) when one is missing. */
static int run_inputs(const medel_command *c, FILE *err)
{
    if (!c || !c->rules)
        return missing(err, "rules");
    if (!c->applications)
        return missing(err, "applications");
    return MEDEL_EXIT_OK;
}

static int check_core(const medel_command *c, int format, void *extra, FILE *out, FILE *err)
{
    (void)extra;
    int rc = run_inputs(c, err);
    if (rc != MEDEL_EXIT_OK)
        return rc;
    MedelOptions o = options_of(c, (medel_format)format);
    return command_check(&o, out, err);
}

static int explain_core(const medel_command *c, int format, void *extra, FILE *out, FILE *err)
{
    (void)extra;
    int rc = run_inputs(c, err);
    if (rc != MEDEL_EXIT_OK)
        return rc;
    if (!c->id)
        return missing(err, "id");
    MedelOptions o = options_of(c, (medel_format)format);
    return command_explain(&o, out, err);
}

static int allocate_core(const medel_command *c, int format, void *extra, FILE *out, FILE *err)
{
    (void)extra;
    int rc = run_inputs(c, err);
    if (rc != MEDEL_EXIT_OK)
        return rc;
    MedelOptions o = options_of(c, (medel_format)format);
    return command_allocate(&o, out, err);
}

int medel_run_check(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    if (format == MEDEL_HTML)
        return MEDEL_EXIT_USAGE;
    return run_core(check_core, c, format, NULL, false, out, err);
}

int medel_run_explain(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    if (format != MEDEL_TABLE && format != MEDEL_JSON)
        return MEDEL_EXIT_USAGE;
    return run_core(explain_core, c, format, NULL, false, out, err);
}

int medel_run_allocate(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    return run_core(allocate_core, c, format, NULL, false, out, err);
}

/* ---- whatif ---- */

static int whatif_core(const medel_command *c, int format, void *extra, FILE *out, FILE *err)
{
    (void)extra;
    int rc = run_inputs(c, err);
    if (rc != MEDEL_EXIT_OK)
        return rc;
    MedelOptions o = options_of(c, format == MEDEL_HTML || format == MEDEL_XLSX ? MEDEL_TABLE : (medel_format)format);
    MedelWhatIfOptions w = {.scenario_file = c->scenario_file, .scenarios = (const char **)(uintptr_t)c->scenarios,
                            .n_scenarios = c->scenarios ? c->n_scenarios : 0, .sweep_pot = c->sweep_pot,
                            .sweep_from = c->sweep_from, .sweep_to = c->sweep_to, .sweep_step = c->sweep_step,
                            .scenario_text = c->scenario_text, .scenario_text_name = "arbetsytan",
                            .xlsx = format == MEDEL_XLSX};
    /* No scenario named: every scenario known (--all); a sweep is its own. */
    w.all_scenarios = w.n_scenarios == 0;
    return command_whatif(&o, &w, format == MEDEL_HTML, out, err);
}

int medel_run_whatif(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    return run_core(whatif_core, c, format, NULL, false, out, err);
}

/* ---- beslut: the letters as one zip archive ---- */

/* The archive made in memory: each file's bytes are rendered into a
** buffer that the archive takes over (zip_source_buffer_create with
** freep), then the archive is closed into its memory source and its bytes
** copied to out. */
typedef struct Zipper {
    zip_source_t *src;
    zip_t *z;
    FILE *err;
    bool ok;
} Zipper;

static void zip_failed(Zipper *zp, zip_error_t *e)
{
    if (zp->ok)
        fprintf(zp->err, _("medel: beslut: kan inte göra zip-arkivet: %s\n"), zip_error_strerror(e));
    zp->ok = false;
}

/* Adds name with the bytes fn writes; false (said) on failure. */
static bool zip_put(Zipper *zp, const char *name, bool (*fn)(FILE *f, const void *what), const void *what)
{
    if (!zp->ok)
        return false;
    char *bytes = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&bytes, &len);
    if (!f)
        arena_out_of_memory(0);
    bool written = fn(f, what);
    if (fclose(f) != 0 || !written) {
        free(bytes);
        fputs(_("medel: kan inte skriva utdata\n"), zp->err);
        zp->ok = false;
        return false;
    }
    zip_error_t e;
    zip_error_init(&e);
    zip_source_t *s = zip_source_buffer_create(bytes, len, 1, &e);   /* takes bytes (freed with s) */
    if (!s) {
        free(bytes);
        zip_failed(zp, &e);
        zip_error_fini(&e);
        return false;
    }
    zip_error_fini(&e);
    zip_int64_t at = zip_file_add(zp->z, name, s, ZIP_FL_ENC_UTF_8);
    if (at < 0) {
        zip_source_free(s);
        zip_failed(zp, zip_get_error(zp->z));
        return false;
    }
    /* A fixed time, so the same letters make the same archive. */
    zip_file_set_mtime(zp->z, (zip_uint64_t)at, 315532800 + 86400, 0);
    return true;
}

typedef struct LetterPart {
    const LetterTemplate *t;
    const Letter *letter;
} LetterPart;

static bool put_letter(FILE *f, const void *what)
{
    const LetterPart *p = what;
    return tpl_render(p->t, &p->letter->record, f);
}

static bool put_index(FILE *f, const void *what)
{
    const LetterBatch *b = what;
    return letters_index(f, &b->run, b->letters, b->n);
}

/* The archive of b's letters to out; an exit code. */
static int write_zip(const LetterBatch *b, FILE *out, FILE *err)
{
    zip_error_t e;
    zip_error_init(&e);
    Zipper zp = {.err = err, .ok = true};
    zp.src = zip_source_buffer_create(NULL, 0, 0, &e);
    if (zp.src)
        zp.z = zip_open_from_source(zp.src, ZIP_TRUNCATE, &e);
    if (!zp.z) {
        zip_failed(&zp, &e);
        if (zp.src)
            zip_source_free(zp.src);
        zip_error_fini(&e);
        return MEDEL_EXIT_IO;
    }
    zip_error_fini(&e);
    zip_source_keep(zp.src);   /* the archive's bytes are read from it after zip_close */
    for (size_t l = 0; l < b->n && zp.ok; l++) {
        LetterPart part = {b->t, &b->letters[l]};
        zip_put(&zp, b->letters[l].file, put_letter, &part);
    }
    zip_put(&zp, "index.html", put_index, b);
    if (!zp.ok) {
        zip_discard(zp.z);
        zip_source_free(zp.src);
        return MEDEL_EXIT_IO;
    }
    if (zip_close(zp.z) != 0) {
        zip_failed(&zp, zip_get_error(zp.z));
        zip_discard(zp.z);
        zip_source_free(zp.src);
        return MEDEL_EXIT_IO;
    }
    int rc = MEDEL_EXIT_OK;
    zip_stat_t st;
    if (zip_source_stat(zp.src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(zp.src) != 0) {
        zip_failed(&zp, zip_source_error(zp.src));
        zip_source_free(zp.src);
        return MEDEL_EXIT_IO;
    }
    char chunk[65536];
    zip_int64_t got;
    while ((got = zip_source_read(zp.src, chunk, sizeof chunk)) > 0)
        fwrite(chunk, 1, (size_t)got, out);
    if (got < 0) {
        zip_failed(&zp, zip_source_error(zp.src));
        rc = MEDEL_EXIT_IO;
    }
    zip_source_close(zp.src);
    zip_source_free(zp.src);
    return rc;
}

static int letters_core(const medel_command *c, int format, void *extra, FILE *out, FILE *err)
{
    (void)format, (void)extra;
    int rc = run_inputs(c, err);
    if (rc != MEDEL_EXIT_OK)
        return rc;
    MedelBeslutOptions o = {.rules = c->rules, .applications = c->applications, .sheet = c->sheet,
                            .assessments = c->assessments, .keep_going = c->keep_going,
                            .allow_outside_paths = c->allow_outside_paths, .werror = c->werror};
    LetterBatch b;
    rc = command_letters(&o, NULL, NULL, &b, err);
    if (rc == MEDEL_EXIT_OK || (rc == MEDEL_EXIT_APPLICATIONS && b.built)) {
        int zrc = write_zip(&b, out, err);
        if (zrc != MEDEL_EXIT_OK)
            rc = zrc;
    }
    letters_batch_free(&b);
    return rc;
}

int medel_run_letters(const medel_command *c, FILE *out, FILE *err)
{
    return run_core(letters_core, c, 0, NULL, false, out, err);
}
