// Runs libs/net on a Linux tap device, so Linux's own stack can be its
// peer: UDP echo on port 7, TCP echo on port 7 (closing on EOF), a
// datagram to UDP port 9 is counted, "quit" there ends the run. Prints the
// interesting counters. With "dhcp" for the address it configures itself
// by DHCP, prints the lease, waits for one renewal and exits.
// Usage: tap-peer TAPNAME a.b.c.d/prefix|dhcp [LOSS
// [REORDER]]: LOSS percent of IP frames in each direction are dropped and
// REORDER percent are delayed behind the next one, or by 2 ms if no other
// comes (seeded, repeatable), as `tc netem loss ... delay ... reorder ...`
// would do where the kernel has netem.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "net.h"

struct conn {
    struct net_tcp *s;
    size_t len, off; // echo bytes the send buffer did not take yet
    uint8_t pend[4096];
};

static int tap_fd;
static bool quit;
static _Alignas(8) uint8_t mem[NET_IF_SIZE];

static unsigned loss, reorder; // percent
static uint64_t now_ns(void *arg);
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static unsigned long long dropped, delayed;

static unsigned percent(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % 100);
}

// A held frame per direction: sent after the next one (reordering).
struct held {
    size_t len;
    uint64_t since;
    uint8_t frame[2048];
};
static struct held held_tx, held_rx;

// Whether the impairment takes this frame: drops it, or holds it (then
// *out is the previously held frame to pass on instead, if any).
static bool impair(struct held *h, const void *frame, size_t len)
{
    const uint8_t *f = frame;

    if (len < 14 || f[12] != 0x08 || f[13] != 0x00 || len > sizeof(h->frame))
        return false; // ARP and the rest pass untouched
    if (percent() < loss) {
        dropped++;
        return true;
    }
    if (!h->len && percent() < reorder) {
        delayed++;
        memcpy(h->frame, frame, len);
        h->len = len;
        h->since = now_ns(NULL);
        return true;
    }
    return false;
}

static int tx(void *arg, const void *frame, size_t len)
{
    if (impair(&held_tx, frame, len))
        return 0; // lost on the wire
    if (len && write(tap_fd, frame, len) != (ssize_t)len)
        return -EIO;
    if (held_tx.len) {
        size_t n = held_tx.len;
        held_tx.len = 0;
        if (write(tap_fd, held_tx.frame, n) != (ssize_t)n)
            return -EIO;
    }
    return 0;
}

static void rx(struct net_if *ifp, const uint8_t *frame, size_t len)
{
    if (impair(&held_rx, frame, len))
        return;
    if (len)
        net_if_input(ifp, frame, len);
    if (held_rx.len) {
        size_t n = held_rx.len;
        held_rx.len = 0;
        net_if_input(ifp, held_rx.frame, n);
    }
}

static void *alloc(void *arg, size_t len)
{
    return malloc(len);
}

static void release(void *arg, void *p, size_t len)
{
    free(p);
}

static uint64_t now_ns(void *arg)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void udp_echo(void *arg, struct net_udp *s, uint32_t src, uint16_t sport,
                     const void *data, size_t len)
{
    net_udp_sendto(s, src, sport, data, len);
}

// Port 9: "quit" ends the run; anything else is reported by size.
static void udp_sink(void *arg, struct net_udp *s, uint32_t src, uint16_t sport,
                     const void *data, size_t len)
{
    if (len == 4 && !memcmp(data, "quit", 4))
        quit = true;
    else
        printf("udp port 9: %zu bytes\n", len);
}

// Echoes what fits in the send buffer; keeps the rest for WRITABLE.
static void pump(struct conn *c)
{
    int n;

    for (;;) {
        while (c->off < c->len) {
            n = net_tcp_send(c->s, c->pend + c->off, c->len - c->off);
            if (n <= 0)
                return;
            c->off += (size_t)n;
        }
        n = net_tcp_recv(c->s, c->pend, sizeof(c->pend));
        if (n == -EAGAIN)
            return;
        if (n <= 0) { // EOF or error: done with this connection
            net_tcp_close(c->s);
            free(c);
            return;
        }
        c->len = (size_t)n;
        c->off = 0;
    }
}

static void on_tcp(void *arg, struct net_tcp *s, unsigned ev)
{
    struct net_tcp *child;

    if (ev & NET_TCP_EV_ACCEPT) {
        while (net_tcp_accept(s, &child) == 0) {
            struct conn *c = calloc(1, sizeof(*c));
            if (!c) {
                net_tcp_close(child);
                continue;
            }
            c->s = child;
            net_tcp_on_event(child, on_tcp, c);
            pump(c);
        }
        return;
    }
    pump(arg);
}

// Prints each new lease; true once the first was renewed.
static bool dhcp_report(struct net_if *ifp)
{
    static uint64_t seen;
    const struct net_stats *st = net_if_stats(ifp);
    struct net_config c;

    if (st->dhcp_bound == seen)
        return false;
    seen = st->dhcp_bound;
    net_if_config(ifp, &c);
    printf("dhcp lease %llu: %u.%u.%u.%u/%u gw %u.%u.%u.%u dns %u.%u.%u.%u\n",
           (unsigned long long)seen, c.addr >> 24, c.addr >> 16 & 255,
           c.addr >> 8 & 255, c.addr & 255, c.prefix, c.gateway >> 24,
           c.gateway >> 16 & 255, c.gateway >> 8 & 255, c.gateway & 255,
           c.dns >> 24, c.dns >> 16 & 255, c.dns >> 8 & 255, c.dns & 255);
    fflush(stdout);
    return seen >= 2;
}

