// IPv4 reassembly: fragments in order, out of order, with a piece missing
// (timeout drops it), overlapping or inconsistent (dropped), too big
// (dropped and counted), or too many at once (the oldest is evicted).
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define SEC 1000000000ull
#define MF  0x2000

static uint8_t dgram[9400]; // a UDP datagram to port 7, as IP payload
static size_t dgram_len;

static void make_dgram(size_t payload)
{
    static uint8_t f[9500], data[9300];

    for (size_t i = 0; i < payload; i++)
        data[i] = (uint8_t)(i * 7 + 3);
    dgram_len = build_udp(f, PEER_IP, OUR_IP, 1000, 7, data, payload) - 34;
    memcpy(dgram, f + 34, dgram_len);
}

// Sends dgram[off, off + len) as a fragment of datagram id.
static void frag(struct bed *b, uint16_t id, size_t off, size_t len, bool more)
{
    static uint8_t f[2000];
    uint16_t field = (uint16_t)(off / 8 | (more ? MF : 0));
    // Offsets past our copy (the hostile cases) carry its first bytes.
    const uint8_t *data = off + len <= sizeof(dgram) ? dgram + off : dgram;

    net_if_input(b->ifp, f,
                 build_ip(f, PEER_IP, OUR_IP, 17, id, field, data, len));
}

static struct net_udp *sock(struct bed *b)
{
    static _Alignas(4) uint8_t q[20000];
    struct net_udp *s;

    if (net_udp_open(b->ifp, &s) || net_udp_bind(s, 7) ||
        net_udp_set_queue(s, q, sizeof(q)))
        exit(2);
    return s;
}

// The datagram arrived whole, exactly as sent.
static bool got_it(struct net_udp *s)
{
    static uint8_t buf[9400];
    int n = net_udp_recvfrom(s, buf, sizeof(buf), NULL, NULL);

    return n == (int)dgram_len - 8 && !memcmp(buf, dgram + 8, (size_t)n);
}

