/*
 * Signal dispositions and the mask, kept as Linux keeps them, so musl's
 * sigaction, sigprocmask, raise and abort behave. Delivery is kill.c's.
 */
#include <errno.h>
#include <string.h>

#include "../rt.h"
#include "../syscalls.h"
#include "../thread/thread.h"
#include "signal.h"

struct rt_signals rt_signals;

static bool valid(int sig)
{
    return sig >= 1 && sig < RT_NSIG;
}

long sys_rt_sigaction(int sig, const void *act, void *old, size_t setsize)
{
    const struct rt_sigaction *new = act;

    if (setsize != sizeof(uint64_t) || !valid(sig))
        return -EINVAL;
    if (new && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    if ((new && !rt_user_ok(new, sizeof *new)) ||
        (old && !rt_user_ok(old, sizeof *new)))
        return -EFAULT;
    if (old)
        memcpy(old, &rt_signals.action[sig], sizeof *new);
    if (new)
        rt_signals.action[sig] = *new;
    return 0;
}

long sys_rt_sigprocmask(int how, const sigset_t *set, sigset_t *old,
                        size_t setsize)
{
    const uint64_t never = 1ULL << (SIGKILL - 1) | 1ULL << (SIGSTOP - 1);
    uint64_t bits;

    if (setsize != sizeof(uint64_t))
        return -EINVAL;
    if ((set && !rt_user_ok(set, setsize)) ||
        (old && !rt_user_ok(old, setsize)))
        return -EFAULT;
    if (set) {
        memcpy(&bits, set, sizeof bits);
        if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
            return -EINVAL;
    }
    if (old)
        memcpy(old, &rt_current->sig_mask, sizeof bits);
    if (!set)
        return 0;
    if (how == SIG_BLOCK)
        rt_current->sig_mask |= bits;
    else if (how == SIG_UNBLOCK)
        rt_current->sig_mask &= ~bits;
    else
        rt_current->sig_mask = bits;
    rt_current->sig_mask &= ~never;
    rt_signal_deliver(false);
    return 0;
}

/* Each thread's own, as on Linux; SA_ONSTACK handlers run on it (kill.c). */
long sys_sigaltstack(const stack_t *ss, stack_t *old)
{
    struct rt_thread *t = rt_current;
    bool on = rt_on_altstack();
    stack_t want;

    if ((ss && !rt_user_ok(ss, sizeof *ss)) ||
        (old && !rt_user_ok(old, sizeof *old)))
        return -EFAULT;
    if (ss) {
        want = *ss; /* ss and old may be the same */
        if (on)
            return -EPERM;
        if (want.ss_flags != 0 && want.ss_flags != SS_ONSTACK &&
            want.ss_flags != SS_DISABLE)
            return -EINVAL;
        if (want.ss_flags != SS_DISABLE && want.ss_size < MINSIGSTKSZ)
            return -ENOMEM;
    }
    if (old)
        *old = (stack_t){.ss_sp = (void *)t->altstack,
                         .ss_size = t->altstack_size,
                         .ss_flags = on            ? SS_ONSTACK
                                     : t->altstack ? 0
                                                   : SS_DISABLE};
    if (ss) {
        bool off = want.ss_flags == SS_DISABLE;

        t->altstack = off ? 0 : (uintptr_t)want.ss_sp;
        t->altstack_size = off ? 0 : want.ss_size;
    }
    return 0;
}
