/*
 * Memory: map the image by its own program headers (text RX, rodata R,
 * data and stack RW+NX; the guard page between data and stack is in no
 * segment and stays unmapped) and the RAM after the image RW+NX, then hand
 * that RAM to rt (which clears what it uses). Permissions follow rt's
 * mprotect calls afterwards.
 */
#include <errno.h>
#include <sys/mman.h>

#include "xen_x86.h"

static struct plat_region heap;

/* The end of the RAM region holding the image's heap start. */
static uint64_t ram_end(uintptr_t start)
{
    for (unsigned int i = 0; i < boot_info.nmem; i++) {
        const struct boot_mem *m = &boot_info.mem[i];

        if (m->type == BOOT_MEM_RAM && m->base <= start &&
            start < m->base + m->size)
            return PAGE_DOWN(m->base + m->size);
    }
    PANIC("no RAM after the image in the memory map");
}

void memory_init(void)
{
    uintptr_t start = PAGE_UP((uintptr_t)__ukcc_heap_start);
    uintptr_t end = ram_end(start);
    /* enough tables to split every 2 MiB of RAM into 4 KiB pages */
    size_t pool = ((end - start) >> 21) + 8;

    if (end < start + (pool + 16) * PAGE_SIZE)
        PANIC("too little RAM after the image");
    heap.base = start;
    heap.size = end - start - pool * PAGE_SIZE;
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
