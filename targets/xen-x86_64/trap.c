/*
 * Exceptions: one is the program's (or rt's) death. Print what happened
 * and exit with 128 + vector, the way a shell reports a signal, so tests
 * can tell a fault from a normal exit. Shared by PVH and PV; PVH's vectors
 * arrive through irq.c.
 */
#include "../x86_64_fault.h"
#include "cpu.h"
#include "xen_x86.h"

/* (PV passes the CR2 Xen saved in vcpu_info: reading %cr2 is privileged) */
_Noreturn void trap_report(const struct trap_frame *f, uint64_t cr2)
{
    static int depth;
    const char *name = x86_fault_name(f->vector);

    if (depth++) /* the report itself faulted: say the least */
        plat_exit(128 + (int)(f->vector & 0x7f));
    kprintf("ukcc: fault: %s (vector %lu, error %#lx)", name, f->vector,
            f->error);
    if (f->vector == 14)
        kprintf(": %s at %#lx", x86_pf_kind(f->error, cr2, f->rsp), cr2);
    kprintf("\nukcc:   rip %016lx rsp %016lx rflags %016lx cr2 %016lx\n",
            f->rip, f->rsp, f->rflags, cr2);
    kprintf("ukcc:   rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", f->rax,
            f->rbx, f->rcx, f->rdx);
    kprintf("ukcc:   rsi %016lx rdi %016lx rbp %016lx r8  %016lx\n", f->rsi,
            f->rdi, f->rbp, f->r8);
    kprintf("ukcc:   r9  %016lx r10 %016lx r11 %016lx r12 %016lx\n", f->r9,
            f->r10, f->r11, f->r12);
    kprintf("ukcc:   r13 %016lx r14 %016lx r15 %016lx\n", f->r13, f->r14,
            f->r15);
    rt_backtrace(f->rip, f->rbp, f->rsp); /* if it faults: depth */
    plat_exit(128 + (int)(f->vector & 0x7f));
}
