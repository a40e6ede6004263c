/* SSE for the program: musl and compiled code use xmm registers freely
 * (PVH; a PV guest gets it from Xen). Then AVX where the CPU has it. */
#include "cpu.h"
#include "xen_x86.h"

void cpu_sse_init(void)
{
    uint64_t cr0, cr4;
    uint32_t mxcsr = 0x1f80; /* the reset value: all exceptions masked */

    __asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
    cr0 = (cr0 & ~CR0_EM) | CR0_MP;
    __asm__ volatile("mov %0, %%cr0" ::"r"(cr0));
    __asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
    cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
    __asm__ volatile("mov %0, %%cr4" ::"r"(cr4));
    cpu_xsave_init();
    __asm__ volatile("fninit; ldmxcsr %0" ::"m"(mxcsr));
}
