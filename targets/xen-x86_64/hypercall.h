/*
 * Xen hypercalls as typed one-liners. The register convention lives here
 * only: the call goes through the hypercall page (32 bytes per op), the
 * arguments in rdi, rsi, rdx, r10, r8, the result (a negative Xen errno on
 * failure) in rax. Xen may clobber every argument register (debug builds
 * poison them), so all five are outputs.
 */
#ifndef XEN_X86_HYPERCALL_H
#define XEN_X86_HYPERCALL_H

#include <stdint.h>

#include <xen/xen.h>

static inline long hypercall4(unsigned int op, uint64_t a1, uint64_t a2,
                              uint64_t a3, uint64_t a4)
{
    register uint64_t rdi __asm__("rdi") = a1;
    register uint64_t rsi __asm__("rsi") = a2;
    register uint64_t rdx __asm__("rdx") = a3;
    register uint64_t r10 __asm__("r10") = a4;
    register uint64_t r8 __asm__("r8");
    extern char __ukcc_hypercall_page[];
    /* an address in a register, not an immediate: this must compile at
     * -O0 too, where op is not a constant */
    uintptr_t entry = (uintptr_t)__ukcc_hypercall_page + op * 32;
    long ret;

    __asm__ volatile("call *%[entry]"
                     : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10),
                       "=r"(r8)
                     : [entry] "r"(entry)
                     : "memory", "rcx", "r11");
    return ret;
}

static inline long hypercall(unsigned int op, uint64_t a1, uint64_t a2,
                             uint64_t a3)
{
    return hypercall4(op, a1, a2, a3, 0);
}

static inline long xen_hypercall_sched_op(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_sched_op, cmd, (uintptr_t)arg, 0);
}

static inline long xen_hypercall_memory_op(unsigned int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_memory_op, cmd, (uintptr_t)arg, 0);
}

static inline long xen_hypercall_hvm_op(unsigned int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_hvm_op, cmd, (uintptr_t)arg, 0);
}

static inline long xen_hypercall_event_channel_op(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_event_channel_op, cmd, (uintptr_t)arg, 0);
}

static inline long xen_hypercall_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
    return hypercall(__HYPERVISOR_vcpu_op, cmd, vcpu, (uintptr_t)arg);
}

static inline long xen_hypercall_console_io(int cmd, unsigned int count,
                                            const char *buf)
{
    return hypercall(__HYPERVISOR_console_io, cmd, count, (uintptr_t)buf);
}

#endif
