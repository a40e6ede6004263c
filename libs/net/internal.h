// libs/net internals: the interface context and the layers' prototypes,
// grouped by the file that defines them.
#ifndef UKCC_NET_INTERNAL_H
#define UKCC_NET_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "net.h"

#define ETH_HLEN      14
#define ETH_TYPE_IP4  0x0800
#define ETH_TYPE_ARP  0x0806
#define IP4_HLEN      20
#define IP_PROTO_ICMP 1
#define IP_PROTO_UDP  17
#define IP_PROTO_TCP  6
#define IP4_BROADCAST 0xffffffffu
#define NS_PER_SEC    1000000000ull
#define NET_EPH_LOW   49152 // ephemeral ports: RFC 6335's dynamic range
#define NET_EPH_SPAN  16384

// Big-endian loads and stores: every header field goes through these, so
// no parser casts a frame pointer to a struct (alignment, strict aliasing).
static inline uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static inline void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

// A ring buffer of size bytes: copies n bytes in or out starting at
// position pos (taken modulo size), wrapping at the end.
static inline void ring_put(uint8_t *ring, size_t size, size_t pos,
                            const void *src, size_t n)
{
    size_t first;

    pos %= size;
    first = n < size - pos ? n : size - pos;
    memcpy(ring + pos, src, first);
    memcpy(ring, (const uint8_t *)src + first, n - first);
}

static inline void ring_get(const uint8_t *ring, size_t size, size_t pos,
                            void *dst, size_t n)
{
    size_t first;

    pos %= size;
    first = n < size - pos ? n : size - pos;
    memcpy(dst, ring + pos, first);
    memcpy((uint8_t *)dst + first, ring, n - first);
}

// A received IP datagram after validation (and reassembly): what the
// transport layers see. hdr points at the IP header as received (the
// first fragment's, for a reassembled datagram), for ICMP errors.
struct ip_pkt {
    uint32_t src, dst;
    uint8_t proto;
    bool broadcast; // dst was a broadcast address
    const uint8_t *hdr;
    size_t hdr_len;
    const uint8_t *data;
    size_t len;
};

enum arp_state { ARP_FREE, ARP_INCOMPLETE, ARP_REACHABLE };

// The neighbour cache's policy is in arp.c.
struct arp_entry {
    uint32_t ip;
    uint8_t mac[6];
    uint8_t state;
    uint8_t tries;   // requests sent while incomplete (or to refresh)
    uint64_t expiry; // reachable: forget; incomplete: retry or give up
    uint64_t since;  // incomplete: first asked; reachable: last answer
    uint64_t used;   // last frame sent through it; 0: none yet
};

// A frame built before its next hop's MAC was known.
struct arp_pending {
    uint32_t next_hop; // 0: slot free
    uint16_t len;
    uint32_t seq; // queue order (ifp->pending_seq): the oldest goes first
    uint8_t frame[ETH_HLEN + NET_ETH_MTU];
};

struct reasm {
    uint32_t src, dst;
    uint16_t id;
    uint8_t proto;
    bool used;
    uint16_t total;   // payload length once the last fragment came; else 0
    uint16_t end;     // highest payload byte received, plus one
    uint16_t hdr_len; // of the first fragment's header, once it came
    uint64_t expiry;
    uint8_t hdr[60];
    uint8_t have[NET_REASM_BYTES / 8 / 8]; // one bit per 8-byte block
    uint8_t data[NET_REASM_BYTES];
};

// A link in a keyed hash table (hash.c); hash is the full key hash, so
// a table that grows or shrinks need not look at the keys again.
struct net_hnode {
    struct net_hnode *next;
    uint32_t hash;
};

#define NET_TABLE_MIN 16 // buckets of an empty table, kept in the context

// A chained hash table of net_hnode links that grows (doubling) when it
// holds more entries than buckets and shrinks when it holds fewer than a
// quarter; the buckets of a table larger than NET_TABLE_MIN come from the
// embedder's alloc, and when alloc refuses, the table keeps its size.
struct net_table {
    struct net_hnode **b;
    uint32_t mask, count; // mask: buckets - 1
    struct net_hnode *min[NET_TABLE_MIN];
};

