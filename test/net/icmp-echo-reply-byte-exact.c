// ICMP echo: a ping as Linux's iputils sends it (56 data bytes: a 16-byte
// struct timeval, then 0x10..0x37), written down byte by byte, gets a
// byte-exact reply; broadcast pings, bad checksums and runts get nothing.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

// 10.0.0.1 -> 10.0.0.2, id 0x1c46, seq 1, DF set as iputils does.
static const char ping[] = "02 00 00 00 00 01 02 00 00 00 00 02 08 00"
                           "45 00 00 54 7a 3b 40 00 40 01 ac 6b 0a 00 00 01"
                           "0a 00 00 02 08 00 65 a8 1c 46 00 01 b1 8a 5e 63"
                           "00 00 00 00 9c 4f 0b 00 00 00 00 00 10 11 12 13"
                           "14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23"
                           "24 25 26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33"
                           "34 35 36 37";

// The reply. Its IP id is the interface's first (seeded from the clock at
// start: 1 s >> 10 = 0xe6b2); no DF (we do no path MTU discovery); TTL 64;
// both checksums were computed independently (Python, RFC 1071).
static const char pong[] = "02 00 00 00 00 02 02 00 00 00 00 01 08 00"
                           "45 00 00 54 e6 b2 00 00 40 01 7f f4 0a 00 00 02"
                           "0a 00 00 01 00 00 6d a8 1c 46 00 01 b1 8a 5e 63"
                           "00 00 00 00 9c 4f 0b 00 00 00 00 00 10 11 12 13"
                           "14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23"
                           "24 25 26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33"
                           "34 35 36 37";

int main(void)
{
    struct bed *b = bed_new();
    const struct net_stats *st = net_if_stats(b->ifp);
    uint8_t f[128], want[128];
    size_t n = hex(f, ping), m = hex(want, pong);

    EXPECT_EQ(n, 98);
    bed_learn_peer(b);
    net_if_input(b->ifp, f, n);
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(b->len[0], m);
    EXPECT(!memcmp(b->frame[0], want, m));
    EXPECT_EQ(st->icmp_echo, 1);

    // Ethernet padding after the datagram is ignored, not echoed.
    b->nframes = 0;
    memset(f + n, 0xee, 20);
    net_if_input(b->ifp, f, n + 20);
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(b->len[0], m);

    // A corrupted payload byte breaks the ICMP checksum: no reply.
    b->nframes = 0;
    f[60] ^= 1;
    net_if_input(b->ifp, f, n);
    EXPECT_EQ(st->icmp_cksum, 1);
    f[60] ^= 1;

    // To the subnet broadcast (IP header checksum fixed up): silence.
    f[14 + 19] = 0xff;
    f[14 + 10] = f[14 + 11] = 0;
    put16be(f + 24, net_checksum(f + 14, 20));
    net_if_input(b->ifp, f, n);
    EXPECT_EQ(st->icmp_rx, 4);
    EXPECT_EQ(b->nframes, 0);

    // An ICMP message shorter than its 8-byte header.
    build_ip(f, PEER_IP, OUR_IP, 1, 7, 0, "\x08\x00\xf7\xff", 4);
    net_if_input(b->ifp, f, 14 + 24);
    EXPECT_EQ(st->icmp_malformed, 1);
    EXPECT_EQ(b->nframes, 0);

    // An odd-length echo (one data byte) still gets a correct checksum.
    uint8_t odd[9] = {8, 0, 0, 0, 0x12, 0x34, 0, 9, 0xab};
    put16be(odd + 2, net_checksum(odd, 9));
    build_ip(f, PEER_IP, OUR_IP, 1, 8, 0, odd, 9);
    net_if_input(b->ifp, f, 14 + 29);
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(b->len[0], 14 + 29);
    EXPECT_EQ(b->frame[0][34], 0);
    EXPECT_EQ(net_checksum(b->frame[0] + 34, 9), 0);
    EXPECT_EQ(net_checksum(b->frame[0] + 14, 20), 0);
    return bed_done();
}
