// UDP (RFC 768): datagram sockets with a callback or a caller-given queue.
#include "internal.h"

#define UDP_HLEN 8
#define REC_HLEN 8 // queue record: source, source port, length
#define REC(len) (REC_HLEN + (((len) + 3) & ~(size_t)3))

// Bound sockets are in the interface's udp_ports table, one per port.
static struct net_udp *find(struct net_if *ifp, uint16_t port)
{
    uint32_t h = net_hash(ifp, port);

    for (struct net_hnode *n = net_table_bucket(&ifp->udp_ports, h); n;
         n = n->next) {
        struct net_udp *s = (struct net_udp *)n; // node is the first member
        if (n->hash == h && s->port == port)
            return s;
    }
    return NULL;
}

int net_udp_open(struct net_if *ifp, struct net_udp **sp)
{
    struct net_udp *s = ifp->desc.alloc(ifp->desc.arg, sizeof(*s));

    if (!s)
        return -ENOMEM;
    memset(s, 0, sizeof(*s));
    s->ifp = ifp;
    *sp = s;
    return 0;
}

static void take(struct net_udp *s, uint16_t port)
{
    s->port = port;
    s->node.hash = net_hash(s->ifp, port);
    net_table_insert(s->ifp, &s->ifp->udp_ports, &s->node);
    net_eph_mark(s->ifp->udp_eph, port, true);
}

int net_udp_bind(struct net_udp *s, uint16_t port)
{
    struct net_if *ifp = s->ifp;

    if (s->port)
        return -EINVAL;
    if (!port) {
        // The bitmap marks it used; take marks it again.
        port = net_eph_take(ifp->udp_eph, &ifp->next_port);
        if (!port)
            return -EAGAIN;
    } else if (find(ifp, port)) {
        return -EADDRINUSE;
    }
    take(s, port);
    return 0;
}

uint16_t net_udp_port(const struct net_udp *s)
{
    return s->port;
}

void net_udp_on_recv(struct net_udp *s, net_udp_recv_fn fn, void *arg)
{
    s->fn = fn;
    s->arg = arg;
}

int net_udp_set_queue(struct net_udp *s, void *buf, size_t len)
{
    if (!buf || len < 16)
        return -EINVAL;
    s->q = buf;
    s->q_len = len;
    s->q_head = s->q_tail = 0;
    return 0;
}

static bool enqueue(struct net_udp *s, uint32_t src, uint16_t sport,
                    const uint8_t *data, size_t len)
{
    size_t need = REC(len);

    if (!s->q)
        return false;
    if (s->q_len - s->q_tail < need && s->q_head) {
        // Slide the unread records to the front: simpler than wrapping a
        // record around the end, and rare once the reader keeps up.
        memmove(s->q, s->q + s->q_head, s->q_tail - s->q_head);
        s->q_tail -= s->q_head;
        s->q_head = 0;
    }
    if (s->q_len - s->q_tail < need)
        return false;
    put32(s->q + s->q_tail, src);
    put16(s->q + s->q_tail + 4, sport);
    put16(s->q + s->q_tail + 6, (uint16_t)len);
    memcpy(s->q + s->q_tail + REC_HLEN, data, len);
    s->q_tail += need;
    return true;
}

int net_udp_peek(const struct net_udp *s)
{
    if (!s->q || s->q_head == s->q_tail)
        return -EAGAIN;
    return get16(s->q + s->q_head + 6);
}

int net_udp_recvfrom(struct net_udp *s, void *buf, size_t len, uint32_t *src,
                     uint16_t *sport)
{
    int n = net_udp_peek(s);
    const uint8_t *rec;

    if (n < 0)
        return n;
    rec = s->q + s->q_head;
    if ((size_t)n > len)
        n = (int)len;
    memcpy(buf, rec + REC_HLEN, (size_t)n);
    if (src)
        *src = get32(rec);
    if (sport)
        *sport = get16(rec + 4);
    s->q_head += REC(get16(rec + 6));
    if (s->q_head == s->q_tail)
        s->q_head = s->q_tail = 0;
    return n;
}

void net_udp_close(struct net_udp *s)
{
    struct net_if *ifp = s->ifp;

    if (s->port) {
        net_table_remove(ifp, &ifp->udp_ports, &s->node);
        net_eph_mark(ifp->udp_eph, s->port, false);
    }
    ifp->desc.free(ifp->desc.arg, s, sizeof(*s));
}

int net_udp_sendto(struct net_udp *s, uint32_t dst, uint16_t dport,
                   const void *data, size_t len)
{
    struct net_if *ifp = s->ifp;
    uint8_t *u = net_ip_payload(ifp);
    uint16_t ulen = (uint16_t)(UDP_HLEN + len), ck;
    int rc;

    if (!dport)
        return -EINVAL;
    if (len > NET_ETH_MTU - IP4_HLEN - UDP_HLEN)
        return -EMSGSIZE;
    if (!s->port && (rc = net_udp_bind(s, 0)) < 0)
        return rc;
    put16(u, s->port);
    put16(u + 2, dport);
    put16(u + 4, ulen);
    put16(u + 6, 0);
    memcpy(u + UDP_HLEN, data, len);
    ck = net_cksum_fold(net_cksum_add(
        net_cksum_pseudo(ifp->cfg.addr, dst, IP_PROTO_UDP, ulen), u, ulen));
    // 0 means "no checksum" in UDP over IPv4; its one's complement twin
    // 0xffff says the same sum (RFC 768).
    put16(u + 6, ck ? ck : 0xffff);
    rc = net_ip_send(ifp, dst, IP_PROTO_UDP, ulen);
    return rc < 0 ? rc : (int)len;
}

void net_udp_input(struct net_if *ifp, const struct ip_pkt *pkt)
{
    const uint8_t *u = pkt->data;
    struct net_udp *s;
    size_t ulen;

    ifp->stats.udp_rx++;
    ulen = pkt->len >= UDP_HLEN ? get16(u + 4) : 0;
    if (ulen < UDP_HLEN || ulen > pkt->len || get16(u + 2) == 0) {
        ifp->stats.udp_malformed++;
        return;
    }
    if (get16(u + 6) &&
        net_cksum_fold(net_cksum_add(
            net_cksum_pseudo(pkt->src, pkt->dst, IP_PROTO_UDP, (uint16_t)ulen),
            u, ulen))) {
        ifp->stats.udp_cksum++;
        return;
    }
    s = find(ifp, get16(u + 2));
    if (!s) {
        ifp->stats.udp_no_port++;
        net_icmp_port_unreachable(ifp, pkt);
        return;
    }
    if (s->fn)
        s->fn(s->arg, s, pkt->src, get16(u), u + UDP_HLEN, ulen - UDP_HLEN);
    else if (!enqueue(s, pkt->src, get16(u), u + UDP_HLEN, ulen - UDP_HLEN))
        ifp->stats.udp_queue_full++;
}
