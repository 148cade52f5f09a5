/*
** medel.h: the engine's public interface, the one header a program that
** embeds medel includes. Every name it declares starts with medel_ (or
** MEDEL_); everything else in the library is hidden.
**
** The contract, in the spirit of lua.h and jq.h:
**   - Everything is data. The library prints nothing and never aborts; a
**     call that fails returns a status (enum medel_status), and what went
**     wrong is kept as data on the object it concerns (diagnostics on the
**     program, rejected rows on the application set).
**   - Out of memory is a status too: a call that runs out returns
**     MEDEL_ENOMEM, having freed what it made, and leaves the objects it was
**     given as they were.
**   - Ownership: an object a medel_*_load, _read, _new, _assess or
**     _run call returns through an out-parameter belongs to the caller,
**     who frees it with the matching medel_*_free (each accepts NULL). Every
**     pointer a getter returns (texts, structs, arrays) is borrowed from the
**     object it was got from and stays valid until that object is freed.
**     An object that names another in its making (a set of applications its
**     program, an assessment or allocation its set) borrows it: free it
**     before the one it borrows.
**   - Threads: objects are not shared between threads while one of them is
**     being changed; different objects may be used in different threads.
**     Reading, assessing and allocating run on the calling thread.
**   - Amounts are integer öre (int64_t): 1 krona = 100 öre.
**   - Texts are UTF-8, NUL-terminated.
*/
#ifndef MEDEL_H
#define MEDEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The engine's version, e.g. "0.2.0" (a static string). */
const char *medel_version(void);

/* The language of every later message, diagnostic and report text: "sv"
** (the default; also "svenska") or "en" (also "english", "engelska"); NULL
** takes it from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: "en"
** or "en_*" means English, anything else Swedish). localedir is the folder of
** the catalogs (<localedir>/en/LC_MESSAGES/medel.mo), NULL for the folder the
** library was installed with. Without a call, messages follow the
** environment, except that English needs a message locale other than C:
** English in the C locale sets LC_MESSAGES to C.UTF-8, so call this before
** starting threads. Returns MEDEL_EINVAL for a language it does not know. */
int medel_set_language(const char *language, const char *localedir);

/* ---- status ---- */

typedef enum medel_status {
    MEDEL_OK = 0,
    MEDEL_ENOMEM,      /* out of memory: nothing was made */
    MEDEL_EINVAL,      /* a bad argument: NULL where an object is needed, an unknown field, pot or format name */
    MEDEL_ENOINPUT,    /* a file cannot be read (the diagnostics or problems say why) */
    MEDEL_ERULES,      /* the rule file or one of its data tables has errors (see the diagnostics) */
    MEDEL_EAPPS,       /* applications were rejected, or the file is broken (see the problems) */
    MEDEL_EIO,         /* the output stream could not be written */
    MEDEL_EBUG,        /* an internal check failed (e.g. conservation): a bug in medel */
    MEDEL_EHEADER      /* the columns of an application file or a data table do not match the rule file: a
                       ** column it declares is missing (see the diagnostics or problems); the command line's 69 */
} medel_status;

/* A short English description of a status ("out of memory"); static. */
const char *medel_status_text(int status);

/* Why a file operation failed, for errno errnum, in the language of
** messages: medel's own Swedish words ("filen eller mappen finns inte",
** "disken är full"), which need no Swedish locale on the machine, or the C
** library's English. Static: never free it. */
const char *medel_strerror(int errnum);

/* ---- locations and diagnostics ---- */

/* A place in a rule file (or one of its data files): lines and columns
** from 1; columns count display columns as the command line's messages do
** (tabs to the next multiple of 8). end_line/end_column is the position just
** after the span. file is NULL (and the numbers 0) for a message about no
** place in particular. */
typedef struct medel_location {
    const char *file;
    unsigned line, column;
    unsigned end_line, end_column;
} medel_location;

typedef enum medel_severity {
    MEDEL_ERROR,
    MEDEL_WARNING
} medel_severity;

typedef struct medel_note {
    medel_location where;
    const char *message;
} medel_note;

