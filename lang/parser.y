/*
** parser.y: the grammar of medel rule files.
**
** NOTES
** - Keywords are Swedish, with English aliases; the scanner maps both to one
**   token, and the token's value is the word as written (for messages).
** - Words that name properties (belopp, källa, år …) are also valid names, so
**   a schema may have a field called `belopp`: see `name` below.
** - Actions only build the tree (ast_* in the arena). They keep no state and
**   judge nothing: duplicates, types and names are checker.c's work, so every
**   semantic error carries a span and the grammar stays conflict-free.
** - Blocks recover from a syntax error at the next item, so one run reports
**   every error in a file.
*/

%require "3.8"
%expect 0
%define api.pure full
%define api.prefix {medel_yy}
%define api.header.include {"parser.h"}
%define api.location.type {Span}
%locations
%define api.token.prefix {TOK_}
%define api.value.type union
%define parse.error custom
%define parse.lac full
%define parse.trace

%code requires {
#include "parse_internal.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
/* A rule's span runs from its first symbol's start to its last symbol's end;
** an empty rule gets a zero-width span where the previous symbol ended. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
    do {                                                              \
        if (N) {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 1).file;                       \
            (Cur).start = YYRHSLOC(Rhs, 1).start;                     \
            (Cur).end = YYRHSLOC(Rhs, N).end;                         \
        } else {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 0).file;                       \
            (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;           \
        }                                                             \
    } while (0)
#define YYLOCATION_PRINT(File, Loc) \
    fprintf(File, "%u-%u", (unsigned)(Loc)->start, (unsigned)(Loc)->end)
}

%code provides {
int medel_yylex(MEDEL_YYSTYPE *yylval, MEDEL_YYLTYPE *yylloc, yyscan_t scanner);
/* api.prefix (and the scanner's prefix) give every name the parser and the
** scanner export the prefix medel_yy, so that a program with its own bison or
** flex parser links beside libmedel; medel's own code keeps the short type
** and token names. */
#define YYSTYPE MEDEL_YYSTYPE
#define YYLTYPE MEDEL_YYLTYPE
#define TOK_YYUNDEF TOK_MEDEL_YYUNDEF
}

%code {
#include <string.h>
#include "i18n.h"
#include "lexer.h"
#include "text.h"

static void yyerror(const Span *loc, yyscan_t scanner, Parser *p, const char *msg);
#define A (p->arena)
/* Builds a property item with one expression. */
static Item *prop_expr(Parser *p, ItemKind k, Span s, Span kw, const char *w, Expr *e)
{
    Item *it = ast_item(p->arena, k, s);
    it->kw = w; it->kw_span = kw; it->expr = e;
    return it;
}
/* Builds a property item with one text. */
static Item *prop_text(Parser *p, ItemKind k, Span s, Span kw, const char *w, const char *t, Span ts)
{
    Item *it = ast_item(p->arena, k, s);
    it->kw = w; it->kw_span = kw; it->text = t; it->text_span = ts;
    return it;
}
/* Builds a named declaration whose body is filled in later. */
static Item *decl(Parser *p, ItemKind k, Span s, Span kw, const char *w, const char *name, Span ns)
{
    Item *it = ast_item(p->arena, k, s);
    it->kw = w; it->kw_span = kw; it->name = name; it->name_span = ns;
    return it;
}
/* Works out e's depth from its operands, and replaces a tree deeper than
** AST_MAX_DEPTH by one error node, reported once: a tree with a too deep
** part is that part's error node. The error is placed on what made it too
** deep: the right operand of a chain, the word of a prefix. */
/* Operators that chain to the left at one precedence level: a chain of them
** is as deep as it is long. */
static int chain_group(const Expr *e)
{
    if (e->kind != EXPR_BINARY)
        return 0;
    switch (e->op) {
    case OP_ADD: case OP_SUB: return 1;
    case OP_MUL: case OP_INTERSECT: return 2;
    case OP_AND: return 3;
    case OP_OR: return 4;
    default: return 0;
    }
}

/* Says why e is too deep at `at`: a flat chain of more than AST_MAX_DEPTH
** terms gets its own message, as nothing in it looks nested. */
static void too_deep(Parser *p, const Expr *e, Span at)
{
    size_t ops = 0;
    int g = chain_group(e);
    for (const Expr *k = e; g && chain_group(k) == g; k = k->a)
        ops++;
    if (ops < AST_MAX_DEPTH) {
        diag_error(p->diags, at, "%s", _(AST_DEPTH_MESSAGE));
        return;
    }
    /* The operator as written, between the last two terms. */
    size_t from = e->a->span.end, to = e->b->span.start;
    while (from < to && strchr(" \t\r\n", p->bytes[from]))
        from++;
    while (to > from && strchr(" \t\r\n", p->bytes[to - 1]))
        to--;
    int n = (int)(to - from);
    const char *w = p->bytes + from;
    diag_error(p->diags, at,
               _("mer än %d led förenade med '%.*s' i en följd: varje operator räknas som en nivå, och högst %d nivåer "
                 "får finnas i varandra; dela upp leden med parenteser, högst %d i varje grupp, som i "
                 "(a %.*s b %.*s …) %.*s (c %.*s d %.*s …)"),
               AST_MAX_DEPTH, n, w, AST_MAX_DEPTH, AST_MAX_DEPTH, n, w, n, w, n, w, n, w, n, w);
}

static Expr *nest(Parser *p, Expr *e)
{
    uint32_t d = 0;
    Expr *kids[3] = {e->a, e->b, e->c};
    for (size_t i = 0; i < 3 + e->list.n; i++) {
        Expr *k = i < 3 ? kids[i] : e->list.items[i - 3];
        if (!k)
            continue;
        if (k->too_deep) {
            k->span = e->span;
            return k;
        }
        if (k->depth > d)
            d = k->depth;
    }
    e->depth = d + 1;
    if (e->depth <= AST_MAX_DEPTH)
        return e;
    Span at = e->span;
    if (e->kind == EXPR_BINARY || e->kind == EXPR_RANGE || e->kind == EXPR_PERCENT_OF) {
        at = e->b->span;
    } else if (e->a && e->a->span.start > at.start) {
        at.end = e->a->span.start;
        while (at.end > at.start + 1 && strchr(" \t\r\n", p->bytes[at.end - 1]))
            at.end--;
    }
    if (!p->too_deep)   /* not said already for the brackets around it */
        too_deep(p, e, at);
    Expr *x = ast_expr(p->arena, EXPR_ERROR, e->span);
    x->too_deep = true;
    x->depth = 1;
    return x;
}
static Expr *bin(Parser *p, Span s, ExprOp op, Expr *l, Expr *r)
{
    return nest(p, ast_binary(p->arena, s, op, l, r));
}
}

%param {yyscan_t scanner}
%parse-param {Parser *p}
%initial-action { @$ = (Span){ p->file, 0, 0 }; }

/* ---- tokens: the words users see in "expected …" ---- */
%token <const char *> IDENT "name"
%token <const char *> STRING "text"
%token <int64_t> INT "number"
%token <Ratio> DECIMAL "decimal number"
%token <Money> MONEY "amount"
%token <Ratio> PERCENT "percentage"
%token <const char *> APPROX "'cirka'"
%token <int64_t> YEARS "period"

