/*
 * Memory: map the image by its own program headers (text RX, rodata R,
 * data and stack RW+NX; the guard page between data and stack is in no
 * segment and stays unmapped) and the RAM after the image RW+NX, then hand
 * that RAM to rt (which clears what it uses). Permissions follow rt's
 * mprotect calls afterwards. An image the RAM cannot hold (or hardly,
 * with no room for rt) is reported before anything is mapped.
 */
#include <errno.h>
#include <sys/mman.h>

#include "xen_x86.h"

static struct plat_region heap;

/* The end of the RAM region holding the image (which may end past it). */
static uint64_t ram_end(void)
{
    uintptr_t at = (uintptr_t)__ukcc_image_start;

    for (unsigned int i = 0; i < boot_info.nmem; i++) {
        const struct boot_mem *m = &boot_info.mem[i];

        if (m->type == BOOT_MEM_RAM && m->base <= at && at < m->base + m->size)
            return PAGE_DOWN(m->base + m->size);
    }
    PANIC("the image is not in RAM, says the memory map");
}

/* Page tables to split every 2 MiB of RAM in [start, end) into 4 KiB
 * pages, and a few more. */
static size_t pool_pages(uintptr_t start, uint64_t end)
{
    return (end > start ? (end - start) >> 21 : 0) + 8;
}

void memory_init(void)
{
    uintptr_t start = PAGE_UP((uintptr_t)__ukcc_heap_start);
    uint64_t end = ram_end();
    size_t pool = pool_pages(start, end);
    uint64_t need = memory_need(start + pool * PAGE_SIZE);

    if (end < need) /* with the tables that much RAM would take */
        memory_too_small(
            memory_need(start + pool_pages(start, need) * PAGE_SIZE), end);
    heap.base = start;
    heap.size = end - start - pool * PAGE_SIZE;
    /* not known to be clear: Xen scrubs pages for a new domain only as
     * its bootscrub/scrub settings say, and under QEMU without Xen RAM
     * holds what firmware and the loader left */
    heap.zeroed = false;
    pt_init(heap.base + heap.size, pool);
    image_map();
    if (pt_map(start, end - start, PT_R | PT_W))
        PANIC("cannot map RAM");
    pt_load();
}

void plat_memory(struct plat_region *out)
{
    *out = heap;
}

/* The domain's RAM stays the domain's: giving pages back to Xen
 * (XENMEM_decrease_reservation) would need them populated again before
 * reuse, and nothing else could use them meanwhile. rt clears them. */
int plat_mem_discard(uintptr_t addr, size_t len)
{
    (void)addr;
    (void)len;
    return -ENOSYS;
}

int plat_mem_protect(uintptr_t addr, size_t len, int prot)
{
    unsigned int f = 0;

    if (addr % PAGE_SIZE || addr < heap.base ||
        len > heap.base + heap.size - addr)
        return -ENOMEM; /* not memory rt manages */
    f |= prot & PROT_READ ? PT_R : 0;
    f |= prot & PROT_WRITE ? PT_R | PT_W : 0;
    f |= prot & PROT_EXEC ? PT_R | PT_X : 0;
    return pt_map(addr, PAGE_UP(len), f);
}

/* virtual = guest physical */
uint64_t xen_frame(const void *page)
{
    return (uintptr_t)page >> 12;
}