struct net_udp {
    struct net_hnode node; // in the interface's udp table, once bound
    struct net_if *ifp;
    uint16_t port;
    net_udp_recv_fn fn;
    void *arg;
    uint8_t *q;                   // queue buffer, NULL if none
    size_t q_len, q_head, q_tail; // records live in [q_head, q_tail)
};

// A received byte range held beyond rcv_nxt, its bytes already in place
// in the receive ring (RFC 9293 3.10.7.4: segments may be queued).
struct tcp_range {
    uint32_t seq, len;
};

// An intrusive doubly linked list of connections: a listener's ready
// children, the interface's half-open children and closed TIME-WAIT
// connections.
struct tcp_queue {
    struct net_tcp *head, *tail;
    uint32_t n;
};

// A local port some socket holds (bound, listening, connected, or a child
// of a listener on it): one per port, in the interface's tcp_ports table.
struct tcp_port {
    struct net_hnode node;
    uint16_t port;
    uint32_t users;         // sockets holding it; freed at 0
    struct net_tcp *listen; // the listener on it, if any
};

struct net_tcp {
    struct net_hnode node; // connections: in the interface's tcp_conns
    struct net_if *ifp;
    struct net_tcp *parent;      // listener, until accepted
    struct net_tcp *prev, *next; // in queue: parent->ready, ifp->half_open
                                 // or ifp->time_wait
    struct tcp_queue *queue;     // the list it is on, or NULL
    struct tcp_port *port;       // the local port it holds, or NULL
    uint64_t wake;               // when its timers next have work; 0: never
    uint32_t heap_at;            // its place in ifp->timers (1-based), or 0
    bool used;        // the stack still runs it (false once it is over)
    bool hashed;      // in tcp_conns
    bool user_closed; // the embedder is done with it: free when CLOSED
    bool fin_rcvd, fin_queued, fin_sent;
    bool nodelay, keepalive;
    bool in_recovery; // NewReno fast recovery (RFC 6582)
    bool rtt_on;      // a segment is being timed (rtt_seq, rtt_t0)
    bool ooo_fin;     // a FIN arrived out of order, at ooo_fin_seq
    bool wscale;      // the peer's SYN had window scale: so must our SYN-ACK
    uint8_t state;
    uint8_t snd_shift, rcv_shift; // window scale (RFC 7323); 0: none
    uint8_t retries;              // timer expiries without progress
    uint8_t backoff;              // RTO doublings since the last sample
    uint8_t dupacks;
    uint8_t probes; // keep-alive probes unanswered
    uint8_t nooo;   // ranges in ooo[]
    int err;
    uint32_t raddr;
    uint16_t lport, rport;
    uint16_t mss; // largest segment the peer takes
    uint32_t iss, snd_una, snd_nxt, snd_max, snd_wnd, snd_wl1, snd_wl2;
    uint32_t max_wnd;                 // largest window the peer offered
    uint32_t rcv_nxt, rcv_acked;      // rcv_nxt as of our last ACK
    uint32_t cwnd, ssthresh, recover; // RFC 5681, RFC 6582
    uint32_t srtt, rttvar, rto;       // microseconds (RFC 6298)
    uint32_t rtt_seq, ooo_fin_seq;
    uint64_t rtt_t0;
    uint64_t t_rexmt;  // retransmission or window probe due; 0: off
    uint64_t t_dack;   // delayed ACK due; 0: none pending
    uint64_t last_rx;  // last segment from the peer (keep-alive idle)
    uint64_t last_io;  // last send or recv call with bytes
    uint64_t deadline; // TIME-WAIT or orphaned FIN-WAIT-2 end; 0: none
    uint64_t t_chal;   // no challenge ACK before this (tcp_state.c)
    net_tcp_event_fn fn;
    void *arg;
    // Buffers: one block from desc.alloc, rcvbuf bytes of receive ring
    // then sndbuf bytes of send ring; NULL until the connection exists,
    // and again while it idles with both rings empty (tcp_timer.c).
    uint8_t *buf;
    uint32_t rcvbuf, sndbuf;
    size_t rx_head, rx_len; // received, unread bytes (a ring)
    size_t tx_head, tx_len; // from snd_una on: unacked, then unsent
    union {
        // A connection: bytes past rcv_nxt, already in the receive ring
        // at their offset.
        struct tcp_range ooo[NET_TCP_OOO];
        // A listener: its children established and waiting for accept
        // (oldest first), and how many are half-open (on ifp->half_open).
        struct {
            struct tcp_queue ready;
            uint16_t nhalf, backlog;
        };
    };
};

