/*
 * Open files and the descriptor table. Files come from a fixed pool (rt
 * never allocates per call), are shared between descriptors by dup, and
 * close when the last descriptor goes.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>

#include "../rt.h"
#include "../syscalls.h"

#define NFILES RT_NOFILE

static struct {
    struct rt_file files[NFILES];
    struct rt_file *fd[RT_NOFILE];
    bool cloexec[RT_NOFILE];
} tab;

struct rt_file *rt_file_new(const struct rt_file_ops *ops, int flags)
{
    for (size_t i = 0; i < NFILES; i++) {
        struct rt_file *f = &tab.files[i];

        if (f->refs)
            continue;
        memset(f, 0, sizeof *f);
        f->ops = ops;
        f->flags = flags;
        f->refs = 1;
        return f;
    }
    return NULL;
}

void rt_file_put(struct rt_file *f)
{
    if (f && --f->refs == 0 && f->ops->close)
        f->ops->close(f);
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

/* Takes over the caller's reference; -EMFILE when the table is full. */
int rt_fd_install(struct rt_file *f, int min_fd, bool cloexec)
{
    if (!f)
        return -ENFILE;
    for (int fd = min_fd < 0 ? 0 : min_fd; fd < RT_NOFILE; fd++) {
        if (tab.fd[fd])
            continue;
        tab.fd[fd] = f;
        tab.cloexec[fd] = cloexec;
        return fd;
    }
    rt_file_put(f);
    return -EMFILE;
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

long sys_dup3(int fd, int to, int flags)
{
    struct rt_file *f = rt_fd_get(fd);

    if (!f || to < 0 || to >= RT_NOFILE)
        return -EBADF;
    if (fd == to || (flags & ~O_CLOEXEC))
        return -EINVAL;
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
        if (arg < 0 || arg >= RT_NOFILE)
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
