/*
** serve.c: medel serve's HTTP side (serve.h) on libmicrohttpd: the
** listening sockets (127.0.0.1 and ::1, or --host), the token, the rules
** of docs/api.md that a request's headers must pass before its body is
** read, the limits on size and time, the page's three files, and a clean
** stop on SIGINT or SIGTERM. The endpoints themselves are api.c's.
**
** Threads: one per connection (MHD), each running its own engine calls;
** a watchdog thread closes a connection whose request has not arrived
** whole within the timeout (MHD's own timeout is an idle one, which a
** client sending a byte a second never reaches).
*/
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "api.h"
#include "files.h"
#include "http_guard.h"
#include "medel.h"
#include "messages.h"

/* The page, built from web/ and embedded at build time (web_assets.c). */
extern const char web_index_html[], web_app_js[], web_app_css[];
extern const size_t web_index_html_len, web_app_js_len, web_app_css_len;

enum { BODY_LIMIT = 1 << 20, UPLOAD_LIMIT = 32 << 20, MAX_CONNECTIONS = 64 };

static const char CSP[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                          "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
                          "frame-ancestors 'none'";

typedef struct Server {
    char token[GUARD_TOKEN_LEN + 1];
    unsigned port;
    const char *host;   /* --host, or NULL */
    unsigned timeout;
} Server;

static Server server;

/* ---- the watchdog: a whole request within the timeout ---- */

typedef struct Conn {
    int fd;
    struct timespec deadline;   /* the current request must have arrived by then */
    bool started;               /* its headers have come: a stop lets it finish */
    bool busy;                  /* arrived whole: being answered (no deadline) */
    bool closed;                /* shut down by the watchdog */
    struct Conn *prev, *next;
} Conn;

static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static Conn *conns;
/* Set by the main thread when the server stops (it takes SIGINT and
** SIGTERM with sigwait, not in a handler), read by the watchdog thread:
** an atomic, so that the one sees what the other wrote. */
static atomic_bool stopping;

static struct timespec after(unsigned seconds)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += seconds;
    return t;
}

static bool passed(const struct timespec *t, const struct timespec *now)
{
    return now->tv_sec > t->tv_sec || (now->tv_sec == t->tv_sec && now->tv_nsec >= t->tv_nsec);
}

static void *watchdog(void *arg)
{
    (void)arg;
    while (!atomic_load(&stopping)) {
        struct timespec pause = {0, 200 * 1000 * 1000};
        nanosleep(&pause, NULL);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        pthread_mutex_lock(&conns_lock);
        for (Conn *c = conns; c; c = c->next)
            if (!c->busy && !c->closed && passed(&c->deadline, &now)) {
                /* MHD owns the descriptor; shutting it down makes its
                ** next read end, and MHD closes the connection itself. */
                shutdown(c->fd, SHUT_RDWR);
                c->closed = true;
            }
        pthread_mutex_unlock(&conns_lock);
    }
    return NULL;
}

static void on_connection(void *cls, struct MHD_Connection *connection, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        Conn *c = calloc(1, sizeof *c);
        if (!c)
            return;
        const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
        c->fd = info ? info->connect_fd : -1;
        c->deadline = after(server.timeout);
        pthread_mutex_lock(&conns_lock);
        c->next = conns;
        if (conns)
            conns->prev = c;
        conns = c;
        pthread_mutex_unlock(&conns_lock);
        *socket_context = c;
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
        Conn *c = *socket_context;
        if (!c)
            return;
        pthread_mutex_lock(&conns_lock);
        if (c->prev)
            c->prev->next = c->next;
        else
            conns = c->next;
        if (c->next)
            c->next->prev = c->prev;
        pthread_mutex_unlock(&conns_lock);
        free(c);
        *socket_context = NULL;
    }
}