%token <const char *>
    AGREEMENT "'överenskommelse'" YEAR "'år'" PERIOD "'period'"
    SOURCE "'källa'" URL "'url'" PARAGRAPH "'stycke'" DECISION "'beslut'"
    FOCUS_AREAS "'fokusområden'" FOCUS_AREA "'fokusområde'"
    APPLICATION "'ansökan'" TEXT_T "'text'" AMOUNT "'belopp'" INTEGER_T "'heltal'"
    YESNO_T "'ja/nej'" RANGE_T "'intervall'" ONE "'en'" SET "'mängd'"
    KEY "'nyckel'" REQUIRED "'obligatorisk'" REQUESTED "'sökt'"
    TABLE "'tabell'" FROM "'från'"
    POT "'pott'" MANAGER "'förvaltare'" LABEL "'benämning'" REST "'resten'"
    SPLIT "'fördela'" PER "'per'" BY "'efter'"
    ROUNDING "'avrundning'" METHOD "'metod'" FIRST_DIVISOR "'första_divisor'"
    BASE_AMOUNT "'grundbelopp'" THRESHOLD "'spärr'" UNIT "'enhet'"
    CRITERION "'villkor'" REQUIRE "'krav'" REASON "'skäl'"
    PRIORITY "'prioritet'" SCORE "'poäng'"
    PORTFOLIO "'portfölj'" AT_LEAST "'minst'" AT_MOST "'högst'" WHERE "'där'"
    BINDING "'bindande'"
    ALLOCATION "'tilldelning'" LAST "'sista'" CAP "'tak'" MIN_GRANT "'lägsta_bidrag'"
    TIE_BREAK "'vid_lika'"
    LEFTOVER "'kvar'" MOVES_TO "'flyttas till'" SECOND_ROUND "'andra omgång'" DEADLINE "'sista_ansökningsdag'"
    EXTENDS "'utökar'" CHANGE "'ändra'" REMOVE "'ta_bort'" FIELD "'fält'" SCENARIO "'scenario'"
    TEST "'test'" EXPECT "'förvänta'" GRANTED "'beviljat'" RANKING "'rangordning'"
    IF "'om'" THEN "'så'" ELSE "'annars'"
    AND "'och'" OR "'eller'" NOT "'inte'" IN "'i'" NOT_IN "'inte i'"
    IS "'är'" IS_NOT "'är inte'" WITHIN "'inom'" OVERLAPS "'överlappar'"
    CONTAINS "'innehåller'" INTERSECT "'snitt'" OF "'av'"
    TRUE "'ja'" FALSE "'nej'"

%token DOTDOT "'..'" LE "'<='" GE "'>='" NE "'!='"
%token BAD_LITERAL "malformed literal"  /* already reported by the scanner */

%nterm <Item *> item agreement agreement_body focus_areas focus_body schema schema_body
%nterm <Item *> field table table_body pot pot_body pot_item split split_body split_item
%nterm <Item *> criterion criterion_body criterion_item priority priority_body priority_item
%nterm <Item *> portfolio portfolio_body portfolio_item ref_prop change remove
%nterm <Item *> alloc_item tie_names split_items scenario scenario_body
%nterm <Item *> test test_body test_item test_values expect_names expect_texts
%nterm <Item *> derived_column year_columns change_table
%nterm <Expr *> column_sum
%nterm <TypeSpec *> type_spec enum_values
%nterm <unsigned> field_flags
%nterm <const char *> name opt_label tie_name
%nterm <ItemKind> decl_kind
%nterm <Expr *> expr primary opt_where
%nterm <ExprList> expr_list
%nterm <bool> opt_apps

/* A derived column's sum ends before 'år' (the word of a by-year
** alternative), not at a next column named år. */
%precedence COLUMN_SUM
%precedence YEAR
%precedence THEN
%precedence ELSE
%left OR
%left AND
%precedence NOT
%nonassoc '=' NE '<' LE '>' GE IS IS_NOT IN NOT_IN WITHIN OVERLAPS CONTAINS
%nonassoc DOTDOT
%left '+' '-'
%left '*' INTERSECT
%right OF
%precedence UMINUS

%%

/* file -> { item } */
file:
  %empty
| file item             { if ($2) ast_item_push(A, &p->module->items, $2); }
;

item:
  agreement | focus_areas | schema | table | pot | criterion | priority | portfolio
| change | remove | scenario | test | change_table
| EXTENDS STRING        { $$ = prop_text(p, ITEM_EXTENDS, @$, @1, $1, $2, @2); }
| error                 { $$ = NULL; p->module->incomplete = true; }
;

/* A name; property words are names too where a name is expected. */
name:
  IDENT | YEAR | PERIOD | SOURCE | URL | PARAGRAPH | DECISION | AMOUNT | MANAGER
| LABEL | ROUNDING | METHOD | FIRST_DIVISOR | BASE_AMOUNT | THRESHOLD | UNIT | TEXT_T | INTEGER_T
| RANGE_T | FROM | LAST | FOCUS_AREA | RANKING | BINDING | FIELD | LEFTOVER | DEADLINE
;

opt_label: %empty { $$ = NULL; } | STRING ;

/* överenskommelse "Ungdomsmottagningar 2021" { år 2021 källa "…" } */
agreement:
  AGREEMENT STRING '{' agreement_body '}'
    { $$ = $4; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->text = $2; $$->text_span = @2; }
;
agreement_body:
  %empty                 { $$ = ast_item(A, ITEM_AGREEMENT, @$); }
| agreement_body ref_prop { $$ = $1; ast_item_push(A, &$$->body, $2); }
| agreement_body YEAR expr   { $$ = $1; ast_item_push(A, &$$->body, prop_expr(p, PROP_YEAR, span_join(@2, @3), @2, $2, $3)); }
| agreement_body PERIOD expr { $$ = $1; ast_item_push(A, &$$->body, prop_expr(p, PROP_YEAR, span_join(@2, @3), @2, $2, $3)); }
| agreement_body error   { $$ = $1; $$->broken = true; }
;

/* källa "…" | url "…" | stycke "…" | beslut "…" */
ref_prop:
  SOURCE STRING     { $$ = prop_text(p, PROP_SOURCE, @$, @1, $1, $2, @2); }
| URL STRING        { $$ = prop_text(p, PROP_URL, @$, @1, $1, $2, @2); }
| PARAGRAPH STRING  { $$ = prop_text(p, PROP_PARAGRAPH, @$, @1, $1, $2, @2); }
| DECISION STRING   { $$ = prop_text(p, PROP_DECISION, @$, @1, $1, $2, @2); }
;

/* fokusområden { samverkan "Samverkan" … } */
focus_areas:
  FOCUS_AREAS '{' focus_body '}'
    { $$ = $3; $$->span = @$; $$->kw = $1; $$->kw_span = @1; }
;
focus_body:
  %empty            { $$ = ast_item(A, ITEM_FOCUS_AREAS, @$); }
| focus_body name STRING
    { $$ = $1; Item *f = decl(p, ITEM_FOCUS, span_join(@2, @3), @2, NULL, $2, @2);
      f->text = $3; f->text_span = @3; ast_item_push(A, &$$->body, f); }
| focus_body error  { $$ = $1; $$->broken = true; }
;

/* ansökan { nyckel diarienummer: text "Diarienummer"  belopp: belopp … } */
schema:
  APPLICATION '{' schema_body '}'
    { $$ = $3; $$->span = @$; $$->kw = $1; $$->kw_span = @1; }
;
schema_body:
  %empty             { $$ = ast_item(A, ITEM_SCHEMA, @$); }
| schema_body field  { $$ = $1; ast_item_push(A, &$$->body, $2); }
| schema_body error  { $$ = $1; $$->broken = true; }
;

/* [nyckel] [obligatorisk] [sökt] name: type ["Kolumnrubrik"] */
field:
  name ':' type_spec opt_label
    { $$ = decl(p, ITEM_FIELD, @$, @1, NULL, $1, @1); $$->type = $3;
      if ($4) { $$->text = $4; $$->text_span = @4; } }
