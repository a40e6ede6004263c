// TCP: connect and its failures (refused, timed out), resets in and out
// (closed ports, RFC 5961 challenge ACKs, exact RSTs), the SYN backlog
// bound, a repeated SYN, the peer's MSS and window, our receive window
// filling and reopening, and checksum or header errors.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define SEC 1000000000ull

static struct bed *b;
static const struct net_stats *st;
static uint8_t f[1600];
static unsigned events;

static void on_event(void *arg, struct net_tcp *s, unsigned ev)
{
    events |= ev;
}

static void seg(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack,
                uint8_t flags, uint16_t wnd, uint16_t mss, const void *data,
                size_t len)
{
    b->nframes = 0;
    events = 0;
    net_if_input(
        b->ifp, f,
        build_tcp(f, sport, dport, seq, ack, flags, wnd, mss, data, len));
}

static struct net_tcp *connected(uint16_t mss, uint16_t wnd, uint32_t *iss,
                                 uint16_t *lport)
{
    struct net_tcp *s;
    struct out_seg o;

    b->nframes = 0;
    EXPECT_EQ(net_tcp_open(b->ifp, &s), 0);
    net_tcp_on_event(s, on_event, NULL);
    EXPECT_EQ(net_tcp_setopt(s, NET_TCP_OPT_RCVBUF, 8192), 0);
    EXPECT_EQ(net_tcp_getopt(s, NET_TCP_OPT_RCVBUF), 8192);
    EXPECT_EQ(net_tcp_connect(s, PEER_IP, 80), 0);
    EXPECT_EQ(net_tcp_setopt(s, NET_TCP_OPT_RCVBUF, 4096), -EINVAL);
    EXPECT_EQ(net_tcp_state(s), NET_TCP_SYN_SENT);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == SYN && o.mss == 1460 && o.dport == 80);
    EXPECT(o.sport >= 49152);
    *iss = o.seq;
    *lport = o.sport;
    seg(80, o.sport, 5000, o.seq + 1, SYN | ACK, wnd, mss, NULL, 0);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == ACK && o.ack == 5001 && o.seq == *iss + 1);
    EXPECT_EQ(events, NET_TCP_EV_CONNECTED | NET_TCP_EV_WRITABLE);
    EXPECT_EQ(net_tcp_state(s), NET_TCP_ESTABLISHED);
    return s;
}

static void mss_and_window(void)
{
    static char data[250];
    uint32_t iss;
    uint16_t lp;
    struct net_tcp *s = connected(100, 120, &iss, &lp);

    b->nframes = 0;
    EXPECT_EQ(net_tcp_send(s, data, sizeof(data)), 250);
    // 100; the 20 bytes left in the window would be a silly segment
    // (less than half the largest window, RFC 9293 3.8.6.2.1).
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(out_tcp(b, 0).len, 100);
    seg(80, lp, 5001, iss + 101, ACK, 120, 0, NULL, 0);
    EXPECT_EQ(b->nframes, 1); // 100 more, 20 held again
    EXPECT_EQ(out_tcp(b, 0).len, 100);
    EXPECT_EQ(out_tcp(b, 0).seq, iss + 101);
    EXPECT_EQ(events, NET_TCP_EV_WRITABLE);
    seg(80, lp, 5001, iss + 201, ACK, 8192, 0, NULL, 0);
    EXPECT_EQ(b->nframes, 1); // the last 50: nothing is unacknowledged
    EXPECT_EQ(out_tcp(b, 0).len, 50);
    seg(80, lp, 5001, iss + 251, ACK, 8192, 0, NULL, 0);
    // An ACK for bytes never sent is answered, not believed. Such answers
    // go at most every 500 ms (test/net/tcp-rfc5961-blind-attacks.c).
    seg(80, lp, 5001, iss + 1000, ACK, 8192, 0, NULL, 0);
    EXPECT_EQ(st->tcp_bad_ack, 1);
    EXPECT_EQ(out_tcp(b, 0).ack, 5001);
    EXPECT_EQ(st->tcp_challenge_ack, 1);
    bed_advance(b, SEC / 2);

    // RST handling: in the window but not exact -> challenge ACK.
    seg(80, lp, 5003, 0, RST, 0, 0, NULL, 0);
    EXPECT_EQ(st->tcp_challenge_ack, 2);
    EXPECT(out_tcp(b, 0).ok && out_tcp(b, 0).flags == ACK);
    bed_advance(b, SEC / 2);
    // A SYN on an established connection: challenge ACK too.
    seg(80, lp, 5001, 0, SYN, 8192, 0, NULL, 0);
    EXPECT_EQ(st->tcp_challenge_ack, 3);
    EXPECT_EQ(net_tcp_state(s), NET_TCP_ESTABLISHED);
    // Outside the window: dropped with an ACK.
    seg(80, lp, 5001 + 100000, iss + 1, ACK, 8192, 0, "x", 1);
    EXPECT_EQ(st->tcp_bad_seq, 1);
    // The exact RST resets; the error sticks.
    seg(80, lp, 5001, 0, RST, 0, 0, NULL, 0);
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(events, NET_TCP_EV_ERROR);
    EXPECT_EQ(net_tcp_error(s), -ECONNRESET);
    EXPECT_EQ(net_tcp_state(s), NET_TCP_CLOSED);
    EXPECT_EQ(net_tcp_recv(s, data, 10), -ECONNRESET);
    EXPECT_EQ(net_tcp_send(s, data, 10), -ECONNRESET);
    net_tcp_close(s);
}

