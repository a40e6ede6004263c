// TCP sockets: the calls in net.h, socket memory, the connection and port
// tables, and initial sequence numbers.
#include "internal.h"

static struct net_tcp *of_node(struct net_hnode *n)
{
    return (struct net_tcp *)n; // node is the first member
}

static uint32_t conn_hash(struct net_if *ifp, uint32_t raddr, uint16_t lport,
                          uint16_t rport)
{
    return net_hash(ifp, (uint64_t)raddr << 32 | (uint64_t)lport << 16 | rport);
}

// Closed connections stay in the table until their owner closes them, but
// are not found: a new connection may take their 4-tuple.
struct net_tcp *net_tcp_find(struct net_if *ifp, uint32_t raddr, uint16_t lport,
                             uint16_t rport)
{
    uint32_t h = conn_hash(ifp, raddr, lport, rport);

    for (struct net_hnode *n = net_table_bucket(&ifp->tcp_conns, h); n;
         n = n->next) {
        struct net_tcp *s = of_node(n);
        if (n->hash == h && s->raddr == raddr && s->lport == lport &&
            s->rport == rport && s->state != NET_TCP_CLOSED)
            return s;
    }
    return NULL;
}

void net_tcp_hash(struct net_tcp *s)
{
    struct net_if *ifp = s->ifp;

    if (s->hashed)
        net_table_remove(ifp, &ifp->tcp_conns, &s->node);
    s->node.hash = conn_hash(ifp, s->raddr, s->lport, s->rport);
    net_table_insert(ifp, &ifp->tcp_conns, &s->node);
    s->hashed = true;
}

static struct tcp_port *port_find(struct net_if *ifp, uint16_t port)
{
    uint32_t h = net_hash(ifp, port);

    for (struct net_hnode *n = net_table_bucket(&ifp->tcp_ports, h); n;
         n = n->next) {
        struct tcp_port *p = (struct tcp_port *)n;
        if (n->hash == h && p->port == port)
            return p;
    }
    return NULL;
}

struct net_tcp *net_tcp_listener(struct net_if *ifp, uint16_t lport)
{
    struct tcp_port *p = port_find(ifp, lport);

    return p ? p->listen : NULL;
}

// s takes a port nobody holds (false: no memory for its entry).
static bool port_new(struct net_tcp *s, uint16_t port)
{
    struct net_if *ifp = s->ifp;
    struct tcp_port *p = ifp->desc.alloc(ifp->desc.arg, sizeof(*p));

    if (!p)
        return false;
    memset(p, 0, sizeof(*p));
    p->node.hash = net_hash(ifp, port);
    p->port = port;
    p->users = 1;
    net_table_insert(ifp, &ifp->tcp_ports, &p->node);
    net_eph_mark(ifp->tcp_eph, port, true);
    s->port = p;
    s->lport = port;
    return true;
}

static void port_put(struct net_tcp *s)
{
    struct net_if *ifp = s->ifp;
    struct tcp_port *p = s->port;

    s->port = NULL;
    if (p->listen == s)
        p->listen = NULL;
    if (--p->users)
        return;
    net_table_remove(ifp, &ifp->tcp_ports, &p->node);
    net_eph_mark(ifp->tcp_eph, p->port, false);
    ifp->desc.free(ifp->desc.arg, p, sizeof(*p));
}

void net_tcp_queue_add(struct tcp_queue *q, struct net_tcp *s)
{
    s->queue = q;
    s->next = NULL;
    s->prev = q->tail;
    if (q->tail)
        q->tail->next = s;
    else
        q->head = s;
    q->tail = s;
    q->n++;
    if (q == &s->ifp->time_wait)
        s->ifp->stats.tcp_time_wait = q->n;
}

void net_tcp_queue_del(struct net_tcp *s)
{
    struct tcp_queue *q = s->queue;

    if (s->prev)
        s->prev->next = s->next;
    else
        q->head = s->next;
    if (s->next)
        s->next->prev = s->prev;
    else
        q->tail = s->prev;
    q->n--;
    if (q == &s->ifp->time_wait)
        s->ifp->stats.tcp_time_wait = q->n;
    s->queue = NULL;
    s->prev = s->next = NULL;
}

// Everything but the memory: tables, timers, lists, buffers, port.
static void detach(struct net_tcp *s)
{
    struct net_if *ifp = s->ifp;

    net_tcp_buffers_put(s);
    net_tcp_unschedule(s);
    if (s->queue == &ifp->half_open)
        s->parent->nhalf--;
    if (s->queue)
        net_tcp_queue_del(s);
    if (s->hashed)
        net_table_remove(ifp, &ifp->tcp_conns, &s->node);
    s->hashed = false;
    if (s->port)
        port_put(s);
    s->used = false;
    s->state = NET_TCP_CLOSED;
}

// Inside net_if_input or net_if_timer the code that ran a callback may
// still look at the socket it handled (s->used tells it s is over), so
// the memory goes back when the call returns (net_tcp_reap).
static void reclaim(struct net_tcp *s)
{
    struct net_if *ifp = s->ifp;

    if (ifp->depth) {
        s->node.next = ifp->dead;
        ifp->dead = &s->node;
        return;
    }
    ifp->desc.free(ifp->desc.arg, s, sizeof(*s));
    ifp->stats.tcp_sockets = --ifp->ntcp;
    net_tcp_heap_room(ifp, ifp->ntcp);
}

void net_tcp_reap(struct net_if *ifp)
{
    while (ifp->dead) {
        struct net_tcp *s = of_node(ifp->dead);
        ifp->dead = s->node.next;
        reclaim(s);
    }
}

