/*
 * Syscall cost inside a hosted image, printed in ns per call:
 *   trap:   syscall(SYS_getpid), which Syscall User Dispatch sends to rt
 *           through SIGSYS (or, with UKCC_PASSTHROUGH=1, to Linux);
 *   cp:     write(fd, "", 0), a cancellable call that reaches rt through
 *           the interposed __syscall_cp (or Linux, in passthrough);
 *   direct: rt_syscall(SYS_getpid) called as a function, for callgrind.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

long rt_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
                long a6);

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "trap";
    long n = argc > 2 ? atol(argv[2]) : 100000;
    int fd = open("/dev/null", O_WRONLY);
    double t0 = now();

    for (long i = 0; i < n; i++) {
        if (strcmp(what, "trap") == 0)
            syscall(SYS_getpid);
        else if (strcmp(what, "cp") == 0)
            write(fd, "", 0);
        else
            rt_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
    }
    printf("%.1f\n", (now() - t0) / n);
    return 0;
}
