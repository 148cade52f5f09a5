/*
** api.c: the endpoints of docs/api.md (api.h). Each reads its JSON body,
** checks every path it names (files.c), calls the engine in this thread
** (medel_run_* into memory streams) and answers JSON whose reports are the
** engine's own bytes. Writes to the folder go through one mutex, so that a
** version's compare and the rename that follows it are one step: of two
** tabs saving on the same version, one wins and the other gets 409.
*/
/* mkstemps, a name with its .csv kept, is glibc's (BSD's). */
#define _DEFAULT_SOURCE
#include "api.h"

#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "files.h"
#include "http_guard.h"
#include "medel.h"
#include "messages.h"

enum { TEXT_LIMIT = 16 << 20 };

static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- answers ---- */

static void set_body(ApiResponse *rs, int status, const char *type, char *body, size_t len)
{
    rs->status = status;
    rs->type = type;
    rs->body = body;
    rs->len = len;
}

/* Answers the JSON object o (taken over). */
static void set_json(ApiResponse *rs, int status, json_t *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s) {
        static const char oom[] = "{\"error\": \"out of memory\", \"status\": 500}";
        set_body(rs, 500, "application/json", strdup(oom), sizeof oom - 1);
        return;
    }
    set_body(rs, status, "application/json", s, strlen(s));
}


static void errorf(ApiResponse *rs, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void errorf(ApiResponse *rs, int status, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    api_error(rs, status, msg);
}

/* A JSON string of text[0..len) that is not valid UTF-8 everywhere:
** the bytes that are not, as U+FFFD. New reference. */
static json_t *text_json(const char *text, size_t len)
{
    json_t *s = json_stringn(text, len);
    if (s)
        return s;
    char *copy = malloc(len * 3 + 1);
    if (!copy)
        return NULL;
    size_t at = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        json_t *one = k && i + k <= len ? json_stringn(text + i, k) : NULL;
        if (one) {
            json_decref(one);
            memcpy(copy + at, text + i, k);
            at += k;
            i += k;
        } else {
            memcpy(copy + at, "\xef\xbf\xbd", 3);
            at += 3;
            i++;
        }
    }
    s = json_stringn(copy, at);
    free(copy);
    return s;
}

/* ---- reading the request ---- */

static json_t *body_object(const ApiRequest *rq, ApiResponse *rs)
{
    json_error_t e;
    json_t *o = json_loadb(rq->body, rq->len, 0, &e);
    if (!o || !json_is_object(o)) {
        json_decref(o);
        api_error(rs, 400, _("förfrågans innehåll är inte ett JSON-objekt"));
        return NULL;
    }
    return o;
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The path of key in o, checked, into out; false after an error answer.
** A key that is missing is an error when required, else out is "". */
static bool path_of(ApiResponse *rs, const char *rel, const char *what, char *out, size_t n, bool must_exist,
                    bool required)
{
    out[0] = '\0';
    if (!rel || !*rel) {
        if (!required)
            return true;
        errorf(rs, 400, _("förfrågan saknar %s"), what);
        return false;
    }
    int st = files_resolve(rel, out, n, must_exist);
    if (st == 403)
        errorf(rs, 403, _("sökvägen '%s' ligger utanför mappen eller är dold"), rel);
    else if (st == 404)
        errorf(rs, 404, _("filen '%s' finns inte"), rel);
    return st == 0;
}

static bool has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), k = strlen(ext);
    return n > k && strcasecmp(path + n - k, ext) == 0;
}

static bool is_text_file(const char *path)
{
    static const char *const ext[] = {".medel", ".csv", ".json", ".jsonl", ".md"};
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t k = strlen(ext[i]);
        if (n > k && strcasecmp(path + n - k, ext[i]) == 0)
            return true;
    }
    return false;
}

/* An error answer. The message may quote what the request named, which
** need not be UTF-8 (a path in bytes): such bytes become U+FFFD rather
** than the answer failing. */
void api_error(ApiResponse *rs, int status, const char *message)
{
    set_json(rs, status, json_pack("{s:o, s:i}", "error", text_json(message, strlen(message)), "status", status));
}

/* ---- running the engine ---- */

typedef struct Output {
    char *out, *err;
    size_t out_len, err_len;
    int rc;
} Output;

typedef int (*RunFn)(const medel_command *c, medel_format format, FILE *out, FILE *err);

static int run_format_fn(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    (void)format;
    return medel_run_format(c, out, err);
}

static int run_letters_fn(const medel_command *c, medel_format format, FILE *out, FILE *err)
{
    (void)format;
    return medel_run_letters(c, out, err);
}

/* Runs fn into o; false when there was no memory for its output, which is
** then answered (500) on rs. */
static bool run(RunFn fn, const medel_command *c, medel_format format, Output *o, ApiResponse *rs)
{
    memset(o, 0, sizeof *o);
    FILE *out = open_memstream(&o->out, &o->out_len);
    FILE *err = open_memstream(&o->err, &o->err_len);
    if (!out || !err) {
        if (out)
            fclose(out);
        if (err)
            fclose(err);
        free(o->out);
        free(o->err);
        memset(o, 0, sizeof *o);
        api_error(rs, 500, _("slut på minne"));
        return false;
    }
    o->rc = fn(c, format, out, err);
    fclose(out);
    fclose(err);
    return true;
}

static void output_free(Output *o)
{
    free(o->out);
    free(o->err);
}

/* The HTTP status for a command that wrote nothing. */
static int status_of_exit(int rc)
{
    switch (rc) {
    case MEDEL_EXIT_USAGE: return 400;
    case MEDEL_EXIT_NOINPUT: return 404;
    case MEDEL_EXIT_NOT_FOUND: return 404;
    case MEDEL_EXIT_RULES:
    case MEDEL_EXIT_APPLICATIONS:
    case MEDEL_EXIT_HEADER:
    case MEDEL_EXIT_ASSESSMENTS: return 422;
    default: return 500;
    }
}

