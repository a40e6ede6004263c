// ARP resolution: frames to an unknown neighbour wait in a bounded queue
// (the latest two per neighbour) and leave, in order, when the reply comes; a
// neighbour that never answers is asked three times, then its frames are
// dropped; entries expire.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define SEC 1000000000ull

static const uint8_t x_mac[6] = {0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee};

static void reply_from(struct bed *b, uint32_t ip, const uint8_t *mac)
{
    uint8_t f[42];

    memcpy(f, our_mac, 6);
    memcpy(f + 6, mac, 6);
    hex(f + 12, "08 06 00 01 08 00 06 04 00 02");
    memcpy(f + 22, mac, 6);
    put32be(f + 28, ip);
    memcpy(f + 32, our_mac, 6);
    put32be(f + 38, OUR_IP);
    net_if_input(b->ifp, f, sizeof(f));
}

static int is_request_for(struct bed *b, int i, uint32_t ip)
{
    const uint8_t *f = b->frame[i];
    uint8_t tpa[4];

    put32be(tpa, ip);
    return b->len[i] == 60 && get16be(f + 12) == 0x0806 &&
           get16be(f + 20) == 1 && !memcmp(f + 38, tpa, 4) &&
           !memcmp(f, "\xff\xff\xff\xff\xff\xff", 6);
}

int main(void)
{
    struct bed *b = bed_new();
    const struct net_stats *st = net_if_stats(b->ifp);
    uint32_t x = NET_IP4(10, 0, 0, 5);
    struct net_udp *s;
    char msg[2];

    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    EXPECT_EQ(net_if_deadline(b->ifp), UINT64_MAX);

    // Six datagrams to an unknown neighbour: one request, the last two
    // queued (RFC 1122 2.3.2.2).
    for (int i = 0; i < 6; i++) {
        msg[0] = (char)('a' + i);
        EXPECT_EQ(net_udp_sendto(s, x, 9, msg, 1), 1);
    }
    EXPECT_EQ(b->nframes, 1);
    EXPECT(is_request_for(b, 0, x));
    EXPECT_EQ(st->arp_pending_drop, 4);
    EXPECT_EQ(net_if_deadline(b->ifp), b->now + SEC);
    b->nframes = 0;
    reply_from(b, x, x_mac);
    EXPECT_EQ(b->nframes, 2);
    for (int i = 0; i < b->nframes && i < 2; i++) {
        EXPECT(!memcmp(b->frame[i], x_mac, 6));
        EXPECT(!memcmp(b->frame[i] + 6, our_mac, 6));
        EXPECT_EQ(b->frame[i][14 + 28], 'e' + i);
    }
    // Now known: straight out.
    b->nframes = 0;
    EXPECT_EQ(net_udp_sendto(s, x, 9, "z", 1), 1);
    EXPECT_EQ(b->nframes, 1);
    EXPECT(!memcmp(b->frame[0], x_mac, 6));

    // Used in its last 5 s, the entry is refreshed: the frame goes out at
    // once, followed by one request; the answer extends the entry.
    bed_advance(b, 56 * SEC);
    b->nframes = 0;
    EXPECT_EQ(net_udp_sendto(s, x, 9, "r", 1), 1);
    EXPECT_EQ(net_udp_sendto(s, x, 9, "r", 1), 1);
    EXPECT_EQ(b->nframes, 3);
    EXPECT(!memcmp(b->frame[0], x_mac, 6));
    EXPECT(is_request_for(b, 1, x));
    EXPECT(!memcmp(b->frame[2], x_mac, 6));
    reply_from(b, x, x_mac);
    bed_advance(b, 10 * SEC);
    b->nframes = 0;
    EXPECT_EQ(net_udp_sendto(s, x, 9, "r", 1), 1);
    EXPECT_EQ(b->nframes, 1);
    EXPECT(!memcmp(b->frame[0], x_mac, 6));

    // A silent neighbour: asked at 0, 1 and 2 s; at 3 s its frame is lost.
    b->nframes = 0;
    uint32_t y = NET_IP4(10, 0, 0, 7);
    EXPECT_EQ(net_udp_sendto(s, y, 9, "q", 1), 1);
    bed_advance(b, SEC);
    bed_advance(b, SEC);
    EXPECT_EQ(b->nframes, 3);
    for (int i = 0; i < b->nframes; i++)
        EXPECT(is_request_for(b, i, y));
    bed_advance(b, SEC);
    EXPECT_EQ(b->nframes, 3);
    EXPECT_EQ(st->arp_pending_drop, 5);
    // A late reply from it does not resurrect the dropped frame.
    reply_from(b, y, x_mac);
    EXPECT_EQ(b->nframes, 3);

    // Off the subnet: the gateway is resolved, not the destination.
    b->nframes = 0;
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(8, 8, 8, 8), 53, "d", 1), 1);
    EXPECT_EQ(b->nframes, 1);
    EXPECT(is_request_for(b, 0, PEER_IP));

    // After a minute the entry for x is forgotten and asked for again.
    bed_advance(b, 61 * SEC);
    b->nframes = 0;
    EXPECT_EQ(net_udp_sendto(s, x, 9, "z", 1), 1);
    EXPECT_EQ(b->nframes, 1);
    EXPECT(is_request_for(b, 0, x));

    // Broadcast needs no ARP.
    b->nframes = 0;
    EXPECT_EQ(net_udp_sendto(s, NET_IP4(10, 0, 0, 255), 9, "b", 1), 1);
    EXPECT_EQ(net_udp_sendto(s, 0xffffffff, 9, "b", 1), 1);
    EXPECT_EQ(b->nframes, 2);
    EXPECT(!memcmp(b->frame[0], "\xff\xff\xff\xff\xff\xff", 6));
    EXPECT_EQ(get16be(b->frame[1] + 12), 0x0800);
    return bed_done();
}
