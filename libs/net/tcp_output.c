// TCP output: segments from a connection's send buffer within the peer's
// window and the congestion window, Nagle, retransmission of the first
// unacknowledged segment, window probes, control segments, and resets
// for segments that belong to no connection.
#include "internal.h"

#define TCP_HLEN 20

// RCV.WND: the free space of the receive ring as the window field says
// it, at most 65535 units of the scale (65535 bytes for a peer without
// window scaling, so 64 KiB buffers offer one byte less than they hold)
// in whole units. Sequence checks must use what the peer was told: a
// segment past the advertised edge is unacceptable (RFC 9293 3.10.7.4)
// even where the ring would have room for it.
uint32_t net_tcp_rcv_wnd(const struct net_tcp *s)
{
    uint32_t w = (uint32_t)(s->rcvbuf - s->rx_len);
    uint32_t max = 65535u << s->rcv_shift;

    return (w < max ? w : max) >> s->rcv_shift << s->rcv_shift;
}

// The smallest shift that lets a 16-bit window field cover rcvbuf.
uint8_t net_tcp_shift_for(uint32_t rcvbuf)
{
    uint8_t shift = 0;

    while (shift < 14 && rcvbuf >> shift > 65535)
        shift++;
    return shift;
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

// The window field: unscaled in a SYN (RFC 7323 2.2), scaled after.
static uint16_t wnd_field(const struct net_tcp *s, uint8_t flags)
{
    uint32_t w = net_tcp_rcv_wnd(s);

    if (!(flags & TCP_SYN))
        w >>= s->rcv_shift;
    return (uint16_t)(w > 65535 ? 65535 : w);
}

static int send_seg(struct net_tcp *s, uint32_t seq, uint8_t flags, size_t off,
                    size_t len)
{
    struct net_if *ifp = s->ifp;
    uint8_t *t = net_ip_payload(ifp);
    size_t hlen = TCP_HLEN;

    if (flags & TCP_SYN) { // our MSS: what one frame carries
        t[20] = 2;
        t[21] = 4;
        put16(t + 22, TCP_MSS_MAX);
        hlen += 4;
        // Window scale: always in our SYN; in a SYN-ACK only if the
        // peer's SYN had it, and then even with shift 0, or the peer
        // would not scale its windows while we scale them (RFC 7323 1.3).
        if (!(flags & TCP_ACK) || s->wscale) {
            t[24] = 1; // NOP, so the header stays a multiple of 4
            t[25] = 3;
            t[26] = 3;
            t[27] = s->rcv_shift;
            hlen += 4;
        }
    }
    if (len)
        ring_get(tcp_tx(s), s->sndbuf, s->tx_head + off, t + hlen, len);
    if (flags & TCP_ACK) { // every ACK we send answers all we have
        s->rcv_acked = s->rcv_nxt;
        s->t_dack = 0;
    }
    return emit(ifp, s->raddr, s->lport, s->rport, seq,
                (flags & TCP_ACK) ? s->rcv_nxt : 0, flags, wnd_field(s, flags),
                hlen, len);
}

int net_tcp_send_flags(struct net_tcp *s, uint32_t seq, uint8_t flags)
{
    return send_seg(s, seq, flags, 0, 0);
}

void net_tcp_ack_now(struct net_tcp *s)
{
    send_seg(s, s->snd_nxt, TCP_ACK, 0, 0);
}

static bool sending_state(const struct net_tcp *s)
{
    switch (s->state) {
    case NET_TCP_ESTABLISHED:
    case NET_TCP_CLOSE_WAIT:
    case NET_TCP_FIN_WAIT_1:
    case NET_TCP_CLOSING:
    case NET_TCP_LAST_ACK: return s->snd_una != s->iss; // SYN acknowledged
    default: return false;
    }
}

// Whether a segment of n bytes (of avail unsent) may go now: full
// segments always; a short tail only when nothing is unacknowledged or
// Nagle is off or the connection is closing (RFC 9293 3.7.4); a short
// window-limited piece only when it is half the peer's largest window
// (sender-side silly window avoidance, RFC 9293 3.8.6.2.1).
static bool worth_sending(const struct net_tcp *s, size_t n, size_t avail)
{
    if (n >= s->mss)
        return true;
    if (n < avail)
        return n >= s->max_wnd / 2;
    return s->nodelay || s->fin_queued || s->snd_nxt == s->snd_una;
}

static void sent(struct net_tcp *s, uint32_t n)
{
    if (!s->rtt_on && s->snd_nxt == s->snd_max) { // new data: time it
        s->rtt_on = true;
        s->rtt_seq = s->snd_nxt + n;
        s->rtt_t0 = now(s->ifp);
    }
    s->snd_nxt += n;
    if (SEQ_LT(s->snd_max, s->snd_nxt))
        s->snd_max = s->snd_nxt;
    if (!s->t_rexmt)
        s->t_rexmt = now(s->ifp) + net_tcp_rto_ns(s);
}

// Sends queued data the windows allow, in segments of at most the peer's
// MSS, then the FIN once it is queued and all data is out.
void net_tcp_output(struct net_tcp *s)
{
    // Limited transmit (RFC 3042): the first two duplicate ACKs each let
    // one new segment go, so a small window still yields the three
    // duplicates fast retransmit needs instead of a timeout.
    uint32_t extra = s->in_recovery || s->dupacks > 2 ? 0 : s->dupacks * s->mss;
    uint32_t wnd = s->snd_wnd < s->cwnd + extra ? s->snd_wnd : s->cwnd + extra;

    if (!sending_state(s))
        return;
    for (;;) {
        size_t off = s->snd_nxt - s->snd_una, avail, room, n;
        if (off >= s->tx_len)
            break;
        avail = s->tx_len - off;
        room = wnd > off ? wnd - off : 0;
        n = avail < room ? avail : room;
        n = n < s->mss ? n : s->mss;
        if (n == 0 || !worth_sending(s, n, avail))
            break;
        if (send_seg(s, s->snd_nxt, TCP_ACK | (n == avail ? TCP_PSH : 0), off,
                     n) < 0)
            break;
        sent(s, (uint32_t)n);
    }
    if (s->fin_queued && s->snd_nxt - s->snd_una == s->tx_len &&
        (!s->fin_sent || s->snd_nxt != s->snd_max)) {
        send_seg(s, s->snd_nxt, TCP_FIN | TCP_ACK, 0, 0);
        s->fin_sent = true;
        sent(s, 1);
    }
    if (!s->t_rexmt && s->tx_len > (size_t)(s->snd_nxt - s->snd_una))
        net_tcp_arm(s); // data waits for a window: probe later
}

// Resends the first unacknowledged segment (fast retransmit, partial
// ACKs); the FIN if no data is unacknowledged.
void net_tcp_retransmit(struct net_tcp *s)
{
    size_t n = s->tx_len < s->mss ? s->tx_len : s->mss;

    s->rtt_on = false;
    if (n)
        send_seg(s, s->snd_una, TCP_ACK | TCP_PSH, 0, n);
    else if (s->fin_sent)
        send_seg(s, s->snd_una, TCP_FIN | TCP_ACK, 0, 0);
}

// A window probe: the next byte beyond a shut window (RFC 9293 3.8.6.1),
// or the first unsent one. Its ACK tells us the window.
void net_tcp_probe(struct net_tcp *s)
{
    if (!sending_state(s))
        return;
    if (s->tx_len) {
        send_seg(s, s->snd_una, TCP_ACK, 0, 1);
        if (s->snd_nxt == s->snd_una)
            sent(s, 1);
    } else if (s->fin_sent) {
        send_seg(s, s->snd_una, TCP_FIN | TCP_ACK, 0, 0);
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
