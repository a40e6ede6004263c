// TCP in synchronized states (RFC 9293 3.10.7.4): sequence checks, RST,
// SYN and ACK checks against blind attacks with rate-limited challenge
// ACKs (RFC 5961), ACK with RTT sampling and congestion control (RFC 5681,
// NewReno RFC 6582), data with an out-of-order queue, FIN, in that order.
#include "internal.h"

#define TCP_CHALLENGE_ACKS 1000               // per second: see net.h
#define TCP_CHALLENGE_GAP  (500 * 1000000ull) // per connection, ns

void net_tcp_notify(struct net_tcp *s, unsigned ev)
{
    if (ev && s->fn)
        s->fn(s->arg, s, ev);
}

// The connection is over with an error: an orphan (a child nobody
// accepted, or a closed socket) is freed; an owned socket keeps its
// error (and unread data) until closed.
void net_tcp_drop(struct net_tcp *s, int err)
{
    if (s->parent || s->user_closed) {
        net_tcp_free(s);
        return;
    }
    s->err = err;
    s->state = NET_TCP_CLOSED;
    s->t_rexmt = s->t_dack = s->deadline = 0;
    net_tcp_notify(s, NET_TCP_EV_ERROR);
}

void net_tcp_time_wait(struct net_tcp *s)
{
    s->state = NET_TCP_TIME_WAIT;
    s->t_rexmt = 0;
    s->deadline = now(s->ifp) + TCP_MSL_2;
    if (s->user_closed) { // nothing will be sent or read again
        net_tcp_buffers_put(s);
        net_tcp_queue_add(&s->ifp->time_wait, s);
    }
}

static bool in_window(uint32_t x, uint32_t lo, uint32_t wnd)
{
    return SEQ_LE(lo, x) && SEQ_LT(x, lo + wnd);
}

// RFC 9293's acceptability table: some part of the segment must fall in
// the receive window (or, for an empty window, be exactly at its edge).
// One exception, as Linux and BSD make it: an empty segment exactly at
// the right edge is accepted. A peer that filled our window while its
// first segment was lost sends its ACKs there; refusing them would also
// refuse their acknowledgments of our data, and both sides could stall.
static bool acceptable(const struct net_tcp *s, const struct tcp_seg *seg)
{
    uint32_t wnd = net_tcp_rcv_wnd(s);
    uint32_t len = (uint32_t)seg->len + !!(seg->flags & TCP_SYN) +
                   !!(seg->flags & TCP_FIN);

    if (len == 0)
        return in_window(seg->seq, s->rcv_nxt, wnd + 1);
    return wnd && (in_window(seg->seq, s->rcv_nxt, wnd) ||
                   in_window(seg->seq + len - 1, s->rcv_nxt, wnd));
}

// RFC 5961 7: the ACKs that answer forged-looking segments go at most
// once per TCP_CHALLENGE_GAP per connection, and within the interface's
// budget for the current second, drawn anew each second between half and
// one and a half times the limit (see net.h). A fixed budget is the side
// channel of CVE-2016-5696: an attacker counting the challenge ACKs on a
// connection of its own learns how many its forged segments to someone
// else's connection drew, so whether its guess fell in that window.
static void challenge(struct net_tcp *s)
{
    struct net_if *ifp = s->ifp;
    uint64_t t = now(ifp);
    uint64_t limit = ifp->desc.challenge_acks ? ifp->desc.challenge_acks
                                              : TCP_CHALLENGE_ACKS;

    if (t >= ifp->chal_end) {
        // Keyed by the embedder's secret: without it the draw cannot be
        // predicted (a mixer, not a cryptographic PRF, as for ISNs).
        uint64_t x = net_mix64(ifp->desc.secret ^ net_mix64(t));
        ifp->chal_end = t - t % NS_PER_SEC + NS_PER_SEC;
        ifp->chal_left = (limit + 1) / 2 + x % limit;
    }
    if (t < s->t_chal || !ifp->chal_left) {
        ifp->stats.tcp_challenge_ack_limited++;
        return;
    }
    ifp->chal_left--;
    s->t_chal = t + TCP_CHALLENGE_GAP;
    ifp->stats.tcp_challenge_ack++;
    net_tcp_ack_now(s);
}

// RFC 5961 3.2: a RST resets only at exactly RCV.NXT, so an off-path
// attacker must guess the sequence number, not merely land in the window.
// Elsewhere in the window it draws a challenge ACK, which a peer that
// really lost the connection answers with an exact RST; outside the
// window (whose right edge is out, unlike for other empty segments) it
// is dropped.
static void rst_input(struct net_tcp *s, const struct tcp_seg *seg)
{
    uint32_t wnd = net_tcp_rcv_wnd(s);

    if (!in_window(seg->seq, s->rcv_nxt, wnd ? wnd : 1)) {
        s->ifp->stats.tcp_bad_seq++;
        return;
    }
    s->ifp->stats.tcp_rst_rx++;
    if (seg->seq != s->rcv_nxt) {
        challenge(s);
        return;
    }
    net_tcp_drop(s, s->state == NET_TCP_SYN_RECEIVED ? -ECONNREFUSED
                                                     : -ECONNRESET);
}

