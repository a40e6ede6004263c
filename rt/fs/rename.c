/*
 * rename, renameat and renameat2 (flags 0 or RENAME_NOREPLACE) inside
 * /tmp. Between /tmp and the read-only stores the answer is EXDEV, as
 * between two mounts; within the read-only stores it is EROFS.
 */
#include <errno.h>
#include <fcntl.h>

#include "../syscalls.h"
#include "fs.h"

#define RENAME_NOREPLACE 1

static bool is_below(const struct tmp_node *dir, const struct tmp_node *n)
{
    for (; dir; dir = dir->parent)
        if (dir == n)
            return true;
    return false;
}

/* What replacing `to` by `from` would break; 0 when it may happen. */
static int replace_check(const struct fs_walk *from, const struct fs_walk *to,
                         unsigned flags)
{
    if (!to->found)
        return 0;
    if (flags & RENAME_NOREPLACE)
        return -EEXIST;
    if (fs_is_dir(&from->node) && !fs_is_dir(&to->node))
        return -ENOTDIR;
    if (!fs_is_dir(&from->node) && fs_is_dir(&to->node))
        return -EISDIR;
    if (((const struct tmp_node *)to->node.data)->children)
        return -ENOTEMPTY;
    return 0;
}

static long rename_walks(struct fs_walk *from, struct fs_walk *to,
                         unsigned flags)
{
    struct tmp_node *old, *dir;
    int err;

    if (fs_writable(&from->parent) != fs_writable(&to->parent))
        return -EXDEV;
    if (from->last != FS_LAST_NAME)
        return -EBUSY;
    if (to->last != FS_LAST_NAME)
        return flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
    if (!fs_writable(&from->parent))
        return -EROFS;
    if (!from->found)
        return -ENOENT;
    if ((from->slash || to->slash) && !fs_is_dir(&from->node))
        return -ENOTDIR;
    old = (struct tmp_node *)from->node.data;
    dir = (struct tmp_node *)to->parent.data;
    if (to->found && to->node.data == old)
        return 0;
    if (is_below(dir, old))
        return -EINVAL;
    if ((err = replace_check(from, to, flags)))
        return err;
    if (to->found && (err = fs_tmp_remove((struct tmp_node *)to->node.data)))
        return err;
    fs_tmp_move(old, dir, to->name);
    return 0;
}

long sys_renameat2(int olddirfd, const char *oldpath, int newdirfd,
                   const char *newpath, unsigned flags)
{
    struct fs_walk from, to;
    int err;

    if (flags & ~RENAME_NOREPLACE)
        return -EINVAL;
    if ((err = fs_walk(olddirfd, oldpath, 0, &from)) && err != -ENOTDIR)
        return err;
    if (err == -ENOTDIR && from.found && !from.slash)
        return err;
    err = fs_walk(newdirfd, newpath, 0, &to);
    if (err && !(err == -ENOTDIR && to.found && to.slash))
        return err;
    return rename_walks(&from, &to, flags);
}

long sys_renameat(int olddirfd, const char *oldpath, int newdirfd,
                  const char *newpath)
{
    return sys_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

long sys_rename(const char *oldpath, const char *newpath)
{
    return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}
