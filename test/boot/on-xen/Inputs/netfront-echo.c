/*
 * Xen netfront under rt's own network stack and sockets: prints what
 * xenstore says about this domain and what the device is, then is the UDP
 * echo of udp-echo.h. Waiting is rt's, which blocks in plat_block
 * (SCHEDOP_block on Xen).
 */

#include "udp-echo.h" /* first: it sets _GNU_SOURCE */

#include "rt/platform.h"

/* the target's xenstore client (targets/xen-x86_64/xen_x86.h) */
long xen_xs_read(const char *path, char *buf, size_t len);

int main(void)
{
    char name[64], domid[16];
    struct plat_netdev dev;
    long rc;

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
    return udp_echo();
}
