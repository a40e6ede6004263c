/* PV entry: Xen enters in 64-bit mode with %rsi = start_info. */
#include <xen/xen.h>
#include <xen/elfnote.h>
#include "elfnote.h"

ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "ukcc-selftest")
ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
/* Virtual = pseudo-physical, so the image links at its load address. */
ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .quad 0)
ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad 0)
ELFNOTE(XEN_ELFNOTE_ENTRY, .quad _start)
ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page)

    .section .text.entry, "ax"
    .globl _start
_start:
    lea stack_top(%rip), %rsp
    mov %rsi, %rdi
    call pv_main
    ud2

    .section .text.page, "ax"
    .p2align 12
    .globl hypercall_page
hypercall_page:
    .skip 4096

    .section .bss
    .p2align 4
    .skip 16384
stack_top:
