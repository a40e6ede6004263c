// TCP timers: the retransmission timeout (RFC 6298), retransmission and
// window probes, delayed ACKs, keep-alive, and the TIME-WAIT and orphan
// deadlines, all run from net_if_timer.
#include "internal.h"

#define US           1000ull
#define RTO_INIT     1000000u  // 1 s before any sample (RFC 6298 2.1)
#define RTO_MIN      200000u   // 200 ms, as Linux (RFC 6298 says 1 s)
#define RTO_MAX      60000000u // 60 s, the back-off's ceiling
#define SYN_RETRIES  5         // 1+2+4+8+16+32 s: connect gives up at 63 s
#define DATA_RETRIES 12        // about 5 min of back-off from 200 ms
#define DACK_NS      (40 * 1000 * US)   // delayed ACK (RFC 1122: < 500 ms)
#define KEEP_IDLE    (120 * NS_PER_SEC) // Linux: 7200 s, 75 s, 9 probes
#define KEEP_INTVL   (15 * NS_PER_SEC)
#define KEEP_COUNT   9
#define IDLE_RELEASE (1 * NS_PER_SEC) // empty buffers of a quiet connection

// RFC 6298 2.2 and 2.3, in microseconds; G (clock granularity) is 1 us.
void net_tcp_rtt_sample(struct net_tcp *s, uint64_t ns)
{
    uint32_t r = ns / US > RTO_MAX ? RTO_MAX : (uint32_t)(ns / US) + 1;
    uint32_t rto;

    if (!s->srtt) {
        s->srtt = r;
        s->rttvar = r / 2;
    } else {
        uint32_t d = s->srtt > r ? s->srtt - r : r - s->srtt;
        s->rttvar = (3 * s->rttvar + d) / 4;
        s->srtt = (7 * s->srtt + r) / 8;
    }
    rto = s->srtt + 4 * s->rttvar;
    s->rto = rto < RTO_MIN ? RTO_MIN : rto > RTO_MAX ? RTO_MAX : rto;
    s->backoff = 0;
}

uint64_t net_tcp_rto_ns(const struct net_tcp *s)
{
    uint64_t rto = (uint64_t)(s->rto ? s->rto : RTO_INIT) << s->backoff;

    return (rto > RTO_MAX ? RTO_MAX : rto) * US;
}

// (Re)starts the retransmission timer while something is outstanding,
// or the probe timer while data waits for a window; else stops it.
void net_tcp_arm(struct net_tcp *s)
{
    bool waiting = s->tx_len > (size_t)(s->snd_nxt - s->snd_una);

    if (s->snd_una != s->snd_max || waiting)
        s->t_rexmt = now(s->ifp) + net_tcp_rto_ns(s);
    else
        s->t_rexmt = 0;
}

// RFC 5681 3.1 and RFC 6928's initial window; ssthresh starts unbounded.
void net_tcp_cc_init(struct net_tcp *s)
{
    uint32_t iw = 4380 > 2u * s->mss ? 4380 : 2u * s->mss;

    s->cwnd = iw < 4u * s->mss ? iw : 4u * s->mss;
    s->ssthresh = 0x7fffffff;
    s->recover = s->iss;
}

static bool give_up(struct net_tcp *s)
{
    int limit = s->state <= NET_TCP_SYN_RECEIVED ? SYN_RETRIES : DATA_RETRIES;

    if (++s->retries <= limit)
        return false;
    net_tcp_drop(s, -ETIMEDOUT);
    return true;
}

