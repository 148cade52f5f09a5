/*
** test_inherit.c: unit tests for the warnings of an extending rule file
** (lang/inherit.c): the years and periods a text names (and the numbers that
** are not years), "årets" and "i år", and the warnings program_load makes
** for inherited texts and for a krav changed under an inherited skäl, on
** files in a mkdtemp folder: only texts of earlier files warn, a chain of
** three files, and no warning again for a scenario's or a reload's load.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inherit.h"
#include "program.h"
#include "suites.h"

/* ---- years ---- */

typedef struct YearCase {
    const char *text;
    size_t n;                 /* mentions expected */
    int from[3], to[3];
    const char *written[3];   /* each mention as written */
} YearCase;

static const YearCase YEARS[] = {
    {"Satsning på länets ungdomsmottagningar 2021", 1, {2021}, {2021}, {"2021"}},
    {"för år 2021 fördela 35 miljoner kronor", 1, {2021}, {2021}, {"2021"}},
    {"Region Stockholm 2021–2022", 1, {2021}, {2022}, {"2021–2022"}},
    {"perioden 2021-2022", 1, {2021}, {2022}, {"2021-2022"}},
    {"perioden 2021 – 2022 i sin helhet", 1, {2021}, {2022}, {"2021 – 2022"}},
    {"budgetåret 2021/22", 1, {2021}, {2022}, {"2021/22"}},
    {"åren 2021–22", 1, {2021}, {2022}, {"2021–22"}},
    {"(2019)", 1, {2019}, {2019}, {"2019"}},
    {"under både 2016 och 2017", 2, {2016, 2017}, {2016, 2017}, {"2016", "2017"}},
    {"dnr S2021/01234", 1, {2021}, {2021}, {"2021"}},
    {"2022–2021", 2, {2022, 2021}, {2022, 2021}, {"2022", "2021"}},   /* backwards: two years, no period */
    {"1999 och 2000", 2, {1999, 2000}, {1999, 2000}, {"1999", "2000"}},
    /* Numbers that are not years. */
    {"2 021 kr per kommun", 0, {0}, {0}, {NULL}},
    {"högst 2000 kr per ungdom", 0, {0}, {0}, {NULL}},
    {"1990 SEK i resor", 0, {0}, {0}, {NULL}},
    {"2021 MSEK", 0, {0}, {0}, {NULL}},
    {"2000 % av potten", 0, {0}, {0}, {NULL}},
    {"2000\u00a0kronor", 0, {0}, {0}, {NULL}},
    {"0,2021 per invånare", 0, {0}, {0}, {NULL}},
    {"faktorn 2021,5", 0, {0}, {0}, {NULL}},
    {"förordningen (SFS 2020:1234)", 0, {0}, {0}, {NULL}},
    {"12021 invånare", 0, {0}, {0}, {NULL}},
    {"2 000 000 kr", 0, {0}, {0}, {NULL}},
    {"2000 000 kr", 0, {0}, {0}, {NULL}},
    {"år 1899 och 2100", 0, {0}, {0}, {NULL}},
    {"ungdomar 12–22 år", 0, {0}, {0}, {NULL}},
    {"personer som är 25 år och äldre", 0, {0}, {0}, {NULL}},
};

START_TEST(test_find_years)
{
    const YearCase *c = &YEARS[_i];
    YearMention m[4];
    size_t n = inherit_find_years(c->text, strlen(c->text), m, 4);
    ck_assert_msg(n == c->n, "'%s': %zu years, expected %zu", c->text, n, c->n);
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(m[i].from, c->from[i]);
        ck_assert_int_eq(m[i].to, c->to[i]);
        ck_assert_uint_eq(m[i].end - m[i].start, strlen(c->written[i]));
        ck_assert_msg(!memcmp(c->text + m[i].start, c->written[i], m[i].end - m[i].start), "'%s': mention %zu is '%.*s'",
                      c->text, i, (int)(m[i].end - m[i].start), c->text + m[i].start);
    }
}
END_TEST

START_TEST(test_more_years_than_room)
{
    const char *t = "2011 2012 2013 2014";
    YearMention m[2];
    ck_assert_uint_eq(inherit_find_years(t, strlen(t), m, 2), 4);
    ck_assert_int_eq(m[1].from, 2012);
}
END_TEST

typedef struct ThisYearCase {
    const char *text;
    const char *said;   /* NULL: not said */
} ThisYearCase;

