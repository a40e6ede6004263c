// An idle connection gives its buffer block back: a second after the last
// byte moved, with both rings empty, the block is freed (net_if_deadline
// names that moment); bytes sent or received take it again, and the data
// is intact. While the allocator refuses, arriving data is dropped and
// counted, unacknowledged, and taken when the peer sends it again.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define MS 1000000ull

static struct bed *b;
static uint8_t f[1600];
static bool refuse; // the allocator says no

static void *alloc(void *arg, size_t len)
{
    return refuse ? NULL : bed_alloc(arg, len);
}

static void in(uint32_t seq, uint32_t ack, uint8_t flags, const char *data)
{
    b->nframes = 0;
    net_if_input(b->ifp, f,
                 build_tcp(f, 3000, 80, seq, ack, flags, 8192, 0, data,
                           data ? strlen(data) : 0));
}

int main(void)
{
    struct net_if_desc d;
    struct net_config cfg = {.addr = OUR_IP, .prefix = 24};
    struct net_tcp *l, *c;
    struct out_seg o;
    uint32_t iss;
    char buf[16];

    b = bed_new();
    d = (struct net_if_desc)BED_DESC(b);
    d.alloc = alloc;
    memcpy(d.mac, our_mac, 6);
    if (net_if_init(&b->ifp, b->mem, sizeof(b->mem), &d) ||
        net_if_configure(b->ifp, &cfg))
        return 2;
    bed_learn_peer(b);

    EXPECT_EQ(net_tcp_open(b->ifp, &l), 0);
    EXPECT_EQ(net_tcp_bind(l, 80), 0);
    EXPECT_EQ(net_tcp_listen(l, 4), 0);
    in(100, 0, SYN, NULL);
    iss = out_tcp(b, 0).seq;
    in(101, iss + 1, ACK, NULL);
    EXPECT_EQ(net_tcp_accept(l, &c), 0);
    EXPECT_EQ(b->blocks, 1);

    // a request read: the block stays for a second after the read
    in(101, iss + 1, ACK | PSH, "GET");
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 3);
    EXPECT_EQ(net_if_deadline(b->ifp), b->now + 40 * MS); // delayed ACK
    bed_advance(b, 500 * MS);
    EXPECT_EQ(b->blocks, 1);
    EXPECT_EQ(net_if_deadline(b->ifp), b->now + 500 * MS);
    bed_advance(b, 500 * MS);
    EXPECT_EQ(b->blocks, 0);
    EXPECT(net_if_deadline(b->ifp) > b->now + 50000 * MS); // ARP's, not ours

    // a reply sent: the block comes back, the bytes go out, and once they
    // are acknowledged and a quiet second passes, it goes again
    b->nframes = 0;
    EXPECT_EQ(net_tcp_send(c, "reply", 5), 5);
    EXPECT_EQ(b->blocks, 1);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.len == 5 && memcmp(o.data, "reply", 5) == 0);
    bed_advance(b, 1000 * MS); // unacknowledged: kept for retransmission
    EXPECT_EQ(b->blocks, 1);
    in(104, iss + 6, ACK, NULL);
    bed_advance(b, 1000 * MS);
    EXPECT_EQ(b->blocks, 0);

    // no memory when data arrives: dropped, counted, not acknowledged
    refuse = true;
    in(104, iss + 6, ACK | PSH, "next");
    EXPECT_EQ(net_if_stats(b->ifp)->tcp_no_memory, 1);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), -EAGAIN);
    bed_advance(b, 100 * MS);
    o = out_tcp(b, b->nframes - 1);
    EXPECT(b->nframes == 0 || (o.ok && o.ack == 104));
    refuse = false;
    in(104, iss + 6, ACK | PSH, "next");
    EXPECT_EQ(b->blocks, 1);
    EXPECT_EQ(net_tcp_recv(c, buf, sizeof(buf)), 4);
    EXPECT(memcmp(buf, "next", 4) == 0);

    // sending while the allocator refuses fails clearly
    bed_advance(b, 1100 * MS);
    EXPECT_EQ(b->blocks, 0);
    refuse = true;
    EXPECT_EQ(net_tcp_send(c, "x", 1), -ENOMEM);
    refuse = false;

    net_tcp_close(c);
    net_tcp_close(l);
    bed_advance(b, 120000 * MS); // TIME-WAIT and FIN-WAIT end
    EXPECT_EQ(b->blocks, 0);
    return bed_done();
}
