/*
 * Sockets as files: the list of sockets, the file operations (read, write,
 * poll, close, FIONREAD, stat), socket() and socketpair(). AF_INET
 * streams and datagrams exist; AF_INET6 and AF_UNIX sockets do not
 * (EAFNOSUPPORT), but AF_UNIX socketpair does, inside the image.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "../syscalls.h"
#include "sock.h"

static struct {
    struct rt_objs objs;
    struct sock *all;
} socks = {RT_OBJS(struct sock)};
static const struct rt_file_ops sock_ops;

struct sock *rt_sock_all(void)
{
    return socks.all;
}

struct sock *rt_sock_of_fd(int fd, long *err)
{
    struct rt_file *f = rt_fd_get(fd);

    *err = f ? -ENOTSOCK : -EBADF;
    return f && f->ops == &sock_ops ? (struct sock *)f->data : NULL;
}

bool rt_sock_nonblock(int fd)
{
    struct rt_file *f = rt_fd_get(fd);

    return f && (f->flags & O_NONBLOCK);
}

struct sock *rt_sock_new(int family, int type)
{
    struct sock *s = rt_obj_new(&socks.objs);

    if (!s)
        return NULL;
    s->family = family;
    s->type = type;
    s->next = socks.all;
    socks.all = s;
    return s;
}

/* Lets go of everything the socket holds: connections, listeners, its
 * local peer and waiting children, its ring. */
void rt_sock_free(struct sock *s)
{
    for (int i = 0; i < RT_NET_IFS; i++) {
        if (s->listener[i])
            net_tcp_close(s->listener[i]);
        if (s->udp[i])
            net_udp_close(s->udp[i]);
    }
    if (s->tcp)
        net_tcp_close(s->tcp);
    rt_local_close(s);
    rt_ring_free(&s->rx);
    for (struct sock **p = &socks.all; *p; p = &(*p)->next)
        if (*p == s) {
            *p = s->next;
            break;
        }
    rt_obj_free(&socks.objs, s);
}

int rt_sock_install(struct sock *s, int flags)
{
    struct rt_file *f = rt_file_new(&sock_ops, O_RDWR | (flags & O_NONBLOCK));

    if (!f) {
        rt_sock_free(s);
        return -ENFILE;
    }
    f->data = s;
    return rt_fd_install(f, 0, flags & SOCK_CLOEXEC);
}

long rt_sock_epipe(int flags)
{
    if (!(flags & MSG_NOSIGNAL))
        sys_tkill(sys_gettid(), SIGPIPE);
    return -EPIPE;
}

static struct sock *of(struct rt_file *f)
{
    return (struct sock *)f->data;
}

static long sock_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    struct iovec v = {buf, n};

    return rt_sock_recvv(of(f), f->flags & O_NONBLOCK, &v, 1, 0, NULL, NULL);
}

static long sock_write(struct rt_file *f, const void *buf, size_t n,
                       uint64_t *off)
{
    struct iovec v = {(void *)buf, n};

    return rt_sock_sendv(of(f), f->flags & O_NONBLOCK, &v, 1, 0, NULL);
}

static unsigned tcp_bits(unsigned ev)
{
    unsigned r = 0;

    if (ev & (NET_TCP_EV_READABLE | NET_TCP_EV_ACCEPT))
        r |= POLLIN | POLLRDNORM;
    if (ev & NET_TCP_EV_WRITABLE)
        r |= POLLOUT | POLLWRNORM;
    if (ev & NET_TCP_EV_ERROR)
        r |= POLLERR;
    if (ev & NET_TCP_EV_HUP)
        r |= POLLHUP;
    return r;
}

static unsigned sock_poll(struct rt_file *f)
{
    struct sock *s = of(f);
    unsigned r = 0;

    /* poll, select and epoll pump the stack once per scan, not per file */
    if (s->type == SOCK_DGRAM)
        return POLLOUT | POLLWRNORM | (s->rx.len ? POLLIN | POLLRDNORM : 0) |
               (s->error ? POLLERR : 0);
    switch (s->state) {
    case SK_LISTEN:
        r = s->npending ? POLLIN | POLLRDNORM : 0;
        for (int i = 0; i < RT_NET_IFS; i++)
            if (s->listener[i])
                r |= tcp_bits(net_tcp_poll(s->listener[i]));
        return r;
    case SK_CONNECTING:
    case SK_CONNECTED:
        if (s->local)
            return rt_local_poll(s);
        r = s->tcp ? tcp_bits(net_tcp_poll(s->tcp)) : POLLHUP;
        if (s->rx.len) /* bytes stashed by MSG_PEEK or FIONREAD */
            r |= POLLIN | POLLRDNORM;
        if (s->rd_shut)
            r |= POLLIN | POLLRDNORM | POLLRDHUP;
        return r;
    default:
        /* never connected: Linux says hang-up (and POLLOUT after a
         * failed connect, with the error) */
        return POLLHUP | (s->error ? POLLERR | POLLOUT : 0);
    }
}

