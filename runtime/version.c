/*
** version.c: the engine's version, in one place (set by CMake from the
** project version).
*/
#include "medel.h"

#ifndef MEDEL_VERSION
#define MEDEL_VERSION "0"
#endif

const char *medel_version(void)
{
    return MEDEL_VERSION;
}
