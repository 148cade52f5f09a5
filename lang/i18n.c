/*
** i18n.c: choosing the language of messages, and looking them up (i18n.h).
** Lookup is GNU gettext's (glibc's libintl); this file only decides which
** language, and short-cuts Swedish, the source language, which has no
** catalog.
*/
#include "i18n.h"

#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef MEDEL_LOCALEDIR
#define MEDEL_LOCALEDIR "/usr/local/share/locale"
#endif

static Language current;
static pthread_once_t bound = PTHREAD_ONCE_INIT;

static void bind_installed(void)
{
    bindtextdomain(MEDEL_TEXTDOMAIN, MEDEL_LOCALEDIR);
    /* The catalog is UTF-8 and so is everything medel writes, whatever the
    ** locale's codeset says. */
    bind_textdomain_codeset(MEDEL_TEXTDOMAIN, "UTF-8");
}

/* Until i18n_select is called: the environment's language, read once. A
** library host that wants English in the C locale calls i18n_select
** (medel_set_language): this path changes no locale. */
static void from_environment(void)
{
    bind_installed();
    current = i18n_from_environment();
}

static Language language_of(const char *value)
{
    /* "en", "en_GB.UTF-8", "en@quot": the language is the part before
    ** '_', '.' and '@'. */
    size_t n = strcspn(value, "_.@");
    if (n == 2 && strncasecmp(value, "en", 2) == 0)
        return LANGUAGE_EN;
    return LANGUAGE_SV;
}

Language i18n_from_environment(void)
{
    const char *language = getenv("LANGUAGE");
    if (language && *language) {
        /* GNU's list of preferences, "en:sv": the first one medel knows
        ** decides; sv is the default anyway. */
        char first[64];
        size_t n = strcspn(language, ":");
        if (n < sizeof first) {
            memcpy(first, language, n);
            first[n] = '\0';
            return language_of(first);
        }
        return LANGUAGE_SV;
    }
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return language_of(v);
    }
    return LANGUAGE_SV;
}

bool i18n_parse(const char *name, Language *out)
{
    static const struct { const char *name; Language lang; } names[] = {
        {"sv", LANGUAGE_SV}, {"svenska", LANGUAGE_SV}, {"swedish", LANGUAGE_SV},
        {"en", LANGUAGE_EN}, {"engelska", LANGUAGE_EN}, {"english", LANGUAGE_EN},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i].name) == 0) {
            *out = names[i].lang;
            return true;
        }
    return false;
}

void i18n_select(Language lang, const char *localedir)
{
    pthread_once(&bound, from_environment);
    if (localedir)
        bindtextdomain(MEDEL_TEXTDOMAIN, localedir);
    if (lang == LANGUAGE_EN) {
        /* gettext never translates in the C locale, and ignores LANGUAGE
        ** there; C.UTF-8 is in every glibc since 2.35 and in Debian's
        ** before. LANGUAGE then names the catalog whatever LANG says. */
        const char *cur = setlocale(LC_MESSAGES, NULL);
        if (!cur || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
            if (!setlocale(LC_MESSAGES, "C.UTF-8"))
                setlocale(LC_MESSAGES, "C.utf8");
        setenv("LANGUAGE", "en", 1);
    }
    current = lang;
}

Language i18n_language(void)
{
    pthread_once(&bound, from_environment);
    return current;
}

const char *i18n_text(const char *msgid)
{
    if (i18n_language() == LANGUAGE_SV)
        return msgid;
    return dgettext(MEDEL_TEXTDOMAIN, msgid);
}

const char *i18n_plural(const char *one, const char *many, unsigned long n)
{
    if (i18n_language() == LANGUAGE_SV)
        return n == 1 ? one : many;
    return dngettext(MEDEL_TEXTDOMAIN, one, many, n);
}

/* The C library's reasons in Swedish for the errors a person can meet
** opening, reading and writing files. glibc translates strerror only where
** a Swedish locale is installed, which a server or a fresh machine often
** lacks; these are medel's own, and English is the library's. */
static const struct {
    int errnum;
    const char *sv;
} reasons[] = {
    {ENOENT, "filen eller mappen finns inte"},
    {EACCES, "åtkomst nekas (behörighet saknas)"},
    {EPERM, "åtgärden är inte tillåten"},
    {EISDIR, "det är en mapp"},
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
    {EPIPE, "mottagaren har slutat läsa (brusten pipe)"},
    {ETXTBSY, "filen används av ett program som körs"},
    {EBUSY, "enheten eller resursen är upptagen"},
    {ENXIO, "enheten finns inte"},
    {ENODEV, "enheten finns inte"},
    {EINVAL, "ogiltigt argument"},
    {EAGAIN, "resursen är tillfälligt inte tillgänglig; försök igen"},
    {EINTR, "avbröts"},
    {ESTALE, "filen finns inte längre på nätverksdisken"},
    {ETIMEDOUT, "tidsgränsen överskreds"},
    {EADDRINUSE, "adressen används redan"},
    {EADDRNOTAVAIL, "adressen finns inte på den här datorn"},
};

const char *i18n_strerror(int errnum)
{
    if (i18n_language() == LANGUAGE_SV)
        for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
            if (reasons[i].errnum == errnum)
                return reasons[i].sv;
    return strerror(errnum);
}