/* One diagnostic of loading a rule file, in the order the command line
** shows them (by file, then position, then emission). A problem in a data
** table (a missing file, a missing column, a bad cell) is placed at the
** table's declaration in the rule file, with a message that names the data
** file and its row, as the command line writes it. */
typedef struct medel_diagnostic {
    medel_severity severity;
    medel_location where;
    const char *message;      /* lower case, no final period, e.g. "unknown field 'x'" */
    const medel_note *notes;  /* n_notes notes, each with its own location */
    size_t n_notes;
} medel_diagnostic;

/* ---- programs: a loaded and checked rule file ---- */

typedef struct medel_program medel_program;

typedef struct medel_load_options {
    int allow_outside_paths;   /* data and extended files may lie outside the rule file's folder */
    const char *scenario;      /* apply this scenario of the rule file (NULL: the baseline) */
} medel_load_options;

/* Loads and checks a rule file and its data tables; opt may be NULL. On
** MEDEL_OK, MEDEL_ENOINPUT, MEDEL_ERULES and MEDEL_EHEADER, *out is a new
** program (free it with medel_program_free) that holds the diagnostics; it
** can be used for the rest of the API only when the status is MEDEL_OK (the
** readers return MEDEL_EINVAL for a program that did not load).
** MEDEL_ENOINPUT: the file could not be read; MEDEL_ERULES: it (or a table)
** has errors; MEDEL_EHEADER: a table's header lacks a declared column. A
** table read as Windows-1252 or UTF-16, or with empty rows skipped, gives a
** diagnostic of severity MEDEL_WARNING ("T.csv: note: …"). On
** MEDEL_ENOMEM and MEDEL_EINVAL (path or out NULL), *out is NULL.
** Diagnostics are worded as for the command line: where one says "run with
** --allow-outside-paths", a program sets opt->allow_outside_paths. */
int medel_program_load(const char *path, const medel_load_options *opt, medel_program **out);

/* The same for rule text in memory (text[0..len), copied); `name` names it
** in diagnostics, and data files are resolved against its folder. */
int medel_program_load_text(const char *name, const char *text, size_t len, const medel_load_options *opt,
                            medel_program **out);

void medel_program_free(medel_program *p);

/* The status medel_program_load returned for p. */
int medel_program_status(const medel_program *p);

size_t medel_program_diagnostic_count(const medel_program *p);
size_t medel_program_error_count(const medel_program *p);
/* i < medel_program_diagnostic_count(p); NULL otherwise. */
const medel_diagnostic *medel_program_diagnostic(const medel_program *p, size_t i);

/* Writes the diagnostics to out exactly as `medel check` writes them on
** its standard error (source lines, carets, the closing "N errors" line).
** Returns MEDEL_OK, MEDEL_EIO or MEDEL_ENOMEM. */
int medel_program_render_diagnostics(const medel_program *p, FILE *out);

/* The agreement's name ("Ungdomsmottagningar 2021"). */
const char *medel_program_name(const medel_program *p);

/* The fields of an application, in the rule file's order. */
size_t medel_program_field_count(const medel_program *p);
const char *medel_program_field_name(const medel_program *p, size_t field);     /* NULL when out of range */
const char *medel_program_field_column(const medel_program *p, size_t field);   /* its column header in files */

/* The pots, in the rule file's order (a parent before its children). */
size_t medel_program_pot_count(const medel_program *p);
const char *medel_program_pot_name(const medel_program *p, size_t pot);
/* Whether the pot takes applications (else it only splits or pays out). */
int medel_program_pot_takes_applications(const medel_program *p, size_t pot);

/* ---- applications ---- */

typedef struct medel_applications medel_applications;

/* What reading said about one row or about the file: a rejected row has
** severity MEDEL_ERROR and row > 0; warnings (a header cell not read, the
** note "filen är sparad som Windows-1252; den lästes som sådan" of a file
** read in another encoding than UTF-8) and errors of the whole file have
** row 0. */
typedef struct medel_problem {
    medel_severity severity;
    size_t row;            /* the row's line in the file (CSV, JSON Lines), its sheet row (a workbook) or its
                           ** record number (JSON); 0: none */
    const char *key;       /* the rejected row's key when it could be read, else NULL */
    const char *column;    /* the column (or JSON field) at fault, or NULL */
    const char *message;   /* what was wrong, e.g. "'1,5,0' is not an amount" */
    const char *text;      /* the whole line as the command line writes it: "apps.csv:7: column 'X': …" */
} medel_problem;

