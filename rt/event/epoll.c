/*
 * epoll: an interest list per instance, checked against each file's
 * readiness when the program waits. Level-triggered by default; EPOLLET
 * reports a readiness bit again only after it has gone away and come back
 * (programs that use ET read until EAGAIN, which makes it go away);
 * EPOLLONESHOT disarms an entry once it has reported, until EPOLL_CTL_MOD.
 * An entry whose descriptor was closed (or now names another file, even
 * one at the same address) is dropped, as Linux drops it when the file
 * goes. The list grows as entries are added, so it fills only when memory
 * does (ENOMEM, as Linux answers).
 *
 * A wait costs one readiness check per registered entry, not per ready
 * one: files report readiness when asked (rt_file_poll), and nothing tells
 * an instance when a file becomes ready. Measured (test/rt/many-fds.c):
 * well under a millisecond with 10,000 idle entries, so a new client
 * among 10,000 idle ones is answered at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>

#include "../rt.h"
#include "../syscalls.h"

struct interest {
    int fd;
    struct rt_file *file;
    uint64_t serial; /* file's, when added */
    uint32_t events, reported;
    bool disarmed;
    epoll_data_t data;
};

/*
 * An instance's interest list is dense (a wait looks at the registered
 * entries only, not at every descriptor there could be), and indexed by
 * descriptor, so epoll_ctl finds an entry at once however many there are.
 * Both arrays grow as needed; the instance is one page from the page
 * allocator at epoll_create, and all of it goes back at the last close.
 */
struct instance {
    struct interest *list; /* n entries, in no particular order */
    size_t n, cap;
    uint32_t *at;  /* at[fd]: its entry's index + 1, or 0 */
    size_t at_cap; /* descriptors at covers */
    size_t cursor; /* where the next wait starts: every ready entry has
                      its turn when more are ready than fit */
};

#define INSTANCE_BYTES RT_PAGE_ALIGN(sizeof(struct instance))

static const struct rt_file_ops epoll_ops;

static struct instance *of(struct rt_file *f)
{
    return (struct instance *)f->data;
}

/* Moves a grown array to pages of its own: the new one, or NULL (the old
 * one kept) when memory is out. */
static void *grown(void *old, size_t old_bytes, size_t bytes)
{
    void *p = (void *)rt_page_alloc(RT_PAGE_ALIGN(bytes)); /* zeroed */

    if (!p)
        return NULL;
    if (old) {
        memcpy(p, old, old_bytes);
        rt_page_release((uintptr_t)old, RT_PAGE_ALIGN(old_bytes));
    }
    return p;
}

static void drop(struct instance *ep, size_t i)
{
    ep->at[ep->list[i].fd] = 0;
    ep->list[i] = ep->list[--ep->n];
    if (i < ep->n)
        ep->at[ep->list[i].fd] = (uint32_t)i + 1;
}

/* Whether entry i's file is still open as its descriptor; drops the
 * entry when not (entry i is then another one, or none). */
static bool live(struct instance *ep, size_t i)
{
    struct interest *in = &ep->list[i];

    if (rt_fd_get(in->fd) == in->file && in->file->serial == in->serial)
        return true;
    drop(ep, i);
    return false;
}

static struct interest *find(struct instance *ep, int fd)
{
    size_t i;

    if ((size_t)fd >= ep->at_cap || !ep->at[fd])
        return NULL;
    i = ep->at[fd] - 1;
    return live(ep, i) ? &ep->list[i] : NULL;
}

static long add(struct instance *ep, int fd, struct rt_file *f,
                const struct epoll_event *ev)
{
    if ((size_t)fd >= ep->at_cap) {
        size_t cap = ep->at_cap ? ep->at_cap : RT_PAGE_SIZE / sizeof *ep->at;
        uint32_t *at;

        while (cap <= (size_t)fd)
            cap *= 2;
        if (!(at = grown(ep->at, ep->at_cap * sizeof *at, cap * sizeof *at)))
            return -ENOMEM;
        ep->at = at;
        ep->at_cap = cap;
    }
    if (ep->n == ep->cap) {
        size_t cap = ep->cap ? 2 * ep->cap : RT_PAGE_SIZE / sizeof *ep->list;
        struct interest *list =
            grown(ep->list, ep->cap * sizeof *list, cap * sizeof *list);

        if (!list)
            return -ENOMEM;
        ep->list = list;
        ep->cap = cap;
    }
    ep->list[ep->n] =
        (struct interest){fd, f, f->serial, ev->events, 0, false, ev->data};
    ep->at[fd] = (uint32_t)++ep->n;
    return 0;
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

    /* each entry once, from the cursor round to it again; a dropped
     * entry's place takes the last one, which is then looked at there */
    for (size_t seen = 0, i = ep->cursor; seen < ep->n && n < max;) {
        struct interest *in;
        uint32_t bits;

        if (i >= ep->n)
            i = 0;
        if (!live(ep, i))
            continue;
        in = &ep->list[i++];
        seen++;
        if (!(bits = ready_bits(in)))
            continue;
        out[n].events = bits;
        out[n].data = in->data;
        n++;
        if (in->events & EPOLLONESHOT)
            in->disarmed = true;
        ep->cursor = i;
    }
    return n;
}

static unsigned epoll_poll(struct rt_file *f)
{
    struct instance *ep = of(f);

    for (size_t i = 0; i < ep->n;) {
        struct interest *in = &ep->list[i];

        if (!live(ep, i))
            continue;
        if (!in->disarmed &&
            (rt_file_poll(in->file) & (in->events | EPOLLERR | EPOLLHUP)))
            return EPOLLIN;
        i++;
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
    struct instance *ep = of(f);

    if (ep->list)
        rt_page_release((uintptr_t)ep->list,
                        RT_PAGE_ALIGN(ep->cap * sizeof *ep->list));
    if (ep->at)
        rt_page_release((uintptr_t)ep->at,
                        RT_PAGE_ALIGN(ep->at_cap * sizeof *ep->at));
    rt_page_release((uintptr_t)ep, INSTANCE_BYTES);
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
    case EPOLL_CTL_ADD: return in ? -EEXIST : add(ep, fd, f, ev);
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
        drop(ep, (size_t)(in - ep->list));
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