static void established(struct net_tcp *s, const struct tcp_seg *seg)
{
    // close() during the handshake already queued our FIN.
    s->state = s->fin_queued ? NET_TCP_FIN_WAIT_1 : NET_TCP_ESTABLISHED;
    s->snd_una = seg->ack;
    if (SEQ_LT(s->snd_nxt, s->snd_una))
        s->snd_nxt = s->snd_una;
    s->snd_wnd = (uint32_t)seg->wnd << s->snd_shift;
    s->max_wnd = s->snd_wnd > s->max_wnd ? s->snd_wnd : s->max_wnd;
    s->snd_wl1 = seg->seq;
    s->snd_wl2 = seg->ack;
    s->retries = 0;
    if (s->rtt_on && SEQ_LE(s->rtt_seq, seg->ack))
        net_tcp_rtt_sample(s, now(s->ifp) - s->rtt_t0);
    s->rtt_on = false;
    net_tcp_cc_init(s);
    net_tcp_arm(s);
}

// RFC 5681 3.2 and RFC 6582 3.2: the third duplicate ACK retransmits and
// starts recovery unless it is left from an earlier one; further ones
// inflate the window by a segment each.
static void dupack(struct net_tcp *s)
{
    uint32_t flight = s->snd_max - s->snd_una;

    if (s->in_recovery) {
        s->cwnd += s->mss;
        return;
    }
    if (++s->dupacks != 3 || !SEQ_LE(s->recover, s->snd_una))
        return; // net_tcp_output may send a new segment (RFC 3042)
    s->ifp->stats.tcp_fast_rexmt++;
    flight /= 2;
    s->ssthresh = flight > 2u * s->mss ? flight : 2u * s->mss;
    s->recover = s->snd_max;
    s->in_recovery = true;
    net_tcp_retransmit(s);
    s->cwnd = s->ssthresh + 3u * s->mss;
}

// New data acknowledged: grow the window, or end or continue recovery.
static void newack(struct net_tcp *s, uint32_t acked, uint32_t ack)
{
    s->dupacks = 0;
    if (s->in_recovery) {
        if (SEQ_LE(s->recover, ack)) { // full ACK: recovery is over
            uint32_t flight = s->snd_max - ack;
            flight = (flight > s->mss ? flight : s->mss) + s->mss;
            s->cwnd = s->ssthresh < flight ? s->ssthresh : flight;
            s->in_recovery = false;
        } else { // partial ACK: the next hole, at once
            net_tcp_retransmit(s);
            s->cwnd = s->cwnd > acked + s->mss ? s->cwnd - acked : s->mss;
            if (acked >= s->mss)
                s->cwnd += s->mss;
        }
        return;
    }
    if (s->cwnd < s->ssthresh)
        s->cwnd += acked < s->mss ? acked : s->mss;
    else
        s->cwnd += s->mss * s->mss / s->cwnd ? s->mss * s->mss / s->cwnd : 1;
    if (s->cwnd > 1u << 30)
        s->cwnd = 1u << 30;
}

