/*
 * Pipes: a 64 KiB ring (Linux's default capacity) shared by a read end and
 * a write end. Reads block until data arrives or every writer is gone
 * (then 0: end of file); writes block until there is room, and writes of
 * up to PIPE_BUF bytes are never interleaved with others. Writing with no
 * reader left is EPIPE and SIGPIPE, as on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "../rt.h"
#include "../syscalls.h"

#define PIPE_SIZE (64 * 1024)

struct pipe {
    char *buf; /* PIPE_SIZE bytes from the page allocator */
    size_t head, len;
    unsigned readers, writers;
};

static struct rt_objs pipes = RT_OBJS(struct pipe);

static struct pipe *of(struct rt_file *f)
{
    return (struct pipe *)f->data;
}

static unsigned pipe_poll(struct rt_file *f)
{
    struct pipe *p = of(f);
    unsigned ready = 0;

    if ((f->flags & O_ACCMODE) == O_RDONLY) {
        if (p->len)
            ready |= POLLIN;
        if (!p->writers)
            ready |= POLLHUP;
    } else {
        if (PIPE_SIZE - p->len >= PIPE_BUF)
            ready |= POLLOUT;
        if (!p->readers)
            ready |= POLLERR;
    }
    return ready;
}

static long pipe_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    struct pipe *p = of(f);
    size_t done = 0;

    while (!p->len) {
        if (!p->writers || n == 0)
            return 0;
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        if (rt_wait(UINT64_MAX))
            return -EINTR;
    }
    while (done < n && p->len) {
        size_t chunk = PIPE_SIZE - p->head;

        if (chunk > p->len)
            chunk = p->len;
        if (chunk > n - done)
            chunk = n - done;
        memcpy((char *)buf + done, p->buf + p->head, chunk);
        p->head = (p->head + chunk) % PIPE_SIZE;
        p->len -= chunk;
        done += chunk;
    }
    return (long)done;
}

static long broken(void)
{
    sys_tkill(1, SIGPIPE);
    return -EPIPE;
}

static long pipe_write(struct rt_file *f, const void *buf, size_t n,
                       uint64_t *off)
{
    struct pipe *p = of(f);
    size_t done = 0;

    while (done < n) {
        size_t room = PIPE_SIZE - p->len, tail, chunk;

        if (!p->readers)
            return done ? (long)done : broken();
        /* small writes go in whole or wait: they must not interleave */
        if (room == 0 || (n <= PIPE_BUF && room < n)) {
            if (f->flags & O_NONBLOCK)
                return done ? (long)done : -EAGAIN;
            if (rt_wait(UINT64_MAX))
                return done ? (long)done : -EINTR;
            continue;
        }
        tail = (p->head + p->len) % PIPE_SIZE;
        chunk = PIPE_SIZE - tail;
        if (chunk > room)
            chunk = room;
        if (chunk > n - done)
            chunk = n - done;
        memcpy(p->buf + tail, (const char *)buf + done, chunk);
        p->len += chunk;
        done += chunk;
    }
    return (long)done;
}

static long pipe_stat(struct rt_file *f, struct stat *st)
{
    st->st_mode = S_IFIFO | 0600;
    st->st_blksize = PIPE_SIZE;
    return 0;
}

static long pipe_ioctl(struct rt_file *f, unsigned long req, void *arg)
{
    if (req != FIONREAD)
        return -ENOTTY;
    if (!rt_user_ok(arg, sizeof(int)))
        return -EFAULT;
    *(int *)arg = (int)of(f)->len;
    return 0;
}

static void pipe_close(struct rt_file *f)
{
    struct pipe *p = of(f);

    if (!p)
        return; /* sys_pipe2 could not make the pipe */
    if ((f->flags & O_ACCMODE) == O_RDONLY)
        p->readers--;
    else
        p->writers--;
    if (!p->readers && !p->writers) {
        rt_page_release((uintptr_t)p->buf, PIPE_SIZE);
        rt_obj_free(&pipes, p);
    }
}

static const struct rt_file_ops pipe_ops = {
    .read = pipe_read,
    .write = pipe_write,
    .stat = pipe_stat,
    .ioctl = pipe_ioctl,
    .poll = pipe_poll,
    .close = pipe_close,
};

long sys_pipe2(int fds[2], int flags)
{
    struct rt_file *r, *w;
    struct pipe *p;
    int rfd, wfd, err = -ENFILE;

    if (flags & ~(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    if (!rt_user_ok(fds, 2 * sizeof(int)))
        return -EFAULT;
    /* both descriptors first, as Linux takes them */
    if ((rfd = rt_fd_unused(0)) < 0 || (wfd = rt_fd_unused(rfd + 1)) < 0)
        return -EMFILE;
    r = rt_file_new(&pipe_ops, O_RDONLY | (flags & O_NONBLOCK));
    w = rt_file_new(&pipe_ops, O_WRONLY | (flags & O_NONBLOCK));
    p = r && w ? rt_obj_new(&pipes) : NULL;
    if (p && !(p->buf = (char *)rt_page_alloc(PIPE_SIZE))) {
        rt_obj_free(&pipes, p);
        p = NULL;
        err = -ENOMEM;
    }
    if (!p) {
        rt_file_put(r); /* no pipe behind them: only the files go */
        rt_file_put(w);
        return err;
    }
    p->readers = p->writers = 1;
    r->data = w->data = p;
    fds[0] = rt_fd_install(r, rfd, flags & O_CLOEXEC);
    fds[1] = rt_fd_install(w, wfd, flags & O_CLOEXEC);
    return 0;
}

long sys_pipe(int fds[2])
{
    return sys_pipe2(fds, 0);
}
