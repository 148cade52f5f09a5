/* calc.y: a host program's own bison parser, with bison's default names
** (yyparse, yylval, yyerror, yychar, yynerrs), linked beside libmedel to show
** that libmedel's parser does not take them. */
%{
#include <stdio.h>
int yylex(void);
void yyerror(const char *msg);
long calc_result;
%}
%define api.value.type {long}
%token NUM
%left '+' '-'
%left '*' '/'
%%
input: expr                 { calc_result = $1; } ;
expr: NUM
    | expr '+' expr         { $$ = $1 + $3; }
    | expr '-' expr         { $$ = $1 - $3; }
    | expr '*' expr         { $$ = $1 * $3; }
    | expr '/' expr         { $$ = $3 ? $1 / $3 : 0; }
    | '(' expr ')'          { $$ = $2; }
    ;
%%
void yyerror(const char *msg)
{
    fprintf(stderr, "calc: %s\n", msg);
}
