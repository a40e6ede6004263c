/* The PIT's channel 0 as a one-shot (mode 0): IRQ 0 after up to 55 ms. */
#include "cpu.h"
#include "xen_x86.h"

#define PIT_HZ  1193182ull
#define PIT_CH0 0x40
#define PIT_CMD 0x43

void pit_oneshot(uint64_t ns)
{
    uint64_t ticks = ns * PIT_HZ / 1000000000ull;

    if (ticks < 1)
        ticks = 1;
    if (ticks > 0xffff)
        ticks = 0xffff;
    cpu_outb(PIT_CMD, 0x30); /* channel 0, low then high byte, mode 0 */
    cpu_outb(PIT_CH0, ticks & 0xff);
    cpu_outb(PIT_CH0, ticks >> 8);
}
