/*
** ast.h: the syntax tree of a rule file, as the grammar builds it. Blocks are
** lists of generic items (a pot holds its properties, sub-pots and criteria as
** items), so the grammar stays free of meaning: checker.c decides what a
** combination means, reports duplicates, and builds the typed Program.
** Every node lives in the Arena of the parse.
*/
#ifndef LANG_AST_H
#define LANG_AST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "money.h"
#include "source.h"

/* The deepest nesting a rule file may have, and what is said beyond it. Blocks
** in blocks, brackets, and the operators of an expression each count one
** level (a + b + c nests two deep: chains are trees). The parser enforces it,
** so every recursive walk over a tree (checker, constant and run-time
** evaluation, dumps, the formatter) recurses at most this deep. */
#define AST_MAX_DEPTH 200
#define AST_DEPTH_MESSAGE ast_depth_message()

/* What is said of a rule file nested deeper than AST_MAX_DEPTH, in the
** chosen language (static). */
const char *ast_depth_message(void);

/* ---- expressions ---- */

typedef enum ExprKind {
    EXPR_INT,        /* 12; v.i */
    EXPR_MONEY,      /* 35 MSEK; v.money, approx word in word (or NULL) */
    EXPR_PERCENT,    /* 12,5 %; v.ratio */
    EXPR_DECIMAL,    /* 1,4 (a number with decimals, e.g. a first divisor); v.ratio */
    EXPR_TEXT,       /* "…"; v.text */
    EXPR_BOOL,       /* ja / nej; v.b */
    EXPR_NAME,       /* a field, enum value or focus area; name */
    EXPR_COLUMN,     /* tabell.kolumn; name . name2 */
    EXPR_REST,       /* resten */
    EXPR_SET,        /* {a, b}; list */
    EXPR_RANGE,      /* a..b; a, b */
    EXPR_UNARY,      /* op a: OP_NOT, OP_NEG */
    EXPR_BINARY,     /* a op b */
    EXPR_PERCENT_OF, /* a av b: a percentage of an amount */
    EXPR_IF,         /* om a så b [annars c] */
    EXPR_CALL,       /* name(list) */
    EXPR_ERROR       /* stands in for a subtree with a syntax error */
} ExprKind;

typedef enum ExprOp {
    OP_NONE,
    OP_AND, OP_OR, OP_NOT, OP_NEG,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_IN, OP_NOT_IN, OP_WITHIN, OP_OVERLAPS, OP_CONTAINS, OP_INTERSECT,
    OP_ADD, OP_SUB, OP_MUL
} ExprOp;

/* The types of the rule language; checker.c assigns one to every expression. */
typedef enum TypeKind {
    TY_UNKNOWN,  /* not yet checked, or an error was already reported */
    TY_BOOL, TY_INT, TY_MONEY, TY_PERCENT, TY_TEXT,
    TY_ENUM,     /* one value of an enumeration (Type.id) */
    TY_FOCUS,    /* one focus area */
    TY_SET,      /* a set of elem (TY_ENUM with Type.id, or TY_FOCUS) */
    TY_RANGE,    /* a range of elem (TY_INT or TY_MONEY) */
    TY_KEY       /* a key of a data table (Type.id) */
} TypeKind;

typedef struct Type {
    TypeKind kind;
    TypeKind elem;     /* TY_SET, TY_RANGE: the element kind */
    int32_t id;        /* the enumeration for TY_ENUM (and sets of them), the table for TY_KEY */
} Type;

typedef struct Expr Expr;
typedef struct ExprList {
    Expr **items;
    size_t n, cap;
} ExprList;

struct Expr {
    ExprKind kind;
    Span span;
    ExprOp op;
    Expr *a, *b, *c;
    ExprList list;
    uint32_t depth;     /* 1 for a leaf; 1 + the deepest operand (parser.y) */
    bool too_deep;      /* EXPR_ERROR standing for a tree beyond AST_MAX_DEPTH, already reported */
    union {
        int64_t i;
        Money money;
        Ratio ratio;
        bool b;
        const char *text;
    } v;
    const char *name;   /* EXPR_NAME, EXPR_CALL, EXPR_COLUMN table; NFC */
    const char *name2;  /* EXPR_COLUMN column; NFC */
    const char *word;   /* EXPR_MONEY: "cirka", "nära", "drygt" … when approximate */
    /* Filled by checker.c: */
    Type type;
    int32_t ref;        /* field index, enum value index, focus index, or column index */
    int32_t ref2;       /* EXPR_COLUMN: table index */
    enum { REF_NONE, REF_FIELD, REF_ENUM_VALUE, REF_FOCUS } ref_kind;   /* EXPR_NAME */
    bool set_const;     /* EXPR_SET whose members are all named values ... */
    uint64_t set;       /* ... as the bit mask evaluation uses, worked out once */
};