typedef struct medel_counts {
    size_t read;       /* rows read */
    size_t valid;      /* applications kept */
    size_t rejected;   /* rows rejected (each has a problem) */
    size_t warnings;   /* each also a problem of severity MEDEL_WARNING: a header cell not read, a
                       ** file read as Windows-1252 or UTF-16 (its message "filen är sparad som …") */
    int complete;      /* 1 when the whole input was read; 0 when it broke off (a fatal problem) */
    size_t empty;      /* CSV rows with no value at all, skipped: neither read nor rejected */
} medel_counts;

/* Reads applications for program p. format is "csv", "json", "jsonl",
** "xlsx" (the first sheet of an Excel workbook), or NULL (by the name:
** .json, .jsonl/.ndjson, .xlsx, otherwise CSV; a workbook by its content
** too); an unknown one is
** MEDEL_EINVAL. On any status but MEDEL_ENOMEM and MEDEL_EINVAL, *out is a
** new set (free it with medel_applications_free) holding the valid
** applications and the problems: MEDEL_OK when every row was valid;
** MEDEL_EAPPS when rows were rejected or the file broke off part way (the
** set then holds the valid rows read, as `--keep-going` would);
** MEDEL_ENOINPUT when it cannot be read or opened as applications at all
** (not JSON, UTF-16 without a byte-order mark: what `medel check` exits 66
** for); MEDEL_EHEADER when its columns do not match the program (a header
** without a required column, a JSON key every record lacks: `medel check`'s
** 69); the problems say why. Rows are checked exactly as `medel
** check` checks them. The set borrows p. */
int medel_applications_read_file(const medel_program *p, const char *path, const char *format,
                                 medel_applications **out);

/* The sheet named `sheet` (NULL: the first) of the Excel workbook at path,
** as medel_applications_read_file reads with format "xlsx"; a sheet the
** workbook lacks is MEDEL_ENOINPUT (the problem lists its sheets). */
int medel_applications_read_workbook(const medel_program *p, const char *path, const char *sheet,
                                     medel_applications **out);

/* From a stream the caller opened (read to its end, not closed); `name`
** (not NULL: MEDEL_EINVAL) names it in problems and reports. */
int medel_applications_read_stream(const medel_program *p, FILE *in, const char *name, const char *format,
                                   medel_applications **out);

/* From bytes in memory (data[0..len), not copied: the bytes are read
** during the call only); `name` as for a stream. */
int medel_applications_read_memory(const medel_program *p, const void *data, size_t len, const char *name,
                                   const char *format, medel_applications **out);

/* An empty set, to which medel_applications_add adds applications; name
** may be NULL. */
int medel_applications_new(const medel_program *p, const char *name, medel_applications **out);

/* Adds one application given as n field/value pairs: fields[i] is a
** field's name or its column header, values[i] its value as a CSV cell
** would hold it ("1 500 000 kr", "ja", "" for missing); a field not given is
** missing, and so is one whose value is NULL (a NULL field name is
** MEDEL_EINVAL). The values are converted and checked by the same rules as a file's
** cells (a required field missing, a key used twice), so the application is
** what the row of a CSV file would give. MEDEL_OK: added; MEDEL_EAPPS: it is
** rejected (a problem is added, counted as a rejected row); MEDEL_EINVAL: a
** name is no field, or is given twice (nothing added, nothing counted). */
int medel_applications_add(medel_applications *s, const char *const *fields, const char *const *values, size_t n);

void medel_applications_free(medel_applications *s);

medel_counts medel_applications_counts(const medel_applications *s);
/* The valid applications, in input order. */
size_t medel_applications_count(const medel_applications *s);
const char *medel_applications_key(const medel_applications *s, size_t i);   /* NULL when out of range */
/* The index of the application with that key, or -1. */
long medel_applications_find(const medel_applications *s, const char *key);

