// ARP (RFC 826): the neighbour cache, requests and replies, gratuitous
// announcements, and the bounded queue of frames waiting for an answer.
#include "internal.h"

#define ARP_LEN        28
#define ARP_REQUEST    1
#define ARP_REPLY      2
#define ARP_TRIES      3
#define ARP_RETRY_NS   (1 * NS_PER_SEC)
#define ARP_REACH_NS   (60 * NS_PER_SEC) // then ask again: hosts move
#define ARP_REFRESH_NS (5 * NS_PER_SEC)
#define IS_GROUP(mac)  ((mac)[0] & 1)

static struct arp_entry *lookup(struct net_if *ifp, uint32_t ip)
{
    for (int i = 0; i < NET_ARP_ENTRIES; i++)
        if (ifp->arp[i].state != ARP_FREE && ifp->arp[i].ip == ip)
            return &ifp->arp[i];
    return NULL;
}

static void drop_pending(struct net_if *ifp, uint32_t ip)
{
    for (int i = 0; i < NET_ARP_PENDING; i++) {
        if (ifp->pending[i].next_hop == ip) {
            ifp->pending[i].next_hop = 0;
            ifp->stats.arp_pending_drop++;
        }
    }
}

// A free entry, else the one closest to expiry: the cache is bounded and
// a flood of new neighbours only evicts, never grows it.
static struct arp_entry *victim(struct net_if *ifp)
{
    struct arp_entry *best = &ifp->arp[0];

    for (int i = 0; i < NET_ARP_ENTRIES; i++) {
        struct arp_entry *e = &ifp->arp[i];
        if (e->state == ARP_FREE)
            return e;
        if (e->expiry < best->expiry)
            best = e;
    }
    if (best->state == ARP_INCOMPLETE)
        drop_pending(ifp, best->ip);
    return best;
}

static int send_arp(struct net_if *ifp, uint16_t op, const uint8_t *tha,
                    uint32_t tpa)
{
    static const uint8_t zero[6];
    uint8_t *f = ifp->tx, *p = f + ETH_HLEN;

    net_eth_header(ifp, f, op == ARP_REPLY ? tha : NULL, ETH_TYPE_ARP);
    put16(p, 1); // Ethernet
    put16(p + 2, ETH_TYPE_IP4);
    p[4] = 6;
    p[5] = 4;
    put16(p + 6, op);
    memcpy(p + 8, ifp->desc.mac, 6);
    put32(p + 14, ifp->cfg.addr);
    memcpy(p + 18, op == ARP_REPLY ? tha : zero, 6);
    put32(p + 24, tpa);
    // Pad to Ethernet's 60-byte minimum ourselves: not every driver does.
    memset(p + ARP_LEN, 0, 60 - ETH_HLEN - ARP_LEN);
    ifp->stats.arp_tx++;
    return net_eth_send(ifp, f, 60);
}

// The answer came: send every frame that waited for it, in queue order.
static void flush_pending(struct net_if *ifp, struct arp_entry *e)
{
    for (int i = 0; i < NET_ARP_PENDING; i++) {
        struct arp_pending *p = &ifp->pending[i];
        if (p->next_hop != e->ip)
            continue;
        memcpy(p->frame, e->mac, 6);
        p->next_hop = 0;
        net_eth_send(ifp, p->frame, p->len);
    }
}

static void learn(struct net_if *ifp, struct arp_entry *e, uint32_t ip,
                  const uint8_t *mac)
{
    e->ip = ip;
    memcpy(e->mac, mac, 6);
    e->state = ARP_REACHABLE;
    e->tries = 0;
    e->expiry = now(ifp) + ARP_REACH_NS;
    flush_pending(ifp, e);
}

