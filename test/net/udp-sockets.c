// UDP: bound sockets receive through a queue or a callback; sendto builds
// byte-exact datagrams; closed ports answer with ICMP port unreachable;
// bad lengths and checksums are counted and dropped; socket errors.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

// 10.0.0.2:5353 -> 10.0.0.1:53 "hello", checksums computed independently.
static const char hello[] = "02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00"
                            "00 21 e6 b2 00 00 40 11 80 17 0a 00 00 02 0a 00"
                            "00 01 14 e9 00 35 00 0d 92 e1 68 65 6c 6c 6f";

static void send_byte_exact(void)
{
    struct bed *b = bed_new();
    struct net_udp *s;
    uint8_t want[64];
    size_t n = hex(want, hello);
    char big[1473] = {0};

    bed_learn_peer(b);
    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    EXPECT_EQ(net_udp_bind(s, 5353), 0);
    EXPECT_EQ(net_udp_sendto(s, PEER_IP, 53, "hello", 5), 5);
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(b->len[0], n);
    EXPECT(!memcmp(b->frame[0], want, n));
    // The largest datagram that fits a 1500-byte MTU, and one byte more.
    EXPECT_EQ(net_udp_sendto(s, PEER_IP, 53, big, 1472), 1472);
    EXPECT_EQ(b->len[1], 1514);
    EXPECT_EQ(net_udp_sendto(s, PEER_IP, 53, big, 1473), -EMSGSIZE);
    EXPECT_EQ(net_udp_sendto(s, PEER_IP, 0, big, 1), -EINVAL);
    bed_del(b);
}

static void receive_queue(void)
{
    struct bed *b = bed_new();
    struct net_udp *s;
    _Alignas(4) uint8_t q[64];
    uint8_t f[128];
    char buf[16];
    uint32_t src;
    uint16_t sport;

    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    EXPECT_EQ(net_udp_bind(s, 7), 0);
    EXPECT_EQ(net_udp_recvfrom(s, buf, sizeof(buf), NULL, NULL), -EAGAIN);
    EXPECT_EQ(net_udp_set_queue(s, q, sizeof(q)), 0);
    net_if_input(b->ifp, f, build_udp(f, PEER_IP, OUR_IP, 1111, 7, "one", 3));
    net_if_input(b->ifp, f,
                 build_udp(f, PEER_IP, OUR_IP, 2222, 7, "second!!", 8));
    // 8 + 4 and 8 + 8 bytes used; 40 left, so a 36-byte datagram fits
    // (44 would not: 8 + 36 = 44 > 40).
    net_if_input(b->ifp, f, build_udp(f, PEER_IP, OUR_IP, 3, 7, NULL, 33));
    EXPECT_EQ(net_if_stats(b->ifp)->udp_queue_full, 1);
    EXPECT_EQ(net_udp_peek(s), 3);
    EXPECT_EQ(net_udp_recvfrom(s, buf, sizeof(buf), &src, &sport), 3);
    EXPECT(!memcmp(buf, "one", 3));
    EXPECT_EQ(src, PEER_IP);
    EXPECT_EQ(sport, 1111);
    // A short buffer gets the start; the rest of the datagram is gone.
    EXPECT_EQ(net_udp_recvfrom(s, buf, 6, &src, &sport), 6);
    EXPECT(!memcmp(buf, "second", 6));
    EXPECT_EQ(sport, 2222);
    EXPECT_EQ(net_udp_peek(s), -EAGAIN);
    // Emptied, the whole queue is free again.
    net_if_input(b->ifp, f, build_udp(f, PEER_IP, OUR_IP, 3, 7, NULL, 56));
    EXPECT_EQ(net_udp_peek(s), 56);
    EXPECT_EQ(net_udp_recvfrom(s, buf, sizeof(buf), 0, 0), 16);
    // A zero checksum means "none" in IPv4 and is accepted.
    build_udp(f, PEER_IP, OUR_IP, 9, 7, "z", 1);
    f[40] = f[41] = 0;
    net_if_input(b->ifp, f, 14 + 20 + 9);
    EXPECT_EQ(net_udp_recvfrom(s, buf, sizeof(buf), 0, 0), 1);
    EXPECT_EQ(buf[0], 'z');
    EXPECT_EQ(net_if_stats(b->ifp)->udp_cksum, 0);
    bed_del(b);
}

