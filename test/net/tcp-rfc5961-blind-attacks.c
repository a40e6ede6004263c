// RFC 5961's defences against blind in-window attacks, from forged
// segments that have the connection's ports and a right or guessed
// sequence number: a RST resets only at exactly RCV.NXT (elsewhere in the
// window it draws a challenge ACK, outside it is dropped); a SYN on a
// synchronized connection draws a challenge ACK and resets nothing; an ACK
// is acceptable only within [SND.UNA - MAX.SND.WND, SND.NXT], so data
// injected at the right SEQ with an ACK far below SND.UNA is dropped, and
// an ACK of data never sent is answered and dropped. Challenge ACKs go at
// most once per 500 ms per connection, within a per-second budget for the
// interface that is drawn anew each second (CVE-2016-5696).
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define SEC   1000000000ull
#define MS    1000000ull
#define RXBUF 8192 // our receive window, inherited from the listener

static struct bed *b, *first;
static const struct net_stats *st;
static struct net_tcp *l;
static uint8_t f[1600];
static unsigned events;

// One connection accepted from the peer's port: what each side has sent.
struct conn {
    struct net_tcp *c;
    uint16_t port;
    uint16_t wnd; // the window field the peer sends
    uint32_t rcv; // the peer's next sequence number: our RCV.NXT
    uint32_t nxt; // our SND.NXT; the peer has acknowledged all of it
};

static void on_event(void *arg, struct net_tcp *s, unsigned ev)
{
    events |= ev;
}

static void in_opts(uint16_t port, uint32_t seq, uint32_t ack, uint8_t flags,
                    uint16_t wnd, const uint8_t *opts, size_t olen,
                    const char *data)
{
    b->nframes = 0;
    events = 0;
    net_if_input(b->ifp, f,
                 build_tcp_opts(f, port, 80, seq, ack, flags, wnd, opts, olen,
                                data, data ? strlen(data) : 0));
}

static void in_wnd(const struct conn *k, uint32_t seq, uint32_t ack,
                   uint8_t flags, uint16_t wnd, const char *data)
{
    static const uint8_t none[1]; // build_tcp_opts copies 0 bytes from it

    in_opts(k->port, seq, ack, flags, wnd, none, 0, data);
}

static void in(const struct conn *k, uint32_t seq, uint32_t ack, uint8_t flags,
               const char *data)
{
    in_wnd(k, seq, ack, flags, k->wnd, data);
}

// Exactly one segment went out, a bare ACK of what k has taken in order:
// the challenge ACK (RFC 5961 3.2), which has no other form.
static bool challenged(const struct conn *k)
{
    struct out_seg o = out_tcp(b, 0);

    return b->nframes == 1 && o.ok && o.flags == ACK && o.len == 0 &&
           o.dport == k->port && o.seq == k->nxt && o.ack == k->rcv;
}

// A handshake from port with ISN 1000. scale: the SYN offers window scale
// 7 and the peer then advertises 1000 << 7 = 128000 bytes; else 8192.
static struct conn handshake(uint16_t port, bool scale)
{
    static const uint8_t opts[8] = {2, 4, 0x05, 0xb4, 1, 3, 3, 7};
    struct conn k = {.port = port, .wnd = scale ? 1000 : 8192, .rcv = 1001};
    const uint8_t *t = b->frame[0] + 34;
    struct out_seg o;

    in_opts(port, 1000, 0, SYN, scale ? 65535 : 8192, opts, scale ? 8 : 4,
            NULL);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == (SYN | ACK) && o.ack == 1001);
    // Scaling is on only if both SYNs carry the option (RFC 7323 1.3), so
    // ours carries it, shift 0 for our 8 KiB, whenever the peer's did.
    EXPECT_EQ(t[12] >> 4, scale ? 7 : 6);
    if (scale)
        EXPECT(!memcmp(t + 24, "\x01\x03\x03\x00", 4));
    k.nxt = o.seq + 1;
    in(&k, 1001, k.nxt, ACK, NULL);
    EXPECT_EQ(events, NET_TCP_EV_ACCEPT);
    EXPECT_EQ(net_tcp_accept(l, &k.c), 0);
    net_tcp_on_event(k.c, on_event, NULL);
    return k;
}

// We send text; the peer acknowledges it, so SND.UNA = SND.NXT moves on.
static void send_acked(struct conn *k, const char *text)
{
    uint32_t n = (uint32_t)strlen(text);

    b->nframes = 0;
    EXPECT_EQ(net_tcp_send(k->c, text, n), n);
    EXPECT(out_tcp(b, 0).seq == k->nxt && out_tcp(b, 0).len == n);
    k->nxt += n;
    in(k, k->rcv, k->nxt, ACK, NULL);
    EXPECT_EQ(b->nframes, 0);
}

