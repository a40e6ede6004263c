/* targets/posix: the platform for a Linux process. */
#ifndef UKCC_POSIX_H
#define UKCC_POSIX_H

#include <signal.h>

#include "../../rt/platform.h"

/* host.S */
long posix_host_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
                        long a6);
void posix_sigreturn(void);

#define HOST0(nr)       posix_host_syscall(nr, 0, 0, 0, 0, 0, 0)
#define HOST1(nr, a)    posix_host_syscall(nr, (long)(a), 0, 0, 0, 0, 0)
#define HOST2(nr, a, b) posix_host_syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define HOST3(nr, a, b, c)                                                     \
    posix_host_syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define HOST4(nr, a, b, c, d)                                                  \
    posix_host_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define HOST6(nr, a, b, c, d, e, f)                                            \
    posix_host_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d),         \
                       (long)(e), (long)(f))

/* the kernel's struct sigaction, for the host handlers rt installs */
struct ksigaction {
    void (*handler)(int, siginfo_t *, void *);
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};
#define KSA_RESTORER 0x04000000

/* tap.c: the network device (UKCC_NET_TAP) */
extern char **posix_envp;
int posix_tap_fd(void); /* -1: none */

/* dispatch.c */
int posix_dispatch_enable(void);

/* fault.c */
void posix_fault_reports(void);

#endif
