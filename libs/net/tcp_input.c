// TCP input: segment validation, demultiplexing, resets for closed ports,
// and the states that are not yet synchronized (LISTEN, SYN-SENT).
#include "internal.h"

#define TCP_HLEN    20
#define HALF_OPEN   (30 * NS_PER_SEC)
#define MSS_MAX     (NET_ETH_MTU - IP4_HLEN - TCP_HLEN)
#define MSS_DEFAULT 536 // RFC 9293 3.7.1: assume this without the option

// Reads the MSS option; other options are skipped, and a malformed list
// ends the walk (the segment itself stays valid: options are advisory).
static uint16_t find_mss(const uint8_t *opt, size_t len)
{
    size_t i = 0;

    while (i < len && opt[i] != 0) {
        if (opt[i] == 1) {
            i++;
            continue;
        }
        if (i + 1 >= len || opt[i + 1] < 2 || i + opt[i + 1] > len)
            break;
        if (opt[i] == 2 && opt[i + 1] == 4)
            return get16(opt + i + 2);
        i += opt[i + 1];
    }
    return 0;
}

static bool parse(struct net_if *ifp, const struct ip_pkt *pkt,
                  struct tcp_seg *seg)
{
    const uint8_t *t = pkt->data;
    size_t off;

    off = pkt->len >= TCP_HLEN ? (size_t)(t[12] >> 4) * 4 : 0;
    if (off < TCP_HLEN || off > pkt->len || pkt->broadcast || get16(t) == 0 ||
        get16(t + 2) == 0) {
        ifp->stats.tcp_malformed++;
        return false;
    }
    if (net_cksum_fold(
            net_cksum_add(net_cksum_pseudo(pkt->src, pkt->dst, IP_PROTO_TCP,
                                           (uint16_t)pkt->len),
                          t, pkt->len))) {
        ifp->stats.tcp_cksum++;
        return false;
    }
    seg->sport = get16(t);
    seg->dport = get16(t + 2);
    seg->seq = get32(t + 4);
    seg->ack = get32(t + 8);
    seg->flags = t[13] & 0x3f;
    seg->wnd = get16(t + 14);
    seg->mss = find_mss(t + TCP_HLEN, off - TCP_HLEN);
    seg->data = t + off;
    seg->len = pkt->len - off;
    return true;
}

static uint16_t peer_mss(const struct tcp_seg *seg)
{
    if (!seg->mss)
        return MSS_DEFAULT;
    // Tiny values would make us send floods of tiny segments.
    if (seg->mss < 64)
        return 64;
    return seg->mss < MSS_MAX ? seg->mss : MSS_MAX;
}

static struct net_tcp *demux(struct net_if *ifp, const struct ip_pkt *pkt,
                             const struct tcp_seg *seg)
{
    struct net_tcp *listener = NULL;

    for (int i = 0; i < NET_TCP_SOCKETS; i++) {
        struct net_tcp *s = &ifp->tcp[i];
        if (!s->used || s->lport != seg->dport || s->state == NET_TCP_CLOSED)
            continue;
        if (s->state == NET_TCP_LISTEN)
            listener = s;
        else if (s->raddr == pkt->src && s->rport == seg->sport)
            return s;
    }
    return listener;
}

static int children(struct net_tcp *l)
{
    int n = 0;

    for (int i = 0; i < NET_TCP_SOCKETS; i++)
        if (l->ifp->tcp[i].used && l->ifp->tcp[i].parent == l)
            n++;
    return n;
}

// A SYN to a listener makes a half-open child; the backlog bounds how many
// a SYN flood can pin (there are no SYN cookies yet).
static void listen_input(struct net_tcp *l, const struct ip_pkt *pkt,
                         const struct tcp_seg *seg)
{
    struct net_if *ifp = l->ifp;
    struct net_tcp *c;

    if (seg->flags & TCP_RST)
        return;
    if (seg->flags & TCP_ACK) {
        net_tcp_reset_reply(ifp, pkt, seg);
        return;
    }
    if (!(seg->flags & TCP_SYN) || (seg->flags & TCP_FIN))
        return;
    if (children(l) >= l->backlog || !(c = net_tcp_alloc(ifp))) {
        ifp->stats.tcp_backlog_full++;
        return;
    }
    c->rcvbuf = l->rcvbuf;
    c->sndbuf = l->sndbuf;
    c->nodelay = l->nodelay;
    c->keepalive = l->keepalive;
    if (!net_tcp_buffers_get(c)) {
        c->used = false;
        ifp->stats.tcp_no_memory++;
        return;
    }
    c->parent = l;
    c->fn = l->fn;
    c->arg = l->arg;
    c->lport = l->lport;
    c->raddr = pkt->src;
    c->rport = seg->sport;
    c->mss = peer_mss(seg);
    c->rcv_nxt = seg->seq + 1;
    c->snd_wnd = seg->wnd;
    c->iss = net_tcp_isn(ifp, c->raddr, c->lport, c->rport);
    c->snd_una = c->iss;
    c->snd_nxt = c->iss + 1;
    c->state = NET_TCP_SYN_RECEIVED;
    c->deadline = now(ifp) + HALF_OPEN;
    net_tcp_send_flags(c, c->iss, TCP_SYN | TCP_ACK);
}

static void syn_sent_input(struct net_tcp *s, const struct ip_pkt *pkt,
                           const struct tcp_seg *seg)
{
    bool ack_ok = (seg->flags & TCP_ACK) && seg->ack == s->snd_nxt;

    if ((seg->flags & TCP_ACK) && !ack_ok) {
        s->ifp->stats.tcp_bad_ack++;
        net_tcp_reset_reply(s->ifp, pkt, seg);
        return;
    }
    if (seg->flags & TCP_RST) {
        if (ack_ok) {
            s->ifp->stats.tcp_rst_rx++;
            s->err = -ECONNREFUSED;
            s->state = NET_TCP_CLOSED;
            net_tcp_notify(s, NET_TCP_EV_ERROR);
        }
        return;
    }
    if (!(seg->flags & TCP_SYN))
        return;
    s->rcv_nxt = seg->seq + 1;
    s->mss = peer_mss(seg);
    s->snd_wnd = seg->wnd;
    s->snd_wl1 = seg->seq;
    s->snd_wl2 = seg->ack;
    if (!ack_ok) { // simultaneous open (RFC 9293 figure 7)
        s->state = NET_TCP_SYN_RECEIVED;
        net_tcp_send_flags(s, s->iss, TCP_SYN | TCP_ACK);
        return;
    }
    s->snd_una = seg->ack;
    s->state = NET_TCP_ESTABLISHED;
    s->deadline = 0;
    net_tcp_send_flags(s, s->snd_nxt, TCP_ACK);
    net_tcp_notify(s, NET_TCP_EV_CONNECTED | NET_TCP_EV_WRITABLE);
}

void net_tcp_input(struct net_if *ifp, const struct ip_pkt *pkt)
{
    struct tcp_seg seg;
    struct net_tcp *s;

    ifp->stats.tcp_rx++;
    if (!parse(ifp, pkt, &seg))
        return;
    s = demux(ifp, pkt, &seg);
    if (!s) {
        ifp->stats.tcp_no_port++;
        net_tcp_reset_reply(ifp, pkt, &seg);
    } else if (s->state == NET_TCP_LISTEN) {
        listen_input(s, pkt, &seg);
    } else if (s->state == NET_TCP_SYN_SENT) {
        syn_sent_input(s, pkt, &seg);
    } else {
        net_tcp_segment(s, &seg);
    }
}
