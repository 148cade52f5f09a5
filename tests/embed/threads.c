/*
** threads.c: the commands API on several threads at once (as medel serve
** calls it): medel_run_allocate, medel_run_whatif, medel_run_validate and
** medel_run_check, each on 4 threads together, several rounds, must write
** the bytes a single-threaded run writes. Run from the project's folder;
** under ThreadSanitizer (label tsan) it also shows that no state is shared.
*/
#define _GNU_SOURCE   /* open_memstream */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "medel.h"

enum { THREADS = 4, ROUNDS = 3 };

typedef struct Job {
    const char *name;
    int kind;   /* 0 allocate, 1 whatif, 2 validate, 3 check, 4 explain */
    medel_format format;
    medel_command c;
    char *want;   /* the single-threaded bytes */
    size_t want_len;
    int want_rc;
} Job;

static int run(const Job *j, char **bytes, size_t *len)
{
    FILE *out = open_memstream(bytes, len);
    if (!out)
        exit(2);
    int rc;
    switch (j->kind) {
    case 0: rc = medel_run_allocate(&j->c, j->format, out, NULL); break;
    case 1: rc = medel_run_whatif(&j->c, j->format, out, NULL); break;
    case 2: rc = medel_run_validate(&j->c, j->format, out, NULL); break;
    case 3: rc = medel_run_check(&j->c, j->format, out, NULL); break;
    default: rc = medel_run_explain(&j->c, j->format, out, NULL); break;
    }
    fclose(out);
    return rc;
}

static Job jobs[8];
static size_t n_jobs;
static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    size_t first = (size_t)(uintptr_t)arg;
    for (int r = 0; r < ROUNDS; r++) {
        for (size_t k = 0; k < n_jobs; k++) {
            const Job *j = &jobs[(first + k) % n_jobs];   /* different jobs on different threads at once */
            char *bytes = NULL;
            size_t len = 0;
            int rc = run(j, &bytes, &len);
            if (rc != j->want_rc || len != j->want_len || memcmp(bytes, j->want, len) != 0) {
                pthread_mutex_lock(&lock);
                fprintf(stderr, "FAIL: %s on a thread: status %d (want %d), %zu bytes (want %zu)%s\n", j->name, rc, j->want_rc, len,
                        j->want_len, len == j->want_len ? ", different bytes" : "");
                failures++;
                pthread_mutex_unlock(&lock);
            }
            free(bytes);
        }
    }
    return NULL;
}

int main(void)
{
    const char *R = "rules/ungdomsmottagningar-2021.medel", *A = "examples/ansokningar-ungdomsmottagningar-2021.csv";
    const char *X = "examples/ansokningar-ungdomsmottagningar-2021.xlsx";
    const char *text = "scenario arbetsytan { ändra pott kommunerna { belopp 20 MSEK } }";
    jobs[n_jobs++] = (Job){"allocate json", 0, MEDEL_JSON, {.rules = R, .applications = A}, NULL, 0, 0};
    jobs[n_jobs++] = (Job){"allocate table (xlsx in)", 0, MEDEL_TABLE, {.rules = R, .applications = X}, NULL, 0, 0};
    jobs[n_jobs++] = (Job){"whatif json", 1, MEDEL_JSON, {.rules = R, .applications = A, .scenario_text = text}, NULL, 0, 0};
    jobs[n_jobs++] = (Job){"whatif html", 1, MEDEL_HTML, {.rules = R, .applications = A, .scenario_text = text}, NULL, 0, 0};
    jobs[n_jobs++] = (Job){"validate json", 2, MEDEL_JSON, {.rules = R}, NULL, 0, 0};
    jobs[n_jobs++] = (Job){"check csv", 3, MEDEL_CSV, {.rules = R, .applications = A}, NULL, 0, 0};
    jobs[n_jobs++] = (Job){"explain table", 4, MEDEL_TABLE, {.rules = R, .applications = A, .id = "UMO-2021-014"}, NULL, 0, 0};
    for (size_t k = 0; k < n_jobs; k++) {
        jobs[k].want_rc = run(&jobs[k], &jobs[k].want, &jobs[k].want_len);
        if (jobs[k].want_rc != 0 || jobs[k].want_len == 0) {
            fprintf(stderr, "FAIL: %s alone: status %d, %zu bytes\n", jobs[k].name, jobs[k].want_rc, jobs[k].want_len);
            return 1;
        }
    }
    pthread_t t[THREADS];
    for (size_t i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i) != 0)
            return 2;
    for (size_t i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    for (size_t k = 0; k < n_jobs; k++)
        free(jobs[k].want);
    if (!failures)
        printf("threads: %zu calls on %d threads at once, each as written alone\n", (size_t)THREADS * ROUNDS * n_jobs, THREADS);
    return failures != 0;
}
