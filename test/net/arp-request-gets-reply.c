// ARP: configuring an address announces it; a request for our address gets
// a byte-exact reply; requests for others are ignored and teach the cache
// nothing; malformed ARP is counted and dropped.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

static void gratuitous_on_configure(void)
{
    struct bed *b = calloc(1, sizeof(*b));
    struct net_if_desc d = BED_DESC(b);
    struct net_config cfg = {.addr = OUR_IP, .prefix = 24};
    uint8_t want[60] = {0};

    memcpy(d.mac, our_mac, 6);
    EXPECT_EQ(net_if_init(&b->ifp, b->mem, sizeof(b->mem), &d), 0);
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(net_if_configure(b->ifp, &cfg), 0);
    // Broadcast, sender and target both our address (RFC 5227 2.3).
    hex(want, "ff ff ff ff ff ff 02 00 00 00 00 01 08 06"
              "00 01 08 00 06 04 00 01 02 00 00 00 00 01 0a 00 00 02"
              "00 00 00 00 00 00 0a 00 00 02");
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(b->len[0], 60);
    EXPECT(!memcmp(b->frame[0], want, 60));
    bed_del(b);
}

static void request_for_us(void)
{
    struct bed *b = bed_new();
    uint8_t req[60] = {0}, want[60] = {0};

    // Requests are broadcast; this one comes with Ethernet padding.
    hex(req, "ff ff ff ff ff ff 02 00 00 00 00 02 08 06"
             "00 01 08 00 06 04 00 01 02 00 00 00 00 02 0a 00 00 01"
             "00 00 00 00 00 00 0a 00 00 02");
    hex(want, "02 00 00 00 00 02 02 00 00 00 00 01 08 06"
              "00 01 08 00 06 04 00 02 02 00 00 00 00 01 0a 00 00 02"
              "02 00 00 00 00 02 0a 00 00 01");
    net_if_input(b->ifp, req, sizeof(req));
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(b->len[0], 60);
    EXPECT(!memcmp(b->frame[0], want, 60));
    EXPECT_EQ(net_if_stats(b->ifp)->arp_rx, 1);
    // The asker was learned: UDP to it goes out at once, to its MAC.
    b->nframes = 0;
    struct net_udp *s;
    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    EXPECT_EQ(net_udp_sendto(s, PEER_IP, 7, "x", 1), 1);
    EXPECT_EQ(b->nframes, 1);
    EXPECT(!memcmp(b->frame[0], peer_mac, 6));
    EXPECT_EQ(get16be(b->frame[0] + 12), 0x0800);
    bed_del(b);
}

static void request_for_other(void)
{
    struct bed *b = bed_new();
    uint8_t req[42];
    struct net_udp *s;

    // 10.0.0.3 asks for 10.0.0.9: not for us; no reply and no learning.
    hex(req, "ff ff ff ff ff ff 02 00 00 00 00 03 08 06"
             "00 01 08 00 06 04 00 01 02 00 00 00 00 03 0a 00 00 03"
             "00 00 00 00 00 00 0a 00 00 09");
    net_if_input(b->ifp, req, sizeof(req));
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 3), 7, "x", 1), 1);
    EXPECT_EQ(b->nframes, 1); // an ARP request, the datagram waits
    EXPECT_EQ(get16be(b->frame[0] + 12), 0x0806);
    bed_del(b);
}

static void malformed(void)
{
    struct bed *b = bed_new();
    const char *good = "ff ff ff ff ff ff 02 00 00 00 00 02 08 06"
                       "00 01 08 00 06 04 00 01 02 00 00 00 00 02 0a 00 00 01"
                       "00 00 00 00 00 00 0a 00 00 02";
    struct {
        int at;      // byte to change (-1: truncate instead)
        uint8_t val; // new value
    } bad[] = {
        {-1, 0}, {14, 9}, {16, 0x86}, {18, 8}, {19, 16}, {21, 3}, {22, 0x03},
    };
    uint8_t f[42];

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        hex(f, good);
        if (bad[i].at >= 0)
            f[bad[i].at] = bad[i].val;
        net_if_input(b->ifp, f, bad[i].at < 0 ? 41 : 42);
    }
    EXPECT_EQ(net_if_stats(b->ifp)->arp_malformed, 7);
    EXPECT_EQ(b->nframes, 0);
    bed_del(b);
}

// Hundreds of asks for us: each gets its reply, the cache stays at
// its bounded size, and the latest askers are the ones remembered.
static void cache_flood(void)
{
    struct bed *b = bed_new();
    struct net_udp *s;
    uint8_t req[42];

    for (int i = 0; i < 300; i++) {
        hex(req, "ff ff ff ff ff ff 02 00 00 00 00 02 08 06"
                 "00 01 08 00 06 04 00 01 02 00 00 00 00 02 0a 00 00 01"
                 "00 00 00 00 00 00 0a 00 00 02");
        req[27] = (uint8_t)i;             // sender MAC 02:00:00:00:00:<i>
        req[31] = (uint8_t)(3 + i % 200); // sender 10.0.0.3 .. 10.0.0.202
        b->nframes = 0;
        net_if_input(b->ifp, req, sizeof(req));
        EXPECT_EQ(b->nframes, 1);
        b->now += 1000; // a distinct age for each entry
    }
    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    b->nframes = 0;
    // The last 16 askers (i = 284..299: 10.0.0.87..102) are cached;
    // 10.0.0.60 (i = 257) was evicted.
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 87), 7, "x", 1), 1);
    EXPECT_EQ(get16be(b->frame[0] + 12), 0x0800);
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 60), 7, "x", 1), 1);
    EXPECT_EQ(get16be(b->frame[1] + 12), 0x0806);
    bed_del(b);
}

int main(void)
{
    gratuitous_on_configure();
    request_for_us();
    request_for_other();
    malformed();
    cache_flood();
    return bed_done();
}
