/*
 * The contents of a /tmp file: one run of pages from rt_page_alloc, grown
 * by doubling (copying into a new run) and shrunk by giving tail pages
 * back. Pages come zeroed, and bytes past the end are kept zero, so a file
 * extended by truncate or by a write past its end reads zeroes there.
 *
 * While the file is mapped shared (mem/filemap.c) its pages are also the
 * mapping's: they never move and are never given back. A growth then
 * takes the pages right after the run, or fails with ENOSPC; the first
 * mapping leaves room for that (PIN_ROOM). Stores through the mapping may
 * land past the end, so growing clears the bytes it exposes.
 */
#include <errno.h>
#include <string.h>

#include "fs.h"

#define PIN_ROOM (1u << 20) /* growth a shared-mapped file has in place */

/* Moves the contents into a new run of cap bytes. */
static int relocate(struct tmp_node *n, size_t cap)
{
    uintptr_t p = rt_page_alloc(cap);

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

static int reserve(struct tmp_node *n, size_t need)
{
    size_t cap = n->cap ? n->cap : RT_PAGE_SIZE;

    if (need <= n->cap)
        return 0;
    if (n->maps) { /* mapped: grow in place or not at all */
        size_t more = RT_PAGE_ALIGN(need) - n->cap;

        if (rt_page_claim((uintptr_t)n->data + n->cap, more) != 0)
            return -ENOSPC;
        n->cap += more;
        return 0;
    }
    while (cap < need)
        cap *= 2;
    return relocate(n, cap);
}

int fs_tmp_pin(struct tmp_node *n, uint64_t end)
{
    size_t room;

    if (end > SIZE_MAX / 4)
        return -EFBIG;
    room = ((size_t)end > n->size ? (size_t)end : n->size) + PIN_ROOM;
    if (!n->maps && n->cap < room)
        return relocate(n, RT_PAGE_ALIGN(room)) ? -ENOMEM : 0;
    return reserve(n, (size_t)end) ? -ENOMEM : 0;
}

/* Bytes [from, to) that a mapping may have written past the end. */
static void clear_exposed(struct tmp_node *n, size_t from, size_t to)
{
    if (n->maps && to > from)
        memset(n->data + from, 0, to - from);
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
        clear_exposed(n, n->size, size);
    } else if (n->data) {
        memset(n->data + size, 0, n->size - size);
        if (keep < n->cap && !n->maps) {
            rt_page_release((uintptr_t)n->data + keep, n->cap - keep);
            n->cap = keep;
            if (!n->cap)
                n->data = NULL;
        }
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
    clear_exposed(n, n->size, off);
    memcpy(n->data + off, buf, len);
    if (off + len > n->size)
        n->size = off + len;
    return (long)len;
}
