// libs/net: ukcc's TCP/IP stack. This header is its whole interface.
//
// Model. The stack is a passive, event-driven state machine: no threads, no
// allocator of its own, no knowledge of Xen, Linux or rt. The embedder
// gives it memory (an interface context of NET_IF_SIZE bytes, an
// alloc/free pair for sockets and TCP buffers, and optionally queue
// buffers for UDP sockets), two callbacks (transmit a frame, read the
// clock), and calls it when something happens: a frame arrived
// (net_if_input) or time passed (net_if_timer). Everything the stack does,
// it does inside one of those calls, synchronously.
//
// Error policy. Calls that can fail return 0 (or a length) on success and a
// negative errno value (-EINVAL, -EAGAIN, ...) on failure; nothing sets
// errno. Input from the network is hostile: a frame that is truncated,
// whose lengths lie, whose checksum is wrong, or that the stack does not
// handle is dropped and counted in struct net_stats, never trusted. Frames
// the stack cannot transmit are counted too. A caller bug (a NULL context,
// a socket used after close) is not detected; the contracts below say what
// is allowed.
//
// Re-entrancy. Callbacks run inside net_if_input / net_if_timer / send
// calls. A receive callback may send and may close its own socket; no
// callback may call net_if_input or net_if_timer.
//
// Byte order. IPv4 addresses and ports are passed in host byte order:
// 10.0.0.1 is NET_IP4(10, 0, 0, 1) == 0x0a000001.
#ifndef UKCC_NET_H
#define UKCC_NET_H

#include <stddef.h>
#include <stdint.h>

#define NET_IP4(a, b, c, d)                                                    \
    ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |          \
     (uint32_t)(d))

// Limits fixed at compile time; they size struct net_if. Sockets have no
// such limit: they take memory from the embedder's alloc (see
// net_if_desc), as many as it gives.
#define NET_ETH_MTU     1500 // largest IP datagram sent in one frame
#define NET_ARP_ENTRIES 16   // cached neighbours (eviction: see stats)
#define NET_ARP_PENDING 4    // frames waiting for ARP, the last 2 of each
#define NET_REASM_SLOTS                                                        \
    4                        // datagrams reassembled at once; a 5th evicts
                             // the oldest unfinished one
#define NET_REASM_BYTES 9216 // largest reassembled IP payload (jumbo)
#define NET_TCP_BACKLOG 128  // largest listen backlog
#define NET_TCP_OOO     8    // out-of-order byte ranges held per connection

// TCP buffer sizes (net_tcp_setopt RCVBUF/SNDBUF): the default, and the
// bounds a requested size is clamped to. Buffers come from the embedder's
// alloc callback, not from the interface context.
#define NET_TCP_BUF_DEFAULT (64 * 1024)
#define NET_TCP_BUF_MIN     4096
#define NET_TCP_BUF_MAX     (4 * 1024 * 1024)

// Memory an interface needs; see net_if_init.
#define NET_IF_SIZE (64 * 1024)

// ---- checksum.c: the Internet checksum (RFC 1071, RFC 1624) ----

// The Internet checksum of len bytes: the one's complement of the one's
// complement sum of 16-bit big-endian words, an odd last byte padded with
// zero. Returned in host order, ready to be stored big-endian. A buffer
// that contains its own correct checksum yields 0.
uint16_t net_checksum(const void *data, size_t len);

// The checksum after one 16-bit word of the summed data changed from old
// to new, without summing again (RFC 1624, equation 3). All values in host
// order.
uint16_t net_checksum_update16(uint16_t cksum, uint16_t old, uint16_t new);

// ---- config.c: static configuration ----

struct net_config {
    uint32_t addr;    // our address; 0 = none (only broadcast is accepted)
    uint8_t prefix;   // subnet prefix length, 0..32
    uint32_t gateway; // default route; 0 = only the subnet is reachable
    uint32_t dns;     // DNS server for the embedder's resolver; 0 = none
};