void net_tcp_free(struct net_tcp *s)
{
    if (!s->used)
        return; // over already (and reclaimed, if nobody held it)
    detach(s);
    if (s->parent || s->user_closed)
        reclaim(s);
}

static struct net_tcp *fresh(struct net_if *ifp, struct net_tcp *s)
{
    memset(s, 0, sizeof(*s));
    s->ifp = ifp;
    s->used = true;
    s->rcvbuf = s->sndbuf = NET_TCP_BUF_DEFAULT;
    return s;
}

// A new socket from alloc. When alloc refuses, the closed connection
// whose TIME-WAIT ends first gives its memory up (its only job is to
// absorb stray segments, which is worth less than a new connection).
struct net_tcp *net_tcp_alloc(struct net_if *ifp)
{
    struct net_tcp *s = NULL;

    if (net_tcp_heap_room(ifp, ifp->ntcp + 1) &&
        (s = ifp->desc.alloc(ifp->desc.arg, sizeof(*s))))
        ifp->stats.tcp_sockets = ++ifp->ntcp;
    if (!s && (s = ifp->time_wait.head)) {
        ifp->stats.tcp_time_wait_reused++;
        detach(s);
    }
    return s ? fresh(ifp, s) : NULL;
}

// As net_tcp_alloc, and then the half-open child that has waited longest
// for its peer gives its memory up: a peer that proved its address by
// ACKing a SYN cookie outranks a SYN that may be forged.
struct net_tcp *net_tcp_alloc_evict(struct net_if *ifp)
{
    struct net_tcp *s = net_tcp_alloc(ifp);

    if (s || !(s = ifp->half_open.head))
        return s;
    ifp->stats.tcp_half_open_evicted++;
    detach(s);
    return fresh(ifp, s);
}

// The sequence-space start of a connection to raddr:rport (our SYN is
// iss), before any option is known; from now on segments find it.
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
    net_tcp_hash(s);
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
        return -ENOMEM;
    *sp = s;
    return 0;
}

// A port is in use while any socket holds it, connections included, as
// on Linux without SO_REUSEADDR: so no two connections share a 4-tuple.
int net_tcp_bind(struct net_tcp *s, uint16_t port)
{
    struct net_if *ifp = s->ifp;

    if (s->lport || s->state != NET_TCP_CLOSED || !s->used)
        return -EINVAL;
    if (port) {
        if (port_find(ifp, port))
            return -EADDRINUSE;
        return port_new(s, port) ? 0 : -ENOMEM;
    }
    port = net_eph_take(ifp->tcp_eph, &ifp->next_tcp_port);
    if (!port)
        return -EAGAIN;
    if (port_new(s, port))
        return 0;
    net_eph_mark(ifp->tcp_eph, port, false);
    return -ENOMEM;
}

int net_tcp_listen(struct net_tcp *s, int backlog)
{
    if (!s->lport || s->state != NET_TCP_CLOSED || s->err || !s->used)
        return -EINVAL;
    backlog = backlog < 1 ? 1 : backlog;
    s->backlog =
        (uint16_t)(backlog > NET_TCP_BACKLOG ? NET_TCP_BACKLOG : backlog);
    s->state = NET_TCP_LISTEN;
    s->port->listen = s;
    return 0;
}

int net_tcp_accept(struct net_tcp *s, struct net_tcp **cp)
{
    struct net_tcp *c = s->ready.head;

    if (s->state != NET_TCP_LISTEN)
        return -EINVAL;
    if (!c)
        return -EAGAIN;
    net_tcp_queue_del(c);
    c->parent = NULL;
    *cp = c;
    return 0;
}

int net_tcp_connect(struct net_tcp *s, uint32_t dst, uint16_t dport)
{
    int rc;

    if (s->state != NET_TCP_CLOSED)
        return -EISCONN;
    if (s->err || !dport || !s->used)
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
    net_tcp_schedule(s);
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
    net_tcp_schedule(s);
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
    net_tcp_schedule(s);
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
    s->fn = NULL;   // the caller let go of s: no more events for it
    if (!s->used) { // the connection ended before: only memory is left
        reclaim(s);
        return;
    }
    switch (s->state) {
    case NET_TCP_LISTEN:
        for (struct net_tcp *c = s->ifp->half_open.head, *next; c; c = next) {
            next = c->next;
            if (c->parent == s)
                abort_child(c);
        }
        while (s->ready.head)
            abort_child(s->ready.head);
        net_tcp_free(s);
        return;
    case NET_TCP_CLOSED:
    case NET_TCP_SYN_SENT: net_tcp_free(s); return;
    case NET_TCP_FIN_WAIT_2: // an orphan waits for the peer's FIN a while
        s->deadline = now(s->ifp) + TCP_FIN_WAIT2;
        break;
    case NET_TCP_TIME_WAIT:
        net_tcp_buffers_put(s);
        net_tcp_queue_add(&s->ifp->time_wait, s);
        break;
    default: net_tcp_shutdown(s); // already closing: nothing changes
    }
    net_tcp_schedule(s);
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
    net_tcp_schedule(s);
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

unsigned net_tcp_poll(const struct net_tcp *s)
{
    unsigned ev = 0;

    if (s->state == NET_TCP_LISTEN)
        return s->ready.n ? NET_TCP_EV_ACCEPT : 0;
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
    net_tcp_schedule(s);
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

// A half-open child of a listener is established: it waits for accept
// behind those established before it.
void net_tcp_ready(struct net_tcp *c)
{
    c->parent->nhalf--;
    net_tcp_queue_del(c);
    net_tcp_queue_add(&c->parent->ready, c);
}
