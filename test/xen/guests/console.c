/* Console output: console_io for dom0, the PV console ring for a domU
 * (release builds of Xen refuse console_io writes from a domU). */
#include "guest.h"

struct console console;

static void notify(void)
{
    struct evtchn_send send = { .port = console.port };
    hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
               (unsigned long)&send);
}

static void ring_write(const char *s, size_t n)
{
    volatile struct xencons_interface *r = console.ring;

    while (n > 0) {
        XENCONS_RING_IDX prod = r->out_prod;
        /* Wait for the backend (xenconsoled) while the ring is full. */
        if (prod - r->out_cons >= sizeof(r->out)) {
            notify();
            continue;
        }
        r->out[prod & (sizeof(r->out) - 1)] = *s++;
        n--;
        __asm__ volatile("sfence" ::: "memory"); /* data before index */
        r->out_prod = prod + 1;
    }
    notify();
}

void console_write(const char *s, size_t n)
{
    if (console.ring)
        ring_write(s, n);
    else
        hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, n,
                   (unsigned long)s);
}

/* Give the backend a chance to drain the ring before the domain dies,
 * otherwise the final lines are lost with it. Bounded: no backend (or a
 * dead one) must not turn an exit into a hang. */
void console_flush(void)
{
    volatile struct xencons_interface *r = console.ring;

    for (long i = 0; r && i < 100000000L && r->out_cons != r->out_prod; i++)
        __asm__ volatile("pause");
}
