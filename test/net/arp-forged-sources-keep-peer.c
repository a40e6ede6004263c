// The neighbour cache under forged on-link sources (issue #14): SYNs
// from addresses that never answer ARP make us resolve them for the
// SYN-ACK, forged ARP requests to us teach their senders. The cache
// (NET_ARP_ENTRIES) and the pending queue (NET_ARP_PENDING) stay bounded,
// and the real peer is answered without delay: a known peer in use keeps
// its entry, and a new peer's frame gets into the full queue and leaves
// as soon as it answers. The order entries are taken in, and the counts.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define MS 1000000ull

static void arp_from(struct bed *b, uint16_t op, uint32_t spa,
                     const uint8_t *sha, uint32_t tpa)
{
    uint8_t f[60] = {0};

    memcpy(f, op == 1 ? (const uint8_t *)"\xff\xff\xff\xff\xff\xff" : our_mac,
           6);
    memcpy(f + 6, sha, 6);
    hex(f + 12, "08 06 00 01 08 00 06 04");
    put16be(f + 20, op);
    memcpy(f + 22, sha, 6);
    put32be(f + 28, spa);
    if (op == 2)
        memcpy(f + 32, our_mac, 6);
    put32be(f + 38, tpa);
    net_if_input(b->ifp, f, sizeof(f));
}

// A forged MAC for a forged address.
static const uint8_t *mac_of(uint32_t ip)
{
    static uint8_t m[6] = {0x02, 0x66};

    put32be(m + 2, ip);
    return m;
}

// A SYN from src:sport to us:80 (src's MAC forged as mac_of(src)).
static void syn_from(struct bed *b, uint32_t src, uint16_t sport)
{
    uint8_t f[80];
    size_t len = build_syn_from(f, src, sport, 80, sport * 7919u);

    memcpy(f + 6, mac_of(src), 6);
    net_if_input(b->ifp, f, len);
}

static int requests_for(struct bed *b, uint32_t ip)
{
    uint8_t tpa[4];
    int n = 0;

    put32be(tpa, ip);
    for (int i = 0; i < b->nframes; i++)
        n += get16be(b->frame[i] + 12) == 0x0806 &&
             get16be(b->frame[i] + 20) == 1 &&
             !memcmp(b->frame[i] + 38, tpa, 4);
    return n;
}

static int syn_acks_to_peer(struct bed *b, uint16_t sport)
{
    int n = 0;

    for (int i = 0; i < b->nframes; i++) {
        struct out_seg o = out_tcp(b, i);
        n += o.ok && o.dport == sport && o.flags == (SYN | ACK) &&
             !memcmp(b->frame[i], peer_mac, 6);
    }
    return n;
}

static void peer_syn(struct bed *b, uint16_t sport)
{
    uint8_t f[100];

    net_if_input(b->ifp, f,
                 build_tcp(f, sport, 80, 5000, 0, SYN, 64240, 1460, NULL, 0));
}

// The interface, listening on port 80 (backlog 128: beyond it, cookies).
static struct bed *listening(void)
{
    struct bed *b = bed_new();
    struct net_tcp *l;

    EXPECT_EQ(net_tcp_open(b->ifp, &l), 0);
    EXPECT_EQ(net_tcp_bind(l, 80), 0);
    EXPECT_EQ(net_tcp_listen(l, NET_TCP_BACKLOG), 0);
    return b;
}

// n forged SYNs and n forged ARP requests to us, 1 ms apart, from
// addresses 10.0.0.10 up (SYNs) and 10.0.0.130 up (ARP), cycling.
static void flood(struct bed *b, int n, int first)
{
    for (int i = first; i < first + n; i++) {
        b->nframes = 0;
        syn_from(b, NET_IP4(10, 0, 0, 10 + i % 120), (uint16_t)(20000 + i));
        arp_from(b, 1, NET_IP4(10, 0, 0, 130 + i % 120),
                 mac_of(NET_IP4(10, 0, 0, 130 + i % 120)), OUR_IP);
        bed_advance(b, MS);
    }
}

// A known peer in use keeps its entry through the flood, even in the
// last second of its life: its SYN-ACK goes straight out.
static void known_peer(void)
{
    static struct bed *b; // static: buffers stay reachable (LeakSanitizer)
    const struct net_stats *st;

    b = listening();
    st = net_if_stats(b->ifp);
    bed_learn_peer(b);
    peer_syn(b, 40000); // in use from now on
    EXPECT_EQ(syn_acks_to_peer(b, 40000), 1);
    b->nframes = 0;
    bed_advance(b, 59 * 1000 * MS); // incomplete entries now outlive it
    // The SYN-ACK's retransmission, a refresh request (left unanswered).
    peer_syn(b, 40001);
    EXPECT_EQ(syn_acks_to_peer(b, 40001), 1);
    EXPECT_EQ(requests_for(b, PEER_IP), 1);
    flood(b, 300, 0);
    b->nframes = 0;
    peer_syn(b, 40002);
    EXPECT_EQ(syn_acks_to_peer(b, 40002), 1);
    EXPECT_EQ(requests_for(b, PEER_IP), 0);
    // 600 new neighbours, 15 free entries: each other one evicted an
    // entry or was refused one; 300 SYN-ACKs queued, at most 4 still are.
    EXPECT_EQ(st->arp_evicted + st->arp_table_full, 600 - 15);
    EXPECT(st->arp_pending_drop >= 300 - NET_ARP_PENDING);
    printf("flood: arp_evicted %llu arp_table_full %llu arp_pending_drop "
           "%llu\n",
           (unsigned long long)st->arp_evicted,
           (unsigned long long)st->arp_table_full,
           (unsigned long long)st->arp_pending_drop);
}

