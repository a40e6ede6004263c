/*
 * The console: stdin, stdout and stderr. It behaves as a terminal (so
 * musl line-buffers stdout, as on a serial console) and reads block until
 * input arrives, unless the file is non-blocking.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "../rt.h"
#include "dev.h"

static long console_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    long got, err;

    if (n == 0)
        return 0;
    while ((got = plat_console_read(buf, n)) == -EAGAIN &&
           !(f->flags & O_NONBLOCK))
        if ((err = rt_wait(UINT64_MAX))) /* other threads run meanwhile */
            return err;
    return got;
}

static long console_write(struct rt_file *f, const void *buf, size_t n,
                          uint64_t *off)
{
    plat_console_write(buf, n);
    return (long)n;
}

static long console_stat(struct rt_file *f, struct stat *st)
{
    st->st_mode = S_IFCHR | 0620;
    st->st_rdev = 0x8800; /* a pseudo-terminal's major, as a tty reports */
    return 0;
}

static long console_ioctl(struct rt_file *f, unsigned long req, void *arg)
{
    struct winsize *ws = arg;

    if (req != TIOCGWINSZ)
        return -ENOTTY;
    if (!rt_user_ok(ws, sizeof *ws))
        return -EFAULT;
    memset(ws, 0, sizeof *ws);
    ws->ws_row = 24;
    ws->ws_col = 80;
    return 0;
}

const struct rt_file_ops rt_dev_console_ops = {
    .read = console_read,
    .write = console_write,
    .stat = console_stat,
    .ioctl = console_ioctl,
};

struct rt_file *rt_console_open(int flags)
{
    return rt_file_new(&rt_dev_console_ops, flags ? O_WRONLY : O_RDONLY);
}
