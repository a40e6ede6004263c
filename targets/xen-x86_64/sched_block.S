/*
 * SCHEDOP_block with interrupts on only around the hypercall instruction
 * (evtchn.c explains why). The window runs from sti to the instruction
 * after the hypercall: an upcall taken inside it, before the hypercall
 * was made, moves %rip to the window's end, so the vCPU does not block
 * with an event already handled. The nop ends sti's interrupt shadow
 * before the hypercall, so Xen does not see events as blocked by it.
 * One copy per instruction: vmcall (Intel VMX), vmmcall (AMD SVM).
 */
#include <xen/xen.h>

/* xen/sched.h includes C-only headers: its value, as it defines it */
#define SCHEDOP_block 1

    .macro block name, insn
    .text
    .globl \name, \name\()_window, \name\()_end
\name:
    mov $__HYPERVISOR_sched_op, %eax
    mov $SCHEDOP_block, %edi
    xor %esi, %esi
\name\()_window:
    sti
    nop
    \insn
\name\()_end:
    cli
    ret
    .endm

    block sched_block_vmcall, vmcall
    block sched_block_vmmcall, vmmcall

    .section .note.GNU-stack, "", @progbits
