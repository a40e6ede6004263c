/*
 * Memory on PV. Xen built the page tables: virtual = pseudo-physical from
 * 0 to a 4 MiB boundary at least 512 KiB past its last boot structure
 * (the boot stack, whose top the entry recorded), 4 KiB pages, the tables
 * themselves read-only. Entries hold machine frames, so every change goes
 * through Xen (mmu_update, batched): the image gets W^X from its program
 * headers (text RX, rodata R, data and stack RW+NX), Xen's boot
 * structures lose execute, page 0 and the rest of the first MiB and the
 * guard page below the stack are unmapped. RAM
 * past the initial mapping is mapped with new L1 tables taken from the
 * start of the free area; the rest is rt's (plat_memory), which clears
 * the pages it uses (Xen's frames may hold old data).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "pv.h"

#define PTE_P    (1ull << 0)
#define PTE_W    (1ull << 1)
#define PTE_U    (1ull << 2)
#define PTE_A    (1ull << 5)
#define PTE_D    (1ull << 6)
#define PTE_NX   (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull
#define LARGE    (2ul << 20)
#define RAM_MAX  (1ul << 30) /* one L2 table: the one Xen made */
#define BATCH    128

static struct {
    const unsigned long *p2m;
    unsigned long nr_pages;
    uint64_t *l4;
    struct plat_region heap;
    mmu_update_t req[BATCH];
    unsigned int nreq;
} mem;

uint64_t pv_mfn(uint64_t pfn)
{
    return mem.p2m[pfn];
}

uint64_t xen_frame(const void *page)
{
    return pv_mfn((uintptr_t)page >> 12);
}

/* The table an entry points to, by its virtual address (tables lie in
 * the initial mapping, where virtual = pseudo-physical). */
static uint64_t *table(uint64_t e)
{
    return (uint64_t *)(PV_M2P[(e & PTE_ADDR) >> 12] << 12);
}

/* The L2 entry covering va (all upper levels exist below RAM_MAX). */
static uint64_t *l2_entry(uintptr_t va)
{
    uint64_t *l3 = table(mem.l4[(va >> 39) & 511]);
    uint64_t *l2 = table(l3[(va >> 30) & 511]);

    return &l2[(va >> 21) & 511];
}

static uint64_t maddr(const uint64_t *e)
{
    uintptr_t va = (uintptr_t)e;

    return (pv_mfn(va >> 12) << 12) | (va & (PAGE_SIZE - 1));
}

static void flush(void)
{
    struct mmuext_op op = {.cmd = MMUEXT_TLB_FLUSH_LOCAL};

    if (mem.nreq && xen_hypercall_mmu_update(mem.req, mem.nreq) < 0)
        PANIC("mmu_update refused a page-table change");
    mem.nreq = 0;
    xen_hypercall_mmuext_op(&op, 1);
}

static void queue(const uint64_t *entry, uint64_t val)
{
    mem.req[mem.nreq++] =
        (mmu_update_t){.ptr = maddr(entry) | MMU_NORMAL_PT_UPDATE, .val = val};
    if (mem.nreq == BATCH) {
        if (xen_hypercall_mmu_update(mem.req, mem.nreq) < 0)
            PANIC("mmu_update refused a page-table change");
        mem.nreq = 0;
    }
}

static uint64_t bits(unsigned int flags)
{
    uint64_t e = PTE_P | PTE_U | PTE_A;

    if (!(flags & (PT_R | PT_W | PT_X)))
        return 0;
    if (flags & PT_W)
        e |= PTE_W | PTE_D;
    if (!(flags & PT_X))
        e |= PTE_NX;
    return e;
}

/* Maps [va, va + len) of RAM at its pseudo-physical address. */
static int map(uintptr_t va, size_t len, unsigned int flags)
{
    uint64_t b = bits(flags);

    if (va % PAGE_SIZE || len % PAGE_SIZE || va + len < va ||
        (va + len) >> 12 > mem.nr_pages)
        return -EINVAL;
    for (uintptr_t p = va; p < va + len; p += PAGE_SIZE) {
        uint64_t *pde = l2_entry(p);

        if (!(*pde & PTE_P))
            return -ENOMEM;
        queue(&table(*pde)[(p >> 12) & 511], b ? pv_mfn(p >> 12) << 12 | b : 0);
    }
    flush();
    return 0;
}

int pt_map(uintptr_t va, size_t len, unsigned int flags)
{
    return map(va, len, flags);
}

