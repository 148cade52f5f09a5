/*
** program.h: the checked program, what the runtime evaluates. checker.c builds it
** from the syntax tree once every name is resolved, every type agrees and
** every split conserves money. Names are NFC; all memory is in the Arena given
** to program_load; expressions are the AST's, annotated with types and refs.
*/
#ifndef LANG_PROGRAM_H
#define LANG_PROGRAM_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "money.h"
#include "source.h"

/* Where in the agreement a declaration comes from. Any part may be NULL. */
typedef struct Ref {
    const char *source;
    const char *url;
    const char *paragraph;
    const char *decision;
} Ref;

typedef struct FocusArea {
    const char *name;     /* identifier, e.g. digital */
    const char *label;    /* Swedish label, e.g. "Digitala tillgänglighetslösningar" */
    const char *fold_name, *fold_label;  /* case-folded, for matching input */
    Span span;
} FocusArea;

/* Sets of focus areas or of one-of values are bit masks at run time. */
#define MAX_SET_MEMBERS 64

/* The values of one `en av` / `mängd av` type. */
typedef struct EnumDef {
    const char **values;
    const char **folded;  /* case-folded values, for matching input */
    Span *spans;
    size_t n;
} EnumDef;

typedef struct Field {
    const char *name;
    const char *column;   /* the column header in input files (defaults to name) */
    Type type;            /* TY_KEY: type.id is the table; TY_ENUM/sets: type.id the enum */
    unsigned flags;       /* FieldFlag */
    Span span;
} Field;

typedef struct Column {
    const char *name;
    const char *header;   /* header in the CSV file; a derived column: "= a + b", the sum it takes */
    Type type;            /* TY_TEXT, TY_INT, TY_MONEY */
    bool key;
    Span span;
    Span header_span;     /* where the header text is written (or the name) */
    /* A derived column (`name: heltal = a + b`, or by year) is not read: the
    ** table loader adds the read columns `sum` (indices into the table's
    ** columns, one entry per time a column is added, derived columns
    ** already expanded) for each row. NULL for a read column. */
    const Item *decl;     /* the column as written (ITEM_FIELD), for --dump */
    const int32_t *sum;
    size_t n_sum;
    bool derived;
    int chosen;           /* by year: the alternative (decl->body index) the agreement's year chose; else -1 */
} Column;

typedef struct Table {
    const char *name;
    const char *file;     /* as written */
    const char *path;     /* resolved against the declaring rule file's folder */
    Column *columns;
    size_t n_columns;
    int key;              /* index of the key column */
    Ref ref;
    Span span;
    Span file_span;       /* the 'ändra tabell' that named its file, or SPAN_NONE: the declaration did */
    bool unsound;         /* its declaration, its derived columns or its file's header had errors:
                          ** validate does not read its rows */
} Table;

typedef enum ShareKind {
    SHARE_ROOT,     /* a top-level pot: its amount is its own */
    SHARE_FIXED,    /* belopp 10 MSEK */
    SHARE_PERCENT,  /* belopp 40 %: of the parent */
    SHARE_REST      /* belopp resten: what the siblings leave */
} ShareKind;

typedef enum Apportion {
    APPORTION_LARGEST_REMAINDER,  /* Hamilton: floor of the quotas, then remainders */
    APPORTION_DHONDT,             /* divisors 1, 2, 3 … */
    APPORTION_SAINTE_LAGUE        /* divisors first, 3, 5 …; first = 1 or 1,2 (Swedish) */
} Apportion;

/* An amount of a split rule as written: a fixed amount, or a percentage of
** the pot (resolved against the pot's amount when it is known). */
typedef struct SplitAmount {
    bool set;
    bool is_percent;
    Money amount;         /* when !is_percent */
    Ratio percent;        /* when is_percent: of the pot */
    Span span;            /* the rule, for messages */
} SplitAmount;

/* fördela per <field> efter <table>.<column>: one sub-pot per table key. */
typedef struct Split {
    int field;            /* application field routing to a sub-pot */
    int table;
    int column;           /* the weights */
    Money unit;           /* rounding unit in öre (default 1 öre: exact) */
    Apportion method;
    Ratio first_divisor;  /* Sainte-Laguë's first divisor (default 1) */
    Span span;
    /* The split rules (issue 17); see runtime/apportion.h apportion_rules. */
    bool has_rules;       /* any of the below: the reports show each row's parts */
    SplitAmount base;     /* grundbelopp: each recipient first gets this */
    SplitAmount cap;      /* tak: no recipient gets more in total */
    bool has_threshold;   /* spärr */
    bool threshold_is_percent;
    Ratio threshold_percent;   /* of the total weight */
    int64_t threshold_weight;  /* a weight below this gets nothing */
    Span threshold_span;
    int64_t min_units;    /* minst N enheter: 0 = none */
    Span min_span;
} Split;