// Parses dotted-quad text ("10.0.0.2") into *addr. Returns 0 or -EINVAL
// (not four decimal numbers 0..255 separated by dots, nothing after).
int net_ip4_parse(const char *text, uint32_t *addr);

// Sets one configuration item from boot-command-line text: key "ip" takes
// "a.b.c.d/prefix" (prefix 0..32; without "/prefix", 24), "gw" and "dns" an
// address. Returns 0, -EINVAL for a malformed value, -ENOENT for an
// unknown key; cfg is unchanged on error.
int net_config_set(struct net_config *cfg, const char *key, const char *value);

// ---- iface.c: an interface ----

struct net_if; // opaque: lives in memory the embedder gives net_if_init

struct net_if_desc {
    // Transmits one Ethernet frame (destination MAC first, no FCS). The
    // bytes are only valid during the call. Returns 0 or -errno; a failed
    // frame is lost (counted in tx_errors), as on a real wire.
    int (*tx)(void *arg, const void *frame, size_t len);
    // Returns monotonic time in nanoseconds; it must never go backwards.
    uint64_t (*now)(void *arg);
    void *arg;      // passed to both callbacks
    uint8_t mac[6]; // our Ethernet address
    // Random bits from the embedder's entropy source. TCP initial sequence
    // numbers and SYN cookies mix them with the connection's addresses and
    // the clock, so an off-path attacker cannot guess them (RFC 6528).
    uint64_t secret;
    // Memory for sockets and TCP buffers. alloc returns len bytes, 8-byte
    // aligned, or NULL; free takes back a block alloc returned, with the
    // same len. There is no other limit on sockets: what alloc gives is
    // what the stack has. It takes
    //  * a small block per socket (a few hundred bytes for TCP, under a
    //    hundred for UDP) from net_tcp_open / net_udp_open, or for a SYN
    //    accepted on a listener, freed when the socket is closed and the
    //    connection over (a TCP socket lives on through FIN and TIME-WAIT);
    //  * a small block per TCP port in use (bound, listening, or a
    //    connection's; a listener's children share its port's);
    //  * for each connection, one block with its receive and send buffers
    //    (RCVBUF + SNDBUF bytes). A connection that idles a second with
    //    both buffers empty gives its block back and takes it again when
    //    bytes arrive or are sent, so idle connections cost no buffer
    //    memory;
    //  * the lookup tables and the timer heap, which double as sockets are
    //    added and halve as they go (8 bytes a bucket or socket; a table
    //    of 16 lives in the interface context).
    // When alloc returns NULL, the operation that needed it fails:
    // net_tcp_open and net_udp_open return -ENOMEM, a SYN is answered
    // with a SYN cookie, the cookie's ACK takes the oldest half-open
    // child's memory or is answered with a RST (counted in tcp_no_memory),
    // arriving data is dropped unacknowledged; a table
    // that cannot grow keeps its size, and TCP first reuses the memory of
    // the closed connection whose TIME-WAIT ends first. Both callbacks
    // are called inside stack calls and must not call the stack.
    void *(*alloc)(void *arg, size_t len);
    void (*free)(void *arg, void *p, size_t len);
    // Challenge ACKs the interface may send per second, on average (see
    // RFC 5961 under TCP below; Linux's tcp_challenge_ack_limit); 0: 1000.
    unsigned challenge_acks;
};

// Starts an interface in mem (NET_IF_SIZE bytes or more, 8-byte aligned,
// owned by the stack until the embedder stops calling it; no cleanup is
// needed). Returns the handle in *ifp and 0, or -EINVAL (a NULL callback,
// alloc and free included; a multicast MAC; misaligned memory) or -ENOMEM
// (size too small).
int net_if_init(struct net_if **ifp, void *mem, size_t size,
                const struct net_if_desc *desc);

// Applies a static configuration. With an address, the interface
// announces it with a gratuitous ARP request (RFC 5227 announcement), so
// neighbours refresh stale caches. Returns 0 or -EINVAL (prefix > 32, or
// an address that is 0.x, multicast or broadcast). Neighbour cache and
// reassembly state are kept.
int net_if_configure(struct net_if *ifp, const struct net_config *cfg);

