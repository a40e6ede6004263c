// TCP sockets: the calls in net.h, slot allocation, initial sequence
// numbers and the connection timers.
#include "internal.h"

#define EPHEMERAL_LOW  49152
#define EPHEMERAL_SPAN 16384

// A free slot; when there is none, the closed connection whose TIME-WAIT
// ends first gives its slot up (its only job is to absorb stray
// segments, which is worth less than a new connection).
struct net_tcp *net_tcp_alloc(struct net_if *ifp)
{
    struct net_tcp *s = NULL;

    for (int i = 0; i < NET_TCP_SOCKETS && (!s || s->used); i++) {
        struct net_tcp *t = &ifp->tcp[i];
        if (!t->used || (t->state == NET_TCP_TIME_WAIT && t->user_closed &&
                         (!s || t->deadline < s->deadline)))
            s = t;
    }
    if (!s)
        return NULL;
    if (s->used) {
        ifp->stats.tcp_time_wait_reused++;
        net_tcp_free(s);
    }
    memset(s, 0, sizeof(*s));
    s->ifp = ifp;
    s->used = true;
    s->rcvbuf = s->sndbuf = NET_TCP_BUF_DEFAULT;
    return s;
}

// The sequence-space start of a connection to raddr:rport (our SYN is
// iss), before any option is known.
void net_tcp_start(struct net_tcp *s, uint32_t raddr, uint16_t rport)
{
    s->raddr = raddr;
    s->rport = rport;
    s->mss = 536;
    s->iss = net_tcp_isn(s->ifp, raddr, s->lport, rport);
    s->snd_una = s->iss;
    s->snd_nxt = s->snd_max = s->iss + 1;
    s->recover = s->iss;
    s->last_rx = now(s->ifp);
}

bool net_tcp_buffers_get(struct net_tcp *s)
{
    struct net_if_desc *d = &s->ifp->desc;

    if (!s->buf)
        s->buf = d->alloc(d->arg, (size_t)s->rcvbuf + s->sndbuf);
    return s->buf != NULL;
}

void net_tcp_buffers_put(struct net_tcp *s)
{
    struct net_if_desc *d = &s->ifp->desc;

    if (s->buf)
        d->free(d->arg, s->buf, (size_t)s->rcvbuf + s->sndbuf);
    s->buf = NULL;
    s->rx_len = s->tx_len = 0;
}

// RFC 6528: ISN = clock (4 us ticks, RFC 9293) + F(secret, 4-tuple). F
// here is a 64-bit mixer (splitmix64's finaliser), not a keyed PRF.
uint32_t net_tcp_isn(struct net_if *ifp, uint32_t raddr, uint16_t lport,
                     uint16_t rport)
{
    uint64_t x = net_mix64(ifp->desc.secret ^ ((uint64_t)raddr << 32 |
                                               (uint64_t)lport << 16 | rport));

    return (uint32_t)(x + now(ifp) / 4000);
}

int net_tcp_open(struct net_if *ifp, struct net_tcp **sp)
{
    struct net_tcp *s = net_tcp_alloc(ifp);

    if (!s)
        return -EMFILE;
    *sp = s;
    return 0;
}

static bool port_used(struct net_if *ifp, uint16_t port)
{
    for (int i = 0; i < NET_TCP_SOCKETS; i++)
        if (ifp->tcp[i].used && ifp->tcp[i].lport == port &&
            !ifp->tcp[i].parent)
            return true;
    return false;
}

int net_tcp_bind(struct net_tcp *s, uint16_t port)
{
    struct net_if *ifp = s->ifp;

    if (s->lport || s->state != NET_TCP_CLOSED)
        return -EINVAL;
    if (port) {
        if (port_used(ifp, port))
            return -EADDRINUSE;
        s->lport = port;
        return 0;
    }
    for (int i = 0; i < EPHEMERAL_SPAN; i++) {
        port =
            (uint16_t)(EPHEMERAL_LOW + ifp->next_tcp_port++ % EPHEMERAL_SPAN);
        if (!port_used(ifp, port)) {
            s->lport = port;
            return 0;
        }
    }
    return -EAGAIN;
}

int net_tcp_listen(struct net_tcp *s, int backlog)
{
    if (!s->lport || s->state != NET_TCP_CLOSED || s->err)
        return -EINVAL;
    backlog = backlog < 1 ? 1 : backlog;
    s->backlog =
        (uint8_t)(backlog > NET_TCP_BACKLOG ? NET_TCP_BACKLOG : backlog);
    s->state = NET_TCP_LISTEN;
    return 0;
}

int net_tcp_accept(struct net_tcp *s, struct net_tcp **cp)
{
    struct net_tcp *best = NULL;

    if (s->state != NET_TCP_LISTEN)
        return -EINVAL;
    for (int i = 0; i < NET_TCP_SOCKETS; i++) {
        struct net_tcp *c = &s->ifp->tcp[i];
        if (!c->used || c->parent != s || c->state == NET_TCP_SYN_RECEIVED)
            continue;
        if (!best || SEQ_LT(c->accept_order, best->accept_order))
            best = c;
    }
    if (!best)
        return -EAGAIN;
    best->parent = NULL;
    *cp = best;
    return 0;
}

int net_tcp_connect(struct net_tcp *s, uint32_t dst, uint16_t dport)
{
    int rc;

    if (s->state != NET_TCP_CLOSED)
        return -EISCONN;
    if (s->err || !dport)
        return -EINVAL;
    if (!s->lport && (rc = net_tcp_bind(s, 0)) < 0)
        return rc;
    if (!net_tcp_buffers_get(s))
        return -ENOMEM;
    net_tcp_start(s, dst, dport);
    s->rcv_shift = net_tcp_shift_for(s->rcvbuf);
    s->state = NET_TCP_SYN_SENT;
    rc = net_tcp_send_flags(s, s->iss, TCP_SYN);
    if (rc < 0) {
        s->state = NET_TCP_CLOSED;
        return rc;
    }
    s->rtt_on = true; // the handshake gives the first RTT sample
    s->rtt_seq = s->iss + 1;
    s->rtt_t0 = now(s->ifp);
    net_tcp_arm(s);
    return 0;
}

int net_tcp_send(struct net_tcp *s, const void *data, size_t len)
{
    size_t n;

    if (s->err)
        return s->err;
    if (s->fin_queued)
        return -EPIPE;
    if (s->state != NET_TCP_ESTABLISHED && s->state != NET_TCP_CLOSE_WAIT)
        return -ENOTCONN;
    n = s->sndbuf - s->tx_len;
    if (n == 0)
        return -EAGAIN;
    n = len < n ? len : n;
    if (n && !net_tcp_buffers_get(s))
        return -ENOMEM;
    s->last_io = now(s->ifp);
    ring_put(tcp_tx(s), s->sndbuf, s->tx_head + s->tx_len, data, n);
    s->tx_len += n;
    net_tcp_output(s);
    return (int)n;
}

int net_tcp_recv(struct net_tcp *s, void *buf, size_t len)
{
    uint32_t before = net_tcp_rcv_wnd(s) >> s->rcv_shift << s->rcv_shift;
    uint32_t open_at =
        s->rcvbuf / 2 < 2u * s->mss ? s->rcvbuf / 2 : 2u * s->mss;
    size_t n = len < s->rx_len ? len : s->rx_len;

    if (n == 0)
        return len == 0 || s->fin_rcvd ? 0 : s->err ? s->err : -EAGAIN;
    s->last_io = now(s->ifp);
    ring_get(tcp_rx(s), s->rcvbuf, s->rx_head, buf, n);
    s->rx_head = (s->rx_head + n) % s->rcvbuf;
    s->rx_len -= n;
    // Tell the peer when the window opens by two segments or half the
    // buffer; smaller updates would invite silly windows (RFC 9293
    // 3.8.6.2.2). Later ACKs carry smaller openings anyway.
    if (net_tcp_rcv_wnd(s) - before >= open_at && !s->fin_rcvd &&
        s->state >= NET_TCP_ESTABLISHED && s->state != NET_TCP_TIME_WAIT)
        net_tcp_ack_now(s);
    return (int)n;
}

static void abort_child(struct net_tcp *c)
{
    net_tcp_send_flags(c, c->snd_nxt, TCP_RST | TCP_ACK);
    c->ifp->stats.tcp_rst_tx++;
    net_tcp_free(c);
}

void net_tcp_close(struct net_tcp *s)
{
    s->user_closed = true;
    s->fn = NULL; // the caller let go of s: no more events for it
    switch (s->state) {
    case NET_TCP_LISTEN:
        for (int i = 0; i < NET_TCP_SOCKETS; i++)
            if (s->ifp->tcp[i].used && s->ifp->tcp[i].parent == s)
                abort_child(&s->ifp->tcp[i]);
        net_tcp_free(s);
        return;
    case NET_TCP_CLOSED:
    case NET_TCP_SYN_SENT: net_tcp_free(s); return;
    case NET_TCP_FIN_WAIT_2: // an orphan waits for the peer's FIN a while
        s->deadline = now(s->ifp) + TCP_FIN_WAIT2;
        return;
    case NET_TCP_TIME_WAIT: net_tcp_buffers_put(s); return;
    default: net_tcp_shutdown(s); // already closing: nothing changes
    }
}

