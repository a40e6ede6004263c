/*
 * Open files and the descriptor table. Files come from memory, are shared
 * between descriptors by dup, and close when the last descriptor goes.
 * The table grows as descriptors are handed out (doubling, in pages from
 * the page allocator), up to RT_NOFILE_MAX, the hard RLIMIT_NOFILE;
 * descriptors are handed out below the soft limit, which setrlimit may
 * raise to the hard one. A program that never opens more than 256 pays
 * one page for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/resource.h>

#include "../rt.h"
#include "../syscalls.h"

struct slot {
    struct rt_file *file; /* NULL: free */
    bool cloexec;
};

static struct {
    struct slot *slot;
    size_t size;     /* slots in the table; every fd at or above is free */
    size_t low_free; /* no free fd below it: where a search starts */
    uint64_t serial;
} tab;
/* apart from tab, which an initialiser would move out of .bss */
static struct rt_objs files = RT_OBJS(struct rt_file);

_Static_assert(RT_PAGE_SIZE % sizeof(struct slot) == 0, "slots tile a page");

/* Makes room for fd: 0, or -ENOMEM. The old slots are copied to the new
 * table, then given back. */
static int grow(size_t fd)
{
    size_t size = tab.size ? tab.size : RT_PAGE_SIZE / sizeof(struct slot);
    struct slot *bigger;

    while (size <= fd)
        size *= 2;
    if (size > RT_NOFILE_MAX)
        size = RT_NOFILE_MAX;
    bigger = (struct slot *)rt_page_alloc(size * sizeof(struct slot));
    if (!bigger)
        return -ENOMEM;
    if (tab.slot) {
        memcpy(bigger, tab.slot, tab.size * sizeof(struct slot));
        rt_page_release((uintptr_t)tab.slot, tab.size * sizeof(struct slot));
    }
    tab.slot = bigger;
    tab.size = size;
    return 0;
}

struct rt_file *rt_file_new(const struct rt_file_ops *ops, int flags)
{
    struct rt_file *f = rt_obj_new(&files);

    if (!f)
        return NULL;
    f->ops = ops;
    f->flags = flags;
    f->refs = 1;
    f->serial = ++tab.serial;
    return f;
}

void rt_file_put(struct rt_file *f)
{
    if (!f || --f->refs)
        return;
    if (f->ops->close)
        f->ops->close(f);
    rt_obj_free(&files, f);
}

/* Readiness for poll, select and epoll; a file without a poll operation
 * (a regular file) is always ready, as on Linux. */
unsigned rt_file_poll(struct rt_file *f)
{
    return f->ops->poll ? f->ops->poll(f) : POLLIN | POLLOUT;
}

struct rt_file *rt_fd_get(int fd)
{
    return fd >= 0 && (size_t)fd < tab.size ? tab.slot[fd].file : NULL;
}

/* The soft RLIMIT_NOFILE, which prlimit keeps within RT_NOFILE_MAX. */
static int limit(void)
{
    return (int)rt_rlimit(RLIMIT_NOFILE);
}

/* A search starts at the lowest fd that may be free, so a server holding
 * 10,000 connections does not look at each of them per accept. */
int rt_fd_unused(int min_fd)
{
    size_t fd = min_fd < 0 ? 0 : (size_t)min_fd, end = (size_t)limit();

    if (fd < tab.low_free)
        fd = tab.low_free;
    while (fd < tab.size && fd < end && tab.slot[fd].file)
        fd++;
    if (min_fd <= (int)tab.low_free)
        tab.low_free = fd; /* everything below fd is taken */
    return fd < end ? (int)fd : -EMFILE;
}

/* Takes over the caller's reference (and drops it on failure): -ENFILE
 * for no file, -EMFILE when no descriptor is free below the limit,
 * -ENOMEM when the table cannot grow to hold it. */
int rt_fd_install(struct rt_file *f, int min_fd, bool cloexec)
{
    int fd = rt_fd_unused(min_fd), e;

    if (!f)
        return -ENFILE;
    if (fd >= 0 && (size_t)fd >= tab.size && (e = grow((size_t)fd)))
        fd = e;
    if (fd < 0) {
        rt_file_put(f);
        return fd;
    }
    tab.slot[fd] = (struct slot){f, cloexec};
    return fd;
}

long sys_close(int fd)
{
    struct rt_file *f = rt_fd_get(fd);

    if (!f)
        return -EBADF;
    tab.slot[fd].file = NULL;
    if ((size_t)fd < tab.low_free)
        tab.low_free = (size_t)fd;
    rt_file_put(f);
    return 0;
}

static long dup_to(struct rt_file *f, int min_fd, bool cloexec)
{
    f->refs++;
    return rt_fd_install(f, min_fd, cloexec);
}

long sys_dup(int fd)
{
    struct rt_file *f = rt_fd_get(fd);

    return f ? dup_to(f, 0, false) : -EBADF;
}

/* Linux's order: flags, the same fd, the limit, then the file. */
long sys_dup3(int fd, int to, int flags)
{
    struct rt_file *f = rt_fd_get(fd);

    if (fd == to || (flags & ~O_CLOEXEC))
        return -EINVAL;
    if (to < 0 || to >= limit() || !f)
        return -EBADF;
    if (rt_fd_get(to))
        sys_close(to);
    return dup_to(f, to, flags & O_CLOEXEC);
}

long sys_dup2(int fd, int to)
{
    if (fd == to)
        return rt_fd_get(fd) ? to : -EBADF;
    return sys_dup3(fd, to, 0);
}

long sys_fcntl(int fd, int cmd, long arg)
{
    struct rt_file *f = rt_fd_get(fd);
    const int settable = O_APPEND | O_NONBLOCK;

    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (arg < 0 || arg >= limit())
            return -EINVAL;
        return dup_to(f, (int)arg, cmd == F_DUPFD_CLOEXEC);
    case F_GETFD: return tab.slot[fd].cloexec ? FD_CLOEXEC : 0;
    case F_SETFD: tab.slot[fd].cloexec = arg & FD_CLOEXEC; return 0;
    case F_GETFL: return f->flags;
    case F_SETFL:
        f->flags = (f->flags & ~settable) | ((int)arg & settable);
        return 0;
    case F_GETLK: {
        /* one process holds every lock there is: nothing conflicts */
        struct flock *l = (struct flock *)arg;

        if (!rt_user_ok(l, sizeof *l))
            return -EFAULT;
        l->l_type = F_UNLCK;
        return 0;
    }
    case F_SETLK:
    case F_SETLKW:
        return rt_user_ok((void *)arg, sizeof(struct flock)) ? 0 : -EFAULT;
    default: return -EINVAL;
    }
}
