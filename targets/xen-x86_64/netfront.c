/*
 * Network devices on Xen: netfront is not written yet, so there are none.
 * rt sees -ENODEV and its socket calls answer as a machine without a
 * network interface does.
 */
#include <errno.h>

#include "xen_x86.h"

int plat_net_info(unsigned n, struct plat_netdev *dev)
{
    (void)n, (void)dev;
    return -ENODEV;
}

int plat_net_send(unsigned n, const void *frame, size_t len)
{
    (void)n, (void)frame, (void)len;
    return -ENODEV;
}

long plat_net_recv(unsigned n, void *buf, size_t len)
{
    (void)n, (void)buf, (void)len;
    return -ENODEV;
}