| field_flags name ':' type_spec opt_label
    { $$ = decl(p, ITEM_FIELD, @$, @2, NULL, $2, @2); $$->flags = $1; $$->type = $4;
      if ($5) { $$->text = $5; $$->text_span = @5; } }
;
field_flags:
  KEY                    { $$ = FIELD_KEY; }
| REQUIRED               { $$ = FIELD_REQUIRED; }
| REQUESTED              { $$ = FIELD_REQUESTED; }
| field_flags KEY        { $$ = $1 | FIELD_KEY; }
| field_flags REQUIRED   { $$ = $1 | FIELD_REQUIRED; }
| field_flags REQUESTED  { $$ = $1 | FIELD_REQUESTED; }
;

/* text | belopp | heltal | ja/nej | intervall | en av a | b | mängd av a | b
** | fokusområde | fokusområden | nyckel i tabell */
type_spec:
  TEXT_T        { $$ = arena_alloc(A, sizeof *$$); $$->type.kind = TY_TEXT; $$->span = @$; }
| AMOUNT        { $$ = arena_alloc(A, sizeof *$$); $$->type.kind = TY_MONEY; $$->span = @$; }
| INTEGER_T     { $$ = arena_alloc(A, sizeof *$$); $$->type.kind = TY_INT; $$->span = @$; }
| YESNO_T       { $$ = arena_alloc(A, sizeof *$$); $$->type.kind = TY_BOOL; $$->span = @$; }
| RANGE_T       { $$ = arena_alloc(A, sizeof *$$); $$->type = (Type){TY_RANGE, TY_INT, 0}; $$->span = @$; }
| RANGE_T OF AMOUNT { $$ = arena_alloc(A, sizeof *$$); $$->type = (Type){TY_RANGE, TY_MONEY, 0}; $$->span = @$; }
| RANGE_T OF INTEGER_T { $$ = arena_alloc(A, sizeof *$$); $$->type = (Type){TY_RANGE, TY_INT, 0}; $$->span = @$; }
| ONE OF enum_values { $$ = $3; $$->type.kind = TY_ENUM; $$->span = @$; }
| SET OF enum_values { $$ = $3; $$->type = (Type){TY_SET, TY_ENUM, 0}; $$->span = @$; }
| FOCUS_AREAS   { $$ = arena_alloc(A, sizeof *$$); $$->type = (Type){TY_SET, TY_FOCUS, 0}; $$->span = @$; }
| FOCUS_AREA    { $$ = arena_alloc(A, sizeof *$$); $$->type.kind = TY_FOCUS; $$->span = @$; }
| KEY IN name   { $$ = arena_alloc(A, sizeof *$$); $$->type.kind = TY_KEY; $$->table = $3; $$->table_span = @3; $$->span = @$; }
;
enum_values:
  name
    { $$ = arena_alloc(A, sizeof *$$);
      $$->values = arena_alloc(A, 8 * sizeof *$$->values);
      $$->value_spans = arena_alloc(A, 8 * sizeof *$$->value_spans);
      $$->values[0] = $1; $$->value_spans[0] = @1; $$->n_values = 1; }
| enum_values '|' name
    { $$ = $1;
      if (($$->n_values & ($$->n_values - 1)) == 0 && $$->n_values >= 8) {
          $$->values = arena_grow(A, $$->values, $$->n_values, 2 * $$->n_values, sizeof *$$->values);
          $$->value_spans = arena_grow(A, $$->value_spans, $$->n_values, 2 * $$->n_values, sizeof *$$->value_spans);
      }
      $$->values[$$->n_values] = $3; $$->value_spans[$$->n_values] = @3; $$->n_values++; }
;

/* tabell ungdomar från "data/ungdomar.csv" { nyckel kommun: text "municipality" … } */
table:
  TABLE name FROM STRING '{' table_body '}'
    { $$ = $6; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->name = $2; $$->name_span = @2;
      $$->text = $4; $$->text_span = @4; }
;
table_body:
  %empty                { $$ = ast_item(A, ITEM_TABLE, @$); }
| table_body field      { $$ = $1; ast_item_push(A, &$$->body, $2); }
| table_body derived_column { $$ = $1; ast_item_push(A, &$$->body, $2); }
| table_body ref_prop   { $$ = $1; ast_item_push(A, &$$->body, $2); }
| table_body error      { $$ = $1; $$->broken = true; }
;

/* antal_13_22: heltal = ålder_13 + ålder_14  (expr: the sum)
** målgrupp: heltal = antal_12_22 år 2021, antal_13_22 år 2022..2023
**   (body: one PROP_YEAR per alternative, expr the years, expr2 the sum) */
derived_column:
  name ':' type_spec '=' column_sum %prec COLUMN_SUM
    { $$ = decl(p, ITEM_FIELD, @$, @1, NULL, $1, @1); $$->type = $3; $$->expr = $5; }
| name ':' type_spec '=' year_columns
    { $$ = $5; $$->span = @$; $$->name = $1; $$->name_span = @1; $$->type = $3; }
;
year_columns:
  column_sum YEAR expr
    { $$ = decl(p, ITEM_FIELD, @$, @1, NULL, NULL, @1);
      Item *y = prop_expr(p, PROP_YEAR, @$, @2, $2, $3); y->expr2 = $1; ast_item_push(A, &$$->body, y); }
| year_columns ',' column_sum YEAR expr
    { $$ = $1; Item *y = prop_expr(p, PROP_YEAR, span_join(@3, @5), @4, $4, $5); y->expr2 = $3;
      ast_item_push(A, &$$->body, y); }
;
column_sum:
  name                  { $$ = ast_expr(A, EXPR_NAME, @1); $$->name = $1; }
| column_sum '+' name
    { Expr *n = ast_expr(A, EXPR_NAME, @3); n->name = $3; $$ = bin(p, @$, OP_ADD, $1, n); }
;

/* ändra tabell ungdomar från "data/ny.csv" [{ columns and källa … }] */
change_table:
  CHANGE TABLE name FROM STRING
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3, @3); $$->target = ITEM_TABLE; $$->text = $5; $$->text_span = @5; }
| CHANGE TABLE name FROM STRING '{' table_body '}'
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3, @3); $$->target = ITEM_TABLE; $$->text = $5; $$->text_span = @5;
      $$->body = $7->body; $$->broken = $7->broken; }
;

/* pott kommunerna "Kommunernas projekt" { belopp 15 MSEK … } */
pot:
  POT name opt_label '{' pot_body '}'
    { $$ = $5; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->name = $2; $$->name_span = @2;
      if ($3) { $$->text = $3; $$->text_span = @3; } }
;
pot_body:
  %empty              { $$ = ast_item(A, ITEM_POT, @$); }
| pot_body pot_item
    { $$ = $1; if ($2->kind == ITEM_ERROR) $$->broken = true; else ast_item_push(A, &$$->body, $2); }
;
pot_item:
  ref_prop
