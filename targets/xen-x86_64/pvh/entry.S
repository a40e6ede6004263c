/*
 * The PVH entry (Xen, or QEMU -kernel through its PVH note): 32-bit
 * protected mode, paging off, %ebx = physical address of struct
 * hvm_start_info. Clears .bss, identity-maps the first 4 GiB with 2 MiB
 * pages (enough to reach the start info wherever the loader put it), enters
 * long mode and calls pvh_start(start_info) on the image's stack. The final
 * W^X page tables are built in C (pagetable.c).
 */
#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define PTE_P_W 0x3
#define PTE_PS 0x80

    .section .text.pvh_entry, "ax", @progbits
    .code32
    .globl _ukcc_pvh_start
    .type _ukcc_pvh_start, @function
_ukcc_pvh_start:
    cld
    /* the boot time origin: monotonic time counts from here */
    rdtsc
    mov %eax, boot_entry_tsc
    mov %edx, boot_entry_tsc + 4

    /* .bss: the loader zeroes it, but a rebooted image cannot rely on it */
    mov $__ukcc_bss_start, %edi
    mov $__ukcc_bss_end, %ecx
    sub %edi, %ecx
    xor %eax, %eax
    rep stosb
    mov $__ukcc_stack_top, %esp

    /* PML4[0] -> PDPT; PDPT[0..3] -> four PDs of 2 MiB pages */
    mov $pvh_boot_pdpt + PTE_P_W, %eax
    mov %eax, pvh_boot_pml4
    mov $pvh_boot_pd + PTE_P_W, %eax
    xor %ecx, %ecx
1:  mov %eax, pvh_boot_pdpt(, %ecx, 8)
    add $0x1000, %eax
    inc %ecx
    cmp $4, %ecx
    jb 1b
    xor %ecx, %ecx
2:  mov %ecx, %eax
    shl $21, %eax
    or $PTE_P_W + PTE_PS, %eax
    mov %eax, pvh_boot_pd(, %ecx, 8)
    mov %ecx, %eax
    shr $11, %eax
    mov %eax, pvh_boot_pd + 4(, %ecx, 8)
    inc %ecx
    cmp $2048, %ecx
    jb 2b

    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $pvh_boot_pml4, %eax
    mov %eax, %cr3
    /* long mode, and NX for the W^X tables built later (every x86-64
     * CPU QEMU and Xen offer has NX) */
    mov $0xc0000080, %ecx
    rdmsr
    or $EFER_LME + EFER_NXE, %eax
    wrmsr
    /* WP: ring 0 writes to read-only pages fault too (W^X for rt) */
    mov %cr0, %eax
    or $CR0_PG + CR0_WP + CR0_PE, %eax
    mov %eax, %cr0
    lgdt pvh_gdt_ptr
    ljmp $0x08, $3f

    .code64
3:  mov $0x10, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    xor %eax, %eax
    mov %eax, %fs
    mov %eax, %gs
    mov %ebx, %edi
    xor %ebp, %ebp
    call pvh_start
    ud2
    .size _ukcc_pvh_start, . - _ukcc_pvh_start

    .section .rodata.pvh_entry, "a", @progbits
    .balign 8
pvh_gdt_ptr:
    .word 5 * 8 - 1
    .long gdt_table

    .section .bss.pvh_entry, "aw", @nobits
    .balign 4096
pvh_boot_pml4:
    .skip 4096
pvh_boot_pdpt:
    .skip 4096
pvh_boot_pd:
    .skip 4 * 4096

    .section .note.GNU-stack, "", @progbits