static Conn *conn_of(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

/* A request's headers have come (started), it has come whole (busy), or
** it has been answered (neither). */
static void set_state(struct MHD_Connection *connection, bool started, bool busy)
{
    Conn *c = conn_of(connection);
    if (!c)
        return;
    pthread_mutex_lock(&conns_lock);
    c->started = started;
    c->busy = busy;
    if (!started)
        c->deadline = after(server.timeout);   /* the next request on this connection */
    pthread_mutex_unlock(&conns_lock);
}

/* ---- answers ---- */

typedef struct Request {
    char *body;
    size_t len, cap, limit;
    size_t dropped;   /* bytes of a body past the limit, read and dropped */
    bool too_big;     /* the body went past the limit: 413 when it ends */
    bool refused;     /* an answer was queued on the headers */
} Request;

static void add_common_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
}

/* Queues body (malloc'd, taken over) with status and type. */
static enum MHD_Result answer(struct MHD_Connection *c, int status, const char *type, char *body, size_t len,
                              const char *filename, bool close)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    add_common_headers(r);
    MHD_add_response_header(r, "Content-Type", type);
    if (filename && *filename) {
        /* RFC 6266: an ASCII fallback and the UTF-8 name, percent-encoded. */
        char disp[1024];
        size_t at = (size_t)snprintf(disp, sizeof disp, "attachment; filename=\"medel\"; filename*=UTF-8''");
        for (const unsigned char *s = (const unsigned char *)filename; *s && at + 4 < sizeof disp; s++) {
            if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || strchr(".-_", *s))
                disp[at++] = (char)*s;
            else
                at += (size_t)snprintf(disp + at, sizeof disp - at, "%%%02X", *s);
        }
        disp[at] = '\0';
        MHD_add_response_header(r, "Content-Disposition", disp);
    }
    if (close)
        MHD_add_response_header(r, "Connection", "close");
    enum MHD_Result rc = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result error_answer(struct MHD_Connection *c, int status, const char *message, bool close)
{
    ApiResponse rs = {0};
    api_error(&rs, status, message);
    return answer(c, rs.status, rs.type, rs.body, rs.len, NULL, close);
}

static enum MHD_Result static_answer(struct MHD_Connection *c, const char *data, size_t len, const char *type)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return MHD_NO;
    memcpy(copy, data, len);
    return answer(c, 200, type, copy, len, NULL, false);
}

/* ---- the token ---- */

static bool token_given(struct MHD_Connection *c)
{
    size_t len;
    const char *v = guard_cookie(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE),
                                 "medel_token", &len);
    if (v && guard_token_eq(v, len, server.token))
        return true;
    v = guard_bearer(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION), &len);
    return v && guard_token_eq(v, len, server.token);
}

/* GET /?token=T: the cookie, and back to / without the token in the
** address bar (or in the history). */
static enum MHD_Result token_login(struct MHD_Connection *c, const char *given)
{
    if (!guard_token_eq(given, strlen(given), server.token))
        return error_answer(c, 401, _("fel åtkomstnyckel; öppna adressen som medel serve skrev ut"), false);
    struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    add_common_headers(r);
    char cookie[160];
    snprintf(cookie, sizeof cookie, "medel_token=%s; HttpOnly; SameSite=Strict; Path=/", server.token);
    MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
    MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, "/");
    enum MHD_Result rc = MHD_queue_response(c, 303, r);
    MHD_destroy_response(r);
    return rc;
}

/* ---- requests ---- */

static const char *query_arg(void *cls, const char *name)
{
    return MHD_lookup_connection_value(cls, MHD_GET_ARGUMENT_KIND, name);
}

static bool changes_something(const char *method)
{
    return strcmp(method, "GET") && strcmp(method, "HEAD");
}

static bool is_json_type(const char *type)
{
    if (!type)
        return false;
    size_t n = strlen("application/json");
    return strncasecmp(type, "application/json", n) == 0 && (type[n] == '\0' || type[n] == ';' || type[n] == ' ');
}

