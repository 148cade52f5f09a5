/*
** messages.c: the server's messages in the language chosen (messages.h).
*/
#include "messages.h"

#include <errno.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "medel.h"

static bool english;

static bool is_english(const char *value)
{
    size_t n = strcspn(value, "_.@:");
    return n == 2 && strncasecmp(value, "en", 2) == 0;
}

void messages_select(void)
{
    /* The engine's rule (medel_set_language with NULL, and --språk en,
    ** which sets LANGUAGE=en): the first of these that is set decides. */
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            english = is_english(v);
            return;
        }
    }
    english = false;
}

const char *messages_text(const char *msgid)
{
    return english ? dgettext("medel", msgid) : msgid;
}

const char *messages_language(void)
{
    return english ? "en" : "sv";
}

/* Why a file operation failed, in the engine's words (medel_strerror),
** but for what only the server calls a file that is no plain file. */
const char *messages_strerror(int errnum)
{
    if (errnum == ENODEV)
        return messages_text(N_("det är ingen vanlig fil (en namngiven pipe, en socket eller en enhet)"));
    return medel_strerror(errnum);
}
