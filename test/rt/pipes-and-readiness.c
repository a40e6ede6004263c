// Pipes and eventfd, and their readiness through poll, select and epoll
// (level, edge and one-shot). Compared to Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

static long long now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

int main(void)
{
    int p[2], q[2], n, efd, ep;
    char buf[100000];
    struct pollfd pf[2];
    struct epoll_event ev, out[4];
    struct stat st;
    fd_set rd, wr;
    struct timeval tv = {0, 0};
    uint64_t v;
    long long t0;

    // CHECK: pipe(p) -> 0
    REPORT(pipe(p));
    // CHECK: fstat(p[0], &st) -> 0
    REPORT(fstat(p[0], &st));
    // CHECK: fifo 1
    SAY("fifo %d\n", S_ISFIFO(st.st_mode));
    // CHECK: write(p[1], "hello", 5) -> 5
    REPORT(write(p[1], "hello", 5));
    // CHECK: ioctl(p[0], FIONREAD, &n) -> 0
    REPORT(ioctl(p[0], FIONREAD, &n));
    // CHECK: fionread 5
    SAY("fionread %d\n", n);
    pf[0] = (struct pollfd){.fd = p[0], .events = POLLIN};
    pf[1] = (struct pollfd){.fd = p[1], .events = POLLOUT};
    // CHECK: poll(pf, 2, 0) -> 2
    REPORT(poll(pf, 2, 0));
    // CHECK: revents 1 4
    SAY("revents %d %d\n", pf[0].revents, pf[1].revents);
    // CHECK: read(p[0], buf, 3) -> 3
    REPORT(read(p[0], buf, 3));
    // CHECK: read(p[0], buf, sizeof buf) -> 2
    REPORT(read(p[0], buf, sizeof buf));
    // CHECK: poll(pf, 1, 0) -> 0
    REPORT(poll(pf, 1, 0));
    t0 = now_ms();
    // CHECK: poll(pf, 1, 50) -> 0
    REPORT(poll(pf, 1, 50));
    // CHECK: waited 1
    SAY("waited %d\n", now_ms() - t0 >= 50);
    // CHECK: fcntl(p[0], F_SETFL, O_NONBLOCK) -> 0
    REPORT(fcntl(p[0], F_SETFL, O_NONBLOCK));
    // CHECK: read(p[0], buf, 1) -> -1 EAGAIN
    REPORT(read(p[0], buf, 1));

    // filling the pipe: 64 KiB, then EAGAIN
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    // CHECK: write(p[1], buf, sizeof buf) -> 65536
    REPORT(write(p[1], buf, sizeof buf));
    // CHECK: write(p[1], buf, 1) -> -1 EAGAIN
    REPORT(write(p[1], buf, 1));
    // CHECK: read(p[0], buf, sizeof buf) -> 65536
    REPORT(read(p[0], buf, sizeof buf));

    // the writer goes: end of file, and POLLHUP
    close(p[1]);
    // CHECK: poll(pf, 1, 0) -> 1
    REPORT(poll(pf, 1, 0));
    // CHECK: hup 16
    SAY("hup %d\n", pf[0].revents);
    // CHECK: read(p[0], buf, 1) -> 0
    REPORT(read(p[0], buf, 1));
    // the reader goes: EPIPE (SIGPIPE ignored here)
    signal(SIGPIPE, SIG_IGN);
    pipe(q);
    close(q[0]);
    // CHECK: write(q[1], "x", 1) -> -1 EPIPE
    REPORT(write(q[1], "x", 1));

    // select
    pipe2(q, O_CLOEXEC);
    write(q[1], "ab", 2);
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(q[0], &rd);
    FD_SET(q[1], &wr);
    // CHECK: select(q[1] + 1, &rd, &wr, NULL, &tv) -> 2
    REPORT(select(q[1] + 1, &rd, &wr, NULL, &tv));
    // CHECK: sets 1 1
    SAY("sets %d %d\n", FD_ISSET(q[0], &rd), FD_ISSET(q[1], &wr));
    FD_ZERO(&rd);
    FD_SET(20, &rd); /* closed, and inside Linux's fd table */
    // CHECK: select(21, &rd, NULL, NULL, &tv) -> -1 EBADF
    REPORT(select(21, &rd, NULL, NULL, &tv));

    // eventfd
    efd = eventfd(3, EFD_NONBLOCK | EFD_SEMAPHORE);
    // CHECK: read(efd, &v, 8) -> 8
    REPORT(read(efd, &v, 8));
    // CHECK: semaphore 1
    SAY("semaphore %d\n", (int)v);
    v = 5;
    // CHECK: write(efd, &v, 8) -> 8
    REPORT(write(efd, &v, 8));
    // CHECK: read(efd, &v, 4) -> -1 EINVAL
    REPORT(read(efd, &v, 4));

    // epoll: level-triggered reports until drained
    ep = epoll_create1(EPOLL_CLOEXEC);
    ev = (struct epoll_event){.events = EPOLLIN, .data.u32 = 1};
    // CHECK: epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev) -> 0
    REPORT(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
    // CHECK: epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev) -> -1 EEXIST
    REPORT(epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
    // CHECK: epoll_wait(ep, out, 4, 0) -> 1
    REPORT(epoll_wait(ep, out, 4, 0));
    // CHECK: data 1 events 1
    SAY("data %u events %u\n", out[0].data.u32, out[0].events);
    // CHECK: epoll_wait(ep, out, 4, 0) -> 1
    REPORT(epoll_wait(ep, out, 4, 0));
    read(q[0], buf, 2);
    // CHECK: epoll_wait(ep, out, 4, 20) -> 0
    REPORT(epoll_wait(ep, out, 4, 20));
    // edge-triggered: once per arrival
    ev.events = EPOLLIN | EPOLLET;
    // CHECK: epoll_ctl(ep, EPOLL_CTL_MOD, q[0], &ev) -> 0
    REPORT(epoll_ctl(ep, EPOLL_CTL_MOD, q[0], &ev));
    write(q[1], "c", 1);
    // CHECK: epoll_wait(ep, out, 4, 0) -> 1
    REPORT(epoll_wait(ep, out, 4, 0));
    // CHECK: epoll_wait(ep, out, 4, 0) -> 0
    REPORT(epoll_wait(ep, out, 4, 0));
    read(q[0], buf, 1);
    // one-shot: reports once, until re-armed
    ev.events = EPOLLIN | EPOLLONESHOT;
    epoll_ctl(ep, EPOLL_CTL_MOD, q[0], &ev);
    write(q[1], "d", 1);
    // CHECK: epoll_wait(ep, out, 4, 0) -> 1
    REPORT(epoll_wait(ep, out, 4, 0));
    // CHECK: epoll_wait(ep, out, 4, 0) -> 0
    REPORT(epoll_wait(ep, out, 4, 0));
    // CHECK: epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL) -> 0
    REPORT(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL));
    // CHECK: epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL) -> -1 ENOENT
    REPORT(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL));
    // CHECK: epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev) -> -1 EINVAL
    REPORT(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
    // CHECK: epoll_wait(ep, out, 0, 0) -> -1 EINVAL
    REPORT(epoll_wait(ep, out, 0, 0));
    // CHECK: epoll_wait(q[0], out, 1, 0) -> -1 EINVAL
    REPORT(epoll_wait(q[0], out, 1, 0));
    // eventfd through epoll
    ev = (struct epoll_event){.events = EPOLLIN, .data.u32 = 2};
    epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
    // CHECK: epoll_wait(ep, out, 4, 0) -> 1
    REPORT(epoll_wait(ep, out, 4, 0));
    // CHECK: eventfd data 2
    SAY("eventfd data %u\n", out[0].data.u32);
    // a closed file leaves the interest list at once, even when the next
    // file gets its descriptor (and, in rt, its memory)
    close(efd);
    efd = eventfd(0, 0);
    // CHECK: epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev) -> 0
    REPORT(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    // CHECK: poll(NULL, 1, 0) -> -1 EFAULT
    REPORT(poll(NULL, 1, 0));
    return 0;
}
// CHECK: status 0
