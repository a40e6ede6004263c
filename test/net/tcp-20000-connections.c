// 20,000 connections to one listener, made by hand-made handshakes: there
// is no fixed cap, each one is answered and accepted, all stay alive, and
// data to the last and the first reaches that connection alone. The
// connection table grows with them; once idle they hold no buffers and no
// timer, so a timer tick touches none of them, and each costs a few
// hundred bytes. Closing them all gives every byte back, and the tables
// shrink to their start.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: bytes per idle connection: {{[0-9]+}}
// CHECK: all checks passed
#include "internal.h"
#include "nettest.h"

#define N  20000
#define MS 1000000ull

static struct bed *b;
static uint8_t f[1600];
static struct net_tcp *conn[N];
static uint32_t iss[N];
static long bytes; // held by the stack
static long bufs;  // buffer blocks held: RCVBUF + SNDBUF, no power of two

#define BUF_BLOCK (NET_TCP_BUF_MIN + 2 * NET_TCP_BUF_MIN)

static void *count_alloc(void *arg, size_t len)
{
    void *p = bed_alloc(arg, len);

    bytes += p ? (long)len : 0;
    bufs += p && len == BUF_BLOCK;
    return p;
}

static void count_free(void *arg, void *p, size_t len)
{
    bytes -= (long)len;
    bufs -= len == BUF_BLOCK;
    bed_free(arg, p, len);
}

static void in(uint16_t sport, uint32_t seq, uint32_t ack, uint8_t flags,
               const char *data)
{
    b->nframes = 0;
    net_if_input(b->ifp, f,
                 build_tcp(f, sport, 80, seq, ack, flags, 8192,
                           flags & SYN ? 1460 : 0, data,
                           data ? strlen(data) : 0));
}

static uint16_t port_of(int i)
{
    return (uint16_t)(1024 + i);
}

static void expect_read(struct net_tcp *s, const char *want)
{
    char buf[16] = {0};

    EXPECT_EQ(net_tcp_recv(s, buf, sizeof(buf) - 1), (int)strlen(want));
    EXPECT(strcmp(buf, want) == 0);
}

int main(void)
{
    struct net_if_desc d;
    struct net_config cfg = {.addr = OUR_IP, .prefix = 24};
    struct net_tcp *l;
    struct out_seg o;
    long base;

    b = bed_new();
    d = (struct net_if_desc)BED_DESC(b);
    d.alloc = count_alloc;
    d.free = count_free;
    d.secret = 0x1234567887654321ull;
    memcpy(d.mac, our_mac, 6);
    if (net_if_init(&b->ifp, b->mem, sizeof(b->mem), &d) ||
        net_if_configure(b->ifp, &cfg))
        return 2;
    bed_learn_peer(b);
    EXPECT_EQ(net_tcp_open(b->ifp, &l), 0);
    EXPECT_EQ(net_tcp_bind(l, 80), 0);
    EXPECT_EQ(net_tcp_setopt(l, NET_TCP_OPT_RCVBUF, NET_TCP_BUF_MIN), 0);
    EXPECT_EQ(net_tcp_setopt(l, NET_TCP_OPT_SNDBUF, 2 * NET_TCP_BUF_MIN), 0);
    EXPECT_EQ(net_tcp_listen(l, NET_TCP_BACKLOG), 0);
    base = bytes;

    for (int i = 0; i < N && !failures; i++) {
        in(port_of(i), 1000, 0, SYN, NULL);
        o = out_tcp(b, 0);
        EXPECT(o.ok && o.flags == (SYN | ACK) && o.dport == port_of(i));
        iss[i] = o.seq;
        in(port_of(i), 1001, o.seq + 1, ACK, NULL);
        EXPECT_EQ(b->nframes, 0);
        EXPECT_EQ(net_tcp_accept(l, &conn[i]), 0);
        if (i % 2000 == 1999) // quiet for a while: buffers go back
            bed_advance(b, 1100 * MS);
    }
    bed_advance(b, 1100 * MS);
    for (int i = 0; i < N && !failures; i++)
        EXPECT_EQ(net_tcp_state(conn[i]), NET_TCP_ESTABLISHED);
    EXPECT_EQ(net_if_stats(b->ifp)->tcp_sockets, N + 1);
    EXPECT_EQ(bufs, 0); // no buffers while idle
    // The table grew to keep its chains short; idle connections have no
    // timer, so the next deadline is the neighbour entry's (60 s after it
    // was learnt at 1 s), and a tick runs through an empty heap.
    EXPECT_EQ(b->ifp->tcp_conns.count, N);
    EXPECT(b->ifp->tcp_conns.mask + 1 >= N);
    EXPECT_EQ(b->ifp->timers.n, 0);
    EXPECT_EQ(net_if_deadline(b->ifp), 61000 * MS);
    printf("bytes per idle connection: %ld (struct net_tcp %zu)\n",
           (bytes - base) / N, sizeof(struct net_tcp));
    EXPECT((bytes - base) / N <= 512);

    // Data to the last and to the first: each reaches its own connection.
    in(port_of(N - 1), 1001, iss[N - 1] + 1, ACK | PSH, "last");
    EXPECT_EQ(net_tcp_recv(conn[0], f, 16), -EAGAIN);
    expect_read(conn[N - 1], "last");
    in(port_of(0), 1001, iss[0] + 1, ACK | PSH, "first");
    EXPECT_EQ(net_tcp_recv(conn[N - 1], f, 16), -EAGAIN);
    EXPECT_EQ(net_tcp_recv(conn[N / 2], f, 16), -EAGAIN);
    expect_read(conn[0], "first");
    // A port pair with no connection is answered with a RST.
    in(port_of(N), 1001, 1, ACK, NULL);
    o = out_tcp(b, 0);
    EXPECT(o.ok && o.flags == RST && o.dport == port_of(N));

    // The peers reset them all, the owner closes them: all memory back.
    for (int i = 0; i < N; i++) {
        uint32_t rcv_nxt = 1001 + (i == 0 ? 5 : i == N - 1 ? 4 : 0);
        in(port_of(i), rcv_nxt, 0, RST, NULL);
        EXPECT_EQ(net_tcp_error(conn[i]), -ECONNRESET);
        net_tcp_close(conn[i]);
    }
    EXPECT_EQ(net_if_stats(b->ifp)->tcp_sockets, 1);
    EXPECT_EQ(bytes, base);
    EXPECT_EQ(b->ifp->tcp_conns.mask + 1, NET_TABLE_MIN);
    EXPECT_EQ(b->ifp->timers.cap, NET_TABLE_MIN);
    net_tcp_close(l);
    EXPECT_EQ(b->allocs, 0);
    EXPECT_EQ(b->alloc_calls, b->free_calls);
    bed_del(b);
    return bed_done();
}
