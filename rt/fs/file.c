/*
 * Open files of the namespace. Each holds a copy of its node, from memory
 * (mem/obj.c). Devices open as the device's own file and need no node.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "../dev/dev.h"
#include "fs.h"

static struct rt_objs nodes = RT_OBJS(struct fs_node);

static struct fs_node *node(struct rt_file *f)
{
    return (struct fs_node *)f->data;
}

static struct tmp_node *tnode(struct rt_file *f)
{
    return (struct tmp_node *)node(f)->data;
}

static long mem_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    const struct fs_node *m = node(f);

    if (*off >= m->size)
        return 0;
    if (n > m->size - *off)
        n = m->size - *off;
    memcpy(buf, (const char *)m->data + *off, n);
    *off += n;
    return (long)n;
}

static long dir_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    return -EISDIR;
}

static long tmp_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    long got = fs_tmp_read(tnode(f), buf, n, *off);

    if (got > 0)
        *off += (uint64_t)got;
    return got;
}

static long tmp_write(struct rt_file *f, const void *buf, size_t n,
                      uint64_t *off)
{
    long put = fs_tmp_write(tnode(f), buf, n, *off);

    if (put > 0) {
        *off += (uint64_t)put;
        fs_tmp_touch(tnode(f), true);
    }
    return put;
}

static long file_stat(struct rt_file *f, struct stat *st)
{
    fs_node_stat(node(f), st);
    return 0;
}

static long file_size(struct rt_file *f)
{
    const struct fs_node *n = node(f);

    return (long)(n->kind == FS_TMP ? tnode(f)->size : n->size);
}

static void file_close(struct rt_file *f)
{
    if (!node(f))
        return; /* fs_open_node had no node for it */
    if (node(f)->kind == FS_TMP)
        fs_tmp_put(tnode(f));
    rt_obj_free(&nodes, node(f));
}

static const struct rt_file_ops mem_ops = {
    .read = mem_read,
    .stat = file_stat,
    .seek_end = file_size,
    .close = file_close,
};
static const struct rt_file_ops dir_ops = {
    .read = dir_read,
    .stat = file_stat,
    .close = file_close,
};
static const struct rt_file_ops tmp_ops = {
    .read = tmp_read,
    .write = tmp_write,
    .stat = file_stat,
    .seek_end = file_size,
    .close = file_close,
};

const struct fs_node *fs_file_node(struct rt_file *f)
{
    if (f->ops != &mem_ops && f->ops != &dir_ops && f->ops != &tmp_ops)
        return NULL;
    return node(f);
}

int fs_dirfd(int dirfd, struct fs_node *out)
{
    struct rt_file *f = rt_fd_get(dirfd);
    const struct fs_node *n;

    if (!f)
        return -EBADF;
    n = fs_file_node(f);
    if (!n || !fs_is_dir(n))
        return -ENOTDIR;
    *out = *n;
    return 0;
}

static long open_dev(const struct fs_node *n, int flags, struct rt_file **out)
{
    if (n->data) {
        *out = rt_file_new(n->data, flags);
    } else {
        *out = rt_console_open(1);
        if (*out)
            (*out)->flags = flags;
    }
    return *out ? 0 : -ENFILE;
}

long fs_open_node(const struct fs_node *n, int flags, struct rt_file **out)
{
    const struct rt_file_ops *ops;
    struct fs_node *copy;

    flags &= O_ACCMODE | O_APPEND | O_NONBLOCK;
    if (n->kind == FS_DEV)
        return open_dev(n, flags, out);
    ops = fs_is_dir(n) ? &dir_ops : n->kind == FS_TMP ? &tmp_ops : &mem_ops;
    *out = rt_file_new(ops, flags);
    copy = *out ? rt_obj_new(&nodes) : NULL;
    if (!copy) {
        rt_file_put(*out);
        return -ENFILE;
    }
    *copy = *n;
    if (n->kind == FS_TMP)
        fs_tmp_get((struct tmp_node *)n->data);
    (*out)->data = copy;
    (*out)->seekable = true;
    return 0;
}
