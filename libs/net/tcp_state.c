// TCP in synchronized states (RFC 9293 3.10.7.4): sequence checks, RST,
// ACK, in-order data and FIN, in the RFC's order of steps.
#include "internal.h"

#define MSL_2     (60 * NS_PER_SEC) // TIME-WAIT: twice a 30 s MSL
#define FIN_WAIT2 (60 * NS_PER_SEC) // a peer that never closes

void net_tcp_notify(struct net_tcp *s, unsigned ev)
{
    if (ev && s->fn)
        s->fn(s->arg, s, ev);
}

void net_tcp_free(struct net_tcp *s)
{
    net_tcp_buffers_put(s);
    s->used = false;
    s->state = NET_TCP_CLOSED;
}

static bool in_window(uint32_t x, uint32_t lo, uint32_t wnd)
{
    return SEQ_LE(lo, x) && SEQ_LT(x, lo + wnd);
}

// RFC 9293's acceptability table: some part of the segment must fall in
// the receive window (or, for an empty window, be exactly at its edge).
static bool acceptable(const struct net_tcp *s, const struct tcp_seg *seg)
{
    uint32_t wnd = net_tcp_rcv_wnd(s);
    uint32_t len = (uint32_t)seg->len + !!(seg->flags & TCP_SYN) +
                   !!(seg->flags & TCP_FIN);

    if (len == 0)
        return wnd ? in_window(seg->seq, s->rcv_nxt, wnd)
                   : seg->seq == s->rcv_nxt;
    return wnd && (in_window(seg->seq, s->rcv_nxt, wnd) ||
                   in_window(seg->seq + len - 1, s->rcv_nxt, wnd));
}

static void ack_now(struct net_tcp *s)
{
    net_tcp_send_flags(s, s->snd_nxt, TCP_ACK);
}

// An exact RST resets; one merely in the window gets a challenge ACK, so
// an off-path attacker must guess the sequence number exactly (RFC 5961).
static void rst_input(struct net_tcp *s, const struct tcp_seg *seg)
{
    s->ifp->stats.tcp_rst_rx++;
    if (seg->seq != s->rcv_nxt) {
        s->ifp->stats.tcp_challenge_ack++;
        ack_now(s);
        return;
    }
    if (s->parent || s->user_closed) {
        net_tcp_free(s); // nobody holds it: back to LISTEN, or gone
        return;
    }
    s->err = s->state == NET_TCP_SYN_RECEIVED ? -ECONNREFUSED : -ECONNRESET;
    s->state = NET_TCP_CLOSED;
    net_tcp_notify(s, NET_TCP_EV_ERROR);
}

static void established(struct net_tcp *s, const struct tcp_seg *seg)
{
    // close() during the handshake already queued our FIN.
    s->state = s->fin_queued ? NET_TCP_FIN_WAIT_1 : NET_TCP_ESTABLISHED;
    s->deadline = 0;
    s->snd_una = seg->ack;
    s->snd_wnd = seg->wnd;
    s->snd_wl1 = seg->seq;
    s->snd_wl2 = seg->ack;
}

// Returns the events the ACK caused, or -1 if processing must stop.
static int ack_input(struct net_tcp *s, const struct tcp_seg *seg)
{
    uint32_t acked, data;

    if (SEQ_LT(s->snd_nxt, seg->ack)) { // acks what we never sent
        s->ifp->stats.tcp_bad_ack++;
        ack_now(s);
        return -1;
    }
    if (SEQ_LT(seg->ack, s->snd_una))
        return 0; // an old duplicate: harmless
    acked = seg->ack - s->snd_una;
    data = acked < s->tx_len ? acked : (uint32_t)s->tx_len;
    s->tx_head = (s->tx_head + data) % s->sndbuf;
    s->tx_len -= data;
    s->snd_una = seg->ack;
    if (SEQ_LT(s->snd_wl1, seg->seq) ||
        (s->snd_wl1 == seg->seq && SEQ_LE(s->snd_wl2, seg->ack))) {
        s->snd_wnd = seg->wnd;
        s->snd_wl1 = seg->seq;
        s->snd_wl2 = seg->ack;
    }
    if (s->fin_sent && s->snd_una == s->snd_nxt) { // our FIN is acked
        if (s->state == NET_TCP_FIN_WAIT_1) {
            s->state = NET_TCP_FIN_WAIT_2;
            s->deadline = now(s->ifp) + FIN_WAIT2;
        } else if (s->state == NET_TCP_CLOSING) {
            s->state = NET_TCP_TIME_WAIT;
            s->deadline = now(s->ifp) + MSL_2;
        } else if (s->state == NET_TCP_LAST_ACK) {
            net_tcp_free(s);
            return -1;
        }
    }
    return data ? NET_TCP_EV_WRITABLE : 0;
}

