/*
 * The final page tables: an identity map (virtual = physical) built in
 * 4 KiB pages where permissions change and 2 MiB pages elsewhere. Pages
 * not mapped here fault: page 0 (a NULL dereference), the guard below the
 * stack, everything the memory map does not call RAM. Tables come from a
 * small pool in .bss, then from pages memory.c sets aside at the top of
 * RAM (one per 2 MiB of heap covers splitting all of it).
 */
#include <errno.h>
#include <string.h>

#include "cpu.h"
#include "xen_x86.h"

#define PTE_P       (1ull << 0)
#define PTE_W       (1ull << 1)
#define PTE_PWT     (1ull << 3)
#define PTE_PCD     (1ull << 4)
#define PTE_PS      (1ull << 7)
#define PTE_NX      (1ull << 63)
#define PTE_ADDR    0x000ffffffffff000ull
#define PTE_ADDR_2M 0x000fffffffe00000ull
#define LARGE       (2ul << 20)
#define POOL_STATIC 16

static uint64_t static_pool[POOL_STATIC][512] __attribute__((aligned(4096)));
static struct {
    uint64_t *pml4;
    unsigned int static_used;
    uintptr_t next, end; /* the pool at the top of RAM */
    bool live;           /* loaded in CR3: changes need invlpg */
} pt;

static uint64_t *table_alloc(void)
{
    uint64_t *t;

    if (pt.static_used < POOL_STATIC) {
        t = static_pool[pt.static_used++];
    } else if (pt.next < pt.end) {
        t = (uint64_t *)pt.next;
        pt.next += PAGE_SIZE;
    } else {
        return NULL;
    }
    return memset(t, 0, PAGE_SIZE);
}

static uint64_t entry_bits(unsigned int flags)
{
    uint64_t e = 0;

    if (flags & (PT_R | PT_W | PT_X))
        e |= PTE_P;
    if (flags & PT_W)
        e |= PTE_W;
    if (!(flags & PT_X))
        e |= PTE_NX;
    if (flags & PT_UC)
        e |= PTE_PCD | PTE_PWT;
    return e;
}

/* The table below entry *e, made if absent; a 2 MiB page is split into
 * 512 4 KiB pages with the same permissions. */
static uint64_t *next_level(uint64_t *e)
{
    uint64_t *t;

    if ((*e & PTE_P) && !(*e & PTE_PS))
        return (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
    if (!(t = table_alloc()))
        return NULL;
    if (*e & PTE_PS) {
        uint64_t base = *e & PTE_ADDR_2M, bits = *e & ~PTE_ADDR & ~PTE_PS;

        for (int i = 0; i < 512; i++)
            t[i] = (base + i * PAGE_SIZE) | bits;
    }
    /* upper levels allow everything; the leaf decides */
    *e = (uintptr_t)t | PTE_P | PTE_W;
    return t;
}

/* The page directory entry covering va. */
static uint64_t *pd_entry(uintptr_t va)
{
    uint64_t *pdpt, *pd;

    if (!(pdpt = next_level(&pt.pml4[(va >> 39) & 511])) ||
        !(pd = next_level(&pdpt[(va >> 30) & 511])))
        return NULL;
    return &pd[(va >> 21) & 511];
}

int pt_map(uintptr_t va, size_t len, unsigned int flags)
{
    uint64_t bits = entry_bits(flags);
    uintptr_t end = va + len;

    if (va % PAGE_SIZE || len % PAGE_SIZE || end < va || end > (1ull << 47))
        return -EINVAL;
    if (!pt.pml4) /* before pt_init: the entry's tables map 4 GiB RW+X */
        return end <= (4ull << 30) ? 0 : -ENOMEM;
    while (va < end) {
        uint64_t *pde = pd_entry(va), *t;

        if (!pde)
            return -ENOMEM;
        if (va % LARGE == 0 && end - va >= LARGE) {
            *pde = va | bits | PTE_PS;
            va += LARGE;
        } else {
            if (!(t = next_level(pde)))
                return -ENOMEM;
            t[(va >> 12) & 511] = va | bits;
            va += PAGE_SIZE;
        }
        if (pt.live)
            cpu_invlpg(va - 1);
    }
    return 0;
}

/* A walk that changes nothing: for rt_backtrace after a fault. */
bool plat_readable(uintptr_t va)
{
    const uint64_t *t = pt.pml4;

    if (!t) /* the entry's tables: 4 GiB */
        return va < (4ull << 30);
    if (va >= (1ull << 47))
        return false;
    for (int shift = 39;; shift -= 9) {
        uint64_t e = t[(va >> shift) & 511];

        if (!(e & PTE_P))
            return false;
        if (shift == 12 || (e & PTE_PS))
            return true;
        t = (const uint64_t *)(uintptr_t)(e & PTE_ADDR);
    }
}

void pt_init(uintptr_t pool_base, size_t pool_pages)
{
    pt.pml4 = table_alloc();
    pt.next = pool_base;
    pt.end = pool_base + pool_pages * PAGE_SIZE;
}

void pt_load(void)
{
    cpu_set_cr3((uintptr_t)pt.pml4);
    pt.live = true;
}
