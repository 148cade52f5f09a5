/*
** test_whatif.c: unit tests for medel whatif (runtime/whatif.c) run end to
** end on the bundled 2021 agreement, with the JSON report read back through
** Jansson. A scenario of a sweep or of a scenario file is run in one process
** with the others, from the baseline's applications and (for a change of
** amounts) its assessments; each column must equal what medel gives for that
** scenario on its own: a rule file with the change written into it
** (`utökar` … `ändra`), loaded, read and assessed from scratch, or the
** scenario run alone.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "parse.h"
#include "suites.h"

#define RULES MEDEL_SOURCE_DIR "/rules/ungdomsmottagningar-2021.medel"
#define APPS MEDEL_SOURCE_DIR "/examples/ansokningar-ungdomsmottagningar-2021.csv"
#define SCENARIOS MEDEL_SOURCE_DIR "/examples/scenarier-ungdomsmottagningar-2021.medel"

/* A scratch folder for the reports and derived rule files. */
typedef struct Dir {
    char path[64];
    char *files[32];
    int n;
} Dir;

static void dir_init(Dir *d)
{
    memset(d, 0, sizeof *d);
    strcpy(d->path, "/tmp/medel-whatif-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(d->path));
}

/* dir/name, remembered for dir_free; owned by d. */
static const char *dir_file(Dir *d, const char *name)
{
    ck_assert_int_lt(d->n, 32);
    size_t n = strlen(d->path) + strlen(name) + 2;
    char *p = malloc(n);
    ck_assert_ptr_nonnull(p);
    snprintf(p, n, "%s/%s", d->path, name);
    d->files[d->n++] = p;
    return p;
}

static void dir_free(Dir *d)
{
    for (int i = 0; i < d->n; i++) {
        unlink(d->files[i]);
        free(d->files[i]);
    }
    rmdir(d->path);
}

/* Runs medel whatif with JSON output to `out` and returns the parsed report
** (the caller json_decref's it). */
static json_t *whatif_json(const char *rules, const MedelWhatIfOptions *wo, const char *out)
{
    MedelOptions o = {.rules = rules, .applications = APPS, .format = MEDEL_FORMAT_JSON, .output = out,
                      .allow_outside_paths = true};
    FILE *err = fopen("/dev/null", "w");
    ck_assert_ptr_nonnull(err);
    int rc = medel_whatif(&o, wo, false, NULL, err);
    fclose(err);
    ck_assert_int_eq(rc, MEDEL_EXIT_OK);
    json_error_t e;
    json_t *j = json_load_file(out, 0, &e);
    ck_assert_msg(j != NULL, "%s: %s", out, e.text);
    return j;
}

static int64_t integer(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    ck_assert_msg(json_is_integer(v), "no integer '%s'", key);
    return (int64_t)json_integer_value(v);
}

/* The amount of the row named `name` in column c of section `rows` ("pots"
** or "recipients"), 0 when there is no such row or it is null there. */
static int64_t row_amount(const json_t *report, const char *rows, const char *name, size_t c)
{
    const json_t *list = json_object_get(report, rows);
    for (size_t i = 0; i < json_array_size(list); i++) {
        const json_t *row = json_array_get(list, i);
        if (strcmp(json_string_value(json_object_get(row, "name")), name) == 0) {
            const json_t *v = json_array_get(json_object_get(row, "amount_ore"), c);
            return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
        }
    }
    return 0;
}

/* Column ca of report a equals column cb of report b: the sums, every pot and
** sub-pot, and every recipient of either. */
static void same_column(const json_t *a, size_t ca, const json_t *b, size_t cb, const char *what)
{
    const json_t *xa = json_array_get(json_object_get(a, "columns"), ca);
    const json_t *xb = json_array_get(json_object_get(b, "columns"), cb);
    ck_assert_ptr_nonnull(xa);
    ck_assert_ptr_nonnull(xb);
    static const char *const sums[] = {"total_ore", "granted_ore", "returned_ore", "unallocated_ore"};
    for (size_t k = 0; k < 4; k++)
        ck_assert_msg(integer(xa, sums[k]) == integer(xb, sums[k]), "%s: %s %lld != %lld", what, sums[k],
                      (long long)integer(xa, sums[k]), (long long)integer(xb, sums[k]));
    ck_assert(json_is_true(json_object_get(xa, "conserved")));
    static const char *const sections[] = {"pots", "recipients"};
    const json_t *both[] = {a, b};
    for (size_t s = 0; s < 2; s++) {
        size_t compared = 0;
        for (size_t r = 0; r < 2; r++) {
            const json_t *list = json_object_get(both[r], sections[s]);
            for (size_t i = 0; i < json_array_size(list); i++) {
                const char *name = json_string_value(json_object_get(json_array_get(list, i), "name"));
                int64_t va = row_amount(a, sections[s], name, ca), vb = row_amount(b, sections[s], name, cb);
                ck_assert_msg(va == vb, "%s: %s '%s': %lld != %lld öre", what, sections[s], name, (long long)va,
                              (long long)vb);
                compared++;
            }
        }
        ck_assert_uint_gt(compared, 0);
    }
}

/* Every point of a sweep equals the agreement with that amount written into
** it, loaded and allocated on its own. */
START_TEST(test_sweep_equals_separate_runs)
{
    Dir d;
    dir_init(&d);
    MedelWhatIfOptions sweep = {.sweep = "ungdomsmottagningar=30 MSEK..45 MSEK steg 5 MSEK"};
    json_t *swept = whatif_json(RULES, &sweep, dir_file(&d, "svep.json"));
    ck_assert_uint_eq(json_array_size(json_object_get(swept, "columns")), 5);
    static const char *const amounts[] = {"30 MSEK", "35 MSEK", "40 MSEK", "45 MSEK"};
    for (size_t i = 0; i < 4; i++) {
        char name[32], set[64];
        snprintf(name, sizeof name, "punkt-%zu.medel", i);
        const char *rules = dir_file(&d, name);
        FILE *f = fopen(rules, "w");
        ck_assert_ptr_nonnull(f);
        fprintf(f, "utökar \"%s\"\nändra pott ungdomsmottagningar { belopp %s }\n", RULES, amounts[i]);
        ck_assert_int_eq(fclose(f), 0);
        /* Column 0 of this run is the agreement itself; whatif needs a
        ** scenario, so it gets one that changes nothing. */
        snprintf(set, sizeof set, "ungdomsmottagningar=%s", amounts[i]);
        const char *sets[] = {set};
        MedelWhatIfOptions alone = {.sets = sets, .n_sets = 1};
        snprintf(name, sizeof name, "punkt-%zu.json", i);
        json_t *ref = whatif_json(rules, &alone, dir_file(&d, name));
        same_column(swept, 1 + i, ref, 0, amounts[i]);
        same_column(ref, 1, ref, 0, amounts[i]);
        json_decref(ref);
    }
    json_decref(swept);
    dir_free(&d);
}
END_TEST

/* Every scenario of the example file, run together (changes of amounts,
** criteria, splits, split rules, moved money, a second round, caps and a
** replaced table), equals the same scenario run alone, eligibility changes
** included. */
START_TEST(test_scenarios_equal_separate_runs)
{
    Dir d;
    dir_init(&d);
    MedelWhatIfOptions all = {.scenario_file = SCENARIOS, .all_scenarios = true};
    json_t *together = whatif_json(RULES, &all, dir_file(&d, "alla.json"));
    const json_t *columns = json_object_get(together, "columns");
    ck_assert_uint_eq(json_array_size(columns), 9);
    for (size_t c = 1; c < json_array_size(columns); c++) {
        const char *name = json_string_value(json_object_get(json_array_get(columns, c), "name"));
        const char *names[] = {name};
        MedelWhatIfOptions one = {.scenario_file = SCENARIOS, .scenarios = names, .n_scenarios = 1};
        char file[32];
        snprintf(file, sizeof file, "ensam-%zu.json", c);
        json_t *alone = whatif_json(RULES, &one, dir_file(&d, file));
        same_column(together, c, alone, 1, name);
        same_column(together, 0, alone, 0, "baslinje");
        /* The same eligibility changes, in the same order. */
        const json_t *all_changes = json_object_get(together, "changes");
        const json_t *its = json_object_get(alone, "changes");
        size_t k = 0;
        for (size_t i = 0; i < json_array_size(all_changes); i++) {
            const json_t *ch = json_array_get(all_changes, i);
            if (strcmp(json_string_value(json_object_get(ch, "scenario")), name) != 0)
                continue;
            ck_assert_msg(json_equal(ch, json_array_get(its, k)), "%s: change %zu differs", name, k);
            k++;
        }
        ck_assert_uint_eq(k, json_array_size(its));
        json_decref(alone);
    }
    json_decref(together);
    dir_free(&d);
}
END_TEST

/* Runs medel whatif with JSON output to `out` and returns its exit code; the
** messages go to the file `msgs`. */
static int whatif_rc(const MedelWhatIfOptions *wo, const char *out, const char *msgs)
{
    MedelOptions o = {.rules = RULES, .applications = APPS, .format = MEDEL_FORMAT_JSON, .output = out,
                      .allow_outside_paths = true};
    FILE *err = fopen(msgs, "w");
    ck_assert_ptr_nonnull(err);
    int rc = medel_whatif(&o, wo, false, NULL, err);
    fclose(err);
    return rc;
}

/* The first line of file `path` (static buffer). */
static const char *first_line(const char *path)
{
    static char line[1024];
    line[0] = '\0';
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    fclose(f);
    return line;
}

/* A value given with --set, --drop or --sweep is one value of its kind, never
** rule text: every value below, each a valid one with something added that
** would be more source (braces, keywords, a comment, a line break, quotes,
** another token), is refused as a usage error naming the option, before
** anything is read or written. */
START_TEST(test_cli_values_are_values)
{
    Dir d;
    dir_init(&d);
    const char *out = dir_file(&d, "ut.json"), *msgs = dir_file(&d, "fel.txt");
    static const char *const added[] = {
        " }", "{", "} ändra pott regionen { belopp 3 MSEK", " } ändra pott regionen { belopp 3 MSEK }", " # kommentar",
        "#", "\n", "\nscenario x { }", "\"", "\" }", "\\", " 3", " kr kr", ",", " ,x", "..", " + 1 kr", "*2", " och ja",
        "\t", "\r", " ta bort villkor målgrupp", " resten", " 20 MSEK", "\xC3" /* a lone lead byte */, ")", "(",
    };
    static const char *const set_values[] = {"20 MSEK", "20 %", "resten"};
    size_t tried = 0;
    for (size_t i = 0; i < sizeof added / sizeof *added; i++) {
        char buf[256];
        const char *sets[1] = {buf};
        /* In the amount of --set, and in its pot's name. */
        for (size_t v = 0; v < sizeof set_values / sizeof *set_values; v++) {
            snprintf(buf, sizeof buf, "kommunerna=%s%s", set_values[v], added[i]);
            MedelWhatIfOptions wo = {.sets = sets, .n_sets = 1};
            ck_assert_msg(whatif_rc(&wo, out, msgs) == MEDEL_EXIT_USAGE, "--set '%s' was not refused", buf);
            ck_assert_msg(strncmp(first_line(msgs), "medel: --set \"", 14) == 0, "--set '%s': %s", buf, first_line(msgs));
            ck_assert_msg(access(out, F_OK) != 0, "--set '%s' wrote a report", buf);
            tried++;
        }
        snprintf(buf, sizeof buf, "kommunerna%s=20 MSEK", added[i]);
        MedelWhatIfOptions wo = {.sets = sets, .n_sets = 1};
        if (!strchr(added[i], '=')) {
            ck_assert_msg(whatif_rc(&wo, out, msgs) == MEDEL_EXIT_USAGE, "--set '%s' was not refused", buf);
            ck_assert_msg(access(out, F_OK) != 0, "--set '%s' wrote a report", buf);
            tried++;
        }
        /* In the criterion of --drop. */
        snprintf(buf, sizeof buf, "målgrupp%s", added[i]);
        MedelWhatIfOptions wd = {.drops = sets, .n_drops = 1};
        ck_assert_msg(whatif_rc(&wd, out, msgs) == MEDEL_EXIT_USAGE, "--drop '%s' was not refused", buf);
        ck_assert_msg(strncmp(first_line(msgs), "medel: --drop \"", 15) == 0, "--drop '%s': %s", buf, first_line(msgs));
        ck_assert_msg(access(out, F_OK) != 0, "--drop '%s' wrote a report", buf);
        tried++;
        /* In each part of --sweep. */
        static const char *const sweeps[] = {"kommunerna%s=10 MSEK..12 MSEK steg 1 MSEK", "kommunerna=10 MSEK%s..12 MSEK steg 1 MSEK",
                                             "kommunerna=10 MSEK..12 MSEK%s steg 1 MSEK", "kommunerna=10 MSEK..12 MSEK steg 1 MSEK%s"};
        for (size_t k = 0; k < 4; k++) {
            if (strstr(added[i], "..") || (k == 2 && added[i][0] == ' '))
                continue;   /* another split of the option, refused as well but not by one value */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
            snprintf(buf, sizeof buf, sweeps[k], added[i]);
#pragma GCC diagnostic pop
            MedelWhatIfOptions ws = {.sweep = buf};
            ck_assert_msg(whatif_rc(&ws, out, msgs) == MEDEL_EXIT_USAGE, "--sweep '%s' was not refused", buf);
            ck_assert_msg(access(out, F_OK) != 0, "--sweep '%s' wrote a report", buf);
            tried++;
        }
    }
    ck_assert_uint_gt(tried, 150);
    dir_free(&d);
}
END_TEST

/* A valid value of each kind gives what the same change written in a
** scenario file gives. */
START_TEST(test_cli_values_equal_scenario_file)
{
    Dir d;
    dir_init(&d);
    static const struct {
        const char *set, *drop, *change;
    } cases[] = {
        {"kommunerna=20 MSEK", NULL, "ändra pott kommunerna { belopp 20 MSEK }"},
        {"kommunerna=20 000 000 kronor", NULL, "ändra pott kommunerna { belopp 20 000 000 kronor }"},
        {"regionen=20 %", NULL, "ändra pott regionen { belopp 20 % }"},
        {"länsgemensamt=resten", NULL, "ändra pott länsgemensamt { belopp resten }"},
        {NULL, "fokusområde", "ta bort villkor fokusområde"},
        {"regionen=12 MSEK", "medicinsk_utförare", "ändra pott regionen { belopp 12 MSEK }\n ta bort villkor medicinsk_utförare"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char name[32];
        snprintf(name, sizeof name, "fil-%zu.medel", i);
        const char *file = dir_file(&d, name);
        FILE *f = fopen(file, "w");
        ck_assert_ptr_nonnull(f);
        fprintf(f, "scenario s { %s }\n", cases[i].change);
        fclose(f);
        const char *sets[1] = {cases[i].set}, *drops[1] = {cases[i].drop}, *names[1] = {"s"};
        MedelWhatIfOptions cli = {.sets = sets, .n_sets = cases[i].set != NULL, .drops = drops, .n_drops = cases[i].drop != NULL};
        MedelWhatIfOptions scen = {.scenario_file = file, .scenarios = names, .n_scenarios = 1};
        snprintf(name, sizeof name, "cli-%zu.json", i);
        json_t *a = whatif_json(RULES, &cli, dir_file(&d, name));
        snprintf(name, sizeof name, "scen-%zu.json", i);
        json_t *b = whatif_json(RULES, &scen, dir_file(&d, name));
        same_column(a, 1, b, 1, cases[i].change);
        /* The same eligibility changes, but for the scenario's name. */
        const json_t *ca = json_object_get(a, "changes"), *cb = json_object_get(b, "changes");
        ck_assert_uint_eq(json_array_size(ca), json_array_size(cb));
        for (size_t k = 0; k < json_array_size(ca); k++) {
            json_t *x = json_deep_copy(json_array_get(ca, k)), *y = json_deep_copy(json_array_get(cb, k));
            json_object_del(x, "scenario");
            json_object_del(y, "scenario");
            ck_assert_msg(json_equal(x, y), "%s: change %zu differs", cases[i].change, k);
            json_decref(x);
            json_decref(y);
        }
        if (cases[i].drop)
            ck_assert_uint_gt(json_array_size(ca), 0);
        json_decref(a);
        json_decref(b);
    }
    dir_free(&d);
}
END_TEST

/* A scenario whose table no longer has an application's key rejects that
** application; it is never silently left out. For every municipality of the
** population table: a scenario with the table without it rejects exactly the
** applications from it, each said in the comparison (after "rejected", with
** the reader's reason), counted per column, exit 67 without --keep-going
** (nothing written) and with it (written); and no recipient's grant drops to
** 0 kr without a change said for it in that column. */
START_TEST(test_scenario_rejections_are_said)
{
    Dir d;
    dir_init(&d);
    const char *csv = dir_file(&d, "befolkning.csv"), *scen = dir_file(&d, "scen.medel"), *out = dir_file(&d, "ut.json"),
               *msgs = dir_file(&d, "fel.txt");
    FILE *f = fopen(MEDEL_SOURCE_DIR "/rules/data/befolkning_2019-12-31.csv", "r");
    ck_assert_ptr_nonnull(f);
    char lines[64][256];
    size_t n_lines = 0;
    while (n_lines < 64 && fgets(lines[n_lines], sizeof lines[0], f))
        n_lines++;
    fclose(f);
    f = fopen(scen, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "scenario utan { tabell ungdomar från \"befolkning.csv\" { nyckel kommun: text \"municipality\"\n"
               "  kod: text \"municipality_code\"  antal_12_22: heltal \"age_12_22\" } }\n");
    fclose(f);
    size_t total_rejected = 0;
    for (size_t drop = 1; drop < n_lines; drop++) {
        f = fopen(csv, "w");
        ck_assert_ptr_nonnull(f);
        for (size_t i = 0; i < n_lines; i++)
            if (i != drop)
                fputs(lines[i], f);
        fclose(f);
        char name[128];
        const char *comma = strchr(lines[drop], ',');
        snprintf(name, sizeof name, ";%.*s;", (int)strcspn(comma + 1, ","), comma + 1);
        /* The applications from that municipality, by key. */
        char keys[16][32];
        size_t n_keys = 0;
        FILE *apps = fopen(APPS, "r");
        ck_assert_ptr_nonnull(apps);
        char row[2048];
        while (fgets(row, sizeof row, apps))
            if (strstr(row, name) && n_keys < 16)
                snprintf(keys[n_keys++], sizeof keys[0], "%.*s", (int)strcspn(row, ";"), row);
        fclose(apps);
        const char *names[] = {"utan"};
        MedelWhatIfOptions wo = {.scenario_file = scen, .scenarios = names, .n_scenarios = 1};
        MedelOptions o = {.rules = RULES, .applications = APPS, .format = MEDEL_FORMAT_JSON, .output = out,
                          .allow_outside_paths = true};
        FILE *err = fopen(msgs, "w");
        int rc = medel_whatif(&o, &wo, false, NULL, err);
        fclose(err);
        ck_assert_int_eq(rc, n_keys ? MEDEL_EXIT_APPLICATIONS : MEDEL_EXIT_OK);
        ck_assert_int_eq(access(out, F_OK) == 0, n_keys == 0);
        o.keep_going = true;
        err = fopen(msgs, "w");
        rc = medel_whatif(&o, &wo, false, NULL, err);
        fclose(err);
        ck_assert_int_eq(rc, n_keys ? MEDEL_EXIT_APPLICATIONS : MEDEL_EXIT_OK);
        json_error_t e;
        json_t *j = json_load_file(out, 0, &e);
        ck_assert_ptr_nonnull(j);
        ck_assert_int_eq(integer(json_array_get(json_object_get(j, "columns"), 1), "read_otherwise"), (int64_t)n_keys);
        const json_t *changes = json_object_get(j, "changes");
        for (size_t k = 0; k < n_keys; k++) {
            bool said = false;
            for (size_t i = 0; i < json_array_size(changes); i++) {
                const json_t *ch = json_array_get(changes, i);
                if (!strcmp(json_string_value(json_object_get(ch, "application")), keys[k]) &&
                    !strcmp(json_string_value(json_object_get(ch, "after")), "rejected"))
                    said = strstr(json_string_value(json_object_get(ch, "why")), "finns inte i datafilen 'befolkning.csv'") != NULL;
            }
            ck_assert_msg(said, "%s: the rejection of %s is not said", name, keys[k]);
            total_rejected++;
        }
        const json_t *recipients = json_object_get(j, "recipients");
        for (size_t i = 0; i < json_array_size(recipients); i++) {
            const json_t *r = json_array_get(recipients, i);
            const char *key = json_string_value(json_object_get(r, "name"));
            if (row_amount(j, "recipients", key, 0) > 0 && row_amount(j, "recipients", key, 1) == 0) {
                bool said = false;
                for (size_t c = 0; c < json_array_size(changes); c++)
                    said |= !strcmp(json_string_value(json_object_get(json_array_get(changes, c), "application")), key);
                ck_assert_msg(said, "%s: %s drops to 0 kr unsaid", name, key);
            }
        }
        json_decref(j);
        unlink(out);
    }
    ck_assert_uint_gt(total_rejected, 20);
    dir_free(&d);
}
END_TEST

/* parse_value over random strings built from fragments of rule text: what
** it accepts as a name, an amount, a percentage or resten (the kinds the
** options take) is one token that cannot open or close anything (no brace,
** quote, comment, line break or parenthesis), is accepted the same
** with spaces around it, and is refused when doubled. */
START_TEST(test_parse_value_random)
{
    static const char *const parts[] = {"20", " ", "MSEK", "kr", "%", "{", "}", "\"", "#", "\n", ",", "(", ")", "..",
                                        "resten", "och", "kommunerna", "ä", "”", "1 000", ",5", "tkr", "x",
                                        "\\", "\t", "belopp", "-", "\xC2\xA0" /* NBSP */, "=", "steg"};
    Arena a;
    arena_init(&a);
    srand(7);
    size_t accepted = 0;
    for (int round = 0; round < 5000; round++) {
        char text[128] = "";
        size_t n = 1 + (size_t)(rand() % 4);
        for (size_t i = 0; i < n; i++)
            strncat(text, parts[rand() % (int)(sizeof parts / sizeof *parts)], sizeof text - strlen(text) - 1);
        ParsedValue v, v2;
        char why[256];
        if (!parse_value(&a, text, strlen(text), &v, why, sizeof why)) {
            ck_assert_msg(why[0] != '\0', "'%s': refused without a reason", text);
            continue;
        }
        if (v.kind == VALUE_OTHER)
            continue;   /* one token, but of no kind an option takes */
        accepted++;
        ck_assert_msg(strpbrk(text, "{}\"#\n()") == NULL && strstr(text, "”") == NULL,
                      "'%s' was accepted as one value", text);
        char spaced[300], doubled[300];
        snprintf(spaced, sizeof spaced, "  %s ", text);
        ck_assert(parse_value(&a, spaced, strlen(spaced), &v2, why, sizeof why));
        ck_assert_int_eq(v2.kind, v.kind);
        if (v.kind == VALUE_AMOUNT)
            ck_assert_int_eq(v2.money, v.money);
        snprintf(doubled, sizeof doubled, "%s ; %s", text, text);
        ck_assert_msg(!parse_value(&a, doubled, strlen(doubled), &v2, why, sizeof why), "'%s' was accepted", doubled);
    }
    ck_assert_uint_gt(accepted, 100);
    arena_free(&a);
}
END_TEST

Suite *make_whatif_suite(void)
{
    Suite *s = suite_create("whatif");
    TCase *tc = tcase_create("whatif");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_sweep_equals_separate_runs);
    tcase_add_test(tc, test_scenarios_equal_separate_runs);
    tcase_add_test(tc, test_cli_values_are_values);
    tcase_add_test(tc, test_parse_value_random);
    tcase_add_test(tc, test_scenario_rejections_are_said);
    tcase_add_test(tc, test_cli_values_equal_scenario_file);
    suite_add_tcase(s, tc);
    return s;
}
