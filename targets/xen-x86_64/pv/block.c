/*
 * plat_block on PV: SCHEDOP_poll on the console's event channel with the
 * deadline as its timeout. rt runs with events masked (event.c), so the
 * poll reads the pending bit itself instead of taking an upcall. (PVH
 * blocks with SCHEDOP_block and upcalls: ../block.c, ../evtchn.c.)
 */
#include "pv.h"

#include <xen/sched.h>

#include "../hypercall.h"

void plat_block(uint64_t deadline)
{
    evtchn_port_t port = xen_console_port();
    struct sched_poll poll = {.nr_ports = port ? 1 : 0,
                              .timeout = time_to_xen(deadline)};
    xen_ulong_t *pending = xen.shared->evtchn_pending;
    const unsigned int bits = sizeof *pending * 8;

    if (deadline <= plat_clock_monotonic())
        return;
    set_xen_guest_handle(poll.ports, &port);
    xen_hypercall_sched_op(SCHEDOP_poll, &poll);
    if (port) /* consumed: the next poll waits for new input */
        __atomic_fetch_and(&pending[port / bits],
                           ~((xen_ulong_t)1 << (port % bits)),
                           __ATOMIC_SEQ_CST);
}
