// TCP on a lossy network, byte-exact against a scripted peer: window
// scale negotiation (RFC 7323), the retransmission timer with its back-off
// and Karn's rule (RFC 6298), fast retransmit on three duplicate ACKs with
// limited transmit and NewReno recovery (RFC 5681, 3042, 6582), zero-
// window probes, keep-alive, and ICMP unreachable failing a connect.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define SEC 1000000000ull
#define MS  1000000ull

static struct bed *b;
static const struct net_stats *st;
static uint8_t f[1600];
static unsigned events;
static uint8_t data[16384];

static void on_event(void *arg, struct net_tcp *s, unsigned ev)
{
    events |= ev;
}

static void ack(uint16_t lp, uint32_t seq, uint32_t a, uint16_t wnd)
{
    b->nframes = 0;
    net_if_input(b->ifp, f, build_tcp(f, 80, lp, seq, a, ACK, wnd, 0, NULL, 0));
}

// The peer takes everything (total bytes were sent), we close, it
// acknowledges our FIN and sends its own: s ends in TIME-WAIT.
static void finish(struct net_tcp *s, uint16_t lp, uint32_t iss, uint32_t total)
{
    for (int i = 0; i < 100 && b->nframes; i++)
        ack(lp, 5001,
            out_tcp(b, b->nframes - 1).seq +
                (uint32_t)out_tcp(b, b->nframes - 1).len,
            100);
    ack(lp, 5001, iss + 1 + total, 100);
    net_tcp_close(s);
    EXPECT(out_tcp(b, 0).flags == (FIN | ACK) &&
           out_tcp(b, 0).seq == iss + 1 + total);
    ack(lp, 5001, iss + 2 + total, 100);
    net_if_input(b->ifp, f,
                 build_tcp(f, 80, lp, 5001, iss + 2 + total, FIN | ACK, 100, 0,
                           NULL, 0));
    EXPECT_EQ(net_tcp_state(s), NET_TCP_TIME_WAIT);
}

// Connects with a SYN-ACK carrying MSS 1000 and window scale 7; returns
// the socket, our ISN and local port.
static struct net_tcp *connected(uint32_t *iss, uint16_t *lp)
{
    static const uint8_t opts[8] = {2, 4, 0x03, 0xe8, 1, 3, 3, 7};
    struct net_tcp *s;
    const uint8_t *t;
    struct out_seg o;

    b->nframes = 0;
    EXPECT_EQ(net_tcp_open(b->ifp, &s), 0);
    net_tcp_on_event(s, on_event, NULL);
    EXPECT_EQ(net_tcp_connect(s, PEER_IP, 80), 0);
    o = out_tcp(b, 0);
    t = b->frame[0] + 34;
    // SYN options: MSS 1460, NOP, window scale 1 (64 KiB needs 17 bits).
    EXPECT_EQ(t[12] >> 4, 7);
    EXPECT(!memcmp(t + 20, "\x02\x04\x05\xb4\x01\x03\x03\x01", 8));
    EXPECT_EQ(o.wnd, 65535); // a SYN's window is not scaled
    *iss = o.seq;
    *lp = o.sport;
    b->nframes = 0;
    net_if_input(b->ifp, f,
                 build_tcp_opts(f, 80, *lp, 5000, *iss + 1, SYN | ACK, 1000,
                                opts, sizeof(opts), NULL, 0));
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == ACK && o.ack == 5001);
    EXPECT_EQ(o.wnd, 32768); // 65536 >> 1
    return s;
}

