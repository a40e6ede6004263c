/*
 * rt's sockets: the internal interface shared by the files of rt/net/.
 *
 * A socket is a struct sock behind a file. It reaches the world in one of
 * two ways, chosen by the address it talks to:
 *   - over a device, through libs/net (stack.c owns one net_if per device
 *     the platform has): TCP as a struct net_tcp, UDP as struct net_udp;
 *   - inside the image, for 127.0.0.0/8 and socketpair (local.c): the two
 *     ends of a stream are joined by byte rings, datagrams are copied into
 *     the receiver's queue. libs/net refuses 127/8 sources on the wire by
 *     design, and a loopback that never leaves rt needs no frames at all.
 * Ports are rt's: bind and the ephemeral range are checked against every
 * socket here, so one port means one socket on every path.
 */
#ifndef UKCC_RT_SOCK_H
#define UKCC_RT_SOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../libs/net/net.h"
#include "../rt.h"

#define RT_NET_IFS      2 /* devices rt drives (loopback needs none) */
#define RT_SOCK_RING    (64 * 1024) /* a local stream's or datagram queue */
#define RT_SOCK_BACKLOG 128         /* largest local listen backlog */

/* A byte ring from the page allocator (buf NULL: none yet). */
struct ring {
    char *buf;
    size_t head, len;
};

enum sock_state {
    SK_NEW,        /* created, maybe bound */
    SK_LISTEN,     /* stream: listening */
    SK_CONNECTING, /* stream over a device: SYN sent, non-blocking */
    SK_CONNECTED,  /* stream: connected; datagram: has a default peer */
};

struct sock {
    struct sock *next; /* in the list of every socket (rt_sock_all) */
    int family;        /* AF_INET or AF_UNIX (socketpair) */
    int type;          /* SOCK_STREAM or SOCK_DGRAM */
    enum sock_state state;
    uint32_t laddr, raddr; /* host order; laddr 0 is INADDR_ANY */
    uint16_t lport, rport; /* lport 0: not bound */
    int error;             /* pending SO_ERROR, negative; 0 none */
    bool rd_shut, wr_shut; /* shutdown(SHUT_RD / SHUT_WR) */
    bool reuseaddr, keepalive, nodelay;
    int rcvbuf, sndbuf;          /* as setsockopt gave them (0: default) */
    uint64_t rcvtimeo, sndtimeo; /* SO_RCVTIMEO/SNDTIMEO in ns; 0: none */
    bool linger;                 /* SO_LINGER: kept and reported only */
    int linger_s;
    int keepidle, keepintvl, keepcnt; /* TCP_KEEP*: kept and reported */

    /* over a device */
    struct net_tcp *tcp;                  /* a connection */
    struct net_tcp *listener[RT_NET_IFS]; /* per device, when listening */
    struct net_udp *udp[RT_NET_IFS];      /* per device, once bound */

    /* inside the image */
    struct sock *peer; /* the other end of a local stream or pair */
    bool local;        /* this stream is joined to peer, not to a device */
    bool peer_closed;  /* the peer went away (reads end, writes EPIPE) */
    bool peer_shut;    /* the peer shut down writing: end of stream */
    struct ring rx;    /* stream bytes, or datagram records, for us */
    /* local: connections waiting for accept, oldest first, linked through
     * next_pending (an array here cost every socket a kilobyte) */
    struct sock *pending, *pending_last, *next_pending;
    int npending, backlog;
};

/* socket.c: sockets as files, from memory (mem/obj.c) */
struct sock *rt_sock_of_fd(int fd, long *err);  /* -EBADF / -ENOTSOCK */
struct sock *rt_sock_new(int family, int type); /* NULL: no memory */
int rt_sock_install(struct sock *s, int flags); /* SOCK_NONBLOCK|CLOEXEC */
bool rt_sock_nonblock(int fd);
void rt_sock_free(struct sock *s);
struct sock *rt_sock_all(void); /* the list, through next */
long rt_sock_epipe(int flags);  /* EPIPE, with SIGPIPE unless MSG_NOSIGNAL */