static void refused_and_timeout(void)
{
    struct net_tcp *s;
    struct out_seg o;

    b->nframes = 0;
    EXPECT_EQ(net_tcp_open(b->ifp, &s), 0);
    net_tcp_on_event(s, on_event, NULL);
    EXPECT_EQ(net_tcp_connect(s, PEER_IP, 81), 0);
    EXPECT_EQ(net_tcp_connect(s, PEER_IP, 81), -EISCONN);
    o = out_tcp(b, 0);
    // A RST whose ACK is wrong is ignored (blind reset protection).
    seg(81, o.sport, 0, o.seq + 7, RST | ACK, 0, 0, NULL, 0);
    EXPECT_EQ(net_tcp_state(s), NET_TCP_SYN_SENT);
    seg(81, o.sport, 0, o.seq + 1, RST | ACK, 0, 0, NULL, 0);
    EXPECT_EQ(events, NET_TCP_EV_ERROR);
    EXPECT_EQ(net_tcp_error(s), -ECONNREFUSED);
    net_tcp_close(s);

    EXPECT_EQ(net_tcp_open(b->ifp, &s), 0);
    net_tcp_on_event(s, on_event, NULL);
    EXPECT_EQ(net_tcp_connect(s, PEER_IP, 82), 0);
    o = out_tcp(b, 0);
    events = 0;
    // The SYN goes again after 1, 2, 4, 8, 16 s (RFC 6298 back-off);
    // 32 s after the last one, connect gives up.
    for (uint64_t wait = SEC; wait <= 16 * SEC; wait *= 2) {
        bed_learn_peer(b); // keep the neighbour entry fresh
        bed_advance(b, wait - 1);
        EXPECT_EQ(b->nframes, 0);
        bed_advance(b, 1);
        EXPECT_EQ(b->nframes, 1);
        EXPECT(out_tcp(b, 0).flags == SYN && out_tcp(b, 0).seq == o.seq);
    }
    EXPECT_EQ(st->tcp_rexmt, 5);
    bed_advance(b, 32 * SEC - 1);
    EXPECT_EQ(events, 0);
    bed_advance(b, 1);
    EXPECT_EQ(events, NET_TCP_EV_ERROR);
    EXPECT_EQ(net_tcp_error(s), -ETIMEDOUT);
    net_tcp_close(s);
    bed_learn_peer(b);
}

