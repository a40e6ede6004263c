/* nanosleep and clock_nanosleep: never return before the time is up. */
#include <errno.h>
#include <time.h>

#include "../rt.h"
#include "../syscalls.h"

static bool valid(const struct timespec *t)
{
    return t->tv_sec >= 0 && t->tv_nsec >= 0 && t->tv_nsec < 1000000000;
}

static uint64_t clock_now(clockid_t clk)
{
    return clk == CLOCK_REALTIME ? plat_clock_wall() : plat_clock_monotonic();
}

static long sleep_until(clockid_t clk, uint64_t deadline)
{
    uint64_t t;

    /* rt_wait takes a monotonic deadline; re-read the clock asked for */
    while ((t = clock_now(clk)) < deadline)
        if (rt_wait(plat_clock_monotonic() + (deadline - t)))
            return -EINTR;
    return 0;
}

long sys_clock_nanosleep(clockid_t clk, int flags, const struct timespec *req,
                         struct timespec *rem)
{
    uint64_t ns;

    if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC &&
        clk != CLOCK_BOOTTIME)
        return clk == CLOCK_THREAD_CPUTIME_ID ? -EINVAL : -EOPNOTSUPP;
    if (!rt_user_ok(req, sizeof *req))
        return -EFAULT;
    if (!valid(req))
        return -EINVAL;
    ns = (uint64_t)req->tv_sec * 1000000000 + (uint64_t)req->tv_nsec;
    if (flags & TIMER_ABSTIME)
        return sleep_until(clk, ns);
    return sleep_until(clk, clock_now(clk) + ns);
}

long sys_nanosleep(const struct timespec *req, struct timespec *rem)
{
    return sys_clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem);
}
