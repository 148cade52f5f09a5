/*
** i18n.h: the language of medel's messages.
**
** Every message for people is written in Swedish in the source, and the
** catalog po/en.po translates it to English. Swedish is the source because
** it is what policy staff read: it needs no catalog and no installed locale,
** so a server with LANG=C, a fresh machine, or a build that lost its
** catalog still speaks Swedish. English, for engineers and bug reports, is
** one environment variable away (see i18n_from_environment) or chosen by
** the option --språk en.
**
** Mark a message with _("…") where it is used, with N_("…") where it is
** stored in a table (and pass it through _() when it is shown), and a
** message that counts with P_("1 ansökan", "%zu ansökningar", n). xgettext
** finds these three (CMake's target `pot`); the test po.complete fails when
** a marked message has no English translation.
**
** Machine-readable text is never marked: CSV headers and tokens, JSON keys,
** rule-file keywords, and the labels "error", "warning" and "note" of a
** diagnostic, which editors and build logs parse in every language.
*/
#ifndef LANG_I18N_H
#define LANG_I18N_H

#include <stdbool.h>

#define MEDEL_TEXTDOMAIN "medel"

typedef enum Language {
    LANGUAGE_SV,   /* the source language: the default */
    LANGUAGE_EN
} Language;

/* The message in the chosen language: msgid itself in Swedish, otherwise
** its translation from the catalog (msgid when it has none). The result is
** static: never free it. */
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));
const char *i18n_plural(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

#define _(s) i18n_text(s)
#define N_(s) (s)
#define P_(one, many, n) i18n_plural(one, many, (unsigned long)(n))

/* The language the environment asks for, the usual way for C programs: the
** first entry of LANGUAGE, else LC_ALL, else LC_MESSAGES, else LANG.
** "en", "en_GB.UTF-8" and the like mean English; anything else (unset, C,
** POSIX, sv_SE.UTF-8, a language medel has no catalog for) means Swedish. */
Language i18n_from_environment(void);

/* Parses a language name given on the command line: sv, svenska, swedish,
** en, engelska, english (any case). False for anything else. */
bool i18n_parse(const char *name, Language *out);

/* Chooses the language of every later message. localedir is where the
** catalogs are (<localedir>/en/LC_MESSAGES/medel.mo); NULL means the
** folder medel was installed with. English needs a message locale other
** than C, so when LC_MESSAGES is C this sets it to C.UTF-8: call it before
** starting threads. Until it is called, the language is the environment's. */
void i18n_select(Language lang, const char *localedir);

/* The reason for errno value errnum, for a message: Swedish for the errors
** of opening, reading and writing files, otherwise (and in English) the C
** library's strerror. Static or the library's: never free it. */
const char *i18n_strerror(int errnum);

/* The language chosen (the environment's until i18n_select is called). */
Language i18n_language(void);

#endif
