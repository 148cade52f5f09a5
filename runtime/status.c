/*
** status.c: which status a run over several files ends with (status.h).
*/
#include "status.h"

/* Higher is more serious. */
static int rank(int status)
{
    switch (status) {
    case STATUS_OK: return 0;
    case STATUS_FAILED: return 1;
    case STATUS_PORTFOLIO: return 2;
    case STATUS_USAGE: return 3;
    case STATUS_APPLICATIONS: return 4;
    case STATUS_NOT_FOUND: return 5;
    case STATUS_ASSESSMENTS: return 6;
    case STATUS_HEADER: return 7;
    case STATUS_RULES: return 8;
    case STATUS_NOINPUT: return 9;
    case STATUS_IO: return 10;
    default: return 11;   /* STATUS_SOFTWARE, and anything unknown: a bug */
    }
}

int status_worst(int a, int b)
{
    return rank(b) > rank(a) ? b : a;
}
