// A SYN flood from forged on-link sources to two listeners: their
// half-open children (each listener's backlog bounds only its own) take
// every TCP slot and keep it through the SYN-ACK retries. The real peer's
// SYN still gets a SYN-ACK at once, a cookie, and the ACK of that cookie
// takes the slot of the oldest half-open child: the connection is
// established and accepted, and the flood's later SYNs get cookies too.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

// A SYN from src:sport (any source) to us:dport.
static void syn_from(struct bed *b, uint32_t src, uint16_t sport,
                     uint16_t dport, uint32_t seq)
{
    uint8_t t[24] = {0}, pseudo[12], f[80];
    uint32_t sum;

    put16be(t, sport);
    put16be(t + 2, dport);
    put32be(t + 4, seq);
    t[12] = 6 << 4;
    t[13] = SYN;
    put16be(t + 14, 64240);
    hex(t + 20, "02 04 05 b4");
    put32be(pseudo, src);
    put32be(pseudo + 4, OUR_IP);
    put16be(pseudo + 8, 6);
    put16be(pseudo + 10, sizeof(t));
    sum = (uint16_t)~net_checksum(pseudo, 12);
    sum += (uint16_t)~net_checksum(t, sizeof(t));
    sum = (sum & 0xffff) + (sum >> 16);
    put16be(t + 16, (uint16_t)~sum);
    net_if_input(b->ifp, f, build_ip(f, src, OUR_IP, 6, 1, 0, t, sizeof(t)));
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

int main(void)
{
    // static: the connections' buffers stay reachable (LeakSanitizer)
    static struct bed *b;
    const struct net_stats *st;
    struct net_tcp *l80, *l443, *t[NET_TCP_SOCKETS];
    int free_slots = 0;

    b = bed_new();
    st = net_if_stats(b->ifp);
    bed_learn_peer(b);
    EXPECT_EQ(net_tcp_open(b->ifp, &l80), 0);
    EXPECT_EQ(net_tcp_bind(l80, 80), 0);
    EXPECT_EQ(net_tcp_listen(l80, NET_TCP_BACKLOG), 0);
    EXPECT_EQ(net_tcp_open(b->ifp, &l443), 0);
    EXPECT_EQ(net_tcp_bind(l443, 443), 0);
    EXPECT_EQ(net_tcp_listen(l443, NET_TCP_BACKLOG), 0);

    // 400 SYNs, 10 ms apart, from 240 on-link addresses that never answer
    // ARP, to both ports: more than the two backlogs hold together.
    for (int i = 0; i < 400; i++) {
        b->nframes = 0;
        syn_from(b, NET_IP4(10, 0, 0, 10 + i % 240), (uint16_t)(20000 + i),
                 i % 2 ? 443 : 80, (uint32_t)i * 7919);
        bed_advance(b, 10000000);
    }
    // Every slot is taken: the two listeners and their half-open children.
    while (free_slots < NET_TCP_SOCKETS &&
           !net_tcp_open(b->ifp, &t[free_slots]))
        free_slots++;
    EXPECT_EQ(free_slots, 0);
    for (int i = 0; i < free_slots; i++)
        net_tcp_close(t[i]);
    EXPECT(st->tcp_syn_cookies_sent > 0);

    // The real peer connects to each port, its first SYN answered.
    connects(b, l80, 80, 40000);
    EXPECT_EQ(st->tcp_half_open_evicted, 1);
    connects(b, l443, 443, 40001);
    EXPECT_EQ(st->tcp_half_open_evicted, 2);
    EXPECT_EQ(st->tcp_syn_cookies_ok, 2);
    return bed_done();
}
