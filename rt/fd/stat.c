/* fstat: what the file says about itself. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "../rt.h"
#include "../syscalls.h"

long sys_fstat(int fd, struct stat *st)
{
    struct rt_file *f = rt_fd_get(fd);

    if (!f)
        return -EBADF;
    if (!rt_user_ok(st, sizeof *st))
        return -EFAULT;
    memset(st, 0, sizeof *st);
    st->st_blksize = 4096;
    st->st_nlink = 1;
    return f->ops->stat ? f->ops->stat(f, st) : 0;
}
