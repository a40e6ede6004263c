/* x86-64 instructions the platform needs, as typed inline helpers. */
#ifndef XEN_X86_CPU_H
#define XEN_X86_CPU_H

#include <stdint.h>

#define MSR_EFER    0xc0000080
#define MSR_STAR    0xc0000081
#define MSR_LSTAR   0xc0000082
#define MSR_FMASK   0xc0000084
#define MSR_FS_BASE 0xc0000100

#define EFER_SCE (1u << 0)

#define CR0_MP         (1ul << 1)
#define CR0_EM         (1ul << 2)
#define CR4_OSFXSR     (1ul << 9)
#define CR4_OSXMMEXCPT (1ul << 10)
#define CR4_OSXSAVE    (1ul << 18)

#define CPUID1_ECX_XSAVE (1u << 26)

/* XCR0's state components: x87, SSE, AVX, and AVX-512's three */
#define XCR0_X87    (1u << 0)
#define XCR0_SSE    (1u << 1)
#define XCR0_AVX    (1u << 2)
#define XCR0_AVX512 (7u << 5) /* opmask, ZMM_Hi256, Hi16_ZMM: all or none */

struct cpuid {
    uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid cpu_cpuid(uint32_t leaf, uint32_t sub)
{
    struct cpuid r;

    __asm__ volatile("cpuid"
                     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
                     : "a"(leaf), "c"(sub));
    return r;
}

static inline void cpu_xsetbv(uint32_t xcr, uint64_t value)
{
    __asm__ volatile("xsetbv" ::"c"(xcr), "a"((uint32_t)value),
                     "d"((uint32_t)(value >> 32)));
}

static inline uint64_t cpu_rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return (uint64_t)hi << 32 | lo;
}

static inline void cpu_wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v),
                     "d"((uint32_t)(v >> 32))
                     : "memory");
}

static inline uint64_t cpu_rdtsc(void)
{
    uint32_t lo, hi;

    /* lfence: the read must not move above earlier loads (monotonicity) */
    __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
    return (uint64_t)hi << 32 | lo;
}

static inline void cpu_outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port));
}

static inline void cpu_outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" ::"a"(v), "Nd"(port));
}

static inline uint8_t cpu_inb(uint16_t port)
{
    uint8_t v;

    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint64_t cpu_cr2(void)
{
    uint64_t v;

    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline void cpu_set_cr3(uint64_t v)
{
    __asm__ volatile("mov %0, %%cr3" ::"r"(v) : "memory");
}

static inline void cpu_invlpg(uintptr_t va)
{
    __asm__ volatile("invlpg (%0)" ::"r"(va) : "memory");
}

static inline void cpu_pause(void)
{
    __asm__ volatile("pause" ::: "memory");
}

#endif
