/*
 * Blocking on PV. rt (guest kernel mode) runs with events masked, and
 * SCHEDOP_block called with events masked unmasks them and checks for
 * pending ones atomically before it blocks: an event that arrived since
 * a driver last looked at its ring makes it return at once, so no
 * wake-up is lost. On the way out Xen delivers the upcall (event.c) on
 * this stack; then events are masked again for rt. Xen's periodic tick
 * (event.c) does not run while the vCPU is blocked (measured: a 2 s
 * sleep took one upcall), so the single-shot timer for the deadline and
 * device events alone end the wait.
 */
#include <stdint.h>

#include <xen/sched.h>

#include "pv.h"

void xen_evtchn_block(uint64_t deadline)
{
    xen_evtchn_timer(deadline);
    xen_hypercall_sched_op(SCHEDOP_block, NULL);
    xen.shared->vcpu_info[0].evtchn_upcall_mask = 1;
}

void plat_block(uint64_t deadline)
{
    if (deadline > plat_clock_monotonic())
        xen_evtchn_block(deadline);
}