// The handshake measured an RTT of 0, so the RTO is its 200 ms floor;
// each timeout doubles it, and an ACK after a retransmission gives no
// sample (Karn), so the doubled value stays.
static void retransmit_timer(void)
{
    uint32_t iss;
    uint16_t lp;
    struct net_tcp *s = connected(&iss, &lp);

    ack(lp, 5001, iss + 1, 100); // 100 << 7 = 12800 bytes of window
    EXPECT_EQ(net_tcp_send(s, data, 1000), 1000);
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(net_if_deadline(b->ifp), b->now + 200 * MS);
    bed_advance(b, 200 * MS - 1);
    EXPECT_EQ(b->nframes, 1);
    b->nframes = 0;
    bed_advance(b, 1);
    EXPECT_EQ(b->nframes, 1);
    EXPECT(out_tcp(b, 0).seq == iss + 1 && out_tcp(b, 0).len == 1000);
    b->nframes = 0;
    bed_advance(b, 400 * MS - 1);
    EXPECT_EQ(b->nframes, 0);
    bed_advance(b, 1);
    EXPECT(out_tcp(b, 0).seq == iss + 1 && out_tcp(b, 0).len == 1000);
    EXPECT_EQ(st->tcp_rexmt, 2);
    ack(lp, 5001, iss + 1001, 100);
    EXPECT_EQ(net_tcp_send(s, data, 10), 10);
    EXPECT_EQ(net_if_deadline(b->ifp), b->now + 800 * MS); // still backed off
    ack(lp, 5001, iss + 1011, 100);
    net_tcp_close(s);
    ack(lp, 5001, iss + 1012, 100);
    net_if_input(
        b->ifp, f,
        build_tcp(f, 80, lp, 5001, iss + 1012, FIN | ACK, 100, 0, NULL, 0));
}

// Segments of 1000 bytes; cwnd starts at 4. Segment 2 is lost: the
// first two duplicate ACKs each send a new segment, the third resends
// segment 2; a partial ACK resends the next hole, a full one ends it.
static void fast_retransmit(void)
{
    uint32_t iss, a;
    uint16_t lp;
    struct net_tcp *s = connected(&iss, &lp);

    ack(lp, 5001, iss + 1, 100);
    EXPECT_EQ(net_tcp_send(s, data, 12000), 12000);
    EXPECT_EQ(b->nframes, 4); // initial window: 4 * 1000
    for (int i = 0; i < 4; i++)
        EXPECT_EQ(out_tcp(b, i).seq, iss + 1 + 1000 * i);
    a = iss + 1001;
    ack(lp, 5001, a, 100); // segment 1 arrived: cwnd 5000
    EXPECT_EQ(b->nframes, 2);
    EXPECT_EQ(out_tcp(b, 1).seq, iss + 1 + 5000);
    ack(lp, 5001, a, 100);    // segment 2 lost; 3 arrived
    EXPECT_EQ(b->nframes, 1); // limited transmit: segment 7
    EXPECT_EQ(out_tcp(b, 0).seq, iss + 1 + 6000);
    ack(lp, 5001, a, 100);
    EXPECT_EQ(out_tcp(b, 0).seq, iss + 1 + 7000); // segment 8
    ack(lp, 5001, a, 100);                        // the third: fast retransmit
    EXPECT_EQ(st->tcp_fast_rexmt, 1);
    EXPECT(out_tcp(b, 0).seq == a && out_tcp(b, 0).len == 1000);
    EXPECT_EQ(b->nframes, 1);
    ack(lp, 5001, a, 100); // inflation: no new segment yet (8000 out)
    // Partial ACK: 2..4 arrived, 5 was lost too: resent at once.
    ack(lp, 5001, iss + 4001, 100);
    EXPECT(out_tcp(b, 0).seq == iss + 4001 && out_tcp(b, 0).len == 1000);
    // The partial ACK deflated cwnd and let segment 9 out.
    EXPECT(b->nframes == 2 && out_tcp(b, 1).seq == iss + 8001);
    // Full ACK of everything up to recover: recovery ends.
    ack(lp, 5001, iss + 8001, 100);
    EXPECT(b->nframes >= 1 && out_tcp(b, 0).seq == iss + 9001);
    EXPECT_EQ(st->tcp_fast_rexmt, 1);
    finish(s, lp, iss, 12000);
}

