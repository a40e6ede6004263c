/*
 * The transfers: read/write and readv/writev on sockets, send, sendto,
 * sendmsg, recv, recvfrom, recvmsg. Streams go in pieces and block until
 * something moved (MSG_WAITALL: everything); a datagram is gathered into
 * one buffer and leaves or arrives whole.
 */
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "../syscalls.h"
#include "sock.h"

#define DGRAM_MAX 65507 /* the largest UDP payload in one IPv4 datagram */

/* One datagram at a time: nothing waits between filling and using it. */
static char dgram[DGRAM_MAX + 1];

static long iov_total(const struct iovec *iov, int n, size_t *total)
{
    *total = 0;
    if (n < 0 || n > IOV_MAX)
        return -EINVAL;
    if (n && !rt_user_ok(iov, (size_t)n * sizeof *iov))
        return -EFAULT;
    for (int i = 0; i < n; i++) {
        if (iov[i].iov_len > SSIZE_MAX - *total)
            return -EINVAL;
        if (!rt_user_ok(iov[i].iov_base, iov[i].iov_len))
            return -EFAULT;
        *total += iov[i].iov_len;
    }
    return 0;
}

static long take_error(struct sock *s)
{
    long err = s->error;

    s->error = 0;
    return err;
}

static long send_dgram(struct sock *s, const struct iovec *iov, int n,
                       size_t total, const struct sockaddr_in *to)
{
    uint32_t dst = s->raddr;
    uint16_t dport = s->rport;
    size_t off = 0;
    long err;
    int dev;

    if (to) {
        dst = ntohl(to->sin_addr.s_addr);
        dport = ntohs(to->sin_port);
    } else if (s->state != SK_CONNECTED) {
        return -EDESTADDRREQ;
    }
    if (total > DGRAM_MAX)
        return -EMSGSIZE;
    if (s->wr_shut)
        return -EPIPE;
    for (int i = 0; i < n; off += iov[i++].iov_len)
        memcpy(dgram + off, iov[i].iov_base, iov[i].iov_len);
    if (dst == 0)
        dst = LOOPBACK;
    if (s->family == AF_UNIX || dst >> 24 == 127 || rt_net_is_ours(dst))
        return rt_local_send(s, dgram, total, dst, dport);
    if (dport == 0)
        return -EINVAL;
    if ((dev = rt_net_route(dst)) < 0)
        return dev;
    if (!s->lport && (err = rt_port_bind(s, 0, 0)))
        return err;
    if ((err = rt_udp_open(s, dev)))
        return err;
    err = net_udp_sendto(s->udp[dev], dst, dport, dgram, total);
    /* libs/net sends no fragments: Linux would; say so plainly */
    return err == -EAGAIN ? -ENOBUFS : err;
}

static long send_piece(struct sock *s, const void *p, size_t n)
{
    if (s->local)
        return rt_local_send(s, p, n, 0, 0);
    return net_tcp_send(s->tcp, p, n);
}

static long send_stream(struct sock *s, bool nonblock, const struct iovec *iov,
                        int n, int flags)
{
    uint64_t until = rt_net_until(s->sndtimeo);
    size_t done = 0;
    long r;

    rt_sock_settle(s);
    if (s->error)
        return take_error(s);
    if (s->state == SK_CONNECTING && nonblock)
        return -EAGAIN;
    while (s->state == SK_CONNECTING) {
        if ((r = rt_net_wait(false, until)))
            return r;
        rt_net_pump();
        rt_sock_settle(s);
    }
    if (s->state != SK_CONNECTED)
        return s->error ? take_error(s) : rt_sock_epipe(flags);
    for (int i = 0; i < n; i++) {
        size_t off = 0;

        while (off < iov[i].iov_len) {
            r = send_piece(s, (const char *)iov[i].iov_base + off,
                           iov[i].iov_len - off);
            if (r > 0) {
                off += (size_t)r;
                done += (size_t)r;
                continue;
            }
            if (r == -EPIPE)
                return done ? (long)done : rt_sock_epipe(flags);
            if (r != -EAGAIN)
                return done ? (long)done : r;
            if ((r = rt_net_wait(nonblock, until)))
                return done ? (long)done : r;
            rt_net_pump();
        }
    }
    return (long)done;
}

