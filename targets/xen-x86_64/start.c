/*
 * The start sequence after the entry: CPU state, console, memory, time and
 * the syscall entry; then rt builds the program's stack and musl's _start
 * runs on it. The boot stack (the image's .ukcc.stack) becomes the stack
 * the syscall entry runs rt on.
 */
#include "xen_x86.h"

extern void _start(void); /* musl's crt1.o */

struct boot_info boot_info;
uint64_t boot_entry_tsc __attribute__((section(".data")));

_Noreturn static void enter(uintptr_t sp, uintptr_t entry)
{
    /* a clean frame chain and the Linux entry state: rdx = 0 (no atexit
     * function from a dynamic linker) */
    __asm__ volatile("mov %0, %%rsp\n\t"
                     "xor %%ebp, %%ebp\n\t"
                     "xor %%edx, %%edx\n\t"
                     "jmp *%1" ::"r"(sp),
                     "r"(entry)
                     : "memory");
    __builtin_unreachable();
}

void xen_x86_start(void)
{
    static struct plat_args args;
    uintptr_t sp;

    cpu_sse_init();
    gdt_init();
    idt_init();
    xen_detect();
    if (xen.present)
        xen_init();
    memory_init();
    console_init();
    time_init();
    if (xen.present)
        xen_evtchn_init();
    syscall_init();
    cmdline_split(boot_info.cmdline, &args);
    sp = rt_boot(&args, __ukcc_ehdr, (uintptr_t)_start);
    enter(sp, (uintptr_t)_start);
}
