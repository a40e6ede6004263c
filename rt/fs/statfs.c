/*
 * statfs and fstatfs: which store a file is on, in the numbers Linux gives
 * for the nearest file system. /tmp and /dev are memory (tmpfs, as Linux's
 * /dev, devtmpfs, reports too), sized by the pages rt can still hand out;
 * the skeleton and the --embed trees are read-only memory (ramfs, with
 * ST_RDONLY); a socket or a pipe is on sockfs or pipefs.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>

#include "../rt.h"
#include "../syscalls.h"
#include "fs.h"

#define TMPFS_MAGIC  0x01021994
#define RAMFS_MAGIC  0x858458f6
#define SOCKFS_MAGIC 0x534f434b
#define PIPEFS_MAGIC 0x50495045
#define BLOCK        4096

static long describe(const struct stat *st, struct statfs *buf)
{
    struct statfs k;

    memset(&k, 0, sizeof k);
    k.f_bsize = k.f_frsize = BLOCK;
    k.f_namelen = NAME_MAX;
    k.f_fsid.__val[0] = (int)st->st_dev;
    k.f_flags = ST_NOSUID | ST_NODEV;
    if (S_ISSOCK(st->st_mode) || S_ISFIFO(st->st_mode)) {
        k.f_type = S_ISSOCK(st->st_mode) ? SOCKFS_MAGIC : PIPEFS_MAGIC;
        k.f_flags = 0;
    } else if (st->st_dev == FS_DEV_TMP || st->st_dev == FS_DEV_DEV) {
        k.f_type = TMPFS_MAGIC;
        k.f_blocks = rt_page_total_bytes() / BLOCK;
        k.f_bfree = k.f_bavail = rt_page_free_bytes() / BLOCK;
        k.f_files = k.f_blocks; /* a node needs memory, as a page does */
        k.f_ffree = k.f_bfree;
    } else {
        k.f_type = RAMFS_MAGIC;
        k.f_flags |= ST_RDONLY;
    }
    if (!rt_user_ok(buf, sizeof *buf))
        return -EFAULT;
    *buf = k;
    return 0;
}

long sys_statfs(const char *path, struct statfs *buf)
{
    struct stat st;
    long err = fs_stat_at(AT_FDCWD, path, 0, &st);

    return err ? err : describe(&st, buf);
}

long sys_fstatfs(int fd, struct statfs *buf)
{
    struct stat st;
    long err = fd < 0 ? -EBADF : fs_stat_fd(fd, &st);

    return err ? err : describe(&st, buf);
}