/* ---- items: declarations and properties ---- */

typedef enum ItemKind {
    /* top-level declarations */
    ITEM_AGREEMENT,     /* överenskommelse "name" { props } */
    ITEM_FOCUS_AREAS,   /* fokusområden { ITEM_FOCUS… } */
    ITEM_FOCUS,         /* name "label" */
    ITEM_SCHEMA,        /* ansökan { ITEM_FIELD… } */
    ITEM_FIELD,         /* [nyckel|obligatorisk|sökt…] name: type ["column header"]; in a table, a derived
                        ** column `name: type = a + b` has expr (the sum, '+' over names), and one by year
                        ** `= a år 2021, b + c år 2022..2023` has a body of PROP_YEAR, each with expr (the
                        ** years) and expr2 (the sum) */
    ITEM_TABLE,         /* tabell name från "file" { ITEM_FIELD…, props } */
    ITEM_POT,           /* pott name ["label"] { … } */
    ITEM_CRITERION,     /* villkor name { krav expr; skäl "…" … } */
    ITEM_PRIORITY,      /* prioritet name { poäng expr [om expr] … } */
    ITEM_PORTFOLIO,     /* portfölj name { minst/högst n där expr … } */
    ITEM_EXTENDS,       /* utökar "file" */
    ITEM_CHANGE,        /* ändra pott|villkor|prioritet|portfölj|scenario|test name { … };
                        ** ändra fokusområde name "label" (text); ändra fält <ITEM_FIELD, the body's one item>;
                        ** ändra tabell name från "file" [{ columns, props }]: target ITEM_TABLE, text the file */
    ITEM_REMOVE,        /* ta bort pott|villkor|prioritet|portfölj|fokusområde|fält|tabell|scenario|test name */
    ITEM_SCENARIO,      /* scenario name ["label"] { ändra … ta bort … tabell … } */
    ITEM_TEST,          /* test name ["label"] { ansökan {…} förvänta … } */
    TEST_APPLICATION,   /* ansökan { field value … }: body of TEST_VALUE items */
    TEST_VALUE,         /* field value: name, expr (its source text is the cell) */
    TEST_FILE,          /* ansökningar "file.csv": text */
    TEST_SCENARIO,      /* scenario name: run the test under that scenario */
    TEST_EXPECT_STATUS, /* förvänta pot status [: criterion, …]: name, name2, body of names */
    TEST_EXPECT_GRANT,  /* förvänta beviljat "key" amount: text, expr */
    TEST_EXPECT_POT,    /* förvänta pott "pot/key" amount: text, expr */
    TEST_EXPECT_RANK,   /* förvänta rangordning "pot/key" "A", "B" …: text, body of TEST_VALUE items with text */
    TEST_EXPECT_PORTFOLIO, /* förvänta portfölj name uppfylld|ej_uppfylld: name, name2 */
    /* properties */
    PROP_YEAR,          /* år 2021 | år 2021–2022: expr */
    PROP_SOURCE,        /* källa "…": text */
    PROP_URL,           /* url "…" */
    PROP_PARAGRAPH,     /* stycke "…" */
    PROP_DECISION,      /* beslut "…" */
    PROP_AMOUNT,        /* belopp expr */
    PROP_MANAGER,       /* förvaltare "…" */
    PROP_LABEL,         /* benämning "…" (also the string after a name) */
    PROP_SPLIT,         /* fördela per field efter table.column { props }: name=field, expr=column */
    PROP_ROUNDING,      /* avrundning expr */
    PROP_METHOD,        /* metod name */
    PROP_FIRST_DIVISOR, /* första_divisor expr */
    PROP_BASE_AMOUNT,   /* grundbelopp expr (amount or percentage of the pot), in a split */
    PROP_SPLIT_CAP,     /* tak expr (amount or percentage of the pot), in a split: per recipient */
    PROP_THRESHOLD,     /* spärr expr (percentage of the total weight, or a weight), in a split */
    PROP_SPLIT_MIN,     /* minst expr enhet|enheter, in a split: name = the unit word as written */
    PROP_REQUIRE,       /* krav expr */
    PROP_REASON,        /* skäl "…" */
    PROP_SCORE,         /* poäng expr [om expr2] */
    PROP_ALLOCATION,    /* tilldelning name [sista name2] */
    PROP_CAP,           /* tak expr per (ansökan | name) */
    PROP_MIN_GRANT,     /* lägsta_bidrag expr */
    PROP_AT_LEAST,      /* minst expr [ansökningar] där expr2 */
    PROP_AT_MOST,       /* högst expr [ansökningar] där expr2 */
    PROP_BINDING,       /* bindande: the portfolio constraint must hold (allocate fails otherwise) */
    PROP_TIE_BREAK,     /* vid_lika name, name …: one PROP_TIE_BREAK per name in body, each with its name */
    PROP_APPLIES,       /* ansökningar där expr: which applications the pot considers at all */
    PROP_LEFTOVER,      /* kvar stannar|återbetalas: name; kvar flyttas till P: name NULL, name2 P */
    PROP_DEADLINE,      /* sista_ansökningsdag "…": text (a second round's deadline, shown as written) */
    ITEM_ROUND,         /* andra omgång ["label"] { pot properties, criteria, priorities } */
    ITEM_ERROR          /* a block item with a syntax error, already reported */
} ItemKind;