static const char *exit_message(int rc)
{
    switch (rc) {
    case MEDEL_EXIT_USAGE: return _("förfrågan kan inte utföras som den är given");
    case MEDEL_EXIT_RULES: return _("regelfilen, ett scenario eller en datatabell har fel");
    case MEDEL_EXIT_NOINPUT: return _("en fil kan inte läsas");
    case MEDEL_EXIT_APPLICATIONS: return _("ansökningsrader avvisades");
    case MEDEL_EXIT_NOT_FOUND: return _("ingen ansökan har den nyckeln");
    case MEDEL_EXIT_HEADER: return _("kolumnerna passar inte regelfilen");
    case MEDEL_EXIT_ASSESSMENTS: return _("filen med bedömningar har fel");
    case MEDEL_EXIT_IO: return _("resultatet kunde inte skrivas");
    default: return _("internt fel i medel");
    }
}

/* The error answer of a command that failed: its exit and messages. */
static void command_error(ApiResponse *rs, const Output *o)
{
    int status = status_of_exit(o->rc);
    set_json(rs, status,
             json_pack("{s:s, s:i, s:i, s:o}", "error", exit_message(o->rc), "status", status, "exit", o->rc,
                       "messages", text_json(o->err ? o->err : "", o->err_len)));
}

/* {"report": <the engine's bytes>, "exit": N, "messages": "…"} and
** whatever `extra` holds, the report not parsed and written again: the
** same bytes as `medel CMD --format json`. */
static void report_answer(ApiResponse *rs, const Output *o, json_t *extra)
{
    json_t *tail = extra ? extra : json_object();
    json_object_set_new(tail, "exit", json_integer(o->rc));
    json_object_set_new(tail, "messages", text_json(o->err ? o->err : "", o->err_len));
    char *t = json_dumps(tail, JSON_COMPACT);
    json_decref(tail);
    size_t tl = t ? strlen(t) : 0;
    char *body = t ? malloc(o->out_len + tl + 16) : NULL;
    if (!body) {
        free(t);
        api_error(rs, 500, _("slut på minne"));
        return;
    }
    size_t at = 0;
    memcpy(body, "{\"report\":", 10);
    at += 10;
    memcpy(body + at, o->out, o->out_len);
    at += o->out_len;
    /* t is "{…}": its members follow the report's. */
    if (tl > 2) {
        body[at++] = ',';
        memcpy(body + at, t + 1, tl - 1);
        at += tl - 1;
    } else {
        body[at++] = '}';
    }
    free(t);
    set_body(rs, 200, "application/json", body, at);
}

/* The application inputs of check, explain, allocate and whatif. */
typedef struct Inputs {
    char rules[PATH_MAX], applications[PATH_MAX], assessments[PATH_MAX];
    medel_command c;
} Inputs;

static bool inputs(ApiResponse *rs, json_t *o, Inputs *in, bool need_applications)
{
    memset(in, 0, sizeof *in);
    if (!path_of(rs, str(o, "rules"), "rules", in->rules, sizeof in->rules, true, true) ||
        !path_of(rs, str(o, "applications"), "applications", in->applications, sizeof in->applications, true,
                 need_applications) ||
        !path_of(rs, str(o, "assessments"), "assessments", in->assessments, sizeof in->assessments, true, false))
        return false;
    in->c.rules = in->rules;
    in->c.applications = in->applications[0] ? in->applications : NULL;
    in->c.assessments = in->assessments[0] ? in->assessments : NULL;
    in->c.sheet = str(o, "sheet");
    in->c.keep_going = 1;   /* rejected rows are listed, never stop a run */
    return true;
}

/* ---- files ---- */

static void get_files(ApiResponse *rs)
{
    set_json(rs, 200, json_pack("{s:s, s:o}", "folder", files_root(), "files", files_list()));
}

static void get_file(const ApiRequest *rq, ApiResponse *rs)
{
    char path[PATH_MAX];
    if (!path_of(rs, rq->arg(rq->cls, "path"), "path", path, sizeof path, true, true))
        return;
    if (!is_text_file(path)) {
        errorf(rs, 415, _("'%s' är ingen textfil som kan öppnas här"), path);
        return;
    }
    size_t len;
    char *text = files_read(path, TEXT_LIMIT, &len);
    if (!text) {
        if (errno == EFBIG)
            errorf(rs, 413, _("filen '%s' är större än 16 MiB"), path);
        else
            errorf(rs, 404, _("filen '%s' kan inte läsas: %s"), path, messages_strerror(errno));
        return;
    }
    char version[FILES_VERSION_LEN + 1];
    files_version(text, len, version);
    set_json(rs, 200, json_pack("{s:s, s:o, s:s}", "path", path, "text", text_json(text, len), "version", version));
    free(text);
}

/* Under write_lock: whether path is still at version (NULL: does not
** exist); false after a 409 answer with the current version. */
static bool same_version(ApiResponse *rs, const char *path, const char *version)
{
    size_t len;
    char *now = files_read(path, (size_t)1 << 30, &len);
    if (!now && errno != ENOENT) {
        /* There, but not a plain file that can be read: never taken for a
        ** file that does not exist yet, which a write would replace. */
        errorf(rs, errno == EFBIG ? 413 : 422, _("filen '%s' kan inte läsas: %s"), path, messages_strerror(errno));
        return false;
    }
    char current[FILES_VERSION_LEN + 1] = "";
    if (now)
        files_version(now, len, current);
    free(now);
    bool same = now ? version && strcmp(version, current) == 0 : !version;
    if (!same) {
        char msg[PATH_MAX + 128];
        snprintf(msg, sizeof msg, _("filen '%s' har ändrats sedan du öppnade den"), path);
        set_json(rs, 409, json_pack("{s:s, s:i, s:o}", "error", msg, "status", 409, "version",
                                    now ? json_string(current) : json_null()));
    }
    return same;
}

/* The number of errors the rule file at path loads with. */
static size_t rule_errors(const char *path)
{
    medel_program *p = NULL;
    medel_program_load(path, NULL, &p);
    size_t n = p ? medel_program_error_count(p) : 0;
    medel_program_free(p);
    return n;
}

