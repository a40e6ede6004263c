# exit(60) as musl's __clone writes it: clear %eax, then set %al.
    .text
    .globl lowbyte
lowbyte:
    xorl %eax, %eax
    movb $60, %al
    syscall
    hlt
