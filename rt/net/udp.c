/*
 * Datagrams: each socket keeps its own queue of records (length, source,
 * bytes) in a ring, filled by libs/net's receive callback for every
 * device it is bound on, and by local senders. rt's own queue is what
 * lets recvfrom peek and one socket listen on several interfaces.
 */
#include <errno.h>
#include <sys/socket.h>

#include "../thread/thread.h"
#include "sock.h"

struct record {
    uint32_t len, src;
    uint16_t sport, pad;
};

void rt_dgram_queue(struct sock *s, uint32_t src, uint16_t sport,
                    const void *data, size_t len)
{
    struct record r = {(uint32_t)len, src, sport, 0};

    if (s->rd_shut || (!s->rx.buf && !rt_ring_alloc(&s->rx)))
        return;
    if (RT_SOCK_RING - s->rx.len < sizeof r + len)
        return; /* a full queue drops, as Linux does past SO_RCVBUF */
    rt_ring_put(&s->rx, &r, sizeof r);
    rt_ring_put(&s->rx, data, len);
    rt_events_changed();
}

long rt_dgram_take(struct sock *s, void *buf, size_t n, uint32_t *src,
                   uint16_t *sport, bool peek, size_t *full_len)
{
    struct record r;
    struct ring save = s->rx;
    size_t got;

    if (!s->rx.len)
        return -EAGAIN;
    rt_ring_get(&s->rx, &r, sizeof r, false);
    got = rt_ring_get(&s->rx, buf, n < r.len ? n : r.len, false);
    rt_ring_get(&s->rx, NULL, r.len - got, false); /* the truncated rest */
    if (peek)
        s->rx = save;
    if (src)
        *src = r.src;
    if (sport)
        *sport = r.sport;
    if (full_len)
        *full_len = r.len;
    return (long)got;
}

static void arrived(void *arg, struct net_udp *u, uint32_t src, uint16_t sport,
                    const void *data, size_t len)
{
    struct sock *s = arg;

    if (s->state == SK_CONNECTED && (src != s->raddr || sport != s->rport))
        return; /* a connected socket hears only its peer */
    rt_dgram_queue(s, src, sport, data, len);
}

int rt_udp_open(struct sock *s, int dev)
{
    int err;

    if (s->udp[dev])
        return 0;
    if ((err = net_udp_open(rt_net_ifs[dev], &s->udp[dev])))
        return -ENOBUFS; /* no memory for it (Linux: ENOBUFS or ENOMEM) */
    if ((err = net_udp_bind(s->udp[dev], s->lport))) {
        net_udp_close(s->udp[dev]);
        s->udp[dev] = NULL;
        return err;
    }
    net_udp_on_recv(s->udp[dev], arrived, s);
    return 0;
}

int rt_udp_bind_devices(struct sock *s)
{
    for (int n = 0; n < RT_NET_IFS && rt_net_ifs[n]; n++) {
        struct net_config cfg;
        int err;

        net_if_config(rt_net_ifs[n], &cfg);
        if (s->laddr && s->laddr != cfg.addr)
            continue;
        if ((err = rt_udp_open(s, n)))
            return err;
    }
    return 0;
}