// A peer not yet known, first heard during the flood: its SYN-ACK waits
// in the full queue (the oldest forged frame makes room) while its ARP
// request is answered, behind three more forged SYNs (it would be lost
// behind NET_ARP_PENDING of them), then leaves at once.
static void new_peer(void)
{
    static struct bed *b;

    b = listening();
    flood(b, 200, 0);
    b->nframes = 0;
    peer_syn(b, 40000);
    EXPECT_EQ(requests_for(b, PEER_IP), 1);
    EXPECT_EQ(syn_acks_to_peer(b, 40000), 0);
    flood(b, 3, 200);
    b->nframes = 0;
    arp_from(b, 2, PEER_IP, peer_mac, OUR_IP);
    EXPECT_EQ(syn_acks_to_peer(b, 40000), 1);
    // And from now on at once, whatever comes.
    flood(b, 200, 210);
    b->nframes = 0;
    peer_syn(b, 40001);
    EXPECT_EQ(syn_acks_to_peer(b, 40001), 1);
    EXPECT_EQ(requests_for(b, PEER_IP), 0);
}

// Which entry a new neighbour takes: the oldest incomplete first; never
// one in use; a sender learned unasked takes no incomplete one.
static void eviction_order(void)
{
    struct bed *b = bed_new();
    const struct net_stats *st = net_if_stats(b->ifp);
    struct net_udp *s;
    uint64_t full, evicted;

    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    // 16 neighbours that answer, each sent to: every entry reachable, in use.
    for (int i = 0; i < NET_ARP_ENTRIES; i++) {
        uint32_t ip = NET_IP4(10, 0, 0, 200 + i);
        EXPECT_EQ(net_udp_sendto(s, ip, 9, "x", 1), 1);
        arp_from(b, 2, ip, mac_of(ip), OUR_IP);
        bed_advance(b, MS);
    }
    EXPECT_EQ(st->arp_evicted, 0);
    // A 17th is not cached (no request), nor is a sender asking us.
    b->nframes = 0;
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 50), 9, "y", 1), 1);
    arp_from(b, 1, NET_IP4(10, 0, 0, 51), mac_of(NET_IP4(10, 0, 0, 51)),
             OUR_IP);
    EXPECT_EQ(requests_for(b, NET_IP4(10, 0, 0, 50)), 0);
    EXPECT_EQ(b->nframes, 1); // the reply to 10.0.0.51's request
    EXPECT_EQ(st->arp_table_full, 2);
    // Five seconds on, all idle except 10.0.0.201: the 17th takes the
    // least recently used idle entry (10.0.0.200's).
    bed_advance(b, 4990 * MS);
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 201), 9, "x", 1), 1);
    bed_advance(b, 10 * MS);
    b->nframes = 0;
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 50), 9, "y", 1), 1);
    EXPECT_EQ(requests_for(b, NET_IP4(10, 0, 0, 50)), 1);
    EXPECT_EQ(st->arp_evicted, 1);
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 200), 9, "x", 1), 1);
    EXPECT_EQ(requests_for(b, NET_IP4(10, 0, 0, 200)), 1); // it was gone
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 201), 9, "x", 1), 1);
    EXPECT_EQ(requests_for(b, NET_IP4(10, 0, 0, 201)), 0); // still there

    // Let every entry lapse; then 16 neighbours that never answer.
    bed_advance(b, 70 * 1000 * MS);
    for (int i = 0; i < 3; i++)
        bed_advance(b, 1000 * MS); // the incomplete ones give up
    evicted = st->arp_evicted;
    for (int i = 0; i < NET_ARP_ENTRIES; i++) {
        EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 100 + i), 9, "q", 1), 1);
        bed_advance(b, MS);
    }
    EXPECT_EQ(st->arp_evicted, evicted);
    // A sender asking us takes none of them; the answer still goes out.
    full = st->arp_table_full;
    b->nframes = 0;
    arp_from(b, 1, NET_IP4(10, 0, 0, 60), mac_of(NET_IP4(10, 0, 0, 60)),
             OUR_IP);
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(st->arp_table_full, full + 1);
    // A 17th unanswered neighbour takes the oldest (10.0.0.100's), whose
    // queued frame is dropped; 10.0.0.101 still waits for its answer.
    b->nframes = 0;
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 116), 9, "q", 1), 1);
    EXPECT_EQ(st->arp_evicted, evicted + 1);
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 101), 9, "q", 1), 1);
    EXPECT_EQ(requests_for(b, NET_IP4(10, 0, 0, 101)), 0);
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 100), 9, "q", 1), 1);
    EXPECT_EQ(requests_for(b, NET_IP4(10, 0, 0, 100)), 1);
    bed_del(b);
}

int main(void)
{
    known_peer();
    new_peer();
    eviction_order();
    return bed_done();
}
