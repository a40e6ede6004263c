// A client over ukcc's TCP/IP stack (hosted, on a tap): the synthesised
// resolv.conf and musl's resolver, blocking and non-blocking connects
// (refused too), a 1 MiB echo through poll, half-close, a reset by the
// peer, and UDP. The Linux side is Inputs/linux-services.py at 10.0.0.1.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockreport.h"

#define ECHO_LEN (1 << 20)

static struct sockaddr_in peer(int port)
{
    return (struct sockaddr_in){.sin_family = AF_INET,
                                .sin_port = htons(port),
                                .sin_addr.s_addr = inet_addr("10.0.0.1")};
}

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i * 7 + (i >> 10));
}

/* Sends ECHO_LEN bytes and reads them back, both at once through poll. */
static void echo(int s)
{
    static unsigned char out[ECHO_LEN], in[ECHO_LEN];
    size_t sent = 0, got = 0;

    for (size_t i = 0; i < ECHO_LEN; i++)
        out[i] = pattern(i);
    fcntl(s, F_SETFL, O_NONBLOCK);
    while (got < ECHO_LEN) {
        struct pollfd p = {.fd = s,
                           .events = POLLIN | (sent < ECHO_LEN ? POLLOUT : 0)};
        ssize_t n;

        if (poll(&p, 1, 10000) != 1) {
            SAY("echo: stalled at %zu sent, %zu back\n", sent, got);
            return;
        }
        if (p.revents & POLLOUT) {
            n = send(s, out + sent, ECHO_LEN - sent, 0);
            if (n > 0)
                sent += (size_t)n;
        }
        if (p.revents & POLLIN) {
            n = recv(s, in + got, ECHO_LEN - got, 0);
            if (n <= 0)
                break;
            got += (size_t)n;
        }
    }
    SAY("echo: %zu bytes back, equal %d\n", got, memcmp(in, out, got) == 0);
    fcntl(s, F_SETFL, 0);
}

int main(void)
{
    struct sockaddr_in a = peer(7), r = peer(9), me;
    struct addrinfo *ai,
        hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM};
    socklen_t len;
    char buf[256];
    int s, v, fd = open("/etc/resolv.conf", O_RDONLY);

    buf[read(fd, buf, sizeof buf - 1)] = 0;
    SAY("%s", buf);
    int e = getaddrinfo("peer.test", "7", &hints, &ai);
    SAY("getaddrinfo peer.test: %d %s\n", e,
        e ? "" : inet_ntoa(((struct sockaddr_in *)ai->ai_addr)->sin_addr));
    SAY("getaddrinfo nowhere.test: %s\n",
        gai_strerror(getaddrinfo("nowhere.test", "7", &hints, &ai)));

    s = socket(AF_INET, SOCK_STREAM, 0);
    REPORT(connect(s, (struct sockaddr *)&r, sizeof r));
    close(s);
    s = socket(AF_INET, SOCK_STREAM, 0);
    REPORT(connect(s, (struct sockaddr *)&a, sizeof a));
    len = sizeof me;
    getsockname(s, (struct sockaddr *)&me, &len);
    SAY("local address %s\n", inet_ntoa(me.sin_addr));
    len = sizeof me;
    getpeername(s, (struct sockaddr *)&me, &len);
    SAY("peer %s:%d\n", inet_ntoa(me.sin_addr), ntohs(me.sin_port));
    echo(s);
    write(s, "peekaboo", 8);
    for (int i = 0; i < 200 && (ioctl(s, FIONREAD, &v), v < 8); i++)
        usleep(10000);
    SAY("FIONREAD %d\n", v);
    REPORT(recv(s, buf, 4, MSG_PEEK));
    REPORT(recv(s, buf + 4, 8, 0));
    SAY("%.4s %.8s\n", buf, buf + 4);
    REPORT(shutdown(s, SHUT_WR));
    REPORT(read(s, buf, sizeof buf));
    close(s);

    s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    REPORT(connect(s, (struct sockaddr *)&a, sizeof a));
    struct pollfd p = {.fd = s, .events = POLLOUT};
    SAY("poll %d revents %#x\n", poll(&p, 1, 5000), p.revents);
    len = sizeof v;
    REPORT(getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len));
    SAY("SO_ERROR %s\n", strerror(v));
    close(s);
    s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    REPORT(connect(s, (struct sockaddr *)&r, sizeof r));
    p = (struct pollfd){.fd = s, .events = POLLOUT};
    SAY("poll %d\n", poll(&p, 1, 5000));
    REPORT(getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len));
    SAY("SO_ERROR %s\n", strerror(v));
    close(s);

    struct sockaddr_in rs = peer(10);
    s = socket(AF_INET, SOCK_STREAM, 0);
    REPORT(connect(s, (struct sockaddr *)&rs, sizeof rs));
    REPORT(write(s, "bye", 3));
    REPORT(read(s, buf, sizeof buf));
    close(s);

    s = socket(AF_INET, SOCK_DGRAM, 0);
    REPORT(sendto(s, "ping", 4, 0, (struct sockaddr *)&a, sizeof a));
    len = sizeof me;
    REPORT(recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&me, &len));
    SAY("from %s:%d %.4s\n", inet_ntoa(me.sin_addr), ntohs(me.sin_port), buf);
    return 0;
}
