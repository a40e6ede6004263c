/*
 * Sockets inside the image: connections to 127.0.0.0/8 and socketpair.
 * The two ends of a stream each own a receive ring that the other end
 * writes into; a connect finds the listener in the port table and queues
 * the accepting end on it at once, so connect never waits for a peer.
 * Datagrams are copied into the receiving socket's queue.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include "sock.h"

static void join(struct sock *a, struct sock *b)
{
    a->peer = b;
    b->peer = a;
    a->local = b->local = true;
    a->state = b->state = SK_CONNECTED;
}

int rt_local_pair(int type, struct sock **a, struct sock **b)
{
    *a = rt_sock_new(AF_UNIX, type);
    *b = *a ? rt_sock_new(AF_UNIX, type) : NULL;
    if (!*b || !rt_ring_alloc(&(*a)->rx) || !rt_ring_alloc(&(*b)->rx)) {
        if (*a)
            rt_sock_free(*a);
        if (*b)
            rt_sock_free(*b);
        return *b ? -ENOMEM : -ENFILE;
    }
    join(*a, *b);
    return 0;
}

long rt_local_connect(struct sock *s, uint32_t addr, uint16_t port)
{
    struct sock *l = rt_port_find(SOCK_STREAM, addr, port, true), *c;
    int err;

    if (!l)
        return -ECONNREFUSED;
    if (l->npending >= l->backlog)
        return -EAGAIN; /* a full backlog: the SYN would be dropped */
    if (!s->lport && (err = rt_port_bind(s, LOOPBACK, 0)))
        return err;
    if (!s->laddr)
        s->laddr = LOOPBACK;
    c = rt_sock_new(AF_INET, SOCK_STREAM);
    if (!c)
        return -ENOBUFS;
    if (!rt_ring_alloc(&c->rx) || !rt_ring_alloc(&s->rx)) {
        rt_sock_free(c);
        return -ENOBUFS;
    }
    c->laddr = addr;
    c->lport = port;
    c->raddr = s->laddr;
    c->rport = s->lport;
    c->nodelay = l->nodelay;
    c->keepalive = l->keepalive;
    s->raddr = addr;
    s->rport = port;
    join(s, c);
    if (l->pending)
        l->pending_last->next_pending = c;
    else
        l->pending = c;
    l->pending_last = c;
    l->npending++;
    return 0;
}

static long send_dgram(struct sock *s, const void *buf, size_t n, uint32_t dst,
                       uint16_t dport)
{
    struct sock *to;
    int err;

    if (n > RT_SOCK_RING - 16)
        return -EMSGSIZE;
    if (s->family == AF_UNIX) {
        if (!s->peer)
            return -ECONNREFUSED;
        to = s->peer;
    } else {
        if (!s->lport && (err = rt_port_bind(s, 0, 0)))
            return err;
        to = rt_port_find(SOCK_DGRAM, dst, dport, false);
    }
    /* no one there: Linux answers with ICMP port unreachable, which the
     * sender only sees as a lost datagram */
    if (to)
        rt_dgram_queue(to, s->laddr ? s->laddr : LOOPBACK, s->lport, buf, n);
    return (long)n;
}

long rt_local_send(struct sock *s, const void *buf, size_t n, uint32_t dst,
                   uint16_t dport)
{
    size_t done;

    if (s->type == SOCK_DGRAM)
        return send_dgram(s, buf, n, dst, dport);
    if (s->wr_shut || s->peer_closed || !s->peer)
        return -EPIPE;
    if (s->peer->rd_shut && s->family == AF_INET)
        return (long)n; /* Linux TCP takes it; the peer never reads it */
    done = rt_ring_put(&s->peer->rx, buf, n);
    return done || !n ? (long)done : -EAGAIN;
}

long rt_local_recv(struct sock *s, void *buf, size_t n, bool peek)
{
    if (s->rx.len)
        return (long)rt_ring_get(&s->rx, buf, n, peek);
    if (s->peer_closed || s->peer_shut || s->rd_shut || !n)
        return 0;
    return -EAGAIN;
}

void rt_local_close(struct sock *s)
{
    struct sock *c;

    if (s->peer) {
        s->peer->peer_closed = true;
        s->peer->peer = NULL;
        s->peer = NULL;
    }
    while ((c = s->pending)) {
        s->pending = c->next_pending;
        rt_local_close(c);
        rt_sock_free(c);
    }
    s->npending = 0;
}

unsigned rt_local_poll(struct sock *s)
{
    bool eof = s->peer_closed || s->peer_shut;
    unsigned r = 0;

    if (s->rx.len || eof || s->rd_shut)
        r |= POLLIN | POLLRDNORM;
    if (eof)
        r |= POLLRDHUP;
    if (!s->wr_shut && (!s->peer || s->peer->rx.len < RT_SOCK_RING))
        r |= POLLOUT | POLLWRNORM;
    if ((eof && s->wr_shut) || (s->peer_closed && s->family == AF_UNIX))
        r |= POLLHUP;
    return r;
}
