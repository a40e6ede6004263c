// The connection hash is keyed with the interface's secret: 4-tuples
// picked to share one bucket under one secret (what an attacker who knew
// the hash could send) spread out under another; and ordinary tuples
// (one peer, consecutive ports) fill a table evenly.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "internal.h"
#include "nettest.h"

#define BUCKETS 1024
#define PICKED  64

static uint64_t tuple(uint32_t raddr, uint16_t rport)
{
    return (uint64_t)raddr << 32 | (uint64_t)80 << 16 | rport;
}

static struct net_if *iface(struct bed *b, uint64_t secret)
{
    struct net_if_desc d = BED_DESC(b);

    d.secret = secret;
    memcpy(d.mac, our_mac, 6);
    if (net_if_init(&b->ifp, b->mem, sizeof(b->mem), &d))
        exit(2);
    return b->ifp;
}

static int max_load(const int *load, int n)
{
    int m = 0;

    for (int i = 0; i < n; i++)
        m = load[i] > m ? load[i] : m;
    return m;
}

int main(void)
{
    struct bed *a = bed_new(), *c = bed_new();
    struct net_if *ia = iface(a, 0x0123456789abcdefull);
    struct net_if *ic = iface(c, 0xfedcba9876543210ull);
    static int load[32768];
    uint64_t picked[PICKED];
    int n = 0;

    // Tuples that all land in bucket 0 under a's secret.
    for (uint32_t raddr = NET_IP4(192, 0, 2, 1); n < PICKED; raddr++)
        for (uint32_t port = 1; port < 65536 && n < PICKED; port++)
            if ((net_hash(ia, tuple(raddr, (uint16_t)port)) % BUCKETS) == 0)
                picked[n++] = tuple(raddr, (uint16_t)port);
    memset(load, 0, sizeof(load));
    for (int i = 0; i < PICKED; i++)
        load[net_hash(ia, picked[i]) % BUCKETS]++;
    EXPECT_EQ(max_load(load, BUCKETS), PICKED);
    memset(load, 0, sizeof(load));
    for (int i = 0; i < PICKED; i++)
        load[net_hash(ic, picked[i]) % BUCKETS]++;
    EXPECT(max_load(load, BUCKETS) <= 3);

    // 20,000 ports of one peer in 32,768 buckets: short chains only.
    memset(load, 0, sizeof(load));
    for (uint32_t port = 1024; port < 1024 + 20000; port++)
        load[net_hash(ia, tuple(PEER_IP, (uint16_t)port)) % 32768]++;
    EXPECT(max_load(load, 32768) <= 8);
    bed_del(a);
    bed_del(c);
    return bed_done();
}
