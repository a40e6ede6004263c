/*
 * Event channels, for PVH and PV alike: binding, unmasking, notifying,
 * the upcall's scan of pending ports and the single-shot timer for a
 * deadline. How the upcall arrives and how the vCPU blocks differ:
 * pvh/evtchn.c (an interrupt vector, SCHEDOP_block in an sti window) and
 * pv/event.c, pv/block.c (Xen's event callback; SCHEDOP_block unmasking
 * events itself).
 *
 * Devices keep their state in their rings, so no per-port handler is
 * needed: an event only has to end the wait in xen_evtchn_block. The
 * upcall clears the pending bits of every unmasked port, so that the
 * next event on a port raises evtchn_upcall_pending again.
 */
#include <stdint.h>

#include <xen/event_channel.h>
#include <xen/hvm/hvm_op.h>
#include <xen/vcpu.h>
#include <xen/xen.h>

#include "hypercall.h"
#include "xen_x86.h"

static uint64_t upcalls; /* how many times the upcall ran */

int xen_hvm_param_set(unsigned int index, uint64_t value)
{
    struct xen_hvm_param p = {
        .domid = DOMID_SELF, .index = index, .value = value};

    return (int)xen_hypercall_hvm_op(HVMOP_set_param, &p);
}

uint64_t xen_hvm_param(unsigned int index)
{
    struct xen_hvm_param p = {.domid = DOMID_SELF, .index = index};

    if (xen_hypercall_hvm_op(HVMOP_get_param, &p) < 0)
        return 0;
    return p.value;
}

uint32_t xen_evtchn_bind_virq(uint32_t virq)
{
    struct evtchn_bind_virq bind = {.virq = virq, .vcpu = 0};

    if (xen_hypercall_event_channel_op(EVTCHNOP_bind_virq, &bind) < 0)
        PANIC("cannot bind a virtual IRQ to an event channel");
    xen_evtchn_unmask(bind.port);
    return bind.port;
}

void xen_evtchn_ports_init(void)
{
    xen_evtchn_bind_virq(VIRQ_TIMER);
    if (boot_info.initdomain) /* input on Xen's console */
        xen_evtchn_bind_virq(VIRQ_CONSOLE);
    if (xen_console_port())
        xen_evtchn_unmask(xen_console_port());
}

void xen_evtchn_unmask(uint32_t port)
{
    struct evtchn_unmask u = {.port = port};

    xen_hypercall_event_channel_op(EVTCHNOP_unmask, &u);
}

void xen_evtchn_notify(uint32_t port)
{
    struct evtchn_send send = {.port = port};

    xen_hypercall_event_channel_op(EVTCHNOP_send, &send);
}

long xen_evtchn_alloc_unbound(uint16_t remote)
{
    struct evtchn_alloc_unbound a = {.dom = DOMID_SELF, .remote_dom = remote};
    long rc = xen_hypercall_event_channel_op(EVTCHNOP_alloc_unbound, &a);

    if (rc < 0)
        return rc;
    xen_evtchn_unmask(a.port);
    return a.port;
}

void xen_evtchn_scan(void)
{
    struct shared_info *s = xen.shared;
    struct vcpu_info *v = &s->vcpu_info[0];
    xen_ulong_t sel;

    upcalls++;
    /* cleared before the scan: an event set during it raises it again */
    v->evtchn_upcall_pending = 0;
    sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    while (sel) {
        unsigned int w = __builtin_ctzl(sel);
        xen_ulong_t bits = s->evtchn_pending[w] & ~s->evtchn_mask[w];

        sel &= sel - 1;
        __atomic_fetch_and(&s->evtchn_pending[w], ~bits, __ATOMIC_SEQ_CST);
    }
}

uint64_t xen_evtchn_upcalls(void)
{
    return upcalls;
}

void xen_evtchn_timer(uint64_t deadline)
{
    struct vcpu_set_singleshot_timer t = {.timeout_abs_ns =
                                              time_to_xen(deadline)};

    /* no deadline (or one past Xen's range): only an event ends the wait */
    if (t.timeout_abs_ns < deadline)
        xen_hypercall_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL);
    else
        xen_hypercall_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
}
