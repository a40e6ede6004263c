/*
 * The program's vector and floating-point state (x87, SSE, and with XSAVE
 * whatever the platform enabled: AVX, AVX-512), kept per thread as Linux
 * keeps it. rt never touches these registers (it is built
 * -mgeneral-regs-only), but the program's threads share one CPU: a thread
 * that blocks in a syscall must get its registers back (musl keeps values
 * in xmm registers across a syscall instruction, and MXCSR's rounding mode
 * belongs to the thread), and a signal handler must leave what it
 * interrupted intact. So a thread switch saves the state of the thread
 * that stops and restores that of the one that goes on, and a handler's
 * run is bracketed the same way.
 */
#include <cpuid.h>
#include <string.h>

#include "thread.h"

#define XSAVE_ALIGN 64
#define HEADER_AT   512 /* the XSAVE header, after the legacy region */

static bool use_xsave;
static size_t area_size = 512; /* FXSAVE's */

void rt_fpu_init(void)
{
    unsigned a, b, c, d;

    /* OSXSAVE: the platform (or Linux) set CR4.OSXSAVE and XCR0 */
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE))
        return;
    __cpuid_count(0xd, 0, a, b, c, d);
    area_size = c; /* the standard form for every component the CPU has */
    use_xsave = true;
}

size_t rt_fpu_area_size(void)
{
    return area_size + XSAVE_ALIGN;
}

static void *aligned(void *area)
{
    return (void *)(((uintptr_t)area + XSAVE_ALIGN - 1) & ~(XSAVE_ALIGN - 1));
}

/*
 * XCR0 is read at each save and restore rather than once: what it enables
 * is the platform's to change (a hypervisor may, and under QEMU's nested
 * SVM Xen puts back its own copy of a PVH domU's at every vCPU switch), and
 * XRSTOR faults on a saved component XCR0 no longer enables.
 */
static uint64_t xcr0(void)
{
    uint32_t lo, hi;

    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}

void rt_fpu_save(void *area)
{
    uint8_t *p = aligned(area);
    uint64_t mask;

    if (!use_xsave) {
        __asm__ volatile("fxsave64 %0" : "=m"(*p) : : "memory");
        return;
    }
    mask = xcr0();
    /* XRSTOR faults on a header whose reserved bytes are not zero, and
     * XSAVE writes only its first 8 */
    memset(p + HEADER_AT, 0, 64);
    __asm__ volatile("xsave64 %0"
                     : "=m"(*p)
                     : "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32))
                     : "memory");
}

void rt_fpu_restore(const void *area)
{
    uint8_t *p = aligned((void *)area);
    uint64_t mask, bv;

    if (!use_xsave) {
        __asm__ volatile("fxrstor64 %0" : : "m"(*p) : "memory");
        return;
    }
    mask = xcr0();
    memcpy(&bv, p + HEADER_AT, sizeof bv); /* XSTATE_BV: what was saved */
    bv &= mask;
    memcpy(p + HEADER_AT, &bv, sizeof bv);
    __asm__ volatile("xrstor64 %0"
                     :
                     : "m"(*p), "a"((uint32_t)mask), "d"((uint32_t)(mask >> 32))
                     : "memory");
}
