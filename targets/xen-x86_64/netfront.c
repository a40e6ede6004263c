/*
 * Xen netfront: device 0 (device/vif/0 in xenstore) as plat_net_*. The
 * handshake, on the first call: read the backend's path and domid and our
 * MAC; grant one page each for the tx and rx rings; allocate an event
 * channel; wait until the backend is in InitWait; write the ring
 * references, the channel and the features; switch to Connected and wait
 * (at most 10 s) for the backend to do the same. No watches: the
 * backend's state is read again every 10 ms.
 *
 * Only the basics: one queue, one page per frame (no scatter-gather), no
 * checksum or segmentation offload (feature-no-csum-offload, so netback
 * hands us complete checksums), rx by copy (request-rx-copy, the only mode
 * Linux's netback has). RX_BUFS receive pages stay granted and are
 * reposted as soon as a frame is copied out; TX_BUFS transmit pages each
 * hold one frame until the backend answers. As dom0 (no netback) or
 * without a vif there is no device: -ENODEV.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#define xen_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define xen_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#include <xen/grant_table.h>
#include <xen/io/netif.h>
#include <xen/io/xenbus.h>
#include <xen/xen.h>

#include "xen_x86.h"

#define RX_BUFS     32
#define TX_BUFS     32
#define RING_SLOTS  __CONST_RING_SIZE(netif_rx, PAGE_SIZE)
#define MAX_FRAME   (14 + 1500) /* Ethernet header and the MTU */
#define BACKEND_MAX 64          /* "/local/domain/0/backend/vif/N/0" */
#define CONNECT_NS  10000000000ull
#define POLL_NS     10000000ull

static struct {
    int state; /* 0: not tried, 1: connected, else -errno */
    uint8_t mac[6];
    uint16_t backend_id;
    uint32_t port;
    char backend[BACKEND_MAX];
    netif_tx_front_ring_t tx;
    netif_rx_front_ring_t rx;
    grant_ref_t rx_gref[RX_BUFS], tx_gref[TX_BUFS];
    uint16_t rx_posted[RING_SLOTS]; /* buffer id at each ring slot */
    uint16_t tx_free[TX_BUFS];      /* free transmit buffers (a stack) */
    unsigned int tx_nfree;
} nf;

#define PAGE_ALIGNED __attribute__((aligned(4096)))
static union {
    netif_rx_sring_t s;
    char page[PAGE_SIZE];
} rx_sring PAGE_ALIGNED;
static union {
    netif_tx_sring_t s;
    char page[PAGE_SIZE];
} tx_sring PAGE_ALIGNED;
static char rx_pages[RX_BUFS][PAGE_SIZE] PAGE_ALIGNED;
static char tx_pages[TX_BUFS][PAGE_SIZE] PAGE_ALIGNED;

static void sleep_ns(uint64_t ns)
{
    xen_evtchn_block(plat_clock_monotonic() + ns);
}

static int parse_mac(const char *text, uint8_t mac[6])
{
    for (int i = 0; i < 6; i++) {
        unsigned int v = 0;

        for (int j = 0; j < 2; j++, text++) {
            char c = *text;
            unsigned int d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                             : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                             : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                                    : 16u;

            if (d > 15)
                return -EINVAL;
            v = v * 16 + d;
        }
        mac[i] = (uint8_t)v;
        if (*text != (i < 5 ? ':' : 0))
            return -EINVAL;
        text++;
    }
    return 0;
}

static long backend_state(void)
{
    char path[BACKEND_MAX + 8];
    unsigned long v;
    int rc;

    strcpy(path, nf.backend);
    strcat(path, "/state");
    rc = xen_xs_read_uint(path, &v);
    return rc < 0 ? rc : (long)v;
}

/* Waits until the backend reaches want; its last state, or -errno. */
static long await_backend(long want)
{
    uint64_t until = plat_clock_monotonic() + CONNECT_NS;
    long st;

    while ((st = backend_state()) >= 0 && st < want &&
           plat_clock_monotonic() < until)
        sleep_ns(POLL_NS);
    return st;
}

static int read_device(void)
{
    char mac[24];
    unsigned long id;
    long n;

    if ((n = xen_xs_read_uint("device/vif/0/backend-id", &id)) < 0)
        return n == -ENOENT ? -ENODEV : (int)n;
    if (id > 0x7fef) /* DOMID_FIRST_RESERVED */
        return -EIO;
    nf.backend_id = (uint16_t)id;
    if ((n = xen_xs_read("device/vif/0/backend", nf.backend,
                         sizeof nf.backend)) < 0)
        return (int)n;
    if ((n = xen_xs_read("device/vif/0/mac", mac, sizeof mac)) < 0)
        return (int)n;
    return parse_mac(mac, nf.mac) ? -EIO : 0;
}

