/*
 * The devices: one libs/net interface per platform network device, its
 * context from the page allocator, its sockets, ports and tables from
 * rt's objects (mem/obj.c) and its TCP buffers from pages. rt pumps them
 * (received frames into net_if_input, net_if_timer when its deadline
 * passes) on every socket call and from the scheduler's idle loop, which
 * sleeps in plat_block no longer than the stack's next deadline.
 *
 * Configuration comes from the environment at boot: UKCC_NET_ADDR
 * (a.b.c.d/prefix), UKCC_NET_GW, UKCC_NET_DNS for device 0. Without an
 * address, device 0 asks DHCP; the first socket call waits up to
 * DHCP_WAIT for the lease, once.
 */
#include <errno.h>
#include <string.h>

#include "../thread/thread.h"
#include "sock.h"

/* Long enough to survive one lost DISCOVER, the usual fate of the first
 * frames a new virtual NIC sends while its backend or bridge port comes
 * up: the first retransmission follows after 3-5 s (RFC 2131 4.1). */
#define DHCP_WAIT   (10 * 1000000000ULL)
#define PUMP_FRAMES 64 /* frames per device per pump: others still run */

struct net_if *rt_net_ifs[RT_NET_IFS];

static struct {
    bool dhcp_waited;
    bool dhcp;
    bool pumping;
    uint8_t frame[NET_ETH_MTU + 18]; /* a received frame (with VLAN tag) */
} net;

static int tx(void *arg, const void *frame, size_t len)
{
    return plat_net_send((unsigned)(uintptr_t)arg, frame, len);
}

static uint64_t now(void *arg)
{
    (void)arg;
    return plat_clock_monotonic();
}

/* The small blocks the stack asks for (a TCP socket is a few hundred
 * bytes, a port entry or a UDP socket less, a table of 16 to 256 buckets
 * 128 B to 2 KiB) come from a kind of rt object per size class, so an
 * idle connection costs its own size and not a page; steps of about 1.5x
 * waste at most a third. Larger blocks (TCP buffers, big tables) are
 * pages. */
static struct rt_objs small[] = {{32},   {48},   {64},  {96},  {128},
                                 {192},  {256},  {384}, {512}, {768},
                                 {1024}, {1536}, {2048}};

static struct rt_objs *small_kind(size_t len)
{
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
        if (len <= small[i].size)
            return &small[i];
    return NULL;
}

static void *alloc(void *arg, size_t len)
{
    struct rt_objs *kind = small_kind(len);

    (void)arg;
    if (kind)
        return rt_obj_new(kind);
    return (void *)rt_page_alloc(RT_PAGE_ALIGN(len));
}

static void release(void *arg, void *p, size_t len)
{
    struct rt_objs *kind = small_kind(len);

    (void)arg;
    if (kind)
        rt_obj_free(kind, p);
    else
        rt_page_release((uintptr_t)p, RT_PAGE_ALIGN(len));
}