enum dhcp_state {
    DHCP_OFF,
    DHCP_SELECTING,
    DHCP_REQUESTING,
    DHCP_BOUND,
    DHCP_RENEWING,
    DHCP_REBINDING,
};

struct net_dhcp {
    uint8_t state;
    uint8_t tries; // retransmissions in this state
    uint32_t xid, offer, server, addr;
    uint64_t timer;          // next retransmission or T1/T2 action
    uint64_t t1, t2, expiry; // of the bound lease
    struct net_udp *sock;
};

struct net_if {
    struct net_if_desc desc;
    struct net_config cfg;
    uint32_t mask; // from cfg.prefix
    uint16_t ip_id;
    uint16_t next_port;
    struct net_stats stats;
    struct arp_entry arp[NET_ARP_ENTRIES];
    struct arp_pending pending[NET_ARP_PENDING];
    uint32_t pending_seq;
    struct reasm reasm[NET_REASM_SLOTS];
    uint64_t hash_key[3]; // from desc.secret: see net_hash
    // Sockets: allocated from desc.alloc, found through keyed tables.
    struct net_table udp_ports; // bound UDP sockets, by port
    struct net_table tcp_conns; // connections, by raddr, lport, rport
    struct net_table tcp_ports; // struct tcp_port, by port
    // The ephemeral ports (49152..65535) in use, one bit each, so a free
    // one is found in a few hundred word reads however many are taken.
    uint64_t udp_eph[256], tcp_eph[256];
    uint16_t next_tcp_port;
    // TCP sockets allocated, and those with timers in a binary min-heap
    // by wake time, whose room (cap) always covers every socket, so that
    // arming a timer never needs memory (tcp_timer.c).
    uint32_t ntcp;
    struct {
        struct net_tcp **at;
        uint32_t n, cap;
        struct net_tcp *min[NET_TABLE_MIN];
    } timers;
    // Closed connections in TIME-WAIT, oldest first: the first to be
    // reused when alloc refuses a new socket. Half-open children of every
    // listener, oldest first: the first to go when alloc refuses the ACK
    // of a SYN cookie.
    struct tcp_queue time_wait, half_open;
    // Inside net_if_input or net_if_timer, a socket's memory is freed only
    // when the call returns: the code that ran a callback may still look
    // at the socket it was handling (linked through node.next).
    unsigned depth;
    struct net_hnode *dead;
    // Challenge ACKs left in the second that ends at chal_end (tcp_state.c).
    uint64_t chal_end, chal_left;
    struct net_dhcp dhcp;
    // Outgoing frames are built here; layers write headers in front of the
    // payload, so nothing is copied on the way down.
    uint8_t tx[ETH_HLEN + NET_ETH_MTU];
};

static inline uint8_t *tcp_rx(const struct net_tcp *s)
{
    return s->buf;
}

static inline uint8_t *tcp_tx(const struct net_tcp *s)
{
    return s->buf + s->rcvbuf;
}

static inline uint64_t now(struct net_if *ifp)
{
    return ifp->desc.now(ifp->desc.arg);
}

// Functions shared between files carry the net_ prefix too: the library
// is linked statically into programs that may have their own ip_input.

// checksum.c: partial sums chain; only the last piece may be odd-sized.
uint32_t net_cksum_add(uint32_t sum, const void *data, size_t len);
uint16_t net_cksum_fold(uint32_t sum);
uint32_t net_cksum_pseudo(uint32_t src, uint32_t dst, uint8_t proto,
                          uint16_t len);

// ethernet.c: eth_send returns 0 or the tx callback's error.
void net_eth_input(struct net_if *ifp, const uint8_t *frame, size_t len);
int net_eth_send(struct net_if *ifp, uint8_t *frame, size_t len);
void net_eth_header(struct net_if *ifp, uint8_t *frame, const uint8_t *dst,
                    uint16_t type);