// A shut window: probes of one byte with back-off, until it opens.
static void zero_window(void)
{
    uint32_t iss;
    uint16_t lp;
    struct net_tcp *s = connected(&iss, &lp);

    ack(lp, 5001, iss + 1, 0);
    EXPECT_EQ(net_tcp_send(s, data, 100), 100);
    EXPECT_EQ(b->nframes, 0);
    b->nframes = 0;
    bed_advance(b, 200 * MS);
    EXPECT_EQ(b->nframes, 1);
    EXPECT(out_tcp(b, 0).seq == iss + 1 && out_tcp(b, 0).len == 1);
    ack(lp, 5001, iss + 1, 0); // still shut
    bed_advance(b, 400 * MS - 1);
    EXPECT_EQ(b->nframes, 0);
    bed_advance(b, 1);
    EXPECT(out_tcp(b, 0).seq == iss + 1 && out_tcp(b, 0).len == 1);
    ack(lp, 5001, iss + 2, 100); // the probe byte went in; open
    EXPECT(out_tcp(b, 0).seq == iss + 2 && out_tcp(b, 0).len == 99);
    ack(lp, 5001, iss + 101, 100);
    net_tcp_close(s);
    ack(lp, 5001, iss + 102, 100);
    net_if_input(
        b->ifp, f,
        build_tcp(f, 80, lp, 5001, iss + 102, FIN | ACK, 100, 0, NULL, 0));
}

// 120 s idle, then a probe (an old sequence number) every 15 s; 9
// unanswered probes end the connection with ETIMEDOUT.
static void keepalive(void)
{
    uint32_t iss;
    uint16_t lp;
    struct net_tcp *s = connected(&iss, &lp);

    EXPECT_EQ(net_tcp_setopt(s, NET_TCP_OPT_KEEPALIVE, 1), 0);
    for (int round = 0; round < 2; round++) {
        ack(lp, 5001, iss + 1, 100); // idle from now
        bed_advance(b, 119 * SEC);
        bed_learn_peer(b); // the neighbour entry aged out meanwhile
        bed_advance(b, SEC - 1);
        EXPECT_EQ(b->nframes, 0);
        bed_advance(b, 1);
        EXPECT(out_tcp(b, 0).seq == iss && out_tcp(b, 0).len == 0 &&
               out_tcp(b, 0).flags == ACK);
    }
    events = 0; // the second probe goes unanswered, and 8 more
    for (int i = 0; i < 9; i++) {
        bed_learn_peer(b);
        bed_advance(b, 15 * SEC);
    }
    EXPECT_EQ(events, NET_TCP_EV_ERROR);
    EXPECT_EQ(net_tcp_error(s), -ETIMEDOUT);
    net_tcp_close(s);
}

// An ICMP destination unreachable quoting our SYN.
static void unreachable(uint8_t code, int err)
{
    struct net_tcp *s;
    uint8_t icmp[8 + 20 + 8] = {3, code};
    struct out_seg o;

    b->nframes = 0;
    EXPECT_EQ(net_tcp_open(b->ifp, &s), 0);
    net_tcp_on_event(s, on_event, NULL);
    EXPECT_EQ(net_tcp_connect(s, PEER_IP, 99), 0);
    o = out_tcp(b, 0);
    memcpy(icmp + 8, b->frame[0] + 14, 28); // IP header + 8 bytes of TCP
    put16be(icmp + 2, net_checksum(icmp, sizeof(icmp)));
    events = 0;
    net_if_input(b->ifp, f,
                 build_ip(f, PEER_IP, OUR_IP, 1, 7, 0, icmp, sizeof(icmp)));
    EXPECT_EQ(events, NET_TCP_EV_ERROR);
    EXPECT_EQ(net_tcp_error(s), err);
    EXPECT_EQ(net_tcp_state(s), NET_TCP_CLOSED);
    EXPECT(o.ok);
    net_tcp_close(s);
}

int main(void)
{
    b = bed_new();
    st = net_if_stats(b->ifp);
    bed_learn_peer(b);
    retransmit_timer();
    fast_retransmit();
    zero_window();
    bed_advance(b, 20 * SEC); // TIME-WAITs end
    bed_learn_peer(b);
    keepalive();
    bed_learn_peer(b);
    unreachable(3, -ECONNREFUSED);
    unreachable(1, -EHOSTUNREACH);
    EXPECT_EQ(st->tcp_icmp_errors, 2);
    bed_advance(b, 20 * SEC); // TIME-WAITs end
    EXPECT_EQ(b->blocks, 0);
    return bed_done();
}
