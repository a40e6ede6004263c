# close(3) through %rbx, which a call preserves.
    .text
    .globl preserved
preserved:
    pushq %rbx
    movl $3, %ebx
    call elsewhere
    movl %ebx, %eax
    syscall
    popq %rbx
    ret
