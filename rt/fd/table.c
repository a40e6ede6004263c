/*
 * Open files and the descriptor table. Files come from memory, are shared
 * between descriptors by dup, and close when the last descriptor goes.
 * The table is fixed (RT_NOFILE, the hard RLIMIT_NOFILE); descriptors are
 * handed out below the soft limit, which setrlimit may lower.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>

#include "../rt.h"
#include "../syscalls.h"

static struct {
    struct rt_file *fd[RT_NOFILE];
    bool cloexec[RT_NOFILE];
    uint64_t serial;
} tab;
/* apart from tab, which an initialiser would move out of .bss */
static struct rt_objs files = RT_OBJS(struct rt_file);

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
    return fd >= 0 && fd < RT_NOFILE ? tab.fd[fd] : NULL;
}

/* The soft RLIMIT_NOFILE, within the table. */
static int limit(void)
{
    uint64_t soft = rt_rlimit(RLIMIT_NOFILE);

    return soft < RT_NOFILE ? (int)soft : RT_NOFILE;
}

int rt_fd_unused(int min_fd)
{
    int end = limit();

    for (int fd = min_fd < 0 ? 0 : min_fd; fd < end; fd++)
        if (!tab.fd[fd])
            return fd;
    return -EMFILE;
}

/* Takes over the caller's reference (and drops it on failure): -ENFILE
 * for no file, -EMFILE when no descriptor is free below the limit. */
int rt_fd_install(struct rt_file *f, int min_fd, bool cloexec)
{
    int fd = rt_fd_unused(min_fd);

    if (!f)
        return -ENFILE;
    if (fd < 0) {
        rt_file_put(f);
        return fd;
    }
    tab.fd[fd] = f;
    tab.cloexec[fd] = cloexec;
    return fd;
}

long sys_close(int fd)
{
    struct rt_file *f = rt_fd_get(fd);

    if (!f)
        return -EBADF;
    tab.fd[fd] = NULL;
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
    if (tab.fd[to])
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
    case F_GETFD: return tab.cloexec[fd] ? FD_CLOEXEC : 0;
    case F_SETFD: tab.cloexec[fd] = arg & FD_CLOEXEC; return 0;
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
