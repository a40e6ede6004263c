# write(2): the number set just before the syscall.
    .text
    .globl straight
straight:
    movl $1, %eax
    syscall
    ret
