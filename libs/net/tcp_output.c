// TCP output: segments from a connection's send buffer, control segments,
// and resets for segments that belong to no connection.
#include "internal.h"

#define TCP_HLEN 20

uint32_t net_tcp_rcv_wnd(const struct net_tcp *s)
{
    return (uint32_t)(s->rcvbuf - s->rx_len);
}

// Builds and sends one segment whose payload (len bytes) is already at
// net_ip_payload() + hlen; fills the header and checksum.
static int emit(struct net_if *ifp, uint32_t raddr, uint16_t sport,
                uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
                uint16_t wnd, size_t hlen, size_t len)
{
    uint8_t *t = net_ip_payload(ifp);
    size_t total = hlen + len;

    put16(t, sport);
    put16(t + 2, dport);
    put32(t + 4, seq);
    put32(t + 8, ack);
    t[12] = (uint8_t)(hlen / 4) << 4;
    t[13] = flags;
    put16(t + 14, wnd);
    put16(t + 16, 0);
    put16(t + 18, 0);
    put16(t + 16, net_cksum_fold(net_cksum_add(
                      net_cksum_pseudo(ifp->cfg.addr, raddr, IP_PROTO_TCP,
                                       (uint16_t)total),
                      t, total)));
    return net_ip_send(ifp, raddr, IP_PROTO_TCP, total);
}

static int send_seg(struct net_tcp *s, uint32_t seq, uint8_t flags, size_t off,
                    size_t len)
{
    struct net_if *ifp = s->ifp;
    uint8_t *t = net_ip_payload(ifp);
    size_t hlen = TCP_HLEN;
    uint32_t wnd = net_tcp_rcv_wnd(s);

    if (flags & TCP_SYN) { // our MSS: what one frame carries
        t[20] = 2;
        t[21] = 4;
        put16(t + 22, NET_ETH_MTU - IP4_HLEN - TCP_HLEN);
        hlen += 4;
    }
    if (len)
        ring_get(tcp_tx(s), s->sndbuf, s->tx_head + off, t + hlen, len);
    return emit(ifp, s->raddr, s->lport, s->rport, seq,
                (flags & TCP_ACK) ? s->rcv_nxt : 0, flags,
                (uint16_t)(wnd > 65535 ? 65535 : wnd), hlen, len);
}

int net_tcp_send_flags(struct net_tcp *s, uint32_t seq, uint8_t flags)
{
    return send_seg(s, seq, flags, 0, 0);
}

// Sends queued data the peer's window has room for, in segments of at
// most its MSS, then the FIN once close() was called and all data is out.
void net_tcp_output(struct net_tcp *s)
{
    switch (s->state) {
    case NET_TCP_ESTABLISHED:
    case NET_TCP_CLOSE_WAIT:
    case NET_TCP_FIN_WAIT_1:
    case NET_TCP_LAST_ACK: break;
    default: return;
    }
    if (s->snd_una == s->iss) // our SYN is not acknowledged yet
        return;
    for (;;) {
        size_t sent = s->snd_nxt - s->snd_una - s->fin_sent;
        size_t n = s->tx_len - sent;
        size_t room = s->snd_wnd > sent ? s->snd_wnd - sent : 0;
        n = n < room ? n : room;
        n = n < s->mss ? n : s->mss;
        if (n == 0 || s->fin_sent)
            break;
        if (send_seg(s, s->snd_nxt, TCP_ACK | TCP_PSH, sent, n) < 0)
            break;
        s->snd_nxt += (uint32_t)n;
    }
    if (s->fin_queued && !s->fin_sent && s->snd_nxt - s->snd_una == s->tx_len) {
        send_seg(s, s->snd_nxt, TCP_FIN | TCP_ACK, 0, 0);
        s->snd_nxt++;
        s->fin_sent = true;
    }
}

// RFC 9293 3.10.7.1: a segment for no connection gets a reset the sender
// accepts, and a reset never gets one (resets would ping-pong).
void net_tcp_reset_reply(struct net_if *ifp, const struct ip_pkt *pkt,
                         const struct tcp_seg *seg)
{
    uint32_t ack;

    if ((seg->flags & TCP_RST) || pkt->broadcast)
        return;
    ifp->stats.tcp_rst_tx++;
    if (seg->flags & TCP_ACK) {
        emit(ifp, pkt->src, seg->dport, seg->sport, seg->ack, 0, TCP_RST, 0,
             TCP_HLEN, 0);
        return;
    }
    ack = seg->seq + (uint32_t)seg->len + !!(seg->flags & TCP_SYN) +
          !!(seg->flags & TCP_FIN);
    emit(ifp, pkt->src, seg->dport, seg->sport, 0, ack, TCP_RST | TCP_ACK, 0,
         TCP_HLEN, 0);
}