| AMOUNT expr         { $$ = prop_expr(p, PROP_AMOUNT, @$, @1, $1, $2); }
| YEAR expr           { $$ = prop_expr(p, PROP_YEAR, @$, @1, $1, $2); }
| PERIOD expr         { $$ = prop_expr(p, PROP_YEAR, @$, @1, $1, $2); }
| MANAGER STRING      { $$ = prop_text(p, PROP_MANAGER, @$, @1, $1, $2, @2); }
| APPLICATION WHERE expr { $$ = prop_expr(p, PROP_APPLIES, @$, @1, $1, $3); }
| ROUNDING expr       { $$ = prop_expr(p, PROP_ROUNDING, @$, @1, $1, $2); }
| LABEL STRING        { $$ = prop_text(p, PROP_LABEL, @$, @1, $1, $2, @2); }
| LEFTOVER name       { $$ = decl(p, PROP_LEFTOVER, @$, @1, $1, $2, @2); }
| LEFTOVER MOVES_TO name
    { $$ = decl(p, PROP_LEFTOVER, @$, @1, $1, NULL, @1); $$->name2 = $3; $$->name2_span = @3; }
| DEADLINE STRING     { $$ = prop_text(p, PROP_DEADLINE, @$, @1, $1, $2, @2); }
| SECOND_ROUND opt_label '{' pot_body '}'
    { $$ = $4; $$->kind = ITEM_ROUND; $$->span = @$; $$->kw = $1; $$->kw_span = @1;
      if ($2) { $$->text = $2; $$->text_span = @2; } }
| split | alloc_item | pot | criterion | priority | portfolio
| error               { $$ = ast_item(A, ITEM_ERROR, @$); }
;

/* fördela per kommun efter ungdomar.antal { avrundning 1 kr  metod största_rest }
** with the split rules of issue 17: grundbelopp 100 000 kr | grundbelopp 2 %
** | tak 2 MSEK | tak 30 % | spärr 4 % | spärr 1 000 | minst 1 enhet */
split:
  SPLIT PER name BY name '.' name split_body
    { $$ = $8; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->name = $3; $$->name_span = @3;
      $$->expr = ast_expr(A, EXPR_COLUMN, span_join(@5, @7)); $$->expr->name = $5; $$->expr->name2 = $7;
      $$->expr->a = ast_expr(A, EXPR_NAME, @5); $$->expr->a->name = $5;
      $$->expr->b = ast_expr(A, EXPR_NAME, @7); $$->expr->b->name = $7; }
;
split_body:
  %empty                   { $$ = ast_item(A, PROP_SPLIT, @$); }
| '{' split_items '}'      { $$ = $2; $$->span = @$; }
;
split_items:
  %empty                   { $$ = ast_item(A, PROP_SPLIT, @$); }
| split_items split_item   { $$ = $1; ast_item_push(A, &$$->body, $2); }
| split_items error        { $$ = $1; $$->broken = true; }
;
split_item:
  ROUNDING expr       { $$ = prop_expr(p, PROP_ROUNDING, @$, @1, $1, $2); }
| METHOD name         { $$ = decl(p, PROP_METHOD, @$, @1, $1, $2, @2); }
| FIRST_DIVISOR expr  { $$ = prop_expr(p, PROP_FIRST_DIVISOR, @$, @1, $1, $2); }
| BASE_AMOUNT expr    { $$ = prop_expr(p, PROP_BASE_AMOUNT, @$, @1, $1, $2); }
| CAP expr            { $$ = prop_expr(p, PROP_SPLIT_CAP, @$, @1, $1, $2); }
| THRESHOLD expr      { $$ = prop_expr(p, PROP_THRESHOLD, @$, @1, $1, $2); }
| AT_LEAST expr UNIT
    { $$ = prop_expr(p, PROP_SPLIT_MIN, @$, @1, $1, $2); $$->name = $3; $$->name_span = @3; }
;

/* tilldelning rangordning [sista delvis] | tak 2 MSEK per ansökan
** | lägsta_bidrag 50 000 kr | vid_lika belopp, id */
alloc_item:
  ALLOCATION name     { $$ = decl(p, PROP_ALLOCATION, @$, @1, $1, $2, @2); }
| ALLOCATION name LAST name
    { $$ = decl(p, PROP_ALLOCATION, @$, @1, $1, $2, @2); $$->name2 = $4; $$->name2_span = @4; }
| CAP expr PER APPLICATION
    { $$ = prop_expr(p, PROP_CAP, @$, @1, $1, $2); $$->per_application = true; }
| CAP expr PER name
    { $$ = prop_expr(p, PROP_CAP, @$, @1, $1, $2); $$->name = $4; $$->name_span = @4; }
| MIN_GRANT expr      { $$ = prop_expr(p, PROP_MIN_GRANT, @$, @1, $1, $2); }
| TIE_BREAK tie_names { $$ = $2; $$->span = @$; $$->kw = $1; $$->kw_span = @1; }
;
tie_names:
  tie_name
    { $$ = ast_item(A, PROP_TIE_BREAK, @$);
      ast_item_push(A, &$$->body, decl(p, PROP_TIE_BREAK, @1, @1, NULL, $1, @1)); }
| tie_names ',' tie_name
    { $$ = $1; ast_item_push(A, &$$->body, decl(p, PROP_TIE_BREAK, @3, @3, NULL, $3, @3)); }
;
tie_name: name | KEY ;   /* vid lika högst_belopp, nyckel */

/* villkor målgrupp { krav målgrupp inom 12..22  skäl "…" } */
criterion:
  CRITERION name opt_label '{' criterion_body '}'
    { $$ = $5; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->name = $2; $$->name_span = @2;
      if ($3) { $$->text = $3; $$->text_span = @3; } }
;
criterion_body:
  %empty                          { $$ = ast_item(A, ITEM_CRITERION, @$); }
| criterion_body criterion_item
    { $$ = $1; if ($2->kind == ITEM_ERROR) $$->broken = true; else ast_item_push(A, &$$->body, $2); }
;
criterion_item:
  ref_prop
| LABEL STRING        { $$ = prop_text(p, PROP_LABEL, @$, @1, $1, $2, @2); }
| REQUIRE expr        { $$ = prop_expr(p, PROP_REQUIRE, @$, @1, $1, $2); }
| REASON STRING       { $$ = prop_text(p, PROP_REASON, @$, @1, $1, $2, @2); }
| error               { $$ = ast_item(A, ITEM_ERROR, @$); }
;

/* prioritet främjande { poäng 2 om fokus överlappar {främjande} } */
priority:
  PRIORITY name opt_label '{' priority_body '}'
    { $$ = $5; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->name = $2; $$->name_span = @2;
      if ($3) { $$->text = $3; $$->text_span = @3; } }
;
priority_body:
  %empty                        { $$ = ast_item(A, ITEM_PRIORITY, @$); }
| priority_body priority_item
    { $$ = $1; if ($2->kind == ITEM_ERROR) $$->broken = true; else ast_item_push(A, &$$->body, $2); }
;
priority_item:
  ref_prop
| LABEL STRING        { $$ = prop_text(p, PROP_LABEL, @$, @1, $1, $2, @2); }
| SCORE expr          { $$ = prop_expr(p, PROP_SCORE, @$, @1, $1, $2); }
| SCORE expr IF expr  { $$ = prop_expr(p, PROP_SCORE, @$, @1, $1, $2); $$->expr2 = $4; }
| REASON STRING       { $$ = prop_text(p, PROP_REASON, @$, @1, $1, $2, @2); }
| error               { $$ = ast_item(A, ITEM_ERROR, @$); }
;

/* portfölj båda { minst 1 ansökan där sökandetyp är region } */
portfolio:
  PORTFOLIO name opt_label '{' portfolio_body '}'
    { $$ = $5; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->name = $2; $$->name_span = @2;
      if ($3) { $$->text = $3; $$->text_span = @3; } }
;
portfolio_body:
  %empty                          { $$ = ast_item(A, ITEM_PORTFOLIO, @$); }
| portfolio_body portfolio_item
    { $$ = $1; if ($2->kind == ITEM_ERROR) $$->broken = true; else ast_item_push(A, &$$->body, $2); }
