// One client: the TLS handshake, the connection to the backend, then bytes
// both ways until both sides have finished. Every socket is non-blocking,
// so a slow or broken client only ever holds up itself.
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tunnel.h"

// Non-blocking, and without Nagle's delay: TLS sends a handshake flight
// as several records, and waiting for the peer's delayed ACK between them
// costs 40 ms per handshake.
static void nonblocking(int fd)
{
    int one = 1;

    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

void relay_start(struct relay *r, int client, const struct tls_config *cfg,
                 unsigned id)
{
    int e;

    memset(r, 0, offsetof(struct relay, up));
    r->client = client;
    r->backend = -1;
    r->id = id;
    r->phase = HANDSHAKING;
    r->tls_wait = POLLIN;
    nonblocking(client);
    e = tls_conn_new(&r->tls, cfg, client, NULL);
    if (e) {
        r->tls = NULL;
        relay_end(r, tls_strerror(e));
    }
}

void relay_end(struct relay *r, const char *why)
{
    fprintf(stderr, "tlstunnel: client %u: %s\n", r->id, why);
    if (r->tls)
        tls_conn_free(r->tls);
    r->tls = NULL;
    if (r->client >= 0)
        close(r->client);
    if (r->backend >= 0)
        close(r->backend);
    r->client = r->backend = -1;
    r->phase = DONE;
}

static void connect_backend(struct relay *r, const struct addrinfo *ai)
{
    const char *sni = tls_conn_server_name(r->tls);

    fprintf(stderr, "tlstunnel: client %u: TLS 1.%d handshake done%s%s\n",
            r->id, tls_conn_version(r->tls) - TLS_V1_0, sni ? ", SNI " : "",
            sni ? sni : "");
    r->backend = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (r->backend < 0) {
        relay_end(r, "backend: socket failed");
        return;
    }
    nonblocking(r->backend);
    if (connect(r->backend, ai->ai_addr, ai->ai_addrlen) != 0 &&
        errno != EINPROGRESS) {
        char why[128];

        snprintf(why, sizeof why, "backend: connect: %s", strerror(errno));
        relay_end(r, why);
        return;
    }
    r->phase = CONNECTING;
}

static void connected(struct relay *r)
{
    int err = 0;
    socklen_t len = sizeof err;

    getsockopt(r->backend, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) {
        char why[128];

        snprintf(why, sizeof why, "backend: connect: %s", strerror(err));
        relay_end(r, why);
        return;
    }
    r->phase = RELAYING;
}

static bool would_block(ssize_t n)
{
    return n == TLS_WANT_READ || n == TLS_WANT_WRITE;
}

// One round of moving bytes; true if anything moved. May end the relay.
static bool step(struct relay *r)
{
    bool moved = false;
    ssize_t n;

    if (!r->client_eof && r->up_len == 0) {
        n = tls_read(r->tls, r->up, sizeof r->up);
        if (n > 0) {
            r->up_len = (size_t)n;
            moved = true;
        } else if (n == 0 || n == TLS_ERR_EOF) {
            r->client_eof = true;
            moved = true;
        } else if (!would_block(n)) {
            relay_end(r, tls_conn_error(r->tls));
            return false;
        }
    }
    if (r->up_len) {
        n = send(r->backend, r->up, r->up_len, MSG_NOSIGNAL);
        if (n > 0) {
            memmove(r->up, r->up + n, r->up_len - (size_t)n);
            r->up_len -= (size_t)n;
            moved = true;
        } else if (errno != EAGAIN) {
            relay_end(r, "backend: send failed");
            return false;
        }
    }
    if (!r->backend_eof && r->down_len == 0) {
        n = recv(r->backend, r->down, sizeof r->down, 0);
        if (n > 0) {
            r->down_len = (size_t)n;
            r->down_off = 0;
            moved = true;
        } else if (n == 0) {
            r->backend_eof = true;
            moved = true;
        } else if (errno != EAGAIN) {
            relay_end(r, "backend: recv failed");
            return false;
        }
    }
    if (r->down_len) {
        n = tls_write(r->tls, r->down + r->down_off, r->down_len);
        if (n > 0) {
            r->down_off += (size_t)n;
            r->down_len -= (size_t)n;
            moved = true;
        } else if (!would_block(n)) {
            relay_end(r, tls_conn_error(r->tls));
            return false;
        }
    }
    return moved;
}

static void relay_data(struct relay *r)
{
    while (r->phase == RELAYING && step(r))
        r->moved = true;
    if (r->phase != RELAYING)
        return;
    if (r->client_eof && r->up_len == 0)
        shutdown(r->backend, SHUT_WR); // the client's end of data, passed on
    if (r->backend_eof && r->down_len == 0) {
        int e = tls_close(r->tls);

        if (e == 0)
            relay_end(r, "closed");
        else if (e != TLS_WANT_WRITE)
            relay_end(r, tls_conn_error(r->tls));
    }
}

void relay_run(struct relay *r, const struct addrinfo *backend)
{
    if (r->phase == HANDSHAKING) {
        int e = tls_handshake(r->tls);

        if (would_block(e)) {
            r->tls_wait = e == TLS_WANT_READ ? POLLIN : POLLOUT;
            return;
        }
        if (e) {
            relay_end(r, tls_conn_error(r->tls));
            return;
        }
        connect_backend(r, backend);
        return;
    }
    if (r->phase == CONNECTING) {
        struct pollfd p = {r->backend, POLLOUT, 0};

        if (poll(&p, 1, 0) == 1)
            connected(r);
    }
    if (r->phase == RELAYING)
        relay_data(r);
}

void relay_events(const struct relay *r, struct pollfd *client,
                  struct pollfd *backend)
{
    client->fd = r->client;
    backend->fd = r->backend;
    client->events = backend->events = 0;
    switch (r->phase) {
    case HANDSHAKING: client->events = (short)r->tls_wait; break;
    case CONNECTING: backend->events = POLLOUT; break;
    case RELAYING:
        client->events = tls_conn_events(r->tls) & POLLOUT;
        if (!r->client_eof && r->up_len == 0)
            client->events |= POLLIN;
        if (r->down_len)
            client->events |= POLLOUT;
        if (!r->backend_eof && r->down_len == 0)
            backend->events |= POLLIN;
        if (r->up_len)
            backend->events |= POLLOUT;
        if (r->backend_eof && r->down_len == 0)
            client->events |= POLLOUT; // close_notify still to send
        break;
    case DONE: client->fd = backend->fd = -1; break;
    }
}
