/*
 * The only instructions in a hosted image that may enter the host kernel.
 * Syscall User Dispatch lets syscalls from this section through and turns
 * every other one into SIGSYS for rt; so the raw syscall and the SIGSYS
 * handler's sigreturn both live here. The section name is a C identifier
 * so the linker defines __start_/__stop_ symbols that bound it.
 */
    .section ukcc_host_text, "ax", @progbits

/* long posix_host_syscall(long nr, long a1, ..., long a6) */
    .globl posix_host_syscall
    .type posix_host_syscall, @function
posix_host_syscall:
    mov %rdi, %rax
    mov %rsi, %rdi
    mov %rdx, %rsi
    mov %rcx, %rdx
    mov %r8, %r10
    mov %r9, %r8
    mov 8(%rsp), %r9
    syscall
    ret
    .size posix_host_syscall, . - posix_host_syscall

/* the sa_restorer of rt's SIGSYS handler */
    .globl posix_sigreturn
    .type posix_sigreturn, @function
posix_sigreturn:
    mov $15, %eax /* SYS_rt_sigreturn */
    syscall
    hlt
    .size posix_sigreturn, . - posix_sigreturn

    .section .note.GNU-stack, "", @progbits
