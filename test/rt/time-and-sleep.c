// Time: clocks agree and move forward, sleeps never end early, and bad
// arguments are errors. Compared to Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

static long long ns(clockid_t c)
{
    struct timespec t;

    clock_gettime(c, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
    struct timespec req = {0, 30 * 1000000}, res, bad = {0, 1000000000};
    struct timeval tv;
    long long t0, t1, wall;

    t0 = ns(CLOCK_MONOTONIC);
    // CHECK: nanosleep(&req, NULL) -> 0
    REPORT(nanosleep(&req, NULL));
    t1 = ns(CLOCK_MONOTONIC);
    // CHECK: slept at least 30ms: 1
    SAY("slept at least 30ms: %d\n", t1 - t0 >= 30 * 1000000);
    for (int i = 0; i < 20; i++) {
        struct timespec tiny = {0, 1000};

        t0 = ns(CLOCK_MONOTONIC);
        nanosleep(&tiny, NULL);
        if (ns(CLOCK_MONOTONIC) - t0 < 1000)
            SAY("woke early\n");
    }
    // CHECK-NOT: woke early
    t0 = ns(CLOCK_MONOTONIC);
    req.tv_nsec = 10 * 1000000;
    clock_gettime(CLOCK_MONOTONIC, &res);
    res.tv_nsec += req.tv_nsec;
    if (res.tv_nsec >= 1000000000) {
        res.tv_sec++;
        res.tv_nsec -= 1000000000;
    }
    // CHECK: clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &res, NULL) -> 0
    REPORT(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &res, NULL));
    // CHECK: absolute: 1
    SAY("absolute: %d\n", ns(CLOCK_MONOTONIC) - t0 >= 10 * 1000000 - 1000);

    wall = ns(CLOCK_REALTIME);
    gettimeofday(&tv, NULL);
    // CHECK: wall clocks agree: 1 1
    SAY("wall clocks agree: %d %d\n",
        tv.tv_sec - wall / 1000000000 <= 1 && tv.tv_sec >= wall / 1000000000,
        time(NULL) >= tv.tv_sec && time(NULL) - tv.tv_sec <= 1);
    // CHECK: after 2020: 1
    SAY("after 2020: %d\n", time(NULL) > 1577836800);
    // CHECK: clock_getres(CLOCK_MONOTONIC, &res) -> 0
    REPORT(clock_getres(CLOCK_MONOTONIC, &res));

    // CHECK: nanosleep(&bad, NULL) -> -1 EINVAL
    REPORT(nanosleep(&bad, NULL));
    // CHECK: syscall(SYS_nanosleep, 8, 0) -> -1 EFAULT
    REPORT(syscall(SYS_nanosleep, 8, 0));
    // CHECK: syscall(SYS_clock_gettime, 99, &res) -> -1 EINVAL
    REPORT(syscall(SYS_clock_gettime, 99, &res));
    // CHECK: syscall(SYS_clock_gettime, CLOCK_REALTIME, 8) -> -1 EFAULT
    REPORT(syscall(SYS_clock_gettime, CLOCK_REALTIME, 8));
    // CHECK: clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL) -> 22
    REPORT(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL));
    return 0;
}
// CHECK: status 0