size_t medel_applications_problem_count(const medel_applications *s);
const medel_problem *medel_applications_problem(const medel_applications *s, size_t i);

/* ---- assessing one application ---- */

typedef enum medel_verdict {
    MEDEL_ELIGIBLE,         /* every criterion of the pot holds */
    MEDEL_NOT_ELIGIBLE,     /* a criterion fails */
    MEDEL_MANUAL,           /* an input is missing: a person must judge */
    MEDEL_NOT_APPLICABLE    /* the pot does not consider it ('ansökningar där'), or takes no applications */
} medel_verdict;

/* A criterion that does not hold for the application (or cannot be
** decided: verdict MEDEL_MANUAL). */
typedef struct medel_failure {
    const char *criterion;   /* its name */
    const char *label;       /* its label, or NULL */
    const char *reason;      /* the reason the rule file gives (Swedish), or NULL */
    medel_verdict verdict;   /* MEDEL_NOT_ELIGIBLE or MEDEL_MANUAL */
    const char *pot;         /* the pot it is declared in (it applies to it and below), NULL: every pot */
    medel_location where;    /* the criterion in the rule file */
} medel_failure;

typedef struct medel_assessment medel_assessment;

/* Assesses application i of s; *out is new (medel_assessment_free); it
** borrows s. MEDEL_EINVAL when i is out of range. */
int medel_assess(const medel_applications *s, size_t i, medel_assessment **out);

void medel_assessment_free(medel_assessment *a);

const char *medel_assessment_key(const medel_assessment *a);
/* Per pot (0 .. medel_program_pot_count - 1): the verdict; out of range
** gives MEDEL_NOT_APPLICABLE. */
medel_verdict medel_assessment_verdict(const medel_assessment *a, size_t pot);
/* The total priority score in the pot. */
int64_t medel_assessment_score(const medel_assessment *a, size_t pot);
/* The sub-pot (row of the split's table) the application routes to in the
** pot, or -1 when the pot (and its ancestors) do not split; and that row's
** key ("Botkyrka"), or NULL. */
long medel_assessment_route(const medel_assessment *a, size_t pot);
const char *medel_assessment_route_key(const medel_assessment *a, size_t pot);

/* The criteria that fail or cannot be decided, in the rule file's order:
** those of the pots that consider the application (a verdict other than
** MEDEL_NOT_APPLICABLE); another pot's criteria are left out. */
size_t medel_assessment_failure_count(const medel_assessment *a);
const medel_failure *medel_assessment_failure(const medel_assessment *a, size_t i);
/* Whether failure i counts against pot `pot`. */
int medel_assessment_failure_applies(const medel_assessment *a, size_t i, size_t pot);

/* The priorities, in the rule file's order: name and score. */
size_t medel_assessment_priority_count(const medel_assessment *a);
const char *medel_assessment_priority_name(const medel_assessment *a, size_t i);
int64_t medel_assessment_priority_score(const medel_assessment *a, size_t i);

/* A field's value as a person reads it ("1 500 000 kr", "ja", "12..22"),
** or NULL when the value is missing (or field is out of range). */
const char *medel_assessment_value(const medel_assessment *a, size_t field);
/* The requested amount in öre, or -1 when it is missing. */
int64_t medel_assessment_requested(const medel_assessment *a);

/* ---- allocation ---- */

typedef struct medel_allocation medel_allocation;

/* What a pot's 'kvar' does with what it leaves after handing out. */
typedef enum medel_leftover {
    MEDEL_LEFTOVER_STAYS,     /* kvar stannar (the default): unallocated in the pot */
    MEDEL_LEFTOVER_RETURNED,  /* kvar återbetalas: paid back to the grantor (returned) */
    MEDEL_LEFTOVER_MOVES      /* kvar flyttas till P, or the pot has a second round: moved on (moved_out) */
} medel_leftover;

