/*
 * Event delivery on PV: Xen's event callback. rt (kernel mode) keeps
 * events masked but while it blocks (block.c); the program (user mode)
 * runs with them unmasked, so the upcall arrives at any instruction of
 * it, on the landing stack (syscall.S), or as SCHEDOP_block returns, on
 * rt's stack. Either way it is the shared scan (../evtchn.c), counted
 * also in xen_pv_upcalls for the tests. Xen's periodic tick (VIRQ_TIMER,
 * bound for the single-shot timer anyway) keeps upcalls coming while the
 * program computes: the red-zone test counts them.
 */
#include "pv.h"

volatile unsigned long xen_pv_upcalls;

void pv_event(void);

void pv_event(void)
{
    xen_evtchn_scan();
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

    if (xen_hypercall_callback_op(CALLBACKOP_register, &event) < 0 ||
        xen_hypercall_callback_op(CALLBACKOP_register, &failsafe) < 0 ||
        xen_hypercall_callback_op(CALLBACKOP_register, &sys) < 0)
        PANIC("callback_op failed");
    if (xen_hypercall_stack_switch(FLAT_KERNEL_SS, (uintptr_t)pv_landing_top))
        PANIC("stack_switch failed");
    xen_evtchn_ports_init();
}