// Copies the current configuration into *cfg.
void net_if_config(const struct net_if *ifp, struct net_config *cfg);

// Hands the stack one received Ethernet frame (destination MAC first,
// without FCS; padding after the IP datagram is allowed). The stack reads
// the bytes only during the call. Replies and socket callbacks happen
// before it returns.
void net_if_input(struct net_if *ifp, const void *frame, size_t len);

// Lets time pass: retries and expires ARP requests, ages the neighbour
// cache, drops reassemblies that timed out, runs the TCP timers
// (retransmission, window probes, delayed ACKs, keep-alive, TIME-WAIT)
// and the DHCP client's.
// Call it at or after net_if_deadline(), or more often; calling it early
// is harmless.
void net_if_timer(struct net_if *ifp);

// The monotonic time (ns) at which net_if_timer next has work, or
// UINT64_MAX if none. Changes after any call into the stack.
uint64_t net_if_deadline(const struct net_if *ifp);

// ---- stats: what the stack received, sent and dropped ----

// ARP: arp_pending_drop counts frames that waited for an answer in vain
// (none came, their entry was evicted, the queue was full and they were
// the oldest, or their neighbour had 2 newer ones waiting), arp_evicted
// cache entries taken for a new neighbour (the oldest incomplete, else
// the least recently used reachable one that sent nothing for 5 s),
// arp_table_full new neighbours not cached because every entry was in
// use (a reachable neighbour we sent to in the last 5 s) or, for a sender
// learned unasked, waiting for an answer. A neighbour whose entry is
// known and in use is never evicted by others, so forged sources cannot
// delay frames to it.
// TCP: tcp_out_of_order counts segments beyond a hole (held unless
// tcp_ooo_full), tcp_rexmt timeouts, tcp_fast_rexmt fast retransmits,
// tcp_no_memory SYNs answered with a cookie, SYN-cookie ACKs reset and
// data segments dropped because alloc failed, tcp_backlog_full SYNs dropped and
// SYN-cookie ACKs reset because the listener's accept queue was full,
// tcp_time_wait_reused TIME-WAIT connections ended early (a new SYN for
// the same ports, or no memory for a new socket). tcp_bad_seq counts
// segments outside the receive window, tcp_bad_ack ACKs outside RFC 5961's
// range (dropped), tcp_challenge_ack the ACKs sent to answer a RST, SYN or
// bad ACK, tcp_challenge_ack_limited those the rate limit held back.
// dhcp_bad counts replies not for us or malformed.
struct net_stats {
    uint64_t rx_frames, tx_frames, tx_errors;
    uint64_t eth_short, eth_not_ours, eth_type;
    uint64_t arp_rx, arp_malformed, arp_tx, arp_pending_drop, arp_evicted;
    uint64_t arp_table_full;
    uint64_t ip_rx, ip_malformed, ip_cksum, ip_not_ours, ip_proto;
    uint64_t ip_no_route, ip_too_big;
    uint64_t frag_rx, frag_done, frag_malformed, frag_overlap;
    uint64_t frag_evicted, frag_too_big, frag_timeout;
    uint64_t icmp_rx, icmp_malformed, icmp_cksum, icmp_echo, icmp_unreach;
    uint64_t udp_rx, udp_malformed, udp_cksum, udp_no_port, udp_queue_full;
    uint64_t tcp_rx, tcp_malformed, tcp_cksum, tcp_no_port, tcp_rst_tx;
    uint64_t tcp_backlog_full, tcp_bad_seq, tcp_bad_ack, tcp_out_of_order;
    uint64_t tcp_rst_rx, tcp_challenge_ack, tcp_no_memory;
    uint64_t tcp_rexmt, tcp_fast_rexmt, tcp_ooo_full, tcp_syn_cookies_sent;
    uint64_t tcp_syn_cookies_ok, tcp_icmp_errors, tcp_time_wait_reused;
    uint64_t tcp_challenge_ack_limited, tcp_half_open_evicted;
    uint64_t dhcp_bound, dhcp_nak, dhcp_bad;
    // Not counters: how many TCP sockets exist now (connections of every
    // state, listeners, sockets opened and not yet closed), and how many
    // of them are closed connections waiting out TIME-WAIT.
    uint64_t tcp_sockets, tcp_time_wait;
};

