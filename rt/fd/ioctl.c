/* ioctl: FIONBIO for every file; the rest is the file's own business. */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>

#include "../rt.h"
#include "../syscalls.h"

long sys_ioctl(int fd, unsigned long req, void *arg)
{
    struct rt_file *f = rt_fd_get(fd);

    if (!f)
        return -EBADF;
    if (req == FIONBIO) {
        if (!rt_user_ok(arg, sizeof(int)))
            return -EFAULT;
        f->flags = *(int *)arg ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
        return 0;
    }
    return f->ops->ioctl ? f->ops->ioctl(f, req, arg) : -ENOTTY;
}
