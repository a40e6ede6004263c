// Descriptors run out with EMFILE at exactly the soft RLIMIT_NOFILE, for
// every call that makes one (an accept leaves its connection queued), and
// not before: no pool of files, pipes or sockets fills first. A lowered
// soft limit is enforced; dup2 and F_DUPFD past it fail as on Linux.
// Compared against Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "report.h"

#define MAXFDS 1024

static int opened[MAXFDS], nopened;

static int null(void)
{
    return open("/dev/null", O_RDONLY);
}

static int counter(void)
{
    return eventfd(0, 0);
}

static int udp(void)
{
    return socket(AF_INET, SOCK_DGRAM, 0);
}

/* Makes descriptors until it fails; says how it failed and whether every
 * descriptor below the limit was then taken, and none at it. */
static void fill_with(const char *what, int (*make)(void), rlim_t limit)
{
    int fd, e, all = 1;

    nopened = 0;
    while (nopened < MAXFDS && (fd = make()) >= 0)
        opened[nopened++] = fd;
    e = errno;
    for (rlim_t i = 0; i < limit; i++)
        all &= fcntl((int)i, F_GETFD) >= 0;
    SAY("%s: %s; below the limit all open %d, at it %d\n", what,
        errno_name(e), all, fcntl((int)limit, F_GETFD) >= 0);
}

static void fill(const char *what, rlim_t limit)
{
    fill_with(what, null, limit);
}

static void empty(void)
{
    while (nopened)
        close(opened[--nopened]);
}

int main(void)
{
    struct rlimit rl, low;
    struct sockaddr_in sa = {.sin_family = AF_INET};
    socklen_t len = sizeof sa;
    int p[2], l, c, a, e;
    char byte = 0;

    // CHECK: getrlimit(RLIMIT_NOFILE, &rl) -> 0
    REPORT(getrlimit(RLIMIT_NOFILE, &rl));
    /* Linux may allow many more: the test looks at 1024 at most */
    if (rl.rlim_cur > MAXFDS) {
        rl.rlim_cur = MAXFDS;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    // CHECK: soft limit 64..1024: 1
    SAY("soft limit 64..1024: %d\n", rl.rlim_cur >= 64 && rl.rlim_cur <= 1024);

    /* a queued connection, to accept once the table is full (non-blocking:
     * a runtime that lost it answers EAGAIN rather than hang) */
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    c = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK: bind(l, (struct sockaddr *)&sa, sizeof sa) -> 0
    REPORT(bind(l, (struct sockaddr *)&sa, sizeof sa));
    // CHECK: listen(l, 4) -> 0
    REPORT(listen(l, 4));
    getsockname(l, (struct sockaddr *)&sa, &len);
    // CHECK: connect(c, (struct sockaddr *)&sa, sizeof sa) -> 0
    REPORT(connect(c, (struct sockaddr *)&sa, sizeof sa));

    // CHECK: default: EMFILE; below the limit all open 1, at it 0
    fill("default", rl.rlim_cur);
    // CHECK-NEXT: dup(0) -> -1 EMFILE
    REPORT(dup(0));
    // CHECK-NEXT: fcntl(0, F_DUPFD, 3) -> -1 EMFILE
    REPORT(fcntl(0, F_DUPFD, 3));
    // CHECK-NEXT: pipe(p) -> -1 EMFILE
    REPORT(pipe(p));
    // CHECK-NEXT: eventfd(0, 0) -> -1 EMFILE
    REPORT(eventfd(0, 0));
    // CHECK-NEXT: epoll_create1(0) -> -1 EMFILE
    REPORT(epoll_create1(0));
    // CHECK-NEXT: socket(AF_INET, SOCK_DGRAM, 0) -> -1 EMFILE
    REPORT(socket(AF_INET, SOCK_DGRAM, 0));
    // CHECK-NEXT: socketpair(AF_UNIX, SOCK_STREAM, 0, p) -> -1 EMFILE
    REPORT(socketpair(AF_UNIX, SOCK_STREAM, 0, p));
    // CHECK-NEXT: accept(l, NULL, NULL) -> -1 EMFILE
    REPORT(accept(l, NULL, NULL));
    // CHECK-NEXT: open("/tmp", O_RDONLY | O_DIRECTORY) -> -1 EMFILE
    REPORT(open("/tmp", O_RDONLY | O_DIRECTORY));

    /* one free descriptor: the connection was kept; a pipe needs two */
    close(opened[--nopened]);
    // CHECK-NEXT: pipe(p) -> -1 EMFILE
    REPORT(pipe(p));
    a = accept(l, NULL, NULL);
    // CHECK-NEXT: accepted after EMFILE: 1
    SAY("accepted after EMFILE: %d\n", a >= 0);
    // CHECK-NEXT: write(c, "x", 1) -> 1
    REPORT(write(c, "x", 1));
    // CHECK-NEXT: read(a, &byte, 1) -> 1
    REPORT(read(a, &byte, 1));
    close(a);
    empty();

    /* more of each kind than any pool rt once had (128 pipes and
     * eventfds, 512 sockets): only the table runs out */
    // CHECK: eventfds: EMFILE; below the limit all open 1, at it 0
    fill_with("eventfds", counter, rl.rlim_cur);
    empty();
    // CHECK: sockets: EMFILE; below the limit all open 1, at it 0
    fill_with("sockets", udp, rl.rlim_cur);
    empty();
    /* (140 pipes hold 8.75 MiB: a 16 MiB domU has room for them) */
    for (e = 0; e < 140 && pipe(opened + nopened) == 0; e++)
        nopened += 2;
    // CHECK: pipes: 140
    SAY("pipes: %d\n", e);
    empty();

    /* a lowered soft limit is the limit from then on */
    low = (struct rlimit){64, rl.rlim_max};
    // CHECK: setrlimit(RLIMIT_NOFILE, &low) -> 0
    REPORT(setrlimit(RLIMIT_NOFILE, &low));
    // CHECK: lowered: EMFILE; below the limit all open 1, at it 0
    fill("lowered", 64);
    // CHECK-NEXT: dup2(0, 64) -> -1 EBADF
    REPORT(dup2(0, 64));
    // CHECK-NEXT: dup3(0, 64, O_CLOEXEC) -> -1 EBADF
    REPORT(dup3(0, 64, O_CLOEXEC));
    // CHECK-NEXT: fcntl(0, F_DUPFD, 64) -> -1 EINVAL
    REPORT(fcntl(0, F_DUPFD, 64));
    // CHECK-NEXT: dup2(0, 63) -> 63
    REPORT(dup2(0, 63));
    empty();
    // CHECK: fcntl(0, F_DUPFD_CLOEXEC, 63) -> 63
    REPORT(fcntl(0, F_DUPFD_CLOEXEC, 63));
    // CHECK-NEXT: fcntl(0, F_DUPFD, 63) -> -1 EMFILE
    REPORT(fcntl(0, F_DUPFD, 63));
    // CHECK-NEXT: close(63) -> 0
    REPORT(close(63));

    /* raised again, up to the hard limit: the whole table is there */
    // CHECK: setrlimit(RLIMIT_NOFILE, &rl) -> 0
    REPORT(setrlimit(RLIMIT_NOFILE, &rl));
    fill("raised", rl.rlim_cur);
    // CHECK: raised: EMFILE; below the limit all open 1, at it 0
    e = dup2(0, (int)rl.rlim_cur - 1);
    // CHECK-NEXT: dup2 to the last fd: 1
    SAY("dup2 to the last fd: %d\n", e == (int)rl.rlim_cur - 1);
    empty();
    close(l);
    close(c);
    return 0;
}