static void put_file(const ApiRequest *rq, ApiResponse *rs)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    char path[PATH_MAX];
    json_t *text = json_object_get(o, "text");
    json_t *version = json_object_get(o, "version");
    if (!path_of(rs, str(o, "path"), "path", path, sizeof path, false, true))
        goto done;
    if (!is_text_file(path)) {
        errorf(rs, 415, _("'%s' är ingen textfil som kan sparas här"), path);
        goto done;
    }
    if (!json_is_string(text) || (version && !json_is_null(version) && !json_is_string(version))) {
        api_error(rs, 400, _("förfrågan ska ha path, text och version"));
        goto done;
    }
    pthread_mutex_lock(&write_lock);
    if (!same_version(rs, path, json_string_value(version))) {
        pthread_mutex_unlock(&write_lock);
        goto done;
    }
    int e = files_write(path, json_string_value(text), json_string_length(text), true);
    pthread_mutex_unlock(&write_lock);
    if (e) {
        errorf(rs, 500, _("filen '%s' kunde inte sparas: %s"), path, messages_strerror(e));
        goto done;
    }
    char v[FILES_VERSION_LEN + 1];
    files_version(json_string_value(text), json_string_length(text), v);
    json_t *answer = json_pack("{s:s, s:s}", "path", path, "version", v);
    size_t n = strlen(path);
    if (n > 6 && !strcmp(path + n - 6, ".medel")) {
        size_t errors = rule_errors(path);
        if (errors)
            json_object_set_new(answer, "errors", json_integer((json_int_t)errors));
    }
    set_json(rs, 200, answer);
done:
    json_decref(o);
}

static void post_undo(const ApiRequest *rq, ApiResponse *rs)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    char path[PATH_MAX], prev[PATH_MAX + 64];
    if (!path_of(rs, str(o, "path"), "path", path, sizeof path, false, true))
        goto done;
    files_previous_path(path, prev, sizeof prev);
    pthread_mutex_lock(&write_lock);
    size_t len;
    char *old = files_read(prev, TEXT_LIMIT, &len);
    if (!old) {
        pthread_mutex_unlock(&write_lock);
        if (errno == EFBIG)
            errorf(rs, 413, _("den tidigare versionen av '%s' är större än 16 MiB och kan inte läggas tillbaka här"), path);
        else
            errorf(rs, 404, _("filen '%s' har ingen tidigare version"), path);
        goto done;
    }
    if (!same_version(rs, path, str(o, "version"))) {
        pthread_mutex_unlock(&write_lock);
        free(old);
        goto done;
    }
    int e = files_write(path, old, len, true);
    pthread_mutex_unlock(&write_lock);
    if (e) {
        errorf(rs, 500, _("filen '%s' kunde inte sparas: %s"), path, messages_strerror(e));
    } else {
        char v[FILES_VERSION_LEN + 1];
        files_version(old, len, v);
        set_json(rs, 200, json_pack("{s:s, s:o, s:s}", "path", path, "text", text_json(old, len), "version", v));
    }
    free(old);
done:
    json_decref(o);
}

static void post_upload(const ApiRequest *rq, ApiResponse *rs)
{
    const char *name = rq->arg(rq->cls, "name");
    if (!guard_upload_name(name)) {
        api_error(rs, 400, _("namnet ska vara ett filnamn som slutar på .csv, .xlsx, .json eller .jsonl"));
        return;
    }
    if (mkdir("uppladdat", 0755) != 0 && errno != EEXIST) {
        errorf(rs, 500, _("mappen 'uppladdat' kan inte skapas: %s"), messages_strerror(errno));
        return;
    }
    char path[PATH_MAX], rel[PATH_MAX];
    pthread_mutex_lock(&write_lock);
    int st = -1;
    for (unsigned k = 1; k < 1000; k++) {
        char numbered[300];
        if (k == 1)
            snprintf(numbered, sizeof numbered, "%s", name);
        else if (!guard_numbered_name(name, k, numbered, sizeof numbered))
            break;
        snprintf(rel, sizeof rel, "uppladdat/%s", numbered);
        /* Inside the folder (uppladdat/ may be a link out of it), and free. */
        st = files_resolve(rel, path, sizeof path, false);
        if (st != 0)
            break;
        struct stat exists;
        if (lstat(path, &exists) != 0) {
            st = 404;
            break;
        }
    }
    if (st != 404) {
        pthread_mutex_unlock(&write_lock);
        api_error(rs, 403, _("uppladdningen kan inte sparas under det namnet"));
        return;
    }
    int e = files_write(path, rq->body, rq->len, false);
    pthread_mutex_unlock(&write_lock);
    if (e) {
        errorf(rs, 500, _("filen '%s' kunde inte sparas: %s"), path, messages_strerror(e));
        return;
    }
    char v[FILES_VERSION_LEN + 1];
    files_version(rq->body, rq->len, v);
    set_json(rs, 200, json_pack("{s:s, s:s}", "path", path, "version", v));
}

/* ---- the rule file ---- */

/* path and text of a validate, format or diff request. */
static bool rule_text(ApiResponse *rs, json_t *o, char *path, size_t n, medel_command *c)
{
    memset(c, 0, sizeof *c);
    if (!path_of(rs, str(o, "path"), "path", path, n, false, true))
        return false;
    json_t *text = json_object_get(o, "text");
    c->rules = path;
    if (json_is_string(text)) {
        c->rules_text = json_string_value(text);
        c->rules_len = json_string_length(text);
    } else if (access(path, R_OK) != 0) {
        errorf(rs, 404, _("filen '%s' finns inte"), path);
        return false;
    }
    return true;
}

static void post_validate(const ApiRequest *rq, ApiResponse *rs)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    char path[PATH_MAX];
    medel_command c;
    Output out;
    if (rule_text(rs, o, path, sizeof path, &c) && run(medel_run_validate, &c, MEDEL_JSON, &out, rs)) {
        if (out.out_len) {
            set_body(rs, 200, "application/json", out.out, out.out_len);
            out.out = NULL;
        } else {
            command_error(rs, &out);
        }
        output_free(&out);
    }
    json_decref(o);
}

static void post_format(const ApiRequest *rq, ApiResponse *rs)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    char path[PATH_MAX];
    medel_command c;
    Output out;
    if (rule_text(rs, o, path, sizeof path, &c) && run(run_format_fn, &c, MEDEL_TABLE, &out, rs)) {
        if (out.rc == MEDEL_EXIT_OK)
            set_json(rs, 200, json_pack("{s:o}", "text", text_json(out.out, out.out_len)));
        else
            command_error(rs, &out);
        output_free(&out);
    }
    json_decref(o);
}