/* The parts of a sub-pot of a split with rules (grundbelopp, tak, spärr,
** minst N enheter), bits of medel_pot.split_flags. */
enum {
    MEDEL_SPLIT_EXCLUDED = 1,   /* weight 0 or under the threshold (spärr): it gets nothing */
    MEDEL_SPLIT_CAPPED = 2,     /* its total is the ceiling (tak) */
    MEDEL_SPLIT_RAISED = 4      /* its share was raised to the minimum number of units (minst N enheter) */
};

/* One pot or sub-pot of an allocation, in pre-order: a pot before its
** children, a split pot followed by its sub-pots in its table's order, a
** pot's second round (andra omgång) right after the pot and its sub-pots.
** For each, to the öre:
**     amount + moved_in == to_children + granted + moved_out + returned + unallocated
** and the amounts of its children add up to to_children. A second round is
** no pot's child (parent -1, round_of its pot) and has no amount of its own:
** its money is its pot's leftover, as moved_in. Over the whole allocation
** the amounts of the entries with parent -1 add up to medel_allocation_total,
** which is medel_allocation_granted + _returned + _unallocated. */
typedef struct medel_pot {
    const char *name;        /* "kommunerna", or "kommunerna/Botkyrka" for a sub-pot, or
                             ** "länsgemensamt/andra_omgången" for a second round */
    const char *key;         /* a sub-pot's key in its table ("Botkyrka"), else NULL */
    size_t program_pot;      /* the pot of the program (a sub-pot: its split pot) */
    long parent;             /* index of the parent entry, -1 for a top-level pot or a second round */
    const size_t *children;  /* indices of the child entries (pots or sub-pots) */
    size_t n_children;
    int64_t amount;          /* öre */
    int64_t to_children;
    int64_t granted;
    int64_t unallocated;     /* what stays in it (kvar stannar) */
    size_t n_considered;     /* applications considered */
    size_t n_funded;
    /* Added with 'kvar' and split rules (0.3): at the end, so that the
    ** struct only grows. What moved between pots: */
    int64_t moved_in;        /* handed here by other pots' 'kvar flyttas till' (a second round: its pot's leftover);
                             ** handed out together with amount */
    int64_t moved_out;       /* what it left that moved on to the entry moved_to */
    long moved_to;           /* the entry that received moved_out, or -1 */
    int64_t returned;        /* what it left that is paid back (kvar återbetalas) */
    medel_leftover leftover; /* its 'kvar' (a sub-pot: its split pot's, which acts on each sub-pot) */
    long round;              /* the entry of its second round, or -1 */
    long round_of;           /* a second round: the entry of the pot whose leftover it hands out, else -1 */
    const char *deadline;    /* a second round's sista_ansökningsdag as written ("30 november 2021"), or NULL */
    /* A sub-pot of a split with rules (has_parts 1): amount == split_base + split_share;
    ** otherwise all 0. */
    int has_parts;
    int64_t split_base;      /* its grundbelopp */
    int64_t split_share;     /* its apportioned part of the rest */
    unsigned split_flags;    /* MEDEL_SPLIT_EXCLUDED, MEDEL_SPLIT_CAPPED, MEDEL_SPLIT_RAISED */
} medel_pot;

typedef enum medel_grant_status {
    MEDEL_GRANT_FULL,          /* the whole (capped) request */
    MEDEL_GRANT_PARTIAL,       /* what was left, or a pro-rata share */
    MEDEL_GRANT_NOT_REACHED,   /* eligible, but the pot was spent before its turn */
    MEDEL_GRANT_BELOW_MINIMUM, /* what it could get was below the minimum grant */
    MEDEL_GRANT_NO_ROUTE,      /* its routing field names no sub-pot */
    MEDEL_GRANT_PAYOUT         /* rättighet: a sub-pot paid out to its key */
} medel_grant_status;

/* An application considered by a pot, and what it got there. */
typedef struct medel_grant {
    long application;        /* index in the set, or -1 for a payout */
    const char *key;         /* the application's key (a payout: the sub-pot's key) */
    size_t pot;              /* the entry (index into the pots) that considered it */
    int64_t amount;          /* granted, öre (0 unless FULL, PARTIAL or PAYOUT) */
    int64_t wanted;          /* the capped request */
    int64_t score;
    unsigned rank;           /* 1-based place in the pot's order */
    medel_grant_status status;
} medel_grant;

