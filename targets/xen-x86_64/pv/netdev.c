/*
 * Network devices on PV: none yet. netfront (../netfront.c) rests on
 * PVH's event upcalls and grant-table mapping; the PV versions of those
 * are not written, so rt sees -ENODEV and has only its in-image loopback.
 */
#include <errno.h>

#include "pv.h"

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