static void post_diff(const ApiRequest *rq, ApiResponse *rs)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    char path[PATH_MAX], base[PATH_MAX];
    medel_command c;
    Output text, report;
    if (!rule_text(rs, o, path, sizeof path, &c))
        goto done;
    int rc = medel_rules_extends(&c, base, sizeof base);
    if (rc != MEDEL_EXIT_OK) {
        Output fail = {0};
        fail.rc = rc;
        command_error(rs, &fail);
        goto done;
    }
    if (!base[0]) {
        set_json(rs, 200, json_pack("{s:n}", "extends"));
        goto done;
    }
    /* The file it extends is read only when it lies in the folder, as
    ** every other file a request names (the engine checks it too). */
    char inside_base[PATH_MAX];
    int st = files_resolve(base, inside_base, sizeof inside_base, true);
    if (st) {
        errorf(rs, st, st == 404 ? _("filen '%s' som regelfilen utökar finns inte") : _("filen '%s' som regelfilen utökar ligger utanför mappen"),
               base);
        goto done;
    }
    if (!run(medel_run_diff, &c, MEDEL_TABLE, &text, rs))
        goto done;
    if (!run(medel_run_diff, &c, MEDEL_JSON, &report, rs)) {
        output_free(&text);
        goto done;
    }
    if (report.out_len && (report.rc == MEDEL_EXIT_OK || report.rc == MEDEL_EXIT_DIFFERS))
        report_answer(rs, &report,
                      json_pack("{s:s, s:o}", "extends", base, "text", text_json(text.out, text.out_len)));
    else
        command_error(rs, &report);
    output_free(&text);
    output_free(&report);
done:
    json_decref(o);
}

/* ---- applications ---- */

static void post_report(const ApiRequest *rq, ApiResponse *rs, RunFn fn)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    Inputs in;
    Output out;
    if (!inputs(rs, o, &in, true))
        goto done;
    if (!run(fn, &in.c, MEDEL_JSON, &out, rs))
        goto done;
    if (out.out_len)
        report_answer(rs, &out, NULL);
    else
        command_error(rs, &out);
    output_free(&out);
done:
    json_decref(o);
}

static void post_explain(const ApiRequest *rq, ApiResponse *rs)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    Inputs in;
    Output report, text;
    if (!inputs(rs, o, &in, true))
        goto done;
    in.c.id = str(o, "id");
    if (!in.c.id || !*in.c.id) {
        errorf(rs, 400, _("förfrågan saknar %s"), "id");
        goto done;
    }
    if (!run(medel_run_explain, &in.c, MEDEL_JSON, &report, rs))
        goto done;
    if (!report.out_len) {
        command_error(rs, &report);
        output_free(&report);
        goto done;
    }
    if (!run(medel_run_explain, &in.c, MEDEL_TABLE, &text, rs)) {
        output_free(&report);
        goto done;
    }
    report_answer(rs, &report, json_pack("{s:o}", "text", text_json(text.out ? text.out : "", text.out_len)));
    output_free(&report);
    output_free(&text);
done:
    json_decref(o);
}

/* ---- amounts, for a sweep ---- */

/* "30 MSEK", "1 500 000 kr", "2,5 MSEK", "40000000" (kronor) in öre;
** false for anything else. Integer arithmetic only. */
static bool parse_amount(const char *s, int64_t *ore)
{
    int64_t whole = 0, frac = 0, frac_scale = 1;
    bool digits = false, in_frac = false;
    const char *p = s;
    p += strspn(p, " ");
    for (;;) {
        if (*p >= '0' && *p <= '9') {
            if (in_frac) {
                if (frac_scale >= 100000000)
                    return false;
                frac = frac * 10 + (*p - '0');
                frac_scale *= 10;
            } else {
                if (whole > (INT64_MAX - 9) / 10)
                    return false;
                whole = whole * 10 + (*p - '0');
            }
            digits = true;
            p++;
        } else if (*p == ' ' && p[1] >= '0' && p[1] <= '9' && !in_frac) {
            p++;
        } else if (!strncmp(p, "\xc2\xa0", 2) && p[2] >= '0' && p[2] <= '9' && !in_frac) {
            p += 2;
        } else if (!strncmp(p, "\xe2\x80\xaf", 3) && p[3] >= '0' && p[3] <= '9' && !in_frac) {
            p += 3;
        } else if ((*p == ',' || *p == '.') && !in_frac && digits) {
            in_frac = true;
            p++;
        } else {
            break;
        }
    }
    if (!digits)
        return false;
    p += strspn(p, " ");
    static const struct { const char *unit; int64_t ore; } units[] = {
        {"", 100}, {"kr", 100}, {"kronor", 100}, {"SEK", 100}, {"tkr", 100000}, {"MSEK", 100000000},
        {"mnkr", 100000000}, {"Mkr", 100000000}, {"miljoner kronor", 100000000}, {"öre", 1},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(p, units[i].unit) != 0)
            continue;
        int64_t per = units[i].ore;
        if (whole > INT64_MAX / per)
            return false;
        int64_t part = frac * per;
        if (part % frac_scale)
            return false;   /* finer than an öre */
        *ore = whole * per + part / frac_scale;
        return true;
    }
    return false;
}

static bool amount_of(json_t *v, int64_t *ore)
{
    if (json_is_integer(v)) {
        *ore = json_integer_value(v);
        return true;
    }
    return json_is_string(v) && parse_amount(json_string_value(v), ore);
}

/* ---- what-if ---- */

