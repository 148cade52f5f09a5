/*
** messages.h: the server's messages for people, Swedish in the source and
** marked _("…") as everywhere in medel, with English in po/en.po (domain
** "medel"). server/ may include only medel.h of the engine, so this is the
** server's own door to gettext: English exactly when the engine's is
** chosen (messages_select, called once at start).
*/
#ifndef SERVER_MESSAGES_H
#define SERVER_MESSAGES_H

#include <stdbool.h>

/* Chooses English or Swedish for every later message: English when the
** environment asks for it as the engine reads it (LANGUAGE, LC_ALL,
** LC_MESSAGES, LANG: "en" or "en_*"). */
void messages_select(void);

/* msgid itself in Swedish, otherwise its translation; static. */
const char *messages_text(const char *msgid) __attribute__((format_arg(1)));

/* "sv" or "en". */
const char *messages_language(void);

/* The reason for errno value errnum: Swedish for the errors of files and
** sockets, otherwise (and in English) strerror's. Static. */
const char *messages_strerror(int errnum);

#define _(s) messages_text(s)
#define N_(s) (s)

#endif
