// TCP, passive side: a SYN to a listener gets a SYN-ACK with our MSS; the
// handshake's ACK makes the connection acceptable; data flows in order
// both ways with ACKs; out-of-order and duplicate bytes are handled; the
// peer's FIN reads as end of stream; our close sends FIN and frees the
// slot once acknowledged; an active close goes through TIME-WAIT.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define SEC   1000000000ull
#define RXBUF 8192 // the listener's receive buffer, inherited by children

static struct bed *b;
static uint8_t f[1600];
static unsigned events;

static void on_event(void *arg, struct net_tcp *s, unsigned ev)
{
    events |= ev;
}

static void in(uint16_t sport, uint32_t seq, uint32_t ack, uint8_t flags,
               const char *data)
{
    size_t len = data ? strlen(data) : 0;

    b->nframes = 0;
    events = 0;
    net_if_input(b->ifp, f,
                 build_tcp(f, sport, 80, seq, ack, flags, 8192,
                           flags & SYN ? 1460 : 0, data, len));
}

// Handshake from port sport with ISN 1000; returns the accepted child.
static struct net_tcp *handshake(struct net_tcp *l, uint16_t sport,
                                 uint32_t *iss)
{
    struct net_tcp *c = NULL;
    struct out_seg o;

    in(sport, 1000, 0, SYN, NULL);
    o = out_tcp(b, 0);
    EXPECT(o.ok);
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(o.flags, SYN | ACK);
    EXPECT_EQ(o.ack, 1001);
    EXPECT_EQ(o.sport, 80);
    EXPECT_EQ(o.dport, sport);
    EXPECT_EQ(o.mss, 1460);
    EXPECT_EQ(o.wnd, RXBUF);
    EXPECT_EQ(net_tcp_accept(l, &c), -EAGAIN); // half-open: not yet
    *iss = o.seq;
    in(sport, 1001, o.seq + 1, ACK, NULL);
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(events, NET_TCP_EV_ACCEPT);
    EXPECT_EQ(net_tcp_accept(l, &c), 0);
    EXPECT_EQ(net_tcp_state(c), NET_TCP_ESTABLISHED);
    net_tcp_on_event(c, on_event, NULL);
    return c;
}

static void data_and_passive_close(struct net_tcp *l)
{
    uint32_t iss, peer_addr;
    uint16_t peer_port;
    struct net_tcp *c = handshake(l, 40000, &iss);
    struct out_seg o;
    char buf[64];

    net_tcp_peer(c, &peer_addr, &peer_port);
    EXPECT_EQ(peer_addr, PEER_IP);
    EXPECT_EQ(peer_port, 40000);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), -EAGAIN);

    in(40000, 1001, iss + 1, ACK | PSH, "hello");
    EXPECT_EQ(b->nframes, 0); // a delayed ACK, 40 ms later
    EXPECT_EQ(net_if_deadline(b->ifp), b->now + 40000000);
    bed_advance(b, 40000000);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == ACK && o.ack == 1006 && o.seq == iss + 1);
    EXPECT_EQ(o.wnd, RXBUF - 5);
    EXPECT_EQ(events, NET_TCP_EV_READABLE);
    EXPECT_EQ(net_tcp_recv(c, buf, 3), 3);
    EXPECT(!memcmp(buf, "hel", 3));

    // A segment after a hole: held, with an immediate duplicate ACK.
    in(40000, 1008, iss + 1, ACK, "!!");
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.ack == 1006 && o.len == 0);
    EXPECT_EQ(events, 0);
    EXPECT_EQ(net_if_stats(b->ifp)->tcp_out_of_order, 1);

    // Overlapping the old bytes: only the new part is taken, and it
    // fills the hole, so the held bytes follow; ACKed at once.
    in(40000, 1003, iss + 1, ACK, "llo, ");
    EXPECT_EQ(out_tcp(b, 0).ack, 1010);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 6);
    EXPECT(!memcmp(buf, "lo, !!", 6));

    // Our data; the peer acknowledges it.
    b->nframes = 0;
    EXPECT_EQ(net_tcp_send(c, "world", 5), 5);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.seq == iss + 1 && o.flags == (ACK | PSH));
    EXPECT(o.len == 5 && !memcmp(o.data, "world", 5));
    in(40000, 1010, iss + 6, ACK, NULL);
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(events, NET_TCP_EV_WRITABLE);

    // The peer's FIN: end of stream after the data.
    in(40000, 1010, iss + 6, FIN | ACK, "!");
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.ack == 1012 && o.flags == ACK);
    EXPECT_EQ(net_tcp_state(c), NET_TCP_CLOSE_WAIT);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 1);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 0);
    // A repeated FIN is acknowledged again, nothing more.
    in(40000, 1011, iss + 6, FIN | ACK, NULL);
    EXPECT(out_tcp(b, 0).ack == 1012);

    // We may still send in CLOSE-WAIT, then close: FIN after the data.
    b->nframes = 0;
    EXPECT_EQ(net_tcp_send(c, "bye", 3), 3);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.seq == iss + 6 && o.len == 3);
    b->nframes = 0;
    net_tcp_close(c);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == (FIN | ACK) && o.seq == iss + 9);
    in(40000, 1012, iss + 10, ACK, NULL);
    EXPECT_EQ(b->nframes, 0);
}

static void active_close(struct net_tcp *l)
{
    uint32_t iss;
    struct net_tcp *c = handshake(l, 40001, &iss);
    struct out_seg o;

    b->nframes = 0;
    net_tcp_close(c); // c now belongs to the stack
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == (FIN | ACK) && o.seq == iss + 1);
    in(40001, 1001, iss + 2, ACK, NULL); // FIN-WAIT-2
    in(40001, 1001, iss + 2, FIN | ACK, NULL);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == ACK && o.ack == 1002);       // TIME-WAIT
    EXPECT_EQ(net_if_deadline(b->ifp), b->now + 10 * SEC); // see net.h
    bed_advance(b, 10 * SEC);
    // Only the neighbour entry's expiry is left (learnt at 1 s, 60 s).
    EXPECT_EQ(net_if_deadline(b->ifp), 61 * SEC);
    bed_learn_peer(b);
    // The same port pair works again once TIME-WAIT ended.
    c = handshake(l, 40001, &iss);
    net_tcp_close(c);
    in(40001, 1001, iss + 2, RST, NULL); // reset instead of FIN: freed
}

// Only the listener and its port's entry are left: no leaked
// connections, and every connection's buffers came back.
static void all_free(void)
{
    EXPECT_EQ(b->allocs, 2);
    EXPECT_EQ(b->blocks, 0);
}

int main(void)
{
    struct net_tcp *l;

    b = bed_new();
    bed_learn_peer(b);
    EXPECT_EQ(net_tcp_open(b->ifp, &l), 0);
    EXPECT_EQ(net_tcp_listen(l, 4), -EINVAL); // not bound
    EXPECT_EQ(net_tcp_bind(l, 80), 0);
    EXPECT_EQ(net_tcp_setopt(l, NET_TCP_OPT_RCVBUF, RXBUF), 0);
    EXPECT_EQ(net_tcp_listen(l, 4), 0);
    net_tcp_on_event(l, on_event, NULL);
    data_and_passive_close(l);
    active_close(l);
    all_free();
    return bed_done();
}