/* The scenario choice of a what-if (body o, or the query for a download)
** into in->c; names holds the scenario names (free it). */
static bool whatif_inputs(ApiResponse *rs, json_t *o, Inputs *in, char *scenario_file, size_t n,
                          const char ***names)
{
    *names = NULL;
    const char *text = str(o, "scenario_text");
    json_t *sweep = json_object_get(o, "sweep");
    const char *file = str(o, "scenario_file");
    if (text) {
        in->c.scenario_text = text;
    } else if (json_is_object(sweep)) {
        const char *pot = str(sweep, "pot");
        if (!pot || !amount_of(json_object_get(sweep, "from"), &in->c.sweep_from) ||
            !amount_of(json_object_get(sweep, "to"), &in->c.sweep_to) ||
            !amount_of(json_object_get(sweep, "step"), &in->c.sweep_step) || in->c.sweep_step <= 0) {
            api_error(rs, 400, _("svepet ska ha pot, from, to och step, beloppen t.ex. \"30 MSEK\""));
            return false;
        }
        in->c.sweep_pot = pot;
    } else if (!file) {
        api_error(rs, 400, _("ange scenario_text, scenario_file eller sweep"));
        return false;
    }
    if (file) {
        if (!path_of(rs, file, "scenario_file", scenario_file, n, true, true))
            return false;
        in->c.scenario_file = scenario_file;
    }
    json_t *list = json_object_get(o, "scenarios");
    if (json_is_array(list) && json_array_size(list)) {
        *names = calloc(json_array_size(list), sizeof **names);
        if (!*names) {
            api_error(rs, 500, _("slut på minne"));
            return false;
        }
        size_t i;
        json_t *v;
        json_array_foreach(list, i, v)
        {
            if (!json_is_string(v)) {
                free(*names);
                *names = NULL;
                api_error(rs, 400, _("scenarios ska vara en lista med namn"));
                return false;
            }
            (*names)[i] = json_string_value(v);
        }
        in->c.scenarios = *names;
        in->c.n_scenarios = json_array_size(list);
    }
    return true;
}

static void post_whatif(const ApiRequest *rq, ApiResponse *rs)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    Inputs in;
    Output out;
    char scenario_file[PATH_MAX];
    const char **names = NULL;
    if (!inputs(rs, o, &in, true) || !whatif_inputs(rs, o, &in, scenario_file, sizeof scenario_file, &names))
        goto done;
    if (!run(medel_run_whatif, &in.c, MEDEL_JSON, &out, rs))
        goto done;
    if (out.out_len)
        report_answer(rs, &out, NULL);
    else
        command_error(rs, &out);
    output_free(&out);
done:
    free(names);
    json_decref(o);
}

/* ---- downloads ---- */

/* The file name of a download: the rule file's stem and what it is. */
static void download_name(ApiResponse *rs, const char *rules, const char *what, const char *ext)
{
    const char *base = strrchr(rules, '/');
    base = base ? base + 1 : rules;
    size_t stem = strlen(base);
    if (stem > 6 && !strcmp(base + stem - 6, ".medel"))
        stem -= 6;
    snprintf(rs->filename, sizeof rs->filename, "%.*s-%s%s", (int)(stem > 150 ? 150 : stem), base, what, ext);
}

static void get_download(const ApiRequest *rq, ApiResponse *rs)
{
    /* The query as the JSON body the POST endpoints take. */
    json_t *o = json_object();
    static const char *const keys[] = {"rules", "applications", "assessments", "sheet", "scenario_text",
                                       "scenario_file"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = rq->arg(rq->cls, keys[i]);
        if (v)
            json_object_set_new(o, keys[i], json_string(v));
    }
    const char *scenarios = rq->arg(rq->cls, "scenarios");
    if (scenarios) {
        json_t *list = json_array();
        char *copy = strdup(scenarios), *save = NULL;
        for (char *s = copy ? strtok_r(copy, ",", &save) : NULL; s; s = strtok_r(NULL, ",", &save))
            json_array_append_new(list, json_string(s));
        free(copy);
        json_object_set_new(o, "scenarios", list);
    }
    const char *kind = rq->arg(rq->cls, "kind");
    kind = kind ? kind : "";
    Inputs in;
    Output out = {0};
    char scenario_file[PATH_MAX];
    const char **names = NULL;
    bool template = !strcmp(kind, "template");
    if (!inputs(rs, o, &in, !template))
        goto done;
    const char *type = NULL;
    bool ran = false;
    if (!strcmp(kind, "workbook")) {
        ran = run(medel_run_allocate, &in.c, MEDEL_XLSX, &out, rs);
        type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        download_name(rs, in.rules, "beslut", ".xlsx");
    } else if (!strcmp(kind, "basis")) {
        ran = run(medel_run_allocate, &in.c, MEDEL_HTML, &out, rs);
        type = "text/html; charset=utf-8";
        download_name(rs, in.rules, "beslutsunderlag", ".html");
    } else if (!strcmp(kind, "letters")) {
        ran = run(run_letters_fn, &in.c, MEDEL_TABLE, &out, rs);
        type = "application/zip";
        download_name(rs, in.rules, "beslutsbrev", ".zip");
    } else if (!strcmp(kind, "whatif")) {
        if (!whatif_inputs(rs, o, &in, scenario_file, sizeof scenario_file, &names))
            goto done;
        ran = run(medel_run_whatif, &in.c, MEDEL_HTML, &out, rs);
        type = "text/html; charset=utf-8";
        download_name(rs, in.rules, "scenarier", ".html");
    } else if (template) {
        medel_program *p = NULL;
        int st = medel_program_load(in.rules, NULL, &p);
        if (st != MEDEL_OK) {
            char *msgs = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&msgs, &len);
            if (f && p)
                medel_program_render_diagnostics(p, f);
            if (f)
                fclose(f);
            out.rc = MEDEL_EXIT_RULES;
            out.err = msgs;
            out.err_len = len;
            command_error(rs, &out);
            medel_program_free(p);
            goto done;
        }
        FILE *f = open_memstream(&out.out, &out.out_len);
        int wst = f ? medel_write_template(p, MEDEL_TEMPLATE_XLSX, f) : MEDEL_ENOMEM;
        if (f)
            fclose(f);
        medel_program_free(p);
        out.rc = wst == MEDEL_OK ? MEDEL_EXIT_OK : MEDEL_EXIT_IO;
        ran = true;
        type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        download_name(rs, in.rules, "ansökningsmall", ".xlsx");
    } else {
        api_error(rs, 400, _("kind ska vara workbook, basis, letters, whatif eller template"));
        goto done;
    }
    if (!ran) {
        rs->filename[0] = '\0';   /* run answered 500: an error, not a file to save */
    } else if (out.out_len && out.rc != MEDEL_EXIT_IO && out.rc != MEDEL_EXIT_SOFTWARE) {
        set_body(rs, 200, type, out.out, out.out_len);
        out.out = NULL;
    } else {
        rs->filename[0] = '\0';
        command_error(rs, &out);
    }
