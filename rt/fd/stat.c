/* fstat: what the file says about itself. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "../rt.h"
#include "../syscalls.h"

void rt_file_describe(struct rt_file *f, struct stat *st)
{
    if (f->ops->rdev) {
        st->st_mode = S_IFCHR | 0666;
        st->st_rdev = f->ops->rdev;
    } else if (f->ops->stat) {
        f->ops->stat(f, st);
    }
}

long rt_file_stat(struct rt_file *f, struct stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_blksize = 4096;
    st->st_nlink = 1;
    rt_file_describe(f, st);
    return 0;
}

long sys_fstat(int fd, struct stat *st)
{
    struct rt_file *f = rt_fd_get(fd);

    if (!f)
        return -EBADF;
    if (!rt_user_ok(st, sizeof *st))
        return -EFAULT;
    return rt_file_stat(f, st);
}
