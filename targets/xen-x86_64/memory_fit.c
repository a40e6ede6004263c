/*
 * Whether the image fits its RAM. Past the image and the page tables, rt
 * needs the program's main stack (as large as the boot stack, with a guard
 * page) and a few pages of its own; an image that lacks them says so in
 * plain words and exits, instead of failing later in rt (or, with the
 * embedded files past the end of RAM, never starting).
 */
#include "xen_x86.h"

#define MIB         (1ull << 20)
#define RT_MIN_PAGE 16 /* rt's own allocations besides the main stack */

uint64_t memory_need(uintptr_t heap)
{
    return heap + __ukcc_stack_size + (1 + RT_MIN_PAGE) * PAGE_SIZE;
}

void memory_too_small(uint64_t need, uint64_t have)
{
    /* this runs before the start sequence sets up the console */
    console_init();
    kprintf("ukcc: the image needs %lu MiB but the %s has %lu MiB\n",
            (unsigned long)((need + MIB - 1) / MIB),
            xen.present ? "domain" : "machine", (unsigned long)(have / MIB));
    plat_exit(255);
}
