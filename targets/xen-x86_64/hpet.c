/*
 * The HPET of QEMU's PC machines (at 0xfed00000 on pc and q35): the clock
 * when CPUID does not give the TSC frequency, as under TCG, where the
 * guest TSC runs at the host's unannounced rate. Its period register says
 * how long a tick is, so nothing needs calibrating.
 */
#include "cpu.h"
#include "xen_x86.h"

#define HPET_BASE     0xfed00000ul
#define HPET_CAP      0x000
#define HPET_CONFIG   0x010
#define HPET_COUNTER  0x0f0
#define HPET_ENABLE   1
#define MAX_PERIOD_FS 100000000ull /* the spec's limit: 100 ns */

static volatile uint64_t *reg(unsigned int off)
{
    return (volatile uint64_t *)(HPET_BASE + off);
}

/* The tick length in femtoseconds, 0 if there is no HPET. */
uint64_t hpet_init(void)
{
    uint64_t period;

    if (pt_map(HPET_BASE, PAGE_SIZE, PT_R | PT_W | PT_UC))
        return 0;
    period = *reg(HPET_CAP) >> 32;
    if (period == 0 || period > MAX_PERIOD_FS)
        return 0; /* no device answers there (all ones, or zero) */
    *reg(HPET_CONFIG) |= HPET_ENABLE;
    return period;
}

uint64_t hpet_read(void)
{
    return *reg(HPET_COUNTER);
}
