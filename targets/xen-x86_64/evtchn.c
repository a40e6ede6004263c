/*
 * Event channels on PVH, delivered for real: Xen injects one interrupt
 * vector (the upcall, HVM_PARAM_CALLBACK_IRQ of type vector, no local
 * APIC and no EOI) while vcpu_info's evtchn_upcall_pending is set. The
 * upcall clears it and the pending bits of every unmasked port. Devices
 * keep their state in their rings, so no per-port handler is needed: an
 * event only has to end the wait in xen_evtchn_block.
 *
 * Interrupts are off everywhere but in the block window (sched_block.S),
 * so the upcall interrupts nothing else. Events that arrive while the
 * program runs stay pending, and the upcall they cause at the window's
 * sti skips the block: no wake-up is lost between a driver's last look at
 * its ring and SCHEDOP_block.
 */
#include <stdint.h>
#include <string.h>

#include <xen/event_channel.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/xen.h>

#include "cpu.h"
#include "hypercall.h"
#include "xen_x86.h"

/* sched_block.S: SCHEDOP_block between "sti; nop" and cli, with vmcall
 * (Intel) or vmmcall (AMD), the instruction Xen's hypercall page uses */
void sched_block_vmcall(void);
void sched_block_vmmcall(void);
extern char sched_block_vmcall_window[], sched_block_vmcall_end[];
extern char sched_block_vmmcall_window[], sched_block_vmmcall_end[];

static struct {
    void (*block)(void);
    evtchn_port_t timer;
    uint64_t upcalls; /* how many times the upcall ran */
} ev;

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

static bool amd_cpu(void)
{
    struct cpuid r = cpu_cpuid(0, 0);
    char vendor[12];

    memcpy(vendor, &r.ebx, 4);
    memcpy(vendor + 4, &r.edx, 4);
    memcpy(vendor + 8, &r.ecx, 4);
    return !memcmp(vendor, "AuthenticAMD", 12) ||
           !memcmp(vendor, "HygonGenuine", 12);
}

static evtchn_port_t bind_virq(uint32_t virq)
{
    struct evtchn_bind_virq bind = {.virq = virq, .vcpu = 0};

    if (xen_hypercall_event_channel_op(EVTCHNOP_bind_virq, &bind) < 0)
        PANIC("cannot bind a virtual IRQ to an event channel");
    xen_evtchn_unmask(bind.port);
    return bind.port;
}

void xen_evtchn_init(void)
{
    uint64_t via =
        (uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56 | XEN_UPCALL_VECTOR;

    ev.block = amd_cpu() ? sched_block_vmmcall : sched_block_vmcall;
    if (xen_hvm_param_set(HVM_PARAM_CALLBACK_IRQ, via) < 0)
        PANIC("cannot set the event channel upcall vector");
    ev.timer = bind_virq(VIRQ_TIMER);
    if (boot_info.initdomain) /* input on Xen's console */
        bind_virq(VIRQ_CONSOLE);
    if (xen_console_port())
        xen_evtchn_unmask(xen_console_port());
    xen.shared->vcpu_info[0].evtchn_upcall_mask = 0;
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

/* Called by trap.c for XEN_UPCALL_VECTOR with the interrupted %rip. */
void xen_evtchn_upcall(uint64_t *rip)
{
    struct shared_info *s = xen.shared;
    struct vcpu_info *v = &s->vcpu_info[0];
    xen_ulong_t sel;

    ev.upcalls++;
    /* cleared before the scan: an event set during it raises it again */
    v->evtchn_upcall_pending = 0;
    sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    while (sel) {
        unsigned int w = __builtin_ctzl(sel);
        xen_ulong_t bits = s->evtchn_pending[w] & ~s->evtchn_mask[w];

        sel &= sel - 1;
        __atomic_fetch_and(&s->evtchn_pending[w], ~bits, __ATOMIC_SEQ_CST);
    }
    /* interrupted before SCHEDOP_block was made: do not make it */
    if (*rip >= (uintptr_t)sched_block_vmcall_window &&
        *rip < (uintptr_t)sched_block_vmcall_end)
        *rip = (uintptr_t)sched_block_vmcall_end;
    if (*rip >= (uintptr_t)sched_block_vmmcall_window &&
        *rip < (uintptr_t)sched_block_vmmcall_end)
        *rip = (uintptr_t)sched_block_vmmcall_end;
}

uint64_t xen_evtchn_upcalls(void)
{
    return ev.upcalls;
}

void xen_evtchn_block(uint64_t deadline)
{
    struct vcpu_set_singleshot_timer t = {.timeout_abs_ns =
                                              time_to_xen(deadline)};

    /* no deadline (or one past Xen's range): only an event ends it */
    if (t.timeout_abs_ns < deadline)
        xen_hypercall_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL);
    else
        xen_hypercall_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
    ev.block();
}
