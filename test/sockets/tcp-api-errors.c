// TCP sockets over 127.0.0.1: creation, bind, listen, connect, accept,
// transfers, shutdown, names, options, non-blocking use and the errno of
// every misuse. Compared to Linux; inside rt, loopback needs no device.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "sockreport.h"

static struct sockaddr_in lo(int port)
{
    return (struct sockaddr_in){.sin_family = AF_INET,
                                .sin_port = htons(port),
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
}

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static volatile int pipes;
static void on_pipe(int sig)
{
    pipes++;
}

int main(void)
{
    struct sockaddr_in a = lo(47001), b = lo(47002), got;
    struct sockaddr *sa = (struct sockaddr *)&a;
    socklen_t len;
    int l, c, s, v, r;
    char buf[64];

    // CHECK: socket(AF_INET, 77, 0) -> -1 Invalid argument
    REPORT(socket(AF_INET, 77, 0));
    // CHECK: socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) -> -1 Protocol not
    // supported
    REPORT(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
    // CHECK: socket(AF_INET, SOCK_STREAM | 0x4000000, 0) -> -1 Invalid argument
    REPORT(socket(AF_INET, SOCK_STREAM | 0x4000000, 0));
    // CHECK: socketpair(AF_INET, SOCK_STREAM, 0, (int[2]){0}) -> -1 Not
    // supported
    REPORT(socketpair(AF_INET, SOCK_STREAM, 0, (int[2]){0}));

    alarm(30); // a hang fails the test instead of stalling the suite
    l = socket(AF_INET, SOCK_STREAM, 0);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    // a run within a minute of the last finds its connections in TIME-WAIT
    v = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v);
    // CHECK: bind(l, sa, sizeof a - 1) -> -1 Invalid argument
    REPORT(bind(l, sa, sizeof a - 1));
    a.sin_family = AF_INET6;
    // CHECK: bind(l, sa, sizeof a) -> -1 Address family not supported by
    // protocol
    REPORT(bind(l, sa, sizeof a));
    a = lo(47001);
    a.sin_addr.s_addr = inet_addr("192.0.2.1");
    // CHECK: bind(l, sa, sizeof a) -> -1 Address not available
    REPORT(bind(l, sa, sizeof a));
    a = lo(47001);
    // CHECK: bind(l, sa, sizeof a) -> 0
    REPORT(bind(l, sa, sizeof a));
    // CHECK: bind(l, sa, sizeof a) -> -1 Invalid argument
    REPORT(bind(l, sa, sizeof a));
    // CHECK: bind(s, sa, sizeof a) -> -1 Address in use
    REPORT(bind(s, sa, sizeof a));
    // CHECK: listen(99, 1) -> -1 Bad file descriptor
    REPORT(listen(99, 1));
    // CHECK: listen(1, 1) -> -1 Not a socket
    REPORT(listen(1, 1));
    // CHECK: accept(l, NULL, NULL) -> -1 Invalid argument
    REPORT(accept(l, NULL, NULL));
    // CHECK: recv(s, buf, 4, 0) -> -1 Socket not connected
    REPORT(recv(s, buf, 4, 0));
    // CHECK: send(s, "x", 1, MSG_NOSIGNAL) -> -1 Broken pipe
    REPORT(send(s, "x", 1, MSG_NOSIGNAL));
    // CHECK: getpeername(s, sa, &len) -> -1 Socket not connected
    len = sizeof a;
    REPORT(getpeername(s, sa, &len));
    // CHECK: shutdown(s, SHUT_WR) -> -1 Socket not connected
    REPORT(shutdown(s, SHUT_WR));
    // CHECK: connect(s, (struct sockaddr *)&b, sizeof b) -> -1 Connection
    // refused
    REPORT(connect(s, (struct sockaddr *)&b, sizeof b));
    // CHECK: listen(l, 4) -> 0
    REPORT(listen(l, 4));
    // CHECK: getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) -> 0
    // CHECK-NEXT: v=1
    len = sizeof v;
    REPORT(getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v, &len));
    SAY("v=%d\n", v);
    // CHECK: poll listener before: 0
    r = poll(&(struct pollfd){.fd = l, .events = POLLIN}, 1, 0);
    SAY("poll listener before: %d\n", r);

