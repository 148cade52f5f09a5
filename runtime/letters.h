/*
** letters.h: decision letters (beslut), one per applicant, from an
** allocation: who the applicants are, what each letter says (the record a
** letter template, lettertpl.h, is rendered for), deterministic file names,
** and the index page that lists the letters. The words in a letter are
** Swedish whatever the language of messages: the letter goes to a Swedish
** applicant, and its template is the organisation's own text.
*/
#ifndef RUNTIME_LETTERS_H
#define RUNTIME_LETTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "allocate.h"
#include "assessment.h"
#include "eval.h"
#include "lettertpl.h"

/* The names a letter template may use (documented in docs/handbok.md,
** "Beslutsbrev", and at the top of docs/mallar/beslutsbrev.html). Static. */
const TplSchema *letters_schema(void);

/* One run's result, for the letters (all borrowed). */
typedef struct LetterRun {
    const EvalContext *cx;
    const Application *apps;          /* n applications, in input order */
    const Assessment *const *as;      /* their assessments */
    size_t n;
    const Allocation *al;
    int per_field;                    /* the field naming the applicant; -1: a letter per application */
    const char *date;                 /* the letters' date, "2021-03-15" */
    const char *rules;                /* the rule file, as named on the command line */
} LetterRun;

typedef struct Letter {
    const char *applicant;   /* as the field gives it (or the key, per application) */
    const char *file;        /* "stockholms-stad.html": safe, unique among the letters, never "index.html" */
    size_t *apps;            /* indices into the run's applications, in input order */
    size_t n_apps;
    Money requested, granted;
    size_t n_granted;        /* applications given money */
    TplRecord record;        /* what the template is rendered for */
} Letter;

/* The field that names applicants: the one of 'tak … per <fält>', else a
** field called sökande, else -1 (a letter per application). */
int letters_default_field(const Program *p);

/* The letters of a run, one per applicant in the order the applicants
** first appear (an application without the field's value is a letter of
** its own, under its key). *out gets the array; everything lives in a.
** Returns how many. Sums that would overflow read as the largest amount
** (they are only shown; the allocation checked its own sums). */
size_t letters_build(Arena *a, const LetterRun *r, Letter **out);

/* The file name of a letter for applicant text: lower-case ASCII letters
** and digits, å ä → a, ö → o, é → e, ü → u, anything else a single '-',
** at most 60 bytes, "sokande" when nothing is left; into buf (n >= 64). */
void letters_slug(const char *text, char *buf, size_t n);

/* index.html: the letters, with applicant, applications, requested,
** granted and a link to each. False on a write error. */
bool letters_index(FILE *out, const LetterRun *r, const Letter *letters, size_t n);

#endif
