// libFuzzer target: arbitrary bytes become a script of frames, clock steps
// and sends against a configured interface with two UDP sockets. The
// stack must never crash, read out of bounds, hit undefined behaviour, or
// transmit a frame with a wrong IP checksum. CI runs it for 20 seconds
// from the committed seed corpus (new finds go to a scratch folder).
// RUN: %net-fuzz-cc %s %src_root/libs/net/*.c -o %t
// RUN: rm -rf %t.corpus && mkdir %t.corpus
// RUN: %t -max_total_time=20 -runs=100000000 -timeout=10 %t.corpus \
// RUN:   %S/Inputs/fuzz-corpus 2>&1 | FileCheck %s
// CHECK: Done {{[0-9]+}} runs
//
// Script: one opcode byte, then its operands, until the input ends.
//   0x00-0x3f  frame: 2-byte length, then that many bytes (fewer if the
//              input ends). Bit 0 puts an Ethernet header (peer -> us,
//              IPv4) in front, bit 1 fixes the IP header checksum, bit 2
//              the UDP or ICMP checksum: so mutations get past the
//              checksums and reach the layers behind them.
//              Bit 4 adds the ISN of our last SYN to the TCP
//              acknowledgment field, so handshakes can be written down.
//   0x40-0x4f  send: 4-byte destination, 1 byte n; UDP sendto of n * 7
//              bytes from the port-7 socket to port 9.
//   0x50-0x57  peers: 1 byte n, 1 byte b; n connections to port 80 from
//              10.0.0.1, ports from 1024 + 256 * b, made by hand-made
//              handshakes (SYN, then the ACK of the SYN-ACK seen), then
//              each gets, by op & 7: 0 nothing (it stays open), 1 data,
//              2 a RST in the window but not at RCV.NXT, 3 a SYN, 4 a FIN,
//              5 a RST at RCV.NXT, 6 an ACK of data never sent (2, 3, 6
//              draw challenge ACKs), 7 no ACK (the SYN alone: a flood).
//              So tables grow and shrink, and the SYN cookie paths run.
//   0x58-0x5f  memory: 1 byte k, 1 byte n; after k more allocations the
//              next n fail (255: all fail until the next memory opcode).
//   0x60-0x7f  connect: 4-byte destination, 1 byte n; a TCP connect to
//              port 80 that sends n * 7 bytes once it is established.
// A TCP listener on port 80 echoes what it receives and closes on EOF; the
// DHCP client runs (its DISCOVER's xid is the same in every run). After
// each step the stack's internals are checked: every socket's timers are
// in the heap at the right time, the heap is ordered, and every socket
// block is accounted for, and the half-open children are counted by
// their listener within its backlog.
//   0x80-0xff  time: advance (op & 0x7f) * 100 ms, run the timer.
// After a frame or send, bit 3 of the opcode drains the port-7 queue.
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define OUR_IP  NET_IP4(10, 0, 0, 2)
#define PEER_IP NET_IP4(10, 0, 0, 1)

static uint64_t clock_ns;
static uint32_t last_isn;
static size_t connect_bytes;
static _Alignas(8) uint8_t mem[NET_IF_SIZE];
static _Alignas(4) uint8_t queue[2048];

static int tx(void *arg, const void *frame, size_t len)
{
    const uint8_t *f = frame;

    if (len < 14 || len > 1514)
        abort();
    if (get16(f + 12) == 0x0800 &&
        (len < 34 || net_checksum(f + 14, (size_t)(f[14] & 15) * 4)))
        abort();
    if (get16(f + 12) == 0x0800 && f[23] == 6 && len >= 54 && (f[47] & 2))
        last_isn = (uint32_t)get16(f + 38) << 16 | get16(f + 40);
    return 0;
}

static uint64_t clock_now(void *arg)
{
    return clock_ns;
}

// Memory: malloc'd and listed, so a free of a block the stack does not
// hold (or with another length) aborts, and the blocks the last input left
// behind are freed before the next one starts. fail_after and fail_count
// make allocations fail on purpose (the memory opcode).
struct block {
    struct block *prev, *next;
    size_t len;
    uint64_t magic;
};

