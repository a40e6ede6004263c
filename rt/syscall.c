/*
 * The dispatcher: one handler per Linux x86-64 syscall number. A number
 * without a handler returns -ENOSYS, and with UKCC_DEBUG=1 is named once on
 * the console, so a missing call shows up without taking the program down.
 */
#include <errno.h>

#include "rt.h"
#include "signal/signal.h"
#include "thread/thread.h"

/*
 * Handlers are declared with their real argument types and called through
 * one six-long type. On x86-64 every argument travels in a register, so the
 * callee reads exactly what the caller put there; the kernel's own table
 * relied on the same for years.
 */
typedef long (*handler)(long, long, long, long, long, long);

/*
 * The table is filled at boot from (number, handler) pairs in the section
 * ukcc_syscalls, which the image's libc members bring: each member that
 * makes a system call carries the pairs for the calls it can make
 * (libc_calls.py builds them into libukcc_calls.a), so an image links the
 * handlers its libc functions can reach and no others. A number without a
 * pair answers -ENOSYS; no libc function in the image issues it.
 * Handlers sit below 4 GiB on every target (static, non-PIE images).
 */
struct syscall_pair {
    uint32_t nr, handler;
};
extern const struct syscall_pair __start_ukcc_syscalls[] __attribute__((weak));
extern const struct syscall_pair __stop_ukcc_syscalls[] __attribute__((weak));

static handler table[RT_SYSCALL_MAX];

void rt_syscall_init(void)
{
    for (const struct syscall_pair *p = __start_ukcc_syscalls;
         p < __stop_ukcc_syscalls; p++)
        if (p->nr < RT_SYSCALL_MAX)
            table[p->nr] = (handler)(uintptr_t)p->handler;
}

static void report_missing(long nr)
{
    static unsigned char seen[RT_SYSCALL_MAX];

    if (!rt_debug)
        return;
    if (nr >= 0 && nr < RT_SYSCALL_MAX) {
        if (seen[nr])
            return;
        seen[nr] = 1;
    }
    rt_log("syscall %ld is not implemented, or not linked into this image: "
           "-ENOSYS",
           nr);
}

void *rt_syscall_frame(void *frame)
{
    void *old = rt_current->syscall_frame;

    rt_current->syscall_frame = frame;
    return old;
}

long rt_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    rt_events_changed(); /* any call may be what a waiting thread needs */
    long ret;

    if (nr < 0 || nr >= RT_SYSCALL_MAX || !table[nr]) {
        report_missing(nr);
        return -ENOSYS;
    }
    for (;;) {
        ret = table[nr](a1, a2, a3, a4, a5, a6);
        /* signals for this thread run on its way out of the kernel, as on
         * Linux; an interrupted call restarts if every handler allows it */
        if (!rt_signal_pending())
            return ret;
        if (rt_signal_deliver(ret == -EINTR) & RT_SIG_NO_RESTART ||
            ret != -EINTR)
            return ret;
    }
}