// Returns the events the ACK caused, or -1 if processing must stop.
static int ack_input(struct net_tcp *s, const struct tcp_seg *seg)
{
    uint32_t acked, data, wnd = (uint32_t)seg->wnd << s->snd_shift;
    bool dup;

    // RFC 5961 5.2: the ACK must lie in [SND.UNA - MAX.SND.WND, SND.NXT],
    // or the segment, data and all, is dropped with an ACK in answer. A
    // blind attacker who guessed the sequence number must guess the ACK
    // too. snd_max is the RFC's SND.NXT: a timeout moves snd_nxt back.
    if (SEQ_LT(s->snd_max, seg->ack) ||
        SEQ_LT(seg->ack, s->snd_una - s->max_wnd)) {
        s->ifp->stats.tcp_bad_ack++;
        challenge(s);
        return -1;
    }
    if (SEQ_LT(seg->ack, s->snd_una))
        return 0; // an old duplicate: no news, but its data counts
    dup = seg->ack == s->snd_una && s->snd_max != s->snd_una && !seg->len &&
          !(seg->flags & (TCP_SYN | TCP_FIN)) && wnd == s->snd_wnd;
    if (s->snd_wnd == 0 && wnd)
        s->retries = 0; // the peer is alive, its window opened
    acked = seg->ack - s->snd_una;
    if (acked) {
        s->retries = 0;
        if (s->rtt_on && SEQ_LE(s->rtt_seq, seg->ack)) {
            net_tcp_rtt_sample(s, now(s->ifp) - s->rtt_t0);
            s->rtt_on = false;
        }
    }
    data = acked < s->tx_len ? acked : (uint32_t)s->tx_len;
    s->tx_head = (s->tx_head + data) % s->sndbuf;
    s->tx_len -= data;
    s->snd_una = seg->ack;
    if (SEQ_LT(s->snd_nxt, s->snd_una))
        s->snd_nxt = s->snd_una;
    if (SEQ_LT(s->snd_wl1, seg->seq) ||
        (s->snd_wl1 == seg->seq && SEQ_LE(s->snd_wl2, seg->ack))) {
        s->snd_wnd = wnd;
        s->max_wnd = wnd > s->max_wnd ? wnd : s->max_wnd;
        s->snd_wl1 = seg->seq;
        s->snd_wl2 = seg->ack;
    }
    if (!s->cwnd) // established by a path that skipped cc_init
        net_tcp_cc_init(s);
    if (acked)
        newack(s, acked, seg->ack);
    else if (dup)
        dupack(s);
    if (acked || !s->t_rexmt)
        net_tcp_arm(s);
    if (s->fin_sent && s->snd_una == s->snd_max) { // our FIN is acked
        if (s->state == NET_TCP_FIN_WAIT_1) {
            s->state = NET_TCP_FIN_WAIT_2;
            if (s->user_closed)
                s->deadline = now(s->ifp) + TCP_FIN_WAIT2;
        } else if (s->state == NET_TCP_CLOSING) {
            net_tcp_time_wait(s);
        } else if (s->state == NET_TCP_LAST_ACK) {
            net_tcp_free(s);
            return -1;
        }
    }
    return data ? NET_TCP_EV_WRITABLE : 0;
}

// Records [seq, seq+len) as held out of order, merging ranges that touch;
// false if a new range would not fit.
static bool ooo_add(struct net_tcp *s, uint32_t seq, uint32_t len)
{
    uint32_t end = seq + len;

    for (int i = 0; i < s->nooo;) {
        struct tcp_range *r = &s->ooo[i];
        if (SEQ_LE(r->seq, end) && SEQ_LE(seq, r->seq + r->len)) {
            if (SEQ_LT(r->seq, seq))
                seq = r->seq;
            if (SEQ_LT(end, r->seq + r->len))
                end = r->seq + r->len;
            *r = s->ooo[--s->nooo];
            continue;
        }
        i++;
    }
    if (s->nooo == NET_TCP_OOO)
        return false;
    s->ooo[s->nooo].seq = seq;
    s->ooo[s->nooo++].len = end - seq;
    return true;
}

// Moves rcv_nxt over held ranges it reached. Returns true if it did.
static bool ooo_pull(struct net_tcp *s)
{
    bool moved = false;

    for (int i = 0; i < s->nooo;) {
        struct tcp_range *r = &s->ooo[i];
        if (SEQ_LE(r->seq, s->rcv_nxt)) {
            uint32_t end = r->seq + r->len;
            if (SEQ_LT(s->rcv_nxt, end)) {
                s->rx_len += end - s->rcv_nxt;
                s->rcv_nxt = end;
            }
            *r = s->ooo[--s->nooo];
            moved = true;
            i = 0;
            continue;
        }
        i++;
    }
    return moved;
}

// The buffer block an idle connection gave back, taken again for data; a
// refusal drops the segment (counted), and the peer sends it again.
static bool buffers(struct net_tcp *s)
{
    if (net_tcp_buffers_get(s))
        return true;
    s->ifp->stats.tcp_no_memory++;
    return false;
}

// Takes payload into the receive ring: in order, or held at its offset
// beyond a hole (bounded by NET_TCP_OOO ranges and the window). Returns
// true if all of it up to a FIN was taken in order.
static bool data_input(struct net_tcp *s, const struct tcp_seg *seg, bool *hole)
{
    const uint8_t *p = seg->data;
    size_t len = seg->len, n, wnd = net_tcp_rcv_wnd(s);
    uint32_t off;

    if (SEQ_LT(s->rcv_nxt, seg->seq)) { // beyond a hole: hold it
        off = seg->seq - s->rcv_nxt;
        *hole = true;
        s->ifp->stats.tcp_out_of_order++;
        if (off >= wnd)
            return false;
        n = len < wnd - off ? len : wnd - off;
        if (n && !buffers(s))
            return false;
        if (n && !ooo_add(s, seg->seq, (uint32_t)n)) {
            s->ifp->stats.tcp_ooo_full++;
            return false;
        }
        if (n)
            ring_put(tcp_rx(s), s->rcvbuf, s->rx_head + s->rx_len + off, p, n);
        if ((seg->flags & TCP_FIN) && n == len) {
            s->ooo_fin = true;
            s->ooo_fin_seq = seg->seq + (uint32_t)len;
        }
        return false;
    }
    off = s->rcv_nxt - seg->seq;
    if (off > len) // an old duplicate, FIN included
        return false;
    p += off;
    len -= off;
    n = len < wnd ? len : wnd;
    if (s->user_closed) { // nobody will read it: take it and forget it
        s->rcv_nxt += (uint32_t)n;
        return n == len;
    }
    if (n) {
        if (!buffers(s))
            return false;
        ring_put(tcp_rx(s), s->rcvbuf, s->rx_head + s->rx_len, p, n);
        s->rx_len += n;
    }
    s->rcv_nxt += (uint32_t)n;
    if (ooo_pull(s))
        *hole = true; // a hole was filled: ACK at once (RFC 5681 4.2)
    return n == len;
}

