/* fsync and fdatasync: files live in memory, so there is nothing to wait
 * for; devices and pipes answer EINVAL, as Linux's do. */
#include <errno.h>

#include "../syscalls.h"
#include "fs.h"

long sys_fsync(int fd)
{
    struct rt_file *f = rt_fd_get(fd);

    if (!f)
        return -EBADF;
    return fs_file_node(f) ? 0 : -EINVAL;
}

long sys_fdatasync(int fd)
{
    return sys_fsync(fd);
}
