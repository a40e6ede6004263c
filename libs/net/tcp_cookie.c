// SYN cookies: when a listener's SYN queue is full, the SYN-ACK's initial
// sequence number encodes what the connection needs (the peer's MSS, to
// one of eight values) and a keyed hash of the addresses, the peer's ISN
// and a 64-second counter, so no state is kept until the ACK proves the
// peer saw our SYN-ACK. Window scaling is lost (no options are kept).
// Layout: counter mod 32 (5 bits) | MSS index (3 bits) | hash (24 bits).
#include "internal.h"

#define PERIOD_NS (64 * NS_PER_SEC)

static const uint16_t mss_table[8] = {216,  536,  1024, 1200,
                                      1360, 1400, 1440, 1460};

static uint32_t hash(struct net_if *ifp, const struct ip_pkt *pkt,
                     const struct tcp_seg *seg, uint32_t peer_isn,
                     uint32_t count)
{
    uint64_t x =
        net_mix64(ifp->desc.secret ^ ((uint64_t)pkt->src << 32 |
                                      (uint64_t)seg->sport << 16 | seg->dport));

    x = net_mix64(x ^ ((uint64_t)peer_isn << 32 | count) ^ 0xc00c1e);
    return (uint32_t)x & 0xffffff;
}

uint32_t net_tcp_cookie(struct net_if *ifp, const struct ip_pkt *pkt,
                        const struct tcp_seg *seg, uint16_t *mss)
{
    uint32_t count = (uint32_t)(now(ifp) / PERIOD_NS), idx = 0;

    for (uint32_t i = 1; i < 8; i++)
        if (mss_table[i] <= *mss)
            idx = i;
    *mss = mss_table[idx];
    return (count & 31) << 27 | idx << 24 |
           hash(ifp, pkt, seg, seg->seq, count);
}

// seg is the ACK that completes the handshake: its ack - 1 is our cookie
// and its seq - 1 the peer's ISN. Returns the MSS, or 0 if the cookie is
// not one we sent in the last two periods.
uint16_t net_tcp_cookie_check(struct net_if *ifp, const struct ip_pkt *pkt,
                              const struct tcp_seg *seg)
{
    uint32_t cookie = seg->ack - 1, count = (uint32_t)(now(ifp) / PERIOD_NS);

    for (uint32_t k = 0; k < 2 && k <= count; k++) {
        uint32_t c = count - k;
        if ((cookie >> 27) == (c & 31) &&
            (cookie & 0xffffff) == hash(ifp, pkt, seg, seg->seq - 1, c))
            return mss_table[cookie >> 24 & 7];
    }
    return 0;
}
