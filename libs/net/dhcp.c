// DHCP client (RFC 2131, options RFC 2132): DISCOVER, OFFER, REQUEST,
// ACK on the stack's own UDP; retransmission with exponential back-off;
// renewal at T1 (unicast to the server) and rebinding at T2 (broadcast);
// a NAK or an expired lease starts over. The lease configures the
// interface through net_if_configure.
#include "internal.h"

#define CLIENT_PORT 68
#define SERVER_PORT 67
#define MSG_LEN     300 // fixed part (236) + magic + options, BOOTP minimum
#define MAGIC       0x63825363u

enum { DISCOVER = 1, OFFER = 2, REQUEST = 3, ACK = 5, NAK = 6 };

static uint64_t secs(uint32_t s)
{
    return (uint64_t)s * NS_PER_SEC;
}

// Retransmission delay (RFC 2131 4.1): 4 s doubling to 64 s, +-1 s.
static uint64_t backoff(struct net_dhcp *d)
{
    uint32_t base = 4u << (d->tries < 4 ? d->tries : 4);
    uint64_t jitter = net_mix64(d->xid + d->tries) % (2 * NS_PER_SEC);

    return secs(base) - NS_PER_SEC + jitter;
}

static void send_msg(struct net_if *ifp, uint8_t type, uint32_t dst)
{
    struct net_dhcp *d = &ifp->dhcp;
    uint8_t m[MSG_LEN] = {1, 1, 6, 0}, *o = m + 240;
    bool renewing = d->state == DHCP_RENEWING || d->state == DHCP_REBINDING;

    put32(m + 4, d->xid);
    if (!renewing)
        put16(m + 10, 0x8000); // broadcast replies: we have no address
    else
        put32(m + 12, d->addr); // ciaddr
    memcpy(m + 28, ifp->desc.mac, 6);
    put32(m + 236, MAGIC);
    *o++ = 53, *o++ = 1, *o++ = type;
    if (type == REQUEST && !renewing) {
        *o++ = 50, *o++ = 4, put32(o, d->offer), o += 4;
        *o++ = 54, *o++ = 4, put32(o, d->server), o += 4;
    }
    // Subnet mask, router, DNS, lease time, T1, T2.
    *o++ = 55, *o++ = 6, *o++ = 1, *o++ = 3, *o++ = 6;
    *o++ = 51, *o++ = 58, *o++ = 59;
    *o = 255;
    net_udp_sendto(d->sock, dst, SERVER_PORT, m, sizeof(m));
}

static void discover(struct net_if *ifp)
{
    struct net_dhcp *d = &ifp->dhcp;

    d->state = DHCP_SELECTING;
    d->xid = (uint32_t)net_mix64(ifp->desc.secret ^ now(ifp) ^ d->xid);
    send_msg(ifp, DISCOVER, IP4_BROADCAST);
    d->timer = now(ifp) + backoff(d);
}

// The options of a reply; 0 where absent.
struct reply {
    uint8_t type;
    uint32_t server, mask, router, dns, lease, t1, t2;
};

static bool parse(const uint8_t *m, size_t len, struct reply *r)
{
    size_t i = 240;

    memset(r, 0, sizeof(*r));
    if (len < 240 || get32(m + 236) != MAGIC)
        return false;
    while (i < len && m[i] != 255) {
        uint8_t code = m[i], n;
        const uint8_t *v;
        if (code == 0) {
            i++;
            continue;
        }
        if (i + 2 > len || i + 2 + m[i + 1] > len)
            return false;
        n = m[i + 1];
        v = m + i + 2;
        if (code == 53 && n == 1)
            r->type = v[0];
        if (n >= 4) {
            uint32_t x = get32(v);
            switch (code) {
            case 1: r->mask = x; break;
            case 3: r->router = x; break;
            case 6: r->dns = x; break;
            case 51: r->lease = x; break;
            case 54: r->server = x; break;
            case 58: r->t1 = x; break;
            case 59: r->t2 = x; break;
            }
        }
        i += 2u + n;
    }
    return r->type != 0;
}

static uint8_t prefix_of(uint32_t mask)
{
    uint8_t p = 0;

    while (p < 32 && (mask << p) & 0x80000000u)
        p++;
    return p;
}

