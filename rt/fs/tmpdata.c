/*
 * The contents of a /tmp file: one run of pages from rt_page_alloc, grown
 * by doubling (copying into a new run) and shrunk by giving tail pages
 * back. Pages come zeroed, and bytes past the end are kept zero, so a file
 * extended by truncate or by a write past its end reads zeroes there.
 */
#include <errno.h>
#include <string.h>

#include "fs.h"

static int reserve(struct tmp_node *n, size_t need)
{
    size_t cap = n->cap ? n->cap : RT_PAGE_SIZE;
    uintptr_t p;

    if (need <= n->cap)
        return 0;
    while (cap < need)
        cap *= 2;
    p = rt_page_alloc(cap);
    if (!p)
        return -ENOSPC;
    if (n->data) {
        memcpy((void *)p, n->data, n->size);
        rt_page_release((uintptr_t)n->data, n->cap);
    }
    n->data = (char *)p;
    n->cap = cap;
    return 0;
}

int fs_tmp_resize(struct tmp_node *n, uint64_t size)
{
    size_t keep = RT_PAGE_ALIGN(size);
    int err;

    if (size > SIZE_MAX / 4)
        return -EFBIG;
    if (size > n->size) {
        if ((err = reserve(n, size)))
            return err;
    } else if (n->data) {
        memset(n->data + size, 0, n->size - size);
        if (keep < n->cap)
            rt_page_release((uintptr_t)n->data + keep, n->cap - keep);
        n->cap = keep < n->cap ? keep : n->cap;
        if (!n->cap)
            n->data = NULL;
    }
    n->size = size;
    return 0;
}

long fs_tmp_read(struct tmp_node *n, void *buf, size_t len, uint64_t off)
{
    if (off >= n->size)
        return 0;
    if (len > n->size - off)
        len = n->size - off;
    memcpy(buf, n->data + off, len);
    return (long)len;
}

long fs_tmp_write(struct tmp_node *n, const void *buf, size_t len, uint64_t off)
{
    int err;

    if (len == 0)
        return 0;
    if (off + len < off || off + len > SIZE_MAX / 4)
        return -EFBIG;
    if ((err = reserve(n, off + len)))
        return err;
    memcpy(n->data + off, buf, len);
    if (off + len > n->size)
        n->size = off + len;
    return (long)len;
}
