// The interface: a context in the embedder's memory, the entry points that
// feed it frames and time, and its configuration.
#include "internal.h"

_Static_assert(sizeof(struct net_if) <= NET_IF_SIZE,
               "NET_IF_SIZE in net.h is too small for struct net_if");

int net_if_init(struct net_if **ifp, void *mem, size_t size,
                const struct net_if_desc *desc)
{
    struct net_if *n = mem;

    if (!mem || !desc || !desc->tx || !desc->now || !desc->alloc ||
        !desc->free || desc->mac[0] & 1 || (uintptr_t)mem % 8)
        return -EINVAL;
    if (size < sizeof(*n))
        return -ENOMEM;
    memset(n, 0, sizeof(*n));
    n->desc = *desc;
    net_hash_init(n);
    net_table_init(&n->udp_ports);
    net_table_init(&n->tcp_conns);
    net_table_init(&n->tcp_ports);
    n->timers.at = n->timers.min;
    n->timers.cap = NET_TABLE_MIN;
    // Start ids and ports from the clock so a restarted image does not
    // repeat the previous run's sequence at once.
    n->ip_id = (uint16_t)(desc->now(desc->arg) >> 10);
    n->next_port = (uint16_t)(desc->now(desc->arg) >> 20);
    n->next_tcp_port = n->next_port;
    *ifp = n;
    return 0;
}

static bool bad_addr(uint32_t a)
{
    return a >> 24 == 0 || a >> 28 >= 0xe;
}

int net_if_configure(struct net_if *ifp, const struct net_config *cfg)
{
    if (cfg->prefix > 32 || (cfg->addr && bad_addr(cfg->addr)) ||
        (cfg->gateway && bad_addr(cfg->gateway)))
        return -EINVAL;
    ifp->cfg = *cfg;
    ifp->mask = cfg->prefix ? ~0u << (32 - cfg->prefix) : 0;
    if (cfg->addr)
        net_arp_announce(ifp);
    return 0;
}

void net_if_config(const struct net_if *ifp, struct net_config *cfg)
{
    *cfg = ifp->cfg;
}

void net_if_input(struct net_if *ifp, const void *frame, size_t len)
{
    ifp->stats.rx_frames++;
    ifp->depth++;
    net_eth_input(ifp, frame, len);
    if (--ifp->depth == 0)
        net_tcp_reap(ifp);
}

void net_if_timer(struct net_if *ifp)
{
    uint64_t t = now(ifp);

    ifp->depth++;
    net_arp_timer(ifp, t);
    net_reasm_timer(ifp, t);
    net_tcp_timer(ifp, t);
    net_dhcp_timer(ifp, t);
    if (--ifp->depth == 0)
        net_tcp_reap(ifp);
}

uint64_t net_if_deadline(const struct net_if *ifp)
{
    uint64_t a = net_arp_deadline(ifp), r = net_reasm_deadline(ifp);
    uint64_t t = net_tcp_deadline(ifp), d = net_dhcp_deadline(ifp);

    a = a < r ? a : r;
    a = a < t ? a : t;
    return a < d ? a : d;
}

const struct net_stats *net_if_stats(const struct net_if *ifp)
{
    return &ifp->stats;
}