// Data arrived in order and was taken (a delayed ACK, nothing at once).
static void taken(struct conn *k, const char *text)
{
    char buf[64];
    size_t n = strlen(text);

    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(events, NET_TCP_EV_READABLE);
    EXPECT_EQ(net_tcp_recv(k->c, buf, sizeof(buf)), n);
    EXPECT(!memcmp(buf, text, n));
    k->rcv += (uint32_t)n;
}

// Nothing was delivered, and the connection is still there.
static void nothing_taken(const struct conn *k)
{
    char buf[64];

    EXPECT_EQ(events, 0);
    EXPECT_EQ(net_tcp_recv(k->c, buf, sizeof(buf)), -EAGAIN);
    EXPECT_EQ(net_tcp_state(k->c), NET_TCP_ESTABLISHED);
}

#define DELTA(field) (st->field - s0.field)

// The attack as reported: the right SEQ, a request as payload, an ACK
// 2^30 or 2^20 below SND.UNA (the attacker guessed only the sequence
// number). Nothing is delivered, not even a FIN; the challenge ACK tells
// the real peer where we are, and its own segment is taken.
static void blind_data_injection(void)
{
    struct conn k = handshake(40001, false);
    struct net_stats s0;

    send_acked(&k, "HTTP/1.0 200 OK\r\n");
    s0 = *st;
    in(&k, k.rcv, k.nxt - (1u << 30), ACK | PSH, "GET /admin HTTP/1.0\r\n");
    EXPECT(challenged(&k));
    nothing_taken(&k);
    in(&k, k.rcv, k.nxt - (1u << 20), ACK | PSH, "GET /admin HTTP/1.0\r\n");
    EXPECT_EQ(b->nframes, 0); // within 500 ms of the last one: held back
    nothing_taken(&k);
    in(&k, k.rcv, k.nxt - (1u << 20), ACK | FIN, NULL);
    EXPECT_EQ(b->nframes, 0);
    nothing_taken(&k);
    bed_advance(b, 500 * MS);
    in(&k, k.rcv, k.nxt - (1u << 20), ACK | PSH, "GET /admin HTTP/1.0\r\n");
    EXPECT(challenged(&k));
    nothing_taken(&k);
    EXPECT_EQ(DELTA(tcp_challenge_ack), 2);
    EXPECT_EQ(DELTA(tcp_challenge_ack_limited), 2);
    EXPECT_EQ(DELTA(tcp_bad_ack), 4);
    in(&k, k.rcv, k.nxt, ACK | PSH, "GET / HTTP/1.0\r\n");
    taken(&k, "GET / HTTP/1.0\r\n");
}

// An old ACK within MAX.SND.WND (8192) of SND.UNA is a duplicate: its data
// is taken, the window it carries is not (RFC 9293 3.10.7.4). The edge is
// exact: SND.UNA - MAX.SND.WND is in, one below is out.
static void old_ack_within_max_window(void)
{
    struct conn k = handshake(40002, false);
    struct net_stats s0;

    send_acked(&k, "0123456789");
    s0 = *st;
    in(&k, k.rcv, k.nxt - 10, ACK | PSH, "abc");
    taken(&k, "abc");
    in_wnd(&k, k.rcv, k.nxt - 8192, ACK | PSH, 0, "def");
    taken(&k, "def");
    send_acked(&k, "x"); // the old ACK's zero window was not taken
    in(&k, k.rcv, k.nxt - 8193, ACK | PSH, "ghi");
    EXPECT(challenged(&k));
    nothing_taken(&k);
    EXPECT_EQ(DELTA(tcp_challenge_ack), 1);
}

// MAX.SND.WND is the largest window the peer offered, scaled (RFC 7323):
// 1000 << 7 here. It stays when the window shrinks, so an ACK 100000 below
// SND.UNA is still a duplicate, and 128001 below is not acceptable.
static void scaled_max_window(void)
{
    struct conn k = handshake(40003, true);

    send_acked(&k, "hello");
    in_wnd(&k, k.rcv, k.nxt, ACK, 10, NULL); // 1280 bytes now
    in(&k, k.rcv, k.nxt - 100000, ACK | PSH, "abc");
    taken(&k, "abc");
    in(&k, k.rcv, k.nxt - 128000, ACK | PSH, "def");
    taken(&k, "def");
    in(&k, k.rcv, k.nxt - 128001, ACK | PSH, "ghi");
    EXPECT(challenged(&k));
    nothing_taken(&k);
}