long rt_sock_sendv(struct sock *s, bool nonblock, const struct iovec *iov,
                   int iovcnt, int flags, const struct sockaddr_in *dst)
{
    size_t total;
    long err = iov_total(iov, iovcnt, &total);

    if (err)
        return err;
    rt_net_pump();
    nonblock |= (flags & MSG_DONTWAIT) != 0;
    if (s->type == SOCK_DGRAM) {
        err = send_dgram(s, iov, iovcnt, total, dst);
        return err == -EPIPE ? rt_sock_epipe(flags) : err;
    }
    return send_stream(s, nonblock, iov, iovcnt, flags);
}

static long recv_dgram(struct sock *s, bool nonblock, const struct iovec *iov,
                       int n, size_t total, int flags, struct sockaddr_in *src,
                       int *msg_flags)
{
    uint64_t until = rt_net_until(s->rcvtimeo);
    size_t full, off = 0;
    uint32_t from;
    uint16_t sport;
    long got, err;

    while ((got = rt_dgram_take(s, dgram, total > DGRAM_MAX ? DGRAM_MAX : total,
                                &from, &sport, flags & MSG_PEEK, &full)) ==
           -EAGAIN) {
        if (s->rd_shut)
            return 0;
        if ((err = rt_net_wait(nonblock, until)))
            return err;
        rt_net_pump();
    }
    for (int i = 0; i < n && off < (size_t)got; i++) {
        size_t c = iov[i].iov_len < (size_t)got - off ? iov[i].iov_len
                                                      : (size_t)got - off;

        memcpy(iov[i].iov_base, dgram + off, c);
        off += c;
    }
    if (src) {
        src->sin_family = AF_INET;
        src->sin_port = htons(sport);
        src->sin_addr.s_addr = htonl(from);
    }
    if (msg_flags && full > (size_t)got)
        *msg_flags |= MSG_TRUNC;
    return flags & MSG_TRUNC ? (long)full : got;
}

/* Moves what the connection has received into the socket's ring: libs/net
 * cannot read without taking, so MSG_PEEK and FIONREAD look there. */
void rt_sock_tcp_stash(struct sock *s)
{
    struct ring *r = &s->rx;

    if (s->local || !s->tcp || (!r->buf && !rt_ring_alloc(r)))
        return;
    while (r->len < RT_SOCK_RING) {
        size_t tail = (r->head + r->len) % RT_SOCK_RING;
        size_t room = RT_SOCK_RING - tail;
        int n;

        if (room > RT_SOCK_RING - r->len)
            room = RT_SOCK_RING - r->len;
        n = net_tcp_recv(s->tcp, r->buf + tail, room);
        if (n <= 0) /* the end or an error stays for the next recv */
            return;
        r->len += (size_t)n;
    }
}

static long recv_piece(struct sock *s, void *p, size_t n, bool peek)
{
    if (s->local)
        return rt_local_recv(s, p, n, peek);
    if (peek)
        rt_sock_tcp_stash(s);
    if (s->rx.len) /* stashed bytes come first */
        return (long)rt_ring_get(&s->rx, p, n, peek);
    if (s->rd_shut)
        return 0;
    return net_tcp_recv(s->tcp, p, n);
}

static long recv_stream(struct sock *s, bool nonblock, const struct iovec *iov,
                        int n, size_t total, int flags)
{
    uint64_t until = rt_net_until(s->rcvtimeo);
    size_t done = 0, off = 0;
    int i = 0;
    long r;

    rt_sock_settle(s);
    if (s->error)
        return take_error(s);
    if (s->state == SK_LISTEN || s->state == SK_NEW)
        return -ENOTCONN;
    while (i < n && done < total) {
        if (off == iov[i].iov_len) {
            i++;
            off = 0;
            continue;
        }
        r = s->state == SK_CONNECTING
                ? -EAGAIN
                : recv_piece(s, (char *)iov[i].iov_base + off,
                             iov[i].iov_len - off, flags & MSG_PEEK);
        if (r > 0) {
            done += (size_t)r;
            off += (size_t)r;
            if (flags & MSG_PEEK) /* a peek reads from the front again */
                break;
            continue;
        }
        if (r == 0) /* end of stream */
            break;
        if (r != -EAGAIN)
            return done ? (long)done : r;
        if (done && !(flags & MSG_WAITALL))
            break;
        if ((r = rt_net_wait(nonblock, until)))
            return done ? (long)done : r;
        rt_net_pump();
        rt_sock_settle(s);
        if (s->error)
            return done ? (long)done : take_error(s);
    }
    return (long)done;
}

