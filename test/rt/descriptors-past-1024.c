// A program that raises its soft RLIMIT_NOFILE (as nginx's
// worker_rlimit_nofile does) can hold thousands of descriptors: 5,000
// eventfds, each usable, the last free one found at the limit, dup2 far
// above 1024; poll and epoll over all of them find the one that is ready
// and take no time per idle one that would matter (a wait over 5,000 idle
// descriptors under 50 ms, i.e. under 10 us each, where the cost grows
// with their number). Compared against Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

#define LIMIT 5000

static int fds[LIMIT];
static struct pollfd pfds[LIMIT];

static uint64_t now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

int main(void)
{
    struct rlimit rl;
    struct epoll_event ev, out[8];
    uint64_t one = 1, t, poll_us, epoll_us;
    int n = 0, ep, e, works = 1, r;

    getrlimit(RLIMIT_NOFILE, &rl);
    // CHECK: hard limit at least 5000: 1
    SAY("hard limit at least %d: %d\n", LIMIT, rl.rlim_max >= LIMIT);
    rl.rlim_cur = LIMIT;
    // CHECK-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> 0
    REPORT(setrlimit(RLIMIT_NOFILE, &rl));

    while (n < LIMIT && (fds[n] = eventfd(0, EFD_NONBLOCK)) >= 0)
        n++;
    e = errno;
    // CHECK-NEXT: eventfds until EMFILE: 4997
    SAY("eventfds until %s: %d\n", errno_name(e), n);
    // CHECK-NEXT: the last at 4999: 1
    SAY("the last at %d: %d\n", LIMIT - 1, fds[n - 1] == LIMIT - 1);
    for (int i = 0; i < n; i++) {
        uint64_t v = 0;

        works &=
            write(fds[i], &one, 8) == 8 && read(fds[i], &v, 8) == 8 && v == 1;
    }
    // CHECK-NEXT: each one counts: 1
    SAY("each one counts: %d\n", works);

    // CHECK-NEXT: close(fds[3000]) -> 0
    REPORT(close(fds[3000]));
    // CHECK-NEXT: dup(0) -> 3003
    REPORT(dup(0));
    // CHECK-NEXT: dup2(0, LIMIT) -> -1 EBADF
    REPORT(dup2(0, LIMIT));
    // CHECK-NEXT: close(fds[4000]) -> 0
    REPORT(close(fds[4000]));
    // CHECK-NEXT: dup2(0, 4003) -> 4003
    REPORT(dup2(0, 4003));
    close(3003);
    close(4003);
    fds[3000] = eventfd(0, EFD_NONBLOCK);
    fds[4000] = eventfd(0, EFD_NONBLOCK);
    // CHECK-NEXT: reopened at 3003 and 4003: 1
    SAY("reopened at 3003 and 4003: %d\n",
        fds[3000] == 3003 && fds[4000] == 4003);

    /* poll over all of them with the one at 4,999 ready */
    for (int i = 0; i < n; i++)
        pfds[i] = (struct pollfd){.fd = fds[i], .events = POLLIN};
    write(fds[n - 1], &one, 8);
    t = now_us();
    r = poll(pfds, (nfds_t)n, 1000);
    poll_us = now_us() - t;
    // CHECK-NEXT: poll: 1 ready, the last: 1
    SAY("poll: %d ready, the last: %d\n", r, pfds[n - 1].revents == POLLIN);

    /* epoll over all of them but itself: ep takes the fd 3,000 freed */
    close(fds[2999]);
    ep = epoll_create1(0);
    // CHECK-NEXT: epoll at 3002: 1
    SAY("epoll at 3002: %d\n", ep == 3002);
    works = 1;
    for (int i = 0; i < n; i++) {
        ev = (struct epoll_event){.events = EPOLLIN, .data.u32 = (uint32_t)i};
        if (i != 2999)
            works &= epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev) == 0;
    }
    // CHECK-NEXT: all added: 1
    SAY("all added: %d\n", works);
    t = now_us();
    r = epoll_wait(ep, out, 8, 1000);
    epoll_us = now_us() - t;
    // CHECK-NEXT: epoll_wait: 1 ready, the last: 1
    SAY("epoll_wait: %d ready, the last: %d\n", r,
        r == 1 && out[0].data.u32 == (uint32_t)n - 1);
    read(fds[n - 1], &one, 8);
    write(fds[10], &one, 8);
    // CHECK-NEXT: epoll_ctl(ep, EPOLL_CTL_DEL, fds[n - 1], NULL) -> 0
    REPORT(epoll_ctl(ep, EPOLL_CTL_DEL, fds[n - 1], NULL));
    close(fds[20]); /* a closed one is dropped from the list */
    r = epoll_wait(ep, out, 8, 1000);
    // CHECK-NEXT: then 1 ready, the tenth: 1
    SAY("then %d ready, the tenth: %d\n", r, r == 1 && out[0].data.u32 == 10);
    // CHECK-NEXT: waits over 5,000 idle under 50 ms: poll 1, epoll 1
    SAY("waits over 5,000 idle under 50 ms: poll %d, epoll %d\n",
        poll_us < 50000, epoll_us < 50000);
    if (getenv("SHOW_TIMES"))
        fprintf(stderr, "poll %llu us, epoll_wait %llu us\n",
                (unsigned long long)poll_us, (unsigned long long)epoll_us);
    return 0;
}
