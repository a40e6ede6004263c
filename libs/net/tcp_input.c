// TCP input: segment validation, demultiplexing, resets for closed ports,
// the states that are not yet synchronized (LISTEN with its SYN queue and
// SYN cookies, SYN-SENT), and ICMP errors for connecting sockets.
#include "internal.h"

#define TCP_HLEN    20
#define MSS_DEFAULT 536 // RFC 9293 3.7.1: assume this without the option

// Reads the MSS and window scale options; others are skipped, and a
// malformed list ends the walk (options are advisory).
static void find_options(struct tcp_seg *seg, const uint8_t *opt, size_t len)
{
    size_t i = 0;

    seg->mss = 0;
    seg->wscale = 0xff;
    while (i < len && opt[i] != 0) {
        if (opt[i] == 1) {
            i++;
            continue;
        }
        if (i + 1 >= len || opt[i + 1] < 2 || i + opt[i + 1] > len)
            break;
        if (opt[i] == 2 && opt[i + 1] == 4)
            seg->mss = get16(opt + i + 2);
        if (opt[i] == 3 && opt[i + 1] == 3) // RFC 7323 2.3: at most 14
            seg->wscale = opt[i + 2] > 14 ? 14 : opt[i + 2];
        i += opt[i + 1];
    }
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
    find_options(seg, t + TCP_HLEN, off - TCP_HLEN);
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
    return seg->mss < TCP_MSS_MAX ? seg->mss : TCP_MSS_MAX;
}

// The connection for the 4-tuple, else the listener on the port.
static struct net_tcp *demux(struct net_if *ifp, uint32_t raddr, uint16_t lport,
                             uint16_t rport)
{
    struct net_tcp *s = net_tcp_find(ifp, raddr, lport, rport);

    return s ? s : net_tcp_listener(ifp, lport);
}

// A child of l for the peer of pkt/seg with its buffers, or NULL when
// memory is out (counted; the caller decides what the peer is told).
// With evict, a socket alloc refuses is taken from the oldest half-open
// child (see net.h: a flood to several listeners).
static struct net_tcp *child(struct net_tcp *l, const struct ip_pkt *pkt,
                             const struct tcp_seg *seg, bool evict)
{
    struct net_if *ifp = l->ifp;
    size_t len = (size_t)l->rcvbuf + l->sndbuf;
    // The buffers first: a half-open child is evicted only when that
    // makes the connection possible.
    uint8_t *buf = ifp->desc.alloc(ifp->desc.arg, len);
    struct net_tcp *c = NULL;

    if (buf && !(c = evict ? net_tcp_alloc_evict(ifp) : net_tcp_alloc(ifp)))
        ifp->desc.free(ifp->desc.arg, buf, len);
    if (!c) {
        ifp->stats.tcp_no_memory++;
        return NULL;
    }
    c->rcvbuf = l->rcvbuf;
    c->sndbuf = l->sndbuf;
    c->buf = buf;
    c->nodelay = l->nodelay;
    c->keepalive = l->keepalive;
    c->parent = l; // until accepted: net_tcp_free frees it
    c->fn = l->fn;
    c->arg = l->arg;
    c->port = l->port;
    c->port->users++;
    c->lport = l->lport;
    net_tcp_start(c, pkt->src, seg->sport);
    c->mss = peer_mss(seg);
    return c;
}

// The ACK of a SYN-ACK we sent as a cookie: the connection starts
// established, without window scaling. With the accept queue full it is
// dropped, as Linux drops it: the peer sends it again with its data, and
// by then the server may have made room (a burst of 1,000 connects to a
// backlog of 128 is served whole so; a RST here failed 893 of them).
// Without memory there is no such hope and no state to keep the peer
// waiting on: a RST, or it would wait in silence.
static void cookie_ack(struct net_tcp *l, const struct ip_pkt *pkt,
                       const struct tcp_seg *seg)
{
    struct net_if *ifp = l->ifp;
    uint16_t mss = net_tcp_cookie_check(ifp, pkt, seg);
    struct net_tcp *c;

    if (!mss) {
        net_tcp_reset_reply(ifp, pkt, seg);
        return;
    }
    if (l->ready.n >= l->backlog) {
        ifp->stats.tcp_backlog_full++;
        return;
    }
    if (!(c = child(l, pkt, seg, true))) {
        net_tcp_reset_reply(ifp, pkt, seg);
        return;
    }
    ifp->stats.tcp_syn_cookies_ok++;
    c->iss = seg->ack - 1;
    c->snd_una = c->snd_nxt = c->snd_max = seg->ack;
    c->rcv_nxt = c->rcv_acked = seg->seq;
    c->mss = mss;
    c->rcv_shift = c->snd_shift = 0;
    c->state = NET_TCP_ESTABLISHED;
    c->snd_wnd = c->max_wnd = seg->wnd;
    c->snd_wl1 = seg->seq;
    c->snd_wl2 = seg->ack;
    net_tcp_cc_init(c);
    net_tcp_queue_add(&l->ready, c);
    net_tcp_segment(c, seg); // its data, if any
    if (c->used)
        net_tcp_schedule(c);
    if (c->used && c->parent == l)
        net_tcp_notify(l, NET_TCP_EV_ACCEPT);
}