/* io.c: the transfers under read, write, send and recv (nonblock from the
 * file or MSG_DONTWAIT; dst/src may be NULL) */
struct iovec;
struct sockaddr_in;
long rt_sock_sendv(struct sock *s, bool nonblock, const struct iovec *iov,
                   int iovcnt, int flags, const struct sockaddr_in *dst);
long rt_sock_recvv(struct sock *s, bool nonblock, const struct iovec *iov,
                   int iovcnt, int flags, struct sockaddr_in *src,
                   int *msg_flags);
void rt_sock_tcp_stash(struct sock *s); /* received bytes into s->rx */

#define LOOPBACK 0x7f000001u /* 127.0.0.1 */

/* stack.c: the devices, pumped from socket calls and the idle loop */
extern struct net_if *rt_net_ifs[RT_NET_IFS];
bool rt_net_pump(void);               /* true if anything happened */
uint64_t rt_net_deadline(void);       /* when the stack next has work */
void rt_net_ready(void);              /* waits (bounded) for DHCP once */
int rt_net_route(uint32_t dst);       /* the device for dst, or -ENETUNREACH */
bool rt_net_is_ours(uint32_t addr);   /* 0, 127/8 or a device address */
uint32_t rt_net_source(uint32_t dst); /* where a datagram to dst is from */
/* Waits for a socket's condition: -EAGAIN when non-blocking, -EINTR for a
 * signal, 0 to recheck (after pumping the stack). */
long rt_net_wait(bool nonblock, uint64_t deadline);
/* The deadline a timeout (SO_RCVTIMEO, SO_SNDTIMEO) sets from now. */
uint64_t rt_net_until(uint64_t timeout);

/* connect.c: a device connection's progress (connecting to connected or
 * failed, with the error kept for SO_ERROR) */
void rt_sock_settle(struct sock *s);
void rt_sock_tcp_options(struct sock *s, struct net_tcp *t);

/* addr.c: struct sockaddr_in in and out, with Linux's checks */
struct sockaddr;
int rt_addr_in(const struct sockaddr *sa, unsigned len, uint32_t *addr,
               uint16_t *port);
long rt_addr_out(struct sockaddr *sa, unsigned *len, int family, uint32_t addr,
                 uint16_t port);
void rt_sock_local_name(struct sock *s, uint32_t *addr, uint16_t *port);

/* ring.c */
size_t rt_ring_put(struct ring *r, const void *p, size_t n);
size_t rt_ring_get(struct ring *r, void *p, size_t n, bool peek);
bool rt_ring_alloc(struct ring *r);
void rt_ring_free(struct ring *r);

/* port.c: the port space shared by every path */
int rt_port_bind(struct sock *s, uint32_t addr, uint16_t port);
struct sock *rt_port_find(int type, uint32_t addr, uint16_t port,
                          bool listening);

/* local.c: 127/8 and socketpair */
long rt_local_connect(struct sock *s, uint32_t addr, uint16_t port);
long rt_local_send(struct sock *s, const void *buf, size_t n, uint32_t dst,
                   uint16_t dport);
long rt_local_recv(struct sock *s, void *buf, size_t n, bool peek);
void rt_local_close(struct sock *s);
unsigned rt_local_poll(struct sock *s);
int rt_local_pair(int type, struct sock **a, struct sock **b);

/* udp.c: datagram records in a sock's ring, from any path */
void rt_dgram_queue(struct sock *s, uint32_t src, uint16_t sport,
                    const void *data, size_t len);
long rt_dgram_take(struct sock *s, void *buf, size_t n, uint32_t *src,
                   uint16_t *sport, bool peek, size_t *full_len);
int rt_udp_open(struct sock *s, int dev); /* the device's net_udp */
int rt_udp_bind_devices(struct sock *s);  /* every device laddr covers */

#endif
