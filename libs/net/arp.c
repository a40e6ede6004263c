// ARP (RFC 826): the neighbour cache, requests and replies, gratuitous
// announcements, and the bounded queue of frames waiting for an answer.
//
// The cache is bounded (NET_ARP_ENTRIES) and every way into it is open
// to forged traffic: a SYN from a forged on-link source makes us resolve
// that address for the SYN-ACK, an ARP request to us teaches its sender.
// So entries are taken in an order that keeps the neighbours we talk to:
// a free entry, else the oldest incomplete one (a request that has waited
// longest; a real neighbour answers in a round trip), else the least
// recently used reachable one that is idle (no frame sent through it for
// ARP_IN_USE_NS). A reachable entry in use is never taken: frames to a
// neighbour whose entry is known go out at once, whatever the cache
// pressure. A sender learned unasked (a request or reply to us from an
// unknown address) may take only a free or idle entry, never one that
// waits for an answer; gratuitous ARP and requests for others teach
// nothing new (they refresh an entry we have). Linux's forced garbage
// collection is similar: it keeps referenced entries and those updated in
// the last 5 s.
//
// The pending queue (NET_ARP_PENDING frames in all) holds the latest
// ARP_PENDING_PER_HOP frames per next hop, and when full drops its oldest
// frame for a new one: a flood of unresolvable destinations cannot keep
// out a frame for a neighbour about to answer (Linux: unres_qlen_bytes
// per neighbour).
#include "internal.h"

#define ARP_LEN             28
#define ARP_REQUEST         1
#define ARP_REPLY           2
#define ARP_TRIES           3
#define ARP_RETRY_NS        (1 * NS_PER_SEC)
#define ARP_REACH_NS        (60 * NS_PER_SEC) // then ask again: hosts move
#define ARP_REFRESH_NS      (5 * NS_PER_SEC)
#define ARP_IN_USE_NS       (5 * NS_PER_SEC)
#define ARP_PENDING_PER_HOP 2
#define IS_GROUP(mac)       ((mac)[0] & 1)

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

// An entry for a new neighbour, in the order above; incomplete ones are
// taken only when asking (for an answer we wait for). NULL when every
// entry is in use or (for a sender learned unasked) waiting.
static struct arp_entry *take(struct net_if *ifp, bool asking)
{
    struct arp_entry *old = NULL, *idle = NULL;
    uint64_t t = now(ifp);

    for (int i = 0; i < NET_ARP_ENTRIES; i++) {
        struct arp_entry *e = &ifp->arp[i];
        if (e->state == ARP_FREE)
            return e;
        if (e->state == ARP_INCOMPLETE) {
            if (!old || e->since < old->since)
                old = e;
        } else if ((!e->used || t - e->used >= ARP_IN_USE_NS) &&
                   (!idle || e->used < idle->used ||
                    (e->used == idle->used && e->since < idle->since))) {
            idle = e;
        }
    }
    if (!asking || !old)
        old = idle;
    if (!old) {
        ifp->stats.arp_table_full++;
        return NULL;
    }
    ifp->stats.arp_evicted++;
    if (old->state == ARP_INCOMPLETE)
        drop_pending(ifp, old->ip);
    old->state = ARP_FREE;
    return old;
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

// Pending frame a was queued before b (the order wraps).
static bool older(const struct arp_pending *a, const struct arp_pending *b)
{
    return (int32_t)(a->seq - b->seq) < 0;
}

// The answer came: send every frame that waited for it, in queue order.
static void flush_pending(struct net_if *ifp, struct arp_entry *e)
{
    for (;;) {
        struct arp_pending *first = NULL;
        for (int i = 0; i < NET_ARP_PENDING; i++) {
            struct arp_pending *p = &ifp->pending[i];
            if (p->next_hop == e->ip && (!first || older(p, first)))
                first = p;
        }
        if (!first)
            return;
        memcpy(first->frame, e->mac, 6);
        first->next_hop = 0;
        e->used = now(ifp);
        net_eth_send(ifp, first->frame, first->len);
    }
}

static void learn(struct net_if *ifp, struct arp_entry *e, uint32_t ip,
                  const uint8_t *mac)
{
    if (e->state == ARP_FREE)
        e->used = 0; // learned unasked: idle until we send to it
    e->ip = ip;
    memcpy(e->mac, mac, 6);
    e->state = ARP_REACHABLE;
    e->tries = 0;
    e->since = now(ifp);
    e->expiry = e->since + ARP_REACH_NS;
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
        if (!e && for_us)
            e = take(ifp, false);
        if (e)
            learn(ifp, e, spa, sha);
    }
    if (for_us && get16(p + 6) == ARP_REQUEST)
        send_arp(ifp, ARP_REPLY, sha, spa);
}

// Copies frame into the pending queue for next_hop: over next_hop's
// oldest frame if it already has ARP_PENDING_PER_HOP waiting (RFC 1122
// 2.3.2.2: keep the latest), else into a free slot, else over the oldest
// frame of all. An overwritten frame is counted as dropped.
static void enqueue(struct net_if *ifp, uint32_t next_hop, const uint8_t *frame,
                    size_t len)
{
    struct arp_pending *slot = &ifp->pending[0], *mine = NULL;
    int n = 0;

    for (int i = 0; i < NET_ARP_PENDING; i++) {
        struct arp_pending *p = &ifp->pending[i];
        if (p->next_hop == next_hop) {
            n++;
            if (!mine || older(p, mine))
                mine = p;
        }
        if (slot->next_hop && (!p->next_hop || older(p, slot)))
            slot = p;
    }
    if (n >= ARP_PENDING_PER_HOP)
        slot = mine;
    if (slot->next_hop)
        ifp->stats.arp_pending_drop++;
    slot->next_hop = next_hop;
    slot->seq = ifp->pending_seq++;
    slot->len = (uint16_t)len;
    memcpy(slot->frame, frame, len);
}

// See internal.h.
int net_arp_resolve_send(struct net_if *ifp, uint32_t next_hop, uint8_t *frame,
                         size_t len)
{
    struct arp_entry *e = lookup(ifp, next_hop);
    int rc;

    if (e && e->state == ARP_REACHABLE) {
        memcpy(frame, e->mac, 6);
        e->used = now(ifp);
        rc = net_eth_send(ifp, frame, len); // frame is ifp->tx: send first
        // Ask again shortly before an entry in use expires, so a long
        // transfer never stalls behind a new resolution.
        if (!e->tries && e->used + ARP_REFRESH_NS >= e->expiry) {
            e->tries = 1;
            send_arp(ifp, ARP_REQUEST, NULL, next_hop);
        }
        return rc;
    }
    if (!e && !(e = take(ifp, true))) {
        ifp->stats.arp_pending_drop++;
        return 0;
    }
    enqueue(ifp, next_hop, frame, len);
    if (e->state == ARP_INCOMPLETE) // a request is out; the timer repeats it
        return 0;
    e->ip = next_hop;
    e->state = ARP_INCOMPLETE;
    e->tries = 1;
    e->since = now(ifp);
    e->used = 0;
    e->expiry = e->since + ARP_RETRY_NS;
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