;
portfolio_item:
  ref_prop
| LABEL STRING        { $$ = prop_text(p, PROP_LABEL, @$, @1, $1, $2, @2); }
| AT_LEAST expr opt_apps opt_where
    { $$ = prop_expr(p, PROP_AT_LEAST, @$, @1, $1, $2); $$->expr2 = $4; $$->per_application = $3; }
| AT_MOST expr opt_apps opt_where
    { $$ = prop_expr(p, PROP_AT_MOST, @$, @1, $1, $2); $$->expr2 = $4; $$->per_application = $3; }
| REASON STRING       { $$ = prop_text(p, PROP_REASON, @$, @1, $1, $2, @2); }
| BINDING             { $$ = prop_text(p, PROP_BINDING, @$, @1, $1, NULL, @1); }
| error               { $$ = ast_item(A, ITEM_ERROR, @$); }
;
opt_apps: %empty { $$ = false; } | APPLICATION { $$ = true; } ;
opt_where: %empty { $$ = NULL; } | WHERE expr { $$ = $2; } ;

/* ändra pott kommunerna { belopp 16 MSEK } | ändra fokusområde … | ändra fält … | ändra scenario … | ändra test … */
change:
  CHANGE POT name '{' pot_body '}'
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3, @3); $$->target = ITEM_POT; $$->body = $5->body; }
| CHANGE CRITERION name '{' criterion_body '}'
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3, @3); $$->target = ITEM_CRITERION; $$->body = $5->body; }
| CHANGE PRIORITY name '{' priority_body '}'
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3, @3); $$->target = ITEM_PRIORITY; $$->body = $5->body; }
| CHANGE PORTFOLIO name '{' portfolio_body '}'
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3, @3); $$->target = ITEM_PORTFOLIO; $$->body = $5->body; }
| CHANGE AGREEMENT STRING '{' agreement_body '}'
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, NULL, @3); $$->target = ITEM_AGREEMENT; $$->body = $5->body;
      $$->text = $3; $$->text_span = @3; }
/* ändra fokusområde omställning "Ny benämning": the label replaced */
| CHANGE FOCUS_AREA name STRING
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3, @3); $$->target = ITEM_FOCUS; $$->text = $4; $$->text_span = @4; }
/* ändra fält målgrupp: intervall "Ålder": the field replaced whole; the new
** field is the only item of the body */
| CHANGE FIELD field
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3->name, $3->name_span); $$->target = ITEM_FIELD;
      ast_item_push(A, &$$->body, $3); }
| CHANGE SCENARIO name opt_label '{' scenario_body '}'
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3, @3); $$->target = ITEM_SCENARIO; $$->body = $6->body;
      $$->broken = $6->broken; if ($4) { $$->text = $4; $$->text_span = @4; } }
| CHANGE TEST name opt_label '{' test_body '}'
    { $$ = decl(p, ITEM_CHANGE, @$, @1, $1, $3, @3); $$->target = ITEM_TEST; $$->body = $6->body;
      $$->broken = $6->broken; if ($4) { $$->text = $4; $$->text_span = @4; } }
;

/* scenario höjd_pott "Potten höjs till 40 MSEK" { ändra pott total { belopp 40 MSEK } } */
scenario:
  SCENARIO name opt_label '{' scenario_body '}'
    { $$ = $5; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->name = $2; $$->name_span = @2;
      if ($3) { $$->text = $3; $$->text_span = @3; } }
;
scenario_body:
  %empty                   { $$ = ast_item(A, ITEM_SCENARIO, @$); }
| scenario_body change     { $$ = $1; ast_item_push(A, &$$->body, $2); }
| scenario_body remove     { $$ = $1; ast_item_push(A, &$$->body, $2); }
| scenario_body table      { $$ = $1; ast_item_push(A, &$$->body, $2); }
| scenario_body change_table { $$ = $1; ast_item_push(A, &$$->body, $2); }
| scenario_body criterion  { $$ = $1; ast_item_push(A, &$$->body, $2); }
| scenario_body priority   { $$ = $1; ast_item_push(A, &$$->body, $2); }
| scenario_body error      { $$ = $1; $$->broken = true; }
;

/* test kurator "Kurator från regionen" { ansökan { sökandetyp region … }
**     förvänta regionen ej_stödberättigad: kurator_är_kommunens } */
test:
  TEST name opt_label '{' test_body '}'
    { $$ = $5; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->name = $2; $$->name_span = @2;
      if ($3) { $$->text = $3; $$->text_span = @3; } }
;
test_body:
  %empty               { $$ = ast_item(A, ITEM_TEST, @$); }
| test_body test_item  { $$ = $1; ast_item_push(A, &$$->body, $2); }
| test_body error      { $$ = $1; $$->broken = true; }
;
test_item:
  APPLICATION '{' test_values '}'  { $$ = $3; $$->span = @$; $$->kw = $1; $$->kw_span = @1; }
| APPLICATION STRING               { $$ = prop_text(p, TEST_FILE, @$, @1, $1, $2, @2); }
| SCENARIO name                    { $$ = decl(p, TEST_SCENARIO, @$, @1, $1, $2, @2); }
| EXPECT name name                 { $$ = decl(p, TEST_EXPECT_STATUS, @$, @1, $1, $2, @2); $$->name2 = $3; $$->name2_span = @3; }
| EXPECT name name ':' expect_names
    { $$ = $5; $$->kind = TEST_EXPECT_STATUS; $$->span = @$; $$->kw = $1; $$->kw_span = @1;
      $$->name = $2; $$->name_span = @2; $$->name2 = $3; $$->name2_span = @3; }
| EXPECT GRANTED STRING expr       { $$ = prop_text(p, TEST_EXPECT_GRANT, @$, @1, $1, $3, @3); $$->expr = $4; }
| EXPECT POT STRING expr           { $$ = prop_text(p, TEST_EXPECT_POT, @$, @1, $1, $3, @3); $$->expr = $4; }
| EXPECT RANKING STRING expect_texts
    { $$ = $4; $$->span = @$; $$->kw = $1; $$->kw_span = @1; $$->text = $3; $$->text_span = @3; }
| EXPECT PORTFOLIO name name        { $$ = decl(p, TEST_EXPECT_PORTFOLIO, @$, @1, $1, $3, @3); $$->name2 = $4; $$->name2_span = @4; }
;
test_values:
  %empty                 { $$ = ast_item(A, TEST_APPLICATION, @$); }
| test_values name expr  { $$ = $1; Item *v = decl(p, TEST_VALUE, span_join(@2, @3), @2, NULL, $2, @2);
                           v->expr = $3; ast_item_push(A, &$$->body, v); }
| test_values error      { $$ = $1; $$->broken = true; }
;
/* "A", "B", "C": the applications in the order expected */
expect_texts:
  STRING                   { $$ = ast_item(A, TEST_EXPECT_RANK, @$);
                             ast_item_push(A, &$$->body, prop_text(p, TEST_VALUE, @1, @1, NULL, $1, @1)); }
| expect_texts ',' STRING  { $$ = $1; ast_item_push(A, &$$->body, prop_text(p, TEST_VALUE, @3, @3, NULL, $3, @3)); }
;

expect_names:
  name                   { $$ = ast_item(A, TEST_EXPECT_STATUS, @$);
                           ast_item_push(A, &$$->body, decl(p, TEST_VALUE, @1, @1, NULL, $1, @1)); }
| expect_names ',' name  { $$ = $1; ast_item_push(A, &$$->body, decl(p, TEST_VALUE, @3, @3, NULL, $3, @3)); }
;