static const ThisYearCase THIS_YEAR[] = {
    {"Årets tema: digitala mottagningar", "Årets"},
    {"Minst ett av årets fokusområden", "årets"},
    {"Regionens del är 10 MSEK i år.", "i år"},
    {"I år går pengarna till kommunerna", "I år"},
    {"i\u00a0år", "i\u00a0år"},
    {"i  år", "i  år"},
    {"i åren som kommer", NULL},
    {"föregående års medel", NULL},
    {"hårets längd", NULL},
    {"för 25 år och uppåt", NULL},
    {"Handlingsplanen för 25 år", NULL},
    {"nyår", NULL},
    {"", NULL},
};

START_TEST(test_says_this_year)
{
    const ThisYearCase *c = &THIS_YEAR[_i];
    size_t s = 0, e = 0;
    bool said = inherit_says_this_year(c->text, strlen(c->text), &s, &e);
    ck_assert_msg(said == (c->said != NULL), "'%s'", c->text);
    if (said)
        ck_assert_msg(e - s == strlen(c->said) && !memcmp(c->text + s, c->said, e - s), "'%s': said '%.*s'", c->text,
                      (int)(e - s), c->text + s);
}
END_TEST

/* ---- the warnings of a load ---- */

typedef struct Folder {
    char dir[64];
    char *files[8];
    int n;
} Folder;

static void folder_init(Folder *f)
{
    memset(f, 0, sizeof *f);
    strcpy(f->dir, "/tmp/medel-inherit-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(f->dir));
}

/* Writes text to dir/name; returns the full path (owned by f). */
static const char *folder_write(Folder *f, const char *name, const char *text)
{
    ck_assert_int_lt(f->n, 8);
    size_t n = strlen(f->dir) + strlen(name) + 2;
    char *path = malloc(n);
    ck_assert_ptr_nonnull(path);
    snprintf(path, n, "%s/%s", f->dir, name);
    FILE *out = fopen(path, "wb");
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), out), strlen(text));
    ck_assert_int_eq(fclose(out), 0);
    f->files[f->n++] = path;
    return path;
}

static void folder_free(Folder *f)
{
    for (int i = 0; i < f->n; i++) {
        unlink(f->files[i]);
        free(f->files[i]);
    }
    rmdir(f->dir);
}

/* What a load of path says (as diags_render prints it; malloc'd), and its
** counts. */
typedef struct Said {
    char *text;
    size_t errors, warnings;
} Said;

static Said load_says(const char *path, const LoadOptions *lo)
{
    Arena a;
    arena_init(&a);
    SourceSet set;
    source_set_init(&set);
    Diags d;
    diags_init(&d, &set);
    Program *p = program_load(&a, &set, &d, path, lo);
    ck_assert_ptr_nonnull(p);
    Said s = {NULL, d.n_errors, d.n_warnings};
    size_t len = 0;
    FILE *out = open_memstream(&s.text, &len);
    ck_assert_ptr_nonnull(out);
    diags_render(&d, out);
    ck_assert_int_eq(fclose(out), 0);
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return s;
}

static const char BASE_2021[] =
    "överenskommelse \"Satsning 2021\" {\n"
    "    år 2021\n"
    "    källa \"Överenskommelsen 2021\"\n"
    "}\n"
    "ansökan { nyckel id: text  sökt belopp: belopp  ålder: intervall }\n"
    "villkor ålder \"Ålder\" {\n"
    "    krav ålder inom 12..22\n"
    "    skäl \"Ungdomar 12–22 år.\"\n"
    "}\n"
    "pott p \"Potten 2021\" {\n"
    "    belopp 10 MSEK\n"
    "    tilldelning proportionell\n"
    "    stycke \"Årets pott\"\n"
    "}\n"
    "scenario mer { ändra pott p { belopp 12 MSEK } }\n";

