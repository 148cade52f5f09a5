/* bench/gen.c: deterministic generator of benchmark applications for medel.
 *
 *   cc -O2 -std=c11 -o gen bench/gen.c
 *   gen N > applications.csv
 *
 * Writes N applications as UTF-8 CSV with a header row (columns: id, title,
 * applicant_type, municipality, requested_sek, focus, age_min, age_max,
 * ordinary_operations, consulted, scalable). The output depends only on N:
 * the random numbers come from a xorshift64 generator with a fixed seed.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t xorshift64(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng_state = x;
    return x;
}

/* A uniform integer in lo..hi (the modulo bias is negligible here). */
static long pick(long lo, long hi)
{
    return lo + (long)(xorshift64() % (uint64_t)(hi - lo + 1));
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const applicant_types[] = {"kommun", "region", "privat", "ideell"};

/* The 26 municipalities of Stockholms län, as in
 * rules/data/befolkning_2019-12-31.csv (column `municipality`). */
static const char *const municipalities[] = {
    "Upplands Väsby", "Vallentuna", "Österåker", "Värmdö",     "Järfälla",
    "Ekerö",          "Huddinge",   "Botkyrka",  "Salem",      "Haninge",
    "Tyresö",         "Upplands-Bro", "Nykvarn", "Täby",       "Danderyd",
    "Sollentuna",     "Stockholm",  "Södertälje", "Nacka",     "Sundbyberg",
    "Solna",          "Lidingö",    "Vaxholm",   "Norrtälje",  "Sigtuna",
    "Nynäshamn",
};

static const char *const focus_areas[] = {
    "samverkan", "delaktighet", "digital",     "tillganglighet", "omstallning",
    "funktionsvariation", "jamlik_vard", "nara_vard", "egenvard", "vardutveckling",
};

static const char *const consulted_bodies[] = {"CPF", "NASP", "CES"};

static const char *const title_first[] = {
    "Stärkt",   "Jämlik",    "Nära",      "Digital",   "Trygg",   "Öppen",
    "Gemensam", "Förbättrad", "Tillgänglig", "Hållbar", "Säker",  "Växande",
};
static const char *const title_second[] = {
    "vård för äldre",         "psykisk hälsa för unga",   "samverkan i länet",
    "stöd för anhöriga",      "mottagning på distans",    "hälsa för småbarnsföräldrar",
    "egenvård vid diabetes",  "vårdkedja för ätstörningar", "förebyggande arbete i skolan",
    "rådgivning på svenska och arabiska", "suicidprevention i glesbygd", "öppenvård för missbruk",
};
static const char *const title_place[] = {
    "i Söderort", "på Södermalm", "i Östra länet", "i Norrort", "i skärgården",
    "för hela länet", "i Västerort", "på Lidingö", "i Älvsjö", "på Värmdö",
};

static int bits(unsigned m)
{
    int c = 0;
    for (; m; m &= m - 1)
        c++;
    return c;
}

/* Writes a random subset of k of the n `names`, joined by '|', in list order. */
static void put_subset(const char *const *names, int n, int k)
{
    unsigned mask = 0;
    while (bits(mask) < k)
        mask |= 1u << pick(0, n - 1);
    int first = 1;
    for (int i = 0; i < n; i++) {
        if (mask & (1u << i)) {
            if (!first)
                fputc('|', stdout);
            fputs(names[i], stdout);
            first = 0;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen N > applications.csv\n");
        return 64;
    }
    char *end;
    long long n = strtoll(argv[1], &end, 10);
    if (*end != '\0' || n < 0) {
        fprintf(stderr, "gen: N must be a non-negative integer\n");
        return 64;
    }
    static char buf[1 << 20];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);

    fputs("id,title,applicant_type,municipality,requested_sek,focus,age_min,age_max,"
          "ordinary_operations,consulted,scalable\n",
          stdout);
    for (long long i = 1; i <= n; i++) {
        printf("%lld,", i);
        printf("%s %s %s %lld,", title_first[pick(0, COUNT(title_first) - 1)],
               title_second[pick(0, COUNT(title_second) - 1)],
               title_place[pick(0, COUNT(title_place) - 1)], i);
        printf("%s,", applicant_types[pick(0, COUNT(applicant_types) - 1)]);
        printf("%s,", municipalities[pick(0, COUNT(municipalities) - 1)]);
        printf("%ld,", pick(20000, 3000000));
        put_subset(focus_areas, (int)COUNT(focus_areas), (int)pick(1, 3));
        long a = pick(0, 99), b = pick(0, 99);
        if (a > b) {
            long t = a;
            a = b;
            b = t;
        }
        printf(",%ld,%ld,", a, b);
        fputs(pick(0, 3) == 0 ? "true," : "false,", stdout);
        put_subset(consulted_bodies, (int)COUNT(consulted_bodies), (int)pick(0, 3));
        fputs(pick(0, 2) == 0 ? ",false\n" : ",true\n", stdout);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("gen: write");
        return 74;
    }
    return 0;
}
