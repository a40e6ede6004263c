// tlstunnel: accepts TLS on a port and forwards the plaintext to a backend,
// both ways, for many clients at once (one poll loop, no threads).
//
// Clients are limited only by the descriptors tlstunnel may open (two
// each): at start it raises its soft RLIMIT_NOFILE to the hard limit. When
// accept runs out of them, the client is accepted and closed at once
// through a descriptor kept spare for it, so it is told rather than left
// in the backlog and the loop does not spin on the listener.
//
// Two timeouts, each kept as a list of relays in deadline order (every
// deadline of one kind is now + a constant), so poll's timeout is the
// nearer of two heads: --handshake-timeout (60 s, as nginx's
// client_header_timeout and proxy_connect_timeout) from the accept to the
// backend's connect, which drops clients that stall their handshake; and
// --idle-timeout (600 s, nginx's stream proxy_timeout) with no byte moved
// either way, which drops relays both ends have left idle. An interactive
// session through the tunnel that stays silent longer needs a larger one.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tunnel.h"

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

static struct relay **relays; // nrelays of them
static size_t nrelays, cap;
static struct pollfd *fds; // the listener, then two per relay
static struct {
    struct relay *head, *tail;
} timers[2]; // [relaying_timer]
static unsigned long long timeout_ms[2];
static int spare_fd = -1;  // kept to accept-and-close at EMFILE
static bool accept_paused; // not even that: until a client goes

static unsigned long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000 +
           (unsigned long long)ts.tv_nsec / 1000000;
}

static void timer_unlink(struct relay *r)
{
    if (!r->prev && timers[r->relaying_timer].head != r)
        return; // in no list
    *(r->prev ? &r->prev->next : &timers[r->relaying_timer].head) = r->next;
    *(r->next ? &r->next->prev : &timers[r->relaying_timer].tail) = r->prev;
    r->prev = r->next = NULL;
}

// Starts r's timeout for its phase from now: the tail of that list.
static void timer_arm(struct relay *r)
{
    bool k = r->phase == RELAYING;

    timer_unlink(r);
    r->relaying_timer = k;
    r->deadline = now_ms() + timeout_ms[k];
    r->prev = timers[k].tail;
    *(r->prev ? &r->prev->next : &timers[k].head) = r;
    timers[k].tail = r;
}

static int poll_timeout(void)
{
    unsigned long long nearest = ~0ULL, now = now_ms();

    for (int k = 0; k < 2; k++)
        if (timers[k].head && timers[k].head->deadline < nearest)
            nearest = timers[k].head->deadline;
    if (nearest == ~0ULL)
        return -1;
    return nearest <= now            ? 0
           : nearest - now > INT_MAX ? INT_MAX
                                     : (int)(nearest - now);
}

static void expire(void)
{
    unsigned long long now = now_ms();

    for (int k = 0; k < 2; k++) {
        while (timers[k].head && timers[k].head->deadline <= now) {
            struct relay *r = timers[k].head;

            timer_unlink(r);
            relay_end(r, k ? "idle timeout" : "handshake timed out");
        }
    }
}

// Room for one more relay: 0, or -1.
static int room(void)
{
    size_t more = cap ? 2 * cap : 64;
    struct relay **nr;
    struct pollfd *nf;

    if (nrelays < cap)
        return 0;
    if (!(nr = realloc(relays, more * sizeof *nr)))
        return -1;
    relays = nr;
    if (!(nf = realloc(fds, (1 + 2 * more) * sizeof *nf)))
        return -1;
    fds = nf;
    cap = more;
    return 0;
}

// accept failed for want of a descriptor: takes the client with the spare
// one and closes it. true to try accept again.
static bool refuse_one(int listener)
{
    int fd;

    if (spare_fd < 0) {
        accept_paused = true;
        return false;
    }
    close(spare_fd);
    fd = accept(listener, NULL, NULL);
    if (fd >= 0) {
        close(fd);
        fprintf(stderr, "tlstunnel: out of descriptors; refusing a client\n");
    }
    spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    return fd >= 0;
}

static void accept_clients(int listener, const struct tls_config *cfg,
                           unsigned *next_id)
{
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        struct relay *r;

        if (fd < 0) {
            if ((errno == EMFILE || errno == ENFILE) && refuse_one(listener))
                continue;
            return;
        }
        if (room() || !(r = calloc(1, sizeof *r))) {
            close(fd); // no memory: the client sees a reset
            continue;
        }
        relays[nrelays++] = r;
        relay_start(r, fd, cfg, ++*next_id);
        if (r->phase != DONE)
            timer_arm(r);
    }
}

// As many clients as the hard limit allows; a refusal leaves the soft one.
static void raise_nofile(void)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

// Frees the relays that are done, keeping relays[i] at fds[1 + 2i].
static void sweep(void)
{
    size_t n = 0;

    for (size_t i = 0; i < nrelays; i++) {
        struct relay *r = relays[i];

        if (r->phase == DONE) {
            timer_unlink(r);
            free(r);
            accept_paused = false; // its descriptors are free again
            if (spare_fd < 0)
                spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
            continue;
        }
        relays[n] = r;
        relay_events(r, &fds[1 + 2 * n], &fds[2 + 2 * n]);
        n++;
    }
    nrelays = n;
}

int main(int argc, char **argv)
{
    struct options o;
    struct tls_config *cfg;
    struct addrinfo *backend;
    unsigned next_id = 0;
    int listener;

    options_parse(&o, argc, argv);
    timeout_ms[0] = o.handshake_ms;
    timeout_ms[1] = o.idle_ms;
    cfg = server_config(&o);
    backend = resolve(&o);
    signal(SIGPIPE, SIG_IGN);
    raise_nofile();
    listener = listen_on(o.listen_port);
    fcntl(listener, F_SETFL, O_NONBLOCK);
    spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (room())
        fatal("memory", strerror(errno));
    fprintf(stderr, "tlstunnel: listening on port %s, backend %s:%s\n",
            o.listen_port, o.backend_host, o.backend_port);
    for (;;) {
        size_t n;

        sweep();
        n = nrelays;
        fds[0] = (struct pollfd){listener, accept_paused ? 0 : POLLIN, 0};
        if (poll(fds, 1 + 2 * n, poll_timeout()) < 0 && errno != EINTR)
            fatal("poll", strerror(errno));
        if (fds[0].revents)
            accept_clients(listener, cfg, &next_id);
        for (size_t i = 0; i < n; i++) {
            struct relay *r = relays[i];
            enum relay_phase was = r->phase;

            if (r->phase == DONE ||
                !(fds[1 + 2 * i].revents | fds[2 + 2 * i].revents))
                continue;
            r->moved = false;
            relay_run(r, backend);
            if (r->phase == DONE)
                timer_unlink(r);
            else if ((r->phase == RELAYING && was != RELAYING) || r->moved)
                timer_arm(r);
        }
        expire();
    }
}