/* Assesses every application of s and allocates the program's pots; *out
** is new (medel_allocation_free) and borrows s. MEDEL_ERULES: a table's
** weights add up past what medel can count; MEDEL_EAPPS: the requests do;
** MEDEL_EBUG: conservation failed. On those *out is NULL and, when msg is
** not NULL, msg[0..msg_len) says why; on MEDEL_ENOMEM (and MEDEL_EINVAL)
** *out is NULL and msg is "". */
int medel_allocation_run(const medel_applications *s, medel_allocation **out, char *msg, size_t msg_len);

void medel_allocation_free(medel_allocation *al);

size_t medel_allocation_pot_count(const medel_allocation *al);
const medel_pot *medel_allocation_pot(const medel_allocation *al, size_t i);
size_t medel_allocation_grant_count(const medel_allocation *al);
const medel_grant *medel_allocation_grant(const medel_allocation *al, size_t i);
/* What application i was granted in all pots together, öre. */
int64_t medel_allocation_granted_to(const medel_allocation *al, size_t application);
/* The sums of the top-level pots, of all grants and of all unallocated money. */
int64_t medel_allocation_total(const medel_allocation *al);
int64_t medel_allocation_granted(const medel_allocation *al);
int64_t medel_allocation_unallocated(const medel_allocation *al);
/* The sum of all money paid back (kvar återbetalas): total == granted + returned + unallocated. */
int64_t medel_allocation_returned(const medel_allocation *al);

/* ---- reports ---- */

typedef enum medel_format {
    MEDEL_TABLE,   /* aligned text for a terminal (control characters shown escaped) */
    MEDEL_CSV,     /* for Excel: ';'-separated, UTF-8 with BOM, decimal comma */
    MEDEL_JSON,    /* for other systems, with the engine version and input hashes */
    MEDEL_XLSX,    /* an Excel workbook (check and allocate), the bytes of --format xlsx */
    MEDEL_HTML     /* allocate only: the decision basis, one self-contained HTML page to print on A4 */
} medel_format;

/* Each writes to out the bytes the command writes to its output for the
** same rule file and applications: medel check, medel explain --id KEY and
** medel allocate, with --keep-going when rows were rejected (explain:
** MEDEL_TABLE or MEDEL_JSON, as `explain --format`; MEDEL_CSV and
** MEDEL_XLSX are MEDEL_EINVAL; MEDEL_HTML is for medel_write_allocation
** alone, `allocate --format html`). A workbook's "Om körningen" sheet, and
** the decision basis's footer, give no command line (a program has none)
** and their time is now (or SOURCE_DATE_EPOCH); its "Avvisade rader" are
** the set's problems. The JSON
** reports name the applications by the set's name and give the SHA-256 of
** the file of that name when there is one: name a set read from memory, a
** stream or pairs after the file its bytes came from, or after no file
** (then no hash is given).
** The report is made whole in memory before a byte reaches out. Returns
** MEDEL_OK, MEDEL_EIO (out could not be written, or a workbook could not
** be made: too many rows for Excel, no room for its temporary file),
** MEDEL_EINVAL or MEDEL_ENOMEM. */
int medel_write_check(const medel_applications *s, medel_format format, FILE *out);
int medel_write_explain(const medel_allocation *al, size_t application, medel_format format, FILE *out);
int medel_write_allocation(const medel_allocation *al, medel_format format, FILE *out);

/* ---- the application template ---- */

typedef enum medel_template_format {
    MEDEL_TEMPLATE_XLSX,   /* a workbook: sheet Ansökningar (the headers, a comment on each, drop-down lists and
                           ** validations over 1000 rows), Anvisningar (one row per column) and the hidden Listor */
    MEDEL_TEMPLATE_CSV,    /* the header row the readers expect: ';'-separated, UTF-8 with BOM */
    MEDEL_TEMPLATE_GUIDE   /* the instructions as CSV: rubrik;typ;obligatorisk;tillåtna_värden;exempel */
} medel_template_format;

