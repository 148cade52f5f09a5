/*
** main.c: the medel executable. Before the command runs it chooses the
** language of messages (lang/i18n.h): the environment's, and the English
** catalog beside the program, so that medel run from its build tree or
** from a relocated install finds it.
*/
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "medel.h"

/* Where the catalogs are: build/locale beside build/medel, or
** PREFIX/share/locale beside PREFIX/bin/medel; NULL (the folder medel was
** installed with) when neither has one. Fills buf. */
static const char *catalog_dir(char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    static const char *const beside[] = {"locale", "../share/locale"};
    for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
        char mo[PATH_MAX];
        int a = snprintf(buf, size, "%s/%s", exe, beside[i]);
        int b = snprintf(mo, sizeof mo, "%s/en/LC_MESSAGES/medel.mo", buf);
        if (a > 0 && (size_t)a < size && b > 0 && (size_t)b < sizeof mo && access(mo, R_OK) == 0)
            return buf;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    /* Only the messages' category: numbers, collation and character
    ** classes stay C, so nothing medel computes or sorts depends on the
    ** locale. */
    setlocale(LC_MESSAGES, "");
    char dir[PATH_MAX];
    medel_set_language(NULL, catalog_dir(dir, sizeof dir));
    return medel_main(argc, argv, stdout, stderr);
}
