/*
 * The working directory: a node rather than a string, so that renaming a
 * /tmp directory moves the working directory with it, as on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "../syscalls.h"
#include "fs.h"

static struct fs_node cwd = {FS_DIR, S_IFDIR | 0755, "/"};

void fs_cwd(struct fs_node *out)
{
    *out = cwd;
}

static void set_cwd(const struct fs_node *n)
{
    if (n->kind == FS_TMP)
        fs_tmp_get((struct tmp_node *)n->data);
    if (cwd.kind == FS_TMP)
        fs_tmp_put((struct tmp_node *)cwd.data);
    cwd = *n;
}

long sys_getcwd(char *buf, size_t size)
{
    char path[PATH_MAX];
    size_t len;

    if (!fs_node_path(&cwd, path))
        return -ENOENT;
    len = strlen(path) + 1;
    if (size < len)
        return -ERANGE;
    if (!rt_user_ok(buf, len))
        return -EFAULT;
    memcpy(buf, path, len);
    return (long)len;
}

long sys_chdir(const char *path)
{
    struct fs_walk w;
    int err = fs_walk(AT_FDCWD, path, 0, &w);

    if (err)
        return err;
    if (!w.found)
        return -ENOENT;
    if (!fs_is_dir(&w.node))
        return -ENOTDIR;
    set_cwd(&w.node);
    return 0;
}

long sys_fchdir(int fd)
{
    struct fs_node n;
    int err = fs_dirfd(fd, &n);

    if (err)
        return err;
    set_cwd(&n);
    return 0;
}
