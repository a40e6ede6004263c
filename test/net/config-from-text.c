// Static configuration: addresses and "ip=a.b.c.d/prefix gw= dns=" values
// from the boot command line parse, or fail with -EINVAL and change
// nothing; net_if_init and net_if_configure refuse bad arguments.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

static void parse(void)
{
    static const char *bad[] = {
        "",
        "1.2.3",
        "1.2.3.4.",
        "1.2.3.4.5",
        "256.1.1.1",
        "1.2.3.-4",
        "01.2.3.4",
        "1..3.4",
        " 1.2.3.4",
        "1.2.3.4 ",
        "a.b.c.d",
        "1.2.3.4x",
        "99999999999.1.1.1",
        "1.2.3.1000",
    };
    uint32_t a = 7;

    EXPECT_EQ(net_ip4_parse("10.0.2.15", &a), 0);
    EXPECT_EQ(a, NET_IP4(10, 0, 2, 15));
    EXPECT_EQ(net_ip4_parse("0.0.0.0", &a), 0);
    EXPECT_EQ(a, 0);
    EXPECT_EQ(net_ip4_parse("255.255.255.255", &a), 0);
    EXPECT_EQ(a, 0xffffffff);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        a = 7;
        if (net_ip4_parse(bad[i], &a) != -EINVAL || a != 7) {
            fprintf(stderr, "FAILED: \"%s\" parsed\n", bad[i]);
            failures++;
        }
    }
}

static void config_items(void)
{
    struct net_config c = {0};

    EXPECT_EQ(net_config_set(&c, "ip", "192.168.1.20/16"), 0);
    EXPECT_EQ(c.addr, NET_IP4(192, 168, 1, 20));
    EXPECT_EQ(c.prefix, 16);
    EXPECT_EQ(net_config_set(&c, "ip", "10.1.2.3"), 0);
    EXPECT_EQ(c.prefix, 24);
    EXPECT_EQ(net_config_set(&c, "gw", "10.1.2.1"), 0);
    EXPECT_EQ(c.gateway, NET_IP4(10, 1, 2, 1));
    EXPECT_EQ(net_config_set(&c, "dns", "9.9.9.9"), 0);
    EXPECT_EQ(c.dns, NET_IP4(9, 9, 9, 9));
    EXPECT_EQ(net_config_set(&c, "ip", "10.1.2.3/33"), -EINVAL);
    EXPECT_EQ(net_config_set(&c, "ip", "10.1.2.3/"), -EINVAL);
    EXPECT_EQ(net_config_set(&c, "ip", "10.1.2.3/8x"), -EINVAL);
    EXPECT_EQ(net_config_set(&c, "gw", "10.1.2"), -EINVAL);
    EXPECT_EQ(net_config_set(&c, "mtu", "1500"), -ENOENT);
    EXPECT_EQ(c.addr, NET_IP4(10, 1, 2, 3));
    EXPECT_EQ(c.prefix, 24);
}

static void iface_args(void)
{
    struct bed *b = bed_new();
    struct net_if *ifp;
    struct net_if_desc d = BED_DESC(b);
    struct net_config c = {.addr = OUR_IP, .prefix = 33}, got;

    memcpy(d.mac, our_mac, 6);
    EXPECT_EQ(net_if_init(&ifp, b->mem, 100, &d), -ENOMEM);
    EXPECT_EQ(net_if_init(&ifp, b->mem + 1, sizeof(b->mem) - 8, &d), -EINVAL);
    d.mac[0] = 1; // multicast
    EXPECT_EQ(net_if_init(&ifp, b->mem, sizeof(b->mem), &d), -EINVAL);
    d.mac[0] = 2;
    d.tx = NULL;
    EXPECT_EQ(net_if_init(&ifp, b->mem, sizeof(b->mem), &d), -EINVAL);
    d.tx = bed_tx;
    d.alloc = NULL; // TCP needs buffer memory
    EXPECT_EQ(net_if_init(&ifp, b->mem, sizeof(b->mem), &d), -EINVAL);
    d.alloc = bed_alloc;
    d.free = NULL;
    EXPECT_EQ(net_if_init(&ifp, b->mem, sizeof(b->mem), &d), -EINVAL);
    EXPECT_EQ(net_if_configure(b->ifp, &c), -EINVAL);
    c.prefix = 24;
    c.addr = NET_IP4(224, 0, 0, 1);
    EXPECT_EQ(net_if_configure(b->ifp, &c), -EINVAL);
    c.addr = NET_IP4(0, 1, 2, 3);
    EXPECT_EQ(net_if_configure(b->ifp, &c), -EINVAL);
    net_if_config(b->ifp, &got);
    EXPECT_EQ(got.addr, OUR_IP);
    EXPECT_EQ(got.gateway, PEER_IP);
    bed_del(b);
}

int main(void)
{
    parse();
    config_items();
    iface_args();
    return bed_done();
}
