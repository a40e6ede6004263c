/*
 * One 16-byte stub per IDT vector (idt.c computes trap_stubs + 16 * n):
 * push a zero where the CPU pushes no error code, push the vector, save
 * the general registers as struct trap_frame (trap.c) and call
 * trap_dispatch. Every vector arrives on an IST stack.
 */
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
    mov %rsp, %rdi
    cld
    call trap_dispatch
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
    add $16, %rsp
    iretq

    .section .note.GNU-stack, "", @progbits