/* Writes the application template of p (a program that loaded: MEDEL_EINVAL
** otherwise) to out, as `medel mall` writes it: the columns of its
** `ansökan` fields with their exact headers in the rule file's order, and
** the keys of the tables a `nyckel i T` field refers to. The template is
** made whole before a byte reaches out. Returns MEDEL_OK, MEDEL_EIO (out,
** or the workbook's temporary file, could not be written), MEDEL_EINVAL or
** MEDEL_ENOMEM. */
int medel_write_template(const medel_program *p, medel_template_format format, FILE *out);

/* ---- commands: the command line's jobs as calls ----
** What `medel validate`, `fmt`, `diff`, `check`, `explain`, `allocate`,
** `whatif` and `beslut` do, for a program that serves them (medel serve) or
** embeds them, without starting medel: each writes to out the bytes the
** command writes to its standard output (or to its output file: a workbook,
** the decision basis), to err what it writes on its standard error (the
** diagnostics, the "medel: …" lines; err may be NULL to drop them), and
** returns the command's exit status, one of MEDEL_EXIT_*. out receives
** nothing unless there is a whole result (a failure leaves it empty), so a
** caller can stream out to a file or a socket. Paths are as the command line
** takes them (relative to the working directory; applications "-" is
** standard input, which only one call at a time may read). Only the calling
** thread is used, unless MEDEL_JOBS says otherwise.
**   - err sees what the program's standard error shows: the same lines,
**     control and invisible characters escaped. A report that records the
**     command line it was made by (the decision basis, a workbook's Om
**     körningen) has no row Kommandorad: a call has no command line.
**   - A required input the call lacks (rules; applications for the run
**     commands; id for explain) is MEDEL_EXIT_USAGE, said on err; so is a
**     format the command does not write.
**   - Out of memory ends the call, not the process: what it made is freed,
**     "medel: minnet tog slut" goes to err and it returns MEDEL_EXIT_SOFTWARE.
**   - Threads: calls on different inputs may run on several threads at
**     once; none keeps state between calls. Call medel_set_language before
**     starting them. */

enum {
    MEDEL_EXIT_OK = 0,              /* done; everything valid */
    MEDEL_EXIT_DIFFERS = 1,         /* diff: the agreements differ */
    MEDEL_EXIT_PORTFOLIO = 3,       /* allocate: a binding portfolio constraint does not hold (the report is written) */
    MEDEL_EXIT_USAGE = 64,          /* a request the engine cannot take as given (an unknown scenario, pot or key) */
    MEDEL_EXIT_RULES = 65,          /* a rule file, a scenario or a data table has errors */
    MEDEL_EXIT_NOINPUT = 66,        /* an input file cannot be read */
    MEDEL_EXIT_APPLICATIONS = 67,   /* application rows were rejected (out is empty unless keep_going) */
    MEDEL_EXIT_NOT_FOUND = 68,      /* explain: no application has that key */
    MEDEL_EXIT_HEADER = 69,         /* the columns of an applications file or a data table do not match the rule file */
    MEDEL_EXIT_SOFTWARE = 70,       /* a bug in medel, e.g. conservation failed */
    MEDEL_EXIT_ASSESSMENTS = 72,    /* the file of assessments has errors */
    MEDEL_EXIT_IO = 74              /* out (or a temporary file) cannot be written */
};

/* The inputs of a command; what a command does not use is ignored. Zero
** (NULL) means "not given" throughout. */
typedef struct medel_command {
    const char *rules;            /* the rule file's path */
    const char *rules_text;       /* validate, fmt, diff: the rule file's text in place of the file's bytes (an
                                  ** unsaved edit; rules still names it and its folder resolves data files) */
    size_t rules_len;             /* the length of rules_text */
    const char *applications;     /* the application file (CSV, JSON, JSON Lines or .xlsx, by name and content) */
    const char *sheet;            /* a workbook's sheet (NULL: the first) */
    const char *assessments;      /* the officers' assessments (as --bedömningar), applied to every result */
    const char *id;               /* explain: the application's key */
    int keep_going;               /* rejected rows are reported and left out (as --keep-going) */
    int allow_outside_paths;      /* data and extended files may lie outside the rule file's folder */
    int werror;                   /* a warning in the rule file is an error */
    /* whatif: */
    const char *scenario_file;    /* further 'scenario' blocks (as --scenarios) */
    const char *scenario_text;    /* scenario blocks as text, named "arbetsytan" in messages */
    const char *const *scenarios; /* the scenarios to compare, by name; none: every scenario there is */
    size_t n_scenarios;
    const char *sweep_pot;        /* a sweep of one pot's amount (as --sweep POT=FROM..TO steg STEP), or NULL */
    int64_t sweep_from, sweep_to, sweep_step;   /* öre */
    /* diff: */
    const char *old_rules;        /* the file to compare with; NULL: the file that rules extends (utökar) */
} medel_command;

