/* bind, listen, getsockname and getpeername. */
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../syscalls.h"
#include "sock.h"

long sys_bind(int fd, const struct sockaddr *sa, unsigned len)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    uint32_t addr;
    uint16_t port;

    if (!s)
        return err;
    if (s->family == AF_UNIX)
        return -EINVAL;
    if ((err = rt_addr_in(sa, len, &addr, &port)))
        return err;
    if (s->lport || s->state != SK_NEW)
        return -EINVAL;
    rt_net_pump();
    if (!rt_net_is_ours(addr))
        return -EADDRNOTAVAIL;
    if ((err = rt_port_bind(s, addr, port)))
        return err;
    if (s->type == SOCK_DGRAM && addr >> 24 != 127 &&
        (err = rt_udp_bind_devices(s))) {
        for (int n = 0; n < RT_NET_IFS; n++)
            if (s->udp[n]) {
                net_udp_close(s->udp[n]);
                s->udp[n] = NULL;
            }
        s->lport = 0;
        s->laddr = 0;
        return err;
    }
    return 0;
}

void rt_sock_tcp_options(struct sock *s, struct net_tcp *t)
{
    net_tcp_setopt(t, NET_TCP_OPT_NODELAY, s->nodelay);
    net_tcp_setopt(t, NET_TCP_OPT_KEEPALIVE, s->keepalive);
    if (s->rcvbuf)
        net_tcp_setopt(t, NET_TCP_OPT_RCVBUF, s->rcvbuf);
    if (s->sndbuf)
        net_tcp_setopt(t, NET_TCP_OPT_SNDBUF, s->sndbuf);
}

/* Listeners on every device the bound address covers. */
static int listen_devices(struct sock *s, int backlog)
{
    for (int n = 0; n < RT_NET_IFS && rt_net_ifs[n]; n++) {
        struct net_config cfg;
        struct net_tcp *t;
        int err;

        net_if_config(rt_net_ifs[n], &cfg);
        if (s->laddr && s->laddr != cfg.addr)
            continue;
        if ((err = net_tcp_open(rt_net_ifs[n], &t)))
            return -ENOBUFS;
        s->listener[n] = t;
        rt_sock_tcp_options(s, t);
        if ((err = net_tcp_bind(t, s->lport)) ||
            (err = net_tcp_listen(t, backlog)))
            return err == -EINVAL ? -EADDRINUSE : err;
    }
    return 0;
}

long sys_listen(int fd, int backlog)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);

    if (!s)
        return err;
    if (s->type != SOCK_STREAM || s->family != AF_INET)
        return -EOPNOTSUPP;
    if (s->state == SK_LISTEN) {
        s->backlog = backlog < 0 ? 0 : backlog;
        s->backlog =
            s->backlog >= RT_SOCK_BACKLOG ? RT_SOCK_BACKLOG : s->backlog + 1;
        return 0;
    }
    if (s->state != SK_NEW)
        return -EINVAL;
    /* a port shared under SO_REUSEADDR cannot have two listeners */
    if ((err = rt_port_bind(s, s->laddr, s->lport)))
        return err;
    if (backlog < 0)
        backlog = 0;
    /* Linux lets backlog + 1 connections wait */
    s->backlog = backlog >= RT_SOCK_BACKLOG ? RT_SOCK_BACKLOG : backlog + 1;
    if (s->laddr >> 24 != 127 && (err = listen_devices(s, s->backlog))) {
        for (int n = 0; n < RT_NET_IFS; n++)
            if (s->listener[n]) {
                net_tcp_close(s->listener[n]);
                s->listener[n] = NULL;
            }
        return err;
    }
    s->state = SK_LISTEN;
    return 0;
}

long sys_getsockname(int fd, struct sockaddr *sa, unsigned *len)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    uint32_t addr;
    uint16_t port;

    if (!s)
        return err;
    rt_sock_local_name(s, &addr, &port);
    return rt_addr_out(sa, len, s->family, addr, port);
}

long sys_getpeername(int fd, struct sockaddr *sa, unsigned *len)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    uint32_t addr = 0;
    uint16_t port = 0;

    if (!s)
        return err;
    if (s->state != SK_CONNECTED)
        return -ENOTCONN;
    if (s->type == SOCK_STREAM && s->family == AF_INET && !s->local) {
        if (!s->tcp)
            return -ENOTCONN;
        net_tcp_peer(s->tcp, &addr, &port);
    } else {
        addr = s->raddr;
        port = s->rport;
    }
    return rt_addr_out(sa, len, s->family, addr, port);
}
