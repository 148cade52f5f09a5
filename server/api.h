/*
** api.h: the endpoints of docs/api.md under /api/, independent of the
** HTTP library: serve.c has already checked the token, Host, Origin,
** Content-Type and the size of the body; api_handle does the rest.
*/
#ifndef SERVER_API_H
#define SERVER_API_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ApiRequest {
    const char *method;                                /* "GET", "POST", "PUT" */
    const char *url;                                   /* "/api/file", without the query */
    const char *(*arg)(void *cls, const char *name);   /* a query argument, or NULL */
    void *cls;
    const char *body;                                  /* the body, NUL-terminated (body[len] == 0) */
    size_t len;
} ApiRequest;

typedef struct ApiResponse {
    int status;
    const char *type;          /* Content-Type (static) */
    char *body;                /* malloc'd; serve.c frees it */
    size_t len;
    char filename[256];        /* an attachment's name, or "" */
} ApiResponse;

/* Answers rq into rs (every field set). */
void api_handle(const ApiRequest *rq, ApiResponse *rs);

/* Whether a request to url takes a JSON body (every POST and PUT but the
** upload). */
bool api_wants_json(const char *url);

/* Sets rs to the error answer {"error": message, "status": status}. */
void api_error(ApiResponse *rs, int status, const char *message);

#endif