/* ta bort villkor kurator | ta bort fokusområde omställning | ta bort fält kön … */
remove:
  REMOVE decl_kind name
    { $$ = decl(p, ITEM_REMOVE, @$, @1, $1, $3, @3); $$->target = $2; }
;
decl_kind:
  POT { $$ = ITEM_POT; } | CRITERION { $$ = ITEM_CRITERION; }
| PRIORITY { $$ = ITEM_PRIORITY; } | PORTFOLIO { $$ = ITEM_PORTFOLIO; }
| FOCUS_AREA { $$ = ITEM_FOCUS; } | FIELD { $$ = ITEM_FIELD; } | TABLE { $$ = ITEM_TABLE; }
| SCENARIO { $$ = ITEM_SCENARIO; } | TEST { $$ = ITEM_TEST; }
;

/* ---- expressions ---- */
expr:
  primary
| expr OR expr        { $$ = bin(p, @$, OP_OR, $1, $3); }
| expr AND expr       { $$ = bin(p, @$, OP_AND, $1, $3); }
| NOT expr            { $$ = nest(p, ast_unary(A, @$, OP_NOT, $2)); }
| expr '=' expr       { $$ = bin(p, @$, OP_EQ, $1, $3); }
| expr IS expr        { $$ = bin(p, @$, OP_EQ, $1, $3); }
| expr NE expr        { $$ = bin(p, @$, OP_NE, $1, $3); }
| expr IS_NOT expr    { $$ = bin(p, @$, OP_NE, $1, $3); }
| expr '<' expr       { $$ = bin(p, @$, OP_LT, $1, $3); }
| expr LE expr        { $$ = bin(p, @$, OP_LE, $1, $3); }
| expr '>' expr       { $$ = bin(p, @$, OP_GT, $1, $3); }
| expr GE expr        { $$ = bin(p, @$, OP_GE, $1, $3); }
| expr IN expr        { $$ = bin(p, @$, OP_IN, $1, $3); }
| expr NOT_IN expr    { $$ = bin(p, @$, OP_NOT_IN, $1, $3); }
| expr WITHIN expr    { $$ = bin(p, @$, OP_WITHIN, $1, $3); }
| expr OVERLAPS expr  { $$ = bin(p, @$, OP_OVERLAPS, $1, $3); }
| expr CONTAINS expr  { $$ = bin(p, @$, OP_CONTAINS, $1, $3); }
| expr INTERSECT expr { $$ = bin(p, @$, OP_INTERSECT, $1, $3); }
| expr DOTDOT expr    { $$ = ast_expr(A, EXPR_RANGE, @$); $$->a = $1; $$->b = $3; $$ = nest(p, $$); }
| expr '+' expr       { $$ = bin(p, @$, OP_ADD, $1, $3); }
| expr '-' expr       { $$ = bin(p, @$, OP_SUB, $1, $3); }
| expr '*' expr       { $$ = bin(p, @$, OP_MUL, $1, $3); }
| expr OF expr        { $$ = ast_expr(A, EXPR_PERCENT_OF, @$); $$->a = $1; $$->b = $3; $$ = nest(p, $$); }
| '-' expr %prec UMINUS { $$ = nest(p, ast_unary(A, @$, OP_NEG, $2)); }
| IF expr THEN expr %prec THEN
    { $$ = ast_expr(A, EXPR_IF, @$); $$->a = $2; $$->b = $4; $$ = nest(p, $$); }
| IF expr THEN expr ELSE expr
    { $$ = ast_expr(A, EXPR_IF, @$); $$->a = $2; $$->b = $4; $$->c = $6; $$ = nest(p, $$); }
;

primary:
  INT        { $$ = ast_expr(A, EXPR_INT, @$); $$->v.i = $1; }
| DECIMAL    { $$ = ast_expr(A, EXPR_DECIMAL, @$); $$->v.ratio = $1; }
| YEARS      /* 2021-2022 written with a hyphen: a period, not a subtraction */
    { $$ = ast_expr(A, EXPR_RANGE, @$);
      $$->a = ast_expr(A, EXPR_INT, (Span){@1.file, @1.start, @1.start + 4}); $$->a->v.i = $1 / 10000;
      $$->b = ast_expr(A, EXPR_INT, (Span){@1.file, @1.end - 4, @1.end}); $$->b->v.i = $1 % 10000;
      $$->depth = 2; }
| MONEY      { $$ = ast_expr(A, EXPR_MONEY, @$); $$->v.money = $1; }
| APPROX MONEY { $$ = ast_expr(A, EXPR_MONEY, @$); $$->v.money = $2; $$->word = $1; }
| PERCENT    { $$ = ast_expr(A, EXPR_PERCENT, @$); $$->v.ratio = $1; }
| STRING     { $$ = ast_expr(A, EXPR_TEXT, @$); $$->v.text = $1; }
| TRUE       { $$ = ast_expr(A, EXPR_BOOL, @$); $$->v.b = true; }
| FALSE      { $$ = ast_expr(A, EXPR_BOOL, @$); $$->v.b = false; }
| REST       { $$ = ast_expr(A, EXPR_REST, @$); }
| BAD_LITERAL { $$ = ast_expr(A, EXPR_ERROR, @$); }
| name       { $$ = ast_expr(A, EXPR_NAME, @$); $$->name = $1; }
| name '.' name { $$ = ast_expr(A, EXPR_COLUMN, @$); $$->name = $1; $$->name2 = $3; }
| name '(' expr_list ')' { $$ = ast_expr(A, EXPR_CALL, @$); $$->name = $1; $$->list = $3; $$ = nest(p, $$); }
| '(' expr ')' { $$ = $2; $$->span = @$; }
| '{' '}'       { $$ = ast_expr(A, EXPR_SET, @$); }
| '{' expr_list '}' { $$ = ast_expr(A, EXPR_SET, @$); $$->list = $2; $$ = nest(p, $$); }
| '(' error ')' { $$ = ast_expr(A, EXPR_ERROR, @$); }
;
expr_list:
  expr                { $$ = (ExprList){0}; ast_expr_push(A, &$$, $1); }
| expr_list ',' expr  { $$ = $1; ast_expr_push(A, &$$, $3); }
;

%%

