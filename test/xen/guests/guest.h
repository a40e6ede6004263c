/* Shared declarations of the harness self-test guests (PV and PVH). */
#ifndef GUEST_H
#define GUEST_H

#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/event_channel.h>
#include <xen/io/console.h>

/* Filled by Xen (PV: ELF note; PVH: the MSR write in pvh.c). */
extern char hypercall_page[4096];

/* Every hypercall is a call into its 32-byte slot of the hypercall page;
 * arguments follow the 64-bit ABI: rdi, rsi, rdx. */
static inline long hypercall2(unsigned op, unsigned long a1, unsigned long a2)
{
    register unsigned long rdi __asm__("rdi") = a1;
    register unsigned long rsi __asm__("rsi") = a2;
    long ret;
    __asm__ volatile("call *%[fn]"
                     : "=a"(ret), "+r"(rdi), "+r"(rsi)
                     : [fn] "r"(hypercall_page + op * 32)
                     : "memory", "rcx", "r11", "rdx", "r8", "r9", "r10");
    return ret;
}

static inline long hypercall3(unsigned op, unsigned long a1, unsigned long a2,
                              unsigned long a3)
{
    register unsigned long rdi __asm__("rdi") = a1;
    register unsigned long rsi __asm__("rsi") = a2;
    register unsigned long rdx __asm__("rdx") = a3;
    long ret;
    __asm__ volatile("call *%[fn]"
                     : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx)
                     : [fn] "r"(hypercall_page + op * 32)
                     : "memory", "rcx", "r11", "r8", "r9", "r10");
    return ret;
}

/* console.c: where console output goes, set up by the entry code. */
struct console {
    struct xencons_interface *ring; /* NULL: use the console_io hypercall */
    evtchn_port_t port;
    int is_dom0;
};
extern struct console console;
void console_write(const char *s, size_t n);
void console_flush(void);

/* main.c: the behaviour, chosen by the command line. */
__attribute__((noreturn)) void guest_main(const char *kind,
                                         const char *cmdline);

#endif