struct echo {
    int calls;
    char last[8];
};

static void echo_back(void *arg, struct net_udp *s, uint32_t src,
                      uint16_t sport, const void *data, size_t len)
{
    struct echo *e = arg;

    e->calls++;
    memcpy(e->last, data, len < 8 ? len : 8);
    net_udp_sendto(s, src, sport, data, len);
}

static void receive_callback(void)
{
    struct bed *b = bed_new();
    struct net_udp *s;
    struct echo e = {0};
    uint8_t f[128], pseudo[12];

    bed_learn_peer(b);
    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    EXPECT_EQ(net_udp_bind(s, 7), 0);
    net_udp_on_recv(s, echo_back, &e);
    net_if_input(b->ifp, f, build_udp(f, PEER_IP, OUR_IP, 4000, 7, "ping", 4));
    EXPECT_EQ(e.calls, 1);
    EXPECT(!memcmp(e.last, "ping", 4));
    EXPECT_EQ(b->nframes, 1);
    const uint8_t *u = b->frame[0] + 34;
    EXPECT_EQ(get16be(u), 7);
    EXPECT_EQ(get16be(u + 2), 4000);
    EXPECT_EQ(get16be(u + 4), 12);
    EXPECT(!memcmp(u + 8, "ping", 4));
    // The checksum over pseudo-header and datagram sums to zero.
    put32be(pseudo, OUR_IP);
    put32be(pseudo + 4, PEER_IP);
    put16be(pseudo + 8, 17);
    put16be(pseudo + 10, 12);
    uint8_t all[24];
    memcpy(all, pseudo, 12);
    memcpy(all + 12, u, 12);
    EXPECT_EQ(net_checksum(all, 24), 0);
    bed_del(b);
}

static void close_self(void *arg, struct net_udp *s, uint32_t src,
                       uint16_t sport, const void *data, size_t len)
{
    ++*(int *)arg;
    net_udp_close(s);
}

// A callback may close its own socket; the next datagram finds the port
// closed.
static void close_in_callback(void)
{
    struct bed *b = bed_new();
    struct net_udp *s;
    uint8_t f[128];
    int calls = 0;

    bed_learn_peer(b);
    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    EXPECT_EQ(net_udp_bind(s, 7), 0);
    net_udp_on_recv(s, close_self, &calls);
    net_if_input(b->ifp, f, build_udp(f, PEER_IP, OUR_IP, 1, 7, "a", 1));
    net_if_input(b->ifp, f, build_udp(f, PEER_IP, OUR_IP, 1, 7, "b", 1));
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(net_if_stats(b->ifp)->udp_no_port, 1);
    bed_del(b);
}

static void closed_port(void)
{
    struct bed *b = bed_new();
    uint8_t f[128];
    size_t n = build_udp(f, PEER_IP, OUR_IP, 4000, 9999, "knock", 5);

    bed_learn_peer(b);
    net_if_input(b->ifp, f, n);
    EXPECT_EQ(net_if_stats(b->ifp)->udp_no_port, 1);
    EXPECT_EQ(b->nframes, 1);
    // type 3 code 3, then the offending IP header and 8 bytes after it.
    const uint8_t *m = b->frame[0] + 34;
    EXPECT_EQ(b->len[0], 34 + 8 + 20 + 8);
    EXPECT_EQ(b->frame[0][23], 1);
    EXPECT_EQ(m[0], 3);
    EXPECT_EQ(m[1], 3);
    EXPECT(!memcmp(m + 8, f + 14, 28));
    EXPECT_EQ(net_checksum(m, 36), 0);
    EXPECT_EQ(net_if_stats(b->ifp)->icmp_unreach, 1);
    // Broadcast to a closed port: no error (RFC 1122 3.2.2).
    b->nframes = 0;
    n = build_udp(f, PEER_IP, 0xffffffff, 68, 67, "dhcp", 4);
    memset(f, 0xff, 6);
    net_if_input(b->ifp, f, n);
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(net_if_stats(b->ifp)->udp_no_port, 2);
    bed_del(b);
}