// RFC 6298 5.4-5.6 and RFC 5681 3.1: on a timeout, resend the first
// unacknowledged segment, back off, and restart from a one-segment
// window (go-back-N: later data goes again as ACKs return).
static void rexmt_expired(struct net_tcp *s)
{
    uint32_t flight = s->snd_max - s->snd_una;

    if (give_up(s))
        return;
    s->ifp->stats.tcp_rexmt++;
    s->rtt_on = false; // Karn: no sample from a retransmission
    if (s->state == NET_TCP_SYN_SENT || s->state == NET_TCP_SYN_RECEIVED) {
        s->backoff++;
        net_tcp_send_flags(s, s->iss,
                           s->state == NET_TCP_SYN_SENT ? TCP_SYN
                                                        : TCP_SYN | TCP_ACK);
        net_tcp_arm(s);
        return;
    }
    if (s->snd_wnd == 0 || s->snd_una == s->snd_max) {
        // Zero window (RFC 9293 3.8.6.1): probe, do not collapse cwnd.
        s->backoff = s->backoff < 16 ? s->backoff + 1 : 16;
        net_tcp_probe(s);
        net_tcp_arm(s);
        return;
    }
    if (!s->backoff) {
        flight /= 2;
        s->ssthresh = flight > 2u * s->mss ? flight : 2u * s->mss;
    }
    s->backoff = s->backoff < 16 ? s->backoff + 1 : 16;
    s->cwnd = s->mss;
    s->in_recovery = false;
    s->dupacks = 0;
    s->recover = s->snd_max; // RFC 6582 4: old dupacks start no recovery
    s->snd_nxt = s->snd_una;
    net_tcp_output(s);
    net_tcp_arm(s);
}

static bool keeps_alive(const struct net_tcp *s)
{
    return s->keepalive && s->snd_una == s->snd_max &&
           (s->state == NET_TCP_ESTABLISHED || s->state == NET_TCP_CLOSE_WAIT);
}

static uint64_t keep_due(const struct net_tcp *s)
{
    return s->last_rx + KEEP_IDLE + s->probes * KEEP_INTVL;
}

// A keep-alive probe is an old sequence number the peer must ACK.
static void keep_expired(struct net_tcp *s)
{
    if (s->probes >= KEEP_COUNT) {
        net_tcp_drop(s, -ETIMEDOUT);
        return;
    }
    s->probes++;
    net_tcp_send_flags(s, s->snd_una - 1, TCP_ACK);
}

// An idle connection gives its buffer block back: a server holding many
// keep-alive clients pays for the connection slots, not for 2 x 64 KiB
// each. The block is taken again when bytes arrive or are sent; a quiet
// second between them keeps busy connections from churning the allocator.
static bool holds_idle_buffers(const struct net_tcp *s)
{
    return s->buf && s->rx_len == 0 && s->tx_len == 0 && s->nooo == 0 &&
           !s->user_closed;
}

static uint64_t idle_due(const struct net_tcp *s)
{
    return (s->last_rx > s->last_io ? s->last_rx : s->last_io) + IDLE_RELEASE;
}

static void end_expired(struct net_tcp *s)
{
    s->deadline = 0;
    if (s->state == NET_TCP_TIME_WAIT && !s->user_closed) {
        s->state = NET_TCP_CLOSED; // the owner still holds it, and may
        return;                    // still have data to read
    }
    net_tcp_free(s);
}

static void expire(struct net_tcp *s, uint64_t t)
{
    if (s->deadline && t >= s->deadline) {
        end_expired(s);
        return;
    }
    if (s->t_dack && t >= s->t_dack)
        net_tcp_ack_now(s);
    if (s->t_rexmt && t >= s->t_rexmt) {
        s->t_rexmt = 0;
        rexmt_expired(s);
        if (!s->used || s->state == NET_TCP_CLOSED)
            return;
    }
    if (keeps_alive(s) && t >= keep_due(s))
        keep_expired(s);
    if (s->used && holds_idle_buffers(s) && t >= idle_due(s))
        net_tcp_buffers_put(s);
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
    return b && (!a || b < a) ? b : a;
}

uint64_t net_tcp_due(const struct net_tcp *s)
{
    uint64_t d = 0;

    if (!s->used || s->state == NET_TCP_CLOSED || s->state == NET_TCP_LISTEN)
        return 0;
    d = earliest(d, s->deadline);
    d = earliest(d, s->t_dack);
    d = earliest(d, s->t_rexmt);
    if (keeps_alive(s))
        d = earliest(d, keep_due(s));
    if (holds_idle_buffers(s))
        d = earliest(d, idle_due(s));
    return d;
}

