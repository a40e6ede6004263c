/*
 * The 8259 pair QEMU's PC has: remapped to IRQ_BASE (its default vectors
 * 8-15 are CPU exceptions), everything masked except what plat_block
 * waits for. QEMU routes it through the local APIC's LINT0 (ExtINT at
 * reset), so no APIC set-up is needed.
 */
#include "cpu.h"
#include "xen_x86.h"

#define PIC1 0x20
#define PIC2 0xa0
#define EOI  0x20

static uint16_t mask = 0xfffb; /* all but the cascade (IRQ 2) */

void pic_init(void)
{
    cpu_outb(PIC1, 0x11); /* ICW1: edge, cascade, ICW4 follows */
    cpu_outb(PIC2, 0x11);
    cpu_outb(PIC1 + 1, IRQ_BASE);
    cpu_outb(PIC2 + 1, IRQ_BASE + 8);
    cpu_outb(PIC1 + 1, 4); /* slave on IRQ 2 */
    cpu_outb(PIC2 + 1, 2);
    cpu_outb(PIC1 + 1, 0x01); /* 8086 mode */
    cpu_outb(PIC2 + 1, 0x01);
    cpu_outb(PIC1 + 1, mask & 0xff);
    cpu_outb(PIC2 + 1, mask >> 8);
}

void pic_unmask(unsigned int irq)
{
    mask &= ~(1u << irq);
    cpu_outb(PIC1 + 1, mask & 0xff);
    cpu_outb(PIC2 + 1, mask >> 8);
}

void pic_eoi(unsigned int irq)
{
    if (irq >= 8)
        cpu_outb(PIC2, EOI);
    cpu_outb(PIC1, EOI);
}