static void bad_datagrams(void)
{
    struct bed *b = bed_new();
    const struct net_stats *st = net_if_stats(b->ifp);
    struct net_udp *s;
    _Alignas(4) uint8_t q[256];
    uint8_t f[128];
    size_t n;

    EXPECT_EQ(net_udp_open(b->ifp, &s), 0);
    EXPECT_EQ(net_udp_bind(s, 7), 0);
    EXPECT_EQ(net_udp_set_queue(s, q, sizeof(q)), 0);
    n = build_udp(f, PEER_IP, OUR_IP, 1, 7, "abcdef", 6);
    f[n - 1] ^= 0x40; // payload corrupted in flight
    net_if_input(b->ifp, f, n);
    EXPECT_EQ(st->udp_cksum, 1);
    n = build_udp(f, PEER_IP, OUR_IP, 1, 7, "abcdef", 6);
    put16be(f + 38, 15); // UDP length beyond the IP payload
    net_if_input(b->ifp, f, n);
    put16be(f + 38, 7); // shorter than its own header
    net_if_input(b->ifp, f, n);
    build_ip(f, PEER_IP, OUR_IP, 17, 1, 0, "\x00\x01\x00", 3); // runt
    net_if_input(b->ifp, f, 14 + 23);
    EXPECT_EQ(st->udp_malformed, 3);
    EXPECT_EQ(net_udp_peek(s), -EAGAIN);
    EXPECT_EQ(b->nframes, 0);
    bed_del(b);
}

static void socket_errors(void)
{
    struct bed *b = bed_new();
    struct net_udp *s[16], *extra;
    struct net_config none = {0}, nogw = {.addr = OUR_IP, .prefix = 24};

    for (int i = 0; i < 16; i++)
        EXPECT_EQ(net_udp_open(b->ifp, &s[i]), 0);
    EXPECT_EQ(net_udp_bind(s[0], 53), 0);
    EXPECT_EQ(net_udp_bind(s[0], 54), -EINVAL);
    EXPECT_EQ(net_udp_bind(s[1], 53), -EADDRINUSE);
    EXPECT_EQ(net_udp_bind(s[1], 0), 0);
    EXPECT(net_udp_port(s[1]) >= 49152);
    EXPECT_EQ(net_udp_set_queue(s[2], NULL, 64), -EINVAL);
    net_udp_close(s[0]);
    EXPECT_EQ(net_udp_open(b->ifp, &extra), 0);
    EXPECT_EQ(net_udp_bind(extra, 53), 0);
    // Unbound sockets get an ephemeral port on first send.
    EXPECT_EQ(net_udp_sendto(s[3], 0xffffffff, 9, "x", 1), 1);
    EXPECT(net_udp_port(s[3]) >= 49152 &&
           net_udp_port(s[3]) != net_udp_port(s[1]));
    EXPECT_EQ(net_if_configure(b->ifp, &nogw), 0);
    EXPECT_EQ(net_udp_sendto(s[3], NET_IP4(8, 8, 8, 8), 9, "x", 1),
              -ENETUNREACH);
    EXPECT_EQ(net_if_configure(b->ifp, &none), 0);
    EXPECT_EQ(net_udp_sendto(s[3], PEER_IP, 9, "x", 1), -EADDRNOTAVAIL);
    EXPECT_EQ(net_udp_sendto(s[3], 0xffffffff, 9, "x", 1), 1);
    EXPECT_EQ(net_if_stats(b->ifp)->ip_no_route, 2);
    bed_del(b);
}

int main(void)
{
    send_byte_exact();
    receive_queue();
    receive_callback();
    close_in_callback();
    closed_port();
    bad_datagrams();
    socket_errors();
    return bed_done();
}
