// IPv4 (RFC 791, RFC 1122 3.2.1): header validation, delivery to the
// transports, routing and header construction on output.
#include "internal.h"

#define IP_MF        0x2000
#define IP_OFFSET    0x1fff
#define IP_TTL       64
#define IS_GROUP(ip) ((ip) >> 28 >= 0xe) // multicast, class E, broadcast

static bool is_bcast(const struct net_if *ifp, uint32_t ip)
{
    // /31 and /32 subnets have no broadcast address (RFC 3021).
    return ip == IP4_BROADCAST || (ifp->cfg.addr && ifp->cfg.prefix < 31 &&
                                   ip == (ifp->cfg.addr | ~ifp->mask));
}

// Returns the datagram's length without link padding, or 0 if the header
// is not a well-formed IPv4 header that fits in len bytes.
static size_t check_header(const uint8_t *p, size_t len)
{
    size_t ihl, total;

    if (len < IP4_HLEN || p[0] >> 4 != 4)
        return 0;
    ihl = (size_t)(p[0] & 15) * 4;
    total = get16(p + 2);
    if (ihl < IP4_HLEN || total < ihl || total > len)
        return 0;
    return total;
}

void net_ip_input(struct net_if *ifp, const uint8_t *p, size_t len)
{
    struct ip_pkt pkt;
    uint16_t frag;

    ifp->stats.ip_rx++;
    len = check_header(p, len);
    if (!len || IS_GROUP(get32(p + 12))) {
        ifp->stats.ip_malformed++;
        return;
    }
    pkt.hdr = p;
    pkt.hdr_len = (size_t)(p[0] & 15) * 4;
    if (net_checksum(p, pkt.hdr_len)) {
        ifp->stats.ip_cksum++;
        return;
    }
    // The TTL is not checked: a host must not discard a datagram just
    // because its TTL is below 2 (RFC 1122 3.2.1.7), and Linux takes a TTL
    // of 0 too; the TTL only matters to routers, and we forward nothing.
    pkt.src = get32(p + 12);
    pkt.dst = get32(p + 16);
    // Our own address or loopback as the source: forged (a "land" attack
    // would make us answer ourselves), never a real neighbour.
    if ((pkt.src == ifp->cfg.addr && pkt.src) || pkt.src >> 24 == 127) {
        ifp->stats.ip_malformed++;
        return;
    }
    pkt.proto = p[9];
    pkt.broadcast = is_bcast(ifp, pkt.dst);
    if (!pkt.broadcast && (!ifp->cfg.addr || pkt.dst != ifp->cfg.addr)) {
        ifp->stats.ip_not_ours++;
        return;
    }
    pkt.data = p + pkt.hdr_len;
    pkt.len = len - pkt.hdr_len;
    frag = get16(p + 6);
    if (frag & (IP_MF | IP_OFFSET))
        net_reasm_input(ifp, p, pkt.hdr_len, pkt.data, pkt.len);
    else
        net_ip_deliver(ifp, &pkt);
}

void net_ip_deliver(struct net_if *ifp, const struct ip_pkt *pkt)
{
    switch (pkt->proto) {
    case IP_PROTO_ICMP: net_icmp_input(ifp, pkt); break;
    case IP_PROTO_UDP: net_udp_input(ifp, pkt); break;
    case IP_PROTO_TCP: net_tcp_input(ifp, pkt); break;
    default: ifp->stats.ip_proto++;
    }
}

uint8_t *net_ip_payload(struct net_if *ifp)
{
    return ifp->tx + ETH_HLEN + IP4_HLEN;
}

// Picks the next hop: the destination itself on our subnet, else the
// gateway. Returns 0 for broadcast (no ARP), else the hop or -errno.
static int64_t route(struct net_if *ifp, uint32_t dst)
{
    if (is_bcast(ifp, dst))
        return 0;
    if (!ifp->cfg.addr)
        return -EADDRNOTAVAIL;
    if (dst == 0 || IS_GROUP(dst))
        return -EINVAL;
    if ((dst & ifp->mask) == (ifp->cfg.addr & ifp->mask))
        return dst;
    if (!ifp->cfg.gateway)
        return -ENETUNREACH;
    return ifp->cfg.gateway;
}

// See internal.h.
int net_ip_send(struct net_if *ifp, uint32_t dst, uint8_t proto, size_t len)
{
    uint8_t *f = ifp->tx, *h = f + ETH_HLEN;
    int64_t hop = route(ifp, dst);

    if (hop < 0) {
        ifp->stats.ip_no_route++;
        return (int)hop;
    }
    if (len > NET_ETH_MTU - IP4_HLEN) {
        ifp->stats.ip_too_big++;
        return -EMSGSIZE;
    }
    h[0] = 0x45;
    h[1] = 0;
    put16(h + 2, (uint16_t)(IP4_HLEN + len));
    put16(h + 4, ifp->ip_id++);
    // No DF: without path MTU discovery, let routers fragment instead.
    put16(h + 6, 0);
    h[8] = IP_TTL;
    h[9] = proto;
    put16(h + 10, 0);
    put32(h + 12, ifp->cfg.addr);
    put32(h + 16, dst);
    put16(h + 10, net_checksum(h, IP4_HLEN));
    net_eth_header(ifp, f, NULL, ETH_TYPE_IP4);
    if (hop == 0)
        return net_eth_send(ifp, f, ETH_HLEN + IP4_HLEN + len);
    return net_arp_resolve_send(ifp, (uint32_t)hop, f,
                                ETH_HLEN + IP4_HLEN + len);
}
