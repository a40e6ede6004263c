/*
 * The virtual IDT's handlers (trap.c registers them with set_trap_table).
 * Xen delivers an exception in guest kernel mode with this frame (from
 * user mode on the landing stack, from kernel mode on the current one):
 *
 *     rsp -> rcx r11 [error] rip cs rflags rsp ss
 *
 * Each 16-byte stub takes rcx and r11 back into their registers, pushes a
 * zero where there is no error code and the vector, which makes the CPU
 * part of struct trap_frame (../xen_x86.h); the common code saves the
 * registers below it and calls pv_trap, which reports and never returns.
 */
#include "../trap_regs.inc"
    .text
    .balign 16
    .globl pv_trap_stubs
pv_trap_stubs:
    vec = 0
    .rept 32
    .balign 16
    pop %rcx
    pop %r11
    .if vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30
    .else
    push $0
    .endif
    push $vec
    jmp pv_trap_common
    vec = vec + 1
    .endr

pv_trap_common:
    push_trap_regs
    mov %rsp, %rdi
    and $-16, %rsp
    call pv_trap
    ud2

/* __stack_chk_fail in the program (ukcc's link points it here): it runs
 * in user mode, where rt cannot report or exit, so it traps; pv_trap
 * recognises this #UD and runs rt's report in kernel mode. */
    .globl __ukcc_pv_stack_chk_fail
    .type __ukcc_pv_stack_chk_fail, @function
__ukcc_pv_stack_chk_fail:
    ud2
    .size __ukcc_pv_stack_chk_fail, . - __ukcc_pv_stack_chk_fail

    .section .note.GNU-stack, "", @progbits
