# %rcx is not preserved across a call: the number is unknown.
    .text
    .globl clobbered
clobbered:
    movl $2, %ecx
    call elsewhere
    movl %ecx, %eax
    syscall
    ret