#define MAGIC 0x6e6574626c6f636bull

static struct block *held;
static long tcp_blocks; // blocks of a TCP socket's size
static int fail_after, fail_count;

static void *alloc(void *arg, size_t len)
{
    struct block *b;

    if (fail_count && fail_after-- <= 0) {
        if (fail_count != 255)
            fail_count--;
        return NULL;
    }
    if (!(b = malloc(sizeof(*b) + len)))
        abort();
    b->len = len;
    b->magic = MAGIC;
    b->prev = NULL;
    b->next = held;
    if (held)
        held->prev = b;
    held = b;
    tcp_blocks += len == sizeof(struct net_tcp);
    return b + 1;
}

static void release(void *arg, void *p, size_t len)
{
    struct block *b = (struct block *)p - 1;

    if (!p || b->magic != MAGIC || b->len != len)
        abort();
    b->magic = 0;
    if (b->prev)
        b->prev->next = b->next;
    else
        held = b->next;
    if (b->next)
        b->next->prev = b->prev;
    tcp_blocks -= len == sizeof(struct net_tcp);
    free(b);
}

static void echo(void *arg, struct net_udp *s, uint32_t src, uint16_t sport,
                 const void *data, size_t len)
{
    net_udp_sendto(s, src, sport, data, len);
}

static void on_tcp(void *arg, struct net_tcp *s, unsigned ev)
{
    static const uint8_t zeros[7 * 255];
    struct net_tcp *c;
    uint8_t buf[512];
    int n;

    if (ev & NET_TCP_EV_ACCEPT) {
        while (net_tcp_accept(s, &c) == 0)
            net_tcp_on_event(c, on_tcp, NULL);
        return;
    }
    if (ev & NET_TCP_EV_CONNECTED)
        net_tcp_send(s, zeros, connect_bytes);
    while ((n = net_tcp_recv(s, buf, sizeof(buf))) > 0)
        net_tcp_send(s, buf, (size_t)n);
    if (n == 0 || (ev & NET_TCP_EV_ERROR))
        net_tcp_close(s);
}

// Makes the transport checksum right (UDP with its pseudo-header, ICMP
// without), if the frame is an unfragmented IPv4 datagram that fits.
static void fix_transport(uint8_t *f, size_t len)
{
    uint8_t *ip = f + 14, buf[1600];
    size_t ihl = (size_t)(ip[0] & 15) * 4, total = get16(ip + 2);

    if (ihl < 20 || total < ihl + 8 || 14 + total > len ||
        (get16(ip + 6) & 0x3fff))
        return;
    uint8_t *t = ip + ihl;
    size_t tl = total - ihl;
    if (ip[9] == 1) {
        put16(t + 2, 0);
        put16(t + 2, net_checksum(t, tl));
    } else if ((ip[9] == 17 && tl == get16(t + 4)) ||
               (ip[9] == 6 && tl >= 20)) {
        size_t at = ip[9] == 17 ? 6 : 16;
        memcpy(buf, ip + 12, 8);
        buf[8] = 0;
        buf[9] = ip[9];
        put16(buf + 10, (uint16_t)tl);
        put16(t + at, 0);
        memcpy(buf + 12, t, tl);
        put16(t + at, net_checksum(buf, 12 + tl));
    }
}

// A TCP segment from PEER_IP:sport to port 80, checksums right.
static void segment(struct net_if *ifp, uint16_t sport, uint32_t seq,
                    uint32_t ack, uint8_t flags, const char *data)
{
    size_t len = data ? strlen(data) : 0;
    uint8_t f[14 + 20 + 20 + 16] = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 8, 0};
    uint8_t *ip = f + 14, *t = ip + 20;

    ip[0] = 0x45;
    put16(ip + 2, (uint16_t)(40 + len));
    ip[8] = 64;
    ip[9] = 6;
    put32(ip + 12, PEER_IP);
    put32(ip + 16, OUR_IP);
    put16(ip + 10, net_checksum(ip, 20));
    put16(t, sport);
    put16(t + 2, 80);
    put32(t + 4, seq);
    put32(t + 8, ack);
    t[12] = 5 << 4;
    t[13] = flags;
    put16(t + 14, 8192);
    if (len)
        memcpy(t + 20, data, len);
    fix_transport(f, 14 + 40 + len);
    net_if_input(ifp, f, 14 + 40 + len);
}

