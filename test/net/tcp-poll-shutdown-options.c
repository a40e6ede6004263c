// TCP calls for the socket layer: options (defaults, clamping, too late,
// inherited by children), buffers from the embedder's allocator (a refusal
// fails connect and drops a SYN), poll bits through a connection's life,
// half-close with shutdown, and the local address.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

static struct bed *b;
static uint8_t f[1600];
static bool refuse; // the allocator says no

static void *alloc(void *arg, size_t len)
{
    return refuse ? NULL : bed_alloc(arg, len);
}

static void in(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack,
               uint8_t flags, const char *data)
{
    b->nframes = 0;
    net_if_input(b->ifp, f,
                 build_tcp(f, sport, dport, seq, ack, flags, 8192, 0, data,
                           data ? strlen(data) : 0));
}

static void options(void)
{
    struct net_tcp *s;

    EXPECT_EQ(net_tcp_open(b->ifp, &s), 0);
    EXPECT_EQ(net_tcp_getopt(s, NET_TCP_OPT_RCVBUF), 65536);
    EXPECT_EQ(net_tcp_getopt(s, NET_TCP_OPT_SNDBUF), 65536);
    EXPECT_EQ(net_tcp_getopt(s, NET_TCP_OPT_NODELAY), 0);
    EXPECT_EQ(net_tcp_getopt(s, NET_TCP_OPT_KEEPALIVE), 0);
    EXPECT_EQ(net_tcp_setopt(s, NET_TCP_OPT_RCVBUF, 1), 0);
    EXPECT_EQ(net_tcp_getopt(s, NET_TCP_OPT_RCVBUF), 4096);
    EXPECT_EQ(net_tcp_setopt(s, NET_TCP_OPT_SNDBUF, 1 << 30), 0);
    EXPECT_EQ(net_tcp_getopt(s, NET_TCP_OPT_SNDBUF), 4 << 20);
    EXPECT_EQ(net_tcp_setopt(s, NET_TCP_OPT_NODELAY, 7), 0);
    EXPECT_EQ(net_tcp_getopt(s, NET_TCP_OPT_NODELAY), 1);
    EXPECT_EQ(net_tcp_setopt(s, (enum net_tcp_opt)99, 1), -EINVAL);
    EXPECT_EQ(net_tcp_getopt(s, (enum net_tcp_opt)99), -EINVAL);
    EXPECT_EQ(net_tcp_poll(s), 0); // never connected
    EXPECT_EQ(net_tcp_shutdown(s), -ENOTCONN);
    refuse = true;
    EXPECT_EQ(net_tcp_connect(s, PEER_IP, 80), -ENOMEM);
    EXPECT_EQ(b->nframes, 0);
    refuse = false;
    net_tcp_close(s);
}

static void lifecycle(void)
{
    struct net_tcp *l, *c;
    uint32_t iss, addr;
    uint16_t port;
    char buf[16];
    struct out_seg o;

    EXPECT_EQ(net_tcp_open(b->ifp, &l), 0);
    EXPECT_EQ(net_tcp_bind(l, 80), 0);
    EXPECT_EQ(net_tcp_setopt(l, NET_TCP_OPT_RCVBUF, 5000), 0);
    EXPECT_EQ(net_tcp_setopt(l, NET_TCP_OPT_KEEPALIVE, 1), 0);
    EXPECT_EQ(net_tcp_listen(l, 4), 0);
    net_tcp_local(l, &addr, &port);
    EXPECT_EQ(addr, OUR_IP);
    EXPECT_EQ(port, 80);
    EXPECT_EQ(net_tcp_shutdown(l), -ENOTCONN);

    refuse = true; // no memory: the SYN gets a cookie, and is counted
    in(3000, 80, 100, 0, SYN, NULL);
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(net_if_stats(b->ifp)->tcp_no_memory, 1);
    EXPECT_EQ(net_if_stats(b->ifp)->tcp_syn_cookies_sent, 1);
    refuse = false;
    in(3000, 80, 100, 0, SYN, NULL);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == (SYN | ACK) && o.wnd == 5000);
    iss = o.seq;
    EXPECT_EQ(net_tcp_poll(l), 0); // half-open is not ready
    in(3000, 80, 101, iss + 1, ACK, NULL);
    EXPECT_EQ(net_tcp_poll(l), NET_TCP_EV_ACCEPT);
    EXPECT_EQ(net_tcp_accept(l, &c), 0);
    EXPECT_EQ(net_tcp_poll(l), 0);
    EXPECT_EQ(net_tcp_getopt(c, NET_TCP_OPT_RCVBUF), 5000);
    EXPECT_EQ(net_tcp_getopt(c, NET_TCP_OPT_KEEPALIVE), 1);
    EXPECT_EQ(net_tcp_poll(c), NET_TCP_EV_WRITABLE);

    in(3000, 80, 101, iss + 1, ACK, "hi");
    EXPECT_EQ(net_tcp_poll(c), NET_TCP_EV_WRITABLE | NET_TCP_EV_READABLE);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 2);

    // Half-close: FIN goes out, sending is over, receiving goes on.
    b->nframes = 0;
    EXPECT_EQ(net_tcp_shutdown(c), 0);
    EXPECT_EQ(net_tcp_shutdown(c), 0);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == (FIN | ACK) && o.seq == iss + 1);
    EXPECT_EQ(net_tcp_send(c, "x", 1), -EPIPE);
    EXPECT_EQ(net_tcp_poll(c), 0);
    in(3000, 80, 103, iss + 2, ACK, "more");
    EXPECT_EQ(net_tcp_state(c), NET_TCP_FIN_WAIT_2);
    EXPECT_EQ(net_tcp_poll(c), NET_TCP_EV_READABLE);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 4);
    in(3000, 80, 107, iss + 2, FIN | ACK, NULL);
    EXPECT_EQ(net_tcp_poll(c), NET_TCP_EV_READABLE | NET_TCP_EV_HUP);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 0);
    net_tcp_close(c);

    // A reset connection: readable (the error), error, hang-up.
    in(3001, 80, 200, 0, SYN, NULL);
    iss = out_tcp(b, 0).seq;
    in(3001, 80, 201, iss + 1, ACK, NULL);
    EXPECT_EQ(net_tcp_accept(l, &c), 0);
    in(3001, 80, 201, iss + 1, RST, NULL);
    EXPECT_EQ(net_tcp_poll(c),
              NET_TCP_EV_READABLE | NET_TCP_EV_ERROR | NET_TCP_EV_HUP);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), -ECONNRESET);
    net_tcp_close(c);
    net_tcp_close(l);
}

int main(void)
{
    struct net_if_desc d;

    b = bed_new();
    // The bed's interface, again, with an allocator that can refuse.
    d = (struct net_if_desc)BED_DESC(b);
    d.alloc = alloc;
    memcpy(d.mac, our_mac, 6);
    struct net_config cfg = {.addr = OUR_IP, .prefix = 24};
    if (net_if_init(&b->ifp, b->mem, sizeof(b->mem), &d) ||
        net_if_configure(b->ifp, &cfg))
        return 2;
    bed_learn_peer(b);
    options();
    lifecycle();
    bed_advance(b, 120ull * 1000000000); // TIME-WAIT ends
    EXPECT_EQ(b->blocks, 0);
    return bed_done();
}