// The interface's counters, updated in place as the stack runs.
const struct net_stats *net_if_stats(const struct net_if *ifp);

// ---- udp.c: UDP sockets ----

struct net_udp; // opaque: allocated by net_udp_open (see net_if_desc)

// Receives one datagram; data is only valid during the call.
typedef void (*net_udp_recv_fn)(void *arg, struct net_udp *s, uint32_t src,
                                uint16_t sport, const void *data, size_t len);

// Opens an unbound socket. Returns 0 and *sp, or -ENOMEM (alloc failed).
int net_udp_open(struct net_if *ifp, struct net_udp **sp);

// Binds s to a local port (0: a free ephemeral port, 49152..65535). The
// socket receives datagrams to that port on any of our addresses. Returns
// 0, -EINVAL (already bound), -EADDRINUSE, or -EAGAIN (no free port).
int net_udp_bind(struct net_udp *s, uint16_t port);

// The bound local port, or 0.
uint16_t net_udp_port(const struct net_udp *s);

// Delivers each datagram to fn instead of queueing it. fn NULL: queue.
void net_udp_on_recv(struct net_udp *s, net_udp_recv_fn fn, void *arg);

// Gives s a receive queue of len bytes in buf, owned by the stack until
// close. Each datagram costs its length plus 8 bytes, rounded up to 4; a
// datagram that does not fit is dropped (udp_queue_full). Without a
// queue or callback, datagrams are dropped the same way. Returns 0 or
// -EINVAL (buf NULL or len < 16). Queued datagrams are discarded.
int net_udp_set_queue(struct net_udp *s, void *buf, size_t len);

// Sends len bytes to dst:dport (dst may be 255.255.255.255 or the subnet
// broadcast), binding an ephemeral port first if needed. Returns len, or
// -EMSGSIZE (more than fits one frame: no fragmentation on output), -EINVAL
// (dport 0), -EADDRNOTAVAIL (no address configured and dst not broadcast),
// -ENETUNREACH (off-subnet and no gateway), -EAGAIN (no ephemeral port),
// or the tx callback's error. A datagram waiting for ARP counts as sent.
int net_udp_sendto(struct net_udp *s, uint32_t dst, uint16_t dport,
                   const void *data, size_t len);

// Takes the oldest queued datagram: copies up to len bytes to buf (the rest
// of a longer datagram is discarded, as recvfrom does), fills *src and
// *sport if not NULL, and returns the bytes copied; -EAGAIN if empty.
int net_udp_recvfrom(struct net_udp *s, void *buf, size_t len, uint32_t *src,
                     uint16_t *sport);

// Length of the oldest queued datagram, or -EAGAIN if none (for poll).
int net_udp_peek(const struct net_udp *s);

// Closes s; its memory goes back to free, its queue buffer to the caller.
void net_udp_close(struct net_udp *s);

