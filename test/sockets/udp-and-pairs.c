// UDP over 127.0.0.1 (sendto, recvfrom, MSG_PEEK, MSG_TRUNC, connected
// sockets, sendmsg/recvmsg with iovecs, FIONREAD), AF_UNIX socketpair for
// streams and datagrams, and socket readiness through poll, select and
// epoll. Compared to Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "sockreport.h"

static struct sockaddr_in lo(int port)
{
    return (struct sockaddr_in){.sin_family = AF_INET,
                                .sin_port = htons(port),
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
}

static unsigned revents(int fd, short events)
{
    struct pollfd p = {.fd = fd, .events = events};

    poll(&p, 1, 0);
    return (unsigned)p.revents;
}

int main(void)
{
    struct sockaddr_in a = lo(47011), b = lo(47012), from;
    struct sockaddr *sa = (struct sockaddr *)&a, *sb = (struct sockaddr *)&b;
    socklen_t len;
    int u, w, v, fds[2];
    char buf[64];

    alarm(30); // a hang fails the test instead of stalling the suite
    u = socket(AF_INET, SOCK_DGRAM, 0);
    w = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, IPPROTO_UDP);
    // CHECK: bind(u, sa, sizeof a) -> 0
    REPORT(bind(u, sa, sizeof a));
    // CHECK: bind(w, sb, sizeof b) -> 0
    REPORT(bind(w, sb, sizeof b));
    // CHECK: listen(u, 1) -> -1 Not supported
    REPORT(listen(u, 1));
    // CHECK: accept(u, NULL, NULL) -> -1 Not supported
    REPORT(accept(u, NULL, NULL));
    // CHECK: send(w, "x", 1, 0) -> -1 Destination address required
    REPORT(send(w, "x", 1, 0));
    // CHECK: recv(w, buf, 4, 0) -> -1 Resource temporarily unavailable
    REPORT(recv(w, buf, 4, 0));
    // CHECK: poll u empty: 0x4
    SAY("poll u empty: %#x\n", revents(u, POLLIN | POLLOUT));
    // CHECK: sendto(w, "hello", 5, 0, sa, sizeof a) -> 5
    REPORT(sendto(w, "hello", 5, 0, sa, sizeof a));
    // CHECK: sendto(w, "second", 6, 0, sa, sizeof a) -> 6
    REPORT(sendto(w, "second", 6, 0, sa, sizeof a));
    // CHECK: poll u full: 0x5
    SAY("poll u full: %#x\n", revents(u, POLLIN | POLLOUT));
    // CHECK: ioctl(u, FIONREAD, &v) -> 0
    // CHECK-NEXT: v=5
    REPORT(ioctl(u, FIONREAD, &v));
    SAY("v=%d\n", v);
    len = sizeof from;
    // CHECK: recvfrom(u, buf, sizeof buf, MSG_PEEK, (struct sockaddr *)&from,
    // &len) -> 5 CHECK-NEXT: from 127.0.0.1:47012
    REPORT(
        recvfrom(u, buf, sizeof buf, MSG_PEEK, (struct sockaddr *)&from, &len));
    SAY("from %s:%d\n", inet_ntoa(from.sin_addr), ntohs(from.sin_port));
    // CHECK: recv(u, buf, 2, MSG_TRUNC) -> 5
    // CHECK-NEXT: he
    REPORT(recv(u, buf, 2, MSG_TRUNC));
    SAY("%.2s\n", buf);
    struct iovec in[2] = {{buf, 3}, {buf + 3, 2}};
    struct msghdr m = {.msg_name = &from,
                       .msg_namelen = sizeof from,
                       .msg_iov = in,
                       .msg_iovlen = 2};
    // CHECK: recvmsg(u, &m, 0) -> 5
    // CHECK-NEXT: secon flags 0x20 namelen 16
    REPORT(recvmsg(u, &m, 0));
    SAY("%.5s flags %#x namelen %u\n", buf, m.msg_flags, m.msg_namelen);
    // CHECK: connect(u, sb, sizeof b) -> 0
    REPORT(connect(u, sb, sizeof b));
    struct iovec out[2] = {{"con", 3}, {"nected", 6}};
    m = (struct msghdr){.msg_iov = out, .msg_iovlen = 2};
    // CHECK: sendmsg(u, &m, 0) -> 9
    REPORT(sendmsg(u, &m, 0));
    // CHECK: read(w, buf, sizeof buf) -> 9
    // CHECK-NEXT: connected
    REPORT(read(w, buf, sizeof buf));
    SAY("%.9s\n", buf);
    len = sizeof from;
    // CHECK: getpeername(u, (struct sockaddr *)&from, &len) -> 0
    // CHECK-NEXT: 127.0.0.1:47012
    REPORT(getpeername(u, (struct sockaddr *)&from, &len));
    SAY("%s:%d\n", inet_ntoa(from.sin_addr), ntohs(from.sin_port));
    // a socket that connect bound names the source it sends from
    v = socket(AF_INET, SOCK_DGRAM, 0);
    // CHECK: connect(v, sb, sizeof b) -> 0
    REPORT(connect(v, sb, sizeof b));
    len = sizeof from;
    // CHECK: getsockname(v, (struct sockaddr *)&from, &len) -> 0
    // CHECK-NEXT: source 127.0.0.1, a port: 1
    REPORT(getsockname(v, (struct sockaddr *)&from, &len));
    SAY("source %s, a port: %d\n", inet_ntoa(from.sin_addr),
        from.sin_port != 0);
    close(v);
    // CHECK: sendto(u, "x", 1, 0, NULL, 0) -> 1
    REPORT(sendto(u, "x", 1, 0, NULL, 0));
    // CHECK: recv(w, buf, 0, 0) -> 0
    REPORT(recv(w, buf, 0, 0));
    // CHECK: recv(w, buf, 1, 0) -> -1 Resource temporarily unavailable
    REPORT(recv(w, buf, 1, 0));
    close(u);
    close(w);