// arp.c: resolve_send takes a whole Ethernet frame, fills in the
// destination MAC and sends it, or copies it to the pending queue (or
// drops it, counted, when that is full) and asks; returns 0 or -errno.
void net_arp_input(struct net_if *ifp, const uint8_t *pkt, size_t len);
int net_arp_resolve_send(struct net_if *ifp, uint32_t next_hop, uint8_t *frame,
                         size_t len);
void net_arp_announce(struct net_if *ifp);
void net_arp_timer(struct net_if *ifp, uint64_t t);
uint64_t net_arp_deadline(const struct net_if *ifp);

// ipv4.c: to send, write len payload bytes at net_ip_payload(), then call
// net_ip_send, which adds the IP and Ethernet headers and routes.
void net_ip_input(struct net_if *ifp, const uint8_t *pkt, size_t len);
void net_ip_deliver(struct net_if *ifp, const struct ip_pkt *pkt);
int net_ip_send(struct net_if *ifp, uint32_t dst, uint8_t proto, size_t len);
uint8_t *net_ip_payload(struct net_if *ifp);

// reassembly.c: hdr was validated by net_ip_input.
void net_reasm_input(struct net_if *ifp, const uint8_t *hdr, size_t hdr_len,
                     const uint8_t *data, size_t len);
void net_reasm_timer(struct net_if *ifp, uint64_t t);
uint64_t net_reasm_deadline(const struct net_if *ifp);

// icmp.c
void net_icmp_input(struct net_if *ifp, const struct ip_pkt *pkt);
void net_icmp_port_unreachable(struct net_if *ifp, const struct ip_pkt *pkt);

// udp.c
void net_udp_input(struct net_if *ifp, const struct ip_pkt *pkt);

// A parsed, checksummed TCP segment; seq/ack etc. in host order.
struct tcp_seg {
    uint32_t seq, ack;
    uint16_t sport, dport, wnd, mss; // mss: option value, 0 if absent
    uint8_t wscale;                  // window scale option, 0xff if absent
    uint8_t flags;
    const uint8_t *data;
    size_t len; // payload bytes (not counting SYN/FIN)
};

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10

// Sequence-space comparisons, modulo 2^32 (RFC 9293 3.4).
#define SEQ_LT(a, b) ((int32_t)((a) - (b)) < 0)
#define SEQ_LE(a, b) ((int32_t)((a) - (b)) <= 0)

#define TCP_MSS_MAX   (NET_ETH_MTU - IP4_HLEN - 20)
#define TCP_MSL_2     (10 * NS_PER_SEC) // TIME-WAIT: see net.h
#define TCP_FIN_WAIT2 (60 * NS_PER_SEC)

// A 64-bit mixer (splitmix64's finaliser) for sequence numbers and
// cookies; keyed by xoring the embedder's secret in first.
static inline uint64_t net_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// hash.c: keyed hash tables. net_hash is keyed with desc.secret, so a
// remote peer cannot choose 4-tuples that share a bucket.
void net_hash_init(struct net_if *ifp);
uint32_t net_hash(const struct net_if *ifp, uint64_t key);
void net_table_init(struct net_table *t);
struct net_hnode *net_table_bucket(const struct net_table *t, uint32_t hash);
void net_table_insert(struct net_if *ifp, struct net_table *t,
                      struct net_hnode *n);
void net_table_remove(struct net_if *ifp, struct net_table *t,
                      struct net_hnode *n);
// The ephemeral port bitmaps: the first free port from *next on, marked
// used (0: none), and the marking for any port (others are ignored).
uint16_t net_eph_take(uint64_t *bits, uint16_t *next);
void net_eph_mark(uint64_t *bits, uint16_t port, bool used);

// dhcp.c
void net_dhcp_timer(struct net_if *ifp, uint64_t t);
uint64_t net_dhcp_deadline(const struct net_if *ifp);

// tcp_input.c
void net_tcp_input(struct net_if *ifp, const struct ip_pkt *pkt);
void net_tcp_icmp_error(struct net_if *ifp, uint32_t raddr, uint16_t lport,
                        uint16_t rport, uint32_t seq, int err);