// ---- tcp_*.c: TCP (RFC 9293) ----
//
// RFC 9293's state machine for a lossy network. The numbers, and where
// they differ from Linux's defaults, by design:
//  * Retransmission (RFC 6298): SRTT/RTTVAR from one timed segment per
//    round trip, Karn's rule, RTO 1 s before the first sample, 200 ms
//    minimum (as Linux), 60 s maximum, doubling per timeout. SYN and
//    SYN-ACK go again 5 times (1+2+4+8+16+32 s: connect fails with
//    ETIMEDOUT after 63 s, a half-open child is freed); data and FIN 12
//    times (about 5 min from a 200 ms RTO; Linux: 15, about 15 min).
//  * Congestion (RFC 5681, RFC 6928, RFC 3042, RFC 6582): initial window
//    min(4 MSS, max(2 MSS, 4380)), slow start, congestion avoidance,
//    limited transmit on the first two duplicate ACKs, fast retransmit on
//    the third, NewReno recovery (partial ACKs resend the next hole, the
//    timer restarts on each), go-back-N with cwnd = 1 MSS after a timeout.
//    No SACK, no timestamps.
//  * Options: MSS (ours 1460), window scale (RFC 7323; ours from RCVBUF,
//    e.g. 1 for 64 KiB, 7 for 4 MiB; only when both SYNs carry it).
//  * Receiving: segments beyond a hole are held in the receive buffer (up
//    to NET_TCP_OOO ranges); out-of-order segments and the one filling a
//    hole are ACKed at once (RFC 5681 4.2), other data after two full
//    segments or 40 ms (delayed ACK). Window updates when it opens by
//    min(RCVBUF/2, 2 MSS). Data arriving after close is acknowledged and
//    discarded (Linux resets instead).
//  * Sending: Nagle unless NODELAY (a short tail waits while data is
//    unacknowledged), sender silly-window avoidance; a shut window is
//    probed with one byte, with the RTO's back-off, as long as the peer
//    answers.
//  * Keep-alive (KEEPALIVE): after 120 s idle, a probe every 15 s, 9
//    unanswered end the connection with ETIMEDOUT (Linux: 7200 s, 75 s,
//    9; scaled for unikernels, whose peers are often NATed).
//  * TIME-WAIT lasts 10 s (2 MSL with MSL = 5 s, not 60 s: a LAN-sized
//    guess that keeps the memory of many short connections small). When
//    alloc refuses a new socket, the TIME-WAIT that ends first is reused,
//    and a new SYN above its sequence reopens it (RFC 9293 3.10.7.4, as
//    BSD and Linux).
//    An orphaned FIN-WAIT-2 (closed, peer never sends FIN) ends after 60 s.
//  * Listen backlog: at most backlog half-open children and backlog
//    children waiting for accept. Beyond the first, or when alloc refuses
//    a child, a SYN is answered with a SYN cookie (no state until the
//    ACK; such a connection has no window scaling); beyond the second,
//    SYNs are dropped, as Linux does, and the peer sends them again. The
//    backlog bounds each listener alone, so a SYN flood to several can
//    hold memory with half-open children for the 63 s of their SYN-ACK
//    retries; the ACK of a cookie that finds alloc refusing takes the
//    memory of the half-open child, of any listener, that has waited
//    longest for its peer (tcp_half_open_evicted); one that still finds
//    no memory is answered with a RST. A cookie's ACK that finds the
//    accept queue full is dropped (tcp_backlog_full), as Linux does by
//    default (tcp_abort_on_overflow = 0): the peer sends it again with
//    its request, which finds room once the server accepts, so a burst
//    of connects larger than the backlog is served whole. A peer that
//    sent only the ACK and waits for the server to speak first is, as on
//    Linux, not told. A half-open child's ACK always completes it (the
//    queue then holds up to 2 x backlog).
//  * Demultiplexing: connections are found by a hash of their ports and
//    the peer's address, listeners and UDP sockets by a hash of the port,
//    keyed with desc.secret so a peer cannot choose colliding 4-tuples;
//    the tables grow with the sockets, so a lookup costs the same at any
//    count. Timers are kept in a heap: a tick costs only the connections
//    whose timers are due.
//  * Blind attacks (RFC 5961, all of it). A RST resets only at exactly
//    RCV.NXT; elsewhere in the receive window it draws a challenge ACK
//    (a bare ACK of RCV.NXT), outside it is dropped. A SYN on a
//    synchronized connection draws a challenge ACK whatever its sequence
//    number, and resets nothing. An ACK must lie in [SND.UNA - MAX.SND.WND,
//    SND.NXT], MAX.SND.WND being the largest window, scaled, the peer ever
//    offered (its SYN's included); outside, the segment is dropped with
//    its data and FIN and answered with a challenge ACK. So data injected
//    at a guessed sequence number also needs an ACK guessed within about
//    one window. Challenge ACKs are rate-limited (RFC 5961 7): at most one
//    per 500 ms per connection (Linux's tcp_invalid_ratelimit), and per
//    interface a budget each second drawn at random between half and one
//    and a half times desc.challenge_acks (default 1000), as Linux 4.7 to
//    5.19 did against CVE-2016-5696's side channel. Linux 6.0 turned that
//    budget off by default, per-socket limits being enough; we keep it as
//    a bound the embedder can lower. An ACK of
//    data never sent gets the same rate-limited answer (recent Linux; RFC
//    9293 says ACK and drop). Unlike Linux, ACKs for plain out-of-window
//    segments (RFC 9293's duplicate ACK) are not rate-limited.
//  * ICMP destination unreachable for a SYN we sent fails connect with
//    ECONNREFUSED (protocol/port) or EHOSTUNREACH (others); in later
//    states ICMP errors are soft and ignored.
// Everything runs from net_if_input, net_if_timer and the calls below.

