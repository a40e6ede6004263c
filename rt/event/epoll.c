/*
 * epoll: an interest list per instance, checked against each file's
 * readiness when the program waits. Level-triggered by default; EPOLLET
 * reports a readiness bit again only after it has gone away and come back
 * (programs that use ET read until EAGAIN, which makes it go away);
 * EPOLLONESHOT disarms an entry once it has reported, until EPOLL_CTL_MOD.
 * An entry whose descriptor was closed (or now names another file, even
 * one at the same address) is dropped, as Linux drops it when the file
 * goes. One entry per descriptor there can be, so the list never fills.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/stat.h>

#include "../rt.h"
#include "../syscalls.h"

#define NINTEREST RT_NOFILE

struct interest {
    int fd;
    struct rt_file *file; /* NULL: slot free */
    uint64_t serial;      /* file's, when added */
    uint32_t events, reported;
    bool disarmed;
    epoll_data_t data;
};

/* From the page allocator at epoll_create, back at the last close: an
 * image that never makes an epoll pays no memory for it. */
struct instance {
    struct interest list[NINTEREST];
};

#define INSTANCE_BYTES RT_PAGE_ALIGN(sizeof(struct instance))

static const struct rt_file_ops epoll_ops;

static struct instance *of(struct rt_file *f)
{
    return (struct instance *)f->data;
}

/* Whether the entry's file is still open as its descriptor; frees the
 * entry when not. */
static bool live(struct interest *in)
{
    struct rt_file *f = in->file;

    if (f && (rt_fd_get(in->fd) != f || f->serial != in->serial))
        in->file = NULL;
    return in->file != NULL;
}

static struct interest *find(struct instance *ep, int fd)
{
    for (size_t i = 0; i < NINTEREST; i++)
        if (ep->list[i].fd == fd && live(&ep->list[i]))
            return &ep->list[i];
    return NULL;
}

static uint32_t ready_bits(struct interest *in)
{
    uint32_t level =
        rt_file_poll(in->file) & (in->events | EPOLLERR | EPOLLHUP);

    if (in->disarmed)
        return 0;
    if (!(in->events & EPOLLET))
        return level;
    /* edge: only bits that were not set when last looked at */
    uint32_t edge = level & ~in->reported;

    in->reported = level;
    return edge;
}

static int collect(struct instance *ep, struct epoll_event *out, int max)
{
    int n = 0;

    if (rt_net_pump) /* sockets' readiness: frames first, once per scan */
        rt_net_pump();

    for (size_t i = 0; i < NINTEREST && n < max; i++) {
        struct interest *in = &ep->list[i];
        uint32_t bits;

        if (!live(in) || !(bits = ready_bits(in)))
            continue;
        out[n].events = bits;
        out[n].data = in->data;
        n++;
        if (in->events & EPOLLONESHOT)
            in->disarmed = true;
    }
    return n;
}

static unsigned epoll_poll(struct rt_file *f)
{
    struct instance *ep = of(f);

    for (size_t i = 0; i < NINTEREST; i++) {
        struct interest *in = &ep->list[i];

        if (live(in) && !in->disarmed &&
            (rt_file_poll(in->file) & (in->events | EPOLLERR | EPOLLHUP)))
            return EPOLLIN;
    }
    return 0;
}

static long epoll_stat(struct rt_file *f, struct stat *st)
{
    st->st_mode = 0600;
    return 0;
}

static void epoll_close(struct rt_file *f)
{
    rt_page_release((uintptr_t)of(f), INSTANCE_BYTES);
}

static const struct rt_file_ops epoll_ops = {
    .stat = epoll_stat, .poll = epoll_poll, .close = epoll_close};

long sys_epoll_create1(int flags)
{
    struct instance *ep;
    struct rt_file *f;

    if (flags & ~EPOLL_CLOEXEC)
        return -EINVAL;
    if (rt_fd_unused(0) < 0)
        return -EMFILE;
    ep = (struct instance *)rt_page_alloc(INSTANCE_BYTES); /* zeroed */
    if (!ep)
        return -ENOMEM;
    f = rt_file_new(&epoll_ops, O_RDWR);
    if (!f) {
        rt_page_release((uintptr_t)ep, INSTANCE_BYTES);
        return -ENFILE;
    }
    f->data = ep;
    return rt_fd_install(f, 0, flags & EPOLL_CLOEXEC);
}

long sys_epoll_create(int size)
{
    return size <= 0 ? -EINVAL : sys_epoll_create1(0);
}

static struct instance *instance(int epfd, long *err)
{
    struct rt_file *f = rt_fd_get(epfd);

    *err = f ? -EINVAL : -EBADF;
    return f && f->ops == &epoll_ops ? of(f) : NULL;
}

long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    long err;
    struct instance *ep = instance(epfd, &err);
    struct rt_file *f = rt_fd_get(fd);
    struct interest *in;

    if (!ep || !f)
        return ep ? -EBADF : err;
    if (fd == epfd || f->ops == &epoll_ops)
        return -EINVAL; /* no nesting */
    if (op != EPOLL_CTL_DEL && !rt_user_ok(ev, sizeof *ev))
        return -EFAULT;
    in = find(ep, fd);
    switch (op) {
    case EPOLL_CTL_ADD:
        if (in)
            return -EEXIST;
        for (size_t i = 0; i < NINTEREST && !in; i++)
            if (!live(&ep->list[i]))
                in = &ep->list[i];
        if (!in)
            return -ENOSPC;
        *in =
            (struct interest){fd, f, f->serial, ev->events, 0, false, ev->data};
        return 0;
    case EPOLL_CTL_MOD:
        if (!in)
            return -ENOENT;
        in->events = ev->events;
        in->data = ev->data;
        in->reported = 0;
        in->disarmed = false;
        return 0;
    case EPOLL_CTL_DEL:
        if (!in)
            return -ENOENT;
        in->file = NULL;
        return 0;
    default: return -EINVAL;
    }
}

long sys_epoll_pwait(int epfd, struct epoll_event *events, int max, int timeout,
                     const sigset_t *mask, size_t setsize)
{
    long err;
    struct instance *ep = instance(epfd, &err);
    uint64_t deadline =
        timeout < 0 ? UINT64_MAX
                    : plat_clock_monotonic() + (uint64_t)timeout * 1000000;
    sigset_t old;
    int n;

    if (!ep)
        return err;
    if (max <= 0)
        return -EINVAL;
    if (!rt_user_ok(events, (size_t)max * sizeof *events))
        return -EFAULT;
    if (mask && (err = sys_rt_sigprocmask(SIG_SETMASK, mask, &old, setsize)))
        return err;
    while (!(n = collect(ep, events, max)) && plat_clock_monotonic() < deadline)
        if (rt_wait(deadline)) {
            n = -EINTR;
            break;
        }
    if (mask)
        sys_rt_sigprocmask(SIG_SETMASK, &old, NULL, setsize);
    return n;
}

long sys_epoll_wait(int epfd, struct epoll_event *events, int max, int timeout)
{
    return sys_epoll_pwait(epfd, events, max, timeout, NULL, 8);
}
