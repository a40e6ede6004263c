/* readlink and readlinkat: there are no symbolic links, so any existing
 * path answers EINVAL, as a regular file does on Linux. */
#include <errno.h>
#include <fcntl.h>

#include "../syscalls.h"
#include "fs.h"

long sys_readlinkat(int dirfd, const char *path, char *buf, int size)
{
    struct fs_walk w;
    int err;

    if (size <= 0)
        return -EINVAL;
    if ((err = fs_walk(dirfd, path, 0, &w)))
        return err;
    return w.found ? -EINVAL : -ENOENT;
}

long sys_readlink(const char *path, char *buf, int size)
{
    return sys_readlinkat(AT_FDCWD, path, buf, size);
}
