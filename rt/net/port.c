/*
 * The port space: one table for every path, so a port bound on 0.0.0.0
 * is also taken on 127.0.0.1 and on each device, as on Linux. Ephemeral
 * ports come from Linux's default range, 32768..60999.
 */
#include <errno.h>
#include <sys/socket.h>

#include "sock.h"

#define EPHEMERAL_LO 32768
#define EPHEMERAL_HI 60999

static bool overlaps(uint32_t a, uint32_t b)
{
    return a == 0 || b == 0 || a == b;
}

/* A socket of this type bound to addr:port (listening ones only, if
 * asked); the most specific address wins. */
struct sock *rt_port_find(int type, uint32_t addr, uint16_t port,
                          bool listening)
{
    struct sock *any = NULL;

    for (struct sock *s = rt_sock_all(); s; s = s->next) {
        if (s->type != type || s->lport != port || s->family != AF_INET ||
            (listening && s->state != SK_LISTEN))
            continue;
        if (s->laddr == addr)
            return s;
        if (s->laddr == 0 && !any)
            any = s;
    }
    return any;
}

/* Taken for s? A listening or bound socket on an overlapping address
 * conflicts unless both asked for SO_REUSEADDR and neither listens
 * (Linux's rule for TCP; for UDP both must ask). Connected children of a
 * listener share its port and never conflict. */
static bool taken(struct sock *s, uint32_t addr, uint16_t port)
{
    for (struct sock *o = rt_sock_all(); o; o = o->next) {
        if (o == s || o->type != s->type || o->lport != port ||
            o->family != AF_INET || !overlaps(o->laddr, addr))
            continue;
        if (o->state == SK_CONNECTED && o->type == SOCK_STREAM && s->reuseaddr)
            continue;
        if (s->reuseaddr && o->reuseaddr && o->state != SK_LISTEN)
            continue;
        return true;
    }
    return false;
}

int rt_port_bind(struct sock *s, uint32_t addr, uint16_t port)
{
    static uint16_t next = EPHEMERAL_LO;

    if (port) {
        if (taken(s, addr, port))
            return -EADDRINUSE;
        s->laddr = addr;
        s->lport = port;
        return 0;
    }
    for (int k = 0; k <= EPHEMERAL_HI - EPHEMERAL_LO; k++) {
        uint16_t p = next;

        next = next == EPHEMERAL_HI ? EPHEMERAL_LO : next + 1;
        if (!taken(s, addr, p)) {
            s->laddr = addr;
            s->lport = p;
            return 0;
        }
    }
    return -EADDRINUSE; /* Linux: the whole range is in use */
}
