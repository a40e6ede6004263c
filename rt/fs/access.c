/*
 * access, faccessat and faccessat2. The program runs as root, so only two
 * things can say no: a read-only store to W_OK (EROFS, as a read-only
 * mount answers) and a file without any execute bit to X_OK.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "../syscalls.h"
#include "fs.h"

static long check(const struct fs_node *n, int mode)
{
    if ((mode & W_OK) && n->kind != FS_DEV && !fs_writable(n))
        return -EROFS;
    if ((mode & X_OK) && !fs_is_dir(n) && !(n->mode & 0111))
        return -EACCES;
    return 0;
}

long sys_faccessat2(int dirfd, const char *path, int mode, int flags)
{
    struct fs_walk w;
    long len;
    int err;

    if ((mode & ~(R_OK | W_OK | X_OK)) ||
        (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)))
        return -EINVAL;
    if ((len = fs_user_path(path)) < 0)
        return len;
    if (len == 0 && (flags & AT_EMPTY_PATH) && dirfd != AT_FDCWD) {
        struct rt_file *f = rt_fd_get(dirfd);
        const struct fs_node *n = f ? fs_file_node(f) : NULL;

        if (!f)
            return -EBADF;
        return n ? check(n, mode) : 0;
    }
    if ((err = fs_walk(dirfd, path, flags & AT_EMPTY_PATH ? FS_WALK_EMPTY : 0,
                       &w)))
        return err;
    return w.found ? check(&w.node, mode) : -ENOENT;
}

long sys_faccessat(int dirfd, const char *path, int mode)
{
    return sys_faccessat2(dirfd, path, mode, 0);
}

long sys_access(const char *path, int mode)
{
    return sys_faccessat2(AT_FDCWD, path, mode, 0);
}
