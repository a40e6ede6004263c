// ICMP (RFC 792, RFC 1122 3.2.2): echo replies and the port-unreachable
// error UDP sends for closed ports.
#include "internal.h"

#define ICMP_HLEN         8
#define ICMP_ECHO_REPLY   0
#define ICMP_UNREACH      3
#define ICMP_PORT_UNREACH 3
#define ICMP_ECHO         8

static void echo_reply(struct net_if *ifp, const struct ip_pkt *pkt)
{
    uint8_t *m = net_ip_payload(ifp);
    uint16_t ck;

    // Answering broadcast pings lets one forged packet make the whole
    // subnet flood the victim (smurf); RFC 1122 lets hosts stay silent.
    if (pkt->broadcast || pkt->src == 0)
        return;
    if (pkt->len > NET_ETH_MTU - IP4_HLEN) {
        ifp->stats.ip_too_big++;
        return;
    }
    memcpy(m, pkt->data, pkt->len);
    // Only the type changes, so patch the checksum instead of summing the
    // whole payload again.
    ck = net_checksum_update16(get16(m + 2), get16(m), (uint16_t)m[1]);
    m[0] = ICMP_ECHO_REPLY;
    put16(m + 2, ck);
    if (net_ip_send(ifp, pkt->src, IP_PROTO_ICMP, pkt->len) == 0)
        ifp->stats.icmp_echo++;
}

// Destination unreachable (RFC 792): the quoted IP header and the first 8
// bytes of our TCP segment name the connection; protocol and port
// unreachable mean refused, the others that the host cannot be reached.
static void unreachable(struct net_if *ifp, const struct ip_pkt *pkt)
{
    const uint8_t *ip = pkt->data + ICMP_HLEN, *tcp;
    size_t len = pkt->len - ICMP_HLEN, ihl;
    uint8_t code = pkt->data[1];

    if (len < IP4_HLEN || (ip[0] >> 4) != 4 ||
        (ihl = (ip[0] & 15) * 4u) < IP4_HLEN || len < ihl + 8 ||
        get32(ip + 12) != ifp->cfg.addr) {
        ifp->stats.icmp_malformed++;
        return;
    }
    if (ip[9] != IP_PROTO_TCP)
        return;
    tcp = ip + ihl;
    net_tcp_icmp_error(
        ifp, get32(ip + 16), get16(tcp), get16(tcp + 2), get32(tcp + 4),
        code == 2 || code == ICMP_PORT_UNREACH ? -ECONNREFUSED : -EHOSTUNREACH);
}

void net_icmp_input(struct net_if *ifp, const struct ip_pkt *pkt)
{
    ifp->stats.icmp_rx++;
    if (pkt->len < ICMP_HLEN) {
        ifp->stats.icmp_malformed++;
        return;
    }
    if (net_checksum(pkt->data, pkt->len)) {
        ifp->stats.icmp_cksum++;
        return;
    }
    if (pkt->data[0] == ICMP_ECHO)
        echo_reply(ifp, pkt);
    else if (pkt->data[0] == ICMP_UNREACH)
        unreachable(ifp, pkt);
}

// RFC 1122 3.2.2: never answer a broadcast or a packet whose source does
// not name a single host with an error, or errors would multiply.
void net_icmp_port_unreachable(struct net_if *ifp, const struct ip_pkt *pkt)
{
    uint8_t *m = net_ip_payload(ifp);
    size_t quote = pkt->len < 8 ? pkt->len : 8;
    size_t len = ICMP_HLEN + pkt->hdr_len + quote;

    if (pkt->broadcast || pkt->src == 0)
        return;
    m[0] = ICMP_UNREACH;
    m[1] = ICMP_PORT_UNREACH;
    memset(m + 2, 0, 6);
    // The original header and the first 8 bytes of its payload: enough
    // for the sender to find the socket (RFC 792).
    memcpy(m + ICMP_HLEN, pkt->hdr, pkt->hdr_len);
    memcpy(m + ICMP_HLEN + pkt->hdr_len, pkt->data, quote);
    put16(m + 2, net_checksum(m, len));
    if (net_ip_send(ifp, pkt->src, IP_PROTO_ICMP, len) == 0)
        ifp->stats.icmp_unreach++;
}