typedef enum FieldFlag {
    FIELD_KEY = 1,        /* nyckel: identifies the application / table row */
    FIELD_REQUIRED = 2,   /* obligatorisk: a row without it is malformed */
    FIELD_REQUESTED = 4   /* sökt: the requested amount */
} FieldFlag;

/* A type as written in a schema: text, belopp, en av a | b, mängd av …, nyckel i T. */
typedef struct TypeSpec {
    Type type;            /* kind and elem; ids filled by checker.c */
    Span span;
    const char **values;  /* enumeration values as written (NFC), for en av / mängd av */
    Span *value_spans;
    size_t n_values;
    const char *table;    /* nyckel i <table> */
    Span table_span;
} TypeSpec;

typedef struct Item Item;
typedef struct ItemList {
    Item **items;
    size_t n, cap;
} ItemList;

struct Item {
    ItemKind kind;
    Span span;            /* the whole item */
    Span kw_span;         /* its leading keyword */
    const char *kw;       /* the keyword as written (Swedish or English) */
    const char *name;     /* declared or referenced name (NFC), if any */
    Span name_span;
    const char *name2;    /* second name: tilldelning X sista Y; ändra <kind> */
    Span name2_span;
    const char *text;     /* string argument (label, source, file…) */
    Span text_span;
    Expr *expr, *expr2;
    TypeSpec *type;       /* ITEM_FIELD */
    unsigned flags;       /* ITEM_FIELD: FieldFlag bits */
    ItemKind target;      /* ITEM_CHANGE / ITEM_REMOVE: what kind is changed */
    ItemList body;        /* nested items */
    bool per_application; /* PROP_CAP: per ansökan rather than per field */
    bool broken;          /* a syntax error inside: what seems missing may just be unreadable */
    const Item *changed_by;   /* ITEM_TABLE: the 'ändra tabell' (of an extending file or a scenario)
                              ** that gave it its data file, or NULL */
};

typedef struct Module {
    const char *path;
    uint32_t file;
    ItemList items;
    Span *comments;       /* every '#' comment, in file order (for medel fmt) */
    size_t n_comments, cap_comments;
    bool incomplete;      /* a top-level syntax error, or a base file that failed: skip whole-file checks */
    ItemList removed;     /* the 'ta bort' items applied to make this module (program.c's merge), so that a
                          ** use of a removed name can point at its removal */
} Module;

/* Constructors: all results live in the arena. */
Expr *ast_expr(Arena *a, ExprKind kind, Span span);
Expr *ast_binary(Arena *a, Span span, ExprOp op, Expr *l, Expr *r);
Expr *ast_unary(Arena *a, Span span, ExprOp op, Expr *x);
void ast_expr_push(Arena *a, ExprList *list, Expr *e);

Item *ast_item(Arena *a, ItemKind kind, Span span);
void ast_item_push(Arena *a, ItemList *list, Item *it);

/* Writes the tree as indented s-expressions, for tests and --dump-ast. */
void ast_dump(const Module *m, FILE *out);
void ast_dump_expr(const Expr *e, FILE *out);

/* Human names for diagnostics ("pot", "criterion", …) and operators. */
const char *ast_item_kind_name(ItemKind k);
const char *ast_op_name(ExprOp op);
const char *ast_type_name(Type t, char *buf, size_t n);

/* The name of a type for people, in the chosen language and in full words:
** "heltal", "mängd av fokusområden" (bare), or with its indefinite article,
** "ett heltal", "en mängd av fokusområden" (indefinite), for "måste vara ett
** belopp, inte en text". Static; never free it. (ast_type_name is the
** English name of the dumps.) */
const char *ast_type_label(Type t, bool indefinite);

/* The word for a kind of declaration, for people, in the chosen language:
** "pott", "villkor", "fokusområde", "fält", "tabell" … Static. */
const char *ast_item_label(ItemKind k);

/* A message marked in the Q_ style, "sammanhang|text": its translation, or
** in Swedish the text after the first '|'. The context keeps short words
** ("text", "belopp") apart from the same words in other messages. */
const char *ast_qtext(const char *msgid) __attribute__((format_arg(1)));

#endif