struct net_tcp; // opaque: allocated by net_tcp_open (see net_if_desc)

enum net_tcp_state {
    NET_TCP_CLOSED,
    NET_TCP_LISTEN,
    NET_TCP_SYN_SENT,
    NET_TCP_SYN_RECEIVED,
    NET_TCP_ESTABLISHED,
    NET_TCP_FIN_WAIT_1,
    NET_TCP_FIN_WAIT_2,
    NET_TCP_CLOSE_WAIT,
    NET_TCP_CLOSING,
    NET_TCP_LAST_ACK,
    NET_TCP_TIME_WAIT,
};

// Event bits passed to a socket's callback. The callback runs inside the
// stack; it may call any net_tcp_* function, including close.
#define NET_TCP_EV_ACCEPT    1u  // listener: net_tcp_accept has a child
#define NET_TCP_EV_CONNECTED 2u  // connect finished
#define NET_TCP_EV_READABLE  4u  // data, or the peer's FIN (recv gives 0)
#define NET_TCP_EV_WRITABLE  8u  // send buffer space was freed
#define NET_TCP_EV_ERROR     16u // reset or refused: see net_tcp_error
#define NET_TCP_EV_HUP       32u // net_tcp_poll only: see there

typedef void (*net_tcp_event_fn)(void *arg, struct net_tcp *s, unsigned events);

// Opens a closed socket. Returns 0 and *sp, or -ENOMEM (alloc failed).
int net_tcp_open(struct net_if *ifp, struct net_tcp **sp);

// Binds a local port (0: ephemeral). A port is in use while any socket
// holds it, a listener's connections included. Returns 0, -EINVAL (bound,
// not closed, or its connection is over), -EADDRINUSE, -EAGAIN (no
// ephemeral port), -ENOMEM.
int net_tcp_bind(struct net_tcp *s, uint16_t port);

// Listens on the bound port; at most backlog (1..NET_TCP_BACKLOG, larger
// values are clamped) connections may be half-open or waiting for accept;
// further SYNs are dropped (tcp_backlog_full) so the peer retries later.
// Returns 0 or -EINVAL (unbound, not closed).
int net_tcp_listen(struct net_tcp *s, int backlog);

// Takes an established connection from a listener. Returns 0 and *cp (a
// socket the caller now owns, inheriting the listener's callback), or
// -EAGAIN if none is ready, -EINVAL if s is not listening.
int net_tcp_accept(struct net_tcp *s, struct net_tcp **cp);

// Starts an active open to dst:dport, binding an ephemeral port if needed,
// and takes the connection's buffers from the alloc callback. Returns 0
// (NET_TCP_EV_CONNECTED or _ERROR follows), -EISCONN / -EINVAL (not
// closed), -ENOMEM (alloc failed), or an IP routing error (-ENETUNREACH,
// -EADDRNOTAVAIL).
int net_tcp_connect(struct net_tcp *s, uint32_t dst, uint16_t dport);

// Queues up to len bytes and sends what the peer's window allows. Returns
// the bytes taken (maybe fewer than len), -EAGAIN if the buffer is full,
// -ENOTCONN before the handshake finished, -EPIPE after close or the
// peer's reset, or the sticky error.
int net_tcp_send(struct net_tcp *s, const void *data, size_t len);

