/* Turning on the syscall instruction: EFER.SCE, STAR, LSTAR and FMASK. */
#include "cpu.h"
#include "xen_x86.h"

/* rflags bits cleared on entry: TF, IF, DF, IOPL, NT, AC (as Linux) */
#define FMASK 0x47700

const bool plat_user_calls_rt = true; /* everything runs in ring 0 */

void syscall_init(void)
{
    cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_SCE);
    /* syscall loads CS and SS from here; sysret is never used */
    cpu_wrmsr(MSR_STAR, (uint64_t)GDT_CODE << 32);
    cpu_wrmsr(MSR_LSTAR, (uintptr_t)xen_syscall_entry);
    cpu_wrmsr(MSR_FMASK, FMASK);
}
