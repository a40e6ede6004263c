/* The IDT: 256 interrupt gates, each on an IST stack (see gdt.c). */
#include "xen_x86.h"

struct gate {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, reserved;
};

extern char trap_stubs[]; /* traps.S: 16 bytes per vector */

static struct gate idt[256] __attribute__((aligned(16)));

static unsigned int ist_for(unsigned int vec)
{
    switch (vec) {
    case 2: return IST_NMI;
    case 8: return IST_DF;
    case 18: return IST_MC;
    default: return vec < IRQ_BASE ? IST_FAULT : IST_IRQ;
    }
}

void idt_init(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) ptr = {sizeof idt - 1, (uintptr_t)idt};

    for (unsigned int v = 0; v < 256; v++) {
        uintptr_t a = (uintptr_t)trap_stubs + 16 * v;

        idt[v] = (struct gate){
            .off_lo = a & 0xffff,
            .sel = GDT_CODE,
            .ist = ist_for(v),
            .type = 0x8e, /* present, ring 0, interrupt gate (IF off) */
            .off_mid = (a >> 16) & 0xffff,
            .off_hi = a >> 32,
        };
    }
    __asm__ volatile("lidt %0" ::"m"(ptr));
}
