/*
 * Clears the RAM handed to rt, which gives its pages out as zeroed
 * anonymous memory (rt/platform.h). Xen does not promise a guest zeroed
 * RAM: with Xen's boot-time scrubbing off, frames that held the boot
 * modules reach a new domain with their old contents (a 16 MiB PV domU
 * found 681 such pages, and musl's malloc then read a stale group header).
 *
 * Eight stores a round rather than `rep stosq`: QEMU's TCG runs a rep
 * string instruction one element per pass through the translation block,
 * which measured 28 times slower (4.6 ms against 0.16 ms a MiB); on
 * hardware both run at memory speed.
 */
#include "xen_x86.h"

void ram_zero(uintptr_t base, size_t len)
{
    for (uintptr_t p = base; p < base + len; p += 64)
        __asm__ volatile("movq %1, (%0); movq %1, 8(%0); movq %1, 16(%0);"
                         "movq %1, 24(%0); movq %1, 32(%0); movq %1, 40(%0);"
                         "movq %1, 48(%0); movq %1, 56(%0)" ::"r"(p),
                         "r"(0ul)
                         : "memory");
}