    c = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK: connect(c, sa, sizeof a) -> 0
    REPORT(connect(c, sa, sizeof a));
    // CHECK: connect(c, sa, sizeof a) -> -1 Socket is connected
    REPORT(connect(c, sa, sizeof a));
    // CHECK: poll listener after: 1 revents=0x1
    struct pollfd p = {.fd = l, .events = POLLIN};
    r = poll(&p, 1, 1000);
    SAY("poll listener after: %d revents=%#x\n", r, p.revents);
    len = sizeof got;
    s = accept4(l, (struct sockaddr *)&got, &len, SOCK_CLOEXEC);
    // CHECK: accepted from 127.0.0.1 len 16 port-nonzero 1 cloexec 1
    SAY("accepted from %s len %u port-nonzero %d cloexec %d\n",
        inet_ntoa(got.sin_addr), len, got.sin_port != 0,
        fcntl(s, F_GETFD) == FD_CLOEXEC);
    len = sizeof got;
    getsockname(s, (struct sockaddr *)&got, &len);
    // CHECK: accepted socket name 127.0.0.1:47001
    SAY("accepted socket name %s:%d\n", inet_ntoa(got.sin_addr),
        ntohs(got.sin_port));
    len = sizeof got;
    getpeername(c, (struct sockaddr *)&got, &len);
    // CHECK: client peer 127.0.0.1:47001
    SAY("client peer %s:%d\n", inet_ntoa(got.sin_addr), ntohs(got.sin_port));
    len = 4; // a short buffer gets what fits, and the full length
    // CHECK: getsockname(c, (struct sockaddr *)&got, &len) -> 0
    // CHECK-NEXT: len=16
    REPORT(getsockname(c, (struct sockaddr *)&got, &len));
    SAY("len=%u\n", len);

    // CHECK: write(c, "hello", 5) -> 5
    REPORT(write(c, "hello", 5));
    // CHECK: recv(s, buf, 3, MSG_PEEK) -> 3
    REPORT(recv(s, buf, 3, MSG_PEEK));
    // CHECK: ioctl(s, FIONREAD, &v) -> 0
    // CHECK-NEXT: v=5
    REPORT(ioctl(s, FIONREAD, &v));
    SAY("v=%d\n", v);
    // CHECK: read(s, buf, sizeof buf) -> 5
    // CHECK-NEXT: hello
    REPORT(read(s, buf, sizeof buf));
    SAY("%.5s\n", buf);
    // CHECK: recv(s, buf, 4, MSG_DONTWAIT) -> -1 Resource temporarily
    // unavailable
    REPORT(recv(s, buf, 4, MSG_DONTWAIT));
    struct iovec out[2] = {{"ab", 2}, {"cdef", 4}},
                 in[2] = {{buf, 1}, {buf + 1, 10}};
    // CHECK: writev(c, out, 2) -> 6
    REPORT(writev(c, out, 2));
    // CHECK: recv(s, buf, 6, MSG_WAITALL) -> 6
    // CHECK-NEXT: abcdef
    REPORT(recv(s, buf, 6, MSG_WAITALL));
    SAY("%.6s\n", buf);
    struct msghdr m = {.msg_iov = out, .msg_iovlen = 2};
    // CHECK: sendmsg(c, &m, 0) -> 6
    REPORT(sendmsg(c, &m, 0));
    m = (struct msghdr){.msg_iov = in, .msg_iovlen = 2};
    // CHECK: recvmsg(s, &m, 0) -> 6
    // CHECK-NEXT: abcdef flags 0
    REPORT(recvmsg(s, &m, 0));
    SAY("%.6s flags %d\n", buf, m.msg_flags);
    // CHECK: lseek(s, 0, SEEK_SET) -> -1 Invalid seek
    REPORT(lseek(s, 0, SEEK_SET));
    struct stat st;
    fstat(s, &st);
    // CHECK: is a socket: 1
    SAY("is a socket: %d\n", S_ISSOCK(st.st_mode));

