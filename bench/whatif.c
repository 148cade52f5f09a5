/* bench/whatif.c: how long a what-if recompute takes inside a program that
 * embeds medel (the workbench server's case), without a process start.
 *
 *   cc -O2 -std=c11 -I runtime bench/whatif.c -o whatif -L BUILD -lmedel -Wl,-rpath,BUILD
 *   whatif [RULES APPLICATIONS [REPETITIONS]]
 *
 * Defaults: rules/ungdomsmottagningar-2021.medel,
 * examples/ansokningar-ungdomsmottagningar-2021.csv, 1000 repetitions.
 *
 * Two measurements, each the median of REPETITIONS (clock_gettime,
 * CLOCK_MONOTONIC; one untimed run first):
 *
 *   1. whatif: medel_run_whatif with scenario_text
 *      `scenario arbetsytan { ändra pott kommunerna { belopp 20 MSEK } }` and
 *      the JSON report, which is what POST /api/whatif runs for every change
 *      the what-if view makes (the HTTP around it not included). The report
 *      goes to /dev/null through stdio.
 *   2. the same scenario by the library's parts: loading the rule file with
 *      the scenario applied (its text with the scenario block appended,
 *      medel_program_load_text with opt.scenario), reading the applications
 *      (medel_applications_read_file) and allocating
 *      (medel_allocation_run), each timed on its own; the sum is one recompute.
 *
 * Prints a small Markdown table; with -q only "key value" lines (seconds), for
 * bench/run.sh. Exits 1 when a call fails.
 */
#define _POSIX_C_SOURCE 200809L
#include <medel.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SCENARIO[] = "scenario arbetsytan { ändra pott kommunerna { belopp 20 MSEK } }";

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *s = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (cap - n < 65536) {
            char *t = realloc(s, cap = 2 * cap + 65536);
            if (!t) {
                free(s);
                fclose(f);
                return NULL;
            }
            s = t;
        }
        got = fread(s + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return s;
}

int main(int argc, char **argv)
{
    bool quiet = argc > 1 && !strcmp(argv[1], "-q");
    if (quiet)
        argc--, argv++;
    const char *rules = argc > 1 ? argv[1] : "rules/ungdomsmottagningar-2021.medel";
    const char *apps = argc > 2 ? argv[2] : "examples/ansokningar-ungdomsmottagningar-2021.csv";
    long reps = argc > 3 ? strtol(argv[3], NULL, 10) : 1000;
    if (reps < 1 || argc > 4) {
        fprintf(stderr, "usage: whatif [-q] [RULES APPLICATIONS [REPETITIONS]]\n");
        return 64;
    }
    FILE *null = fopen("/dev/null", "w");
    size_t rules_len;
    char *text = slurp(rules, &rules_len);
    double *whatif = malloc((size_t)reps * sizeof *whatif), *load = malloc((size_t)reps * sizeof *load),
           *read = malloc((size_t)reps * sizeof *read), *alloc = malloc((size_t)reps * sizeof *alloc),
           *sum = malloc((size_t)reps * sizeof *sum);
    char *with = text ? malloc(rules_len + sizeof SCENARIO + 2) : NULL;
    if (!null || !text || !whatif || !load || !read || !alloc || !sum || !with) {
        fprintf(stderr, "whatif: cannot read %s, or out of memory\n", rules);
        return 1;
    }
    memcpy(with, text, rules_len);
    with[rules_len] = '\n';
    memcpy(with + rules_len + 1, SCENARIO, sizeof SCENARIO);   /* with its NUL */
    size_t with_len = rules_len + 1 + sizeof SCENARIO - 1;

    /* 1. the whole what-if, as the server runs it */
    medel_command c = {.rules = rules, .applications = apps, .scenario_text = SCENARIO};
    for (long i = -1; i < reps; i++) {
        double t0 = now();
        int rc = medel_run_whatif(&c, MEDEL_JSON, null, NULL);   /* the counts line on err is dropped */
        double t1 = now();
        if (rc != MEDEL_EXIT_OK) {
            medel_run_whatif(&c, MEDEL_JSON, null, stderr);   /* again, to show why */
            fprintf(stderr, "whatif: medel_run_whatif returned %d\n", rc);
            return 1;
        }
        if (i >= 0)
            whatif[i] = t1 - t0;
    }

    /* 2. the scenario by parts */
    medel_load_options opt = {.scenario = "arbetsytan"};
    int64_t granted = 0;
    for (long i = -1; i < reps; i++) {
        medel_program *p;
        medel_applications *s = NULL;
        medel_allocation *al = NULL;
        double t0 = now();
        int rc = medel_program_load_text(rules, with, with_len, &opt, &p);
        double t1 = now();
        if (rc == MEDEL_OK)
            rc = medel_applications_read_file(p, apps, NULL, &s);
        double t2 = now();
        if (rc == MEDEL_OK)
            rc = medel_allocation_run(s, &al, NULL, 0);
        double t3 = now();
        if (rc != MEDEL_OK) {
            fprintf(stderr, "whatif: %s\n", medel_status_text(rc));
            if (p)
                medel_program_render_diagnostics(p, stderr);
            return 1;
        }
        granted = medel_allocation_granted(al);
        medel_allocation_free(al);
        medel_applications_free(s);
        medel_program_free(p);
        if (i >= 0) {
            load[i] = t1 - t0;
            read[i] = t2 - t1;
            alloc[i] = t3 - t2;
            sum[i] = t3 - t0;
        }
    }
    double m_whatif = median(whatif, (size_t)reps), m_load = median(load, (size_t)reps),
           m_read = median(read, (size_t)reps), m_alloc = median(alloc, (size_t)reps),
           m_sum = median(sum, (size_t)reps);
    if (quiet) {
        printf("whatif %.9f\nload %.9f\nread %.9f\nallocate %.9f\nparts %.9f\n", m_whatif, m_load, m_read,
               m_alloc, m_sum);
    } else {
        printf("%s, %s, %ld repetitions (median), scenario: %s\n\n", rules, apps, reps, SCENARIO);
        printf("| step | median |\n|---|---:|\n");
        printf("| medel_run_whatif (baseline + scenario, JSON report) | %.3f ms |\n", m_whatif * 1e3);
        printf("| loading the rule file with the scenario | %.3f ms |\n", m_load * 1e3);
        printf("| reading the applications | %.3f ms |\n", m_read * 1e3);
        printf("| allocating | %.3f ms |\n", m_alloc * 1e3);
        printf("| one recompute by parts (the three) | %.3f ms |\n", m_sum * 1e3);
        printf("\ngranted under the scenario: %lld öre\n", (long long)granted);
    }
    free(whatif), free(load), free(read), free(alloc), free(sum), free(with), free(text);
    fclose(null);
    return 0;
}