static const char *env(char **envp, const char *name)
{
    size_t n = strlen(name);

    for (char **e = envp; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

/* Device 0's configuration from the environment: 0, or a reason. */
static int configure(struct net_if *ifp, char **envp)
{
    static const char *const keys[][2] = {{"UKCC_NET_ADDR", "ip"},
                                          {"UKCC_NET_GW", "gw"},
                                          {"UKCC_NET_DNS", "dns"}};
    struct net_config cfg = {0};
    int err;

    for (size_t i = 0; i < 3; i++) {
        const char *v = env(envp, keys[i][0]);

        if (v && (err = net_config_set(&cfg, keys[i][1], v))) {
            rt_log("net: %s=%s is not valid; ignored", keys[i][0], v);
            return err;
        }
    }
    if (!cfg.addr) {
        err = net_dhcp_start(ifp);
        if (err)
            rt_log("net: no UKCC_NET_ADDR and no DHCP (%d): device 0 has "
                   "no address",
                   err);
        net.dhcp = err == 0;
        return 0;
    }
    return net_if_configure(ifp, &cfg);
}

/* Called by rt_boot: brings up the devices the platform has. */
void rt_net_init(char **envp)
{
    for (unsigned n = 0; n < RT_NET_IFS; n++) {
        struct plat_netdev dev;
        struct net_if_desc desc = {.tx = tx,
                                   .now = now,
                                   .arg = (void *)(uintptr_t)n,
                                   .alloc = alloc,
                                   .free = release};
        void *mem;
        int err;

        if (plat_net_info(n, &dev))
            break;
        mem = (void *)rt_page_alloc(RT_PAGE_ALIGN(NET_IF_SIZE));
        if (!mem || plat_entropy(&desc.secret, sizeof desc.secret))
            rt_panic("net: no memory or entropy for device %u", n);
        memcpy(desc.mac, dev.mac, 6);
        err = net_if_init(&rt_net_ifs[n], mem, NET_IF_SIZE, &desc);
        if (err)
            rt_panic("net: device %u cannot start (%d)", n, err);
        if (n == 0 && configure(rt_net_ifs[0], envp))
            rt_log("net: device 0 refused its configuration");
    }
}

bool rt_net_pump(void)
{
    bool busy = false;

    if (net.pumping) /* never: the stack does not call rt back */
        return false;
    net.pumping = true;
    for (unsigned n = 0; n < RT_NET_IFS && rt_net_ifs[n]; n++) {
        struct net_if *ifp = rt_net_ifs[n];
        long len;

        for (int k = 0; k < PUMP_FRAMES; k++) {
            len = plat_net_recv(n, net.frame, sizeof net.frame);
            if (len < 0)
                break;
            net_if_input(ifp, net.frame, (size_t)len);
            busy = true;
        }
        if (plat_clock_monotonic() >= net_if_deadline(ifp)) {
            net_if_timer(ifp);
            busy = true;
        }
    }
    net.pumping = false;
    if (busy)
        rt_events_changed();
    return busy;
}

uint64_t rt_net_deadline(void)
{
    uint64_t d = UINT64_MAX;

    for (unsigned n = 0; n < RT_NET_IFS && rt_net_ifs[n]; n++) {
        uint64_t t = net_if_deadline(rt_net_ifs[n]);

        if (t < d)
            d = t;
    }
    return d;
}

uint64_t rt_net_until(uint64_t timeout)
{
    return timeout ? plat_clock_monotonic() + timeout : UINT64_MAX;
}

/* A deadline that has passed (a socket timeout) answers EAGAIN, as Linux
 * does when SO_RCVTIMEO or SO_SNDTIMEO runs out. */
long rt_net_wait(bool nonblock, uint64_t deadline)
{
    uint64_t d = rt_net_deadline();

    if (nonblock || plat_clock_monotonic() >= deadline)
        return -EAGAIN;
    return rt_wait(d < deadline ? d : deadline);
}

static uint32_t addr_of(unsigned n)
{
    struct net_config cfg;

    net_if_config(rt_net_ifs[n], &cfg);
    return cfg.addr;
}

void rt_net_ready(void)
{
    uint64_t until;

    rt_net_pump();
    if (!net.dhcp || net.dhcp_waited)
        return;
    net.dhcp_waited = true;
    until = plat_clock_monotonic() + DHCP_WAIT;
    while (!addr_of(0) && plat_clock_monotonic() < until) {
        if (rt_net_wait(false, until))
            return;
        rt_net_pump();
    }
}

int rt_net_route(uint32_t dst)
{
    int fallback = -ENETUNREACH;

    for (unsigned n = 0; n < RT_NET_IFS && rt_net_ifs[n]; n++) {
        struct net_config cfg;
        uint32_t mask;

        net_if_config(rt_net_ifs[n], &cfg);
        if (!cfg.addr)
            continue;
        mask = cfg.prefix ? ~0u << (32 - cfg.prefix) : 0;
        if ((dst & mask) == (cfg.addr & mask) || dst == 0xffffffffu)
            return (int)n;
        if (cfg.gateway && fallback < 0)
            fallback = (int)n;
    }
    return fallback;
}

/* The source address Linux would give a datagram to dst: 127.0.0.1 for
 * loopback, the address itself for one of ours, else the address of the
 * device that routes it (0 when none does). */
uint32_t rt_net_source(uint32_t dst)
{
    int dev;

    if (dst >> 24 == 127)
        return LOOPBACK;
    if (rt_net_is_ours(dst) && dst)
        return dst;
    dev = rt_net_route(dst);
    return dev < 0 ? 0 : addr_of((unsigned)dev);
}

bool rt_net_is_ours(uint32_t addr)
{
    if (addr == 0 || addr >> 24 == 127)
        return true;
    for (unsigned n = 0; n < RT_NET_IFS && rt_net_ifs[n]; n++)
        if (addr_of(n) == addr)
            return true;
    return false;
}

uint32_t rt_net_dns(void)
{
    struct net_config cfg;

    if (!rt_net_ifs[0])
        return 0;
    net_if_config(rt_net_ifs[0], &cfg);
    return cfg.dns;
}
