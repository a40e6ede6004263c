/* plat_tls_set: the FS base is the thread pointer (musl's %fs:0). */
#include "cpu.h"
#include "xen_x86.h"

void plat_tls_set(uintptr_t fs)
{
    cpu_wrmsr(MSR_FS_BASE, fs);
}