static int grant(const void *page, bool readonly, grant_ref_t *ref)
{
    int r = xen_gnttab_grant(nf.backend_id, page, readonly);

    if (r < 0)
        return r;
    *ref = (grant_ref_t)r;
    return 0;
}

static void post_rx(uint16_t id)
{
    RING_IDX i = nf.rx.req_prod_pvt++;
    netif_rx_request_t *req = RING_GET_REQUEST(&nf.rx, i);

    req->id = id;
    req->gref = nf.rx_gref[id];
    nf.rx_posted[i % RING_SLOTS] = id;
}

static void push_rx(void)
{
    int notify;

    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf.rx, notify);
    if (notify)
        xen_evtchn_notify(nf.port);
}

/* Rings, grants, buffers and the channel, before the backend sees them. */
static int setup(grant_ref_t *tx_ref, grant_ref_t *rx_ref)
{
    long port;
    int rc;

    SHARED_RING_INIT(&tx_sring.s);
    FRONT_RING_INIT(&nf.tx, &tx_sring.s, PAGE_SIZE);
    SHARED_RING_INIT(&rx_sring.s);
    FRONT_RING_INIT(&nf.rx, &rx_sring.s, PAGE_SIZE);
    if ((rc = grant(&tx_sring, false, tx_ref)) ||
        (rc = grant(&rx_sring, false, rx_ref)))
        return rc;
    for (uint16_t i = 0; i < RX_BUFS; i++) {
        if ((rc = grant(rx_pages[i], false, &nf.rx_gref[i])))
            return rc;
        post_rx(i);
    }
    for (uint16_t i = 0; i < TX_BUFS; i++) {
        if ((rc = grant(tx_pages[i], true, &nf.tx_gref[i])))
            return rc;
        nf.tx_free[nf.tx_nfree++] = i;
    }
    if ((port = xen_evtchn_alloc_unbound(nf.backend_id)) < 0)
        return (int)port;
    nf.port = (uint32_t)port;
    return 0;
}

static int write_uint(const char *key, unsigned long v)
{
    char path[32] = "device/vif/0/", text[24];
    int n = 0;

    strcat(path, key);
    do
        text[n++] = (char)('0' + v % 10);
    while ((v /= 10));
    for (int i = 0; i < n / 2; i++) {
        char t = text[i];

        text[i] = text[n - 1 - i];
        text[n - 1 - i] = t;
    }
    text[n] = 0;
    return xen_xs_write(path, text);
}

static int handshake(void)
{
    grant_ref_t tx_ref, rx_ref;
    long st;
    int rc;

    if (!xen.present || boot_info.initdomain)
        return -ENODEV;
    if ((rc = read_device()) || (rc = setup(&tx_ref, &rx_ref)))
        return rc;
    if ((st = await_backend(XenbusStateInitWait)) != XenbusStateInitWait)
        goto backend;
    if ((rc = write_uint("tx-ring-ref", tx_ref)) ||
        (rc = write_uint("rx-ring-ref", rx_ref)) ||
        (rc = write_uint("event-channel", nf.port)) ||
        (rc = write_uint("request-rx-copy", 1)) ||
        (rc = write_uint("feature-rx-notify", 1)) ||
        (rc = write_uint("feature-no-csum-offload", 1)) ||
        (rc = write_uint("state", XenbusStateConnected)))
        return rc;
    if ((st = await_backend(XenbusStateConnected)) != XenbusStateConnected)
        goto backend;
    push_rx(); /* the backend reads the posted buffers from here on */
    xen_evtchn_notify(nf.port);
    return 1;
backend:
    kprintf("ukcc: netfront: backend %s stopped in state %ld\n", nf.backend,
            st);
    return st < 0 ? (int)st : -EIO;
}

static int ready(unsigned n)
{
    if (n != 0)
        return -ENODEV;
    if (!nf.state)
        nf.state = handshake();
    return nf.state < 0 ? nf.state : 0;
}

int plat_net_info(unsigned n, struct plat_netdev *dev)
{
    int rc = ready(n);

    if (rc)
        return rc;
    memcpy(dev->mac, nf.mac, 6);
    dev->mtu = 1500;
    return 0;
}

/* Frees the buffers of frames the backend has sent. */
static void tx_reclaim(void)
{
    RING_IDX prod = nf.tx.sring->rsp_prod;

    xen_rmb(); /* responses after the index */
    for (RING_IDX i = nf.tx.rsp_cons; i != prod; i++) {
        netif_tx_response_t *r = RING_GET_RESPONSE(&nf.tx, i);

        if (r->status != NETIF_RSP_NULL && r->id < TX_BUFS &&
            nf.tx_nfree < TX_BUFS)
            nf.tx_free[nf.tx_nfree++] = r->id;
    }
    nf.tx.rsp_cons = prod;
}