static void bind_lease(struct net_if *ifp, uint32_t yiaddr,
                       const struct reply *r)
{
    struct net_dhcp *d = &ifp->dhcp;
    struct net_config cfg = {.addr = yiaddr,
                             .prefix = r->mask ? prefix_of(r->mask) : 24,
                             .gateway = r->router,
                             .dns = r->dns};
    uint32_t lease = r->lease ? r->lease : 3600;
    uint64_t t = now(ifp);

    if (net_if_configure(ifp, &cfg) < 0) { // e.g. a multicast address
        ifp->stats.dhcp_bad++;
        return;
    }
    d->state = DHCP_BOUND;
    d->addr = yiaddr;
    d->tries = 0;
    d->t1 = t + (r->t1 ? secs(r->t1) : secs(lease) / 2);
    d->t2 = t + (r->t2 ? secs(r->t2) : secs(lease) / 8 * 7);
    d->expiry = t + secs(lease);
    d->timer = d->t1;
    ifp->stats.dhcp_bound++;
}

static void input(void *arg, struct net_udp *s, uint32_t src, uint16_t sport,
                  const void *data, size_t len)
{
    struct net_if *ifp = arg;
    struct net_dhcp *d = &ifp->dhcp;
    const uint8_t *m = data;
    struct reply r;

    if (len < 240 || m[0] != 2 || get32(m + 4) != d->xid ||
        memcmp(m + 28, ifp->desc.mac, 6) || !parse(m, len, &r)) {
        ifp->stats.dhcp_bad++;
        return;
    }
    if (d->state == DHCP_SELECTING && r.type == OFFER && r.server) {
        d->offer = get32(m + 16);
        d->server = r.server;
        d->state = DHCP_REQUESTING;
        d->tries = 0;
        send_msg(ifp, REQUEST, IP4_BROADCAST);
        d->timer = now(ifp) + backoff(d);
    } else if (d->state != DHCP_SELECTING && d->state != DHCP_BOUND &&
               r.type == ACK) {
        bind_lease(ifp, get32(m + 16), &r);
    } else if (d->state != DHCP_SELECTING && d->state != DHCP_BOUND &&
               r.type == NAK) {
        struct net_config none = {0};
        ifp->stats.dhcp_nak++;
        net_if_configure(ifp, &none);
        d->tries = 0;
        discover(ifp);
    }
}

int net_dhcp_start(struct net_if *ifp)
{
    struct net_dhcp *d = &ifp->dhcp;
    int rc;

    if (d->state != DHCP_OFF)
        return -EALREADY;
    if ((rc = net_udp_open(ifp, &d->sock)) < 0)
        return rc;
    if ((rc = net_udp_bind(d->sock, CLIENT_PORT)) < 0) {
        net_udp_close(d->sock);
        return rc;
    }
    net_udp_on_recv(d->sock, input, ifp);
    d->tries = 0;
    discover(ifp);
    return 0;
}

void net_dhcp_timer(struct net_if *ifp, uint64_t t)
{
    struct net_dhcp *d = &ifp->dhcp;
    struct net_config none = {0};

    if (d->state == DHCP_OFF || t < d->timer)
        return;
    switch (d->state) {
    case DHCP_SELECTING:
        d->tries++;
        discover(ifp);
        return;
    case DHCP_REQUESTING: // no answer to 4 REQUESTs: start over
        if (++d->tries >= 4) {
            d->tries = 0;
            discover(ifp);
            return;
        }
        send_msg(ifp, REQUEST, IP4_BROADCAST);
        d->timer = t + backoff(d);
        return;
    default: break;
    }
    if (t >= d->expiry) { // the lease ran out
        net_if_configure(ifp, &none);
        d->tries = 0;
        discover(ifp);
        return;
    }
    d->state = t >= d->t2 ? DHCP_REBINDING : DHCP_RENEWING;
    send_msg(ifp, REQUEST,
             d->state == DHCP_RENEWING ? d->server : IP4_BROADCAST);
    // RFC 2131 4.4.5: retry after half the time left, at least 60 s.
    d->timer = t + ((d->state == DHCP_RENEWING ? d->t2 : d->expiry) - t) / 2;
    if (d->timer < t + secs(60))
        d->timer = t + secs(60);
    if (d->state == DHCP_RENEWING && d->timer > d->t2)
        d->timer = d->t2;
    if (d->timer > d->expiry)
        d->timer = d->expiry;
}

uint64_t net_dhcp_deadline(const struct net_if *ifp)
{
    return ifp->dhcp.state == DHCP_OFF ? UINT64_MAX : ifp->dhcp.timer;
}
