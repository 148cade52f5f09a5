/*
** medel.h: the engine's public interface, the one header a program that
** embeds medel includes. Every name it declares starts with medel_ (or
** MEDEL_); everything else in the library is hidden.
*/
#ifndef MEDEL_H
#define MEDEL_H

/* The engine's version, e.g. "0.2.0" (a static string). */
const char *medel_version(void);

#endif