static void closed_ports(void)
{
    struct out_seg o;

    seg(1234, 81, 777, 0, SYN, 8192, 1460, NULL, 0);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == (RST | ACK) && o.seq == 0 && o.ack == 778);
    seg(1234, 81, 777, 4242, ACK, 8192, 0, "data", 4);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == RST && o.seq == 4242);
    seg(1234, 81, 777, 4242, RST, 8192, 0, NULL, 0);
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(st->tcp_no_port, 3);
    EXPECT_EQ(st->tcp_rst_tx, 2);
}

static void backlog(void)
{
    struct net_tcp *l, *c;
    uint32_t iss, cookie;
    char buf[16];

    EXPECT_EQ(net_tcp_open(b->ifp, &l), 0);
    EXPECT_EQ(net_tcp_bind(l, 80), 0);
    EXPECT_EQ(net_tcp_listen(l, 2), 0);
    seg(2000, 80, 100, 0, SYN, 8192, 0, NULL, 0);
    EXPECT_EQ(b->nframes, 1);
    iss = out_tcp(b, 0).seq;
    EXPECT_EQ(out_tcp(b, 0).mss, 1460);
    seg(2001, 80, 100, 0, SYN, 8192, 0, NULL, 0);
    EXPECT_EQ(b->nframes, 1);
    // The SYN queue is full: a SYN cookie answers, no state is kept.
    seg(2002, 80, 100, 0, SYN, 8192, 1460, NULL, 0);
    EXPECT_EQ(b->nframes, 1);
    EXPECT(out_tcp(b, 0).flags == (SYN | ACK) && out_tcp(b, 0).ack == 101);
    EXPECT_EQ(st->tcp_syn_cookies_sent, 1);
    cookie = out_tcp(b, 0).seq;
    seg(2002, 80, 101, cookie + 2, ACK, 8192, 0, NULL, 0); // a bad one
    EXPECT(out_tcp(b, 0).flags == RST);
    seg(2002, 80, 101, cookie + 1, ACK, 8192, 0, "GET", 3);
    EXPECT_EQ(st->tcp_syn_cookies_ok, 1);
    EXPECT_EQ(net_tcp_accept(l, &c), 0);
    EXPECT_EQ(net_tcp_state(c), NET_TCP_ESTABLISHED);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 3);
    b->nframes = 0;
    EXPECT_EQ(net_tcp_send(c, "200", 3), 3);
    EXPECT(out_tcp(b, 0).seq == cookie + 1 && out_tcp(b, 0).ack == 104);
    net_tcp_close(c);
    // The first peer lost our SYN-ACK and repeats its SYN.
    seg(2000, 80, 100, 0, SYN, 8192, 0, NULL, 0);
    EXPECT(out_tcp(b, 0).ok && out_tcp(b, 0).flags == (SYN | ACK));
    EXPECT_EQ(out_tcp(b, 0).seq, iss);
    // A wrong ACK in SYN-RECEIVED is reset.
    seg(2000, 80, 101, iss + 5, ACK, 8192, 0, NULL, 0);
    EXPECT(out_tcp(b, 0).flags == RST && out_tcp(b, 0).seq == iss + 5);
    // A stray ACK to the listener is reset too.
    seg(2009, 80, 1, 99, ACK, 8192, 0, NULL, 0);
    EXPECT(out_tcp(b, 0).flags == RST && out_tcp(b, 0).seq == 99);
    // Half-open connections give up after 5 SYN-ACK retransmissions
    // (1+2+4+8+16+32 s) and free the backlog.
    for (int i = 0; i < 64; i++)
        bed_advance(b, SEC);
    bed_learn_peer(b);
    EXPECT_EQ(net_tcp_accept(l, &c), -EAGAIN);
    seg(2003, 80, 100, 0, SYN, 8192, 0, NULL, 0);
    iss = out_tcp(b, 0).seq;
    EXPECT(out_tcp(b, 0).flags == (SYN | ACK));
    seg(2003, 80, 101, iss + 1, ACK, 8192, 0, NULL, 0);
    // Unaccepted children are reset when the listener closes.
    net_tcp_close(l);
    EXPECT(out_tcp(b, 0).flags == (RST | ACK));
}

