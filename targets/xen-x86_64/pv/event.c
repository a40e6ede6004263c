/*
 * Event delivery on PV. rt (kernel mode) keeps events masked and waits
 * with SCHEDOP_poll (../block.c), which reads the pending bits itself; the
 * program (user mode) runs with events unmasked, so an upcall may arrive
 * at any instruction of it. The upcall acknowledges and counts; pending
 * port bits stay for the pollers. VIRQ_TIMER is bound so that Xen's
 * periodic timer keeps upcalls coming while the program computes (the
 * red-zone test counts them).
 */
#include "pv.h"

#include <xen/event_channel.h>

volatile unsigned long xen_pv_upcalls;
static evtchn_port_t timer_port;

void pv_event(void);

void pv_event(void)
{
    struct vcpu_info *v = &xen.shared->vcpu_info[0];

    v->evtchn_upcall_pending = 0;
    __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    if (timer_port) /* so that the next tick notifies again */
        __atomic_fetch_and(&xen.shared->evtchn_pending[timer_port / 64],
                           ~(1ul << (timer_port % 64)), __ATOMIC_SEQ_CST);
    xen_pv_upcalls++;
}

void pv_events_init(void)
{
    struct callback_register event = {
        .type = CALLBACKTYPE_event,
        .address = (uintptr_t)pv_event_entry,
    };
    struct callback_register failsafe = {
        .type = CALLBACKTYPE_failsafe,
        .flags = CALLBACKF_mask_events,
        .address = (uintptr_t)pv_failsafe_entry,
    };
    struct callback_register sys = {
        .type = CALLBACKTYPE_syscall,
        .flags = CALLBACKF_mask_events,
        .address = (uintptr_t)pv_syscall_entry,
    };
    struct evtchn_bind_virq timer = {.virq = VIRQ_TIMER, .vcpu = 0};

    if (xen_hypercall_callback_op(CALLBACKOP_register, &event) < 0 ||
        xen_hypercall_callback_op(CALLBACKOP_register, &failsafe) < 0 ||
        xen_hypercall_callback_op(CALLBACKOP_register, &sys) < 0)
        PANIC("callback_op failed");
    if (xen_hypercall_stack_switch(FLAT_KERNEL_SS, (uintptr_t)pv_landing_top))
        PANIC("stack_switch failed");
    /* a periodic tick for the program's upcalls (best effort) */
    if (xen_hypercall_event_channel_op(EVTCHNOP_bind_virq, &timer) == 0)
        timer_port = timer.port;
}
