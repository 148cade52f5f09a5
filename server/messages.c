/*
** messages.c: the server's messages in the language chosen (messages.h).
*/
#include "messages.h"

#include <errno.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The C library's reasons in Swedish for what a person can meet here
** (the same words as the engine's, lang/i18n.c, which server/ cannot
** reach): glibc translates strerror only where a Swedish locale is
** installed. English is the library's. */
static const struct {
    int errnum;
    const char *sv;
} reasons[] = {
    {ENOENT, "filen eller mappen finns inte"},
    {EACCES, "åtkomst nekas (behörighet saknas)"},
    {EPERM, "åtgärden är inte tillåten"},
    {EISDIR, "det är en mapp"},
    {ENODEV, "det är ingen vanlig fil (en namngiven pipe, en socket eller en enhet)"},
    {ENOTDIR, "en del av sökvägen är inte en mapp"},
    {ENOSPC, "disken är full"},
    {EDQUOT, "diskkvoten är slut"},
    {EROFS, "filsystemet är skrivskyddat"},
    {EEXIST, "filen finns redan"},
    {ENAMETOOLONG, "namnet är för långt"},
    {ELOOP, "för många symboliska länkar i sökvägen"},
    {EMFILE, "för många öppna filer"},
    {ENFILE, "för många öppna filer i systemet"},
    {EFBIG, "filen är för stor"},
    {EIO, "in- eller utmatningsfel"},
    {ENOMEM, "minnet räcker inte"},
    {EADDRINUSE, "adressen används redan"},
    {EADDRNOTAVAIL, "adressen finns inte på den här datorn"},
};

const char *messages_strerror(int errnum)
{
    if (!english)
        for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
            if (reasons[i].errnum == errnum)
                return reasons[i].sv;
    return strerror(errnum);
}
