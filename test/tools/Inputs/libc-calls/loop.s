# dup2(33) retried while it fails with EBUSY: the number comes round the
# loop through %r8, which the syscall does not clobber.
    .text
    .globl loop
loop:
    movl $33, %r8d
1:  movq %r8, %rax
    syscall
    cmpq $-16, %rax
    je 1b
    ret
