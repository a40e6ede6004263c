// Hostile input: frames that are truncated, whose lengths lie, whose
// checksums are wrong, or that are not for us are dropped and counted in
// the right counter; nothing reaches a socket and nothing is sent. IP
// options are skipped, not rejected, and a TTL of 0 is no reason to drop.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define STAT(name) offsetof(struct net_stats, name)

static struct bed *b;
static struct net_udp *s;
static uint8_t f[256];
static size_t n;

static void fresh(void)
{
    n = build_udp(f, PEER_IP, OUR_IP, 1000, 7, "payload!", 8);
}

static void fix_ip(void)
{
    f[24] = f[25] = 0;
    put16be(f + 24, net_checksum(f + 14, (size_t)(f[14] & 15) * 4));
}

static uint64_t stat(size_t off)
{
    return *(const uint64_t *)((const char *)net_if_stats(b->ifp) + off);
}

// Feeds f[0, len) and expects exactly one more count in counter off, and
// no datagram at the socket, and no frame out.
static void expect_drop(int line, size_t len, size_t off)
{
    uint64_t before = stat(off);

    net_if_input(b->ifp, f, len);
    if (stat(off) != before + 1 || net_udp_peek(s) >= 0 || b->nframes) {
        fprintf(stderr, "%s:%d: FAILED: not dropped as expected\n", __FILE__,
                line);
        failures++;
    }
    while (net_udp_peek(s) >= 0)
        net_udp_recvfrom(s, f + 200, 1, NULL, NULL);
    b->nframes = 0;
    fresh();
}

#define DROP(len, counter) expect_drop(__LINE__, len, STAT(counter))

static void table(void)
{
    fresh();
    DROP(13, eth_short);
    f[5] = 9; // another host's MAC
    DROP(n, eth_not_ours);
    memcpy(f, "\x01\x00\x5e\x00\x00\x01", 6); // a multicast group
    DROP(n, eth_not_ours);
    put16be(f + 12, 0x86dd);
    DROP(n, eth_type);
    put16be(f + 12, 0x8100); // a VLAN tag
    DROP(n, eth_type);
    DROP(14 + 19, ip_malformed); // shorter than an IP header
    f[14] = 0x65;                // version 6
    DROP(n, ip_malformed);
    f[14] = 0x44; // IHL below 5
    DROP(n, ip_malformed);
    f[14] = 0x4f; // IHL 60 bytes, more than the datagram
    DROP(n, ip_malformed);
    put16be(f + 16, (uint16_t)(n - 14 + 1)); // total length lies (long)
    DROP(n, ip_malformed);
    put16be(f + 16, 19); // total length shorter than the header
    DROP(n, ip_malformed);
    f[24] ^= 1;
    DROP(n, ip_cksum);
    f[22] = 0; // TTL 0: taken, as RFC 1122 3.2.1.7 says a host must
    fix_ip();
    net_if_input(b->ifp, f, n);
    EXPECT_EQ(net_udp_recvfrom(s, f + 200, 16, NULL, NULL), 8);
    fresh();
    f[33] = 3; // to 10.0.0.3
    fix_ip();
    DROP(n, ip_not_ours);
    put32be(f + 26, 0xffffffff); // from broadcast
    fix_ip();
    DROP(n, ip_malformed);
    put32be(f + 26, NET_IP4(224, 0, 0, 1)); // from multicast
    fix_ip();
    DROP(n, ip_malformed);
    put32be(f + 26, OUR_IP); // from ourselves
    fix_ip();
    DROP(n, ip_malformed);
    put32be(f + 26, NET_IP4(127, 0, 0, 1)); // from loopback
    fix_ip();
    DROP(n, ip_malformed);
    f[23] = 50; // ESP: not handled
    fix_ip();
    DROP(n, ip_proto);
    f[23] = 99;
    fix_ip();
    DROP(n, ip_proto);
    put16be(f + 16, 20 + 7); // IP says 7 bytes: UDP header cut short
    fix_ip();
    DROP(14 + 27, udp_malformed);
}

// A datagram with 4 bytes of IP options (NOPs and an end marker) is
// delivered: options are skipped.
static void options_skipped(void)
{
    uint8_t g[256];
    char buf[16];

    fresh();
    memcpy(g, f, 34);
    memcpy(g + 34, "\x01\x01\x01\x00", 4);
    memcpy(g + 38, f + 34, n - 34);
    g[14] = 0x46;
    put16be(g + 16, (uint16_t)(n - 14 + 4));
    g[24] = g[25] = 0;
    put16be(g + 24, net_checksum(g + 14, 24));
    net_if_input(b->ifp, g, n + 4);
    EXPECT_EQ(net_udp_recvfrom(s, buf, sizeof(buf), NULL, NULL), 8);
    EXPECT(!memcmp(buf, "payload!", 8));
}

// Every truncation and every single-byte change of valid frames: nothing
// crashes (ASan watches), and truncated frames are never answered.
static void sweep(void)
{
    static const char arp[] =
        "ff ff ff ff ff ff 02 00 00 00 00 02 08 06 00 01 08 00 06 04 00 01"
        "02 00 00 00 00 02 0a 00 00 01 00 00 00 00 00 00 0a 00 00 02";
    uint8_t frames[3][256], g[256];
    size_t lens[3];

    fresh();
    memcpy(frames[0], f, n);
    lens[0] = n;
    lens[1] = hex(frames[1], arp);
    uint8_t ping[16] = {8, 0, 0, 0, 0, 1, 0, 1, 'a', 'b', 'c', 'd'};
    put16be(ping + 2, net_checksum(ping, 12));
    lens[2] = build_ip(frames[2], PEER_IP, OUR_IP, 1, 5, 0, ping, 12);
    for (int k = 0; k < 3; k++) {
        for (size_t len = 0; len < lens[k]; len++) {
            memcpy(g, frames[k], len);
            net_if_input(b->ifp, g, len);
        }
        EXPECT_EQ(b->nframes, 0);
        for (size_t i = 0; i < lens[k]; i++) {
            for (int bit = 0; bit < 8; bit++) {
                memcpy(g, frames[k], lens[k]);
                g[i] ^= (uint8_t)(1 << bit);
                net_if_input(b->ifp, g, lens[k]);
                b->nframes = 0;
            }
        }
    }
    while (net_udp_peek(s) >= 0)
        net_udp_recvfrom(s, g, 1, NULL, NULL);
}

int main(void)
{
    static _Alignas(4) uint8_t q[1024];

    b = bed_new();
    bed_learn_peer(b);
    if (net_udp_open(b->ifp, &s) || net_udp_bind(s, 7) ||
        net_udp_set_queue(s, q, sizeof(q)))
        return 2;
    table();
    options_skipped();
    sweep();
    return bed_done();
}
