/* truncate and ftruncate: only /tmp files change size. */
#include <errno.h>
#include <fcntl.h>

#include "../syscalls.h"
#include "fs.h"

static long resize(const struct fs_node *n, off_t len)
{
    struct tmp_node *t = (struct tmp_node *)n->data;
    int err;

    if (!fs_writable(n))
        return -EROFS;
    if ((err = fs_tmp_resize(t, (uint64_t)len)))
        return err;
    fs_tmp_touch(t, true);
    return 0;
}

long sys_truncate(const char *path, off_t len)
{
    struct fs_walk w;
    int err;

    if (len < 0)
        return -EINVAL;
    if ((err = fs_walk(AT_FDCWD, path, 0, &w)))
        return err;
    if (!w.found)
        return -ENOENT;
    if (fs_is_dir(&w.node))
        return -EISDIR;
    if (!S_ISREG(w.node.mode))
        return -EINVAL;
    return resize(&w.node, len);
}

long sys_ftruncate(int fd, off_t len)
{
    struct rt_file *f = rt_fd_get(fd);
    const struct fs_node *n = f ? fs_file_node(f) : NULL;

    if (len < 0)
        return -EINVAL;
    if (!f)
        return -EBADF;
    if (!n || fs_is_dir(n) || (f->flags & O_ACCMODE) == O_RDONLY)
        return -EINVAL;
    return resize(n, len);
}
