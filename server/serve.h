/*
** serve.h: medel serve, the workbench's HTTP server (docs/api.md). The
** command line (cli/cli.c) parses the options and calls serve_run; nothing
** else of server/ is seen from above.
*/
#ifndef SERVER_SERVE_H
#define SERVER_SERVE_H

#include <stdio.h>

typedef struct ServeOptions {
    const char *folder;       /* MAPP; NULL: the working directory */
    int port;                 /* -1: 8421, or the next free one up to 8440; 0: the system chooses */
    const char *host;         /* --host: bind there instead of 127.0.0.1 and ::1; NULL: loopback */
    const char *token_file;   /* --token-file: keep the token in this file (mode 0600); NULL: a new one */
    unsigned timeout;         /* seconds a request may take to arrive, and a connection may idle */
} ServeOptions;

/* Serves until SIGINT or SIGTERM, having printed the address to open on
** out (one line, flushed); problems go to err. Returns an exit status:
** 0 after a clean stop, 64 for a bad option, 66 when the folder cannot be
** opened, 74 when no port can be bound or the token file written, 70 when
** the server cannot start. */
int serve_run(const ServeOptions *o, FILE *out, FILE *err);

#endif