// Takes up to len received bytes. Returns the count, 0 at end of stream
// (the peer sent FIN and everything before it was read), -EAGAIN if
// nothing is there yet, or the sticky error (-ECONNRESET...).
int net_tcp_recv(struct net_tcp *s, void *buf, size_t len);

// Closes s: queued data is still sent, then a FIN; the stack frees the
// socket when the connection ends (or at once for a listener, whose
// unaccepted children are reset). s must not be used afterwards, and its
// callback is not called again.
void net_tcp_close(struct net_tcp *s);

// Half-closes s: no more sends (net_tcp_send returns -EPIPE), a FIN
// follows the queued data, and receiving continues until the peer's FIN.
// Returns 0 (also when already shut down), or -ENOTCONN if s is not
// connected (closed, listening, or still in SYN-SENT).
int net_tcp_shutdown(struct net_tcp *s);

// Sets the event callback (NULL: none).
void net_tcp_on_event(struct net_tcp *s, net_tcp_event_fn fn, void *arg);

// The NET_TCP_EV_* bits true right now, for poll/select/epoll:
//   READABLE  data to read, the peer's FIN (recv gives 0), or an error
//             (recv gives it)
//   WRITABLE  ESTABLISHED or CLOSE-WAIT, not shut down, send buffer space
//   ERROR     the sticky error is set
//   ACCEPT    a listener with a child ready for net_tcp_accept
//   HUP       the connection was reset, refused or timed out, or both
//             directions are closed (the peer's FIN came and ours is
//             queued)
// CONNECTED is never reported here (WRITABLE says the same). A socket
// that never connected reports 0.
unsigned net_tcp_poll(const struct net_tcp *s);

enum net_tcp_opt {
    NET_TCP_OPT_NODELAY,   // 1: send small segments at once (no Nagle)
    NET_TCP_OPT_KEEPALIVE, // 1: probe an idle connection (see keep-alive)
    NET_TCP_OPT_RCVBUF,    // receive buffer bytes: the largest window
    NET_TCP_OPT_SNDBUF,    // send buffer bytes: queued and unacknowledged
};

// Sets an option. NODELAY and KEEPALIVE take 0 or non-zero. RCVBUF and
// SNDBUF take a byte count, clamped to [NET_TCP_BUF_MIN, NET_TCP_BUF_MAX]
// (default NET_TCP_BUF_DEFAULT); they can only change before the
// connection has its buffers (before connect or listen). A listener's
// options are inherited by its children. Returns 0, or -EINVAL (unknown
// option, or a buffer size after the buffers exist).
int net_tcp_setopt(struct net_tcp *s, enum net_tcp_opt opt, int value);

// An option's value (0/1, or the buffer size in bytes), or -EINVAL.
int net_tcp_getopt(const struct net_tcp *s, enum net_tcp_opt opt);

// The connection's state, and its sticky error: 0, -ECONNREFUSED (RST to
// our SYN), -ECONNRESET (RST later). Once set, the error stays.
enum net_tcp_state net_tcp_state(const struct net_tcp *s);
int net_tcp_error(const struct net_tcp *s);

// The peer's address and port (0 if none).
void net_tcp_peer(const struct net_tcp *s, uint32_t *addr, uint16_t *port);

// Our address (the interface's, 0 if none) and bound port (0 if none).
void net_tcp_local(const struct net_tcp *s, uint32_t *addr, uint16_t *port);

// ---- dhcp.c: DHCP client (RFC 2131) ----

// Starts configuring the interface by DHCP (DISCOVER, OFFER, REQUEST,
// ACK), driven by net_if_input and net_if_timer. Once a lease is bound,
// net_if_config shows its address, prefix, gateway and DNS server; the
// lease is renewed at T1/T2, and a NAK or expiry starts over. It takes
// one UDP socket (port 68). Returns 0, -EALREADY if already started,
// -ENOMEM if no UDP socket can be had, -EADDRINUSE if port 68 is taken.
int net_dhcp_start(struct net_if *ifp);

#endif
