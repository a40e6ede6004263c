/*
 * What an x86-64 exception means, in the words every target's fault report
 * uses, so that a person (and a test) reads the same line wherever the
 * image runs: the Xen targets from their trap frames, posix --hosted from
 * the ucontext of a host signal. Header-only: targets share no library.
 */
#ifndef UKCC_X86_64_FAULT_H
#define UKCC_X86_64_FAULT_H

#include <stdint.h>

#define X86_PF_PRESENT 1
#define X86_PF_WRITE   2
#define X86_PF_FETCH   16
#define X86_PAGE_SIZE  4096

static inline const char *x86_fault_name(uint64_t vector)
{
    static const char *const names[32] = {
        "#DE divide error",
        "#DB debug",
        "NMI",
        "#BP breakpoint",
        "#OF overflow",
        "#BR bound range",
        "#UD invalid opcode",
        "#NM device not available",
        "#DF double fault",
        "coprocessor overrun",
        "#TS invalid TSS",
        "#NP segment not present",
        "#SS stack fault",
        "#GP general protection",
        "#PF page fault",
        "reserved 15",
        "#MF x87 error",
        "#AC alignment check",
        "#MC machine check",
        "#XM SIMD exception",
        "#VE virtualisation",
        "#CP control protection",
    };

    return vector < 32 && names[vector] ? names[vector] : "unexpected vector";
}

/* A page fault's cause, from its error code, the address and %rsp. */
static inline const char *x86_pf_kind(uint64_t error, uint64_t addr,
                                      uint64_t rsp)
{
    if (error & X86_PF_FETCH)
        return error & X86_PF_PRESENT ? "execute from non-executable memory"
                                      : "execute from an unmapped page";
    if (!(error & X86_PF_PRESENT)) {
        if (addr < X86_PAGE_SIZE)
            return "NULL pointer dereference";
        /* a push or call just below %rsp: the stack ran into its guard */
        if (addr < rsp + X86_PAGE_SIZE && addr + X86_PAGE_SIZE > rsp)
            return "stack overflow into a guard page";
        return "access to an unmapped page";
    }
    return error & X86_PF_WRITE ? "write to read-only memory"
                                : "protection violation";
}

#endif
