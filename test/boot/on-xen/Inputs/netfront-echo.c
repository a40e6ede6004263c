/*
 * Drives Xen netfront through rt/platform.h's plat_net_* with libs/net:
 * prints what xenstore says about this domain, configures argv[1] (e.g.
 * 10.0.0.2/24) statically, answers ARP and ping, and exits 0 when a UDP
 * datagram holding "quit" arrives on port 7777 (dom0's busybox has no
 * nc -u: `tftp -g -r quit HOST 7777` sends one), after answering it with
 * a TFTP error packet "bye"; or exits 1 after 45 s. Waiting is
 * plat_block's (SCHEDOP_block on Xen).
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libs/net/net.h"
#include "rt/platform.h"

/* the target's xenstore client (targets/xen-x86_64/xen_x86.h) */
long xen_xs_read(const char *path, char *buf, size_t len);

static _Alignas(8) unsigned char if_mem[NET_IF_SIZE];
static int quit;

static int tx(void *arg, const void *frame, size_t len)
{
    (void)arg;
    return plat_net_send(0, frame, len);
}

static uint64_t now(void *arg)
{
    (void)arg;
    return plat_clock_monotonic();
}

static void on_udp(void *arg, struct net_udp *s, uint32_t src, uint16_t sport,
                   const void *data, size_t len)
{
    static const char bye[] = "\0\5\0\0bye"; /* TFTP ERROR 0 "bye" */
    const char *p = data;
    char text[64];
    size_t n = 0;

    (void)arg;
    for (size_t i = 0; i < len && n < sizeof text - 1; i++)
        text[n++] = p[i] >= 32 && p[i] < 127 ? p[i] : '.';
    text[n] = 0;
    printf("udp from %u.%u.%u.%u: %s\n", src >> 24, src >> 16 & 255,
           src >> 8 & 255, src & 255, text);
    if (memmem(data, len, "quit", 4)) {
        net_udp_sendto(s, src, sport, bye, sizeof bye);
        quit = 1;
    }
}

int main(int argc, char **argv)
{
    char name[64], domid[16], ip[32] = "10.0.0.2/24";
    struct plat_netdev dev;
    struct net_if_desc desc = {.tx = tx, .now = now};
    struct net_config cfg = {0};
    struct net_if *ifp;
    struct net_udp *u;
    static unsigned char frame[2048];
    uint64_t give_up;
    long rc;

    if (argc > 1)
        snprintf(ip, sizeof ip, "%s", argv[1]);
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
    memcpy(desc.mac, dev.mac, 6);
    if (net_if_init(&ifp, if_mem, sizeof if_mem, &desc) ||
        net_config_set(&cfg, "ip", ip) || net_if_configure(ifp, &cfg) ||
        net_udp_open(ifp, &u) || net_udp_bind(u, 7777))
        return 4;
    net_udp_on_recv(u, on_udp, NULL);
    printf("up: %s\n", ip);
    fflush(stdout);
    give_up = plat_clock_monotonic() + 45000000000ull;
    while (!quit && plat_clock_monotonic() < give_up) {
        uint64_t d = net_if_deadline(ifp);

        while ((rc = plat_net_recv(0, frame, sizeof frame)) >= 0)
            net_if_input(ifp, frame, (size_t)rc);
        net_if_timer(ifp);
        if (quit)
            break;
        plat_block(d < give_up ? d : give_up);
    }
    const struct net_stats *st = net_if_stats(ifp);
    printf("echo requests answered %llu, arp received %llu, frames in %llu "
           "out %llu\n",
           (unsigned long long)st->icmp_echo, (unsigned long long)st->arp_rx,
           (unsigned long long)st->rx_frames,
           (unsigned long long)st->tx_frames);
    if (!quit)
        printf("udp in %llu, bad checksum %llu, no port %llu, malformed %llu; "
               "ip in %llu, bad checksum %llu\n",
               (unsigned long long)st->udp_rx,
               (unsigned long long)st->udp_cksum,
               (unsigned long long)st->udp_no_port,
               (unsigned long long)st->udp_malformed,
               (unsigned long long)st->ip_rx, (unsigned long long)st->ip_cksum);
    return quit ? 0 : 1;
}