int net_tcp_shutdown(struct net_tcp *s)
{
    if (s->fin_queued)
        return 0;
    switch (s->state) {
    case NET_TCP_SYN_RECEIVED: break; // FIN-WAIT-1 once established
    case NET_TCP_ESTABLISHED: s->state = NET_TCP_FIN_WAIT_1; break;
    case NET_TCP_CLOSE_WAIT: s->state = NET_TCP_LAST_ACK; break;
    default: return -ENOTCONN;
    }
    s->fin_queued = true;
    net_tcp_output(s);
    return 0;
}

void net_tcp_on_event(struct net_tcp *s, net_tcp_event_fn fn, void *arg)
{
    s->fn = fn;
    s->arg = arg;
}

enum net_tcp_state net_tcp_state(const struct net_tcp *s)
{
    return (enum net_tcp_state)s->state;
}

int net_tcp_error(const struct net_tcp *s)
{
    return s->err;
}

void net_tcp_peer(const struct net_tcp *s, uint32_t *addr, uint16_t *port)
{
    *addr = s->raddr;
    *port = s->rport;
}

void net_tcp_local(const struct net_tcp *s, uint32_t *addr, uint16_t *port)
{
    *addr = s->ifp->cfg.addr;
    *port = s->lport;
}

static bool child_ready(const struct net_tcp *l)
{
    for (int i = 0; i < NET_TCP_SOCKETS; i++) {
        const struct net_tcp *c = &l->ifp->tcp[i];
        if (c->used && c->parent == l && c->state != NET_TCP_SYN_RECEIVED)
            return true;
    }
    return false;
}

unsigned net_tcp_poll(const struct net_tcp *s)
{
    unsigned ev = 0;

    if (s->state == NET_TCP_LISTEN)
        return child_ready(s) ? NET_TCP_EV_ACCEPT : 0;
    if (s->rx_len || s->fin_rcvd || s->err)
        ev |= NET_TCP_EV_READABLE;
    if ((s->state == NET_TCP_ESTABLISHED || s->state == NET_TCP_CLOSE_WAIT) &&
        !s->fin_queued && s->tx_len < s->sndbuf)
        ev |= NET_TCP_EV_WRITABLE;
    if (s->err)
        ev |= NET_TCP_EV_ERROR | NET_TCP_EV_HUP;
    if (s->fin_rcvd && s->fin_queued)
        ev |= NET_TCP_EV_HUP;
    return ev;
}

static int clamp_buf(int v)
{
    return v < NET_TCP_BUF_MIN   ? NET_TCP_BUF_MIN
           : v > NET_TCP_BUF_MAX ? NET_TCP_BUF_MAX
                                 : v;
}

int net_tcp_setopt(struct net_tcp *s, enum net_tcp_opt opt, int value)
{
    switch (opt) {
    case NET_TCP_OPT_NODELAY: s->nodelay = value != 0; break;
    case NET_TCP_OPT_KEEPALIVE: s->keepalive = value != 0; break;
    case NET_TCP_OPT_RCVBUF:
    case NET_TCP_OPT_SNDBUF:
        // The window scale is announced in the SYN from RCVBUF, and the
        // buffers are one block: both are fixed once the block exists.
        if (s->buf || s->state != NET_TCP_CLOSED)
            return -EINVAL;
        if (opt == NET_TCP_OPT_RCVBUF)
            s->rcvbuf = (uint32_t)clamp_buf(value);
        else
            s->sndbuf = (uint32_t)clamp_buf(value);
        break;
    default: return -EINVAL;
    }
    if (opt == NET_TCP_OPT_NODELAY)
        net_tcp_output(s); // queued small data may go now
    return 0;
}

int net_tcp_getopt(const struct net_tcp *s, enum net_tcp_opt opt)
{
    switch (opt) {
    case NET_TCP_OPT_NODELAY: return s->nodelay;
    case NET_TCP_OPT_KEEPALIVE: return s->keepalive;
    case NET_TCP_OPT_RCVBUF: return (int)s->rcvbuf;
    case NET_TCP_OPT_SNDBUF: return (int)s->sndbuf;
    default: return -EINVAL;
    }
}
