/*
 * Clocks. On Xen: pvclock from shared info (system time, ns since Xen
 * booted) and Xen's wall clock. Without Xen: the TSC, its frequency from
 * CPUID (leaf 0x15, else 0x16, else the hypervisor timing leaf
 * 0x40000010), never from a timed busy loop; failing that (QEMU TCG) the
 * HPET counter. The wall clock is then the CMOS RTC read once at boot.
 * Monotonic time counts from the entry's first instruction (from
 * time_init with the HPET, which cannot see back to the entry).
 */
#include <stdint.h>
#include <xen/xen.h>

#include "cpu.h"
#include "xen_x86.h"

static struct {
    bool hpet;         /* the source without Xen: HPET, else TSC */
    uint64_t mult;     /* ns = ticks * mult >> 32 (TSC or HPET) */
    uint64_t zero;     /* the HPET count at time_init */
    uint64_t wall0;    /* ns since 1970 at boot_entry_tsc (no Xen) */
    uint64_t xen_zero; /* Xen system time at the entry */
} clk;

static uint64_t tsc_hz(void)
{
    struct cpuid r = cpu_cpuid(0, 0);
    uint32_t max = r.eax;

    if (max >= 0x15) {
        r = cpu_cpuid(0x15, 0);
        if (r.eax && r.ebx && r.ecx)
            return (uint64_t)r.ecx * r.ebx / r.eax;
    }
    if (max >= 0x16 && (r = cpu_cpuid(0x16, 0)).eax)
        return (uint64_t)(r.eax & 0xffff) * 1000000;
    if (cpu_cpuid(0x40000000, 0).eax >= 0x40000010 &&
        (r = cpu_cpuid(0x40000010, 0)).eax)
        return (uint64_t)r.eax * 1000;
    return 0;
}

static uint64_t ticks_to_ns(uint64_t ticks)
{
    return (uint64_t)(((unsigned __int128)ticks * clk.mult) >> 32);
}

static uint64_t pvclock_scale(uint64_t delta, int8_t shift, uint32_t mul)
{
    delta = shift < 0 ? delta >> -shift : delta << shift;
    return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

/* A consistent read of vcpu 0's time record (version odd: being written). */
static uint64_t pvclock(uint64_t *tsc_out)
{
    volatile struct vcpu_time_info *t = &xen.shared->vcpu_info[0].time;
    uint32_t v;
    uint64_t ns, tsc;

    do {
        v = t->version;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        tsc = cpu_rdtsc();
        ns = t->system_time + pvclock_scale(tsc - t->tsc_timestamp,
                                            t->tsc_shift, t->tsc_to_system_mul);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ((v & 1) || v != t->version);
    if (tsc_out)
        *tsc_out = tsc;
    return ns;
}

uint64_t time_xen_system(void)
{
    return pvclock(NULL);
}

void time_init(void)
{
    uint64_t hz, tsc, now;

    if (xen.present) {
        volatile struct vcpu_time_info *t = &xen.shared->vcpu_info[0].time;

        now = pvclock(&tsc);
        clk.xen_zero = now - pvclock_scale(tsc - boot_entry_tsc, t->tsc_shift,
                                           t->tsc_to_system_mul);
        return;
    }
    if ((hz = tsc_hz())) {
        clk.mult = (uint64_t)(((unsigned __int128)1000000000 << 32) / hz);
    } else if ((hz = hpet_init())) { /* hz is the period in fs here */
        clk.mult = (uint64_t)(((unsigned __int128)hz << 32) / 1000000);
        clk.hpet = true;
        clk.zero = hpet_read();
    } else {
        PANIC("no clock: no TSC frequency in CPUID and no HPET");
    }
    now = plat_clock_monotonic();
    clk.wall0 = rtc_read_ns() - now;
}

uint64_t plat_clock_monotonic(void)
{
    if (xen.present)
        return time_xen_system() - clk.xen_zero;
    if (clk.hpet)
        return ticks_to_ns(hpet_read() - clk.zero);
    return ticks_to_ns(cpu_rdtsc() - boot_entry_tsc);
}

uint64_t plat_clock_wall(void)
{
    volatile struct shared_info *s = xen.shared;
    uint32_t v;
    uint64_t sec, nsec;

    if (!xen.present)
        return clk.wall0 + plat_clock_monotonic();
    do {
        v = s->wc_version;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        sec = (uint64_t)s->wc_sec_hi << 32 | s->wc_sec;
        nsec = s->wc_nsec;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ((v & 1) || v != s->wc_version);
    return sec * 1000000000 + nsec + time_xen_system();
}

uint64_t time_to_xen(uint64_t monotonic)
{
    return monotonic + clk.xen_zero;
}
