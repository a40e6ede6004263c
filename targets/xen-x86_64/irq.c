/*
 * Where PVH's IDT sends every vector (traps.S): CPU exceptions are
 * reported (trap.c); Xen's event upcall goes to evtchn.c; PIC interrupts,
 * which only wake plat_block from hlt without Xen, to their handlers
 * (pit.c, com1.c).
 */
#include "cpu.h"
#include "xen_x86.h"

void trap_dispatch(struct trap_frame *f);

static void (*irq_handlers[16])(void);

void trap_irq_set(unsigned int irq, void (*fn)(void))
{
    irq_handlers[irq] = fn;
}

void trap_dispatch(struct trap_frame *f)
{
    unsigned int irq = f->vector - IRQ_BASE;

    if (f->vector < IRQ_BASE)
        trap_report(f, cpu_cr2());
    if (f->vector == XEN_UPCALL_VECTOR) {
        xen_evtchn_upcall(&f->rip);
        return;
    }
    if (irq < 16) {
        if (irq_handlers[irq])
            irq_handlers[irq]();
        pic_eoi(irq);
    }
}