/* validate --format json: the document of validate.schema.json for
** c->rules (or c->rules_text), with every diagnostic's span in bytes and,
** where the message's suggestion is unambiguous, its "fix": the text that
** replaces the span. format MEDEL_JSON or MEDEL_TABLE (the text validate
** prints). The document is written for a file with errors too (its status
** "invalid", the call's MEDEL_EXIT_RULES); c->scenario_file's scenarios are
** checked as well (validate --scenarios). */
int medel_run_validate(const medel_command *c, medel_format format, FILE *out, FILE *err);

/* fmt --stdout: the rule file in the canonical layout (comments kept; the
** meaning never changes). MEDEL_EXIT_RULES, and nothing on out, when the
** file has syntax errors (they go to err). */
int medel_run_format(const medel_command *c, FILE *out, FILE *err);

/* diff OLD NEW (c->old_rules, or the file c->rules extends, against c->rules
** or c->rules_text): MEDEL_TABLE (the differences in words) or MEDEL_JSON
** (diff.schema.json). MEDEL_EXIT_OK or MEDEL_EXIT_DIFFERS when both load;
** MEDEL_EXIT_USAGE when no old file is given and the rules extend none. */
int medel_run_diff(const medel_command *c, medel_format format, FILE *out, FILE *err);

/* The path of the file c->rules (or c->rules_text) extends, as written
** after 'utökar' and resolved against its folder, in buf (n bytes); "" when
** it extends none. MEDEL_EXIT_OK, or MEDEL_EXIT_NOINPUT / MEDEL_EXIT_RULES
** when it cannot be read or parsed. */
int medel_rules_extends(const medel_command *c, char *buf, size_t n);

/* check, explain --id, allocate: as medel_write_check and friends, with
** every format those commands take (allocate: MEDEL_TABLE, CSV, JSON, XLSX,
** HTML the decision basis). */
int medel_run_check(const medel_command *c, medel_format format, FILE *out, FILE *err);
int medel_run_explain(const medel_command *c, medel_format format, FILE *out, FILE *err);
int medel_run_allocate(const medel_command *c, medel_format format, FILE *out, FILE *err);

/* whatif: the baseline and each scenario (or the sweep) side by side:
** MEDEL_TABLE, CSV, JSON (whatif.schema.json), HTML (the self-contained
** report with its charts) or XLSX. The scenarios compared are those named
** in c->scenarios, looked for in the rule file, c->scenario_file and
** c->scenario_text; with none named, every scenario of the three (--all).
** An error in c->scenario_text is MEDEL_EXIT_RULES, its messages at
** "arbetsytan:LINE:COLUMN:" in that text. A sweep (sweep_pot not NULL)
** compares the points sweep_from, sweep_from + sweep_step, … up to
** sweep_to (at most 10 000), as --sweep does; a step of 0 or less, or a
** sweep_to below sweep_from, is MEDEL_EXIT_USAGE. */
int medel_run_whatif(const medel_command *c, medel_format format, FILE *out, FILE *err);

/* beslut: allocates as allocate does (with c->assessments) and writes the
** decision letters (one HTML letter per applicant and index.html, with the
** built-in template: the files medel beslut writes into its folder, byte
** for byte) as one zip archive to out, each entry dated 1980-01-02 so that
** the same letters make the same archive. */
int medel_run_letters(const medel_command *c, FILE *out, FILE *err);

#ifdef __cplusplus
}
#endif

#endif