// The peers opcode: n hand-made connections, then what op & 7 says.
static void peers(struct net_if *ifp, uint8_t op, int n, int base)
{
    static const uint8_t arp[42] = {2,  0, 0, 0, 0, 1, 2, 0, 0, 0, 0,  2, 8, 6,
                                    0,  1, 8, 0, 6, 4, 0, 1, 2, 0, 0,  0, 0, 2,
                                    10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2};

    net_if_input(ifp, arp, sizeof(arp)); // so SYN-ACKs go out at once
    for (int i = 0; i < n; i++) {
        uint16_t port = (uint16_t)(1024 + 256 * base + i);
        uint32_t seq = 0x10000u * (uint32_t)i + 7, isn;
        last_isn = 0;
        segment(ifp, port, seq, 0, TCP_SYN, NULL);
        isn = last_isn + 1;
        if ((op & 7) == 7)
            continue;
        segment(ifp, port, seq + 1, isn, TCP_ACK, NULL);
        switch (op & 7) {
        case 1:
            segment(ifp, port, seq + 1, isn, TCP_ACK | TCP_PSH, "hi");
            break;
        case 2: segment(ifp, port, seq + 2, isn, TCP_RST, NULL); break;
        case 3: segment(ifp, port, seq + 9, 0, TCP_SYN, NULL); break;
        case 4:
            segment(ifp, port, seq + 1, isn, TCP_ACK | TCP_FIN, NULL);
            break;
        case 5: segment(ifp, port, seq + 1, 0, TCP_RST, NULL); break;
        case 6: segment(ifp, port, seq + 1, isn + 5000, TCP_ACK, NULL); break;
        }
    }
}

// The internals after a step: every running TCP socket is in the heap
// exactly when it has a timer, at its due time, and the heap is ordered;
// the socket blocks allocated are the sockets the stack counts.
static void check(struct net_if *ifp, const struct net_tcp *l)
{
    struct net_table *t = &ifp->tcp_conns;
    uint32_t half = 0;

    // The half-open children, one list for every listener: each is
    // counted by its own, and the backlog bounds them.
    for (struct net_tcp *c = ifp->half_open.head; c; c = c->next) {
        if (!c->used || c->state != NET_TCP_SYN_RECEIVED || c->parent != l ||
            c->queue != &ifp->half_open)
            abort();
        half++;
    }
    if (half != ifp->half_open.n || half != l->nhalf || half > l->backlog)
        abort();

    if (ifp->depth || ifp->dead || (long)ifp->ntcp != tcp_blocks ||
        ifp->ntcp > ifp->timers.cap || ifp->timers.n > ifp->ntcp)
        abort();
    for (uint32_t i = 0; i < ifp->timers.n; i++) {
        struct net_tcp *s = ifp->timers.at[i];
        if (s->heap_at != i + 1 || !s->used || s->wake != net_tcp_due(s) ||
            (i && ifp->timers.at[(i - 1) / 2]->wake > s->wake))
            abort();
    }
    for (uint32_t b = 0; b <= t->mask; b++) {
        for (struct net_hnode *n = t->b[b]; n; n = n->next) {
            struct net_tcp *s = (struct net_tcp *)n;
            if ((n->hash & t->mask) != b || !s->used)
                abort();
            if (net_tcp_due(s) != (s->heap_at ? s->wake : 0))
                abort();
        }
    }
}

