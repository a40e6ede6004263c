/*
 * The UDP half of the netfront tests (netfront-echo.c on PVH,
 * netfront-echo-pv.c on PV): waits on a UDP socket (port 7777) configured
 * from UKCC_NET_ADDR, while rt's stack answers dom0's ARP and ping by
 * itself, and prints each datagram. One holding "quit" (dom0's busybox has
 * no nc -u: `tftp -g -r quit HOST 7777` sends one) is answered with a TFTP
 * error packet "bye" and returns 0; after 120 s without one, 1; a socket
 * that cannot be set up, 4.
 */
#define _GNU_SOURCE /* memmem */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

static int udp_echo(void)
{
    static const char bye[] = "\0\5\0\0bye"; /* TFTP ERROR 0 "bye" */
    struct sockaddr_in me = {.sin_family = AF_INET, .sin_port = htons(7777)};
    struct sockaddr_in peer;
    socklen_t plen = sizeof peer;
    struct timeval limit = {.tv_sec = 120};
    const char *addr = getenv("UKCC_NET_ADDR");
    char buf[512], text[64];
    int s;

    if ((s = socket(AF_INET, SOCK_DGRAM, 0)) < 0 ||
        bind(s, (struct sockaddr *)&me, sizeof me) ||
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit)) {
        printf("udp socket: %s\n", strerror(errno));
        return 4;
    }
    printf("up: %s\n", addr ? addr : "(no UKCC_NET_ADDR)");
    fflush(stdout);
    for (;;) {
        ssize_t n =
            recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&peer, &plen);
        size_t k = 0;

        if (n < 0) {
            struct timespec now;

            clock_gettime(CLOCK_MONOTONIC, &now);
            printf("recvfrom: %s, at %ld s since boot\n", strerror(errno),
                   (long)now.tv_sec);
            return 1;
        }
        for (ssize_t i = 0; i < n && k < sizeof text - 1; i++)
            text[k++] = buf[i] >= 32 && buf[i] < 127 ? buf[i] : '.';
        text[k] = 0;
        printf("udp from %s: %s\n", inet_ntoa(peer.sin_addr), text);
        if (memmem(buf, (size_t)n, "quit", 4)) {
            sendto(s, bye, sizeof bye, 0, (struct sockaddr *)&peer, plen);
            return 0;
        }
    }
}