/* A new L1 table for the 2 MiB at va, made of the free page at t. */
static void new_l1(uintptr_t va, uint64_t *t)
{
    uint64_t mfn = pv_mfn((uintptr_t)t >> 12);

    memset(t, 0, PAGE_SIZE);
    for (unsigned int i = 0; i < 512; i++) {
        uint64_t pfn = (va >> 12) + i;

        if (pfn < mem.nr_pages)
            t[i] = pv_mfn(pfn) << 12 | bits(PT_R | PT_W);
    }
    /* Xen takes a page as a table only where no writable mapping of it
     * is left */
    if (xen_hypercall_update_va_mapping(
            (uintptr_t)t, mfn << 12 | PTE_P | PTE_U | PTE_A | PTE_NX,
            UVMF_INVLPG))
        PANIC("cannot make a new page table read-only");
    queue(l2_entry(va), mfn << 12 | PTE_P | PTE_W | PTE_U | PTE_A);
}

static void map_image(void)
{
    uintptr_t stack = (uintptr_t)__ukcc_stack_bottom;

    image_map();
    /* nothing below the image (page 0: NULL), the guard below the stack */
    if (map(0, (uintptr_t)__ukcc_image_start, 0) ||
        map(stack - PAGE_SIZE, PAGE_SIZE, 0))
        PANIC("cannot unmap below the image");
}

/* Xen's boot structures after the image (the P2M list, start info, the
 * xenstore and console rings, its page tables and boot stack) were
 * mapped writable and executable: data loses execute, and the page
 * tables, which Xen keeps read-only, stay so. */
static void map_boot_area(const struct start_info *si, uintptr_t free)
{
    uintptr_t start = PAGE_UP((uintptr_t)__ukcc_image_end);
    uintptr_t pt = si->pt_base, pt_end = pt + si->nr_pt_frames * PAGE_SIZE;

    if (pt < start || pt_end > free)
        PANIC("Xen's page tables lie outside its boot area");
    if (map(start, pt - start, PT_R | PT_W) || map(pt, pt_end - pt, PT_R) ||
        map(pt_end, free - pt_end, PT_R | PT_W))
        PANIC("cannot map Xen's boot area");
}

void pv_memory_init(const struct start_info *si)
{
    uintptr_t free = PAGE_UP(pv_boot_sp), mapped = free, end, pool, need;

    mem.p2m = (const unsigned long *)si->mfn_list;
    mem.nr_pages = si->nr_pages;
    mem.l4 = (uint64_t *)si->pt_base;
    end = mem.nr_pages << 12;
    if (end > RAM_MAX)
        end = RAM_MAX;
    /* the end of Xen's mapping: where the L1 entries stop */
    while (mapped < end && (*l2_entry(mapped) & PTE_P) &&
           (table(*l2_entry(mapped))[(mapped >> 12) & 511] & PTE_P))
        mapped += PAGE_SIZE;
    if (mapped % LARGE)
        PANIC("Xen's initial mapping does not end on a 2 MiB boundary");
    pool = free;
    /* past the boot area: one new L1 table per 2 MiB, then rt's part */
    need = memory_need(pool + (end - mapped + LARGE - 1) / LARGE * PAGE_SIZE);
    if (end < need)
        memory_too_small(need, end);
    for (uintptr_t va = mapped; va < end; va += LARGE) {
        if (pool + PAGE_SIZE > mapped)
            PANIC("too little free memory for page tables");
        new_l1(va, (uint64_t *)pool);
        pool += PAGE_SIZE;
    }
    flush();
    map_image();
    map_boot_area(si, free);
    /* the free part of Xen's mapping was executable */
    if (map(pool, mapped - pool, PT_R | PT_W))
        PANIC("cannot map RAM");
    mem.heap.base = pool;
    mem.heap.size = end - pool;
    mem.heap.zeroed = false; /* not known to be clean: rt clears it */
}

void plat_memory(struct plat_region *out)
{
    *out = mem.heap;
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

    if (addr % PAGE_SIZE || addr < mem.heap.base ||
        len > mem.heap.base + mem.heap.size - addr)
        return -ENOMEM; /* not memory rt manages */
    f |= prot & PROT_READ ? PT_R : 0;
    f |= prot & PROT_WRITE ? PT_R | PT_W : 0;
    f |= prot & PROT_EXEC ? PT_R | PT_X : 0;
    return map(addr, PAGE_UP(len), f);
}

/* Xen owns a PV guest's page tables, and rt_backtrace's walk stays on one
 * stack; a read that faults all the same ends in trap_report's nested
 * fault, which exits at once. */
bool plat_readable(uintptr_t addr)
{
    return addr >= PAGE_SIZE;
}
