/*
 * plat_block: sleep until the deadline or an event. On Xen, SCHEDOP_poll
 * on the console's event channel with the deadline as its timeout (no
 * upcall vector needed). Without Xen, hlt with the PIT armed for the
 * deadline; COM1 input interrupts too. Each wait is capped at 50 ms, so a
 * caller waiting for console input that arrived before it slept (an edge
 * the PIC already consumed) polls again soon: plat_block may return early.
 */
#include <stdint.h>
#include <xen/sched.h>
#include <xen/xen.h>

#include "cpu.h"
#include "hypercall.h"
#include "xen_x86.h"

#define SLICE 50000000ull /* ns */

static bool irqs_ready;

static void xen_block(uint64_t deadline)
{
    evtchn_port_t port = xen_console_port();
    struct sched_poll poll = {.nr_ports = port ? 1 : 0,
                              .timeout = time_to_xen(deadline)};
    xen_ulong_t *pending = xen.shared->evtchn_pending;
    const unsigned int bits = sizeof *pending * 8;

    set_xen_guest_handle(poll.ports, &port);
    xen_hypercall_sched_op(SCHEDOP_poll, &poll);
    if (port) /* consumed: the next poll waits for new input */
        __atomic_fetch_and(&pending[port / bits],
                           ~((xen_ulong_t)1 << (port % bits)),
                           __ATOMIC_SEQ_CST);
}

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
    if (deadline - now > SLICE)
        deadline = now + SLICE;
    if (xen.present)
        xen_block(deadline);
    else
        pc_block(deadline - now);
}
