/*
 * One 16-byte stub per IDT vector (idt.c computes trap_stubs + 16 * n):
 * push a zero where the CPU pushes no error code, push the vector, save
 * the general registers as struct trap_frame (trap.c) and call
 * trap_dispatch. Every vector arrives on an IST stack.
 */
#include "trap_regs.inc"
    .text
    .balign 16
    .globl trap_stubs
trap_stubs:
    vec = 0
    .rept 256
    .balign 16
    .if vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30
    .else
    push $0
    .endif
    push $vec
    jmp trap_common
    vec = vec + 1
    .endr

trap_common:
    push_trap_regs
    mov %rsp, %rdi
    cld
    call trap_dispatch
    pop_trap_regs
    add $16, %rsp
    iretq

    .section .note.GNU-stack, "", @progbits
