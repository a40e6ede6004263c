/*
 * Internal interface of the PV entry (pv/): the hypercalls only a PV guest
 * makes, and the prototypes of pv/ files. Shared code is in ../xen_x86.h.
 */
#ifndef XEN_PV_H
#define XEN_PV_H

#include <errno.h>
#include <stdint.h>

#include <xen/callback.h>
#include <xen/xen.h>

#include "../hypercall.h"
#include "../xen_x86.h"

/* iret frames: the RPL of CS alone chooses user (3) or kernel mode (0) */
#define PV_USER_CS FLAT_USER_CS64
#define PV_USER_SS FLAT_USER_SS64

/* a page-table entry's bits for a Xen page mapped over a page of .bss:
 * present, writable, user (every PV mapping is), accessed, dirty, NX */
#define PV_PTE_RW_NX (0x67ull | 1ull << 63)

/* the read-only machine-to-phys table every 64-bit PV guest sees */
#define PV_M2P ((const unsigned long *)HYPERVISOR_VIRT_START)

static inline long xen_hypercall_mmu_update(mmu_update_t *req, unsigned int n)
{
    return hypercall4(__HYPERVISOR_mmu_update, (uintptr_t)req, n, 0,
                      DOMID_SELF);
}

static inline long xen_hypercall_mmuext_op(struct mmuext_op *op, unsigned int n)
{
    return hypercall4(__HYPERVISOR_mmuext_op, (uintptr_t)op, n, 0, DOMID_SELF);
}

static inline long xen_hypercall_update_va_mapping(uintptr_t va, uint64_t pte,
                                                   uint64_t flags)
{
    return hypercall(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

static inline long xen_hypercall_set_trap_table(const struct trap_info *t)
{
    return hypercall(__HYPERVISOR_set_trap_table, (uintptr_t)t, 0, 0);
}

static inline long xen_hypercall_stack_switch(uint64_t ss, uintptr_t sp)
{
    return hypercall(__HYPERVISOR_stack_switch, ss, sp, 0);
}

static inline long xen_hypercall_set_segment_base(unsigned int which,
                                                  uint64_t base)
{
    return hypercall(__HYPERVISOR_set_segment_base, which, base, 0);
}

static inline long xen_hypercall_grant_table_op(unsigned int cmd, void *arg,
                                                unsigned int count)
{
    return hypercall(__HYPERVISOR_grant_table_op, cmd, (uintptr_t)arg, count);
}

static inline long xen_hypercall_callback_op(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_callback_op, cmd, (uintptr_t)arg, 0);
}

/* entry.S */
extern uintptr_t pv_boot_sp; /* Xen's boot stack top: the end of its data */

/* memory.c: the Xen-built tables made W^X, RAM beyond them mapped */
void pv_memory_init(const struct start_info *si);
uint64_t pv_mfn(uint64_t pfn); /* from the P2M list */

/* syscall.S: the callbacks (landing on pv_landing_top) and user entry */
void pv_syscall_entry(void);
void pv_event_entry(void);
void pv_failsafe_entry(void);
_Noreturn void pv_enter_user(uintptr_t rip, uintptr_t sp);
extern char pv_landing_top[];

/* traps.S, trap.c: the virtual IDT */
extern char pv_trap_stubs[]; /* 16 bytes per vector */
void pv_traps_init(void);

/* event.c: the callbacks; the upcall (in user mode, or as SCHEDOP_block
 * returns: block.c) */
void pv_events_init(void);
extern volatile unsigned long xen_pv_upcalls; /* tests read this */

#endif