// Takes in-order payload into the receive ring. Returns true if all of
// the segment up to its FIN was taken, so the FIN may be processed.
static bool data_input(struct net_tcp *s, const struct tcp_seg *seg)
{
    const uint8_t *p = seg->data;
    size_t len = seg->len, skip = s->rcv_nxt - seg->seq, n;

    if (SEQ_LT(s->rcv_nxt, seg->seq)) { // a hole before it: wait for it
        s->ifp->stats.tcp_out_of_order++;
        return false;
    }
    if (skip > len) // an old duplicate, FIN included
        return false;
    p += skip;
    len -= skip;
    n = len < net_tcp_rcv_wnd(s) ? len : net_tcp_rcv_wnd(s);
    ring_put(tcp_rx(s), s->rcvbuf, s->rx_head + s->rx_len, p, n);
    s->rx_len += n;
    s->rcv_nxt += (uint32_t)n;
    return n == len;
}

static void fin_input(struct net_tcp *s)
{
    s->rcv_nxt++;
    s->fin_rcvd = true;
    switch (s->state) {
    case NET_TCP_SYN_RECEIVED:
    case NET_TCP_ESTABLISHED: s->state = NET_TCP_CLOSE_WAIT; break;
    case NET_TCP_FIN_WAIT_1: s->state = NET_TCP_CLOSING; break;
    case NET_TCP_FIN_WAIT_2:
        s->state = NET_TCP_TIME_WAIT;
        s->deadline = now(s->ifp) + MSL_2;
        break;
    }
}

static bool receiving(const struct net_tcp *s)
{
    return !s->fin_rcvd &&
           (s->state == NET_TCP_ESTABLISHED || s->state == NET_TCP_FIN_WAIT_1 ||
            s->state == NET_TCP_FIN_WAIT_2);
}

// Steps after the ACK: data, then FIN; answers anything that carried
// sequence space with an ACK. Returns the events for the owner.
static unsigned payload_input(struct net_tcp *s, const struct tcp_seg *seg)
{
    bool all = true, reply = false;
    unsigned ev = 0;
    uint32_t before = s->rcv_nxt;

    if (receiving(s) && (seg->len || (seg->flags & TCP_FIN))) {
        all = data_input(s, seg);
        reply = true;
        ev |= s->rcv_nxt != before ? NET_TCP_EV_READABLE : 0;
    }
    if (receiving(s) && all && (seg->flags & TCP_FIN) &&
        seg->seq + seg->len == s->rcv_nxt) {
        fin_input(s);
        ev |= NET_TCP_EV_READABLE;
    }
    if (reply)
        ack_now(s);
    return ev;
}

// SYN-RECEIVED through TIME-WAIT; see RFC 9293 3.10.7.4.
void net_tcp_segment(struct net_tcp *s, const struct tcp_seg *seg)
{
    struct net_tcp *parent = s->parent;
    bool accepted_now = false;
    unsigned ev = 0;
    int rc;

    // Our SYN-ACK was lost and the peer repeats its SYN: repeat ours.
    if (s->state == NET_TCP_SYN_RECEIVED && seg->flags == TCP_SYN &&
        seg->seq + 1 == s->rcv_nxt) {
        net_tcp_send_flags(s, s->iss, TCP_SYN | TCP_ACK);
        return;
    }
    if (!acceptable(s, seg)) {
        s->ifp->stats.tcp_bad_seq++;
        if (!(seg->flags & TCP_RST))
            ack_now(s);
        return;
    }
    if (seg->flags & TCP_RST) {
        rst_input(s, seg);
        return;
    }
    if (seg->flags & TCP_SYN) { // RFC 5961 4.2: never reset on a SYN
        s->ifp->stats.tcp_challenge_ack++;
        ack_now(s);
        return;
    }
    if (!(seg->flags & TCP_ACK))
        return;
    if (s->state == NET_TCP_SYN_RECEIVED) {
        if (!SEQ_LT(s->snd_una, seg->ack) || SEQ_LT(s->snd_nxt, seg->ack)) {
            s->ifp->stats.tcp_bad_ack++;
            net_tcp_send_flags(s, seg->ack, TCP_RST);
            return;
        }
        established(s, seg);
        ev |= parent ? 0 : NET_TCP_EV_CONNECTED | NET_TCP_EV_WRITABLE;
        if (parent) {
            s->accept_order = s->ifp->accept_order++;
            accepted_now = true;
        }
    } else if ((rc = ack_input(s, seg)) < 0) {
        return;
    } else {
        ev |= (unsigned)rc;
    }
    ev |= payload_input(s, seg);
    net_tcp_output(s);
    // A child waiting for accept has no owner to tell but its listener.
    if (accepted_now)
        net_tcp_notify(parent, NET_TCP_EV_ACCEPT);
    else if (!parent)
        net_tcp_notify(s, ev);
}