static long sock_ioctl(struct rt_file *f, unsigned long req, void *arg)
{
    struct sock *s = of(f);
    int n = 0;

    if (req != FIONREAD)
        return -ENOTTY;
    if (!rt_user_ok(arg, sizeof(int)))
        return -EFAULT;
    rt_net_pump();
    if (s->type == SOCK_DGRAM) {
        size_t len = 0;

        if (s->rx.len)
            rt_dgram_take(s, NULL, 0, NULL, NULL, true, &len);
        n = (int)len;
    } else if (s->state == SK_LISTEN) {
        return -EINVAL;
    } else {
        /* counted in the socket's ring, up to its size (64 KiB) */
        rt_sock_tcp_stash(s);
        n = (int)s->rx.len;
    }
    *(int *)arg = n;
    return 0;
}

static long sock_stat(struct rt_file *f, struct stat *st)
{
    st->st_mode = S_IFSOCK | 0777;
    st->st_blksize = 4096;
    return 0;
}

static void sock_close(struct rt_file *f)
{
    rt_sock_free(of(f));
    rt_net_pump(); /* a FIN or RST goes out now */
}

static const struct rt_file_ops sock_ops = {
    .read = sock_read,
    .write = sock_write,
    .stat = sock_stat,
    .ioctl = sock_ioctl,
    .poll = sock_poll,
    .close = sock_close,
};

/* The type without flags, or -EINVAL / the protocol error. */
static int check_type(int type, int protocol)
{
    int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);

    if (kind != SOCK_STREAM && kind != SOCK_DGRAM && kind != SOCK_RAW &&
        kind != SOCK_SEQPACKET && kind != SOCK_RDM && kind != SOCK_PACKET)
        return -EINVAL;
    if (kind == SOCK_STREAM && protocol != 0 && protocol != IPPROTO_TCP)
        return -EPROTONOSUPPORT;
    if (kind == SOCK_DGRAM && protocol != 0 && protocol != IPPROTO_UDP)
        return -EPROTONOSUPPORT;
    return kind;
}

long sys_socket(int domain, int type, int protocol)
{
    int kind = check_type(type, protocol);
    struct sock *s;

    if (domain != AF_INET)
        return -EAFNOSUPPORT; /* AF_INET6, AF_UNIX and the rest */
    if (kind < 0)
        return kind;
    if (kind != SOCK_STREAM && kind != SOCK_DGRAM)
        return -ESOCKTNOSUPPORT;
    if (rt_fd_unused(0) < 0)
        return -EMFILE;
    s = rt_sock_new(AF_INET, kind);
    if (!s)
        return -ENFILE;
    rt_net_ready();
    return rt_sock_install(s, type);
}

long sys_socketpair(int domain, int type, int protocol, int *fds)
{
    int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), fa, fb, err;
    struct sock *a, *b;

    if (domain == AF_INET)
        return -EOPNOTSUPP; /* Linux: TCP and UDP have no pairs */
    if (domain != AF_UNIX)
        return -EAFNOSUPPORT;
    if (kind != SOCK_STREAM && kind != SOCK_DGRAM)
        return kind == SOCK_SEQPACKET ? -EOPNOTSUPP : -ESOCKTNOSUPPORT;
    if (protocol != 0)
        return -EPROTONOSUPPORT;
    if (!rt_user_ok(fds, 2 * sizeof(int)))
        return -EFAULT;
    if ((fa = rt_fd_unused(0)) < 0 || rt_fd_unused(fa + 1) < 0)
        return -EMFILE;
    err = rt_local_pair(kind, &a, &b);
    if (err)
        return err;
    fa = rt_sock_install(a, type);
    if (fa < 0) {
        rt_sock_free(b);
        return fa;
    }
    fb = rt_sock_install(b, type);
    if (fb < 0) {
        sys_close(fa);
        return fb;
    }
    fds[0] = fa;
    fds[1] = fb;
    return 0;
}