// tcp_cookie.c: SYN cookies (the ISN of a SYN-ACK that keeps no state)
uint32_t net_tcp_cookie(struct net_if *ifp, const struct ip_pkt *pkt,
                        const struct tcp_seg *seg, uint16_t *mss);
uint16_t net_tcp_cookie_check(struct net_if *ifp, const struct ip_pkt *pkt,
                              const struct tcp_seg *seg);

// tcp_state.c
void net_tcp_segment(struct net_tcp *s, const struct tcp_seg *seg);
void net_tcp_notify(struct net_tcp *s, unsigned ev);
void net_tcp_drop(struct net_tcp *s, int err);
void net_tcp_time_wait(struct net_tcp *s);

// tcp_output.c: send_flags sends a control segment (SYN options added);
// retransmit resends the first unacknowledged segment.
int net_tcp_send_flags(struct net_tcp *s, uint32_t seq, uint8_t flags);
void net_tcp_output(struct net_tcp *s);
void net_tcp_retransmit(struct net_tcp *s);
void net_tcp_probe(struct net_tcp *s);
void net_tcp_ack_now(struct net_tcp *s);
void net_tcp_reset_reply(struct net_if *ifp, const struct ip_pkt *pkt,
                         const struct tcp_seg *seg);
uint32_t net_tcp_rcv_wnd(const struct net_tcp *s);
uint8_t net_tcp_shift_for(uint32_t rcvbuf);

// tcp_timer.c: the RTO (RFC 6298) and the connection timers.
void net_tcp_rtt_sample(struct net_tcp *s, uint64_t ns);
uint64_t net_tcp_rto_ns(const struct net_tcp *s);
void net_tcp_arm(struct net_tcp *s);
void net_tcp_cc_init(struct net_tcp *s);
void net_tcp_delack(struct net_tcp *s);
void net_tcp_timer(struct net_if *ifp, uint64_t t);
uint64_t net_tcp_deadline(const struct net_if *ifp);
// due: when s's timers next have work (0: never); schedule puts s in the
// heap at that time, and every call that may change s's timers ends
// with it; unschedule takes s out. heap_room makes the heap's room fit n
// sockets, shrinking it when they are far fewer (false: no memory to
// grow).
uint64_t net_tcp_due(const struct net_tcp *s);
void net_tcp_schedule(struct net_tcp *s);
void net_tcp_unschedule(struct net_tcp *s);
bool net_tcp_heap_room(struct net_if *ifp, uint32_t n);

// tcp_socket.c: alloc makes a socket (NULL: no memory); free ends a
// connection: s leaves the tables and timers, gives its buffers and port
// back, and its memory too unless its owner still holds it (then close
// does). buffers_get takes s's buffers from the embedder (false: refused);
// buffers_put returns them (also when there are none). find looks up a
// connection, listener the listener on a port; hash and port_take put s
// in the tables (false: no memory); queue_add/queue_del keep the lists.
struct net_tcp *net_tcp_alloc(struct net_if *ifp);
struct net_tcp *net_tcp_alloc_evict(struct net_if *ifp);
void net_tcp_free(struct net_tcp *s);
bool net_tcp_buffers_get(struct net_tcp *s);
void net_tcp_buffers_put(struct net_tcp *s);
uint32_t net_tcp_isn(struct net_if *ifp, uint32_t raddr, uint16_t lport,
                     uint16_t rport);
void net_tcp_start(struct net_tcp *s, uint32_t raddr, uint16_t rport);
struct net_tcp *net_tcp_find(struct net_if *ifp, uint32_t raddr, uint16_t lport,
                             uint16_t rport);
struct net_tcp *net_tcp_listener(struct net_if *ifp, uint16_t lport);
void net_tcp_hash(struct net_tcp *s);
void net_tcp_queue_add(struct tcp_queue *q, struct net_tcp *s);
void net_tcp_queue_del(struct net_tcp *s);
void net_tcp_ready(struct net_tcp *c); // half-open child: now established
void net_tcp_reap(struct net_if *ifp); // the frees deferred (ifp->dead)

#endif