/* The checks on the headers alone, before a byte of the body is read: an
** answer queued (and req->refused) when one fails. */
static enum MHD_Result check_headers(struct MHD_Connection *c, const char *url, const char *method, Request *req)
{
    req->refused = true;
    if (!guard_host_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST), server.port, server.host))
        return error_answer(c, 421, _("okänd värd i Host; öppna adressen som medel serve skrev ut"), true);
    const char *login = strcmp(url, "/") == 0 && !strcmp(method, "GET") ? query_arg(c, "token") : NULL;
    if (login)
        return token_login(c, login);
    if (!token_given(c))
        return error_answer(c, 401, _("åtkomstnyckeln saknas eller är fel; öppna adressen som medel serve skrev ut"),
                            false);
    if (changes_something(method)) {
        if (!guard_origin_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin"), server.port, server.host))
            return error_answer(c, 403, _("förfrågan kommer från en annan webbplats (Origin)"), true);
        if (api_wants_json(url) &&
            !is_json_type(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE)))
            return error_answer(c, 403, _("förfrågans innehåll ska vara application/json"), true);
    }
    req->limit = strcmp(url, "/api/upload") == 0 ? UPLOAD_LIMIT : BODY_LIMIT;
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl) {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(cl, &end, 10);
        if (errno || *end || n > req->limit)
            return error_answer(c, 413, _("förfrågan är för stor"), true);
    }
    req->refused = false;
    return MHD_YES;
}

static enum MHD_Result dispatch(struct MHD_Connection *c, const char *url, const char *method, Request *req)
{
    bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (get && !strcmp(url, "/"))
        return static_answer(c, web_index_html, web_index_html_len, "text/html; charset=utf-8");
    if (get && !strcmp(url, "/assets/app.js"))
        return static_answer(c, web_app_js, web_app_js_len, "text/javascript; charset=utf-8");
    if (get && !strcmp(url, "/assets/app.css"))
        return static_answer(c, web_app_css, web_app_css_len, "text/css; charset=utf-8");
    if (strncmp(url, "/api/", 5) != 0)
        return error_answer(c, 404, _("det finns ingen sådan sida"), false);
    ApiRequest rq = {method, url, query_arg, c, req->body ? req->body : "", req->len};
    ApiResponse rs = {0};
    api_handle(&rq, &rs);
    return answer(c, rs.status, rs.type, rs.body, rs.len, rs.filename, false);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)cls;
    (void)version;
    Request *req = *con_cls;
    if (!req) {
        req = calloc(1, sizeof *req);
        if (!req)
            return MHD_NO;
        *con_cls = req;
        set_state(c, true, false);
        return check_headers(c, url, method, req);
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (req->refused)
            return MHD_YES;   /* the answer is queued; the rest is dropped */
        if (req->too_big || n > req->limit - req->len) {
            /* Streamed (chunked) past the limit: nothing more is kept. MHD
            ** takes no answer until the body has ended, so the rest is
            ** read and dropped, up to as much again as the limit (and
            ** within the timeout, the watchdog's); past that the
            ** connection is closed without one. */
            req->too_big = true;
            free(req->body);
            req->body = NULL;
            req->len = 0;
            req->dropped += n;
            return req->dropped > req->limit ? MHD_NO : MHD_YES;
        }
        if (req->len + n + 1 > req->cap) {
            size_t cap = req->cap ? req->cap : 16384;
            while (cap < req->len + n + 1)
                cap *= 2;
            char *bigger = realloc(req->body, cap);
            if (!bigger)
                return MHD_NO;
            req->body = bigger;
            req->cap = cap;
        }
        memcpy(req->body + req->len, upload_data, n);
        req->len += n;
        req->body[req->len] = '\0';
        return MHD_YES;
    }
    if (req->refused)
        return MHD_YES;
    if (req->too_big) {
        req->refused = true;
        return error_answer(c, 413, _("förfrågan är för stor"), true);
    }
    set_state(c, true, true);
    return dispatch(c, url, method, req);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)toe;
    Request *req = *con_cls;
    if (req) {
        free(req->body);
        free(req);
        *con_cls = NULL;
    }
    set_state(c, false, false);
}

/* ---- starting ---- */