static void fin_input(struct net_tcp *s)
{
    s->rcv_nxt++;
    s->fin_rcvd = true;
    s->ooo_fin = false;
    switch (s->state) {
    case NET_TCP_SYN_RECEIVED:
    case NET_TCP_ESTABLISHED: s->state = NET_TCP_CLOSE_WAIT; break;
    case NET_TCP_FIN_WAIT_1: s->state = NET_TCP_CLOSING; break;
    case NET_TCP_FIN_WAIT_2: net_tcp_time_wait(s); break;
    }
}

static bool receiving(const struct net_tcp *s)
{
    return !s->fin_rcvd &&
           (s->state == NET_TCP_ESTABLISHED || s->state == NET_TCP_FIN_WAIT_1 ||
            s->state == NET_TCP_FIN_WAIT_2);
}

// Steps after the ACK: data, then FIN. Out-of-order data, a filled hole
// and a FIN are acknowledged at once; other data within DACK. Returns
// the events for the owner.
static unsigned payload_input(struct net_tcp *s, const struct tcp_seg *seg)
{
    bool all = true, hole = false, fin = false;
    unsigned ev = 0;
    uint32_t before = s->rcv_nxt;

    if (!receiving(s)) {
        if (seg->len || (seg->flags & TCP_FIN))
            net_tcp_ack_now(s); // a retransmission: say what we have
        return 0;
    }
    if (seg->len || (seg->flags & TCP_FIN))
        all = data_input(s, seg, &hole);
    if (all && (seg->flags & TCP_FIN) && seg->seq + seg->len == s->rcv_nxt)
        fin = true;
    else if (s->ooo_fin && s->ooo_fin_seq == s->rcv_nxt)
        fin = true;
    if (fin)
        fin_input(s);
    if (s->rcv_nxt != before)
        ev |= NET_TCP_EV_READABLE;
    if (hole || fin || !all || (seg->len && s->rcv_nxt == before))
        net_tcp_ack_now(s);
    else if (s->rcv_nxt != before)
        net_tcp_delack(s);
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
    if (seg->flags & TCP_RST) {
        rst_input(s, seg);
        return;
    }
    // RFC 5961 4.2: a SYN, whatever its sequence number, gets a challenge
    // ACK and never a reset; a peer that restarted answers with a RST.
    if (seg->flags & TCP_SYN) {
        challenge(s);
        return;
    }
    if (!acceptable(s, seg)) {
        s->ifp->stats.tcp_bad_seq++;
        net_tcp_ack_now(s);
        return;
    }
    if (!(seg->flags & TCP_ACK))
        return;
    if (s->state == NET_TCP_SYN_RECEIVED) {
        if (!SEQ_LT(s->snd_una, seg->ack) || SEQ_LT(s->snd_max, seg->ack)) {
            s->ifp->stats.tcp_bad_ack++;
            net_tcp_send_flags(s, seg->ack, TCP_RST);
            return;
        }
        established(s, seg);
        ev |= parent ? 0 : NET_TCP_EV_CONNECTED | NET_TCP_EV_WRITABLE;
        if (parent) {
            net_tcp_ready(s);
            accepted_now = true;
        }
    } else if ((rc = ack_input(s, seg)) < 0) {
        return;
    } else {
        ev |= (unsigned)rc;
    }
    // Only a segment that passed every check shows the peer is alive:
    // forged ones must not keep a dead connection from timing out.
    s->last_rx = now(s->ifp);
    s->probes = 0;
    ev |= payload_input(s, seg);
    net_tcp_output(s);
    // A child waiting for accept has no owner to tell but its listener.
    if (accepted_now)
        net_tcp_notify(parent, NET_TCP_EV_ACCEPT);
    else if (!parent)
        net_tcp_notify(s, ev);
}
