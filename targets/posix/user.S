/*
 * Entering program code (rt/platform.h): a hosted image runs rt and the
 * program in the same Linux thread with the same privilege, so a signal
 * handler is a plain call and a new thread a plain jump.
 */
#define R_RAX 0
#define R_RBX 8
#define R_RDX 24
#define R_RSI 32
#define R_RDI 40
#define R_RBP 48
#define R_RSP 56
#define R_R8 64
#define R_R9 72
#define R_R10 80
#define R_R12 96
#define R_R13 104
#define R_R14 112
#define R_R15 120
#define R_RIP 128
#define R_RFLAGS 136

    .text

/* void plat_user_call(void *fn, long a1, long a2, long a3): a tail call */
    .globl plat_user_call
    .type plat_user_call, @function
plat_user_call:
    mov %rdi, %rax
    mov %rsi, %rdi
    mov %rdx, %rsi
    mov %rcx, %rdx
    jmp *%rax
    .size plat_user_call, . - plat_user_call

/*
 * plat_user_start(regs): %rflags and %rip go just below the new stack
 * pointer (free: the thread has not run yet), then popfq; ret. rcx and
 * r11 end up as rip and rflags, as after a syscall.
 */
    .globl plat_user_start
    .type plat_user_start, @function
plat_user_start:
    mov %rdi, %r11
    mov R_RSP(%r11), %rax
    sub $16, %rax
    mov R_RIP(%r11), %rcx
    mov %rcx, 8(%rax)
    mov R_RFLAGS(%r11), %rcx
    mov %rcx, (%rax)
    mov %rax, %rsp
    mov R_RAX(%r11), %rax
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
    mov R_RIP(%r11), %rcx
    mov R_RFLAGS(%r11), %r11
    popfq
    ret
    .size plat_user_start, . - plat_user_start

    .section .note.GNU-stack, "", @progbits
