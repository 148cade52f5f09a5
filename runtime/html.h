/*
** html.h: the small pieces every HTML document medel writes shares (the
** what-if report, the decision basis, the decision letters): text escaped
** for HTML and amounts as people read them. The documents themselves live
** beside it (html.c, basis.c, …).
*/
#ifndef RUNTIME_HTML_H
#define RUNTIME_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "money.h"

/* Writes s (NULL: nothing) safe between tags and inside a quoted attribute:
** & < > " ' escaped, invalid UTF-8 and control characters (but tab and
** newlines) as U+FFFD. With max > 0 a longer text is cut to max characters,
** the last being "…". For every text that comes from a rule file, a data
** file or an application. */
void html_text(FILE *out, const char *s, size_t max);

/* An amount, "15 000 000 kr"; a negative one with a true minus sign. */
void html_money(FILE *out, Money m);

#endif