done:
    output_free(&out);
    free(names);
    json_decref(o);
}

/* ---- assessments ---- */

/* One row of a ';'-separated CSV text, parsed from *s (advanced past it):
** its cells in a new array of new strings; NULL at the end. cell is the
** caller's scratch buffer, as long as the whole text (one allocation for
** every row: a new one per row would make a long file quadratic). */
static json_t *csv_row(const char **s, char *cell)
{
    if (!**s)
        return NULL;
    json_t *row = json_array();
    const char *p = *s;
    for (;;) {
        size_t at = 0;
        if (*p == '"') {
            p++;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    cell[at++] = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    cell[at++] = *p++;
                }
            }
        }
        while (*p && *p != ';' && *p != '\n' && *p != '\r')
            cell[at++] = *p++;
        json_t *v = json_stringn(cell, at);   /* NULL for bytes that are not UTF-8 */
        json_array_append_new(row, v ? v : json_string(""));
        if (*p == ';') {
            p++;
            continue;
        }
        if (*p == '\r')
            p++;
        if (*p == '\n')
            p++;
        break;
    }
    *s = p;
    return row;
}

static const char *cell(json_t *row, size_t i)
{
    const char *v = json_string_value(json_array_get(row, i));
    return v ? v : "";
}

static void write_row(FILE *f, json_t *row, const char *eol)
{
    for (size_t i = 0; i < json_array_size(row); i++) {
        if (i)
            fputc(';', f);
        guard_csv_cell(f, cell(row, i));
    }
    fputs(eol, f);
}

static const char ASSESSMENT_HEADER[] = "Ansökan;Pott;Villkor;Utfall;Typ;Bedömd av;Datum;Motivering";

/* Replaces each occurrence of from in text (NUL-terminated, malloc'd) by to. */
static char *replace_all(char *text, const char *from, const char *to)
{
    if (!text || !*from)
        return text;
    size_t nf = strlen(from), nt = strlen(to), count = 0;
    for (const char *s = strstr(text, from); s; s = strstr(s + nf, from))
        count++;
    if (!count)
        return text;
    char *out = malloc(strlen(text) + count * (nt + 1) + 1);
    if (!out)
        return text;
    char *w = out;
    const char *r = text;
    for (const char *s = strstr(r, from); s; s = strstr(r, from)) {
        memcpy(w, r, (size_t)(s - r));
        w += s - r;
        memcpy(w, to, nt);
        w += nt;
        r = s + nf;
    }
    strcpy(w, r);
    free(text);
    return out;
}

static void post_assessment(const ApiRequest *rq, ApiResponse *rs)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    char path[PATH_MAX];
    Inputs in;
    char *old = NULL, *bytes = NULL;
    size_t old_len = 0, len = 0;
    json_t *rows = NULL;
    bool locked = false;
    const char *key = str(o, "application"), *pot = str(o, "pot"), *criterion = str(o, "criterion");
    bool remove = json_is_true(json_object_get(o, "remove"));
    if (!path_of(rs, str(o, "assessments"), "assessments", path, sizeof path, false, true))
        goto done;
    if (!has_ext(path, ".csv")) {   /* the server writes the assessments as CSV, into a .csv file only */
        errorf(rs, 415, _("bedömningarna skrivs till en CSV-fil; '%s' slutar inte på .csv"), path);
        goto done;
    }
    json_object_del(o, "assessments");   /* the run below reads the new file, not the old */
    if (!inputs(rs, o, &in, true))
        goto done;
    if (!key || !*key || !criterion || !*criterion) {
        api_error(rs, 400, _("förfrågan ska ha application och criterion"));
        goto done;
    }
    pot = pot ? pot : "";
    const char *outcome = str(o, "outcome"), *type = str(o, "type"), *by = str(o, "by");
    const char *date = str(o, "date"), *why = str(o, "justification");
    char today[16];
    if (!date || !*date) {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        strftime(today, sizeof today, "%Y-%m-%d", &tm);
        date = today;
    }
    if (!remove && (!outcome || !type || !by || !why)) {
        api_error(rs, 400, _("förfrågan ska ha outcome, type, by och justification"));
        goto done;
    }

    pthread_mutex_lock(&write_lock);
    locked = true;
    if (!same_version(rs, path, str(o, "version")))
        goto done;
    old = files_read(path, TEXT_LIMIT, &old_len);
    if (!old && errno != ENOENT) {
        /* A file that is there but cannot be read whole (too large, not a
        ** plain file) is never taken for a new one: that would write the
        ** header and one row over every assessment it holds. */
        if (errno == EFBIG)
            errorf(rs, 413, _("filen '%s' är större än 16 MiB"), path);
        else
            errorf(rs, 422, _("filen '%s' kan inte läsas: %s"), path, messages_strerror(errno));
        goto done;
    }
    json_t *utf8 = old ? json_stringn(old, old_len) : NULL;
    if (old && !utf8) {
        /* Written again cell by cell, it would lose what it holds. */
        errorf(rs, 422, _("filen '%s' är inte sparad som UTF-8; spara den som UTF-8 först"), path);
        goto done;
    }
    json_decref(utf8);
    const char *eol = old && strstr(old, "\r\n") ? "\r\n" : "\n";
    const char *s = old ? old : ASSESSMENT_HEADER;
    bool bom = !strncmp(s, "\xef\xbb\xbf", 3);
    if (bom)
        s += 3;
    rows = json_array();
    char *scratch = malloc(strlen(s) + 1);
    if (!scratch) {
        api_error(rs, 500, _("slut på minne"));
        goto done;
    }
    for (json_t *row; (row = csv_row(&s, scratch));)
        json_array_append_new(rows, row);
    free(scratch);
    if (json_array_size(rows) == 0 || strcmp(cell(json_array_get(rows, 0), 0), "Ansökan") != 0) {
        errorf(rs, 422, _("'%s' är ingen fil med bedömningar (rubrikraden ska börja med Ansökan;)"), path);
        goto done;
    }
    json_t *mine = remove ? NULL
                          : json_pack("[s,s,s,s,s,s,s,s]", key, pot, criterion, outcome, type, by, date, why);
    bool found = false;
    for (size_t i = 1; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        if (!strcmp(cell(row, 0), key) && !strcmp(cell(row, 1), pot) && !strcmp(cell(row, 2), criterion)) {
            found = true;
            if (mine) {
                json_array_set(rows, i, mine);
            } else {
                json_array_remove(rows, i);
                i--;
            }
        }
    }
    if (mine && !found)
        json_array_append(rows, mine);
    json_decref(mine);
    if (remove && !found) {
        errorf(rs, 404, _("det finns ingen bedömning av '%s' för det villkoret"), key);
        goto done;
    }
    FILE *f = open_memstream(&bytes, &len);
    if (!f) {
        api_error(rs, 500, _("slut på minne"));
        goto done;
    }
    if (bom)
        fputs("\xef\xbb\xbf", f);
    for (size_t i = 0; i < json_array_size(rows); i++)
        write_row(f, json_array_get(rows, i), eol);
    fclose(f);

    /* The new file, read by the engine as --bedömningar reads it, before
    ** it takes the old one's place. */
    char tmp[PATH_MAX];
    const char *slash = strrchr(path, '/');
    snprintf(tmp, sizeof tmp, "%.*s%s.medel-bedömning-XXXXXX.csv", slash ? (int)(slash - path) : 0, path,
             slash ? "/" : "");
    int fd = mkstemps(tmp, 4);
    if (fd < 0) {
        errorf(rs, 500, _("filen '%s' kunde inte sparas: %s"), path, messages_strerror(errno));
        goto done;
    }
    mode_t mask = umask(0);
    umask(mask);
    bool written = write(fd, bytes, len) == (ssize_t)len && fchmod(fd, 0666 & ~mask) == 0 && fsync(fd) == 0;
    if (close(fd) != 0)
        written = false;
    Output out = {0};
    in.c.assessments = tmp;
    if (!written)
        errorf(rs, 500, _("filen '%s' kunde inte sparas: %s"), path, messages_strerror(errno));
    if (!written || !run(medel_run_check, &in.c, MEDEL_JSON, &out, rs)) {
        unlink(tmp);
        goto done;
    }
    if (out.rc == MEDEL_EXIT_ASSESSMENTS || !out.out_len) {
        unlink(tmp);
        out.err = replace_all(out.err, tmp, path);
        out.err_len = out.err ? strlen(out.err) : 0;
        if (out.rc == MEDEL_EXIT_OK)
            out.rc = MEDEL_EXIT_SOFTWARE;
        command_error(rs, &out);
        if (out.rc == MEDEL_EXIT_ASSESSMENTS)
            rs->status = 422;
        output_free(&out);
        goto done;
    }
    output_free(&out);
    /* The file the engine accepted is the one put in place. */
    int e = files_install(tmp, path);
    if (e) {
        errorf(rs, 500, _("filen '%s' kunde inte sparas: %s"), path, messages_strerror(e));
        goto done;
    }
    char v[FILES_VERSION_LEN + 1];
    files_version(bytes, len, v);
    set_json(rs, 200, json_pack("{s:s, s:s}", "assessments", path, "version", v));
