/*
 * The syscall entry (MSR_LSTAR). Everything runs in ring 0, so the CPU
 * keeps the caller's %rsp: musl's inline syscalls may have live data in
 * the red zone, and the stack may be nearly full. Nothing is pushed there:
 * the entry saves %rsp (FMASK has cleared IF, so the scratch word is safe)
 * and moves to the syscall stack (the image's .ukcc.stack, free once the
 * program runs, with a guard page below). A syscall made while another
 * is in flight (from a signal handler rt runs, or from another thread
 * while one is blocked in rt) goes below the caller's %rsp past its red
 * zone instead, so a live frame on the syscall stack is never reused.
 *
 * The frame is struct plat_regs (rt/platform.h). plat_syscall_regs finds
 * the current thread's innermost one by walking the frame-pointer chain up
 * to the record whose return address is syscall_return (rt is built with
 * frame pointers): no global pointer, which would go stale when rt
 * switches threads inside a syscall.
 *
 * Return: every register but rax, rcx and r11 as it was (Linux's rule;
 * rcx = rip and r11 = rflags as after a real syscall), then popfq; pop
 * %rsp; jmp *%rcx -- sysret would drop to ring 3.
 */
#include "../../rt/plat_regs.inc"
#include "../../rt/user_call.inc"
#include "syscall_call.inc"

    .text
    .globl xen_syscall_entry
    .type xen_syscall_entry, @function
xen_syscall_entry:
    mov %rsp, syscall_scratch(%rip)
    cmpl $0, syscall_depth(%rip)
    jne 1f
    lea __ukcc_stack_top(%rip), %rsp
    jmp 2f
1:  sub $128, %rsp
    and $-16, %rsp
2:  incl syscall_depth(%rip)
    push %r11               /* rflags */
    push %rcx               /* rip */
    push %r15
    push %r14
    push %r13
    push %r12
    push %r11
    push %r10
    push %r9
    push %r8
    push syscall_scratch(%rip) /* rsp */
    push %rbp
    push %rdi
    push %rsi
    push %rdx
    push %rcx
    push %rbx
    push %rax
    call_rt_syscall
regs_return:                /* %rsp = a frame; rax holds the result */
    restore_plat_regs %rsp
    mov PLAT_REGS_RIP(%rsp), %rcx
    /* rearrange the top two words to rflags, rsp for popfq; pop %rsp */
    mov PLAT_REGS_RFLAGS(%rsp), %r11
    mov %r11, PLAT_REGS_RIP(%rsp)
    mov PLAT_REGS_RSP(%rsp), %r11
    mov %r11, PLAT_REGS_RFLAGS(%rsp)
    mov PLAT_REGS_RIP(%rsp), %r11
    add $PLAT_REGS_RIP, %rsp
    popfq
    pop %rsp
    jmp *%rcx
    .size xen_syscall_entry, . - xen_syscall_entry

/* Entering program code (rt/platform.h): everything runs in ring 0, so a
 * signal handler is a plain call, on a sigaltstack if given ... */
    define_plat_user_call

/* ... and a new thread starts as a syscall returns, from a copy of its
 * registers on this stack; its parent's syscall is still in flight, so
 * the depth stays. */
    define_plat_user_start

    .bss
    .balign 8
syscall_scratch:
    .quad 0
syscall_depth:
    .long 0

    .section .note.GNU-stack, "", @progbits
