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

extern struct rt_signals {
    struct rt_sigaction action[RT_NSIG];
    uint64_t mask, pending;
    stack_t altstack;
} rt_signals;

/* kill.c: runs the handlers of pending, unblocked signals, or applies
 * their default action. */
void rt_signal_deliver(void);

#endif
