/* mkdir and mkdirat: new directories only in /tmp. */
#include <errno.h>
#include <fcntl.h>

#include "../syscalls.h"
#include "fs.h"

long sys_mkdirat(int dirfd, const char *path, int mode)
{
    struct fs_walk w;
    struct tmp_node *t;
    int err;

    if ((err = fs_walk(dirfd, path, 0, &w)))
        return err;
    if (w.found)
        return -EEXIST;
    if (!fs_writable(&w.parent))
        return -EROFS;
    return fs_tmp_create((struct tmp_node *)w.parent.data, w.name,
                         S_IFDIR | ((mode_t)mode & 07777 & ~fs_umask()), &t);
}

long sys_mkdir(const char *path, int mode)
{
    return sys_mkdirat(AT_FDCWD, path, mode);
}
