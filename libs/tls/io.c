// Moving records: the engine's buffers against the socket, for handshake,
// read, write, flush and close. Blocking or not is the fd's choice: a
// socket that would block turns into TLS_WANT_READ / TLS_WANT_WRITE.
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

enum goal { HANDSHAKE, RECVAPP, SENDAPP, FLUSHED };

static bool reached(unsigned st, enum goal goal)
{
    switch (goal) {
    case HANDSHAKE: return st & (BR_SSL_SENDAPP | BR_SSL_RECVAPP);
    case RECVAPP: return st & BR_SSL_RECVAPP;
    case SENDAPP: return st & BR_SSL_SENDAPP;
    case FLUSHED: return !(st & BR_SSL_SENDREC);
    }
    return false;
}

static ssize_t out(int fd, const void *buf, size_t len)
{
    ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

    return n < 0 && errno == ENOTSOCK ? write(fd, buf, len) : n;
}

static ssize_t in(int fd, void *buf, size_t len)
{
    ssize_t n = recv(fd, buf, len, 0);

    return n < 0 && errno == ENOTSOCK ? read(fd, buf, len) : n;
}

static int socket_failed(struct tls_conn *c, const char *what)
{
    return tls_fail(c, TLS_ERR_SYSTEM, "%s failed: %s", what, strerror(errno));
}

// Sends some of the record bytes the engine has ready: 0 (progress, or
// interrupted: try again), TLS_WANT_WRITE, or the error.
static int send_record(struct tls_conn *c)
{
    size_t len;
    unsigned char *buf = br_ssl_engine_sendrec_buf(c->eng, &len);
    ssize_t n = out(c->fd, buf, len);

    if (n < 0 && errno == EINTR)
        return 0;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return TLS_WANT_WRITE;
    if (n <= 0)
        return socket_failed(c, "send");
    br_ssl_engine_sendrec_ack(c->eng, (size_t)n);
    return 0;
}

// Runs the engine until goal holds. Returns 0, TLS_WANT_*, or the error
// (which then sticks to c).
static int pump(struct tls_conn *c, enum goal goal)
{
    for (;;) {
        unsigned st = br_ssl_engine_current_state(c->eng);
        unsigned char *buf;
        size_t len;
        ssize_t n;

        if (c->error)
            return c->error;
        if (st & BR_SSL_CLOSED)
            return tls_fail_engine(c);
        if (st & BR_SSL_SENDREC) {
            int r = send_record(c);

            if (r)
                return r;
            continue;
        }
        if (reached(st, goal))
            return 0;
        if (!(st & BR_SSL_RECVREC)) // cannot happen: BearSSL always wants one
            return tls_fail(c, TLS_ERR_INTERNAL, "engine is stuck");
        buf = br_ssl_engine_recvrec_buf(c->eng, &len);
        n = in(c->fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return TLS_WANT_READ;
        if (n < 0)
            return socket_failed(c, "recv");
        if (n == 0)
            return tls_fail(c, TLS_ERR_EOF,
                            reached(st, HANDSHAKE)
                                ? "peer closed the connection without "
                                  "close_notify (data may be truncated)"
                                : "peer closed the connection during the "
                                  "handshake");
        br_ssl_engine_recvrec_ack(c->eng, (size_t)n);
    }
}

int tls_handshake(struct tls_conn *c)
{
    return pump(c, HANDSHAKE);
}

ssize_t tls_read(struct tls_conn *c, void *buf, size_t len)
{
    unsigned char *app;
    size_t avail;
    int r = pump(c, RECVAPP);

    if (r == TLS_ERR_CLOSED && br_ssl_engine_last_error(c->eng) == BR_ERR_OK)
        return 0; // close_notify: a clean end of data
    if (r)
        return r;
    app = br_ssl_engine_recvapp_buf(c->eng, &avail);
    if (len > avail)
        len = avail;
    memcpy(buf, app, len);
    br_ssl_engine_recvapp_ack(c->eng, len);
    return (ssize_t)len;
}

ssize_t tls_write(struct tls_conn *c, const void *buf, size_t len)
{
    unsigned char *app;
    size_t room;
    int r = pump(c, SENDAPP);

    if (r)
        return r;
    app = br_ssl_engine_sendapp_buf(c->eng, &room);
    if (len > room)
        len = room;
    memcpy(app, buf, len);
    br_ssl_engine_sendapp_ack(c->eng, len);
    br_ssl_engine_flush(c->eng, 0);
    r = pump(c, FLUSHED);
    if (r && r != TLS_WANT_WRITE && r != TLS_WANT_READ)
        return r;
    return (ssize_t)len; // taken; what is not yet sent waits in the engine
}

int tls_flush(struct tls_conn *c)
{
    if (c->error)
        return c->error;
    br_ssl_engine_flush(c->eng, 0);
    return pump(c, FLUSHED);
}

int tls_close(struct tls_conn *c)
{
    if (c->error)
        return c->error == TLS_ERR_CLOSED ? 0 : c->error;
    br_ssl_engine_close(c->eng);
    // send close_notify; the engine then waits for the peer's, which a
    // tunnel or a client about to close its socket does not need
    for (;;) {
        unsigned st = br_ssl_engine_current_state(c->eng);
        int r;

        if (!(st & BR_SSL_SENDREC))
            return 0;
        if ((r = send_record(c)))
            return r;
    }
}
