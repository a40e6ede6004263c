/*
 * PVH start: copy the start info, memory map and command line out of low
 * memory (QEMU puts them in page 0, which the final page tables leave
 * unmapped), then run the common start sequence.
 */
#include <stdint.h>
#include <string.h>

#include <xen/arch-x86/hvm/start_info.h>
#include <xen/xen.h>

#include "../xen_x86.h"

_Noreturn void pvh_start(uint32_t start_info_pa);

static void copy_memmap(const struct hvm_start_info *si)
{
    const struct hvm_memmap_table_entry *e =
        (const void *)(uintptr_t)si->memmap_paddr;
    unsigned int n = si->memmap_entries;

    if (si->version < 1 || !si->memmap_paddr)
        return; /* xen.c asks the hypervisor (XENMEM_memory_map) */
    if (n > BOOT_MEM_MAX)
        n = BOOT_MEM_MAX;
    for (unsigned int i = 0; i < n; i++)
        boot_info.mem[i] = (struct boot_mem){e[i].addr, e[i].size, e[i].type};
    boot_info.nmem = n;
}

void pvh_start(uint32_t start_info_pa)
{
    const struct hvm_start_info *si = (const void *)(uintptr_t)start_info_pa;

    if (si->magic != XEN_HVM_START_MAGIC_VALUE)
        PANIC("PVH start info has a bad magic value");
    if (si->cmdline_paddr) {
        strncpy(boot_info.cmdline, (const char *)(uintptr_t)si->cmdline_paddr,
                BOOT_CMDLINE_MAX - 1);
    }
    boot_info.initdomain = si->flags & SIF_INITDOMAIN;
    copy_memmap(si);
    xen_x86_start();
}
