// A SYN flood from forged on-link sources to two listeners: their
// half-open children (each listener's backlog bounds only its own) fill
// both backlogs and keep them through the SYN-ACK retries, holding only
// a few hundred bytes each once their buffers go back after a quiet
// second. The real peer's SYN still gets a SYN-ACK at once, a cookie.
// When the ACK of that cookie finds memory for its buffers but not its
// socket, the oldest half-open child gives its socket up; with no memory
// at all, the ACK is answered with a RST; with memory, it simply makes
// its connection, established and accepted.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

// The embedder's memory: no more than limit bytes at once (0: no limit).
static long held, limit;

static void *budget_alloc(void *arg, size_t len)
{
    void *p;

    if (limit && held + (long)len > limit)
        return NULL;
    if ((p = bed_alloc(arg, len)))
        held += (long)len;
    return p;
}

static void budget_free(void *arg, void *p, size_t len)
{
    held -= (long)len;
    bed_free(arg, p, len);
}

// A SYN from src:sport (any source) to us:dport.
static void syn_from(struct bed *b, uint32_t src, uint16_t sport,
                     uint16_t dport, uint32_t seq)
{
    uint8_t f[80];

    net_if_input(b->ifp, f, build_syn_from(f, src, sport, dport, seq));
}

// The SYN-ACK the peer got for its SYN from sport, or one with ok false.
static struct out_seg syn_ack_to_peer(struct bed *b, uint16_t sport)
{
    for (int i = 0; i < b->nframes; i++) {
        struct out_seg o = out_tcp(b, i);
        if (o.ok && o.dport == sport && o.flags == (SYN | ACK) &&
            !memcmp(b->frame[i], peer_mac, 6))
            return o;
    }
    return (struct out_seg){0};
}

static void connects(struct bed *b, struct net_tcp *l, uint16_t port,
                     uint16_t sport)
{
    struct net_tcp *c = NULL;
    uint8_t f[1600];
    struct out_seg o;

    b->nframes = 0;
    net_if_input(b->ifp, f,
                 build_tcp(f, sport, port, 1000, 0, SYN, 64240, 1460, NULL, 0));
    o = syn_ack_to_peer(b, sport);
    EXPECT(o.ok);
    EXPECT_EQ(o.ack, 1001);
    net_if_input(b->ifp, f,
                 build_tcp(f, sport, port, 1001, o.seq + 1, ACK | PSH, 64240, 0,
                           "GET /", 5));
    EXPECT_EQ(net_tcp_accept(l, &c), 0);
    if (c) { // else already counted
        char buf[8];
        EXPECT_EQ(net_tcp_state(c), NET_TCP_ESTABLISHED);
        EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 5);
        net_tcp_close(c);
    }
}

// The peer's handshake to port completes on its side, but no memory is
// left for the connection: its ACK gets a RST, never silence.
static void refused(struct bed *b, uint16_t port, uint16_t sport)
{
    const struct net_stats *st = net_if_stats(b->ifp);
    uint64_t no_memory = st->tcp_no_memory;
    uint8_t f[1600];
    struct out_seg o;

    b->nframes = 0;
    net_if_input(b->ifp, f,
                 build_tcp(f, sport, port, 1000, 0, SYN, 64240, 1460, NULL, 0));
    o = syn_ack_to_peer(b, sport);
    EXPECT(o.ok);
    b->nframes = 0;
    net_if_input(
        b->ifp, f,
        build_tcp(f, sport, port, 1001, o.seq + 1, ACK, 64240, 0, NULL, 0));
    EXPECT_EQ(b->nframes, 1);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.dport == sport && (o.flags & RST));
    EXPECT_EQ(st->tcp_no_memory, no_memory + 1);
}

int main(void)
{
    // static: the connections' buffers stay reachable (LeakSanitizer)
    static struct bed *b;
    const struct net_stats *st;
    struct net_if_desc d;
    struct net_config cfg = {.addr = OUR_IP, .prefix = 24};
    struct net_tcp *l80, *l443;

    b = bed_new();
    d = (struct net_if_desc)BED_DESC(b);
    d.alloc = budget_alloc;
    d.free = budget_free;
    memcpy(d.mac, our_mac, 6);
    if (net_if_init(&b->ifp, b->mem, sizeof(b->mem), &d) ||
        net_if_configure(b->ifp, &cfg))
        return 2;
    st = net_if_stats(b->ifp);
    bed_learn_peer(b);
    EXPECT_EQ(net_tcp_open(b->ifp, &l80), 0);
    EXPECT_EQ(net_tcp_bind(l80, 80), 0);
    EXPECT_EQ(net_tcp_listen(l80, NET_TCP_BACKLOG), 0);
    EXPECT_EQ(net_tcp_open(b->ifp, &l443), 0);
    EXPECT_EQ(net_tcp_bind(l443, 443), 0);
    EXPECT_EQ(net_tcp_listen(l443, NET_TCP_BACKLOG), 0);

    // 400 SYNs, 10 ms apart, from 240 on-link addresses that never answer
    // ARP, to both ports: more than the two backlogs hold together, and
    // their children take every byte the embedder has for us.
    for (int i = 0; i < 400; i++) {
        b->nframes = 0;
        syn_from(b, NET_IP4(10, 0, 0, 10 + i % 240), (uint16_t)(20000 + i),
                 i % 2 ? 443 : 80, (uint32_t)i * 7919);
        bed_advance(b, 10000000);
    }
    EXPECT_EQ(st->tcp_sockets, 2 + 2 * NET_TCP_BACKLOG);
    EXPECT(held < (2 + 2 * NET_TCP_BACKLOG) * 1024);
    EXPECT(st->tcp_syn_cookies_sent > 0);

    // The real peer connects to port 80, its first SYN answered, with
    // memory for its buffers but not for its socket: the half-open child
    // that has waited longest gives its socket up.
    limit = held + 2 * NET_TCP_BUF_DEFAULT;
    connects(b, l80, 80, 40000);
    EXPECT_EQ(st->tcp_half_open_evicted, 1);
    EXPECT_EQ(st->tcp_sockets, 2 + 2 * NET_TCP_BACKLOG);
    // With no memory at all, the ACK of its cookie is told with a RST.
    limit = held;
    refused(b, 443, 40001);
    EXPECT_EQ(st->tcp_half_open_evicted, 1);
    // With memory again, no child has to give way.
    limit = 0;
    connects(b, l443, 443, 40002);
    EXPECT_EQ(st->tcp_half_open_evicted, 1);
    EXPECT_EQ(st->tcp_syn_cookies_ok, 2);
    return bed_done();
}
