/*
 * A file's attributes: permission bits (chmod), owner (chown) and times
 * (utimensat), by path, at a directory, or by descriptor. Only /tmp nodes
 * keep them; the embedded trees, the skeleton and /dev are read-only
 * (EROFS). The program runs as root, so every owner change is allowed; as
 * on Linux, a chown of a file that is not a directory clears its
 * set-user-ID bit, and its set-group-ID bit when group execution is on. There
 * are no symbolic links, so the NOFOLLOW variants change nothing.
 */
#include <errno.h>
#include <fcntl.h>

#include "../syscalls.h"
#include "fs.h"

#define NOFOLLOW_OR_EMPTY (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)

/* The /tmp node path names (dirfd and path as the *at calls take them; an
 * empty path with AT_EMPTY_PATH, or a NULL one, names dirfd itself). */
static long node_at(int dirfd, const char *path, int flags,
                    struct tmp_node **out)
{
    struct fs_walk w;
    int err;

    if (!path || (flags & AT_EMPTY_PATH)) {
        long len = path ? fs_user_path(path) : 0;

        if (len < 0)
            return len;
        if (len == 0) {
            struct rt_file *f = rt_fd_get(dirfd);
            const struct fs_node *n = f ? fs_file_node(f) : NULL;

            if (dirfd == AT_FDCWD)
                fs_cwd(&w.node);
            else if (!f)
                return -EBADF;
            else if (!n)
                return -EROFS; /* a pipe, socket or console: no node */
            else
                w.node = *n;
            if (!fs_writable(&w.node))
                return -EROFS;
            *out = (struct tmp_node *)w.node.data;
            return 0;
        }
    }
    if ((err = fs_walk(dirfd, path, 0, &w)))
        return err;
    if (!w.found)
        return -ENOENT;
    if (!fs_writable(&w.node))
        return -EROFS;
    *out = (struct tmp_node *)w.node.data;
    return 0;
}

static long set_mode(struct tmp_node *t, mode_t mode)
{
    t->mode = (t->mode & S_IFMT) | (mode & 07777);
    fs_tmp_touch(t, false);
    return 0;
}

long sys_fchmodat(int dirfd, const char *path, mode_t mode)
{
    struct tmp_node *t;
    long err = path ? node_at(dirfd, path, 0, &t) : -EFAULT;

    return err ? err : set_mode(t, mode);
}

long sys_chmod(const char *path, mode_t mode)
{
    return sys_fchmodat(AT_FDCWD, path, mode);
}

long sys_fchmod(int fd, mode_t mode)
{
    struct tmp_node *t;
    long err = fd < 0 ? -EBADF : node_at(fd, NULL, 0, &t);

    return err ? err : set_mode(t, mode);
}

/* uid or gid (uid_t)-1 leaves that one as it is. */
static long set_owner(struct tmp_node *t, uid_t uid, gid_t gid)
{
    if (uid != (uid_t)-1)
        t->uid = uid;
    if (gid != (gid_t)-1)
        t->gid = gid;
    if (!S_ISDIR(t->mode)) { /* even for -1, -1, as Linux does */
        t->mode &= ~(mode_t)S_ISUID;
        if (t->mode & S_IXGRP)
            t->mode &= ~(mode_t)S_ISGID;
    }
    fs_tmp_touch(t, false);
    return 0;
}

long sys_fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
    struct tmp_node *t;
    long err;

    if (flags & ~NOFOLLOW_OR_EMPTY)
        return -EINVAL;
    if (!path)
        return -EFAULT;
    err = node_at(dirfd, path, flags, &t);
    return err ? err : set_owner(t, uid, gid);
}

long sys_chown(const char *path, uid_t uid, gid_t gid)
{
    return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_lchown(const char *path, uid_t uid, gid_t gid)
{
    return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(int fd, uid_t uid, gid_t gid)
{
    struct tmp_node *t;
    long err = fd < 0 ? -EBADF : node_at(fd, NULL, 0, &t);

    return err ? err : set_owner(t, uid, gid);
}

static bool valid_time(const struct timespec *ts)
{
    return ts->tv_nsec == UTIME_NOW || ts->tv_nsec == UTIME_OMIT ||
           (ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000);
}

/* times NULL: both now; else [0] access, [1] modification, each a time,
 * UTIME_NOW or UTIME_OMIT. The change time becomes now either way. */
long sys_utimensat(int dirfd, const char *path, const struct timespec *times,
                   int flags)
{
    struct timespec t[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    struct tmp_node *n;
    long err;

    if (flags & ~NOFOLLOW_OR_EMPTY)
        return -EINVAL;
    if (times) {
        if (!rt_user_ok(times, sizeof t))
            return -EFAULT;
        t[0] = times[0];
        t[1] = times[1];
        if (!valid_time(&t[0]) || !valid_time(&t[1]))
            return -EINVAL;
    }
    if ((err = node_at(dirfd, path, flags, &n)))
        return err;
    fs_tmp_touch(n, false); /* ctime: now */
    for (int i = 0; i < 2; i++) {
        struct timespec *field = i ? &n->mtime : &n->atime;

        if (t[i].tv_nsec == UTIME_NOW)
            *field = n->ctime;
        else if (t[i].tv_nsec != UTIME_OMIT)
            *field = t[i];
    }
    return 0;
}
