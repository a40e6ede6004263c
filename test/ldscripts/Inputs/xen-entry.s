# Stand-in for the Xen boot code: defines both entry symbols.
# PVH (32-bit, paging off): print the string from .rodata on COM1, which
# shows the image was loaded where its headers say, then leave QEMU
# through isa-debug-exit with status (0x2a << 1) | 1 = 85.
# PV: stop at once (ud2); tests never run it.

        .section .text.ukcc_entry, "ax", @progbits
        .code32
        .globl _ukcc_pvh_start
        .type _ukcc_pvh_start, @function
_ukcc_pvh_start:
        mov $banner, %esi
        mov $0x3f8, %dx
1:      movb (%esi), %al
        test %al, %al
        jz 2f
        outb %al, %dx
        inc %esi
        jmp 1b
2:      mov $0x2a, %al
        outb %al, $0xf4
3:      hlt
        jmp 3b

        .code64
        .globl _ukcc_pv_start
        .type _ukcc_pv_start, @function
_ukcc_pv_start:
        ud2

        .section .rodata.ukcc_entry, "a", @progbits
banner:
        .asciz "ukcc: PVH entry reached\n"