// An ACK of data never sent is answered with an ACK and dropped with its
// data (RFC 9293 3.10.7.4, RFC 5961 5.2); the answer is rate-limited like
// a challenge ACK, as Linux's tcp_invalid_ratelimit does.
static void ack_beyond_snd_nxt(void)
{
    struct conn k = handshake(40004, false);
    struct net_stats s0;

    send_acked(&k, "hello");
    s0 = *st;
    in(&k, k.rcv, k.nxt + 1, ACK | PSH, "abc");
    EXPECT(challenged(&k));
    nothing_taken(&k);
    in(&k, k.rcv, k.nxt + 100000, ACK | PSH, "abc");
    EXPECT_EQ(b->nframes, 0);
    nothing_taken(&k);
    EXPECT_EQ(DELTA(tcp_bad_ack), 2);
    EXPECT_EQ(DELTA(tcp_challenge_ack), 1);
    EXPECT_EQ(DELTA(tcp_challenge_ack_limited), 1);
    in(&k, k.rcv, k.nxt, ACK | PSH, "abc");
    taken(&k, "abc");
}

// RST (RFC 5961 3.2): outside the window dropped, in it a challenge ACK,
// at exactly RCV.NXT a reset, even while challenge ACKs are held back.
static void rst_rules(void)
{
    struct conn k = handshake(40005, false);
    struct net_stats s0 = *st;

    in(&k, k.rcv + RXBUF, 0, RST, NULL); // just past the window
    EXPECT_EQ(b->nframes, 0);
    nothing_taken(&k);
    in(&k, k.rcv - 1, 0, RST, NULL); // just below it
    EXPECT_EQ(b->nframes, 0);
    nothing_taken(&k);
    in(&k, k.rcv + RXBUF - 1, 0, RST, NULL); // its last byte
    EXPECT(challenged(&k));
    nothing_taken(&k);
    in(&k, k.rcv + 1, k.nxt, RST | ACK, NULL); // again within 500 ms
    EXPECT_EQ(b->nframes, 0);
    nothing_taken(&k);
    EXPECT_EQ(DELTA(tcp_bad_seq), 2);
    EXPECT_EQ(DELTA(tcp_rst_rx), 2);
    EXPECT_EQ(DELTA(tcp_challenge_ack), 1);
    EXPECT_EQ(DELTA(tcp_challenge_ack_limited), 1);
    in(&k, k.rcv, 0, RST, NULL);
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(events, NET_TCP_EV_ERROR);
    EXPECT_EQ(net_tcp_error(k.c), -ECONNRESET);
    EXPECT_EQ(net_tcp_state(k.c), NET_TCP_CLOSED);
    net_tcp_close(k.c);
}

// SYN on a synchronized connection (RFC 5961 4.2): whatever its sequence
// number, a challenge ACK, never a reset, and its data is not taken.
static void syn_rules(void)
{
    struct conn k = handshake(40006, false);
    struct net_stats s0 = *st;

    in(&k, k.rcv + 5, 0, SYN, NULL); // in the window
    EXPECT(challenged(&k));
    nothing_taken(&k);
    bed_advance(b, 500 * MS);
    in(&k, k.rcv + 1000000, 0, SYN, NULL); // outside it
    EXPECT(challenged(&k));
    nothing_taken(&k);
    bed_advance(b, 500 * MS);
    in(&k, k.rcv, k.nxt, SYN | ACK | PSH, "abc"); // at RCV.NXT, with data
    EXPECT(challenged(&k));
    nothing_taken(&k);
    in(&k, k.rcv, 0, SYN, NULL); // within 500 ms
    EXPECT_EQ(b->nframes, 0);
    nothing_taken(&k);
    EXPECT_EQ(DELTA(tcp_challenge_ack), 3);
    EXPECT_EQ(DELTA(tcp_challenge_ack_limited), 1);
    EXPECT_EQ(DELTA(tcp_rst_tx), 0);
    in(&k, k.rcv, k.nxt, ACK | PSH, "abc");
    taken(&k, "abc");
}

// Forged segments are no sign of life: a keep-alive connection whose peer
// went away times out while they keep coming (120 s idle, then 9 probes
// 15 s apart; see net.h).
static void forged_segments_keep_nothing_alive(void)
{
    struct conn k = handshake(40008, false);

    EXPECT_EQ(net_tcp_setopt(k.c, NET_TCP_OPT_KEEPALIVE, 1), 0);
    for (int i = 0; i < 30 && net_tcp_state(k.c) == NET_TCP_ESTABLISHED; i++) {
        in(&k, k.rcv + 100000, k.nxt, ACK, NULL);          // outside the window
        in(&k, k.rcv, k.nxt - (1u << 30), ACK | PSH, "x"); // a bad ACK
        in(&k, k.rcv + 1, 0, RST, NULL);                   // not exact
        bed_advance(b, 10 * SEC);
    }
    EXPECT_EQ(net_tcp_error(k.c), -ETIMEDOUT);
    net_tcp_close(k.c);
    bed_learn_peer(b); // its neighbour entry expired meanwhile
}