typedef enum Policy {
    POLICY_NONE,          /* a pot that only splits into sub-pots */
    POLICY_RANK,          /* rangordning: by priorities, until the pot is spent */
    POLICY_PRO_RATA,      /* proportionell: everyone eligible gets the same share */
    POLICY_ENTITLEMENT    /* rättighet: the pot (or its sub-pots) is paid out as computed */
} Policy;

typedef enum LastRule {
    LAST_PARTIAL,         /* delvis: the last project gets what is left */
    LAST_SKIP,            /* hoppa_över: skip it and try the next ones */
    LAST_STOP             /* stopp: stop at the first project that does not fit */
} LastRule;

typedef enum TieBreak {
    TIE_KEY,              /* the application key, ascending (always last) */
    TIE_AMOUNT_ASC,       /* lägst_belopp: smaller requests first */
    TIE_AMOUNT_DESC,      /* högst_belopp: larger requests first */
    TIE_ORDER             /* inkommen: file order */
} TieBreak;

/* What happens to what a pot leaves after handing out (kvar …). */
typedef enum Leftover {
    LEFTOVER_STAYS,       /* kvar stannar (default): unallocated in the pot */
    LEFTOVER_RETURNED,    /* kvar återbetalas: paid back to the grantor, its own line */
    LEFTOVER_MOVES        /* kvar flyttas till P: handed out again by pot P (leftover_to) */
} Leftover;

typedef struct Pot {
    const char *name;
    const char *label;
    const char *manager;
    Span span, name_span;
    int parent;           /* -1 for a top-level pot */
    int *children;
    size_t n_children;
    int depth;
    ShareKind share;
    Money fixed;          /* SHARE_FIXED, SHARE_ROOT */
    Ratio percent;        /* SHARE_PERCENT */
    Expr *amount_expr;
    Span amount_span;
    const char *approx;   /* the word if the amount is approximate ("nära") */
    Money amount;         /* the pot's amount, computed by checker.c */
    bool has_split;
    Split split;
    Policy policy;
    LastRule last;
    Money cap_per_application;   /* 0 = none */
    Money cap_per_applicant;     /* 0 = none */
    int cap_field;               /* the field identifying applicants, or -1 */
    Money min_grant;             /* 0 = none */
    Money grant_unit;            /* grants are whole multiples of this (avrundning; default 1 öre) */
    Expr *applies;               /* ansökningar där …: others are not considered here at all; NULL = all */
    TieBreak tie_break[4];
    size_t n_tie_break;
    int year_from, year_to;      /* 0 when not given */
    Span year_span;              /* the 'år'/'period' property */
    Leftover leftover;           /* what happens to what it (or, split, each sub-pot) leaves */
    int leftover_to;             /* LEFTOVER_MOVES: the receiving pot, else -1 */
    Span leftover_span;          /* the 'kvar' property, or the pot's name when not written */
    /* A second round ('andra omgång') is a pot of its own, placed right
    ** after the pot whose leftover it hands out (round_of); its name is
    ** "<pot>/andra_omgången", its parent the pot's parent (so criteria and
    ** priorities of the pot's ancestors and of the round apply, the pot's
    ** own do not), it is nobody's child and has no amount of its own: the
    ** money comes at allocation. */
    int round;                   /* this pot's second round, or -1 */
    int round_of;                /* for a second round: its pot, else -1 */
    const char *deadline;        /* sista_ansökningsdag, as written, or NULL */
    Ref ref;
    bool incomplete;             /* a part of it did not parse or was dropped: its split is not judged */
} Pot;

typedef struct Criterion {
    const char *name;
    const char *label;
    Expr *require;
    const char *reason;
    Ref ref;
    int pot;              /* declared in this pot (applies to it and below), or -1: all */
    Span span, name_span;
} Criterion;

typedef struct Priority {
    const char *name;
    const char *label;
    Expr *score;          /* integer */
    Expr *when;           /* yes/no, or NULL */
    const char *reason;
    Ref ref;
    int pot;
    Span span, name_span;
} Priority;

typedef struct Bound {
    bool at_least;        /* minst, else högst */
    Expr *count;          /* integer (projects) or percentage (of the granted amount) */
    Expr *where;          /* yes/no over an application, or NULL: all funded */
    Span span;
} Bound;

typedef struct Portfolio {
    const char *name;
    const char *label;
    Bound *bounds;
    size_t n_bounds;
    const char *reason;
    Ref ref;
    int pot;
    bool binding;         /* bindande: a result that breaks a bound is an error of the run, not just a report */
    Span span, name_span;
} Portfolio;

/* A named what-if scenario: changes to the baseline (see program_load). */
typedef struct Scenario {
    const char *name;
    const char *label;
    Span span;
    const Item *block;    /* the 'scenario' block as parsed (its changes) */
} Scenario;

