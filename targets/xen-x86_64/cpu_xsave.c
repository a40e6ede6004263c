/*
 * The AVX and AVX-512 state the CPU has, for the program: a program built
 * with -mavx2 or -march=native must not meet #UD at its first ymm
 * instruction. On PVH the CR4 write and XSETBV are the CPU's; a PV guest
 * kernel's are emulated by Xen, which keeps XCR0 per vCPU. rt saves
 * whatever XCR0 enables, per thread (rt/thread/fpu.c).
 */
#include "cpu.h"
#include "xen_x86.h"

/* The components of XCR0 the CPU supports that rt saves: no MPX, PKRU or
 * AMX (AMX's 8 KiB of tiles would need Linux's arch_prctl permission). */
static uint64_t xcr0_wanted(void)
{
    uint32_t have = cpu_cpuid(0xd, 0).eax;
    uint64_t xcr0 = XCR0_X87 | XCR0_SSE;

    if (have & XCR0_AVX) {
        xcr0 |= XCR0_AVX;
        if ((have & XCR0_AVX512) == XCR0_AVX512)
            xcr0 |= XCR0_AVX512;
    }
    return xcr0;
}

void cpu_xsave_init(void)
{
    uint64_t cr4;

    if (!(cpu_cpuid(1, 0).ecx & CPUID1_ECX_XSAVE))
        return;
    __asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
    __asm__ volatile("mov %0, %%cr4" ::"r"(cr4 | CR4_OSXSAVE));
    cpu_xsetbv(0, xcr0_wanted());
}