long rt_sock_recvv(struct sock *s, bool nonblock, const struct iovec *iov,
                   int iovcnt, int flags, struct sockaddr_in *src,
                   int *msg_flags)
{
    size_t total;
    long err = iov_total(iov, iovcnt, &total);

    if (err)
        return err;
    rt_net_pump();
    nonblock |= (flags & MSG_DONTWAIT) != 0;
    if (s->type == SOCK_DGRAM)
        return recv_dgram(s, nonblock, iov, iovcnt, total, flags, src,
                          msg_flags);
    return recv_stream(s, nonblock, iov, iovcnt, total, flags);
}

long sys_sendto(int fd, const void *buf, size_t n, int flags,
                const struct sockaddr *sa, unsigned len)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    struct iovec v = {(void *)buf, n};
    struct sockaddr_in to;
    uint32_t addr;
    uint16_t port;

    if (!s)
        return err;
    if (sa && s->type == SOCK_DGRAM && s->family == AF_INET) {
        if ((err = rt_addr_in(sa, len, &addr, &port)))
            return err;
        to = (struct sockaddr_in){.sin_family = AF_INET,
                                  .sin_port = htons(port),
                                  .sin_addr.s_addr = htonl(addr)};
    }
    if (sa && s->type == SOCK_STREAM && s->state == SK_CONNECTED)
        return -EISCONN;
    return rt_sock_sendv(s, rt_sock_nonblock(fd), &v, 1, flags,
                         sa && s->type == SOCK_DGRAM ? &to : NULL);
}

static long name_out(struct sock *s, struct sockaddr_in *from,
                     struct sockaddr *sa, unsigned *len)
{
    if (s->type == SOCK_STREAM || s->family == AF_UNIX) {
        *len = 0; /* Linux names no peer for streams or unnamed ends */
        return 0;
    }
    return rt_addr_out(sa, len, AF_INET, ntohl(from->sin_addr.s_addr),
                       ntohs(from->sin_port));
}

long sys_recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *sa,
                  unsigned *len)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    struct iovec v = {buf, n};
    struct sockaddr_in from = {0};
    long r;

    if (!s)
        return err;
    if (sa && (!len || !rt_user_ok(len, sizeof *len)))
        return -EFAULT;
    r = rt_sock_recvv(s, rt_sock_nonblock(fd), &v, 1, flags, &from, NULL);
    if (r >= 0 && sa && (err = name_out(s, &from, sa, len)))
        return err;
    return r;
}

long sys_sendmsg(int fd, const struct msghdr *m, int flags)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    struct sockaddr_in to;
    uint32_t addr;
    uint16_t port;
    bool named;

    if (!s)
        return err;
    if (!rt_user_ok(m, sizeof *m))
        return -EFAULT;
    named = m->msg_name && s->type == SOCK_DGRAM && s->family == AF_INET;
    if (named) {
        if ((err = rt_addr_in(m->msg_name, m->msg_namelen, &addr, &port)))
            return err;
        to = (struct sockaddr_in){.sin_family = AF_INET,
                                  .sin_port = htons(port),
                                  .sin_addr.s_addr = htonl(addr)};
    }
    return rt_sock_sendv(s, rt_sock_nonblock(fd), m->msg_iov,
                         (int)m->msg_iovlen, flags, named ? &to : NULL);
}

long sys_recvmsg(int fd, struct msghdr *m, int flags)
{
    long err;
    struct sock *s = rt_sock_of_fd(fd, &err);
    struct sockaddr_in from = {0};
    int mflags = 0;
    long r;

    if (!s)
        return err;
    if (!rt_user_ok(m, sizeof *m))
        return -EFAULT;
    r = rt_sock_recvv(s, rt_sock_nonblock(fd), m->msg_iov, (int)m->msg_iovlen,
                      flags, &from, &mflags);
    if (r < 0)
        return r;
    if (m->msg_name) {
        unsigned len = m->msg_namelen;

        if ((err = name_out(s, &from, m->msg_name, &len)))
            return err;
        m->msg_namelen = len;
    } else {
        m->msg_namelen = 0;
    }
    m->msg_controllen = 0; /* no ancillary data is ever sent */
    m->msg_flags = mflags;
    return r;
}