void net_arp_input(struct net_if *ifp, const uint8_t *p, size_t len)
{
    const uint8_t *sha = p + 8;
    uint32_t spa, tpa;
    struct arp_entry *e;
    bool for_us;

    ifp->stats.arp_rx++;
    if (len < ARP_LEN || get16(p) != 1 || get16(p + 2) != ETH_TYPE_IP4 ||
        p[4] != 6 || p[5] != 4 || IS_GROUP(sha) ||
        (get16(p + 6) != ARP_REQUEST && get16(p + 6) != ARP_REPLY)) {
        ifp->stats.arp_malformed++;
        return;
    }
    spa = get32(p + 14);
    tpa = get32(p + 24);
    for_us = ifp->cfg.addr && tpa == ifp->cfg.addr;
    // RFC 826's merge: refresh a known sender; learn a new one only when it
    // talks to us, so broadcast chatter cannot fill the cache. A probe
    // (sender 0) and a claim on our own address teach nothing.
    if (spa && spa != ifp->cfg.addr && spa != IP4_BROADCAST) {
        e = lookup(ifp, spa);
        if (e)
            learn(ifp, e, spa, sha);
        else if (for_us)
            learn(ifp, victim(ifp), spa, sha);
    }
    if (for_us && get16(p + 6) == ARP_REQUEST)
        send_arp(ifp, ARP_REPLY, sha, spa);
}

// See internal.h.
int net_arp_resolve_send(struct net_if *ifp, uint32_t next_hop, uint8_t *frame,
                         size_t len)
{
    struct arp_entry *e = lookup(ifp, next_hop);
    int i, rc;

    if (e && e->state == ARP_REACHABLE) {
        memcpy(frame, e->mac, 6);
        rc = net_eth_send(ifp, frame, len); // frame is ifp->tx: send first
        // Ask again shortly before an entry in use expires, so a long
        // transfer never stalls behind a new resolution.
        if (!e->tries && now(ifp) + ARP_REFRESH_NS >= e->expiry) {
            e->tries = 1;
            send_arp(ifp, ARP_REQUEST, NULL, next_hop);
        }
        return rc;
    }
    for (i = 0; i < NET_ARP_PENDING && ifp->pending[i].next_hop; i++)
        ;
    if (i < NET_ARP_PENDING) {
        ifp->pending[i].next_hop = next_hop;
        ifp->pending[i].len = (uint16_t)len;
        memcpy(ifp->pending[i].frame, frame, len);
    } else {
        ifp->stats.arp_pending_drop++;
    }
    if (e) // a request is already out; the timer repeats it
        return 0;
    e = victim(ifp);
    e->ip = next_hop;
    e->state = ARP_INCOMPLETE;
    e->tries = 1;
    e->expiry = now(ifp) + ARP_RETRY_NS;
    send_arp(ifp, ARP_REQUEST, NULL, next_hop);
    return 0;
}

void net_arp_announce(struct net_if *ifp)
{
    send_arp(ifp, ARP_REQUEST, NULL, ifp->cfg.addr);
}

void net_arp_timer(struct net_if *ifp, uint64_t t)
{
    for (int i = 0; i < NET_ARP_ENTRIES; i++) {
        struct arp_entry *e = &ifp->arp[i];
        if (e->state == ARP_FREE || t < e->expiry)
            continue;
        if (e->state == ARP_INCOMPLETE && e->tries < ARP_TRIES) {
            e->tries++;
            e->expiry = t + ARP_RETRY_NS;
            send_arp(ifp, ARP_REQUEST, NULL, e->ip);
            continue;
        }
        if (e->state == ARP_INCOMPLETE)
            drop_pending(ifp, e->ip);
        e->state = ARP_FREE;
    }
}

uint64_t net_arp_deadline(const struct net_if *ifp)
{
    uint64_t d = UINT64_MAX;

    for (int i = 0; i < NET_ARP_ENTRIES; i++)
        if (ifp->arp[i].state != ARP_FREE && ifp->arp[i].expiry < d)
            d = ifp->arp[i].expiry;
    return d;
}
