// Keyed hash tables for the sockets (connections by 4-tuple, ports), and
// the bitmaps of ephemeral ports in use. Lookups stay O(1) at any count:
// tables double when they hold more entries than buckets, and the hash is
// keyed with the embedder's secret, so a remote peer cannot pick source
// addresses and ports that pile into one bucket (hash flooding).
#include "internal.h"

void net_hash_init(struct net_if *ifp)
{
    for (uint64_t i = 0; i < 3; i++)
        ifp->hash_key[i] = net_mix64(ifp->desc.secret ^ (0x4a5ull + i) << 40);
    ifp->hash_key[1] |= 1; // multipliers must be odd: bijective
    ifp->hash_key[2] |= 1;
}

// Xor a secret word, multiply by a secret odd one: the top half of the
// product depends on every bit of the key, and for two fixed keys it
// agrees only for a small fraction of multipliers (the multiply-shift
// scheme), which the attacker does not know. Folding the top half down
// and multiplying again by a second secret makes each returned bit (the
// low ones pick the bucket) depend on all of it, and hides the first
// step's arithmetic structure from someone who times lookups.
uint32_t net_hash(const struct net_if *ifp, uint64_t key)
{
    uint64_t x = (key ^ ifp->hash_key[0]) * ifp->hash_key[1];

    x = (x ^ x >> 32) * ifp->hash_key[2];
    return (uint32_t)(x >> 32);
}

void net_table_init(struct net_table *t)
{
    memset(t->min, 0, sizeof(t->min));
    t->b = t->min;
    t->mask = NET_TABLE_MIN - 1;
    t->count = 0;
}

struct net_hnode *net_table_bucket(const struct net_table *t, uint32_t hash)
{
    return t->b[hash & t->mask];
}

// Moves every entry to a table of n buckets; without memory for it the
// old table stays (longer chains, still correct).
static void resize(struct net_if *ifp, struct net_table *t, uint32_t n)
{
    struct net_hnode **b = t->min, **old = t->b, *e, *next;
    uint32_t old_n = t->mask + 1;

    if (n > NET_TABLE_MIN &&
        !(b = ifp->desc.alloc(ifp->desc.arg, n * sizeof(*b))))
        return;
    for (uint32_t i = 0; i < n; i++)
        b[i] = NULL;
    for (uint32_t i = 0; i < old_n; i++) {
        for (e = old[i]; e; e = next) {
            next = e->next;
            e->next = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
        }
    }
    t->b = b;
    t->mask = n - 1;
    if (old != t->min)
        ifp->desc.free(ifp->desc.arg, old, old_n * sizeof(*old));
}

void net_table_insert(struct net_if *ifp, struct net_table *t,
                      struct net_hnode *n)
{
    struct net_hnode **head = &t->b[n->hash & t->mask];

    n->next = *head;
    *head = n;
    if (++t->count > t->mask + 1 && t->mask < 0x7fffffff)
        resize(ifp, t, 2 * (t->mask + 1));
}

void net_table_remove(struct net_if *ifp, struct net_table *t,
                      struct net_hnode *n)
{
    struct net_hnode **p = &t->b[n->hash & t->mask];

    while (*p != n)
        p = &(*p)->next;
    *p = n->next;
    n->next = NULL;
    if (--t->count < (t->mask + 1) / 4 && t->mask + 1 > NET_TABLE_MIN)
        resize(ifp, t, (t->mask + 1) / 2);
}

uint16_t net_eph_take(uint64_t *bits, uint16_t *next)
{
    uint32_t i = *next % NET_EPH_SPAN;

    // At most 257 words: the first one from i on, every other, and the
    // first one again below i.
    for (uint32_t seen = 0; seen < NET_EPH_SPAN + 64;) {
        uint32_t w = i / 64;
        uint64_t free = ~bits[w] & ~0ull << (i % 64);
        if (free) {
            i = w * 64 + (uint32_t)__builtin_ctzll(free);
            bits[w] |= 1ull << (i % 64);
            *next = (uint16_t)(i + 1);
            return (uint16_t)(NET_EPH_LOW + i);
        }
        seen += 64 - i % 64;
        i = (w + 1) * 64 % NET_EPH_SPAN;
    }
    return 0;
}

void net_eph_mark(uint64_t *bits, uint16_t port, bool used)
{
    uint32_t i = (uint32_t)port - NET_EPH_LOW;

    if (port < NET_EPH_LOW)
        return;
    if (used)
        bits[i / 64] |= 1ull << (i % 64);
    else
        bits[i / 64] &= ~(1ull << (i % 64));
}