typedef struct Program {
    const SourceSet *sources;   /* borrowed */
    const char *path;           /* the rule file */
    const char *base;           /* the file it extends, or NULL */
    const char *name;
    int year_from, year_to;
    Ref ref;
    Span span;
    FocusArea *focus;   size_t n_focus;
    EnumDef *enums;     size_t n_enums;
    Field *fields;      size_t n_fields;
    int key_field;              /* -1 if none */
    int requested_field;        /* -1 if none */
    Table *tables;      size_t n_tables;
    Pot *pots;          size_t n_pots;        /* pre-order: a parent before its children */
    Criterion *criteria; size_t n_criteria;
    Priority *priorities; size_t n_priorities;
    Portfolio *portfolios; size_t n_portfolios;
    Scenario *scenarios; size_t n_scenarios;  /* every scenario known, applied or not */
    Item **tests; size_t n_tests;             /* 'test' blocks (syntax trees: medel test reads them) */
    const char *applied;        /* the scenario applied to this program, or NULL for the baseline */
} Program;

typedef struct LoadOptions {
    bool trace_parse;           /* print the parser's steps (bison trace) */
    bool allow_outside_paths;   /* let data and extended files live outside the rule file's folder */
    const char *scenario;       /* apply this scenario to the baseline (NULL: the baseline) */
    const char *scenario_file;  /* a file of further 'scenario' blocks, or NULL */
    const char *scenario_text;  /* scenario source made by a program (--set), or NULL ... */
    const char *scenario_text_name; /* ... and the name its diagnostics use */
    const char *test_file;      /* a companion file of 'test' (and 'scenario') blocks, or NULL */
    bool reload;                /* the baseline of this rule file was loaded before in this run, its warnings said:
                                ** the warnings of inherited texts (inherit.h) are not made again (nor for a
                                ** scenario's load) */
    bool werror;                /* --werror: a warning makes the load fail as an error does (runtime/loader.h;
                                ** program_load itself only reports them) */
} LoadOptions;

/* The largest rule file program_load reads. */
#define MAX_RULE_FILE_BYTES (16 << 20)

/* Reads, parses and checks a rule file (and the files it extends). Every
** problem goes to d; the caller tests d->n_errors. Returns the program, or
** NULL when the file could not be read at all (that too is reported in d).
** The program and its strings live in `a`; source text lives in `set`. */
Program *program_load(Arena *a, SourceSet *set, Diags *d, const char *path, const LoadOptions *opt);

/* Same, from text in memory (for tests); `path` names it in messages and is
** the folder data files are resolved against. */
Program *program_load_text(Arena *a, SourceSet *set, Diags *d, const char *path,
                           const char *text, size_t len, const LoadOptions *opt);

/* Scenario s (one of base->scenarios) of the checked, error-free baseline
** `base`, when it changes nothing but pot amounts ('ändra pott X { belopp
** … }', as --set and --sweep write): the same program program_load would
** give for it, with the same diagnostics in d, but derived from base without
** reading or checking the rule file again; criteria, priorities, tables and
** the schema are base's own. Returns NULL, having reported nothing, when the
** scenario changes anything else: load it with program_load. The program
** lives in `a` and borrows from base, which must outlive it. */
Program *program_apply_amounts(Arena *a, Diags *d, const Program *base, const Scenario *s);

/* Whether scenario s leaves the applications' values as they are: it
** replaces no table (a scenario cannot change the application schema), so
** applications read under the baseline mean the same under it. */
bool program_scenario_keeps_data(const Scenario *s);

/* The amount of split rule r for a pot of `pot_amount` öre: the fixed amount,
** or the percentage of the pot. Returns false when a percentage does not
** come out in whole öre (*out is then the amount rounded down). */
bool split_amount_of(const SplitAmount *r, Money pot_amount, Money *out);

/* Checks the split rules of pot `pot` against its table's weights w[0..n)
** (keys[0..n) the rows' keys, for messages), once the rows are known: the
** base amount times the recipients left after the threshold must fit in the
** pot, and the threshold must leave someone. Reports each problem as an error
** at the rule in d, with the numbers and a fix. Returns true when there is
** none (or the pot has no split rules). Called when the tables are read
** (validate, and every command that allocates), and by the allocation. */
bool program_check_split_rows(const Program *p, int pot, const int64_t *w, const char *const *keys, size_t n,
                              Diags *d);

/* Prints the checked program in a stable, readable form (for --dump and tests). */
void program_dump(const Program *p, FILE *out);

/* Whether pot `p` is `ancestor` or lies below it. */
bool program_pot_within(const Program *prog, int p, int ancestor);

/* Marks in seen[] (one flag per field, zeroed by the caller) the
** application fields expression e reads. */
void program_fields_read(const Expr *e, bool *seen);

/* The text a span covers in its source file, as written, in `a`. */
const char *program_span_text(Arena *a, const SourceSet *set, Span sp);

/* Looks names up; -1 when absent. */
int program_find_field(const Program *p, const char *name);
int program_find_pot(const Program *p, const char *name);
int program_find_focus(const Program *p, const char *name);

#endif
