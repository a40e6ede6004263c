/* Turning on the syscall instruction: EFER.SCE, STAR, LSTAR and FMASK. */
#include <string.h>

#include "cpu.h"
#include "xen_x86.h"

/* rflags bits cleared on entry: TF, IF, DF, IOPL, NT, AC (as Linux) */
#define FMASK 0x47700

/* syscall.S: where rt_syscall returns to; the frame lies above */
extern const char syscall_return[];
#define FRAME_WORDS 4 /* saved rbp, return, a6, alignment pad */

void syscall_init(void)
{
    cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_SCE);
    /* syscall loads CS and SS from here; sysret is never used */
    cpu_wrmsr(MSR_STAR, (uint64_t)GDT_CODE << 32);
    cpu_wrmsr(MSR_LSTAR, (uintptr_t)xen_syscall_entry);
    cpu_wrmsr(MSR_FMASK, FMASK);
}

void plat_syscall_regs(struct plat_regs *out)
{
    const uintptr_t *fp = __builtin_frame_address(0);

    /* records lie at rising addresses on one stack; stop at anything else */
    for (int i = 0; fp && i < 256; i++) {
        if (fp[1] == (uintptr_t)syscall_return) {
            *out = *(const struct plat_regs *)(fp + FRAME_WORDS);
            return;
        }
        if (fp[0] <= (uintptr_t)fp || fp[0] % 8)
            break;
        fp = (const uintptr_t *)fp[0];
    }
    memset(out, 0, sizeof *out); /* not inside a syscall */
}
