/* Signal state shared by action.c (dispositions, mask) and kill.c. */
#ifndef UKCC_RT_SIGNAL_H
#define UKCC_RT_SIGNAL_H

#include <signal.h>

#include "../rt.h"

#define RT_NSIG 65

/* the kernel's struct sigaction, which rt_sigaction takes */
struct rt_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

/* dispositions and pending signals are the process's; each thread has its
 * own mask (struct rt_thread's sig_mask), as musl expects: its
 * pthread_exit blocks every signal in the exiting thread only */
extern struct rt_signals {
    struct rt_sigaction action[RT_NSIG];
    uint64_t pending;
} rt_signals;

/* kill.c: runs the handlers of the current thread's deliverable signals
 * (or applies their default action); returns RT_SIG_* bits */
#define RT_SIG_RAN        1 /* a handler ran */
#define RT_SIG_NO_RESTART 2 /* ... without SA_RESTART, or moved the thread */
int rt_signal_deliver(bool interrupted); /* the syscall returned EINTR */
bool rt_signal_pending(void); /* something rt_signal_deliver would act on */
bool rt_on_altstack(void);    /* the thread runs on its sigaltstack */

#endif
