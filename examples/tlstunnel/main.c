// tlstunnel: accepts TLS on a port and forwards the plaintext to a backend,
// both ways, for many clients at once (one poll loop, no threads).
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tunnel.h"

#define MAX_CLIENTS 64

static _Noreturn void fatal(const char *what, const char *detail)
{
    fprintf(stderr, "tlstunnel: %s: %s\n", what, detail);
    exit(1);
}

static struct tls_config *server_config(const struct options *o)
{
    struct tls_config *cfg;
    int e = tls_config_new(&cfg, TLS_SERVER);

    if (e)
        fatal("configuration", tls_strerror(e));
    if (o->cert && tls_config_load_keypair(cfg, o->cert, o->key))
        fatal("keypair", tls_config_error(cfg));
    for (int i = 0; i < o->nnamed; i++)
        if (tls_config_load_keypair_for(cfg, o->named[i].name, o->named[i].cert,
                                        o->named[i].key))
            fatal("--sni-keypair", tls_config_error(cfg));
    if (o->sni && tls_config_set_server_name(cfg, o->sni))
        fatal("--sni", "cannot set the name");
    return cfg;
}

static int listen_on(const char *port)
{
    struct sockaddr_in6 a = {.sin6_family = AF_INET6,
                             .sin6_port = htons((uint16_t)atoi(port))};
    int one = 1, fd = socket(AF_INET6, SOCK_STREAM, 0);

    if (fd < 0) { // no IPv6: IPv4 only
        struct sockaddr_in a4 = {.sin_family = AF_INET,
                                 .sin_port = a.sin6_port};

        fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            fatal("socket", strerror(errno));
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, (struct sockaddr *)&a4, sizeof a4) != 0)
            fatal("bind", strerror(errno));
    } else {
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0)
            fatal("bind", strerror(errno));
    }
    if (listen(fd, 64) != 0)
        fatal("listen", strerror(errno));
    return fd;
}

static struct addrinfo *resolve(const struct options *o)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;
    int e = getaddrinfo(o->backend_host, o->backend_port, &hints, &ai);

    if (e)
        fatal("--backend", gai_strerror(e));
    return ai;
}

static void accept_clients(int listener, struct relay **relays,
                           const struct tls_config *cfg, unsigned *next_id)
{
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        int slot = 0;

        if (fd < 0)
            return;
        while (slot < MAX_CLIENTS && relays[slot] &&
               relays[slot]->phase != DONE)
            slot++;
        if (slot == MAX_CLIENTS) {
            fprintf(stderr, "tlstunnel: %d clients already; refusing one\n",
                    MAX_CLIENTS);
            close(fd);
            continue;
        }
        if (!relays[slot] && !(relays[slot] = malloc(sizeof **relays))) {
            close(fd);
            continue;
        }
        relay_start(relays[slot], fd, cfg, ++*next_id);
    }
}

int main(int argc, char **argv)
{
    struct options o;
    struct relay *relays[MAX_CLIENTS] = {0};
    struct pollfd fds[1 + 2 * MAX_CLIENTS];
    struct tls_config *cfg;
    struct addrinfo *backend;
    unsigned next_id = 0;
    int listener;

    options_parse(&o, argc, argv);
    cfg = server_config(&o);
    backend = resolve(&o);
    signal(SIGPIPE, SIG_IGN);
    listener = listen_on(o.listen_port);
    fcntl(listener, F_SETFL, O_NONBLOCK);
    fprintf(stderr, "tlstunnel: listening on port %s, backend %s:%s\n",
            o.listen_port, o.backend_host, o.backend_port);
    for (;;) {
        fds[0] = (struct pollfd){listener, POLLIN, 0};
        for (int i = 0; i < MAX_CLIENTS; i++) {
            if (relays[i])
                relay_events(relays[i], &fds[1 + 2 * i], &fds[2 + 2 * i]);
            else
                fds[1 + 2 * i].fd = fds[2 + 2 * i].fd = -1;
        }
        if (poll(fds, 1 + 2 * MAX_CLIENTS, 1000) < 0 && errno != EINTR)
            fatal("poll", strerror(errno));
        if (fds[0].revents)
            accept_clients(listener, relays, cfg, &next_id);
        for (int i = 0; i < MAX_CLIENTS; i++) {
            struct relay *r = relays[i];

            // a handshake also runs on the 1 s tick, for its time limit
            if (r && r->phase != DONE &&
                (fds[1 + 2 * i].revents || fds[2 + 2 * i].revents ||
                 r->phase == HANDSHAKING))
                relay_run(r, backend);
        }
    }
}