static void frame(struct net_if *ifp, uint8_t op, const uint8_t *p, size_t n)
{
    static const uint8_t hdr[14] = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 8, 0};
    uint8_t f[1600];
    size_t len = 0;

    if (op & 1) {
        memcpy(f, hdr, 14);
        len = 14;
    }
    if (n > sizeof(f) - len)
        n = sizeof(f) - len;
    memcpy(f + len, p, n);
    len += n;
    if ((op & 6) && len >= 34 && get16(f + 12) == 0x0800) {
        size_t ihl = (size_t)(f[14] & 15) * 4;
        if ((op & 0x10) && f[23] == 6 && 14 + ihl + 12 <= len) {
            uint8_t *a = f + 14 + ihl + 8;
            uint32_t ack = (uint32_t)get16(a) << 16 | get16(a + 2);
            ack += last_isn;
            put16(a, (uint16_t)(ack >> 16));
            put16(a + 2, (uint16_t)ack);
        }
        if ((op & 4) && ihl >= 20 && 14 + ihl <= len)
            fix_transport(f, len);
        if ((op & 2) && ihl >= 20 && 14 + ihl <= len) {
            put16(f + 24, 0);
            put16(f + 24, net_checksum(f + 14, ihl));
        }
    }
    net_if_input(ifp, f, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t zeros[7 * 255];
    struct net_if_desc d = {.tx = tx,
                            .now = clock_now,
                            .alloc = alloc,
                            .free = release,
                            .mac = {2, 0, 0, 0, 0, 1}};
    struct net_config cfg = {
        .addr = OUR_IP, .prefix = 24, .gateway = NET_IP4(10, 0, 0, 1)};
    struct net_if *ifp;
    struct net_udp *s7, *s9;
    struct net_tcp *l;
    uint8_t buf[64];

    clock_ns = 1000000000;
    fail_count = 0;
    while (held)
        release(NULL, held + 1, held->len);
    if (net_if_init(&ifp, mem, sizeof(mem), &d) ||
        net_if_configure(ifp, &cfg) || net_udp_open(ifp, &s7) ||
        net_udp_bind(s7, 7) || net_udp_set_queue(s7, queue, sizeof(queue)) ||
        net_udp_open(ifp, &s9) || net_udp_bind(s9, 9) ||
        net_tcp_open(ifp, &l) || net_tcp_bind(l, 80) ||
        net_tcp_setopt(l, NET_TCP_OPT_RCVBUF, 4096) ||
        net_tcp_setopt(l, NET_TCP_OPT_SNDBUF, 4096) || net_tcp_listen(l, 4))
        abort();
    net_tcp_on_event(l, on_tcp, NULL);
    if (net_dhcp_start(ifp)) // replies to port 68 reach the DHCP parser
        abort();
    last_isn = 0;
    net_udp_on_recv(s9, echo, NULL);
    for (size_t i = 0; i < size;) {
        uint8_t op = data[i++];
        if (op >= 0x80) {
            clock_ns += (uint64_t)(op & 0x7f) * 100000000;
            net_if_timer(ifp);
            if (net_if_deadline(ifp) < clock_ns)
                abort(); // the timer left work that was due
        } else if (op >= 0x58 && op < 0x60 && size - i >= 2) {
            fail_after = data[i];
            fail_count = data[i + 1];
            i += 2;
        } else if (op >= 0x50 && op < 0x58 && size - i >= 2) {
            peers(ifp, op, data[i], data[i + 1]);
            i += 2;
        } else if (op >= 0x40 && (op < 0x50 || op >= 0x60) && size - i >= 5) {
            uint32_t dst = (uint32_t)data[i] << 24 | data[i + 1] << 16 |
                           data[i + 2] << 8 | data[i + 3];
            struct net_tcp *c;
            if (op < 0x60) {
                net_udp_sendto(s7, dst, 9, zeros, (size_t)data[i + 4] * 7);
            } else if (net_tcp_open(ifp, &c) == 0) {
                connect_bytes = (size_t)data[i + 4] * 7;
                net_tcp_on_event(c, on_tcp, NULL);
                if (net_tcp_connect(c, dst, 80) < 0)
                    net_tcp_close(c);
            }
            i += 5;
        } else if (op < 0x40 && size - i >= 2) {
            size_t n = get16(data + i);
            i += 2;
            n = n < size - i ? n : size - i;
            frame(ifp, op, data + i, n);
            i += n;
        } else {
            break;
        }
        // Some opcodes drain the queue, others let it fill up.
        while ((op & 8) && net_udp_recvfrom(s7, buf, 64, NULL, NULL) >= 0)
            ;
        check(ifp, l);
    }
    return 0;
}