static int tap_open(const char *name)
{
    struct ifreq ifr = {0};
    int fd = open("/dev/net/tun", O_RDWR);

    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
    if (fd < 0 || ioctl(fd, TUNSETIFF, &ifr) < 0) {
        perror("tap");
        return -1;
    }
    return fd;
}

int main(int argc, char **argv)
{
    struct net_if_desc d = {.tx = tx,
                            .now = now_ns,
                            .alloc = alloc,
                            .free = release,
                            .secret = 0x5eed};
    struct net_config cfg = {0};
    struct net_if *ifp;
    struct net_udp *u7, *u9;
    struct net_tcp *l;
    uint8_t frame[2048];
    const struct net_stats *st;

    memcpy(d.mac, "\x02\x00\x00\x00\x00\x02", 6);
    if (argc >= 4)
        loss = (unsigned)atoi(argv[3]);
    if (argc >= 5)
        reorder = (unsigned)atoi(argv[4]);
    if (argc < 3 || argc > 5 || (tap_fd = tap_open(argv[1])) < 0 ||
        (strcmp(argv[2], "dhcp") && net_config_set(&cfg, "ip", argv[2])) ||
        net_if_init(&ifp, mem, sizeof(mem), &d) ||
        net_if_configure(ifp, &cfg) || net_udp_open(ifp, &u7) ||
        net_udp_bind(u7, 7) || net_udp_open(ifp, &u9) || net_udp_bind(u9, 9) ||
        net_tcp_open(ifp, &l) || net_tcp_bind(l, 7) ||
        net_tcp_listen(l, NET_TCP_BACKLOG))
        return 2;
    net_udp_on_recv(u7, udp_echo, NULL);
    net_udp_on_recv(u9, udp_sink, NULL);
    net_tcp_on_event(l, on_tcp, NULL);
    if (!strcmp(argv[2], "dhcp") && net_dhcp_start(ifp))
        return 2;
    printf("ready\n");
    fflush(stdout);
    while (!quit) {
        struct pollfd p = {.fd = tap_fd, .events = POLLIN};
        uint64_t t = now_ns(NULL), dl = net_if_deadline(ifp);
        int ms = dl == UINT64_MAX ? 1000
                 : dl <= t        ? 0
                                  : (int)((dl - t) / 1000000) + 1;
        if (held_tx.len || held_rx.len)
            ms = ms > 1 ? 1 : ms;
        if (poll(&p, 1, ms > 1000 ? 1000 : ms) > 0) {
            ssize_t n = read(tap_fd, frame, sizeof(frame));
            if (n > 0)
                rx(ifp, frame, (size_t)n);
        }
        net_if_timer(ifp);
        if (!strcmp(argv[2], "dhcp"))
            quit = dhcp_report(ifp);
        if (held_tx.len && now_ns(NULL) - held_tx.since > 2000000)
            tx(NULL, NULL, 0); // releases the held frame
        if (held_rx.len && now_ns(NULL) - held_rx.since > 2000000)
            rx(ifp, NULL, 0);
    }
    // Every finished connection is gone, or waits in TIME-WAIT; only the
    // listener is left.
    st = net_if_stats(ifp);
    printf("tcp sockets left: %llu\n",
           (unsigned long long)(st->tcp_sockets - st->tcp_time_wait - 1));
    printf("rx %llu tx %llu tx_errors %llu\n",
           (unsigned long long)st->rx_frames, (unsigned long long)st->tx_frames,
           (unsigned long long)st->tx_errors);
    printf("icmp_echo %llu udp_rx %llu tcp_rx %llu\n",
           (unsigned long long)st->icmp_echo, (unsigned long long)st->udp_rx,
           (unsigned long long)st->tcp_rx);
    printf("impairment: %u%% loss %u%% reorder: %llu dropped %llu delayed\n",
           loss, reorder, dropped, delayed);
    printf("tcp_rexmt %llu tcp_fast_rexmt %llu tcp_out_of_order %llu\n",
           (unsigned long long)st->tcp_rexmt,
           (unsigned long long)st->tcp_fast_rexmt,
           (unsigned long long)st->tcp_out_of_order);
    printf("dropped: ip_cksum %llu udp_cksum %llu tcp_cksum %llu "
           "tcp_out_of_order %llu\n",
           (unsigned long long)st->ip_cksum, (unsigned long long)st->udp_cksum,
           (unsigned long long)st->tcp_cksum,
           (unsigned long long)st->tcp_out_of_order);
    printf("tcp_challenge_ack %llu tcp_challenge_ack_limited %llu "
           "tcp_bad_ack %llu\n",
           (unsigned long long)st->tcp_challenge_ack,
           (unsigned long long)st->tcp_challenge_ack_limited,
           (unsigned long long)st->tcp_bad_ack);
    return 0;
}
