/*
 * unlink, rmdir and unlinkat, answering in the order Linux checks: the
 * last component's kind, then the read-only store, then the node itself.
 */
#include <errno.h>
#include <fcntl.h>

#include "../syscalls.h"
#include "fs.h"

static long remove_at(int dirfd, const char *path, bool dir)
{
    static const int rmdir_last[] = {
        [FS_LAST_DOT] = -EINVAL,
        [FS_LAST_DOTDOT] = -ENOTEMPTY,
        [FS_LAST_ROOT] = -EBUSY,
    };
    struct fs_walk w;
    int err;

    if ((err = fs_walk(dirfd, path, 0, &w)) && !(err == -ENOTDIR && !dir))
        return err;
    if (w.last != FS_LAST_NAME)
        return dir ? rmdir_last[w.last] : -EISDIR;
    if (!fs_writable(&w.parent))
        return -EROFS;
    if (!w.found)
        return -ENOENT;
    if (err)
        return err; /* "file/": unlink says ENOTDIR after the rest */
    if (fs_is_dir(&w.node) != dir)
        return dir ? -ENOTDIR : -EISDIR;
    return fs_tmp_remove((struct tmp_node *)w.node.data);
}

long sys_unlinkat(int dirfd, const char *path, int flags)
{
    if (flags & ~AT_REMOVEDIR)
        return -EINVAL;
    return remove_at(dirfd, path, flags & AT_REMOVEDIR);
}

long sys_unlink(const char *path)
{
    return remove_at(AT_FDCWD, path, false);
}

long sys_rmdir(const char *path)
{
    return remove_at(AT_FDCWD, path, true);
}
