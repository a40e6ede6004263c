// DHCP client (RFC 2131): not written yet.
#include "internal.h"

int net_dhcp_start(struct net_if *ifp)
{
    (void)ifp;
    return -ENOSYS;
}
