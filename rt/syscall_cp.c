/*
 * musl sends every cancellable call (read, write, recv, send, accept,
 * poll, nanosleep, ...) through __syscall_cp. Defining it here, ahead of
 * libc.a in the link, hands those calls to rt as plain function calls: no
 * trap, no signal frame. When the program links pthread_cancel, musl's own
 * __syscall_cp_c is there and keeps its cancellation points exact (those
 * calls then take the ordinary syscall path). Before rt has started, as in
 * a hosted image run with UKCC_PASSTHROUGH=1, the call goes to the host;
 * where the program cannot call rt (plat_user_calls_rt: Xen PV's guest
 * user mode), it goes to rt as an ordinary syscall.
 */
#include "rt.h"

long __syscall_cp_c(long nr, long a, long b, long c, long d, long e, long f)
    __attribute__((weak));
long __syscall_cp(long nr, long a, long b, long c, long d, long e, long f);

bool rt_started;

static long raw_syscall(long nr, long a, long b, long c, long d, long e, long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
                       "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

long __syscall_cp(long nr, long a, long b, long c, long d, long e, long f)
{
    if (__syscall_cp_c)
        return __syscall_cp_c(nr, a, b, c, d, e, f);
    if (!rt_started || !plat_user_calls_rt)
        return raw_syscall(nr, a, b, c, d, e, f);
    return rt_syscall(nr, a, b, c, d, e, f);
}
