/*
 * The entry of a hosted image. posix_start decides between passthrough
 * (UKCC_PASSTHROUGH=1: musl runs on Linux's own stack, as in a plain POSIX
 * image) and hosted mode (rt builds the stack and takes every syscall);
 * either way it returns the stack musl's _start is entered with.
 */
    .text
    .globl _ukcc_posix_start
    .type _ukcc_posix_start, @function
_ukcc_posix_start:
    xor %ebp, %ebp
    mov %rsp, %rdi
    and $-16, %rsp
    call posix_start
    mov %rax, %rsp
    jmp _start
    .size _ukcc_posix_start, . - _ukcc_posix_start

    .section .note.GNU-stack, "", @progbits
