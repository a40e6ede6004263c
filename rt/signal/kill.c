/*
 * Sending and delivering signals. The only process can only signal itself.
 * A signal a thread sends itself is delivered at once, before the call
 * returns, as POSIX asks (raise, abort). A signal for another thread waits
 * until that thread runs: if it is blocked in a syscall, the call ends with
 * EINTR (or restarts, for SA_RESTART handlers) and the handler runs on the
 * way out, as on Linux.
 */
#include <errno.h>
#include <string.h>
#include <ucontext.h>

#include "../rt.h"
#include "../syscalls.h"
#include "../thread/thread.h"
#include "signal.h"

/* The signals whose default action is to do nothing. */
static bool ignored_by_default(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

/* signal(7)'s "Core" action */
static bool dumps_core(int sig)
{
    return sig == SIGABRT || sig == SIGQUIT || sig == SIGILL ||
           sig == SIGTRAP || sig == SIGBUS || sig == SIGFPE || sig == SIGSEGV ||
           sig == SIGSYS || sig == SIGXCPU || sig == SIGXFSZ;
}

/*
 * Whether the thread runs on its sigaltstack: the program's stack pointer
 * at its syscall lies in it, or rt's own does, where the program called
 * rt as a plain function on its stack (rt/syscall_cp.c).
 */
bool rt_on_altstack(void)
{
    struct plat_regs r;
    uintptr_t base = rt_current->altstack;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);

    if (!base)
        return false;
    plat_syscall_regs(rt_current->syscall_frame, &r);
    return r.rsp - base < rt_current->altstack_size ||
           here - base < rt_current->altstack_size;
}

/* Where sig's handler runs: the top of the sigaltstack for an SA_ONSTACK
 * handler, unless the thread is on it already; else 0, as usual. */
static uintptr_t handler_stack(const struct rt_sigaction *a)
{
    if (!(a->flags & SA_ONSTACK) || !rt_current->altstack || rt_on_altstack())
        return 0;
    return rt_current->altstack + rt_current->altstack_size;
}

/* A handler's run leaves the thread's vector state as it found it, as
 * Linux's sigreturn does: the code it interrupted may hold values there. */
static void run_handler(void *handler, long sig, long info, long uc,
                        uintptr_t stack)
{
    void *fpu = __builtin_alloca(rt_fpu_area_size());

    rt_fpu_save(fpu);
    plat_user_call(handler, sig, info, uc, stack);
    rt_fpu_restore(fpu);
}

/*
 * Runs sig's action for the current thread. Returns RT_SIG_* bits. For a
 * call a signal interrupted (interrupted), an SA_RESTART handler sees the
 * PC on the syscall instruction, as Linux shows it before restarting: musl
 * decides from that PC whether a thread was at a cancellation point.
 */
static int deliver(int sig, bool interrupted)
{
    struct rt_sigaction *a = &rt_signals.action[sig];
    void (*handler)(int) = a->handler;
    uint64_t saved = rt_current->sig_mask;
    uintptr_t stack = handler_stack(a);
    int result = RT_SIG_RAN;

    if (handler == SIG_IGN || (handler == SIG_DFL && ignored_by_default(sig)))
        return 0;
    if (handler == SIG_DFL) {
        rt_log("terminated by signal %d", sig);
        if (dumps_core(sig)) {
            /* where the program sent it (abort's raise): Linux would
             * leave a core dump, rt leaves a backtrace */
            struct plat_regs r;

            plat_syscall_regs(rt_current->syscall_frame, &r);
            rt_backtrace(r.rip, r.rbp, r.rsp);
        }
        rt_exit(128 + sig);
    }
    if (a->flags & SA_RESETHAND)
        a->handler = SIG_DFL;
    if (!(a->flags & SA_RESTART))
        result |= RT_SIG_NO_RESTART;
    rt_current->sig_mask |= a->mask;
    if (!(a->flags & SA_NODEFER))
        rt_current->sig_mask |= 1ULL << (sig - 1);
    if (a->flags & SA_SIGINFO) {
        siginfo_t info = {.si_signo = sig, .si_code = SI_TKILL, .si_pid = 1};
        ucontext_t uc = {0};
        struct plat_regs r;

        /* handlers see the syscall's context, and may send the thread
         * elsewhere (musl's cancellation handler moves the PC of a thread
         * blocked at a cancellation point to its exit path) */
        plat_syscall_regs(rt_current->syscall_frame, &r);
        if (interrupted && (a->flags & SA_RESTART) && r.rip)
            r.rip -= 2; /* the length of the syscall instruction */
        uc.uc_mcontext.gregs[REG_RIP] = (greg_t)r.rip;
        uc.uc_mcontext.gregs[REG_RSP] = (greg_t)r.rsp;
        uc.uc_mcontext.gregs[REG_RAX] = (greg_t)r.rax;
        memcpy(&uc.uc_sigmask, &saved, sizeof saved);
        run_handler((void *)handler, sig, (long)&info, (long)&uc, stack);
        if (r.rip && (uint64_t)uc.uc_mcontext.gregs[REG_RIP] != r.rip) {
            /* the handler moved the thread: it leaves the call there */
            plat_syscall_set_rip(rt_current->syscall_frame,
                                 (uint64_t)uc.uc_mcontext.gregs[REG_RIP]);
            result |= RT_SIG_NO_RESTART;
        }
    } else {
        run_handler((void *)handler, sig, 0, 0, stack);
    }
    rt_current->sig_mask = saved;
    return result;
}

/* What the current thread may take now: the process's and its own. */
static uint64_t deliverable(void)
{
    return (rt_signals.pending | rt_current->sig_pending) &
           ~rt_current->sig_mask;
}

bool rt_signal_pending(void)
{
    uint64_t ready = deliverable();

    for (int sig = 1; ready; sig++, ready >>= 1) {
        void (*h)(int) = rt_signals.action[sig].handler;

        if ((ready & 1) && h != SIG_IGN &&
            !(h == SIG_DFL && ignored_by_default(sig)))
            return true;
    }
    return false;
}

int rt_signal_deliver(bool interrupted)
{
    uint64_t ready;
    int result = 0;

    while ((ready = deliverable())) {
        int sig = __builtin_ctzll(ready) + 1;
        uint64_t bit = 1ULL << (sig - 1);

        rt_signals.pending &= ~bit;
        rt_current->sig_pending &= ~bit;
        result |= deliver(sig, interrupted);
    }
    return result;
}

/* A signal for one thread; the process's signals go to whichever runs. */
long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
    struct rt_thread *t = rt_thread_by_tid(tid);

    if (sig < 0 || sig >= RT_NSIG)
        return -EINVAL;
    if ((tgid != 1 && tgid != 0) || !t)
        return -ESRCH;
    if (sig == 0)
        return 0;
    t->sig_pending |= 1ULL << (sig - 1);
    if (t == rt_current)
        rt_signal_deliver(false);
    else
        rt_events_changed(); /* it may be waiting: let it see */
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
    if (sig < 0 || sig >= RT_NSIG)
        return -EINVAL;
    if (sig == 0)
        return 0;
    rt_signals.pending |= 1ULL << (sig - 1);
    rt_signal_deliver(false);
    return 0;
}
