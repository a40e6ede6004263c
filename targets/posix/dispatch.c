/*
 * Hosted mode: Syscall User Dispatch (Linux 5.11+) sends every syscall the
 * program makes outside ukcc_host_text to rt's SIGSYS handler, which runs
 * rt_syscall on the registers and puts the result in RAX. SA_NODEFER lets
 * a program's own signal handler, which rt calls from inside, make
 * syscalls of its own.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <ucontext.h>

#include "posix.h"

#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_ON           1

extern const char __start_ukcc_host_text[], __stop_ukcc_host_text[];

/* The frame rt keeps for a syscall is the signal frame's registers. */
void plat_syscall_regs(const void *frame, struct plat_regs *out)
{
    const greg_t *r = frame;

    if (!r) { /* reached through __syscall_cp: no trap, no frame */
        *out = (struct plat_regs){0};
        return;
    }
    *out = (struct plat_regs){
        .rax = r[REG_RAX],
        .rbx = r[REG_RBX],
        .rcx = r[REG_RCX],
        .rdx = r[REG_RDX],
        .rsi = r[REG_RSI],
        .rdi = r[REG_RDI],
        .rbp = r[REG_RBP],
        .rsp = r[REG_RSP],
        .r8 = r[REG_R8],
        .r9 = r[REG_R9],
        .r10 = r[REG_R10],
        .r11 = r[REG_R11],
        .r12 = r[REG_R12],
        .r13 = r[REG_R13],
        .r14 = r[REG_R14],
        .r15 = r[REG_R15],
        .rip = r[REG_RIP],
        .rflags = r[REG_EFL],
    };
}

void plat_syscall_set_rip(void *frame, uint64_t rip)
{
    if (frame)
        ((greg_t *)frame)[REG_RIP] = (greg_t)rip;
}

static void on_sigsys(int sig, siginfo_t *info, void *context)
{
    greg_t *r = ((ucontext_t *)context)->uc_mcontext.gregs;
    void *outer = rt_syscall_frame(r); /* a handler rt runs may trap again */

    r[REG_RAX] = rt_syscall(r[REG_RAX], r[REG_RDI], r[REG_RSI], r[REG_RDX],
                            r[REG_R10], r[REG_R8], r[REG_R9]);
    rt_syscall_frame(outer);
}

int posix_dispatch_enable(void)
{
    struct ksigaction sa = {
        .handler = on_sigsys,
        .flags = SA_SIGINFO | SA_NODEFER | KSA_RESTORER,
        .restorer = posix_sigreturn,
    };
    long err;

    err = HOST4(SYS_rt_sigaction, SIGSYS, &sa, NULL, sizeof sa.mask);
    if (err)
        return (int)err;
    return (int)posix_host_syscall(
        SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON,
        (long)__start_ukcc_host_text,
        (long)(__stop_ukcc_host_text - __start_ukcc_host_text), 0, 0);
}
