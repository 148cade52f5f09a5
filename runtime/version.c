/*
** version.c: the engine's version, in one place (set by CMake from the
** project version), and the choice of language for messages (lang/i18n.h).
*/
#include "medel.h"

#include "i18n.h"

#ifndef MEDEL_VERSION
#define MEDEL_VERSION "0"
#endif

const char *medel_version(void)
{
    return MEDEL_VERSION;
}

int medel_set_language(const char *language, const char *localedir)
{
    Language lang = i18n_from_environment();
    if (language && !i18n_parse(language, &lang))
        return MEDEL_EINVAL;
    i18n_select(lang, localedir);
    return MEDEL_OK;
}
