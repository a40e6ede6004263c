# Two paths meet at the syscall: read(0) on one, write(1) on the other.
    .text
    .globl merge
merge:
    testl %edi, %edi
    je 1f
    xorl %eax, %eax
    jmp 2f
1:  movl $1, %eax
2:  syscall
    ret
