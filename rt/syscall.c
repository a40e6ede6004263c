/*
 * The dispatcher: one handler per Linux x86-64 syscall number. A number
 * without a handler returns -ENOSYS, and with UKCC_DEBUG=1 is named once on
 * the console, so a missing call shows up without taking the program down.
 */
#include <errno.h>
#include <sys/syscall.h>

#include "rt.h"
#include "signal/signal.h"
#include "syscalls.h"
#include "thread/thread.h"

/*
 * Handlers are declared with their real argument types and called through
 * one six-long type. On x86-64 every argument travels in a register, so the
 * callee reads exactly what the caller put there; the kernel's own table
 * relied on the same for years.
 */
typedef long (*handler)(long, long, long, long, long, long);

/*
 * The socket family is linked only into images whose program can make a
 * socket call (net/socket_calls.S says how and why). Here the references
 * are weak: without it, its entries are NULL and answer -ENOSYS, which no
 * musl function can reach, as only the calls that bring it issue them.
 */
#define HANDLER(name)                                                          \
    extern __typeof__(sys_##name) sys_##name __attribute__((weak));
#include "net/handlers.def"
#undef HANDLER

static const handler table[] = {
#define S(name)         [SYS_##name] = (handler)(void (*)(void))sys_##name
#define ALIAS(name, to) [SYS_##name] = (handler)(void (*)(void))sys_##to
    S(read),
    S(write),
    S(open),
    S(close),
    S(fstat),
    S(lseek),
    S(mmap),
    S(mprotect),
    S(munmap),
    S(brk),
    S(rt_sigaction),
    S(rt_sigprocmask),
    S(ioctl),
    S(pread64),
    S(pwrite64),
    S(readv),
    S(writev),
    S(mremap),
    S(madvise),
    S(msync),
    S(dup),
    S(dup2),
    S(nanosleep),
    S(getpid),
    S(exit_group),
    S(kill),
    S(uname),
    S(fcntl),
    S(gettimeofday),
    S(getrlimit),
    S(sysinfo),
    S(getuid),
    S(getppid),
    S(sigaltstack),
    S(arch_prctl),
    S(setrlimit),
    S(gettid),
    S(time),
    S(set_tid_address),
    S(clock_gettime),
    S(clock_getres),
    S(clock_nanosleep),
    S(tgkill),
    S(openat),
    S(set_robust_list),
    S(dup3),
    S(prlimit64),
    S(getrandom),
    S(umask),
    S(tkill),
    S(clone),
    S(exit),
    S(sched_yield),
    S(futex),
    S(pipe),
    S(pipe2),
    S(eventfd),
    S(eventfd2),
    S(poll),
    S(ppoll),
    S(select),
    S(pselect6),
    S(epoll_create),
    S(epoll_create1),
    S(epoll_ctl),
    S(epoll_wait),
    S(epoll_pwait),
    ALIAS(geteuid, getuid),
/* net/ */
#define HANDLER(name) S(name),
#include "net/handlers.def"
#undef HANDLER
    ALIAS(getgid, getuid),
    ALIAS(getegid, getuid),
    /* fs/ */
    S(creat),
    S(stat),
    S(lstat),
    S(newfstatat),
    S(statx),
    S(access),
    S(faccessat),
    S(faccessat2),
    S(getdents64),
    S(getcwd),
    S(chdir),
    S(fchdir),
    S(readlink),
    S(readlinkat),
    S(mkdir),
    S(mkdirat),
    S(unlink),
    S(unlinkat),
    S(rmdir),
    S(rename),
    S(renameat),
    S(renameat2),
    S(truncate),
    S(ftruncate),
    S(fsync),
    S(chmod),
    S(fchmod),
    S(fchmodat),
    S(chown),
    S(lchown),
    S(fchown),
    S(fchownat),
    S(utimensat),
    S(fdatasync),
#undef S
#undef ALIAS
};

#define NSYSCALLS (long)(sizeof table / sizeof table[0])

static void report_missing(long nr)
{
    static unsigned char seen[512];

    if (!rt_debug)
        return;
    if (nr >= 0 && nr < (long)sizeof seen) {
        if (seen[nr])
            return;
        seen[nr] = 1;
    }
    rt_log("syscall %ld is not implemented: -ENOSYS", nr);
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

    if (nr < 0 || nr >= NSYSCALLS || !table[nr]) {
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