    // AF_UNIX pairs
    // CHECK: socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) -> 0
    REPORT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds));
    // CHECK: poll pair: 0x4
    SAY("poll pair: %#x\n", revents(fds[0], POLLIN | POLLOUT));
    // CHECK: write(fds[0], "ping", 4) -> 4
    REPORT(write(fds[0], "ping", 4));
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(fds[1], &rd);
    // CHECK: select(fds[1] + 1, &rd, NULL, NULL, NULL) -> 1
    REPORT(select(fds[1] + 1, &rd, NULL, NULL, NULL));
    // CHECK: read(fds[1], buf, sizeof buf) -> 4
    REPORT(read(fds[1], buf, sizeof buf));
    // CHECK: read(fds[1], buf, sizeof buf) -> -1 Resource temporarily
    // unavailable
    REPORT(read(fds[1], buf, sizeof buf));
    len = sizeof from;
    // CHECK: getsockname(fds[0], (struct sockaddr *)&from, &len) -> 0
    // CHECK-NEXT: len 2 family 1
    REPORT(getsockname(fds[0], (struct sockaddr *)&from, &len));
    SAY("len %u family %d\n", len, from.sin_family);
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.fd = fds[1]};
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[1], &ev);
    // CHECK: epoll_wait(ep, &ev, 1, 0) -> 0
    REPORT(epoll_wait(ep, &ev, 1, 0));
    close(fds[0]);
    // CHECK: epoll_wait(ep, &ev, 1, 1000) -> 1
    // CHECK-NEXT: events 0x2011
    REPORT(epoll_wait(ep, &ev, 1, 1000));
    SAY("events %#x\n", ev.events);
    // CHECK: read(fds[1], buf, sizeof buf) -> 0
    REPORT(read(fds[1], buf, sizeof buf));
    // CHECK: send(fds[1], "x", 1, MSG_NOSIGNAL) -> -1 Broken pipe
    REPORT(send(fds[1], "x", 1, MSG_NOSIGNAL));
    close(fds[1]);
    // CHECK: socketpair(AF_UNIX, SOCK_DGRAM, 0, fds) -> 0
    REPORT(socketpair(AF_UNIX, SOCK_DGRAM, 0, fds));
    // CHECK: send(fds[0], "one", 3, 0) -> 3
    REPORT(send(fds[0], "one", 3, 0));
    // CHECK: send(fds[0], "three", 5, 0) -> 5
    REPORT(send(fds[0], "three", 5, 0));
    // CHECK: recv(fds[1], buf, sizeof buf, 0) -> 3
    REPORT(recv(fds[1], buf, sizeof buf, 0));
    // CHECK: recv(fds[1], buf, sizeof buf, 0) -> 5
    REPORT(recv(fds[1], buf, sizeof buf, 0));
    // CHECK: socketpair(AF_UNIX, SOCK_STREAM, 5, fds) -> -1 Protocol not
    // supported
    REPORT(socketpair(AF_UNIX, SOCK_STREAM, 5, fds));
    return 0;
}