// The stateless SYN-ACK: its ISN is a cookie (tcp_cookie.c).
static void send_cookie(struct net_tcp *l, const struct ip_pkt *pkt,
                        const struct tcp_seg *seg)
{
    struct net_tcp tmp = {.ifp = l->ifp, .lport = l->lport};

    tmp.mss = peer_mss(seg);
    tmp.raddr = pkt->src;
    tmp.rport = seg->sport;
    tmp.rcvbuf = 65535;
    tmp.rcv_nxt = seg->seq + 1;
    tmp.iss = net_tcp_cookie(l->ifp, pkt, seg, &tmp.mss);
    l->ifp->stats.tcp_syn_cookies_sent++;
    net_tcp_send_flags(&tmp, tmp.iss, TCP_SYN | TCP_ACK);
}

// A SYN to a listener makes a half-open child, at most backlog of them;
// beyond that, or when memory is out, the SYN-ACK carries a cookie and no
// state is kept. A SYN is dropped (the peer retries) while backlog
// children wait for accept.
static void listen_input(struct net_tcp *l, const struct ip_pkt *pkt,
                         const struct tcp_seg *seg)
{
    struct net_if *ifp = l->ifp;
    struct net_tcp *c;

    if (seg->flags & TCP_RST)
        return;
    if (seg->flags & TCP_ACK) {
        if (seg->flags & (TCP_SYN | TCP_FIN))
            net_tcp_reset_reply(ifp, pkt, seg);
        else
            cookie_ack(l, pkt, seg);
        return;
    }
    if (!(seg->flags & TCP_SYN) || (seg->flags & TCP_FIN))
        return;
    if (l->ready.n >= l->backlog) {
        ifp->stats.tcp_backlog_full++;
        return;
    }
    if (l->nhalf >= l->backlog || !(c = child(l, pkt, seg, false))) {
        send_cookie(l, pkt, seg);
        return;
    }
    net_tcp_queue_add(&ifp->half_open, c);
    l->nhalf++;
    c->rcv_nxt = c->rcv_acked = seg->seq + 1;
    c->snd_wnd = c->max_wnd = seg->wnd; // a SYN's window is never scaled
    if (seg->wscale != 0xff) {
        c->wscale = true;
        c->snd_shift = seg->wscale;
        c->rcv_shift = net_tcp_shift_for(c->rcvbuf);
    }
    c->state = NET_TCP_SYN_RECEIVED;
    c->rtt_on = true;
    c->rtt_seq = c->iss + 1;
    c->rtt_t0 = now(ifp);
    net_tcp_send_flags(c, c->iss, TCP_SYN | TCP_ACK);
    net_tcp_arm(c);
    net_tcp_schedule(c);
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
            net_tcp_drop(s, -ECONNREFUSED);
        }
        return;
    }
    if (!(seg->flags & TCP_SYN))
        return;
    s->rcv_nxt = s->rcv_acked = seg->seq + 1;
    s->mss = peer_mss(seg);
    if (seg->wscale != 0xff) {
        s->wscale = true; // a simultaneous open's SYN-ACK carries it too
        s->snd_shift = seg->wscale;
    } else {
        s->rcv_shift = 0; // both sides must agree, or neither scales
    }
    s->snd_wnd = s->max_wnd = seg->wnd;
    s->snd_wl1 = seg->seq;
    s->snd_wl2 = seg->ack;
    s->last_rx = now(s->ifp);
    if (!ack_ok) { // simultaneous open (RFC 9293 figure 7)
        s->state = NET_TCP_SYN_RECEIVED;
        net_tcp_send_flags(s, s->iss, TCP_SYN | TCP_ACK);
        return;
    }
    if (s->rtt_on && s->backoff == 0)
        net_tcp_rtt_sample(s, now(s->ifp) - s->rtt_t0);
    s->rtt_on = false;
    s->snd_una = seg->ack;
    s->state = NET_TCP_ESTABLISHED;
    s->retries = 0;
    net_tcp_cc_init(s);
    net_tcp_arm(s);
    net_tcp_ack_now(s);
    net_tcp_notify(s, NET_TCP_EV_CONNECTED | NET_TCP_EV_WRITABLE);
}

// A new SYN for a connection in TIME-WAIT with a higher sequence number
// starts a new connection (RFC 9293 3.10.7.4, as BSD and Linux do).
static bool reuse_time_wait(struct net_tcp *s, const struct tcp_seg *seg)
{
    if (s->state != NET_TCP_TIME_WAIT || seg->flags != TCP_SYN ||
        !SEQ_LT(s->rcv_nxt, seg->seq) || !s->user_closed)
        return false;
    s->ifp->stats.tcp_time_wait_reused++;
    net_tcp_free(s);
    return true;
}

void net_tcp_input(struct net_if *ifp, const struct ip_pkt *pkt)
{
    struct tcp_seg seg;
    struct net_tcp *s;

    ifp->stats.tcp_rx++;
    if (!parse(ifp, pkt, &seg))
        return;
    s = demux(ifp, pkt->src, seg.dport, seg.sport);
    if (s && reuse_time_wait(s, &seg))
        s = demux(ifp, pkt->src, seg.dport, seg.sport);
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
    if (s && s->used)
        net_tcp_schedule(s);
}

// RFC 1122 4.2.3.9 lets an unreachable abort a connection being opened;
// once it is established such errors are soft, and ignored here.
void net_tcp_icmp_error(struct net_if *ifp, uint32_t raddr, uint16_t lport,
                        uint16_t rport, uint32_t seq, int err)
{
    struct net_tcp *s = demux(ifp, raddr, lport, rport);

    if (!s || s->state != NET_TCP_SYN_SENT || seq != s->iss)
        return;
    ifp->stats.tcp_icmp_errors++;
    net_tcp_drop(s, err);
    if (s->used)
        net_tcp_schedule(s);
}
