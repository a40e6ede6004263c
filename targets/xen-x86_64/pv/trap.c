/*
 * Exceptions on PV: the virtual IDT (set_trap_table) for vectors 0-31,
 * each with events masked on delivery; the report is the shared one
 * (../trap.c) with CR2 from vcpu_info, where Xen saves it for a guest.
 */
#include "pv.h"

void pv_trap(struct trap_frame *f);
void pv_failsafe(void);
void __ukcc_pv_stack_chk_fail(void);        /* traps.S */
_Noreturn void rt_stack_chk_fail_at(uint64_t pc, uint64_t rbp,
                                    uint64_t rsp); /* rt */

void pv_trap(struct trap_frame *f)
{
    if (f->vector == 6 && f->rip == (uintptr_t)__ukcc_pv_stack_chk_fail)
        /* the program called it: its return address is on top */
        rt_stack_chk_fail_at(*(const uint64_t *)f->rsp, f->rbp, f->rsp + 8);
    f->cs |= 3; /* Xen clears the RPL for kernel mode; report as seen */
    trap_report(f, xen.shared->vcpu_info[0].arch.cr2);
}

void pv_failsafe(void)
{
    kprintf("ukcc: fault: Xen failsafe callback (a segment or frame Xen "
            "could not load)\n");
    plat_exit(128 + 13);
}

void pv_traps_init(void)
{
    static struct trap_info table[33]; /* ends with a zero entry */

    for (unsigned int v = 0; v < 32; v++)
        table[v] = (struct trap_info){
            .vector = v,
            /* DPL 0, except #BP and #OF, which int3/into may raise */
            .flags = 4 | (v == 3 || v == 4 ? 3 : 0),
            .cs = FLAT_KERNEL_CS,
            .address = (uintptr_t)pv_trap_stubs + 16 * v,
        };
    if (xen_hypercall_set_trap_table(table) < 0)
        PANIC("set_trap_table failed");
}