static int make_token(char *out)
{
    unsigned char bytes[32];
    size_t at = 0;
    while (at < sizeof bytes) {
        ssize_t n = getrandom(bytes + at, sizeof bytes - at, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        at += (size_t)n;
    }
    for (size_t i = 0; i < sizeof bytes; i++)
        snprintf(out + 2 * i, 3, "%02x", bytes[i]);
    return 0;
}

static bool is_token(const char *s, size_t n)
{
    if (n != GUARD_TOKEN_LEN)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdef", s[i]) || !s[i])
            return false;
    return true;
}

/* --token-file F: the token kept there, or a new one written there (0600). */
static int token_from_file(const char *path, FILE *err)
{
    FILE *f = fopen(path, "r");
    if (f) {
        char buf[GUARD_TOKEN_LEN + 4] = {0};
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
            n--;
        if (is_token(buf, n)) {
            memcpy(server.token, buf, GUARD_TOKEN_LEN);
            server.token[GUARD_TOKEN_LEN] = '\0';
            return 0;
        }
    }
    if (make_token(server.token) != 0)
        return -1;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || fchmod(fd, 0600) != 0 || write(fd, server.token, GUARD_TOKEN_LEN) != GUARD_TOKEN_LEN ||
        write(fd, "\n", 1) != 1) {
        fprintf(err, _("medel: serve: kan inte skriva åtkomstnyckeln till '%s': %s\n"), path, messages_strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

/* A listening socket on addr (numeric) and port; -1 with errno set. */
static int listen_on(const char *addr, unsigned port)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    char service[16];
    snprintf(service, sizeof service, "%u", port);
    int g = getaddrinfo(addr, service, &hints, &res);
    if (g != 0) {
        errno = EADDRNOTAVAIL;
        return -1;
    }
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        freeaddrinfo(res);
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (res->ai_family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 64) != 0) {
        int e = errno;
        close(fd);
        freeaddrinfo(res);
        errno = e;
        return -1;
    }
    freeaddrinfo(res);
    return fd;
}

static unsigned port_of(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
        return 0;
    if (ss.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* Binds the sockets: fds[0] on the first address, fds[1] on ::1 (loopback
** only, -1 when the machine has no IPv6), on one port. */
static int bind_sockets(const ServeOptions *o, int fds[2])
{
    const char *first = o->host ? o->host : "127.0.0.1";
    unsigned from = o->port < 0 ? 8421 : (unsigned)o->port, to = o->port < 0 ? 8440 : (unsigned)o->port;
    int tries = o->port == 0 ? 20 : 1;
    for (unsigned p = from; p <= to; p++) {
        for (int t = 0; t < tries; t++) {
            fds[0] = listen_on(first, p);
            fds[1] = -1;
            if (fds[0] < 0) {
                if (errno == EADDRINUSE)
                    break;
                return -1;
            }
            if (o->host)
                return 0;
            unsigned bound = port_of(fds[0]);
            fds[1] = listen_on("::1", bound);
            if (fds[1] >= 0 || errno != EADDRINUSE)
                return 0;   /* both, or no IPv6 here */
            close(fds[0]);
            fds[0] = -1;
        }
    }
    errno = EADDRINUSE;
    return -1;
}

static struct MHD_Daemon *start_daemon(int fd, bool ipv6)
{
    /* MHD_USE_ITC: so that a stop can first quiesce the daemon. */
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
                     (ipv6 ? MHD_USE_IPv6 : 0);
    return MHD_start_daemon(flags, (uint16_t)server.port, NULL, NULL, on_request, NULL,
                            MHD_OPTION_LISTEN_SOCKET, fd,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
                            MHD_OPTION_CONNECTION_TIMEOUT, server.timeout,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
                            MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
                            MHD_OPTION_END);
}

int serve_run(const ServeOptions *o, FILE *out, FILE *err)
{
    messages_select();
    /* The time zone, read once before any request's thread: localtime_r
    ** (an assessment's date, a workbook's "Om körningen") reads it on
    ** first use, which two threads at once would both write. */
    tzset();
    server.timeout = o->timeout ? o->timeout : 30;
    server.host = o->host;
    /* The token file is named relative to where medel was started. */
    if (o->token_file ? token_from_file(o->token_file, err) != 0 : make_token(server.token) != 0) {
        if (!o->token_file)
            fprintf(err, _("medel: serve: ingen slumpmässig åtkomstnyckel: %s\n"), messages_strerror(errno));
        return MEDEL_EXIT_IO;
    }
    if (!files_init(o->folder)) {
        fprintf(err, _("medel: serve: kan inte öppna mappen '%s': %s\n"), o->folder ? o->folder : ".", messages_strerror(errno));
        return MEDEL_EXIT_NOINPUT;
    }
    int fds[2];
    if (bind_sockets(o, fds) != 0) {
        if (o->port < 0)
            fprintf(err, _("medel: serve: ingen ledig port mellan 8421 och 8440; välj en med --port\n"));
        else
            fprintf(err, _("medel: serve: kan inte lyssna på port %d: %s\n"), o->port, messages_strerror(errno));
        return MEDEL_EXIT_IO;
    }
    server.port = port_of(fds[0]);

    /* SIGINT and SIGTERM are taken by sigwait below, never by a thread. */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d4 = start_daemon(fds[0], o->host && strchr(o->host, ':'));
    struct MHD_Daemon *d6 = fds[1] >= 0 ? start_daemon(fds[1], true) : NULL;
    if (!d4 || (fds[1] >= 0 && !d6)) {
        fprintf(err, _("medel: serve: servern kunde inte starta\n"));
        if (d4)
            MHD_stop_daemon(d4);
        else
            close(fds[0]);
        if (d6)
            MHD_stop_daemon(d6);
        else if (fds[1] >= 0)
            close(fds[1]);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return MEDEL_EXIT_SOFTWARE;
    }
    atomic_store(&stopping, false);
    pthread_t dog;
    bool dog_started = pthread_create(&dog, NULL, watchdog, NULL) == 0;

    bool loopback = o->host && (!strncmp(o->host, "127.", 4) || !strcmp(o->host, "::1") || !strcmp(o->host, "localhost"));
    if (o->host && !loopback)
        fprintf(err, _("medel: serve: lyssnar på %s; uppgifterna kan då nås från andra datorer\n"), o->host);
    const char *shown = o->host ? o->host : "127.0.0.1";
    bool v6 = strchr(shown, ':') != NULL;
    fprintf(out, _("Öppna http://%s%s%s:%u/?token=%s\n"), v6 ? "[" : "", shown, v6 ? "]" : "", server.port,
            server.token);
    /* out may be a stream over stdout (the command line escapes what it
    ** prints): every stream, so that the line reaches a pipe now. */
    fflush(out);
    fflush(NULL);

    int sig;
    while (sigwait(&stop, &sig) != 0)
        ;
    /* No new connections; the requests being answered are answered (for
    ** as long as a request may take to arrive), then every connection is
    ** closed. */
    MHD_socket l4 = MHD_quiesce_daemon(d4), l6 = d6 ? MHD_quiesce_daemon(d6) : MHD_INVALID_SOCKET;
    if (l4 != MHD_INVALID_SOCKET)
        close(l4);
    if (l6 != MHD_INVALID_SOCKET)
        close(l6);
    struct timespec give_up = after(server.timeout);
    for (;;) {
        struct timespec now, pause = {0, 20 * 1000 * 1000};
        clock_gettime(CLOCK_MONOTONIC, &now);
        bool busy = false;
        pthread_mutex_lock(&conns_lock);
        for (Conn *c = conns; c; c = c->next)
            busy |= c->started || c->busy;
        pthread_mutex_unlock(&conns_lock);
        if (!busy || passed(&give_up, &now))
            break;
        nanosleep(&pause, NULL);
    }
    atomic_store(&stopping, true);
    MHD_stop_daemon(d4);
    if (d6)
        MHD_stop_daemon(d6);
    if (dog_started)
        pthread_join(dog, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return MEDEL_EXIT_OK;
}
