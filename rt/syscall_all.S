/*
 * __ukcc_syscalls_all: naming it links every handler rt has, and the
 * TCP/IP stack. libukcc_calls.a names it from each libc member whose
 * system call numbers cannot be known (syscall(), which takes any), and
 * `ukcc --all-syscalls` names it for programs that issue the syscall
 * instruction themselves. Its pairs fill the dispatcher's table (see
 * syscall.c); the section is a GC root ("R") as nothing refers to it.
 */
#include <sys/syscall.h>

    .section ukcc_syscalls, "aR", @progbits
    .balign 4
#define S(name)         .long SYS_##name, sys_##name;
#define ALIAS(name, to) .long SYS_##name, sys_##to;
#define NET(name)       S(name)
#include "syscalls.def"
    .globl rt_net_init, rt_net_pump, rt_net_deadline, rt_net_dns

    .section .rodata.__ukcc_syscalls_all, "a"
    .globl __ukcc_syscalls_all
__ukcc_syscalls_all:
    .byte 0

    .section .note.GNU-stack, "", @progbits
