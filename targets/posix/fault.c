/*
 * Fault reports for hosted images. On the Xen targets a fault in the
 * program is reported with what happened, where and the registers; a
 * Linux process would die of a bare SIGSEGV. So the host's fault signals
 * get a handler, on a stack of its own (a stack overflow leaves none),
 * that prints the same report from the signal's ucontext and returns with
 * the default action restored: the instruction faults again and the
 * process ends by the signal, as Linux reports it to the parent.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <ucontext.h>

#include "../x86_64_fault.h"
#include "posix.h"

static char fault_stack[16384] __attribute__((aligned(16)));

static void put(const char *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    plat_console_write(s, n);
}

/* v in base 10 or 16; a 16-digit field for registers (width 16) */
static void put_num(const char *label, uint64_t v, unsigned base, int width)
{
    char buf[20];
    int i = sizeof buf;

    do
        buf[--i] = "0123456789abcdef"[v % base];
    while ((v /= base) || (int)sizeof buf - i < width);
    put(label);
    plat_console_write(buf + i, sizeof buf - (size_t)i);
}

static void on_fault(int sig, siginfo_t *info, void *context)
{
    const greg_t *r = ((ucontext_t *)context)->uc_mcontext.gregs;
    uint64_t vector = (uint64_t)r[REG_TRAPNO], error = (uint64_t)r[REG_ERR];

    if (info->si_code <= 0) { /* sent by kill(2), not a fault: no report */
        HOST2(SYS_kill, HOST0(SYS_getpid), sig);
        return;
    }
    put("ukcc: fault: ");
    put(x86_fault_name(vector));
    put_num(" (vector ", vector, 10, 0);
    put_num(", error 0x", error, 16, 0);
    put(")");
    if (vector == 14) {
        put(": ");
        put(x86_pf_kind(error, (uint64_t)r[REG_CR2], (uint64_t)r[REG_RSP]));
        put_num(" at 0x", (uint64_t)r[REG_CR2], 16, 0);
    }
    put_num("\nukcc:   rip ", (uint64_t)r[REG_RIP], 16, 16);
    put_num(" rsp ", (uint64_t)r[REG_RSP], 16, 16);
    put_num(" rflags ", (uint64_t)r[REG_EFL], 16, 16);
    put("\n");
    rt_backtrace((uint64_t)r[REG_RIP], (uint64_t)r[REG_RBP],
                 (uint64_t)r[REG_RSP]);
}

/* Asks the host to copy the word: a page that is unmapped or PROT_NONE
 * (a guard) fails with EFAULT instead of faulting here. Where the host
 * refuses process_vm_readv (a seccomp filter), mincore at least tells
 * unmapped pages. */
bool plat_readable(uintptr_t addr)
{
    uint64_t word;
    struct iovec local = {&word, sizeof word};
    struct iovec remote = {(void *)addr, sizeof word};
    unsigned char in_core;
    long r = HOST6(SYS_process_vm_readv, HOST0(SYS_getpid), &local, 1, &remote,
                   1, 0);

    if (r == (long)sizeof word)
        return true;
    if (r != -EPERM && r != -ENOSYS)
        return false;
    return HOST3(SYS_mincore, addr & ~(uintptr_t)4095, 4096, &in_core) == 0;
}

void posix_fault_reports(void)
{
    static const int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
    stack_t ss = {.ss_sp = fault_stack, .ss_size = sizeof fault_stack};
    struct ksigaction sa = {
        .handler = on_fault,
        .flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND | KSA_RESTORER,
        .restorer = posix_sigreturn,
    };

    if (HOST2(SYS_sigaltstack, &ss, NULL))
        return; /* no report, but the fault still ends the process */
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++)
        HOST4(SYS_rt_sigaction, signals[i], &sa, NULL, sizeof sa.mask);
}
