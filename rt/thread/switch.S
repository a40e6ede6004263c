/*
 * Switching between threads inside rt. A thread that stops does so inside
 * a call to rt_context_switch; only the callee-saved registers need saving
 * (the rest of its user state is on its own stack, in the frame its
 * syscall entered rt with).
 */
    .text

/* void rt_context_switch(uintptr_t *save_sp, uintptr_t new_sp) */
    .globl rt_context_switch
    .type rt_context_switch, @function
rt_context_switch:
    push %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, (%rdi)
    mov %rsi, %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret
    .size rt_context_switch, . - rt_context_switch

/*
 * A new thread's first switch lands here with %rbx pointing at its
 * struct plat_regs: load them all and continue after the clone syscall,
 * with %rax = 0 as the child. %rflags and %rip go just below the child's
 * stack pointer (free: the thread has not run yet), then popfq; ret.
 */
#define R_RAX 0
#define R_RBX 8
#define R_RCX 16
#define R_RDX 24
#define R_RSI 32
#define R_RDI 40
#define R_RBP 48
#define R_RSP 56
#define R_R8 64
#define R_R9 72
#define R_R10 80
#define R_R11 88
#define R_R12 96
#define R_R13 104
#define R_R14 112
#define R_R15 120
#define R_RIP 128
#define R_RFLAGS 136

    .globl rt_thread_trampoline
    .type rt_thread_trampoline, @function
rt_thread_trampoline:
    mov %rbx, %r11
    mov R_RSP(%r11), %rax
    sub $16, %rax
    mov R_RIP(%r11), %rcx
    mov %rcx, 8(%rax)
    mov R_RFLAGS(%r11), %rcx
    mov %rcx, (%rax)
    mov %rax, %rsp
    mov R_RBX(%r11), %rbx
    mov R_RDX(%r11), %rdx
    mov R_RSI(%r11), %rsi
    mov R_RDI(%r11), %rdi
    mov R_RBP(%r11), %rbp
    mov R_R8(%r11), %r8
    mov R_R9(%r11), %r9
    mov R_R10(%r11), %r10
    mov R_R12(%r11), %r12
    mov R_R13(%r11), %r13
    mov R_R14(%r11), %r14
    mov R_R15(%r11), %r15
    /* as after a syscall: rcx = return address, r11 = flags */
    mov R_RIP(%r11), %rcx
    mov R_RFLAGS(%r11), %r11
    xor %eax, %eax
    popfq
    ret
    .size rt_thread_trampoline, . - rt_thread_trampoline

    .section .note.GNU-stack, "", @progbits