int main(void)
{
    struct bed *b = bed_new();
    const struct net_stats *st = net_if_stats(b->ifp);
    struct net_udp *s = sock(b);

    make_dgram(3000); // 3008 bytes: 1480 + 1480 + 48
    frag(b, 1, 0, 1480, true);
    frag(b, 1, 1480, 1480, true);
    EXPECT_EQ(net_udp_peek(s), -EAGAIN);
    frag(b, 1, 2960, 48, false);
    EXPECT(got_it(s));
    EXPECT_EQ(st->frag_done, 1);

    // Reverse order, last fragment first.
    frag(b, 2, 2960, 48, false);
    frag(b, 2, 1480, 1480, true);
    frag(b, 2, 0, 1480, true);
    EXPECT(got_it(s));

    // Small pieces, shuffled.
    static const size_t order[] = {5, 0, 7, 2, 6, 1, 3, 4};
    for (int i = 0; i < 8; i++) {
        size_t off = order[i] * 400;
        frag(b, 3, off, off + 400 < dgram_len ? 400 : dgram_len - off,
             off + 400 < dgram_len);
    }
    EXPECT(got_it(s));
    EXPECT_EQ(net_if_deadline(b->ifp), UINT64_MAX);

    // The middle piece never comes: after 30 s the datagram is dropped, and
    // the piece arriving later does not complete anything.
    frag(b, 4, 0, 1480, true);
    frag(b, 4, 2960, 48, false);
    EXPECT_EQ(net_if_deadline(b->ifp), b->now + 30 * SEC);
    bed_advance(b, 29 * SEC);
    EXPECT_EQ(st->frag_timeout, 0);
    bed_advance(b, 1 * SEC);
    EXPECT_EQ(st->frag_timeout, 1);
    frag(b, 4, 1480, 1480, true);
    EXPECT_EQ(net_udp_peek(s), -EAGAIN);
    bed_advance(b, 30 * SEC);
    EXPECT_EQ(st->frag_timeout, 2);

    // Overlap (teardrop's trick): the second piece starts 8 bytes early.
    frag(b, 5, 0, 1480, true);
    frag(b, 5, 1472, 1488, true);
    EXPECT_EQ(st->frag_overlap, 1);
    frag(b, 5, 2960, 48, false);
    EXPECT_EQ(net_udp_peek(s), -EAGAIN);
    bed_advance(b, 30 * SEC); // the last piece opened a new slot

    // An exact duplicate is an overlap too: the datagram is dropped.
    frag(b, 6, 0, 1480, true);
    frag(b, 6, 0, 1480, true);
    EXPECT_EQ(st->frag_overlap, 2);

    // Two last fragments that disagree on the end; data past the end.
    frag(b, 7, 2960, 48, false);
    frag(b, 7, 2952, 48, false);
    frag(b, 8, 2960, 48, false);
    frag(b, 8, 1480, 1488, true);
    EXPECT_EQ(st->frag_overlap, 4);

    // Malformed: a middle piece not a multiple of 8 long; past 64 KiB.
    frag(b, 9, 0, 1478, true);
    frag(b, 9, 65528, 8, true);
    EXPECT_EQ(st->frag_malformed, 2);
    // Bigger than NET_REASM_BYTES: dropped, the slot freed.
    frag(b, 10, 0, 1480, true);
    frag(b, 10, NET_REASM_BYTES, 8, false);
    EXPECT_EQ(st->frag_too_big, 1);

    // Four unfinished datagrams (an attacker's, never to complete) fill
    // the slots; a fifth evicts the oldest and is reassembled at once,
    // not 30 s later. The evicted one's late pieces complete nothing.
    bed_advance(b, 30 * SEC);
    for (uint16_t id = 20; id < 24; id++) {
        frag(b, id, 0, 1480, true);
        bed_advance(b, 1 * SEC);
    }
    frag(b, 24, 0, 1480, true);
    EXPECT_EQ(st->frag_evicted, 1);
    frag(b, 24, 1480, 1480, true);
    frag(b, 24, 2960, 48, false);
    EXPECT(got_it(s));
    frag(b, 20, 1480, 1480, true); // into the slot 24 left
    frag(b, 20, 2960, 48, false);
    EXPECT_EQ(st->frag_evicted, 1);
    EXPECT_EQ(net_udp_peek(s), -EAGAIN);
    // A steady stream of new first fragments keeps evicting, yet a
    // datagram whose pieces come together is still reassembled.
    for (uint16_t id = 100; id < 140; id++)
        frag(b, id, 0, 1480, true);
    frag(b, 25, 0, 1480, true);
    frag(b, 25, 1480, 1480, true);
    frag(b, 25, 2960, 48, false);
    EXPECT(got_it(s));
    bed_advance(b, 30 * SEC);

    // Same id from two sources: two datagrams, kept apart.
    {
        static uint8_t g[2000];
        uint64_t timeouts = st->frag_timeout;
        frag(b, 40, 0, 1480, true);
        size_t n = build_ip(g, NET_IP4(10, 0, 0, 9), OUR_IP, 17, 40, MF | 0,
                            dgram, 1480);
        net_if_input(b->ifp, g, n);
        frag(b, 40, 1480, 1480, true);
        frag(b, 40, 2960, 48, false);
        EXPECT(got_it(s));
        EXPECT_EQ(st->frag_overlap, 4);
        bed_advance(b, 30 * SEC);
        EXPECT_EQ(st->frag_timeout, timeouts + 1); // the other source's
    }

    // The largest datagram the slots hold, in 1480-byte pieces.
    make_dgram(NET_REASM_BYTES - 8);
    for (size_t off = 0; off < dgram_len; off += 1480)
        frag(b, 30, off, off + 1480 < dgram_len ? 1480 : dgram_len - off,
             off + 1480 < dgram_len);
    EXPECT(got_it(s));
    EXPECT_EQ(st->frag_done, 7);
    EXPECT_EQ(b->nframes, 0);
    return bed_done();
}