/* Edit distance between two short strings (bytes), for "did you mean"
** hints on misspelt keywords. */
static int distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 30 || nb > 30)
        return 99;
    int row[32];
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* Copies at most max bytes of s, cut at a character boundary, with "…" when
** cut. */
static void excerpt(char *out, size_t out_len, const char *s, size_t len, size_t max)
{
    bool cut = len > max;
    if (cut) {
        len = max;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    snprintf(out, out_len, "%.*s%s", (int)len, s, cut ? "…" : "");
}

/* The words for people of a token in "expected …": a keyword as it is
** written ('pott'), other tokens by what they are (ett namn, en text). */
static const char *symbol_words(yysymbol_kind_t k)
{
    switch (k) {
    case YYSYMBOL_IDENT: return _("ett namn");
    case YYSYMBOL_STRING: return _("en text inom citattecken");
    case YYSYMBOL_INT: return _("ett heltal");
    case YYSYMBOL_DECIMAL: return _("ett decimaltal");
    case YYSYMBOL_MONEY: return _("ett belopp i kronor");
    case YYSYMBOL_PERCENT: return _("en procentsats");
    case YYSYMBOL_YEARS: return _("en period som 2021-2022");
    case YYSYMBOL_BAD_LITERAL: return _("ett felskrivet värde");
    case YYSYMBOL_YYEOF: return _("slutet av filen");
    default: return yysymbol_name(k);
    }
}

/* Keywords that belong in expressions: one of them where a value is
** expected is no name used as a keyword. */
static bool expression_word(yysymbol_kind_t k)
{
    switch (k) {
    case YYSYMBOL_AND: case YYSYMBOL_OR: case YYSYMBOL_NOT: case YYSYMBOL_IN: case YYSYMBOL_NOT_IN:
    case YYSYMBOL_IS: case YYSYMBOL_IS_NOT: case YYSYMBOL_WITHIN: case YYSYMBOL_OVERLAPS: case YYSYMBOL_CONTAINS:
    case YYSYMBOL_INTERSECT: case YYSYMBOL_OF: case YYSYMBOL_TRUE: case YYSYMBOL_FALSE: case YYSYMBOL_IF:
    case YYSYMBOL_THEN: case YYSYMBOL_ELSE: case YYSYMBOL_REST: case YYSYMBOL_APPROX: case YYSYMBOL_PER:
    case YYSYMBOL_BY: case YYSYMBOL_WHERE: case YYSYMBOL_FROM:
        return true;
    default:
        return false;
    }
}

/* The keywords' symbols and tokens are numbered alike (the %token list),
** so a keyword's token is its symbol's offset from AGREEMENT's. */
_Static_assert(YYSYMBOL_FALSE - YYSYMBOL_AGREEMENT == TOK_FALSE - TOK_AGREEMENT,
               "the keyword symbols and tokens are numbered differently");

/* Remembers that the token at `at` is to be read as tok on the next pass. */
static void add_fix(Parser *p, uint32_t at, int tok, const char *word)
{
    if (parse_find_fix(p->apply, p->n_apply, at))
        return;   /* mended already, and still wrong: leave it */
    if (p->n_fixes == p->cap_fixes) {
        p->cap_fixes = p->cap_fixes ? 2 * p->cap_fixes : 8;
        p->fixes = xrealloc(p->fixes, p->cap_fixes * sizeof *p->fixes);
    }
    p->fixes[p->n_fixes++] = (TokenFix){at, tok, word};
}

/* Whether a word after a number may be meant as a unit of money: its
** skeleton (text_skeleton) differs from a unit's in at most half its
** letters, or starts with one (MSKE, kronr, tkronor). */
static bool unit_like(Parser *p, const char *w)
{
    static const char *const units[] = {"kr", "kronor", "krona", "sek", "tkr", "tsek", "msek", "mnkr", "mkr",
                                        "miljoner", "miljon", "öre"};
    int x[64], y[64];
    size_t nx = text_skeleton(p->arena, w, x, 64);
    if (nx == 0 || nx > 12)
        return false;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t ny = text_skeleton(p->arena, units[i], y, 64);
        size_t d = text_edit_distance(x, nx, y, ny);
        size_t longer = nx > ny ? nx : ny;
        if (2 * d <= longer || (nx > ny && memcmp(x, y, ny * sizeof *x) == 0))
            return true;
    }
    return false;
}

