// Ethernet II framing: accept frames for us, dispatch by EtherType.
#include "internal.h"

static const uint8_t broadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

void net_eth_input(struct net_if *ifp, const uint8_t *frame, size_t len)
{
    const uint8_t *dst = frame;

    if (len < ETH_HLEN) {
        ifp->stats.eth_short++;
        return;
    }
    // Multicast (other than broadcast) is not joined by this stack, and a
    // promiscuous driver may hand us other hosts' unicast.
    if (memcmp(dst, ifp->desc.mac, 6) && memcmp(dst, broadcast, 6)) {
        ifp->stats.eth_not_ours++;
        return;
    }
    switch (get16(frame + 12)) {
    case ETH_TYPE_IP4:
        net_ip_input(ifp, frame + ETH_HLEN, len - ETH_HLEN);
        break;
    case ETH_TYPE_ARP:
        net_arp_input(ifp, frame + ETH_HLEN, len - ETH_HLEN);
        break;
    default: ifp->stats.eth_type++; // VLAN tags, IPv6, LLDP, ...
    }
}

void net_eth_header(struct net_if *ifp, uint8_t *frame, const uint8_t *dst,
                    uint16_t type)
{
    memcpy(frame, dst ? dst : broadcast, 6);
    memcpy(frame + 6, ifp->desc.mac, 6);
    put16(frame + 12, type);
}

int net_eth_send(struct net_if *ifp, uint8_t *frame, size_t len)
{
    int rc = ifp->desc.tx(ifp->desc.arg, frame, len);

    if (rc < 0)
        ifp->stats.tx_errors++;
    else
        ifp->stats.tx_frames++;
    return rc < 0 ? rc : 0;
}