// A flood on one connection: 200 forged segments 10 ms apart, over 2 s,
// draw one challenge ACK per 500 ms (Linux's tcp_invalid_ratelimit), four
// in all, and deliver nothing.
static void flood_one_connection(void)
{
    struct conn k = handshake(40007, false);
    struct net_stats s0 = *st;
    uint64_t last = 0;
    int sent = 0;

    for (int i = 0; i < 200; i++) {
        in(&k, k.rcv, k.nxt - (1u << 30), ACK | PSH, "GET /admin");
        if (b->nframes) {
            EXPECT(challenged(&k));
            EXPECT(sent == 0 || b->now - last >= 500 * MS);
            last = b->now;
            sent++;
        }
        nothing_taken(&k);
        bed_advance(b, 10 * MS);
    }
    EXPECT_EQ(sent, 4);
    EXPECT_EQ(DELTA(tcp_challenge_ack), 4);
    EXPECT_EQ(DELTA(tcp_challenge_ack_limited), 196);
}

// The interface's budget, set to 10 a second here (default 1000, as
// Linux's tcp_challenge_ack_limit): each second allows between 5 and 14,
// drawn anew, so an attacker who counts the challenge ACKs on a connection
// of its own cannot tell how many went elsewhere (CVE-2016-5696). 40
// connections, one forged segment each per second for 20 seconds.
static void flood_many_connections(void)
{
    struct net_if_desc d = BED_DESC(b);
    struct net_config cfg = {.addr = OUR_IP, .prefix = 24};
    static struct conn k[40];
    struct net_stats s0;
    int lo = 99, hi = 0, total = 0;

    memcpy(d.mac, our_mac, 6);
    d.challenge_acks = 10;
    EXPECT_EQ(net_if_init(&b->ifp, b->mem, sizeof(b->mem), &d), 0);
    EXPECT_EQ(net_if_configure(b->ifp, &cfg), 0);
    st = net_if_stats(b->ifp);
    bed_learn_peer(b);
    EXPECT_EQ(net_tcp_open(b->ifp, &l), 0);
    EXPECT_EQ(net_tcp_bind(l, 80), 0);
    EXPECT_EQ(net_tcp_setopt(l, NET_TCP_OPT_RCVBUF, RXBUF), 0);
    EXPECT_EQ(net_tcp_listen(l, 64), 0);
    net_tcp_on_event(l, on_event, NULL);
    for (int i = 0; i < 40; i++)
        k[i] = handshake((uint16_t)(41000 + i), false);
    s0 = *st;
    for (int r = 0; r < 20; r++) {
        int n = 0;
        bed_advance(b, SEC);
        for (int i = 0; i < 40; i++) {
            in(&k[i], k[i].rcv, k[i].nxt - (1u << 30), ACK | PSH, "GET /");
            EXPECT(b->nframes == 0 || challenged(&k[i]));
            nothing_taken(&k[i]);
            n += b->nframes;
        }
        EXPECT(n >= 5 && n <= 14);
        lo = n < lo ? n : lo;
        hi = n > hi ? n : hi;
        total += n;
    }
    EXPECT(lo < hi); // not the same budget every second
    EXPECT_EQ(DELTA(tcp_challenge_ack), total);
    EXPECT_EQ(DELTA(tcp_challenge_ack_limited), 800 - total);
    for (int i = 0; i < 40; i++) { // the real peers' data still flows
        in(&k[i], k[i].rcv, k[i].nxt, ACK | PSH, "GET /");
        taken(&k[i], "GET /");
    }
}

int main(void)
{
    b = first = bed_new();
    st = net_if_stats(b->ifp);
    bed_learn_peer(b);
    EXPECT_EQ(net_tcp_open(b->ifp, &l), 0);
    EXPECT_EQ(net_tcp_bind(l, 80), 0);
    EXPECT_EQ(net_tcp_setopt(l, NET_TCP_OPT_RCVBUF, RXBUF), 0);
    EXPECT_EQ(net_tcp_listen(l, 16), 0);
    net_tcp_on_event(l, on_event, NULL);
    blind_data_injection();
    old_ack_within_max_window();
    scaled_max_window();
    ack_beyond_snd_nxt();
    rst_rules();
    syn_rules();
    forged_segments_keep_nothing_alive();
    flood_one_connection();
    b = bed_new(); // a second interface, with its own budget
    flood_many_connections();
    return bed_done();
}
