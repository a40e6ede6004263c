/* PVH entry: 32-bit protected mode, paging off, %ebx = hvm_start_info.
 * Build an identity map of the low 4 GiB and switch to long mode. */
#include <xen/xen.h>
#include <xen/elfnote.h>
#include "elfnote.h"

ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "ukcc-selftest")
/* 8 bytes: QEMU reads this descriptor as a 64-bit value in an ELF64
 * image, Xen accepts either size. */
ELFNOTE(XEN_ELFNOTE_PHYS32_ENTRY, .quad _start)

    .section .text.entry, "ax"
    .code32
    .globl _start
_start:
    mov %ebx, %esi

    /* 2048 2-MiB page directory entries: present, writable, large. */
    mov $pd, %edi
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax
    mov %eax, (%edi,%ecx,8)
    mov %ecx, %eax
    shr $11, %eax
    mov %eax, 4(%edi,%ecx,8)
    inc %ecx
    cmp $2048, %ecx
    jne 1b
    /* Four page directories under one PDPT under one PML4. */
    mov $pdpt, %edi
    xor %ecx, %ecx
2:  mov %ecx, %eax
    shl $12, %eax
    add $pd + 3, %eax
    mov %eax, (%edi,%ecx,8)
    inc %ecx
    cmp $4, %ecx
    jne 2b
    movl $pdpt + 3, pml4

    mov $pml4, %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $0x20, %eax              /* PAE */
    mov %eax, %cr4
    mov $0xc0000080, %ecx       /* EFER.LME */
    rdmsr
    or $0x100, %eax
    wrmsr
    mov %cr0, %eax
    or $0x80000001, %eax        /* PG | PE */
    mov %eax, %cr0
    lgdt gdt_ptr
    ljmp $0x08, $start64

    .code64
start64:
    mov $0x10, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    lea stack_top(%rip), %rsp
    mov %esi, %edi
    call pvh_main
    ud2

    .section .rodata
    .p2align 3
gdt:
    .quad 0
    .quad 0x00af9a000000ffff    /* 0x08: 64-bit code */
    .quad 0x00cf92000000ffff    /* 0x10: data */
gdt_ptr:
    .word gdt_ptr - gdt - 1
    .long gdt

    .section .text.page, "ax"
    .p2align 12
    .globl hypercall_page
hypercall_page:
    .skip 4096

    .section .bss
    .p2align 12
pml4:
    .skip 4096
pdpt:
    .skip 4096
pd:
    .skip 4 * 4096
    .skip 16384
stack_top:
