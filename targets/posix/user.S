/*
 * Entering program code (rt/platform.h): a hosted image runs rt and the
 * program in the same Linux thread with the same privilege, so a signal
 * handler is a plain call and a new thread a plain jump.
 */
#include "../../rt/plat_regs.inc"
#include "../../rt/user_call.inc"

    .text

/* plat_user_call(fn, a1, a2, a3, stack): a call, on a sigaltstack if given */
    define_plat_user_call

/*
 * plat_user_start(regs): %rflags and %rip go just below the new stack
 * pointer (free: the thread has not run yet), then popfq; ret. rcx and
 * r11 end up as rip and rflags, as after a syscall.
 */
    .globl plat_user_start
    .type plat_user_start, @function
plat_user_start:
    mov %rdi, %r11
    mov PLAT_REGS_RSP(%r11), %rax
    sub $16, %rax
    mov PLAT_REGS_RIP(%r11), %rcx
    mov %rcx, 8(%rax)
    mov PLAT_REGS_RFLAGS(%r11), %rcx
    mov %rcx, (%rax)
    mov %rax, %rsp
    mov PLAT_REGS_RAX(%r11), %rax
    restore_plat_regs %r11
    mov PLAT_REGS_RIP(%r11), %rcx
    mov PLAT_REGS_RFLAGS(%r11), %r11
    popfq
    ret
    .size plat_user_start, . - plat_user_start

    .section .note.GNU-stack, "", @progbits
