/* plat_syscall_regs and plat_syscall_set_rip: the frame of the syscall
 * being handled, for every entry (syscall.S on PVH, pv/syscall.S on PV)
 * that lays struct plat_regs just above rt_syscall's frame record. */
#include <string.h>

#include "xen_x86.h"

/* syscall.S: where rt_syscall returns to; the frame lies above */
extern const char syscall_return[];
#define FRAME_WORDS 4 /* saved rbp, return, a6, alignment pad */

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
