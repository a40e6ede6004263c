/*
 * mmap of files. A private mapping, or any mapping of a file that cannot
 * change (the embedded trees), is a copy: fresh pages filled from the file
 * at the offset, zero past its end, which is what the program would see.
 * A shared mapping of a /tmp file is the file itself: its pages, at their
 * own address, so stores through the mapping are the file's contents and
 * two mappings of one range are one memory, as SQLite's WAL index needs.
 * For that the file's pages must not move while mapped: the first shared
 * mapping moves them once into a reservation with room to grow
 * (tmpdata.c), and a growth past it fails with ENOSPC.
 *
 * Shared mappings are recorded here, so that munmap takes them back from
 * the file's pages (never freeing those), and mprotect, madvise and mremap
 * leave them alone: they stay readable and writable whatever prot says,
 * because rt writes the same pages for write(2) (a program storing into a
 * PROT_READ mapping is not stopped, a documented difference).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>

#include "../fs/fs.h"
#include "../rt.h"
#include "mem.h"

#define SHARED_MAPS 64

struct shared_map {
    uintptr_t addr;
    size_t len;
    struct tmp_node *node; /* NULL: a free slot */
};

static struct shared_map maps[SHARED_MAPS];

static struct shared_map *map_add(uintptr_t addr, size_t len,
                                  struct tmp_node *n)
{
    for (int i = 0; i < SHARED_MAPS; i++)
        if (!maps[i].node) {
            maps[i] = (struct shared_map){addr, len, n};
            n->maps++;
            fs_tmp_get(n); /* an unlinked file lives while mapped */
            return &maps[i];
        }
    return NULL;
}

static void map_drop(struct shared_map *m)
{
    struct tmp_node *n = m->node;

    m->node = NULL;
    n->maps--;
    fs_tmp_put(n);
}

bool rt_filemap_overlaps(uintptr_t addr, size_t len)
{
    for (int i = 0; i < SHARED_MAPS; i++)
        if (maps[i].node && addr < maps[i].addr + maps[i].len &&
            maps[i].addr < addr + len)
            return true;
    return false;
}

/* munmap of [addr, addr + len): the parts that are shared mappings are
 * cut out of their records (a record may split in two); the rest is
 * ordinary memory, which the caller frees. Returns false when a split
 * finds no free record (the unmap is refused with ENOMEM). */
bool rt_filemap_unmap(uintptr_t addr, size_t len,
                      void (*free_rest)(uintptr_t addr, size_t len))
{
    uintptr_t end = addr + len, at = addr;

    while (at < end) {
        struct shared_map *m = NULL;
        uintptr_t next = end;

        /* the mapping that holds at, or the nearest one after it */
        for (int i = 0; i < SHARED_MAPS; i++) {
            struct shared_map *c = &maps[i];

            if (!c->node || c->addr + c->len <= at || c->addr >= end)
                continue;
            if (c->addr <= at) {
                m = c;
                break;
            }
            if (c->addr < next)
                next = c->addr;
        }
        if (!m) { /* ordinary memory up to the next mapping */
            free_rest(at, next - at);
            at = next;
            continue;
        }
        uintptr_t cut_end = m->addr + m->len < end ? m->addr + m->len : end;

        if (m->addr == at && cut_end == m->addr + m->len) {
            map_drop(m);
        } else if (m->addr == at) {
            m->len -= cut_end - at;
            m->addr = cut_end;
        } else if (cut_end == m->addr + m->len) {
            m->len = at - m->addr;
        } else {
            struct shared_map *tail =
                map_add(cut_end, m->addr + m->len - cut_end, m->node);

            if (!tail)
                return false;
            m->len = at - m->addr;
        }
        at = cut_end;
    }
    return true;
}

/* A copy of the file at off, in pages the caller got (len bytes). */
static long fill(struct rt_file *f, uintptr_t addr, size_t len, off_t off)
{
    uint64_t pos = (uint64_t)off;
    size_t done = 0;

    while (done < len) {
        long got = f->ops->read(f, (char *)addr + done, len - done, &pos);

        if (got < 0)
            return got;
        if (got == 0)
            break;
        done += (size_t)got;
    }
    memset((char *)addr + done, 0, len - done);
    return 0;
}

long rt_mmap_file(uintptr_t hint, size_t len, int prot, int flags, int fd,
                  off_t off)
{
    struct rt_file *f = rt_fd_get(fd);
    const struct fs_node *n = f ? fs_file_node(f) : NULL;
    int acc = f ? f->flags & O_ACCMODE : 0;
    long addr, err;

    if (!f)
        return -EBADF;
    if (off < 0 || (off & (RT_PAGE_SIZE - 1)))
        return -EINVAL;
    if (!n || !f->seekable || fs_is_dir(n) || n->kind == FS_DEV)
        return -ENODEV; /* pipes, sockets, devices, directories */
    if (acc == O_WRONLY)
        return -EACCES;
    if ((flags & MAP_TYPE) == MAP_SHARED && n->kind == FS_TMP) {
        struct tmp_node *t = (struct tmp_node *)n->data;

        if ((prot & PROT_WRITE) && acc != O_RDWR)
            return -EACCES;
        if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))
            return -EINVAL; /* its address is the file's, not a choice */
        if ((err = fs_tmp_pin(t, (uint64_t)off + len)))
            return err;
        if (!map_add((uintptr_t)t->data + (uintptr_t)off, len, t))
            return -ENOMEM;
        return (long)(t->data + off);
    }
    /* private, or shared but unchangeable: a copy */
    addr = rt_mmap_anon(hint, len, PROT_READ | PROT_WRITE, flags);
    if (addr < 0)
        return addr;
    if ((err = fill(f, (uintptr_t)addr, len, off))) {
        rt_unmap((uintptr_t)addr, len);
        return err;
    }
    if (prot != (PROT_READ | PROT_WRITE))
        rt_mem_protect((uintptr_t)addr, len, prot);
    return addr;
}
