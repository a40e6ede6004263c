/*
 * brk: the program break starts at the bottom of rt's memory and grows
 * into free pages; where mmap has taken pages (or memory is out, or
 * RLIMIT_AS would be passed) it stays put and brk reports the old break,
 * as Linux does. musl's malloc then falls back to mmap, so both draw on
 * one page allocator.
 */
#include "../rt.h"
#include "../syscalls.h"
#include "mem.h"

static uintptr_t start, brk; /* brk as the program set it, unaligned */

long sys_brk(void *addr)
{
    uintptr_t want = (uintptr_t)addr, mapped, need;

    if (!start)
        start = brk = rt_page_low();
    if (want < start)
        return (long)brk;
    mapped = RT_PAGE_ALIGN(brk);
    need = RT_PAGE_ALIGN(want);
    if (need > mapped && (!rt_mem_may_take(need - mapped) ||
                          rt_page_claim(mapped, need - mapped) != 0))
        return (long)brk;
    if (need < mapped)
        rt_page_release(need, mapped - need);
    brk = want;
    return (long)brk;
}
