/*
 * futex: the one primitive musl builds mutexes, condition variables,
 * joins and semaphores on. A waiter parks until FUTEX_WAKE (or a requeue
 * and then a wake) picks it, or its timeout passes; since rt runs one
 * thread at a time, checking the word and parking cannot race.
 */
#include <errno.h>
#include <time.h>

#include "../syscalls.h"
#include "thread.h"

/* from Linux's linux/futex.h, which musl does not ship */
#define FUTEX_WAIT           0
#define FUTEX_WAKE           1
#define FUTEX_REQUEUE        3
#define FUTEX_CMP_REQUEUE    4
#define FUTEX_WAIT_BITSET    9
#define FUTEX_WAKE_BITSET    10
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK       127 /* without the private and clock flags */

static bool valid_timeout(const struct timespec *t)
{
    return t->tv_sec >= 0 && t->tv_nsec >= 0 && t->tv_nsec < 1000000000;
}

static long wait_on(const int *addr, int val, const struct timespec *ts,
                    bool absolute, clockid_t clk)
{
    uint64_t deadline = UINT64_MAX, ns;

    if (!rt_user_ok(addr, sizeof *addr) || (ts && !rt_user_ok(ts, sizeof *ts)))
        return -EFAULT;
    if (*addr != val)
        return -EAGAIN;
    if (ts) {
        if (!valid_timeout(ts))
            return -EINVAL;
        ns = (uint64_t)ts->tv_sec * 1000000000 + (uint64_t)ts->tv_nsec;
        if (!absolute)
            deadline = plat_clock_monotonic() + ns;
        else if (clk == CLOCK_REALTIME) /* convert to the monotonic clock */
            deadline = plat_clock_monotonic() + ns - plat_clock_wall();
        else
            deadline = ns;
    }
    rt_current->futex_addr = addr;
    rt_current->futex_woken = false;
    while (!rt_current->futex_woken) {
        if (plat_clock_monotonic() >= deadline) {
            rt_current->futex_addr = NULL;
            return -ETIMEDOUT;
        }
        if (rt_wait(deadline)) {
            rt_current->futex_addr = NULL;
            return -EINTR;
        }
    }
    return 0;
}

long rt_futex_wake(const int *addr, int n)
{
    size_t count;
    struct rt_thread *t = rt_threads_table(&count);
    long woken = 0;

    for (size_t i = 0; i < count && woken < n; i++) {
        if (t[i].state != T_WAITING || t[i].futex_addr != addr)
            continue;
        t[i].futex_addr = NULL;
        t[i].futex_woken = true;
        woken++;
    }
    if (woken)
        rt_events_changed();
    return woken;
}

/* Wakes up to n waiters on addr and moves up to m of the rest to to. */
static long requeue(const int *addr, int n, int m, const int *to)
{
    size_t count;
    struct rt_thread *t = rt_threads_table(&count);
    long woken = rt_futex_wake(addr, n), moved = 0;

    for (size_t i = 0; i < count && moved < m; i++) {
        if (t[i].state == T_WAITING && t[i].futex_addr == addr) {
            t[i].futex_addr = to;
            moved++;
        }
    }
    return woken + moved;
}

long sys_futex(int *addr, int op, int val, const struct timespec *ts,
               int *addr2, int val3)
{
    int cmd = op & FUTEX_CMD_MASK;
    clockid_t clk =
        op & FUTEX_CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC;

    switch (cmd) {
    case FUTEX_WAIT: return wait_on(addr, val, ts, false, clk);
    case FUTEX_WAIT_BITSET:
        return val3 ? wait_on(addr, val, ts, true, clk) : -EINVAL;
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
        return rt_user_ok(addr, sizeof *addr) ? rt_futex_wake(addr, val)
                                              : -EFAULT;
    case FUTEX_REQUEUE: return requeue(addr, val, (int)(long)ts, addr2);
    case FUTEX_CMP_REQUEUE:
        if (!rt_user_ok(addr, sizeof *addr))
            return -EFAULT;
        if (*addr != val3)
            return -EAGAIN;
        return requeue(addr, val, (int)(long)ts, addr2);
    default: return -ENOSYS; /* priority inheritance: not on one vCPU */
    }
}