    // options
    len = sizeof v;
    // CHECK: getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &len) -> 0
    // CHECK-NEXT: v=1
    REPORT(getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &len));
    SAY("v=%d\n", v);
    v = 1;
    // CHECK: setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v) -> 0
    REPORT(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v));
    // CHECK: getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len) -> 0
    // CHECK-NEXT: v=1
    v = 0;
    REPORT(getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len));
    SAY("v=%d\n", v);
    v = 1;
    // CHECK: setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v) -> 0
    REPORT(setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v));
    // CHECK: getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, &len) -> 0
    // CHECK-NEXT: v=1
    REPORT(getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, &len));
    SAY("v=%d\n", v);
    v = 65536;
    // CHECK: setsockopt(c, SOL_SOCKET, SO_RCVBUF, &v, sizeof v) -> 0
    REPORT(setsockopt(c, SOL_SOCKET, SO_RCVBUF, &v, sizeof v));
    // CHECK: getsockopt(c, SOL_SOCKET, SO_RCVBUF, &v, &len) -> 0
    // CHECK-NEXT: v=131072
    REPORT(getsockopt(c, SOL_SOCKET, SO_RCVBUF, &v, &len));
    SAY("v=%d\n", v);
    // CHECK: getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len) -> 0
    // CHECK-NEXT: v=0
    REPORT(getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len));
    SAY("v=%d\n", v);
    // CHECK: setsockopt(c, SOL_SOCKET, 9999, &v, sizeof v) -> -1 Protocol not
    // available
    REPORT(setsockopt(c, SOL_SOCKET, 9999, &v, sizeof v));
    // CHECK: getsockopt(c, SOL_SOCKET, 9999, &v, &len) -> -1 Protocol not
    // available
    REPORT(getsockopt(c, SOL_SOCKET, 9999, &v, &len));
    // CHECK: setsockopt(c, IPPROTO_TCP, 9999, &v, sizeof v) -> -1 Protocol not
    // available
    REPORT(setsockopt(c, IPPROTO_TCP, 9999, &v, sizeof v));
    // CHECK: setsockopt(c, SOL_SOCKET, SO_REUSEADDR, &v, 2) -> -1 Invalid
    // argument
    REPORT(setsockopt(c, SOL_SOCKET, SO_REUSEADDR, &v, 2));

    // timeouts bound blocking calls; linger and keep-alive knobs read back
    struct timeval tv = {0, 200000};
    struct linger lg = {5, 7};
    long long t0;
    // CHECK: setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) -> 0
    REPORT(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    tv = (struct timeval){0};
    len = sizeof tv;
    // CHECK: getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &len) -> 0
    // CHECK-NEXT: 0 s 200000 us len 16
    REPORT(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &len));
    SAY("%ld s %ld us len %u\n", (long)tv.tv_sec, (long)tv.tv_usec, len);
    t0 = now_ms();
    // CHECK: read(s, buf, 4) -> -1 Resource temporarily unavailable
    REPORT(read(s, buf, 4));
    // CHECK-NEXT: waited at least 150 ms: 1
    SAY("waited at least 150 ms: %d\n", now_ms() - t0 >= 150);
    tv.tv_usec = 1000000;
    // CHECK: setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) -> -1
    // Domain error
    REPORT(setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
    // CHECK: setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, 8) -> -1 Invalid
    // argument
    REPORT(setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, 8));
    tv = (struct timeval){0, 100000};
    setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    // CHECK: accept(l, NULL, NULL) -> -1 Resource temporarily unavailable
    REPORT(accept(l, NULL, NULL));
    // CHECK: setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) -> 0
    REPORT(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    lg = (struct linger){0};
    len = sizeof lg;
    // CHECK: getsockopt(c, SOL_SOCKET, SO_LINGER, &lg, &len) -> 0
    // CHECK-NEXT: linger 1 7
    REPORT(getsockopt(c, SOL_SOCKET, SO_LINGER, &lg, &len));
    SAY("linger %d %d\n", lg.l_onoff, lg.l_linger);
    v = 0;
    // CHECK: setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v) -> -1
    // Invalid argument
    REPORT(setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v));
    v = 60;
    // CHECK: setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v) -> 0
    REPORT(setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v));
    len = sizeof v;
    // CHECK: getsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, &len) -> 0
    // CHECK-NEXT: v=60
    REPORT(getsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, &len));
    SAY("v=%d\n", v);
    // CHECK: getsockopt(c, IPPROTO_TCP, TCP_KEEPCNT, &v, &len) -> 0
    // CHECK-NEXT: v=9
    REPORT(getsockopt(c, IPPROTO_TCP, TCP_KEEPCNT, &v, &len));
    SAY("v=%d\n", v);

    // half-close: the peer reads the end of the stream, and can still write
    // CHECK: shutdown(c, SHUT_WR) -> 0
    REPORT(shutdown(c, SHUT_WR));
    // CHECK: read(s, buf, 4) -> 0
    REPORT(read(s, buf, 4));
    // CHECK: write(s, "back", 4) -> 4
    REPORT(write(s, "back", 4));
    // CHECK: read(c, buf, 4) -> 4
    REPORT(read(c, buf, 4));
    // CHECK: send(c, "x", 1, MSG_NOSIGNAL) -> -1 Broken pipe
    REPORT(send(c, "x", 1, MSG_NOSIGNAL));
    // CHECK: shutdown(c, 7) -> -1 Invalid argument
    REPORT(shutdown(c, 7));
    close(c);
    close(s);

    // the peer went away: writes end in EPIPE, and SIGPIPE unless
    // MSG_NOSIGNAL (Linux may first take a write or say ECONNRESET)
    signal(SIGPIPE, on_pipe);
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, sa, sizeof a);
    s = accept(l, NULL, NULL);
    close(s);
    usleep(10000);
    for (int i = 0; i < 10 && (r = write(c, "x", 1)) == 1; i++)
        usleep(10000);
    if (r < 0 && errno == ECONNRESET)
        r = write(c, "x", 1);
    // CHECK: write after the peer left: -1 Broken pipe, SIGPIPE 1
    SAY("write after the peer left: %d %s, SIGPIPE %d\n", r, strerror(errno),
        pipes);
    // CHECK: send(c, "x", 1, MSG_NOSIGNAL) -> -1 Broken pipe
    REPORT(send(c, "x", 1, MSG_NOSIGNAL));
    // CHECK: SIGPIPE 1
    SAY("SIGPIPE %d\n", pipes);
    close(c);

    // non-blocking: accept, connect, SO_ERROR
    fcntl(l, F_SETFL, O_NONBLOCK);
    // CHECK: accept(l, NULL, NULL) -> -1 Resource temporarily unavailable
    REPORT(accept(l, NULL, NULL));
    c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    // CHECK: connect(c, sa, sizeof a) -> -1 Operation in progress
    REPORT(connect(c, sa, sizeof a));
    p = (struct pollfd){.fd = c, .events = POLLOUT};
    r = poll(&p, 1, 1000);
    // CHECK: connected: poll 1 revents 0x4
    SAY("connected: poll %d revents %#x\n", r, p.revents);
    len = sizeof v;
    // CHECK: getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len) -> 0
    // CHECK-NEXT: v=0
    REPORT(getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len));
    SAY("v=%d\n", v);
    // CHECK: recv(c, buf, 4, 0) -> -1 Resource temporarily unavailable
    REPORT(recv(c, buf, 4, 0));
    v = 0;
    // CHECK: ioctl(c, FIONBIO, &v) -> 0
    REPORT(ioctl(c, FIONBIO, &v));
    s = accept(l, NULL, NULL);
    // CHECK: accepted non-blocking: 1
    SAY("accepted non-blocking: %d\n", s >= 0);
    close(s);
    // CHECK: read(c, buf, 4) -> 0
    REPORT(read(c, buf, 4));
    close(c);
    close(l);

    // SO_REUSEADDR: two sockets may share a port while neither listens
    v = 1;
    l = socket(AF_INET, SOCK_STREAM, 0);
    s = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v);
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v);
    // CHECK: bind(l, (struct sockaddr *)&b, sizeof b) -> 0
    REPORT(bind(l, (struct sockaddr *)&b, sizeof b));
    // CHECK: bind(s, (struct sockaddr *)&b, sizeof b) -> 0
    REPORT(bind(s, (struct sockaddr *)&b, sizeof b));
    // CHECK: listen(l, 1) -> 0
    REPORT(listen(l, 1));
    // CHECK: listen(s, 1) -> -1 Address in use
    REPORT(listen(s, 1));
    return 0;
}
