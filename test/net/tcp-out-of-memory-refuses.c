// When alloc says no, nothing is accepted and left silent: open returns
// -ENOMEM, a SYN is answered with a cookie (no state), and the ACK that
// completes a SYN-cookie handshake is answered with a RST; one that finds
// the accept queue full is dropped, as Linux does, and makes a connection
// when the peer sends it again with room in the queue; both are counted.
// The closed connection in TIME-WAIT gives its memory to a new socket. A
// table that cannot grow keeps working, and grows once memory is back; so
// do new connections.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "internal.h"
#include "nettest.h"

static struct bed *b;
static uint8_t f[1600];
static bool refuse;    // alloc says no to everything
static int refuse_256; // ... to 256-byte blocks after this many (if > 0)
static int seen_256;

static void *alloc(void *arg, size_t len)
{
    if (refuse)
        return NULL;
    if (len == 256 && refuse_256 && ++seen_256 > refuse_256)
        return NULL;
    return bed_alloc(arg, len);
}

static void in(uint16_t sport, uint32_t seq, uint32_t ack, uint8_t flags,
               const char *data)
{
    b->nframes = 0;
    net_if_input(b->ifp, f,
                 build_tcp(f, sport, 80, seq, ack, flags, 8192,
                           flags & SYN ? 1460 : 0, data,
                           data ? strlen(data) : 0));
}

// A SYN from sport with ISN 1000; returns our SYN-ACK's sequence number.
static uint32_t syn(uint16_t sport)
{
    struct out_seg o;

    in(sport, 1000, 0, SYN, NULL);
    o = out_tcp(b, 0);
    EXPECT(b->nframes == 1 && o.ok && o.flags == (SYN | ACK) &&
           o.dport == sport);
    return o.seq;
}

// The ACK of our SYN-ACK (seq iss) from sport: a RST comes back, or not.
static void ack(uint16_t sport, uint32_t iss, bool reset)
{
    struct out_seg o;

    in(sport, 1001, iss + 1, ACK, NULL);
    o = out_tcp(b, 0);
    EXPECT_EQ(b->nframes, reset);
    if (reset)
        EXPECT(o.ok && o.flags == RST && o.seq == iss + 1 && o.dport == sport);
}

static struct net_tcp *handshake(struct net_tcp *l, uint16_t sport,
                                 uint32_t *iss)
{
    struct net_tcp *c = NULL;

    *iss = syn(sport);
    ack(sport, *iss, false);
    EXPECT_EQ(net_tcp_accept(l, &c), 0);
    return c;
}

