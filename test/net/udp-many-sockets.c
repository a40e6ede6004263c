// UDP sockets have no fixed cap either: 5,000 bound to their own ports
// each get exactly their datagrams, and every ephemeral port (16,384 of
// them) can be taken at once, each once; with all taken a bind says
// -EAGAIN, and a port given back is the one the next bind finds. Closing
// them all gives every byte back.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define N     5000
#define EPH   16384
#define FIRST 10000

static struct bed *b;
static uint8_t f[1600];
static struct net_udp *fixed[N], *eph[EPH];
static uint8_t eph_seen[EPH];
static int got[N];

static void on_recv(void *arg, struct net_udp *s, uint32_t src, uint16_t sport,
                    const void *data, size_t len)
{
    int i = (int)(intptr_t)arg;

    EXPECT(s == fixed[i]);
    EXPECT(len == 2 && !memcmp(data, "hi", 2));
    got[i]++;
}

static void send_to(uint16_t port)
{
    b->nframes = 0;
    net_if_input(b->ifp, f, build_udp(f, PEER_IP, OUR_IP, 5353, port, "hi", 2));
}

int main(void)
{
    const struct net_stats *st;
    struct net_udp *extra;

    b = bed_new();
    bed_learn_peer(b);
    st = net_if_stats(b->ifp);
    for (int i = 0; i < N && !failures; i++) {
        EXPECT_EQ(net_udp_open(b->ifp, &fixed[i]), 0);
        EXPECT_EQ(net_udp_bind(fixed[i], (uint16_t)(FIRST + i)), 0);
        net_udp_on_recv(fixed[i], on_recv, (void *)(intptr_t)i);
    }
    EXPECT_EQ(net_udp_open(b->ifp, &extra), 0);
    EXPECT_EQ(net_udp_bind(extra, FIRST + N - 1), -EADDRINUSE);

    send_to(FIRST + N - 1);
    send_to(FIRST);
    send_to(FIRST + N / 2);
    send_to(FIRST + N / 2);
    for (int i = 0; i < N; i++)
        EXPECT_EQ(got[i], i == 0 || i == N - 1 ? 1 : i == N / 2 ? 2 : 0);
    send_to(FIRST + N); // nobody's: port unreachable
    EXPECT_EQ(st->udp_no_port, 1);
    EXPECT_EQ(b->nframes, 1);

    // Every ephemeral port, each once.
    for (int i = 0; i < EPH && !failures; i++) {
        uint16_t port;
        EXPECT_EQ(net_udp_open(b->ifp, &eph[i]), 0);
        EXPECT_EQ(net_udp_bind(eph[i], 0), 0);
        port = net_udp_port(eph[i]);
        EXPECT(port >= 49152 && !eph_seen[port - 49152]);
        eph_seen[port - 49152] = 1;
    }
    EXPECT_EQ(net_udp_bind(extra, 0), -EAGAIN);
    {
        uint16_t back = net_udp_port(eph[EPH / 3]);
        net_udp_close(eph[EPH / 3]);
        EXPECT_EQ(net_udp_bind(extra, 0), 0);
        EXPECT_EQ(net_udp_port(extra), back);
        eph[EPH / 3] = extra;
    }

    for (int i = 0; i < N; i++)
        net_udp_close(fixed[i]);
    for (int i = 0; i < EPH; i++)
        net_udp_close(eph[i]);
    EXPECT_EQ(b->allocs, 0);
    send_to(FIRST);
    EXPECT_EQ(st->udp_no_port, 2);
    bed_del(b);
    return bed_done();
}
