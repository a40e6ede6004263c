/*
 * The PV entry: Xen starts the image in 64-bit guest kernel mode on page
 * tables it built (virtual = pseudo-physical from 0 up to a 4 MiB
 * boundary), %rsi = start_info, %rsp = the end of its boot stack, the
 * last of its boot structures. Events are not masked yet: mask them
 * first (the upcall callback is not registered), then run C on the
 * image's own stack.
 */
    .section .text.pv_entry, "ax", @progbits
    .globl _ukcc_pv_start
    .type _ukcc_pv_start, @function
_ukcc_pv_start:
    cld
    mov %rsp, pv_boot_sp(%rip)
    rdtsc
    shl $32, %rdx
    or %rdx, %rax
    mov %rax, boot_entry_tsc(%rip)
    lea __ukcc_stack_top(%rip), %rsp
    mov %rsi, %rdi
    xor %ebp, %ebp
    call pv_start
    ud2
    .size _ukcc_pv_start, . - _ukcc_pv_start

    .data
    .balign 8
    .globl pv_boot_sp
pv_boot_sp:
    .quad 0

    .section .note.GNU-stack, "", @progbits