/* Reports a syntax error as "oväntat X, förväntade A, B eller C" at the
** offending token, with a hint where one is likely: a misspelt keyword, a
** unit after a number, a block left open. A keyword with a capital letter
** where the keyword fits, and a keyword where a name belongs, get a message
** of their own and are remembered, so that parse.c reads the file again
** with them mended: one message each, and no errors that follow from them. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, Parser *p)
{
    (void)scanner;
    const Span *loc = yypcontext_location(ctx);
    yysymbol_kind_t tok = yypcontext_token(ctx);
    char what[240], lexeme[160];
    size_t n = loc->end > loc->start ? loc->end - loc->start : 0;
    excerpt(lexeme, sizeof lexeme, p->bytes + loc->start, n, 40);

    enum { N_EXPECTED = 6 };
    yysymbol_kind_t expected[YYNTOKENS];
    int n_exp = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
    bool wants_name = false, wants_value = false;
    for (int i = 0; i < n_exp; i++) {
        wants_name |= expected[i] == YYSYMBOL_IDENT;
        wants_value |= expected[i] == YYSYMBOL_INT;
    }

    /* Pott for pott, where 'pott' fits: one message, and read as 'pott'. */
    if (tok == YYSYMBOL_IDENT && n < 40) {
        char *folded = text_fold(p->arena, p->bytes + loc->start, n);
        for (int i = 0; folded && i < n_exp; i++) {
            const char *alias = yysymbol_name(expected[i]);   /* "'pott'" */
            size_t al = strlen(alias);
            if (expected[i] < YYSYMBOL_AGREEMENT || expected[i] > YYSYMBOL_FALSE || strncmp(folded, alias + 1, al - 2) != 0 ||
                folded[al - 2] != '\0' ||
                strncmp(p->bytes + loc->start, alias + 1, al - 2) == 0)
                continue;
            const char *word = arena_strndup(p->arena, alias + 1, al - 2);
            /* The token the word is: a keyword, so medel_yylex's value is its spelling. */
            int kw = (int)expected[i] - (int)YYSYMBOL_AGREEMENT + TOK_AGREEMENT;
            TokenFix f = {loc->start, kw, word};
            parse_report_fix(p, *loc, &f, lexeme);
            add_fix(p, loc->start, kw, word);
            return 0;
        }
    }
    /* A keyword where a name belongs (villkor vikt { … }). */
    size_t before = loc->start;
    while (before > 0 && (p->bytes[before - 1] == ' ' || p->bytes[before - 1] == '\t'))
        before--;
    bool line_start = before == 0 || p->bytes[before - 1] == '\n' || p->bytes[before - 1] == '\r';
    /* Where a value is expected, a keyword that starts a line begins the
    ** next item (the value before it is unfinished), and one that belongs
    ** in expressions is no name. */
    if (wants_name && tok >= YYSYMBOL_AGREEMENT && tok <= YYSYMBOL_FALSE &&
        !(wants_value && (expression_word(tok) || line_start)) && !strchr(lexeme, ' ')) {
        TokenFix f = {loc->start, TOK_IDENT, NULL};
        parse_report_fix(p, *loc, &f, lexeme);
        add_fix(p, loc->start, TOK_IDENT, NULL);
        return 0;
    }

    if (tok == YYSYMBOL_YYEOF)
        snprintf(what, sizeof what, "%s", _("oväntat slut på filen"));
    else if (tok == YYSYMBOL_YYUNDEF)
        snprintf(what, sizeof what, _("oväntat tecken '%s'"), lexeme);
    else if (tok == YYSYMBOL_STRING)
        snprintf(what, sizeof what, _("oväntad text %s"), lexeme);
    else
        snprintf(what, sizeof what, _("oväntat '%s'"), lexeme);

    /* A long list helps nobody: name the expected tokens only when few, and
    ** say "ett värde" or "ett namn" when one is among many. */
    char list[512] = "";
    size_t at = 0;
    if (n_exp > N_EXPECTED)
        snprintf(list, sizeof list, "%s", wants_value ? _("ett värde") : wants_name ? _("ett namn") : "");
    else
        for (int i = 0; i < n_exp && at < sizeof list; i++) {
            const char *sep = i == 0 ? "" : (i == n_exp - 1 ? _(" eller ") : ", ");
            at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", sep, symbol_words(expected[i]));
        }

    char hint[400] = "";
    /* The hint's one-click fix, where it is unambiguous: fix replaces the
    ** bytes fix_at (the token, or the whole range the hint rewrites). */
    char fix[160] = "";
    Span fix_at = *loc;
    /* 'bindande' belongs to a portfolio constraint alone: say where it goes. */
    /* The example in the keywords of the file: those of the word written. */
    if (tok == YYSYMBOL_BINDING)
        snprintf(hint, sizeof hint, _("; '%s' står bara i ett portföljvillkor och gör det bindande: '%s'"), lexeme,
                 strcmp(lexeme, "binding") == 0 ? "portfolio NAME { at_least 1 application where … binding }"
                                                : "portfölj NAMN { minst 1 ansökan där … bindande }");
    if (tok == YYSYMBOL_IDENT) {
        /* A keyword misspelt by a letter or two: the nearest expected one. */
        const char *best = NULL;
        int best_d = 3;
        bool tie = false;   /* another keyword as near: the hint names the first, a fix would guess */
        for (int i = 0; i < n_exp; i++) {
            const char *alias = yysymbol_name(expected[i]);   /* "'belopp'" */
            size_t al = strlen(alias);
            if (al < 3 || alias[0] != '\'')
                continue;
            char word[64];
            snprintf(word, sizeof word, "%.*s", (int)(al - 2), alias + 1);
            int d = distance(lexeme, word);
            if (d < best_d && d * 3 <= (int)strlen(word)) {
                best_d = d;
                best = alias;
                tie = false;
            } else if (best && d == best_d && d * 3 <= (int)strlen(word) && strcmp(alias, best) != 0)
                tie = true;
        }
        const char *prev = p->bytes + p->prev_end;
        while (prev > p->bytes && prev[-1] == ' ')
            prev--;
        bool after_number = prev > p->bytes && prev[-1] >= '0' && prev[-1] <= '9';
        if (best) {
            snprintf(hint, sizeof hint, _("; menade du %s?"), best);
            if (!tie && n == strlen(lexeme))   /* the lexeme is the whole token, not an excerpt */
                snprintf(fix, sizeof fix, "%.*s", (int)(strlen(best) - 2), best + 1);
        }
        else if (after_number && (strcmp(lexeme, "till") == 0 || strcmp(lexeme, "to") == 0)) {
            /* The range as it was meant: the number before, the one after. */
            const char *lo = prev;
            while (lo > p->bytes && lo[-1] >= '0' && lo[-1] <= '9')
                lo--;
            const char *hi = p->bytes + loc->end, *end = p->bytes + p->len;
            while (hi < end && *hi == ' ')
                hi++;
            const char *hi_end = hi;
            while (hi_end < end && *hi_end >= '0' && *hi_end <= '9')
                hi_end++;
            if (hi_end > hi && prev - lo <= 12 && hi_end - hi <= 12) {
                snprintf(hint, sizeof hint, _("; skriv ett intervall med två punkter: %.*s..%.*s"), (int)(prev - lo), lo,
                         (int)(hi_end - hi), hi);
                /* "13 till 19" becomes "13..19" where both are whole
                ** numbers: not a decimal's end (1,13 till 19) or start,
                ** nor the end of a name (ålder_13 till 19). */
                unsigned char before_lo = lo > p->bytes ? (unsigned char)lo[-1] : ' ';
                bool whole = !strchr(",._", before_lo) && before_lo < 0x80 && !((before_lo | 0x20) >= 'a' && (before_lo | 0x20) <= 'z') &&
                             (hi_end == end || !(strchr(",.", *hi_end) && hi_end + 1 < end && hi_end[1] >= '0' && hi_end[1] <= '9'));
                if (whole) {
                    snprintf(fix, sizeof fix, "%.*s..%.*s", (int)(prev - lo), lo, (int)(hi_end - hi), hi);
                    fix_at = (Span){loc->file, (uint32_t)(lo - p->bytes), (uint32_t)(hi_end - p->bytes)};
                }
            } else
                snprintf(hint, sizeof hint, _("; skriv ett intervall med två punkter, som 12..22"));
        }
        else if (strcmp(lexeme, "mellan") == 0 || strcmp(lexeme, "between") == 0) {
            /* "mellan 12 och 22": the range as the file writes it. */
            const char *q = p->bytes + loc->end, *end = p->bytes + p->len;
            const char *num[2] = {NULL, NULL};
            int len[2] = {0, 0};
            for (int k = 0; k < 2; k++) {
                while (q < end && *q == ' ')
                    q++;
                num[k] = q;
                while (q < end && *q >= '0' && *q <= '9')
                    q++;
                len[k] = (int)(q - num[k]);
                while (q < end && *q == ' ')
                    q++;
                if (k == 0 && end - q >= 3 && (memcmp(q, "och", 3) == 0 || memcmp(q, "and", 3) == 0))
                    q += 3;
            }
            if (len[0] > 0 && len[1] > 0 && len[0] <= 12 && len[1] <= 12) {
                snprintf(hint, sizeof hint, _("; skriv ett intervall med två punkter: inom %.*s..%.*s"), len[0], num[0], len[1],
                         num[1]);
                /* "mellan 12 och 22" becomes "inom 12..22", where the
                ** second number is whole (not 22,5) and ends the range. */
                const char *hi_end = num[1] + len[1];
                if (hi_end == end || !(strchr(",.", *hi_end) && hi_end + 1 < end && hi_end[1] >= '0' && hi_end[1] <= '9')) {
                    snprintf(fix, sizeof fix, "inom %.*s..%.*s", len[0], num[0], len[1], num[1]);
                    fix_at = (Span){loc->file, loc->start, (uint32_t)(hi_end - p->bytes)};
                }
            }
        } else if (after_number && unit_like(p, lexeme))
            snprintf(hint, sizeof hint, _("; om '%s' är en enhet, skriv kr, kronor, tkr, MSEK eller miljoner kronor"), lexeme);
    }
    if (tok == YYSYMBOL_YYEOF && p->n_open > 0) {
        /* The innermost '{' still open: name it and its line. */
        size_t at_open = p->open[(p->n_open - 1) % (sizeof p->open / sizeof p->open[0])];
        Span open = {p->file, (uint32_t)at_open, (uint32_t)at_open + 1};
        const OpenBlock *b = p->n_blocks > 0 ? &p->blocks[p->n_blocks - 1] : NULL;
        if (b && b->at == at_open && b->head_end > b->head_start)
            diag_error(p->diags, *loc, _("filen tar slut innan '%.*s' har avslutats: här saknas en '}'"),
                       (int)(b->head_end - b->head_start > 60 ? 60 : b->head_end - b->head_start), p->bytes + b->head_start);
        else
            diag_error(p->diags, *loc, "%s", _("filen tar slut innan alla block har avslutats: här saknas en '}'"));
        diag_note(p->diags, open, _("'{' som öppnas här stängs aldrig"));
        return 0;
    }
    if (list[0])
        diag_error(p->diags, *loc, _("syntaxfel: %s, förväntade %s%s"), what, list, hint);
    else
        diag_error(p->diags, *loc, _("syntaxfel: %s%s"), what, hint);
    if (fix[0])
        diag_fix_span(p->diags, fix_at, fix);
    return 0;
}

static void yyerror(const Span *loc, yyscan_t scanner, Parser *p, const char *msg)
{
    (void)scanner;
    /* Bison's only message of its own: its stack (YYMAXDEPTH entries, far
    ** more than AST_MAX_DEPTH levels need) ran out, so the input nests too
    ** deep, in a way the scanner cannot count (inte inte …, - - …). */
    if (strcmp(msg, "memory exhausted") == 0) {
        if (!p->too_deep)
            diag_error(p->diags, *loc, "%s", _(AST_DEPTH_MESSAGE));
        p->too_deep = true;
        p->module->incomplete = true;   /* the parse stops here: the rest is unread */
        return;
    }
    diag_error(p->diags, *loc, "%s", msg);
}
