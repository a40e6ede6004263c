/*
 * Event delivery on PVH: Xen injects one interrupt vector (the upcall,
 * HVM_PARAM_CALLBACK_IRQ of type vector, no local APIC and no EOI) while
 * vcpu_info's evtchn_upcall_pending is set; the upcall is the shared scan
 * (../evtchn.c).
 *
 * Interrupts are off everywhere but in the block window (sched_block.S),
 * so the upcall interrupts nothing else. Events that arrive while the
 * program runs stay pending, and the upcall they cause at the window's
 * sti skips the block: no wake-up is lost between a driver's last look at
 * its ring and SCHEDOP_block.
 */
#include <stdint.h>
#include <string.h>

#include <xen/hvm/params.h>

#include "../cpu.h"
#include "../xen_x86.h"

/* sched_block.S: SCHEDOP_block between "sti; nop" and cli, with vmcall
 * (Intel) or vmmcall (AMD), the instruction Xen's hypercall page uses */
void sched_block_vmcall(void);
void sched_block_vmmcall(void);
extern char sched_block_vmcall_window[], sched_block_vmcall_end[];
extern char sched_block_vmmcall_window[], sched_block_vmmcall_end[];

static void (*block)(void);

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

void xen_evtchn_init(void)
{
    uint64_t via =
        (uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56 | XEN_UPCALL_VECTOR;

    block = amd_cpu() ? sched_block_vmmcall : sched_block_vmcall;
    if (xen_hvm_param_set(HVM_PARAM_CALLBACK_IRQ, via) < 0)
        PANIC("cannot set the event channel upcall vector");
    xen_evtchn_ports_init();
    xen.shared->vcpu_info[0].evtchn_upcall_mask = 0;
}

/* Called by irq.c for XEN_UPCALL_VECTOR with the interrupted %rip. */
void xen_evtchn_upcall(uint64_t *rip)
{
    xen_evtchn_scan();
    /* interrupted before SCHEDOP_block was made: do not make it */
    if (*rip >= (uintptr_t)sched_block_vmcall_window &&
        *rip < (uintptr_t)sched_block_vmcall_end)
        *rip = (uintptr_t)sched_block_vmcall_end;
    if (*rip >= (uintptr_t)sched_block_vmmcall_window &&
        *rip < (uintptr_t)sched_block_vmmcall_end)
        *rip = (uintptr_t)sched_block_vmmcall_end;
}

void xen_evtchn_block(uint64_t deadline)
{
    xen_evtchn_timer(deadline);
    block();
}