done:
    if (locked)
        pthread_mutex_unlock(&write_lock);
    json_decref(rows);
    free(old);
    free(bytes);
    json_decref(o);
}

/* ---- scenarios ---- */

static bool is_name(const char *s)
{
    if (!s || !*s || (*s >= '0' && *s <= '9'))
        return false;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        if (!(*c >= 0x80 || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '_'))
            return false;
    return true;
}

/* Where the top-level block "scenario NAME" starts in text and where it
** ends (after its closing brace and line break); false when there is none. */
static bool find_scenario(const char *text, const char *name, size_t *start, size_t *end)
{
    size_t n = strlen(name);
    int depth = 0;
    for (const char *s = text; *s; s++) {
        if (*s == '#') {
            s += strcspn(s, "\n");
            if (!*s)
                break;
        } else if (*s == '"') {
            s++;
            s += strcspn(s, "\"\n");
            if (!*s)
                break;
        } else if (*s == '{') {
            depth++;
        } else if (*s == '}') {
            depth--;
        } else if (depth == 0 && !strncmp(s, "scenario", 8) && (s == text || s[-1] == '\n' || s[-1] == ' ')) {
            const char *w = s + 8;
            w += strspn(w, " \t");
            if (strncmp(w, name, n) != 0 || is_name((char[]){w[n], 0}))
                continue;
            const char *b = strchr(w, '{');
            if (!b)
                return false;
            int d = 0;
            const char *e = b;
            for (; *e; e++) {
                if (*e == '"') {
                    e++;
                    e += strcspn(e, "\"\n");
                    if (!*e)
                        break;
                } else if (*e == '#') {
                    e += strcspn(e, "\n");
                    if (!*e)
                        break;
                } else if (*e == '{') {
                    d++;
                } else if (*e == '}' && --d == 0) {
                    e++;
                    break;
                }
            }
            if (*e == '\n')
                e++;
            *start = (size_t)(s - text);
            *end = (size_t)(e - text);
            return true;
        }
    }
    return false;
}

/* Writes `scenario NAME "LABEL" { BODY }` to f, after `lead`: BODY's lines
** indented by four spaces under the block, whatever indentation the client
** gave them (the lines' common leading blanks are taken off first), so
** that the file reads as medel fmt would write it. */
static void put_scenario(FILE *f, const char *lead, const char *name, const char *label, const char *body)
{
    size_t common = SIZE_MAX;
    for (const char *l = body; *l;) {
        const char *e = l + strcspn(l, "\n");
        size_t k = strspn(l, " \t");
        if (l + k < e && k < common)   /* a line with something on it */
            common = k;
        l = *e ? e + 1 : e;
    }
    if (common == SIZE_MAX)
        common = 0;
    fprintf(f, "%sscenario %s \"%s\" {\n", lead, name, label ? label : name);
    for (const char *l = body; *l;) {
        const char *e = l + strcspn(l, "\n");
        size_t k = strspn(l, " \t");
        if (l + k < e)
            fprintf(f, "    %.*s\n", (int)(e - l - common), l + common);
        else if (*e)
            fputc('\n', f);
        l = *e ? e + 1 : e;
    }
    fputs("}\n", f);
}