START_TEST(test_inherited_year)
{
    Folder f;
    folder_init(&f);
    folder_write(&f, "a-2021.medel", BASE_2021);
    const char *b = folder_write(&f, "b-2022.medel",
                                 "utökar \"a-2021.medel\"\n"
                                 "ändra överenskommelse \"Satsning 2022\" { år 2022  källa \"Överenskommelsen 2022\" }\n");
    LoadOptions lo = {0};
    Said s = load_says(b, &lo);
    ck_assert_uint_eq(s.errors, 0);
    ck_assert_uint_eq(s.warnings, 2);   /* the pot's label, and its stycke ("Årets"); not the agreement's källa */
    ck_assert_ptr_nonnull(strstr(s.text, "warning: pottens benämning 'Potten 2021' ärvs från"));
    ck_assert_ptr_nonnull(strstr(s.text, "men nämner 2021; överenskommelsen gäller 2022"));
    ck_assert_ptr_nonnull(strstr(s.text, "warning: pottens stycke 'Årets pott' ärvs från"));
    ck_assert_ptr_nonnull(strstr(s.text, "men säger 'Årets', skrivet för 2021; överenskommelsen gäller 2022"));
    ck_assert_ptr_nonnull(strstr(s.text, "b-2022.medel:1:1: note: texten ärvs genom 'utökar' här; skriv 'ändra pott p { benämning \"…\" }'"));
    ck_assert_ptr_null(strstr(s.text, "Överenskommelsen"));
    free(s.text);

    /* A scenario's load, and a reload, say none of it again. */
    lo.scenario = "mer";
    s = load_says(b, &lo);
    ck_assert_uint_eq(s.warnings, 0);
    free(s.text);
    lo.scenario = NULL;
    lo.reload = true;
    s = load_says(b, &lo);
    ck_assert_uint_eq(s.warnings, 0);
    free(s.text);

    /* The same years: "Årets" is still true, and 2021 is the year. */
    const char *c = folder_write(&f, "c-2021.medel",
                                 "utökar \"a-2021.medel\"\n"
                                 "ändra pott p { belopp 11 MSEK }\n");
    lo.reload = false;
    s = load_says(c, &lo);
    ck_assert_uint_eq(s.warnings, 0);
    free(s.text);
    folder_free(&f);
}
END_TEST

START_TEST(test_period_covers_the_year)
{
    Folder f;
    folder_init(&f);
    folder_write(&f, "a-2021.medel", BASE_2021);
    const char *b = folder_write(&f, "b.medel",
                                 "utökar \"a-2021.medel\"\n"
                                 "ändra överenskommelse \"Satsning 2021–2022\" { år 2021–2022 }\n"
                                 "ändra pott p { stycke \"Pengarna för perioden\" }\n");
    LoadOptions lo = {0};
    Said s = load_says(b, &lo);
    /* 2021 lies in 2021–2022: the pot's label and the agreement's källa
    ** still hold. */
    ck_assert_uint_eq(s.warnings, 0);
    free(s.text);
    folder_free(&f);
}
END_TEST

START_TEST(test_changed_requirement)
{
    Folder f;
    folder_init(&f);
    folder_write(&f, "a-2021.medel", BASE_2021);
    const char *b = folder_write(&f, "b-2022.medel",
                                 "utökar \"a-2021.medel\"\n"
                                 "ändra överenskommelse \"Satsning\" { år 2021 }\n"
                                 "ändra villkor ålder { krav ålder inom 13..22 }\n");
    LoadOptions lo = {0};
    Said s = load_says(b, &lo);
    ck_assert_uint_eq(s.errors, 0);
    ck_assert_uint_eq(s.warnings, 1);
    ck_assert_ptr_nonnull(strstr(s.text, "b-2022.medel:3:23: warning: kravet i villkoret 'ålder' ändras här, men villkorets skäl ärvs oförändrat från"));
    ck_assert_ptr_nonnull(strstr(s.text, "a-2021.medel:8:10: note: skälet står här; ändra också skälet: 'ändra villkor ålder { krav … skäl \"…\" }'"));
    free(s.text);

    /* A skäl written with the krav: nothing. */
    const char *c = folder_write(&f, "c-2022.medel",
                                 "utökar \"a-2021.medel\"\n"
                                 "ändra överenskommelse \"Satsning\" { år 2021 }\n"
                                 "ändra villkor ålder { krav ålder inom 13..22  skäl \"Ungdomar 13–22 år.\" }\n");
    s = load_says(c, &lo);
    ck_assert_uint_eq(s.warnings, 0);
    free(s.text);

    /* Only the skäl changed: nothing either. */
    const char *d = folder_write(&f, "d-2022.medel",
                                 "utökar \"a-2021.medel\"\n"
                                 "ändra överenskommelse \"Satsning\" { år 2021 }\n"
                                 "ändra villkor ålder { skäl \"Unga 12–22 år.\" }\n");
    s = load_says(d, &lo);
    ck_assert_uint_eq(s.warnings, 0);
    free(s.text);
    folder_free(&f);
}
END_TEST

