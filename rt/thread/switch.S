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
 * struct plat_regs: rt_thread_begin loads its vector state and the
 * platform enters the program with them, as the program runs (on Xen PV,
 * in guest user mode). The stack is as a call leaves it.
 */
    .globl rt_thread_trampoline
    .type rt_thread_trampoline, @function
rt_thread_trampoline:
    mov %rbx, %rdi
    jmp rt_thread_begin
    .size rt_thread_trampoline, . - rt_thread_trampoline

    .section .note.GNU-stack, "", @progbits
