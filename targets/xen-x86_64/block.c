/*
 * plat_block: sleep until the deadline or an event. On Xen, SCHEDOP_block
 * with a single-shot timer for the deadline; console, network and timer
 * events all end it (evtchn.c). Without Xen, hlt with the PIT armed for
 * the deadline; COM1 input interrupts too. There each wait is capped at
 * 50 ms, so a caller waiting for console input that arrived before it
 * slept (an edge the PIC already consumed) polls again soon: plat_block
 * may return early.
 */
#include <stdint.h>

#include "cpu.h"
#include "xen_x86.h"

#define SLICE 50000000ull /* ns */

static bool irqs_ready;

static void pc_block(uint64_t wait)
{
    if (!irqs_ready) {
        pic_init();
        pic_unmask(0); /* PIT */
        pic_unmask(4); /* COM1 */
        irqs_ready = true;
    }
    pit_oneshot(wait);
    /* sti takes effect after hlt starts: no wake-up is lost in between */
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}

void plat_block(uint64_t deadline)
{
    uint64_t now = plat_clock_monotonic();

    if (deadline <= now)
        return;
    if (xen.present) {
        xen_evtchn_block(deadline);
        return;
    }
    if (deadline - now > SLICE)
        deadline = now + SLICE;
    pc_block(deadline - now);
}
