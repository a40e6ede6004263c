/*
 * For the trap stubs (traps.S on PVH, pv/traps.S on PV): the general
 * registers saved below the CPU part of an exception frame, in the order
 * of struct trap_frame (xen_x86.h), rax lowest; and restored.
 */
#ifndef UKCC_TRAP_REGS_H
#define UKCC_TRAP_REGS_H

.macro push_trap_regs
    push %r15
    push %r14
    push %r13
    push %r12
    push %r11
    push %r10
    push %r9
    push %r8
    push %rbp
    push %rdi
    push %rsi
    push %rdx
    push %rcx
    push %rbx
    push %rax
.endm

.macro pop_trap_regs
    pop %rax
    pop %rbx
    pop %rcx
    pop %rdx
    pop %rsi
    pop %rdi
    pop %rbp
    pop %r8
    pop %r9
    pop %r10
    pop %r11
    pop %r12
    pop %r13
    pop %r14
    pop %r15
.endm

#endif