/* 2023 extends 2022 extends 2021: texts of both earlier files are
** inherited; the krav 2022 changed under 2021's skäl warns in 2023 too. */
START_TEST(test_chain)
{
    Folder f;
    folder_init(&f);
    folder_write(&f, "a-2021.medel", BASE_2021);
    folder_write(&f, "b-2022.medel",
                 "utökar \"a-2021.medel\"\n"
                 "ändra överenskommelse \"Satsning 2022\" { år 2022  källa \"Överenskommelsen\" }\n"
                 "ändra pott p { benämning \"Potten 2022\"  stycke \"Potten\" }\n"
                 "ändra villkor ålder { krav ålder inom 13..22 }\n");
    const char *c = folder_write(&f, "c-2023.medel",
                                 "utökar \"b-2022.medel\"\n"
                                 "ändra överenskommelse \"Satsning 2023\" { år 2023 }\n");
    LoadOptions lo = {0};
    Said s = load_says(c, &lo);
    ck_assert_uint_eq(s.errors, 0);
    ck_assert_uint_eq(s.warnings, 2);
    ck_assert_ptr_nonnull(strstr(s.text, "b-2022.medel:3:26: warning: pottens benämning 'Potten 2022' ärvs från"));
    ck_assert_ptr_nonnull(strstr(s.text, "men nämner 2022; överenskommelsen gäller 2023"));
    ck_assert_ptr_nonnull(strstr(s.text, "c-2023.medel:1:1: note: texten ärvs genom 'utökar' här"));
    ck_assert_ptr_nonnull(strstr(s.text, "b-2022.medel:4:23: warning: kravet i villkoret 'ålder' ändras här"));
    free(s.text);
    folder_free(&f);
}
END_TEST

/* "Årets" in a text two files up was written for that file's year, not for
** the year of the file in between: the warning says only "ett tidigare år". */
START_TEST(test_chain_this_year)
{
    Folder f;
    folder_init(&f);
    folder_write(&f, "a-2021.medel", BASE_2021);
    folder_write(&f, "b-2022.medel",
                 "utökar \"a-2021.medel\"\n"
                 "ändra överenskommelse \"Satsning 2022\" { år 2022  källa \"Överenskommelsen\" }\n"
                 "ändra pott p { benämning \"Potten\"  stycke \"I år: potten\" }\n"
                 "ändra villkor ålder { krav ålder inom 13..22  skäl \"Ungdomar 13–22 år.\" }\n");
    const char *c = folder_write(&f, "c-2023.medel",
                                 "utökar \"b-2022.medel\"\n"
                                 "ändra överenskommelse \"Satsning 2023\" { år 2023 }\n");
    LoadOptions lo = {0};
    Said s = load_says(c, &lo);
    ck_assert_uint_eq(s.errors, 0);
    ck_assert_uint_eq(s.warnings, 1);
    /* 2022's stycke says "I år", written for 2022, the extended file's year. */
    ck_assert_ptr_nonnull(strstr(s.text, "men säger 'I år', skrivet för 2022; överenskommelsen gäller 2023"));
    free(s.text);
    /* Without the 2022 stycke, 2021's "Årets pott" is inherited two files up. */
    folder_write(&f, "b-2022.medel",
                 "utökar \"a-2021.medel\"\n"
                 "ändra överenskommelse \"Satsning 2022\" { år 2022  källa \"Överenskommelsen\" }\n"
                 "ändra pott p { benämning \"Potten\" }\n"
                 "ändra villkor ålder { krav ålder inom 13..22  skäl \"Ungdomar 13–22 år.\" }\n");
    s = load_says(c, &lo);
    ck_assert_uint_eq(s.warnings, 1);
    ck_assert_ptr_nonnull(strstr(s.text, "men säger 'Årets', skrivet för ett tidigare år; överenskommelsen gäller 2023"));
    free(s.text);
    folder_free(&f);
}
END_TEST

/* A file without 'utökar' is never looked at, whatever its texts say. */
START_TEST(test_not_extending)
{
    Folder f;
    folder_init(&f);
    const char *a = folder_write(&f, "a-2021.medel", BASE_2021);
    LoadOptions lo = {0};
    Said s = load_says(a, &lo);
    ck_assert_uint_eq(s.warnings, 0);
    ck_assert_str_eq(s.text, "");
    free(s.text);
    folder_free(&f);
}
END_TEST

Suite *make_inherit_suite(void)
{
    Suite *s = suite_create("inherit");
    TCase *tc = tcase_create("years");
    tcase_add_loop_test(tc, test_find_years, 0, (int)(sizeof YEARS / sizeof *YEARS));
    tcase_add_test(tc, test_more_years_than_room);
    tcase_add_loop_test(tc, test_says_this_year, 0, (int)(sizeof THIS_YEAR / sizeof *THIS_YEAR));
    suite_add_tcase(s, tc);
    tc = tcase_create("load");
    tcase_add_test(tc, test_inherited_year);
    tcase_add_test(tc, test_period_covers_the_year);
    tcase_add_test(tc, test_changed_requirement);
    tcase_add_test(tc, test_chain);
    tcase_add_test(tc, test_chain_this_year);
    tcase_add_test(tc, test_not_extending);
    suite_add_tcase(s, tc);
    return s;
}