static void receive_window(void)
{
    static uint8_t data[1460], buf[8192];
    uint32_t iss, seq = 5001;
    uint16_t lp;
    struct net_tcp *s = connected(1460, 8192, &iss, &lp);
    struct out_seg o;

    for (int i = 0; i < 5; i++) { // 5 * 1460 = 7300 of 8192
        seg(80, lp, seq, iss + 1, ACK, 8192, 0, data, 1460);
        seq += 1460;
        EXPECT_EQ(b->nframes, i % 2); // every second segment is ACKed
    }
    bed_advance(b, 40000000); // the delayed ACK for the fifth
    EXPECT_EQ(out_tcp(b, 0).wnd, 892);
    seg(80, lp, seq, iss + 1, ACK, 8192, 0, data, 1460); // 892 fit
    seq += 892;
    o = out_tcp(b, 0);
    EXPECT(o.ack == seq && o.wnd == 0);
    seg(80, lp, seq, iss + 1, ACK, 8192, 0, data, 10); // no room at all
    EXPECT_EQ(st->tcp_bad_seq, 2);
    EXPECT_EQ(out_tcp(b, 0).wnd, 0);
    b->nframes = 0;
    EXPECT_EQ(net_tcp_recv(s, buf, 4096), 4096);
    o = out_tcp(b, 0); // the window update
    EXPECT(o.ok && o.flags == ACK && o.wnd == 4096 && o.ack == seq);
    EXPECT_EQ(net_tcp_recv(s, buf, sizeof(buf)), 4096);
    net_tcp_close(s);
}

// Both ends send SYN at once (RFC 9293 figure 7); we close before the
// handshake ends, so the FIN follows as soon as our SYN is acknowledged.
static void simultaneous_open(void)
{
    struct net_tcp *s;
    struct out_seg o;
    uint32_t iss;
    uint16_t lp;

    b->nframes = 0;
    EXPECT_EQ(net_tcp_open(b->ifp, &s), 0);
    net_tcp_on_event(s, on_event, NULL);
    EXPECT_EQ(net_tcp_connect(s, PEER_IP, 80), 0);
    iss = out_tcp(b, 0).seq;
    lp = out_tcp(b, 0).sport;
    seg(80, lp, 9000, 0, SYN, 8192, 0, NULL, 0);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == (SYN | ACK) && o.seq == iss && o.ack == 9001);
    EXPECT_EQ(net_tcp_state(s), NET_TCP_SYN_RECEIVED);
    b->nframes = 0;
    net_tcp_close(s);
    EXPECT_EQ(b->nframes, 0); // nothing may follow an unacknowledged SYN
    seg(80, lp, 9001, iss + 1, ACK, 8192, 0, NULL, 0);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == (FIN | ACK) && o.seq == iss + 1);
    seg(80, lp, 9001, iss + 2, FIN | ACK, 8192, 0, NULL, 0);
    EXPECT_EQ(out_tcp(b, 0).ack, 9002); // TIME-WAIT
    bed_advance(b, 60 * SEC);
    bed_learn_peer(b);
}

static void bad_segments(void)
{
    seg(1234, 80, 1, 0, SYN, 8192, 0, NULL, 0);
    f[50] ^= 1; // corrupt the checksum
    net_if_input(b->ifp, f, 54);
    EXPECT_EQ(st->tcp_cksum, 1);
    build_tcp(f, 1234, 80, 1, 0, SYN, 8192, 0, NULL, 0);
    f[46] = 0xf0; // data offset 60 > segment
    net_if_input(b->ifp, f, 54);
    f[46] = 0x40; // data offset 16 < 20
    net_if_input(b->ifp, f, 54);
    EXPECT_EQ(st->tcp_malformed, 2);
}

int main(void)
{
    b = bed_new();
    st = net_if_stats(b->ifp);
    bed_learn_peer(b);
    mss_and_window();
    refused_and_timeout();
    closed_ports();
    backlog();
    receive_window();
    simultaneous_open();
    bad_segments();
    return bed_done();
}
