// IPv4 fragment reassembly (RFC 791 section 3.2, RFC 815's idea of holes
// kept as a bitmap): a few datagrams at once in fixed slots, each with a
// deadline. Anything inconsistent drops the whole datagram. The slots are
// the memory budget: when all are taken, a new datagram evicts the oldest
// unfinished one, so a few fragments that never complete (from anyone:
// sources are cheap to forge) cannot block reassembly until they expire.
#include "internal.h"

#define IP_MF     0x2000
#define IP_OFFSET 0x1fff
#define REASM_NS                                                               \
    (30 * NS_PER_SEC) // RFC 1122 suggests 60-120 s; less
                      // pins the few slots for less time
#define BLOCKS(len) (((len) + 7) / 8)

static bool test_bit(const uint8_t *map, size_t i)
{
    return map[i / 8] >> (i % 8) & 1;
}

// The slot of this fragment's datagram; else a free one, else the one
// whose datagram started first (all start with the same lifetime, so it
// is the one that expires first).
static struct reasm *find(struct net_if *ifp, const uint8_t *hdr)
{
    struct reasm *free_slot = NULL, *oldest = NULL;

    for (int i = 0; i < NET_REASM_SLOTS; i++) {
        struct reasm *r = &ifp->reasm[i];
        if (!r->used) {
            free_slot = free_slot ? free_slot : r;
            continue;
        }
        if (r->src == get32(hdr + 12) && r->dst == get32(hdr + 16) &&
            r->id == get16(hdr + 4) && r->proto == hdr[9])
            return r;
        if (!oldest || r->expiry < oldest->expiry)
            oldest = r;
    }
    if (!free_slot) {
        ifp->stats.frag_evicted++;
        free_slot = oldest;
    }
    memset(free_slot, 0, offsetof(struct reasm, data));
    free_slot->used = true;
    free_slot->src = get32(hdr + 12);
    free_slot->dst = get32(hdr + 16);
    free_slot->id = get16(hdr + 4);
    free_slot->proto = hdr[9];
    return free_slot;
}

// Returns false if the fragment [off, end) contradicts what came before:
// it overlaps received bytes (overlaps are how IDS evasion and the old
// teardrop attacks work, so no overlap is trusted, RFC 5722's policy), or
// it disagrees about where the datagram ends.
static bool fits(struct reasm *r, size_t off, size_t end, bool last)
{
    if (r->total && end > r->total)
        return false;
    if (last && r->total && end != r->total)
        return false;
    if (last && r->end > end)
        return false;
    for (size_t b = off / 8; b < BLOCKS(end); b++)
        if (test_bit(r->have, b))
            return false;
    return true;
}

static bool complete(const struct reasm *r)
{
    if (!r->total || !r->hdr_len)
        return false;
    for (size_t b = 0; b < BLOCKS(r->total); b++)
        if (!test_bit(r->have, b))
            return false;
    return true;
}

static void deliver(struct net_if *ifp, struct reasm *r)
{
    struct ip_pkt pkt = {
        .src = r->src,
        .dst = r->dst,
        .proto = r->proto,
        .broadcast = !ifp->cfg.addr || r->dst != ifp->cfg.addr,
        .hdr = r->hdr,
        .hdr_len = r->hdr_len,
        .data = r->data,
        .len = r->total,
    };

    ifp->stats.frag_done++;
    net_ip_deliver(ifp, &pkt);
    r->used = false;
}

// hdr was validated by ip_input; data/len is this fragment's payload.
void net_reasm_input(struct net_if *ifp, const uint8_t *hdr, size_t hdr_len,
                     const uint8_t *data, size_t len)
{
    size_t off = (size_t)(get16(hdr + 6) & IP_OFFSET) * 8, end = off + len;
    bool last = !(get16(hdr + 6) & IP_MF);
    struct reasm *r;

    ifp->stats.frag_rx++;
    if (!len || (!last && len % 8) || hdr_len + end > 65535) {
        ifp->stats.frag_malformed++;
        return;
    }
    r = find(ifp, hdr);
    if (!r->expiry)
        r->expiry = now(ifp) + REASM_NS;
    if (end > NET_REASM_BYTES) {
        ifp->stats.frag_too_big++;
        r->used = false;
        return;
    }
    if (!fits(r, off, end, last)) {
        ifp->stats.frag_overlap++;
        r->used = false;
        return;
    }
    for (size_t b = off / 8; b < BLOCKS(end); b++)
        r->have[b / 8] |= (uint8_t)(1u << (b % 8));
    memcpy(r->data + off, data, len);
    r->end = end > r->end ? (uint16_t)end : r->end;
    if (last)
        r->total = (uint16_t)end;
    if (off == 0) {
        memcpy(r->hdr, hdr, hdr_len);
        r->hdr_len = (uint16_t)hdr_len;
    }
    if (complete(r))
        deliver(ifp, r);
}

void net_reasm_timer(struct net_if *ifp, uint64_t t)
{
    for (int i = 0; i < NET_REASM_SLOTS; i++) {
        if (ifp->reasm[i].used && t >= ifp->reasm[i].expiry) {
            ifp->reasm[i].used = false;
            ifp->stats.frag_timeout++;
        }
    }
}

uint64_t net_reasm_deadline(const struct net_if *ifp)
{
    uint64_t d = UINT64_MAX;

    for (int i = 0; i < NET_REASM_SLOTS; i++)
        if (ifp->reasm[i].used && ifp->reasm[i].expiry < d)
            d = ifp->reasm[i].expiry;
    return d;
}
