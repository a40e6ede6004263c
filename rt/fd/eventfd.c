/* eventfd: a 64-bit counter that reads drain (or decrement, in semaphore
 * mode) and writes add to; readable while non-zero. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>

#include "../rt.h"
#include "../syscalls.h"

#define MAX_COUNT 0xfffffffffffffffeULL

struct counter {
    uint64_t value;
    bool semaphore;
};

static struct rt_objs counters = RT_OBJS(struct counter);

static struct counter *of(struct rt_file *f)
{
    return (struct counter *)f->data;
}

static unsigned efd_poll(struct rt_file *f)
{
    struct counter *c = of(f);

    return (c->value ? POLLIN : 0) | (c->value < MAX_COUNT ? POLLOUT : 0);
}

static long efd_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    struct counter *c = of(f);
    uint64_t v;

    if (n < sizeof v)
        return -EINVAL;
    while (!c->value) {
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        if (rt_wait(UINT64_MAX))
            return -EINTR;
    }
    v = c->semaphore ? 1 : c->value;
    c->value -= v;
    memcpy(buf, &v, sizeof v);
    return sizeof v;
}

static long efd_write(struct rt_file *f, const void *buf, size_t n,
                      uint64_t *off)
{
    struct counter *c = of(f);
    uint64_t v;

    if (n < sizeof v)
        return -EINVAL;
    memcpy(&v, buf, sizeof v);
    if (v == UINT64_MAX)
        return -EINVAL;
    while (MAX_COUNT - c->value < v) {
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        if (rt_wait(UINT64_MAX))
            return -EINTR;
    }
    c->value += v;
    return sizeof v;
}

static long efd_stat(struct rt_file *f, struct stat *st)
{
    st->st_mode = 0600; /* an anonymous inode: no file type bits */
    return 0;
}

static void efd_close(struct rt_file *f)
{
    if (of(f))
        rt_obj_free(&counters, of(f));
}

static const struct rt_file_ops eventfd_ops = {
    .read = efd_read,
    .write = efd_write,
    .stat = efd_stat,
    .poll = efd_poll,
    .close = efd_close,
};

long sys_eventfd2(unsigned initval, int flags)
{
    struct rt_file *f;
    struct counter *c;

    if (flags & ~(EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE))
        return -EINVAL;
    if (rt_fd_unused(0) < 0)
        return -EMFILE;
    f = rt_file_new(&eventfd_ops, O_RDWR | (flags & O_NONBLOCK));
    if (!f || !(c = rt_obj_new(&counters))) {
        rt_file_put(f);
        return -ENFILE;
    }
    *c = (struct counter){initval, flags & EFD_SEMAPHORE};
    f->data = c;
    return rt_fd_install(f, 0, flags & EFD_CLOEXEC);
}

long sys_eventfd(unsigned initval)
{
    return sys_eventfd2(initval, 0);
}
