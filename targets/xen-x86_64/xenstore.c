/*
 * A xenstore client: read, write and directory over the shared ring page
 * (on PVH its frame and event channel are HVM parameters; PV attaches them
 * from start_info). One request is
 * in flight at a time and the caller waits for its answer (the program is
 * single-threaded below rt). Not done, because nothing needs them yet:
 * transactions (tx_id is always 0) and watches (netfront polls the
 * backend's state instead). Errors: xenstored's error strings become
 * -errno (-ENOENT for a missing node); -ENODEV without xenstore (dom0
 * here, or no Xen); -ETIMEDOUT if xenstored does not answer in 10 s;
 * -E2BIG if the answer does not fit the caller's buffer; -EIO when the
 * daemon breaks the protocol.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <xen/hvm/params.h>
#include <xen/io/xs_wire.h>
#include <xen/xen.h>

#include "xen_x86.h"

#define TIMEOUT 10000000000ull /* ns */

static struct {
    struct xenstore_domain_interface *ring;
    uint32_t port;
    uint32_t req_id;
    int state; /* 0: not tried, 1: ready, else -errno */
} xs;

void xen_xs_attach(void *ring, uint32_t port)
{
    xs.ring = ring;
    xs.port = port;
}

static int xs_connect(void)
{
    uint64_t pfn;

    if (xs.state)
        return xs.state < 0 ? xs.state : 0;
    xs.state = -ENODEV;
    if (!xen.present)
        return -ENODEV;
    if (!xs.ring) { /* PVH: the ring's frame is an HVM parameter */
        pfn = xen_hvm_param(HVM_PARAM_STORE_PFN);
        xs.port = (uint32_t)xen_hvm_param(HVM_PARAM_STORE_EVTCHN);
        if (!pfn || pt_map(pfn << 12, PAGE_SIZE, PT_R | PT_W))
            return -ENODEV;
        xs.ring = (struct xenstore_domain_interface *)(uintptr_t)(pfn << 12);
    }
    if (!xs.port)
        return -ENODEV;
    xen_evtchn_unmask(xs.port);
    xs.state = 1;
    return 0;
}

/* Waits for an event from xenstored, or fails at the deadline. */
static int wait_event(uint64_t until)
{
    if (plat_clock_monotonic() >= until)
        return -ETIMEDOUT;
    xen_evtchn_block(until);
    return 0;
}

static int put(const void *data, size_t len, uint64_t until)
{
    volatile struct xenstore_domain_interface *r = xs.ring;
    const char *p = data;

    while (len) {
        XENSTORE_RING_IDX cons = r->req_cons, prod = r->req_prod;
        size_t n = 0, room;

        __atomic_thread_fence(__ATOMIC_ACQUIRE); /* index before data */
        room = XENSTORE_RING_SIZE - (prod - cons);
        if (room > XENSTORE_RING_SIZE) /* indexes that lie */
            return -EIO;
        for (; n < len && n < room; n++)
            r->req[MASK_XENSTORE_IDX(prod + n)] = p[n];
        __atomic_thread_fence(__ATOMIC_RELEASE); /* data before index */
        r->req_prod = prod + n;
        xen_evtchn_notify(xs.port);
        p += n;
        len -= n;
        if (len && wait_event(until))
            return -ETIMEDOUT;
    }
    return 0;
}

/* Reads len bytes of the answer into data (NULL: discards them). */
static int get(void *data, size_t len, uint64_t until)
{
    volatile struct xenstore_domain_interface *r = xs.ring;
    char *p = data;

    while (len) {
        XENSTORE_RING_IDX cons = r->rsp_cons, prod = r->rsp_prod;
        size_t n = 0;

        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (prod - cons > XENSTORE_RING_SIZE)
            return -EIO;
        for (; n < len && cons + n != prod; n++)
            if (p)
                p[n] = r->rsp[MASK_XENSTORE_IDX(cons + n)];
        __atomic_thread_fence(__ATOMIC_RELEASE); /* read before freed */
        r->rsp_cons = cons + n;
        if (n)
            xen_evtchn_notify(xs.port);
        if (p)
            p += n;
        len -= n;
        if (len && !n && wait_event(until))
            return -ETIMEDOUT;
    }
    return 0;
}

static int error_code(const char *name)
{
    for (size_t i = 0; i < sizeof xsd_errors / sizeof xsd_errors[0]; i++)
        if (!strcmp(name, xsd_errors[i].errstring))
            return -xsd_errors[i].errnum;
    return -EIO;
}

/*
 * One request: the payload is a then b (b may be empty); the answer goes
 * to out (at most len bytes). Returns the answer's length or -errno.
 */
static long request(uint32_t type, const char *a, size_t alen, const char *b,
                    size_t blen, char *out, size_t len)
{
    uint64_t until = plat_clock_monotonic() + TIMEOUT;
    struct xsd_sockmsg m = {
        .type = type, .req_id = ++xs.req_id, .len = (uint32_t)(alen + blen)};
    char err[32];
    int rc;

    if ((rc = xs_connect()))
        return rc;
    if (alen + blen > XENSTORE_PAYLOAD_MAX)
        return -E2BIG;
    if ((rc = put(&m, sizeof m, until)) || (rc = put(a, alen, until)) ||
        (rc = put(b, blen, until)))
        return rc;
    for (;;) {
        if ((rc = get(&m, sizeof m, until)))
            return rc;
        if (m.len > XENSTORE_PAYLOAD_MAX)
            return -EIO;
        if (m.req_id == xs.req_id && m.type != XS_WATCH_EVENT)
            break;
        if ((rc = get(NULL, m.len, until))) /* not ours: skip it */
            return rc;
    }
    if (m.type == XS_ERROR) {
        size_t n = m.len < sizeof err ? m.len : sizeof err - 1;

        if ((rc = get(err, n, until)) || (rc = get(NULL, m.len - n, until)))
            return rc;
        err[n] = 0;
        return error_code(err);
    }
    if (m.type != type)
        return -EIO;
    if (m.len > len) {
        if ((rc = get(NULL, m.len, until)))
            return rc;
        return -E2BIG;
    }
    if ((rc = get(out, m.len, until)))
        return rc;
    return m.len;
}

long xen_xs_read(const char *path, char *buf, size_t len)
{
    long n;

    if (!len)
        return -E2BIG;
    n = request(XS_READ, path, strlen(path) + 1, "", 0, buf, len - 1);
    if (n >= 0)
        buf[n] = 0;
    return n;
}

int xen_xs_read_uint(const char *path, unsigned long *out)
{
    char text[24], *end;
    long n = xen_xs_read(path, text, sizeof text);
    unsigned long v = 0;

    if (n < 0)
        return (int)n;
    if (n == 0)
        return -EINVAL;
    for (end = text; *end >= '0' && *end <= '9'; end++)
        v = v * 10 + (unsigned long)(*end - '0');
    if (*end || end - text > 19)
        return -EINVAL;
    *out = v;
    return 0;
}

int xen_xs_write(const char *path, const char *value)
{
    char ok[4];
    long n = request(XS_WRITE, path, strlen(path) + 1, value, strlen(value), ok,
                     sizeof ok);

    return n < 0 ? (int)n : 0;
}

long xen_xs_directory(const char *path, char *buf, size_t len)
{
    return request(XS_DIRECTORY, path, strlen(path) + 1, "", 0, buf, len);
}