int main(void)
{
    const struct net_stats *st;
    struct net_if_desc d;
    struct net_config cfg = {.addr = OUR_IP, .prefix = 24};
    struct net_tcp *l, *s, *a, *e, *g, *c[30];
    struct net_udp *u;
    uint32_t iss_a, cookie_b, cookie_e, iss, iss_c[30];
    char buf[8];

    b = bed_new();
    d = (struct net_if_desc)BED_DESC(b);
    d.alloc = alloc;
    memcpy(d.mac, our_mac, 6);
    if (net_if_init(&b->ifp, b->mem, sizeof(b->mem), &d) ||
        net_if_configure(b->ifp, &cfg))
        return 2;
    st = net_if_stats(b->ifp);
    bed_learn_peer(b);
    EXPECT_EQ(net_tcp_open(b->ifp, &l), 0);
    EXPECT_EQ(net_tcp_bind(l, 80), 0);
    EXPECT_EQ(net_tcp_setopt(l, NET_TCP_OPT_RCVBUF, 4096), 0);
    EXPECT_EQ(net_tcp_setopt(l, NET_TCP_OPT_SNDBUF, 8192), 0);
    EXPECT_EQ(net_tcp_listen(l, 1), 0);

    // No memory: no socket, and a SYN is ignored.
    refuse = true;
    EXPECT_EQ(net_tcp_open(b->ifp, &s), -ENOMEM);
    EXPECT_EQ(net_udp_open(b->ifp, &u), -ENOMEM);
    syn(2000); // a cookie: no state
    EXPECT_EQ(st->tcp_no_memory, 1);
    EXPECT_EQ(st->tcp_syn_cookies_sent, 1);
    refuse = false;

    // A is half-open; the SYN queue (backlog 1) is full, so B and E get
    // cookies. B's ACK comes while memory is out: a RST, not silence.
    iss_a = syn(2001);
    cookie_b = syn(2002);
    cookie_e = syn(2005);
    EXPECT_EQ(st->tcp_syn_cookies_sent, 3);
    refuse = true;
    ack(2002, cookie_b, true);
    EXPECT_EQ(st->tcp_no_memory, 2);
    refuse = false;

    // A completes and waits for accept: the accept queue is full, so E's
    // cookie ACK is dropped, as Linux drops it, and so is a new SYN: the
    // peers send them again (a RST would end a connection that room in
    // the queue, a moment later, makes).
    ack(2001, iss_a, false);
    ack(2005, cookie_e, false);
    EXPECT_EQ(st->tcp_backlog_full, 1);
    in(2007, 1000, 0, SYN, NULL);
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(st->tcp_backlog_full, 2);
    EXPECT_EQ(net_tcp_accept(l, &a), 0);
    EXPECT_EQ(net_tcp_accept(l, &s), -EAGAIN);
    EXPECT_EQ(st->tcp_syn_cookies_ok, 0);
    // E's request, its ACK again, now finds room: E is connected.
    in(2005, 1001, cookie_e + 1, ACK | PSH, "e");
    EXPECT_EQ(st->tcp_syn_cookies_ok, 1);
    EXPECT_EQ(net_tcp_accept(l, &e), 0);
    EXPECT_EQ(net_tcp_recv(e, buf, sizeof(buf)), 1);
    in(2005, 1002, cookie_e + 1, RST, NULL);
    net_tcp_close(e);

    // Memory is back: G connects, and data flows.
    g = handshake(l, 2007, &iss);
    in(2007, 1001, iss + 1, ACK | PSH, "g");
    EXPECT_EQ(net_tcp_recv(g, buf, sizeof(buf)), 1);

    // A, closed by us first, waits in TIME-WAIT; a new socket without
    // memory takes its place.
    net_tcp_close(a);
    in(2001, 1001, iss_a + 2, ACK | FIN, NULL); // acks our FIN, and its own
    EXPECT_EQ(st->tcp_time_wait, 1);
    refuse = true;
    EXPECT_EQ(net_tcp_open(b->ifp, &s), 0);
    EXPECT_EQ(st->tcp_time_wait_reused, 1);
    EXPECT_EQ(st->tcp_time_wait, 0);
    refuse = false;
    net_tcp_close(s);
    net_tcp_close(g);
    in(2007, 1002, 0, RST, NULL);
    EXPECT_EQ(st->tcp_sockets, 1);

    // The timer heap may grow once (16 to 32 sockets: 256 bytes), the
    // connection table may not: 30 connections share its 16 buckets and
    // each still gets its own data; with memory back, it grows.
    EXPECT_EQ(net_tcp_listen(l, 1), -EINVAL); // already listening
    refuse_256 = 1;
    for (int i = 0; i < 30; i++)
        c[i] = handshake(l, (uint16_t)(3000 + i), &iss_c[i]);
    EXPECT_EQ(b->ifp->tcp_conns.count, 30);
    EXPECT_EQ(b->ifp->tcp_conns.mask + 1, 16);
    for (int i = 0; i < 30; i++) {
        char data[8];
        snprintf(data, sizeof(data), "c%d", i);
        in((uint16_t)(3000 + i), 1001, iss_c[i] + 1, ACK | PSH, data);
    }
    for (int i = 0; i < 30; i++) {
        char want[8];
        snprintf(want, sizeof(want), "c%d", i);
        memset(buf, 0, sizeof(buf));
        EXPECT_EQ(net_tcp_recv(c[i], buf, sizeof(buf) - 1), (int)strlen(want));
        EXPECT(strcmp(buf, want) == 0);
    }
    refuse_256 = 0;
    s = handshake(l, 3030, &iss);
    EXPECT_EQ(b->ifp->tcp_conns.mask + 1, 32);
    EXPECT_EQ(st->tcp_sockets, 32);
    bed_del(b);
    return bed_done();
}
