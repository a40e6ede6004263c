# A number loaded from memory, as syscall() does: unknown.
    .text
    .globl memory
memory:
    movq 8(%rsp), %rax
    syscall
    ret