// The timer heap: a binary min-heap of the sockets with timers, by wake
// time, so the next deadline is its root and a tick touches only the
// sockets that are due; idle connections cost nothing per tick.
static void heap_put(struct net_tcp **at, uint32_t i, struct net_tcp *s)
{
    at[i] = s;
    s->heap_at = i + 1;
}

static void sift_up(struct net_if *ifp, uint32_t i)
{
    struct net_tcp **at = ifp->timers.at, *s = at[i];

    while (i > 0 && at[(i - 1) / 2]->wake > s->wake) {
        heap_put(at, i, at[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    heap_put(at, i, s);
}

static void sift_down(struct net_if *ifp, uint32_t i)
{
    struct net_tcp **at = ifp->timers.at, *s = at[i];
    uint32_t n = ifp->timers.n;

    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && at[c + 1]->wake < at[c]->wake)
            c++;
        if (at[c]->wake >= s->wake)
            break;
        heap_put(at, i, at[c]);
        i = c;
    }
    heap_put(at, i, s);
}

void net_tcp_unschedule(struct net_tcp *s)
{
    struct net_if *ifp = s->ifp;
    uint32_t i = s->heap_at - 1;
    struct net_tcp *last;

    if (!s->heap_at)
        return;
    s->heap_at = 0;
    s->wake = 0;
    if (i == --ifp->timers.n)
        return;
    last = ifp->timers.at[ifp->timers.n];
    heap_put(ifp->timers.at, i, last);
    sift_up(ifp, i);
    sift_down(ifp, last->heap_at - 1);
}

void net_tcp_schedule(struct net_tcp *s)
{
    struct net_if *ifp = s->ifp;
    uint64_t w = net_tcp_due(s);

    if (!w) {
        net_tcp_unschedule(s);
        return;
    }
    if (!s->heap_at) // room is there: the heap fits every socket
        heap_put(ifp->timers.at, ifp->timers.n++, s);
    s->wake = w;
    sift_up(ifp, s->heap_at - 1);
    sift_down(ifp, s->heap_at - 1);
}

bool net_tcp_heap_room(struct net_if *ifp, uint32_t n)
{
    uint32_t cap = ifp->timers.cap;
    struct net_tcp **at = ifp->timers.min, **old = ifp->timers.at;

    if (n > cap)
        cap *= 2;
    else if (n < cap / 4 && cap > NET_TABLE_MIN)
        cap /= 2;
    else
        return true;
    if (cap > NET_TABLE_MIN &&
        !(at = ifp->desc.alloc(ifp->desc.arg, cap * sizeof(*at))))
        return n <= ifp->timers.cap;
    memcpy(at, old, ifp->timers.n * sizeof(*at));
    ifp->timers.at = at;
    if (old != ifp->timers.min)
        ifp->desc.free(ifp->desc.arg, old, ifp->timers.cap * sizeof(*old));
    ifp->timers.cap = cap;
    return true;
}

// The sockets due by t, earliest first; each is put back in the heap at
// its next wake time, which its timers moved past t.
void net_tcp_timer(struct net_if *ifp, uint64_t t)
{
    while (ifp->timers.n && ifp->timers.at[0]->wake <= t) {
        struct net_tcp *s = ifp->timers.at[0];
        expire(s, t);
        if (s->used)
            net_tcp_schedule(s);
    }
}

uint64_t net_tcp_deadline(const struct net_if *ifp)
{
    return ifp->timers.n ? ifp->timers.at[0]->wake : UINT64_MAX;
}

// When in-order data should be acknowledged: at once once two full
// segments are unacknowledged (RFC 5681 4.2), else within DACK_NS.
void net_tcp_delack(struct net_tcp *s)
{
    if (s->rcv_nxt - s->rcv_acked >= 2u * s->mss)
        net_tcp_ack_now(s);
    else if (!s->t_dack)
        s->t_dack = now(s->ifp) + DACK_NS;
}
