/* plat_entropy from the CPU: RDSEED (a true seed), else RDRAND. */
#include <errno.h>
#include <string.h>

#include "cpu.h"
#include "xen_x86.h"

#define RETRIES 100 /* both may fail transiently when drained */

static bool has_rdseed(void)
{
    return cpu_cpuid(0, 0).eax >= 7 && (cpu_cpuid(7, 0).ebx & (1u << 18));
}

static bool has_rdrand(void)
{
    return cpu_cpuid(1, 0).ecx & (1u << 30);
}

static bool word(bool seed, uint64_t *out)
{
    for (int i = 0; i < RETRIES; i++) {
        unsigned char ok;

        if (seed)
            __asm__ volatile("rdseed %0; setc %1" : "=r"(*out), "=qm"(ok));
        else
            __asm__ volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok));
        if (ok)
            return true;
    }
    return false;
}

int plat_entropy(void *buf, size_t len)
{
    bool seed = has_rdseed();
    unsigned char *p = buf;

    if (!seed && !has_rdrand())
        return -EIO;
    while (len) {
        uint64_t w;
        size_t n = len < sizeof w ? len : sizeof w;

        if (!word(seed, &w) && !(seed && has_rdrand() && word(false, &w)))
            return -EIO;
        memcpy(p, &w, n);
        p += n;
        len -= n;
    }
    return 0;
}
