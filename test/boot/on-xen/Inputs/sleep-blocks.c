/*
 * Sleeps for argv[1] ms (default 3000) with nanosleep, so rt's scheduler
 * calls plat_block with the deadline, and reports how long it took and
 * how many event upcalls the platform took meanwhile: a vCPU that blocks
 * takes one or two (the timer), one that polled would take none or many.
 * "sleeping" tells dom0 when to look at the domain's state.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* the target's count of event channel upcalls (evtchn.c) */
uint64_t xen_evtchn_upcalls(void);

int main(int argc, char **argv)
{
    long ms = argc > 1 ? atol(argv[1]) : 3000;
    struct timespec a, b, d = {ms / 1000, ms % 1000 * 1000000};
    uint64_t up;

    printf("sleeping %ld ms\n", ms);
    fflush(stdout);
    up = xen_evtchn_upcalls();
    clock_gettime(CLOCK_MONOTONIC, &a);
    nanosleep(&d, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("slept %ld ms, %llu upcalls\n",
           (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000,
           (unsigned long long)(xen_evtchn_upcalls() - up));
    return 0;
}
