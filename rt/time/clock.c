/* clock_gettime and friends, from the platform's two clocks. */
#include <errno.h>
#include <sys/time.h>
#include <time.h>

#include "../rt.h"
#include "../syscalls.h"

/* Nanoseconds on the clock clk names, or -EINVAL. Process and thread CPU
 * time are the time since boot: one program owns the CPU. */
static int64_t now(clockid_t clk)
{
    switch (clk) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
    case CLOCK_TAI: return (int64_t)plat_clock_wall();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID: return (int64_t)plat_clock_monotonic();
    default: return -EINVAL;
    }
}

long sys_clock_gettime(clockid_t clk, struct timespec *ts)
{
    int64_t ns = now(clk);

    if (ns < 0)
        return ns;
    if (!rt_user_ok(ts, sizeof *ts))
        return -EFAULT;
    ts->tv_sec = ns / 1000000000;
    ts->tv_nsec = ns % 1000000000;
    return 0;
}

long sys_clock_getres(clockid_t clk, struct timespec *ts)
{
    if (now(clk) < 0)
        return -EINVAL;
    if (!ts)
        return 0;
    if (!rt_user_ok(ts, sizeof *ts))
        return -EFAULT;
    ts->tv_sec = 0;
    ts->tv_nsec = 1;
    return 0;
}

long sys_gettimeofday(struct timeval *tv, struct timezone *tz)
{
    uint64_t ns = plat_clock_wall();

    if (tv) {
        if (!rt_user_ok(tv, sizeof *tv))
            return -EFAULT;
        tv->tv_sec = (time_t)(ns / 1000000000);
        tv->tv_usec = (suseconds_t)(ns % 1000000000 / 1000);
    }
    if (tz) {
        if (!rt_user_ok(tz, sizeof *tz))
            return -EFAULT;
        tz->tz_minuteswest = 0; /* UTC: there is no /etc/localtime */
        tz->tz_dsttime = 0;
    }
    return 0;
}

long sys_time(time_t *t)
{
    time_t s = (time_t)(plat_clock_wall() / 1000000000);

    if (t) {
        if (!rt_user_ok(t, sizeof *t))
            return -EFAULT;
        *t = s;
    }
    return s;
}
