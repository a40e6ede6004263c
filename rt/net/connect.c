/* connect, accept and accept4. */
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../syscalls.h"
#include "sock.h"

void rt_sock_settle(struct sock *s)
{
    unsigned ev;
    int err;

    if (s->state != SK_CONNECTING || !s->tcp)
        return;
    ev = net_tcp_poll(s->tcp);
    if (ev & NET_TCP_EV_WRITABLE && !(ev & NET_TCP_EV_ERROR)) {
        s->state = SK_CONNECTED;
        return;
    }
    if (!(ev & (NET_TCP_EV_ERROR | NET_TCP_EV_HUP)) &&
        net_tcp_state(s->tcp) != NET_TCP_CLOSED)
        return;
    err = net_tcp_error(s->tcp);
    s->error = err ? err : -ETIMEDOUT;
    net_tcp_close(s->tcp);
    s->tcp = NULL;
    s->state = SK_NEW;
}

/* The connection's first steps on device dev, with a port of ours. */
static long open_tcp(struct sock *s, int dev, uint32_t dst, uint16_t dport)
{
    bool ephemeral = !s->lport;
    long err;

    if (net_tcp_open(rt_net_ifs[dev], &s->tcp))
        return -ENOBUFS;
    rt_sock_tcp_options(s, s->tcp);
    for (int tries = 0;; tries++) {
        if (ephemeral && (err = rt_port_bind(s, 0, 0)))
            break;
        /* a port the stack still holds (TIME-WAIT): try the next one */
        err = net_tcp_bind(s->tcp, s->lport);
        if (!err || !ephemeral || tries == 16)
            break;
        s->lport = 0;
    }
    if (!err)
        err = net_tcp_connect(s->tcp, dst, dport);
    if (err) {
        net_tcp_close(s->tcp);
        s->tcp = NULL;
        if (ephemeral)
            s->lport = 0;
    }
    return err == -EMFILE ? -ENOBUFS : err;
}

static long connect_stream(struct sock *s, bool nonblock, uint32_t dst,
                           uint16_t dport)
{
    uint64_t until;
    long err;
    int dev;

    rt_sock_settle(s);
    if (s->state == SK_CONNECTING)
        return -EALREADY;
    if (s->state != SK_NEW)
        return -EISCONN;
    if (s->error) { /* the failure of an earlier non-blocking connect */
        err = s->error;
        s->error = 0;
        return err;
    }
    if (dst == 0)
        dst = LOOPBACK; /* Linux: INADDR_ANY means this host */
    if (dst >> 24 == 127 || (rt_net_is_ours(dst) && dst)) {
        until = rt_net_until(s->sndtimeo);

        while ((err = rt_local_connect(s, dst, dport)) == -EAGAIN)
            if ((err = rt_net_wait(nonblock, until)))
                return err;
        if (!err && nonblock)
            return -EINPROGRESS; /* as Linux says even on loopback */
        return err;
    }
    if ((dev = rt_net_route(dst)) < 0)
        return dev;
    if ((err = open_tcp(s, dev, dst, dport)))
        return err;
    s->state = SK_CONNECTING;
    s->raddr = dst;
    s->rport = dport;
    rt_net_pump();
    if (nonblock)
        return -EINPROGRESS;
    until = rt_net_until(s->sndtimeo);
    for (;;) {
        rt_sock_settle(s);
        if (s->state == SK_CONNECTED)
            return 0;
        if (s->state == SK_NEW) {
            err = s->error;
            s->error = 0;
            return err;
        }
        /* the connection goes on, as on Linux; a timeout says so */
        if ((err = rt_net_wait(false, until)))
            return err == -EAGAIN ? -EINPROGRESS : err;
        rt_net_pump();
    }
}

long sys_connect(int fd, const struct sockaddr *sa, unsigned len)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    uint32_t addr;
    uint16_t port;

    if (!s)
        return err;
    if (s->family == AF_UNIX)
        return -EISCONN;
    if (len >= sizeof(sa_family_t) && rt_user_ok(sa, sizeof(sa_family_t)) &&
        sa->sa_family == AF_UNSPEC && s->type == SOCK_DGRAM) {
        s->state = SK_NEW; /* dissolves the association */
        s->raddr = s->rport = 0;
        return 0;
    }
    if ((err = rt_addr_in(sa, len, &addr, &port)))
        return err;
    rt_net_pump();
    if (s->type == SOCK_STREAM)
        return connect_stream(s, rt_sock_nonblock(fd), addr, port);
    if (addr == 0)
        addr = LOOPBACK;
    if (!s->lport && (err = rt_port_bind(s, 0, 0)))
        return err;
    if (addr >> 24 != 127 && rt_net_route(addr) < 0)
        return -ENETUNREACH;
    s->raddr = addr;
    s->rport = port;
    s->state = SK_CONNECTED;
    return 0;
}

/* A connection waiting on the listener, as a new socket; NULL if none. */
static struct sock *take(struct sock *l)
{
    struct sock *c;

    if ((c = l->pending)) {
        l->pending = c->next_pending;
        c->next_pending = NULL;
        l->npending--;
        return c;
    }
    for (int n = 0; n < RT_NET_IFS; n++) {
        struct net_tcp *t;

        if (!l->listener[n] || net_tcp_accept(l->listener[n], &t))
            continue;
        c = rt_sock_new(AF_INET, SOCK_STREAM);
        if (!c) {
            net_tcp_close(t);
            return NULL;
        }
        c->tcp = t;
        c->state = SK_CONNECTED;
        c->nodelay = l->nodelay;
        c->keepalive = l->keepalive;
        net_tcp_local(t, &c->laddr, &c->lport);
        net_tcp_peer(t, &c->raddr, &c->rport);
        return c;
    }
    return NULL;
}

long sys_accept4(int fd, struct sockaddr *sa, unsigned *len, int flags)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err), *c;
    uint64_t until;
    int cfd;

    if (!s)
        return err;
    if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    if (s->type != SOCK_STREAM || s->family != AF_INET)
        return -EOPNOTSUPP;
    if (s->state != SK_LISTEN)
        return -EINVAL;
    if (sa && (!len || !rt_user_ok(len, sizeof *len)))
        return -EFAULT;
    until = rt_net_until(s->rcvtimeo);
    for (;;) {
        /* no descriptor: EMFILE, and the connection stays queued */
        if ((cfd = rt_fd_unused(0)) < 0)
            return cfd;
        rt_net_pump();
        if ((c = take(s)))
            break;
        if ((err = rt_net_wait(rt_sock_nonblock(fd), until)))
            return err;
    }
    cfd = rt_sock_install(c, flags);
    if (cfd < 0 || !sa)
        return cfd;
    if ((err = rt_addr_out(sa, len, AF_INET, c->raddr, c->rport))) {
        sys_close(cfd);
        return err;
    }
    return cfd;
}

long sys_accept(int fd, struct sockaddr *sa, unsigned *len)
{
    return sys_accept4(fd, sa, len, 0);
}
