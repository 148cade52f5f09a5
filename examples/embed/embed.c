/* embed.c: medel embedded in a program: load a rule file, hand the
** applications to the engine as bytes in memory, assess and allocate them,
** and print each sub-pot with its amount. Build: cc embed.c $(pkg-config
** --cflags --libs medel). Run: embed RULES.medel APPLICATIONS.csv */
#include <medel.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 3)
        return fprintf(stderr, "usage: embed RULES.medel APPLICATIONS.csv\n"), 64;
    medel_program *prog;
    if (medel_program_load(argv[1], NULL, &prog) != MEDEL_OK)
        return medel_program_render_diagnostics(prog, stderr), medel_program_free(prog), 65;
    FILE *f = fopen(argv[2], "rb");   /* the applications, read into memory by the host */
    char *buf = malloc(1 << 20);
    size_t len = f && buf ? fread(buf, 1, 1 << 20, f) : 0;
    if (f)
        fclose(f);
    if (!f || len == 1 << 20)
        fprintf(stderr, "embed: cannot read %s, or it is larger than 1 MiB\n", argv[2]), len = 0;
    medel_applications *apps;
    int rc = medel_applications_read_memory(prog, buf, len, argv[2], "csv", &apps);
    free(buf);   /* the set keeps what it read */
    size_t eligible = 0;
    for (size_t i = 0; rc == MEDEL_OK && i < medel_applications_count(apps); i++) {
        medel_assessment *a;
        if ((rc = medel_assess(apps, i, &a)) != MEDEL_OK)
            break;
        for (size_t k = 0; k < medel_program_pot_count(prog); k++)
            eligible += medel_assessment_verdict(a, k) == MEDEL_ELIGIBLE;
        medel_assessment_free(a);
    }
    medel_allocation *al = NULL;
    if (rc == MEDEL_OK && (rc = medel_allocation_run(apps, &al, NULL, 0)) == MEDEL_OK) {
        printf("%s: %zu applications, %zu eligible for a pot\n", medel_program_name(prog), medel_applications_count(apps), eligible);
        for (size_t i = 0; i < medel_allocation_pot_count(al); i++) {
            const medel_pot *p = medel_allocation_pot(al, i);
            if (p->key)   /* a sub-pot: one municipality's share */
                printf("%s: %lld,%02lld kr\n", p->key, (long long)(p->amount / 100), (long long)(p->amount % 100));
        }
    }
    if (rc != MEDEL_OK)
        fprintf(stderr, "embed: %s\n", medel_status_text(rc));
    medel_allocation_free(al);
    medel_applications_free(apps);
    medel_program_free(prog);
    return rc == MEDEL_OK ? 0 : 1;
}
