/*
 * The least a PVH kernel can do: enter, and tell QEMU's isa-debug-exit
 * device to stop. bench/boot.sh times hello against it, so the ratio is
 * ukcc's own boot cost over QEMU's fixed cost of starting any PVH kernel.
 */
    .code32
    .text
    .globl _ukcc_pvh_start
_ukcc_pvh_start:
    mov $0xf4, %dx
    xor %eax, %eax
    out %al, %dx
1:  hlt
    jmp 1b

    .section .note.GNU-stack, "", @progbits
