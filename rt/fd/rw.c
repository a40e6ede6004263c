/* read, write and their vector and positioned forms, and lseek. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>

#include "../rt.h"
#include "../syscalls.h"

static struct rt_file *readable(int fd, long *err)
{
    struct rt_file *f = rt_fd_get(fd);

    *err = -EBADF;
    if (!f || (f->flags & O_ACCMODE) == O_WRONLY)
        return NULL;
    *err = -EINVAL;
    return f->ops->read ? f : NULL;
}

static struct rt_file *writable(int fd, long *err)
{
    struct rt_file *f = rt_fd_get(fd);

    *err = -EBADF;
    if (!f || (f->flags & O_ACCMODE) == O_RDONLY)
        return NULL;
    *err = -EINVAL;
    return f->ops->write ? f : NULL;
}

/* Transfers at one offset: the file's own (pos == NULL) or a given one. */
static long do_read(struct rt_file *f, void *buf, size_t n, uint64_t *pos)
{
    if (n > SSIZE_MAX)
        n = SSIZE_MAX;
    if (!rt_user_ok(buf, n))
        return -EFAULT;
    return f->ops->read(f, buf, n, pos ? pos : &f->offset);
}

static long do_write(struct rt_file *f, const void *buf, size_t n,
                     uint64_t *pos)
{
    if (n > SSIZE_MAX)
        n = SSIZE_MAX;
    if (!rt_user_ok(buf, n))
        return -EFAULT;
    if (!pos && (f->flags & O_APPEND) && f->ops->seek_end)
        f->offset = (uint64_t)f->ops->seek_end(f);
    return f->ops->write(f, buf, n, pos ? pos : &f->offset);
}

long sys_read(int fd, void *buf, size_t n)
{
    long err;
    struct rt_file *f = readable(fd, &err);

    return f ? do_read(f, buf, n, NULL) : err;
}

long sys_write(int fd, const void *buf, size_t n)
{
    long err;
    struct rt_file *f = writable(fd, &err);

    return f ? do_write(f, buf, n, NULL) : err;
}

/* pread and pwrite: at a given offset, which needs a seekable file. */
static long transfer_at(struct rt_file *f, void *buf, size_t n, off_t off,
                        bool write)
{
    uint64_t pos = (uint64_t)off;

    if (!f->seekable)
        return -ESPIPE;
    if (off < 0)
        return -EINVAL;
    return write ? do_write(f, buf, n, &pos) : do_read(f, buf, n, &pos);
}

long sys_pread64(int fd, void *buf, size_t n, off_t off)
{
    long err;
    struct rt_file *f = readable(fd, &err);

    return f ? transfer_at(f, buf, n, off, false) : err;
}

long sys_pwrite64(int fd, const void *buf, size_t n, off_t off)
{
    long err;
    struct rt_file *f = writable(fd, &err);

    return f ? transfer_at(f, (void *)buf, n, off, true) : err;
}

static long check_iov(const struct iovec *iov, int iovcnt)
{
    size_t total = 0;

    if (iovcnt < 0 || iovcnt > IOV_MAX)
        return -EINVAL;
    if (!rt_user_ok(iov, (size_t)iovcnt * sizeof *iov))
        return -EFAULT;
    for (int i = 0; i < iovcnt; i++) {
        if (iov[i].iov_len > SSIZE_MAX - total)
            return -EINVAL;
        total += iov[i].iov_len;
    }
    return 0;
}

/* Each piece in turn; a short transfer ends the call, as for a pipe. */
static long transfer_v(struct rt_file *f, const struct iovec *iov, int iovcnt,
                       bool write)
{
    long err = check_iov(iov, iovcnt), done = 0, n;

    if (err)
        return err;
    for (int i = 0; i < iovcnt; i++) {
        n = write ? do_write(f, iov[i].iov_base, iov[i].iov_len, NULL)
                  : do_read(f, iov[i].iov_base, iov[i].iov_len, NULL);
        if (n < 0)
            return done ? done : n;
        done += n;
        if ((size_t)n < iov[i].iov_len)
            break;
    }
    return done;
}

long sys_readv(int fd, const struct iovec *iov, int iovcnt)
{
    long err;
    struct rt_file *f = readable(fd, &err);

    return f ? transfer_v(f, iov, iovcnt, false) : err;
}

long sys_writev(int fd, const struct iovec *iov, int iovcnt)
{
    long err;
    struct rt_file *f = writable(fd, &err);

    return f ? transfer_v(f, iov, iovcnt, true) : err;
}

long sys_lseek(int fd, off_t off, int whence)
{
    struct rt_file *f = rt_fd_get(fd);
    int64_t base;

    if (!f)
        return -EBADF;
    if (whence < SEEK_SET || whence > SEEK_END)
        return -EINVAL;
    if (f->ops->seek_to_zero)
        return 0;
    if (!f->seekable)
        return -ESPIPE;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (int64_t)f->offset; break;
    case SEEK_END: base = f->ops->seek_end ? f->ops->seek_end(f) : 0; break;
    default: return -EINVAL;
    }
    if (base + off < 0)
        return -EINVAL;
    f->offset = (uint64_t)(base + off);
    return (long)f->offset;
}
