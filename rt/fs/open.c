/*
 * open, openat and creat over rt's namespace, with Linux's answers: a new
 * file only in /tmp (EROFS elsewhere), O_EXCL, O_TRUNC, O_DIRECTORY, and
 * directories never opened for writing (EISDIR).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "../syscalls.h"
#include "fs.h"

/* proc/identity.c keeps the mask; reading it is setting it back. */
mode_t fs_umask(void)
{
    mode_t m = (mode_t)sys_umask(0);

    sys_umask(m);
    return m;
}

static int create(struct fs_walk *w, int flags, int mode)
{
    struct tmp_node *t;
    int err;

    if (w->slash)
        return -EISDIR;
    if (flags & O_DIRECTORY)
        return -EINVAL;
    if (!fs_writable(&w->parent))
        return -EROFS;
    err = fs_tmp_create((struct tmp_node *)w->parent.data, w->name,
                        S_IFREG | ((mode_t)mode & 07777 & ~fs_umask()), &t);
    if (err)
        return err;
    w->node.kind = FS_TMP;
    w->node.mode = t->mode;
    w->node.data = t;
    return 0;
}

/* What an existing node allows, in the order Linux checks it. */
static int reopen(struct fs_walk *w, int flags)
{
    bool write = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

    if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
        return -EEXIST;
    if (fs_is_dir(&w->node))
        return write || (flags & O_CREAT) ? -EISDIR : 0;
    if (flags & O_DIRECTORY)
        return -ENOTDIR;
    if (!write || w->node.kind == FS_DEV)
        return 0;
    if (!fs_writable(&w->node))
        return -EROFS;
    if (flags & O_TRUNC) {
        struct tmp_node *t = (struct tmp_node *)w->node.data;

        fs_tmp_touch(t, true);
        return fs_tmp_resize(t, 0);
    }
    return 0;
}

static long open_at(int dirfd, const char *path, int flags, int mode,
                    struct rt_file **out)
{
    struct fs_walk w;
    int err;

    if ((flags & O_TMPFILE) == O_TMPFILE)
        return -EOPNOTSUPP;
    if ((err = fs_walk(dirfd, path, 0, &w)))
        return err;
    if (!w.found && !(flags & O_CREAT))
        return -ENOENT;
    err = w.found ? reopen(&w, flags) : create(&w, flags, mode);
    return err ? err : fs_open_node(&w.node, flags, out);
}

int rt_path_open(const char *path, int flags, struct rt_file **out)
{
    return (int)open_at(AT_FDCWD, path, flags, 0, out);
}

/* The descriptor first, as on Linux: at the limit, EMFILE whatever the
 * path, and no file is created. */
long sys_openat(int dirfd, const char *path, int flags, int mode)
{
    struct rt_file *f;
    long err;

    if (rt_fd_unused(0) < 0)
        return -EMFILE;
    err = open_at(dirfd, path, flags, mode, &f);
    return err ? err : rt_fd_install(f, 0, flags & O_CLOEXEC);
}

long sys_open(const char *path, int flags, int mode)
{
    return sys_openat(AT_FDCWD, path, flags, mode);
}

long sys_creat(const char *path, int mode)
{
    return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
