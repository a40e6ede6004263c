/*
 * stat, lstat, newfstatat and statx by path (fstat is fd/stat.c). There
 * are no symbolic links, so lstat and AT_SYMLINK_NOFOLLOW change nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "../syscalls.h"
#include "fs.h"

/* The kernel's struct statx: musl's headers do not define it. */
struct statx_timestamp {
    int64_t tv_sec;
    uint32_t tv_nsec;
    int32_t reserved;
};
struct statx {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, spare0;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    uint64_t spare[14];
};

#define STATX_BASIC_STATS  0x7ffu
#define STATX_RESERVED     0x80000000u
#define AT_STATX_SYNC_TYPE 0x6000
#define AT_STATX_FLAGS     (AT_STATX_SYNC_TYPE | 0x800) /* NO_AUTOMOUNT */
#define STAT_FLAGS         (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800)

/* What a descriptor's file says about itself, as fstat does. */
long fs_stat_fd(int fd, struct stat *st)
{
    struct rt_file *f = rt_fd_get(fd);

    if (fd == AT_FDCWD) {
        struct fs_node cwd;

        fs_cwd(&cwd);
        fs_node_stat(&cwd, st);
        return 0;
    }
    if (!f)
        return -EBADF;
    return rt_file_stat(f, st);
}

long fs_stat_at(int dirfd, const char *path, int flags, struct stat *st)
{
    struct fs_walk w;
    long len = fs_user_path(path);
    int err;

    if (len < 0)
        return len;
    if (len == 0 && (flags & AT_EMPTY_PATH))
        return fs_stat_fd(dirfd, st);
    if ((err = fs_walk(dirfd, path, 0, &w)))
        return err;
    if (!w.found)
        return -ENOENT;
    fs_node_stat(&w.node, st);
    return 0;
}

long sys_newfstatat(int dirfd, const char *path, struct stat *st, int flags)
{
    struct stat k;
    long err;

    if (flags & ~STAT_FLAGS)
        return -EINVAL;
    if ((err = fs_stat_at(dirfd, path, flags, &k)))
        return err;
    if (!rt_user_ok(st, sizeof *st))
        return -EFAULT;
    *st = k;
    return 0;
}

long sys_stat(const char *path, struct stat *st)
{
    return sys_newfstatat(AT_FDCWD, path, st, 0);
}

long sys_lstat(const char *path, struct stat *st)
{
    return sys_newfstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

static struct statx_timestamp stamp(struct timespec ts)
{
    return (struct statx_timestamp){ts.tv_sec, (uint32_t)ts.tv_nsec, 0};
}

long sys_statx(int dirfd, const char *path, int flags, unsigned mask,
               struct statx *sx)
{
    struct stat k;
    long err;

    if ((flags & ~(STAT_FLAGS | AT_STATX_FLAGS)) ||
        (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE ||
        (mask & STATX_RESERVED))
        return -EINVAL;
    if ((err = fs_stat_at(dirfd, path, flags, &k)))
        return err;
    if (!rt_user_ok(sx, sizeof *sx))
        return -EFAULT;
    memset(sx, 0, sizeof *sx);
    sx->stx_mask = STATX_BASIC_STATS;
    sx->stx_blksize = (uint32_t)k.st_blksize;
    sx->stx_nlink = (uint32_t)k.st_nlink;
    sx->stx_uid = k.st_uid;
    sx->stx_gid = k.st_gid;
    sx->stx_mode = (uint16_t)k.st_mode;
    sx->stx_ino = k.st_ino;
    sx->stx_size = (uint64_t)k.st_size;
    sx->stx_blocks = (uint64_t)k.st_blocks;
    sx->stx_atime = stamp(k.st_atim);
    sx->stx_ctime = stamp(k.st_ctim);
    sx->stx_mtime = stamp(k.st_mtim);
    sx->stx_rdev_major = major(k.st_rdev);
    sx->stx_rdev_minor = minor(k.st_rdev);
    sx->stx_dev_major = major(k.st_dev);
    sx->stx_dev_minor = minor(k.st_dev);
    return 0;
}
