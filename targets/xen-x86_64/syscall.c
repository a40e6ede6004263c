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

/* The frame of the syscall being handled, found by walking the
 * frame-pointer chain up to syscall.S's call (rt keeps frame pointers):
 * right after thread switches too, since each thread's frames are its own. */
static struct plat_regs *current_frame(void)
{
    uintptr_t *fp = __builtin_frame_address(0);

    /* records lie at rising addresses on one stack; stop at anything else */
    for (int i = 0; fp && i < 256; i++) {
        if (fp[1] == (uintptr_t)syscall_return)
            return (struct plat_regs *)(fp + FRAME_WORDS);
        if (fp[0] <= (uintptr_t)fp || fp[0] % 8)
            break;
        fp = (uintptr_t *)fp[0];
    }
    return NULL; /* not inside a syscall */
}

/* (the frame rt keeps is not needed: the walk finds the current one) */
void plat_syscall_regs(const void *frame, struct plat_regs *out)
{
    struct plat_regs *f = current_frame();

    if (f)
        *out = *f;
    else
        memset(out, 0, sizeof *out);
}

void plat_syscall_set_rip(void *frame, uint64_t rip)
{
    struct plat_regs *f = current_frame();

    if (f)
        f->rip = rip;
}
