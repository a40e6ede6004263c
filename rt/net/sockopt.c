/*
 * setsockopt, getsockopt and shutdown. Buffer sizes read back doubled, as
 * Linux reports them (it counts its bookkeeping in the same budget).
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "../syscalls.h"
#include "sock.h"

long sys_setsockopt(int fd, int level, int name, const void *val, unsigned len)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    int v;

    if (!s)
        return err;
    if (level != SOL_SOCKET &&
        !(level == IPPROTO_TCP && s->type == SOCK_STREAM))
        return -ENOPROTOOPT;
    if (len < sizeof(int))
        return -EINVAL;
    if (!rt_user_ok(val, sizeof(int)))
        return -EFAULT;
    v = *(const int *)val;
    if (level == IPPROTO_TCP) {
        if (name != TCP_NODELAY)
            return -ENOPROTOOPT;
        s->nodelay = v != 0;
        if (s->tcp)
            net_tcp_setopt(s->tcp, NET_TCP_OPT_NODELAY, s->nodelay);
        return 0;
    }
    switch (name) {
    case SO_REUSEADDR: s->reuseaddr = v != 0; return 0;
    case SO_KEEPALIVE:
        s->keepalive = v != 0;
        if (s->tcp)
            net_tcp_setopt(s->tcp, NET_TCP_OPT_KEEPALIVE, s->keepalive);
        return 0;
    case SO_RCVBUF:
    case SO_SNDBUF:
        /* libs/net sizes a connection's buffers when it is created, so a
         * later change is remembered but cannot resize them */
        if (v < 0)
            v = 0;
        if (v > NET_TCP_BUF_MAX / 2)
            v = NET_TCP_BUF_MAX / 2;
        *(name == SO_RCVBUF ? &s->rcvbuf : &s->sndbuf) = v;
        return 0;
    default: return -ENOPROTOOPT;
    }
}

static int buffer_size(struct sock *s, int name)
{
    int set = name == SO_RCVBUF ? s->rcvbuf : s->sndbuf;
    int min = name == SO_RCVBUF ? 2304 : 4608; /* Linux's floors */

    if (set)
        return set * 2 < min ? min : set * 2;
    if (s->type == SOCK_DGRAM)
        return 212992; /* Linux's default (net.core.[rw]mem_default) */
    return name == SO_RCVBUF ? 131072 : 16384; /* tcp_rmem, tcp_wmem */
}

long sys_getsockopt(int fd, int level, int name, void *val, unsigned *len)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    int v;

    if (!s)
        return err;
    if (!rt_user_ok(len, sizeof *len))
        return -EFAULT;
    if ((int)*len < 0)
        return -EINVAL;
    if (level == IPPROTO_TCP && s->type == SOCK_STREAM && name == TCP_NODELAY) {
        v = s->nodelay;
    } else if (level != SOL_SOCKET) {
        return -ENOPROTOOPT;
    } else {
        switch (name) {
        case SO_REUSEADDR: v = s->reuseaddr; break;
        case SO_KEEPALIVE: v = s->keepalive; break;
        case SO_TYPE: v = s->type; break;
        case SO_DOMAIN: v = s->family; break;
        case SO_ACCEPTCONN: v = s->state == SK_LISTEN; break;
        case SO_RCVBUF:
        case SO_SNDBUF: v = buffer_size(s, name); break;
        case SO_ERROR:
            rt_net_pump();
            rt_sock_settle(s);
            v = -s->error;
            s->error = 0;
            break;
        default: return -ENOPROTOOPT;
        }
    }
    if (*len > sizeof v)
        *len = sizeof v;
    if (!rt_user_ok(val, *len))
        return -EFAULT;
    for (unsigned i = 0; i < *len; i++)
        ((char *)val)[i] = ((char *)&v)[i];
    return 0;
}

long sys_shutdown(int fd, int how)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);

    if (!s)
        return err;
    if (how < SHUT_RD || how > SHUT_RDWR)
        return -EINVAL;
    rt_sock_settle(s);
    if (s->state != SK_CONNECTED && s->state != SK_CONNECTING)
        return -ENOTCONN;
    if (how != SHUT_WR)
        s->rd_shut = true;
    if (how != SHUT_RD && !s->wr_shut) {
        s->wr_shut = true;
        if (s->local && s->peer)
            s->peer->peer_shut = true;
        else if (s->tcp)
            net_tcp_shutdown(s->tcp);
        rt_net_pump();
    }
    return 0;
}
