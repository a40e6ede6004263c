/*
 * getdents64: directory listings. The file offset is the position in the
 * listing (ns.c), and d_off the position after each entry, so lseek to a
 * d_off (seekdir) and to 0 (rewinddir) work.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "../syscalls.h"
#include "fs.h"

struct dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

long sys_getdents64(int fd, void *buf, size_t size)
{
    struct rt_file *f = rt_fd_get(fd);
    const struct fs_node *dir = f ? fs_file_node(f) : NULL;
    struct fs_dirent d;
    size_t done = 0;

    if (!f)
        return -EBADF;
    if (!dir || !fs_is_dir(dir))
        return -ENOTDIR;
    if (!rt_user_ok(buf, size))
        return -EFAULT;
    for (;;) {
        uint64_t at = f->offset;
        struct dirent64 *e = (struct dirent64 *)((char *)buf + done);
        size_t len;

        if (!fs_dirent_next(dir, &at, &d))
            break;
        len = (offsetof(struct dirent64, d_name) + d.len + 1 + 7) & ~7ul;
        if (done + len > size) {
            if (done == 0)
                return -EINVAL; /* not even one entry fits */
            break;
        }
        e->d_ino = d.ino;
        e->d_off = (int64_t)at;
        e->d_reclen = (unsigned short)len;
        e->d_type = d.type;
        memcpy(e->d_name, d.name, d.len);
        memset(e->d_name + d.len, 0,
               len - offsetof(struct dirent64, d_name) - d.len);
        done += len;
        f->offset = at;
    }
    return (long)done;
}
