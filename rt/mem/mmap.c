/* mmap, munmap, mremap, mprotect, madvise over the page allocator; files
 * are mapped by filemap.c. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "../rt.h"
#include "../syscalls.h"
#include "../thread/thread.h"
#include "mem.h"

static bool aligned(uintptr_t x)
{
    return (x & (RT_PAGE_SIZE - 1)) == 0;
}

/* Applies prot where the platform has page tables; without them memory is
 * always accessible, and only rt's own bookkeeping knows about PROT_NONE. */
void rt_mem_protect(uintptr_t addr, size_t len, int prot)
{
    plat_mem_protect(addr, len, prot);
    rt_page_set_access(addr, len, prot != PROT_NONE);
}

/* RLIMIT_AS, as the memory the program may have: a mapping or brk that
 * takes more pages fails with ENOMEM past the soft limit. Every page in
 * use counts, rt's own buffers too, as on Linux a process's text and
 * stack count; the default limit is all of rt's memory. */
bool rt_mem_may_take(size_t more)
{
    uint64_t limit = rt_rlimit(RLIMIT_AS);
    size_t used = rt_page_total_bytes() - rt_page_free_bytes();

    return more <= limit && used <= limit - more;
}

void rt_unmap(uintptr_t addr, size_t len)
{
    rt_mem_protect(addr, len, PROT_READ | PROT_WRITE);
    rt_page_release(addr, len);
}

long rt_mmap_anon(uintptr_t addr, size_t len, int prot, int flags)
{
    len = RT_PAGE_ALIGN(len);
    if (len == 0)
        return -ENOMEM;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (!aligned(addr))
            return -EINVAL;
        if (!rt_page_in_region(addr, len))
            return -ENOMEM; /* only rt's memory can be mapped */
        if (rt_filemap_overlaps(addr, len))
            return -EINVAL; /* a file's own pages cannot be replaced */
        if (!rt_mem_may_take(len - rt_page_used_in(addr, len)))
            return -ENOMEM; /* what it replaces is given back first */
        if (!rt_page_range_free(addr, len)) {
            if (flags & MAP_FIXED_NOREPLACE)
                return -EEXIST;
            rt_unmap(addr, len); /* MAP_FIXED replaces what was there */
        }
        rt_page_claim(addr, len);
    } else if (!rt_mem_may_take(len)) {
        return -ENOMEM;
    } else if (addr && aligned(addr) && rt_page_claim(addr, len) == 0) {
        /* the hint was free: take it */
    } else if (!(addr = rt_page_alloc(len))) {
        return -ENOMEM;
    }
    if (prot != (PROT_READ | PROT_WRITE))
        rt_mem_protect(addr, len, prot);
    return (long)addr;
}

long sys_mmap(void *hint, size_t len, int prot, int flags, int fd, off_t off)
{
    int type = flags & MAP_TYPE;

    if (len == 0 || (type != MAP_PRIVATE && type != MAP_SHARED))
        return -EINVAL;
    if (RT_PAGE_ALIGN(len) < len)
        return -ENOMEM;
    if (!(flags & MAP_ANONYMOUS))
        return rt_mmap_file((uintptr_t)hint, RT_PAGE_ALIGN(len), prot, flags,
                            fd, off);
    return rt_mmap_anon((uintptr_t)hint, len, prot, flags);
}

static bool running_on(uintptr_t addr, size_t len)
{
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);

    return sp >= addr && sp - addr < len;
}

long sys_munmap(void *p, size_t len)
{
    uintptr_t addr = (uintptr_t)p;

    if (!aligned(addr) || len == 0)
        return -EINVAL;
    len = RT_PAGE_ALIGN(len);
    if (addr + len < addr)
        return -EINVAL;
    if (!rt_page_in_region(addr, len))
        return -EINVAL; /* the image itself cannot be unmapped */
    if (running_on(addr, len)) {
        /* a detached thread unmapping its own stack just before it exits
         * (musl's __unmapself): free it once the thread is gone */
        rt_current->release_base = addr;
        rt_current->release_len = len;
        return 0;
    }
    return rt_filemap_unmap(addr, len, rt_unmap) ? 0 : -ENOMEM;
}

long sys_mremap(void *old, size_t old_len, size_t new_len, int flags,
                void *new_addr)
{
    uintptr_t addr = (uintptr_t)old, moved;

    if (!aligned(addr) || new_len == 0 ||
        (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) || (flags & MREMAP_FIXED))
        return flags & MREMAP_FIXED ? -ENOSYS : -EINVAL;
    old_len = RT_PAGE_ALIGN(old_len);
    new_len = RT_PAGE_ALIGN(new_len);
    if (!rt_page_range_used(addr, old_len))
        return -EFAULT;
    if (rt_filemap_overlaps(addr, old_len))
        return -EINVAL; /* a file's pages stay where the file has them */
    if (new_len <= old_len) {
        if (new_len < old_len)
            rt_unmap(addr + new_len, old_len - new_len);
        return (long)addr;
    }
    if (!rt_mem_may_take(new_len - old_len))
        return -ENOMEM;
    if (rt_page_claim(addr + old_len, new_len - old_len) == 0)
        return (long)addr;
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    if (!(moved = rt_page_alloc(new_len)))
        return -ENOMEM;
    memcpy((void *)moved, old, old_len);
    rt_unmap(addr, old_len);
    return (long)moved;
}

long sys_mprotect(void *p, size_t len, int prot)
{
    uintptr_t addr = (uintptr_t)p;

    if (!aligned(addr) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    len = RT_PAGE_ALIGN(len);
    if (len == 0)
        return 0;
    if (!rt_page_range_used(addr, len))
        return -ENOMEM;
    if (!rt_filemap_overlaps(addr, len)) /* shared file pages stay RW */
        rt_mem_protect(addr, len, prot);
    return 0;
}

long sys_madvise(void *p, size_t len, int advice)
{
    uintptr_t addr = (uintptr_t)p;

    if (!aligned(addr))
        return -EINVAL;
    len = RT_PAGE_ALIGN(len);
    if (len && !rt_page_range_used(addr, len))
        return -ENOMEM;
    /* private anonymous memory reads as zero after MADV_DONTNEED, and
     * may after MADV_FREE (until written): both give the pages back where
     * the platform can (musl's malloc frees with MADV_FREE). A shared
     * file mapping reads the file again, which it already is. */
    if (!len || rt_filemap_overlaps(addr, len))
        return 0;
    if (advice == MADV_DONTNEED)
        rt_page_clear(addr, len);
    else if (advice == MADV_FREE)
        plat_mem_discard(addr, len);
    return 0;
}

/* Every mapping is memory already: shared file mappings are the file's
 * pages and the others are private or of files that cannot change, so
 * there is nothing to write back. */
long sys_msync(void *p, size_t len, int flags)
{
    uintptr_t addr = (uintptr_t)p;

    if (!aligned(addr) || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
        (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC))
        return -EINVAL;
    len = RT_PAGE_ALIGN(len);
    if (len && !rt_page_range_used(addr, len))
        return -ENOMEM;
    return 0;
}
