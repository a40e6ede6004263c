// A fake embedder for libs/net tests: a clock the test moves by hand, a
// transmit callback that records frames, and helpers that build frames.
#ifndef NETTEST_H
#define NETTEST_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"

#define MAX_FRAMES 32

struct bed {
    struct net_if *ifp;
    uint64_t now;
    long blocks; // TCP buffer blocks the stack holds (see bed_alloc)
    long allocs; // every block it holds: sockets, ports, tables, buffers
    long alloc_calls, free_calls;
    struct bed_block *held; // every block it holds, to free in bed_del
    int nframes;
    size_t len[MAX_FRAMES];
    uint8_t frame[MAX_FRAMES][1600];
    _Alignas(8) uint8_t mem[NET_IF_SIZE];
};

static int failures; // EXPECT failures so far

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                        \
        }                                                                      \
    } while (0)

#define EXPECT_EQ(a, b)                                                        \
    do {                                                                       \
        long long a_ = (long long)(a), b_ = (long long)(b);                    \
        if (a_ != b_) {                                                        \
            fprintf(stderr, "%s:%d: FAILED: %s == %s (%lld != %lld)\n",        \
                    __FILE__, __LINE__, #a, #b, a_, b_);                       \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static inline int bed_tx(void *arg, const void *frame, size_t len)
{
    struct bed *b = arg;

    if (b->nframes == MAX_FRAMES || len > sizeof(b->frame[0]))
        return -ENOBUFS;
    memcpy(b->frame[b->nframes], frame, len);
    b->len[b->nframes++] = len;
    return 0;
}

static inline uint64_t bed_now(void *arg)
{
    return ((struct bed *)arg)->now;
}

// The stack's memory comes from malloc. Each block starts with its
// length, so a free with a different length is caught, and is listed, so
// bed_del can free what the stack still holds (an interface has no
// teardown call). Blocks of 2 * NET_TCP_BUF_MIN bytes or more count as
// TCP buffer blocks: sockets and ports are far smaller, and so are tables
// below 1024 buckets.
#define BED_BUF_BLOCK (2 * NET_TCP_BUF_MIN)

struct bed_block {
    struct bed_block *prev, *next;
    size_t len;
    size_t pad; // keeps the block 16-byte aligned, as malloc's own
};

static inline void *bed_alloc(void *arg, size_t len)
{
    struct bed *b = arg;
    struct bed_block *h = malloc(sizeof(*h) + len);

    b->alloc_calls++;
    if (!h)
        return NULL;
    h->len = len;
    h->prev = NULL;
    h->next = b->held;
    if (h->next)
        h->next->prev = h;
    b->held = h;
    b->blocks += len >= BED_BUF_BLOCK;
    b->allocs++;
    return h + 1;
}

static inline void bed_free(void *arg, void *p, size_t len)
{
    struct bed *b = arg;
    struct bed_block *h = (struct bed_block *)p - 1;

    if (h->len != len) {
        fprintf(stderr, "bed_free: length %zu, allocated %zu\n", len, h->len);
        abort();
    }
    if (h->prev)
        h->prev->next = h->next;
    else
        b->held = h->next;
    if (h->next)
        h->next->prev = h->prev;
    b->free_calls++;
    b->blocks -= len >= BED_BUF_BLOCK;
    b->allocs--;
    free(h);
}

#define BED_DESC(b)                                                            \
    {                                                                          \
        .tx = bed_tx, .now = bed_now, .alloc = bed_alloc, .free = bed_free,    \
        .arg = (b)                                                             \
    }

static const uint8_t our_mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
static const uint8_t peer_mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
#define OUR_IP  NET_IP4(10, 0, 0, 2)
#define PEER_IP NET_IP4(10, 0, 0, 1)

// An interface with 10.0.0.2/24, gateway 10.0.0.1, and its gratuitous ARP
// already taken from the frame log.
static inline struct bed *bed_new(void)
{
    struct bed *b = calloc(1, sizeof(*b));
    struct net_if_desc d = BED_DESC(b);
    struct net_config cfg = {.addr = OUR_IP, .prefix = 24, .gateway = PEER_IP};

    b->now = 1000000000ull;
    memcpy(d.mac, our_mac, 6);
    if (net_if_init(&b->ifp, b->mem, sizeof(b->mem), &d) ||
        net_if_configure(b->ifp, &cfg)) {
        fprintf(stderr, "bed_new: setup failed\n");
        exit(2);
    }
    b->nframes = 0;
    return b;
}

// Frees b and whatever its interface still holds.
static inline void bed_del(struct bed *b)
{
    while (b->held)
        bed_free(b, b->held + 1, b->held->len);
    free(b);
}

static inline void bed_advance(struct bed *b, uint64_t ns)
{
    b->now += ns;
    net_if_timer(b->ifp);
}

// Parses hex text ("ff ff 02 00 ...", whitespace ignored) into out.
static inline size_t hex(uint8_t *out, const char *text)
{
    size_t n = 0;
    unsigned v;
    int k;

    while (sscanf(text, " %2x%n", &v, &k) == 1) {
        out[n++] = (uint8_t)v;
        text += k;
    }
    return n;
}

static inline void put16be(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static inline void put32be(uint8_t *p, uint32_t v)
{
    put16be(p, (uint16_t)(v >> 16));
    put16be(p + 2, (uint16_t)v);
}

static inline uint16_t get16be(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

// Builds Ethernet (peer -> us) + IPv4 header + payload; returns the frame
// length. frag is the flags/offset field as sent.
static inline size_t build_ip(uint8_t *f, uint32_t src, uint32_t dst,
                              uint8_t proto, uint16_t id, uint16_t frag,
                              const void *payload, size_t len)
{
    uint8_t *h = f + 14;

    memcpy(f, our_mac, 6);
    memcpy(f + 6, peer_mac, 6);
    put16be(f + 12, 0x0800);
    memset(h, 0, 20);
    h[0] = 0x45;
    put16be(h + 2, (uint16_t)(20 + len));
    put16be(h + 4, id);
    put16be(h + 6, frag);
    h[8] = 64;
    h[9] = proto;
    put32be(h + 12, src);
    put32be(h + 16, dst);
    put16be(h + 10, net_checksum(h, 20));
    memcpy(h + 20, payload, len);
    return 14 + 20 + len;
}

// A SYN (MSS 1460, window 64240) from any source src:sport to us:dport,
// with a correct checksum, as a frame from the peer's MAC; returns its
// length. For floods from forged addresses.
static inline size_t build_syn_from(uint8_t *f, uint32_t src, uint16_t sport,
                                    uint16_t dport, uint32_t seq)
{
    uint8_t t[24] = {0}, pseudo[12];
    uint32_t sum;

    put16be(t, sport);
    put16be(t + 2, dport);
    put32be(t + 4, seq);
    t[12] = 6 << 4;
    t[13] = 0x02; // SYN
    put16be(t + 14, 64240);
    t[20] = 2; // MSS
    t[21] = 4;
    put16be(t + 22, 1460);
    put32be(pseudo, src);
    put32be(pseudo + 4, OUR_IP);
    put16be(pseudo + 8, 6);
    put16be(pseudo + 10, sizeof(t));
    sum = (uint16_t)~net_checksum(pseudo, 12);
    sum += (uint16_t)~net_checksum(t, sizeof(t));
    sum = (sum & 0xffff) + (sum >> 16);
    put16be(t + 16, (uint16_t)~sum);
    return build_ip(f, src, OUR_IP, 6, 1, 0, t, sizeof(t));
}

// A UDP datagram with a correct checksum (payload may be NULL: zeros).
static inline size_t build_udp(uint8_t *f, uint32_t src, uint32_t dst,
                               uint16_t sport, uint16_t dport, const void *data,
                               size_t len)
{
    uint8_t u[9400] = {0}, pseudo[12];
    uint32_t sum;

    put16be(u, sport);
    put16be(u + 2, dport);
    put16be(u + 4, (uint16_t)(8 + len));
    if (data)
        memcpy(u + 8, data, len);
    put32be(pseudo, src);
    put32be(pseudo + 4, dst);
    pseudo[8] = 0;
    pseudo[9] = 17;
    put16be(pseudo + 10, (uint16_t)(8 + len));
    sum = (uint16_t)~net_checksum(pseudo, 12);
    sum += (uint16_t)~net_checksum(u, 8 + len);
    sum = (sum & 0xffff) + (sum >> 16);
    put16be(u + 6, (uint16_t)~sum ? (uint16_t)~sum : 0xffff);
    return build_ip(f, src, dst, 17, 0x1234, 0, u, 8 + len);
}

// Our ARP cache learns the peer (it asks us for our address).
static inline void bed_learn_peer(struct bed *b)
{
    uint8_t f[60] = {0};

    memset(f, 0xff, 6);
    memcpy(f + 6, peer_mac, 6);
    hex(f + 12, "08 06 00 01 08 00 06 04 00 01");
    memcpy(f + 22, peer_mac, 6);
    put32be(f + 28, PEER_IP);
    put32be(f + 38, OUR_IP);
    net_if_input(b->ifp, f, sizeof(f));
    b->nframes = 0;
}

#define FIN 0x01
#define SYN 0x02
#define RST 0x04
#define PSH 0x08
#define ACK 0x10

// A TCP segment from PEER_IP:sport to us with olen bytes of options
// (a multiple of 4).
static inline size_t build_tcp_opts(uint8_t *f, uint16_t sport, uint16_t dport,
                                    uint32_t seq, uint32_t ack, uint8_t flags,
                                    uint16_t wnd, const uint8_t *opts,
                                    size_t olen, const void *data, size_t len)
{
    uint8_t t[1600] = {0}, pseudo[12];
    size_t hlen = 20 + olen;
    uint32_t sum;

    put16be(t, sport);
    put16be(t + 2, dport);
    put32be(t + 4, seq);
    put32be(t + 8, ack);
    t[12] = (uint8_t)(hlen / 4 << 4);
    t[13] = flags;
    put16be(t + 14, wnd);
    memcpy(t + 20, opts, olen);
    if (len)
        memcpy(t + hlen, data, len);
    put32be(pseudo, PEER_IP);
    put32be(pseudo + 4, OUR_IP);
    put16be(pseudo + 8, 6);
    put16be(pseudo + 10, (uint16_t)(hlen + len));
    sum = (uint16_t)~net_checksum(pseudo, 12);
    sum += (uint16_t)~net_checksum(t, hlen + len);
    sum = (sum & 0xffff) + (sum >> 16);
    put16be(t + 16, (uint16_t)~sum);
    return build_ip(f, PEER_IP, OUR_IP, 6, 0x4321, 0, t, hlen + len);
}

// A TCP segment from PEER_IP:sport to us; mss != 0 adds the MSS option.
static inline size_t build_tcp(uint8_t *f, uint16_t sport, uint16_t dport,
                               uint32_t seq, uint32_t ack, uint8_t flags,
                               uint16_t wnd, uint16_t mss, const void *data,
                               size_t len)
{
    uint8_t t[1600] = {0}, pseudo[12];
    size_t hlen = mss ? 24 : 20;
    uint32_t sum;

    put16be(t, sport);
    put16be(t + 2, dport);
    put32be(t + 4, seq);
    put32be(t + 8, ack);
    t[12] = (uint8_t)(hlen / 4 << 4);
    t[13] = flags;
    put16be(t + 14, wnd);
    if (mss) {
        t[20] = 2;
        t[21] = 4;
        put16be(t + 22, mss);
    }
    if (len)
        memcpy(t + hlen, data, len);
    put32be(pseudo, PEER_IP);
    put32be(pseudo + 4, OUR_IP);
    put16be(pseudo + 8, 6);
    put16be(pseudo + 10, (uint16_t)(hlen + len));
    sum = (uint16_t)~net_checksum(pseudo, 12);
    sum += (uint16_t)~net_checksum(t, hlen + len);
    sum = (sum & 0xffff) + (sum >> 16);
    put16be(t + 16, (uint16_t)~sum);
    return build_ip(f, PEER_IP, OUR_IP, 6, 0x4321, 0, t, hlen + len);
}

// A segment we sent, decoded; ok is false if it is not TCP to the peer
// with correct IP and TCP checksums.
struct out_seg {
    bool ok;
    uint16_t sport, dport, wnd, mss;
    uint32_t seq, ack;
    uint8_t flags;
    const uint8_t *data;
    size_t len;
};

static inline struct out_seg out_tcp(const struct bed *b, int i)
{
    struct out_seg o = {0};
    const uint8_t *f = b->frame[i], *t = f + 34;
    uint8_t buf[1600];
    size_t tl;

    if (i >= b->nframes || b->len[i] < 54 || get16be(f + 12) != 0x0800 ||
        f[23] != 6 || net_checksum(f + 14, 20))
        return o;
    tl = get16be(f + 16) - 20;
    memcpy(buf, f + 26, 8);
    buf[8] = 0;
    buf[9] = 6;
    put16be(buf + 10, (uint16_t)tl);
    memcpy(buf + 12, t, tl);
    if (net_checksum(buf, 12 + tl))
        return o;
    o.ok = true;
    o.sport = get16be(t);
    o.dport = get16be(t + 2);
    o.seq = (uint32_t)get16be(t + 4) << 16 | get16be(t + 6);
    o.ack = (uint32_t)get16be(t + 8) << 16 | get16be(t + 10);
    o.flags = t[13];
    o.wnd = get16be(t + 14);
    if ((t[12] >> 4) * 4 >= 24 && t[20] == 2)
        o.mss = get16be(t + 22);
    o.data = t + (t[12] >> 4) * 4;
    o.len = tl - (size_t)(t[12] >> 4) * 4;
    return o;
}

static inline int bed_done(void)
{
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}

#endif
