/*
 * The console on Xen. dom0 writes with the console_io hypercall; a domU
 * uses its PV console ring (Debian's release Xen refuses a domU's
 * console_io writes) and kicks the backend through the event channel.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <xen/event_channel.h>
#include <xen/hvm/params.h>
#include <xen/io/console.h>
#include <xen/sched.h>
#include <xen/xen.h>

#include "cpu.h"
#include "hypercall.h"
#include "xen_x86.h"

static struct {
    struct xencons_interface *ring;
    evtchn_port_t port;
} cons;

void xen_console_init(void)
{
    uint64_t pfn;

    if (boot_info.initdomain || cons.ring)
        return;
    pfn = xen_hvm_param(HVM_PARAM_CONSOLE_PFN);
    cons.port = xen_hvm_param(HVM_PARAM_CONSOLE_EVTCHN);
    if (!pfn || pt_map(pfn << 12, PAGE_SIZE, PT_R | PT_W))
        return; /* no console: output is lost, exit still works */
    cons.ring = (struct xencons_interface *)(uintptr_t)(pfn << 12);
}

void xen_console_attach(void *ring, uint32_t port)
{
    cons.ring = ring;
    cons.port = port;
}

uint32_t xen_console_port(void)
{
    return cons.ring ? cons.port : 0;
}

static void notify(void)
{
    struct evtchn_send send = {.port = cons.port};

    xen_hypercall_event_channel_op(EVTCHNOP_send, &send);
}

void xen_console_write(const char *buf, size_t len)
{
    struct xencons_interface *r = cons.ring;

    if (boot_info.initdomain) {
        xen_hypercall_console_io(CONSOLEIO_write, len, buf);
        return;
    }
    if (!r)
        return;
    while (len) {
        XENCONS_RING_IDX prod = r->out_prod, cons_ = r->out_cons;
        size_t room = sizeof r->out - (prod - cons_), n = 0;

        if (room == 0) { /* let the backend drain it */
            notify();
            xen_hypercall_sched_op(SCHEDOP_yield, NULL);
            continue;
        }
        for (; n < len && n < room; n++)
            r->out[MASK_XENCONS_IDX(prod + n, r->out)] = buf[n];
        __atomic_thread_fence(__ATOMIC_RELEASE); /* data before index */
        r->out_prod = prod + n;
        notify();
        buf += n;
        len -= n;
    }
}

long xen_console_read(char *buf, size_t len)
{
    struct xencons_interface *r = cons.ring;
    XENCONS_RING_IDX c, p;
    size_t n = 0;

    if (boot_info.initdomain) {
        long got = xen_hypercall_console_io(CONSOLEIO_read, len, buf);

        return got > 0 ? got : -EAGAIN;
    }
    if (!r)
        return -EAGAIN;
    c = r->in_cons;
    p = r->in_prod;
    __atomic_thread_fence(__ATOMIC_ACQUIRE); /* index before data */
    for (; c != p && n < len; c++, n++)
        buf[n] = r->in[MASK_XENCONS_IDX(c, r->in)];
    __atomic_thread_fence(__ATOMIC_RELEASE);
    r->in_cons = c;
    if (n)
        notify();
    return n ? (long)n : -EAGAIN;
}

/* Waits (bounded: one second) until the backend has read everything, so
 * the last lines do not die with the domain. */
void xen_console_flush(void)
{
    uint64_t until = time_xen_system() + 1000000000ull;

    while (cons.ring && cons.ring->out_cons != cons.ring->out_prod &&
           time_xen_system() < until) {
        notify();
        xen_hypercall_sched_op(SCHEDOP_yield, NULL);
    }
}
