/*
 * Xen netfront under rt's own network stack and sockets: prints what
 * xenstore says about this domain and what the device is, then waits on a
 * UDP socket (port 7777) configured from UKCC_NET_ADDR on the command
 * line, while rt's stack answers dom0's ARP and ping by itself. A datagram
 * holding "quit" (dom0's busybox has no nc -u: `tftp -g -r quit HOST 7777`
 * sends one) is answered with a TFTP error packet "bye" and ends the
 * program with 0; after 120 s without one it exits 1. Waiting is rt's,
 * which blocks in plat_block (SCHEDOP_block on Xen).
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

#include "rt/platform.h"

/* the target's xenstore client (targets/xen-x86_64/xen_x86.h) */
long xen_xs_read(const char *path, char *buf, size_t len);

int main(void)
{
    static const char bye[] = "\0\5\0\0bye"; /* TFTP ERROR 0 "bye" */
    char name[64], domid[16], buf[512], text[64];
    struct sockaddr_in me = {.sin_family = AF_INET, .sin_port = htons(7777)};
    struct sockaddr_in peer;
    socklen_t plen = sizeof peer;
    struct timeval limit = {.tv_sec = 120};
    struct plat_netdev dev;
    const char *addr = getenv("UKCC_NET_ADDR");
    long rc;
    int s;

    if ((rc = xen_xs_read("name", name, sizeof name)) < 0 ||
        (rc = xen_xs_read("domid", domid, sizeof domid)) < 0) {
        printf("xenstore read failed: %ld\n", rc);
        return 2;
    }
    printf("xenstore: name %s domid %s\n", name, domid);
    printf("xenstore: missing node gives %ld\n",
           xen_xs_read("no/such/node", name, sizeof name));
    if ((rc = plat_net_info(0, &dev)) < 0) {
        printf("plat_net_info: %ld\n", rc);
        return 3;
    }
    printf("net0: mac %02x:%02x:%02x:%02x:%02x:%02x mtu %u, net1: %d\n",
           dev.mac[0], dev.mac[1], dev.mac[2], dev.mac[3], dev.mac[4],
           dev.mac[5], dev.mtu, plat_net_info(1, &dev));
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
            printf("recvfrom: %s\n", strerror(errno));
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