int plat_net_send(unsigned n, const void *frame, size_t len)
{
    netif_tx_request_t *req;
    uint16_t id;
    int rc = ready(n), notify;

    if (rc)
        return rc;
    if (len < 14 || len > MAX_FRAME)
        return len < 14 ? -EINVAL : -EMSGSIZE;
    tx_reclaim();
    if (!nf.tx_nfree || RING_FULL(&nf.tx))
        return -EAGAIN;
    id = nf.tx_free[--nf.tx_nfree];
    memcpy(tx_pages[id], frame, len);
    req = RING_GET_REQUEST(&nf.tx, nf.tx.req_prod_pvt++);
    *req = (netif_tx_request_t){.gref = nf.tx_gref[id],
                                .offset = 0,
                                .flags = 0,
                                .id = id,
                                .size = (uint16_t)len};
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf.tx, notify);
    if (notify)
        xen_evtchn_notify(nf.port);
    return 0;
}

/*
 * A frame netback marks csum_blank (a guest on the same host sent it with
 * checksum offload, and it never touched a wire) carries no valid TCP or
 * UDP checksum, even though we asked for none of that. Fill it in, over
 * the IPv4 pseudo-header and the segment, so the stack can verify as for
 * any other frame. Anything but a well-formed unfragmented IPv4 TCP/UDP
 * frame is left as it is (and then the stack drops what is wrong).
 */
static uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
    for (; len > 1; p += 2, len -= 2)
        sum += (uint32_t)p[0] << 8 | p[1];
    if (len)
        sum += (uint32_t)p[0] << 8;
    return sum;
}

static void fill_checksum(uint8_t *f, size_t len)
{
    size_t ihl, total, l4len, at;
    uint32_t sum;
    uint16_t cs;

    if (len < 14 + 20 || f[12] != 0x08 || f[13] != 0x00)
        return;
    ihl = (size_t)(f[14] & 0x0f) * 4;
    total = (size_t)f[16] << 8 | f[17];
    if ((f[14] >> 4) != 4 || ihl < 20 || total < ihl || 14 + total > len ||
        ((f[20] & 0x3f) | f[21])) /* a fragment: no whole segment here */
        return;
    l4len = total - ihl;
    if (f[23] == 6 && l4len >= 20)
        at = 14 + ihl + 16;
    else if (f[23] == 17 && l4len >= 8)
        at = 14 + ihl + 6;
    else
        return;
    f[at] = f[at + 1] = 0;
    sum = sum16(f + 26, 8, f[23] + (uint32_t)l4len); /* addresses */
    sum = sum16(f + 14 + ihl, l4len, sum);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    cs = (uint16_t)~sum;
    if (cs == 0 && f[23] == 17)
        cs = 0xffff; /* UDP: 0 would mean "no checksum" */
    f[at] = (uint8_t)(cs >> 8);
    f[at + 1] = (uint8_t)cs;
}

/*
 * The next response, its buffer reposted once the frame is copied out. A
 * frame the backend flags as continued (more_data) or followed by extra
 * info needs features we did not offer: it is dropped, with its slots.
 */
long plat_net_recv(unsigned n, void *buf, size_t len)
{
    int rc = ready(n), more;
    bool drop = false;

    if (rc)
        return rc;
    for (;;) {
        netif_rx_response_t r;
        RING_IDX i = nf.rx.rsp_cons;
        uint16_t id;
        long got = -1;

        if (i == nf.rx.sring->rsp_prod) {
            /* asks for an event when the next response arrives */
            RING_FINAL_CHECK_FOR_RESPONSES(&nf.rx, more);
            if (!more)
                return -EAGAIN;
        }
        xen_rmb();
        r = *RING_GET_RESPONSE(&nf.rx, i);
        id = nf.rx_posted[i % RING_SLOTS];
        nf.rx.rsp_cons = i + 1;
        if (!drop && r.status > 0 && (size_t)r.status <= len &&
            r.offset + (size_t)r.status <= PAGE_SIZE &&
            !(r.flags & (NETRXF_more_data | NETRXF_extra_info))) {
            memcpy(buf, rx_pages[id] + r.offset, (size_t)r.status);
            got = r.status;
            if (r.flags & NETRXF_csum_blank)
                fill_checksum(buf, (size_t)got);
        }
        drop = r.flags & (NETRXF_more_data | NETRXF_extra_info);
        post_rx(id);
        push_rx();
        if (got >= 0)
            return got;
    }
}