static void post_scenario(const ApiRequest *rq, ApiResponse *rs)
{
    json_t *o = body_object(rq, rs);
    if (!o)
        return;
    char path[PATH_MAX], rules[PATH_MAX];
    char *old = NULL, *text = NULL, *rules_text = NULL, *combined = NULL;
    size_t old_len = 0, len = 0, rules_len = 0;
    bool locked = false;
    const char *name = str(o, "name"), *label = str(o, "label"), *body = str(o, "text");
    if (!path_of(rs, str(o, "file"), "file", path, sizeof path, false, true) ||
        !path_of(rs, str(o, "rules"), "rules", rules, sizeof rules, true, true))
        goto done;
    if (!has_ext(path, ".medel")) {
        errorf(rs, 415, _("scenarier skrivs till en .medel-fil; '%s' slutar inte på .medel"), path);
        goto done;
    }
    if (!is_name(name) || !body || (label && strpbrk(label, "\"\\\n\r"))) {
        api_error(rs, 400, _("ett scenario behöver ett namn (bokstäver, siffror och _), en benämning utan citattecken och sin text"));
        goto done;
    }
    pthread_mutex_lock(&write_lock);
    locked = true;
    if (!same_version(rs, path, str(o, "version")))
        goto done;
    old = files_read(path, TEXT_LIMIT, &old_len);
    if (!old && errno != ENOENT) {
        errorf(rs, 500, _("filen '%s' kan inte läsas: %s"), path, messages_strerror(errno));
        goto done;
    }
    size_t start = 0, end = 0;
    bool exists = old && find_scenario(old, name, &start, &end);
    if (exists && !json_is_true(json_object_get(o, "replace"))) {
        errorf(rs, 409, _("scenariot '%s' finns redan i '%s'"), name, path);
        goto done;
    }
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        api_error(rs, 500, _("slut på minne"));
        goto done;
    }
    if (old) {
        if (exists) {
            fwrite(old, 1, start, f);
            put_scenario(f, "", name, label, body);
            fwrite(old + end, 1, old_len - end, f);
        } else {
            fwrite(old, 1, old_len, f);
            if (old_len && old[old_len - 1] != '\n')
                fputc('\n', f);
            put_scenario(f, "\n", name, label, body);
        }
    } else {
        put_scenario(f, "", name, label, body);
    }
    fclose(f);

    /* Does it load with the rule file? The rule file and the scenario file
    ** as one text, the scenario applied. */
    rules_text = files_read(rules, TEXT_LIMIT, &rules_len);
    FILE *g = rules_text ? open_memstream(&combined, &len) : NULL;
    if (!g) {
        errorf(rs, 404, _("filen '%s' kan inte läsas: %s"), rules, messages_strerror(errno));
        goto done;
    }
    fwrite(rules_text, 1, rules_len, g);
    fputc('\n', g);
    fputs(text, g);
    fclose(g);
    medel_load_options opt = {0};
    opt.scenario = name;
    medel_program *p = NULL;
    int st = medel_program_load_text(rules, combined, len, &opt, &p);
    if (st != MEDEL_OK) {
        char *msgs = NULL;
        size_t msgs_len = 0;
        FILE *m = open_memstream(&msgs, &msgs_len);
        if (m && p)
            medel_program_render_diagnostics(p, m);
        if (m)
            fclose(m);
        medel_program_free(p);
        Output out = {0};
        out.rc = st == MEDEL_ENOMEM ? MEDEL_EXIT_SOFTWARE : MEDEL_EXIT_RULES;
        out.err = msgs;
        out.err_len = msgs_len;
        command_error(rs, &out);
        free(msgs);
        goto done;
    }
    medel_program_free(p);
    int e = files_write(path, text, strlen(text), true);
    if (e) {
        errorf(rs, 500, _("filen '%s' kunde inte sparas: %s"), path, messages_strerror(e));
        goto done;
    }
    char v[FILES_VERSION_LEN + 1];
    files_version(text, strlen(text), v);
    set_json(rs, 200, json_pack("{s:s, s:s}", "file", path, "version", v));
done:
    if (locked)
        pthread_mutex_unlock(&write_lock);
    free(old);
    free(text);
    free(rules_text);
    free(combined);
    json_decref(o);
}

/* ---- routing ---- */

bool api_wants_json(const char *url)
{
    return strncmp(url, "/api/", 5) == 0 && strcmp(url, "/api/upload") != 0;
}

void api_handle(const ApiRequest *rq, ApiResponse *rs)
{
    memset(rs, 0, sizeof *rs);
    bool get = !strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD");
    bool post = !strcmp(rq->method, "POST");
    const char *u = rq->url;
    if (get && !strcmp(u, "/api/status"))
        set_json(rs, 200, json_pack("{s:s, s:s, s:s}", "medel", medel_version(), "folder", files_root(), "language",
                                    messages_language()));
    else if (get && !strcmp(u, "/api/files"))
        get_files(rs);
    else if (get && !strcmp(u, "/api/file"))
        get_file(rq, rs);
    else if (!strcmp(rq->method, "PUT") && !strcmp(u, "/api/file"))
        put_file(rq, rs);
    else if (get && !strcmp(u, "/api/download"))
        get_download(rq, rs);
    else if (post && !strcmp(u, "/api/undo"))
        post_undo(rq, rs);
    else if (post && !strcmp(u, "/api/upload"))
        post_upload(rq, rs);
    else if (post && !strcmp(u, "/api/validate"))
        post_validate(rq, rs);
    else if (post && !strcmp(u, "/api/format"))
        post_format(rq, rs);
    else if (post && !strcmp(u, "/api/diff"))
        post_diff(rq, rs);
    else if (post && !strcmp(u, "/api/check"))
        post_report(rq, rs, medel_run_check);
    else if (post && !strcmp(u, "/api/allocate"))
        post_report(rq, rs, medel_run_allocate);
    else if (post && !strcmp(u, "/api/explain"))
        post_explain(rq, rs);
    else if (post && !strcmp(u, "/api/whatif"))
        post_whatif(rq, rs);
    else if (post && !strcmp(u, "/api/assessment"))
        post_assessment(rq, rs);
    else if (post && !strcmp(u, "/api/scenario"))
        post_scenario(rq, rs);
    else
        api_error(rs, 404, _("det finns ingen sådan tjänst i API:t"));
}
