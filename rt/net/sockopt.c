/*
 * setsockopt, getsockopt and shutdown. Buffer sizes read back doubled, as
 * Linux reports them (it counts its bookkeeping in the same budget).
 * SO_RCVTIMEO and SO_SNDTIMEO bound the waits of recv, accept, send and
 * connect. SO_LINGER and TCP_KEEPIDLE/INTVL/CNT are checked and read back
 * but change nothing: libs/net has neither an abortive close nor
 * adjustable keep-alive timing.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "../syscalls.h"
#include "sock.h"

/* SO_RCVTIMEO and SO_SNDTIMEO: a struct timeval; 0 is no timeout, and a
 * negative one is none too (Linux's reading). */
static long set_timeout(uint64_t *ns, const void *val, unsigned len)
{
    const struct timeval *tv = val;

    if (len < sizeof *tv)
        return -EINVAL;
    if (!rt_user_ok(val, sizeof *tv))
        return -EFAULT;
    if (tv->tv_usec < 0 || tv->tv_usec >= 1000000)
        return -EDOM;
    *ns = tv->tv_sec < 0 ? 0
                         : (uint64_t)tv->tv_sec * 1000000000 +
                               (uint64_t)tv->tv_usec * 1000;
    return 0;
}

/* The TCP_KEEP* knobs: checked as Linux checks them, then remembered
 * (libs/net's keep-alive has fixed timing). */
static long set_tcp(struct sock *s, int name, int v)
{
    switch (name) {
    case TCP_NODELAY:
        s->nodelay = v != 0;
        if (s->tcp)
            net_tcp_setopt(s->tcp, NET_TCP_OPT_NODELAY, s->nodelay);
        return 0;
    case TCP_KEEPIDLE:
    case TCP_KEEPINTVL:
        if (v < 1 || v > 32767)
            return -EINVAL;
        *(name == TCP_KEEPIDLE ? &s->keepidle : &s->keepintvl) = v;
        return 0;
    case TCP_KEEPCNT:
        if (v < 1 || v > 127)
            return -EINVAL;
        s->keepcnt = v;
        return 0;
    default: return -ENOPROTOOPT;
    }
}

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
    if (level == SOL_SOCKET && (name == SO_RCVTIMEO || name == SO_SNDTIMEO))
        return set_timeout(name == SO_RCVTIMEO ? &s->rcvtimeo : &s->sndtimeo,
                           val, len);
    if (level == SOL_SOCKET && name == SO_LINGER) {
        const struct linger *l = val;

        if (len < sizeof *l)
            return -EINVAL;
        if (!rt_user_ok(val, sizeof *l))
            return -EFAULT;
        s->linger = l->l_onoff != 0;
        s->linger_s = l->l_linger < 0 ? 0 : l->l_linger;
        return 0;
    }
    if (len < sizeof(int))
        return -EINVAL;
    if (!rt_user_ok(val, sizeof(int)))
        return -EFAULT;
    v = *(const int *)val;
    if (level == IPPROTO_TCP)
        return set_tcp(s, name, v);
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
    union {
        int i;
        struct timeval tv;
        struct linger l;
    } u = {0};
    unsigned size = sizeof(int);
    int v = 0;

    if (!s)
        return err;
    if (!rt_user_ok(len, sizeof *len))
        return -EFAULT;
    if ((int)*len < 0)
        return -EINVAL;
    if (level == IPPROTO_TCP && s->type == SOCK_STREAM) {
        switch (name) {
        case TCP_NODELAY: v = s->nodelay; break;
        case TCP_KEEPIDLE: v = s->keepidle ? s->keepidle : 7200; break;
        case TCP_KEEPINTVL: v = s->keepintvl ? s->keepintvl : 75; break;
        case TCP_KEEPCNT: v = s->keepcnt ? s->keepcnt : 9; break;
        default: return -ENOPROTOOPT;
        }
    } else if (level != SOL_SOCKET) {
        return -ENOPROTOOPT;
    } else if (name == SO_RCVTIMEO || name == SO_SNDTIMEO) {
        uint64_t ns = name == SO_RCVTIMEO ? s->rcvtimeo : s->sndtimeo;

        u.tv.tv_sec = (time_t)(ns / 1000000000);
        u.tv.tv_usec = (suseconds_t)(ns % 1000000000 / 1000);
        size = sizeof u.tv;
    } else if (name == SO_LINGER) {
        u.l.l_onoff = s->linger;
        u.l.l_linger = s->linger_s;
        size = sizeof u.l;
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
    if (size == sizeof(int))
        u.i = v;
    if (*len > size)
        *len = size;
    if (!rt_user_ok(val, *len))
        return -EFAULT;
    for (unsigned i = 0; i < *len; i++)
        ((char *)val)[i] = ((char *)&u)[i];
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
