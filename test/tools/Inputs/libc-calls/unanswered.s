# acct(163), which rt does not answer: reported, no pairs.
    .text
    .globl unanswered
unanswered:
    movl $163, %eax
    syscall
    ret
