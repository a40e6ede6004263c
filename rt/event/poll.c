/* poll, ppoll, select and pselect6 over every kind of file. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/time.h>

#include "../rt.h"
#include "../syscalls.h"

/* A timeout in ms (negative: none) as a monotonic deadline. */
static uint64_t deadline_ms(int ms)
{
    return ms < 0 ? UINT64_MAX
                  : plat_clock_monotonic() + (uint64_t)ms * 1000000;
}

static bool timespec_deadline(const struct timespec *ts, uint64_t *deadline)
{
    if (!ts) {
        *deadline = UINT64_MAX;
        return true;
    }
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
        return false;
    *deadline = plat_clock_monotonic() + (uint64_t)ts->tv_sec * 1000000000 +
                (uint64_t)ts->tv_nsec;
    return true;
}

static int scan(struct pollfd *fds, nfds_t n)
{
    int ready = 0;

    if (rt_net_pump) /* sockets' readiness: frames first, once per scan */
        rt_net_pump();

    for (nfds_t i = 0; i < n; i++) {
        struct rt_file *f = fds[i].fd < 0 ? NULL : rt_fd_get(fds[i].fd);

        fds[i].revents = 0;
        if (fds[i].fd < 0)
            continue;
        if (!f)
            fds[i].revents = POLLNVAL;
        else
            fds[i].revents =
                (short)(rt_file_poll(f) &
                        ((unsigned)fds[i].events | POLLHUP | POLLERR));
        ready += fds[i].revents != 0;
    }
    return ready;
}

static long do_poll(struct pollfd *fds, nfds_t n, uint64_t deadline)
{
    int ready;
    long err;

    if (n > rt_rlimit(RLIMIT_NOFILE))
        return -EINVAL; /* Linux's bound: nfds up to the soft limit */
    if (!rt_user_ok(fds, n * sizeof *fds))
        return -EFAULT;
    while (!(ready = scan(fds, n)) && plat_clock_monotonic() < deadline)
        if ((err = rt_wait(deadline)))
            return err;
    return ready;
}

long sys_poll(struct pollfd *fds, nfds_t n, int timeout)
{
    return do_poll(fds, n, deadline_ms(timeout));
}

/* The signal mask is swapped in for the wait, as ppoll promises. */
long sys_ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts,
               const sigset_t *mask, size_t setsize)
{
    uint64_t deadline;
    sigset_t old;
    long r;

    if (ts && !rt_user_ok(ts, sizeof *ts))
        return -EFAULT;
    if (!timespec_deadline(ts, &deadline))
        return -EINVAL;
    if (mask && (r = sys_rt_sigprocmask(SIG_SETMASK, mask, &old, setsize)))
        return r;
    r = do_poll(fds, n, deadline);
    if (mask)
        sys_rt_sigprocmask(SIG_SETMASK, &old, NULL, setsize);
    return r;
}

static long do_select(int n, fd_set *rd, fd_set *wr, fd_set *ex,
                      uint64_t deadline)
{
    fd_set *sets[3] = {rd, wr, ex}, in[3];
    const unsigned want[3] = {POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR,
                              POLLPRI};

    if (n < 0 || n > FD_SETSIZE)
        return -EINVAL;
    for (int s = 0; s < 3; s++) {
        if (sets[s] && !rt_user_ok(sets[s], sizeof(fd_set)))
            return -EFAULT;
        FD_ZERO(&in[s]);
        if (sets[s])
            in[s] = *sets[s];
        for (int fd = 0; fd < n; fd++)
            if (FD_ISSET(fd, &in[s]) && !rt_fd_get(fd))
                return -EBADF;
    }
    for (;;) {
        int ready = 0;

        if (rt_net_pump) /* sockets' readiness: frames first, once per scan */
            rt_net_pump();
        for (int s = 0; s < 3; s++) {
            if (!sets[s])
                continue;
            FD_ZERO(sets[s]);
            for (int fd = 0; fd < n; fd++) {
                if (!FD_ISSET(fd, &in[s]) ||
                    !(rt_file_poll(rt_fd_get(fd)) & want[s]))
                    continue;
                FD_SET(fd, sets[s]);
                ready++;
            }
        }
        if (ready || plat_clock_monotonic() >= deadline)
            return ready;
        for (int s = 0; s < 3; s++)
            if (sets[s])
                *sets[s] = in[s];
        if (rt_wait(deadline))
            return -EINTR;
    }
}

long sys_select(int n, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv)
{
    uint64_t deadline = UINT64_MAX, now;
    long r;

    if (tv) {
        if (!rt_user_ok(tv, sizeof *tv))
            return -EFAULT;
        if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
            return -EINVAL;
        deadline = plat_clock_monotonic() + (uint64_t)tv->tv_sec * 1000000000 +
                   (uint64_t)tv->tv_usec * 1000;
    }
    r = do_select(n, rd, wr, ex, deadline);
    if (tv && r >= 0) { /* Linux leaves the time not slept in *tv */
        now = plat_clock_monotonic();
        now = now < deadline ? deadline - now : 0;
        tv->tv_sec = (time_t)(now / 1000000000);
        tv->tv_usec = (suseconds_t)(now % 1000000000 / 1000);
    }
    return r;
}

long sys_pselect6(int n, fd_set *rd, fd_set *wr, fd_set *ex,
                  const struct timespec *ts, const void *sig)
{
    /* the sixth argument: { const sigset_t *mask; size_t size; } */
    const struct {
        const sigset_t *mask;
        size_t size;
    } *s = sig;
    uint64_t deadline;
    sigset_t old;
    long r;

    if ((ts && !rt_user_ok(ts, sizeof *ts)) || (s && !rt_user_ok(s, 16)))
        return -EFAULT;
    if (!timespec_deadline(ts, &deadline))
        return -EINVAL;
    if (s && s->mask &&
        (r = sys_rt_sigprocmask(SIG_SETMASK, s->mask, &old, s->size)))
        return r;
    r = do_select(n, rd, wr, ex, deadline);
    if (s && s->mask)
        sys_rt_sigprocmask(SIG_SETMASK, &old, NULL, s->size);
    return r;
}
