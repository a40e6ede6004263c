/*
 * Sending signals: the only process can only signal itself. A signal that
 * is not blocked is delivered at once, before the call returns, which is
 * what POSIX asks of a signal a thread sends to itself (raise, abort).
 */
#include <errno.h>
#include <string.h>
#include <ucontext.h>

#include "../rt.h"
#include "../syscalls.h"
#include "signal.h"

/* The signals whose default action is to do nothing. */
static bool ignored_by_default(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static void deliver(int sig)
{
    struct rt_sigaction *a = &rt_signals.action[sig];
    void (*handler)(int) = a->handler;
    uint64_t saved = rt_signals.mask;

    if (handler == SIG_IGN || (handler == SIG_DFL && ignored_by_default(sig)))
        return;
    if (handler == SIG_DFL) {
        rt_log("terminated by signal %d", sig);
        rt_exit(128 + sig);
    }
    if (a->flags & SA_RESETHAND)
        a->handler = SIG_DFL;
    rt_signals.mask |= a->mask;
    if (!(a->flags & SA_NODEFER))
        rt_signals.mask |= 1ULL << (sig - 1);
    if (a->flags & SA_SIGINFO) {
        siginfo_t info = {.si_signo = sig, .si_code = SI_TKILL, .si_pid = 1};
        ucontext_t uc = {0};
        struct plat_regs r;

        /* handlers may read the interrupted context (musl's cancellation
         * handler reads the PC): give them the syscall's registers */
        plat_syscall_regs(&r);
        uc.uc_mcontext.gregs[REG_RIP] = (greg_t)r.rip;
        uc.uc_mcontext.gregs[REG_RSP] = (greg_t)r.rsp;
        uc.uc_mcontext.gregs[REG_RAX] = (greg_t)r.rax;
        memcpy(&uc.uc_sigmask, &saved, sizeof saved);
        ((void (*)(int, siginfo_t *, void *))handler)(sig, &info, &uc);
    } else {
        handler(sig);
    }
    rt_signals.mask = saved;
}

void rt_signal_deliver(void)
{
    uint64_t ready;

    while ((ready = rt_signals.pending & ~rt_signals.mask)) {
        int sig = __builtin_ctzll(ready) + 1;

        rt_signals.pending &= ~(1ULL << (sig - 1));
        deliver(sig);
    }
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
    if (sig < 0 || sig >= RT_NSIG)
        return -EINVAL;
    if ((tgid != 1 && tgid != 0) || tid <= 0)
        return -ESRCH;
    /* signals are the process's: whichever thread runs takes them */
    if (sig == 0)
        return 0;
    rt_signals.pending |= 1ULL << (sig - 1);
    rt_signal_deliver();
    return 0;
}

long sys_tkill(pid_t tid, int sig)
{
    return sys_tgkill(1, tid, sig);
}

long sys_kill(pid_t pid, int sig)
{
    if (pid != 1 && pid != 0 && pid != -1)
        return -ESRCH;
    return sys_tgkill(1, 1, sig);
}
