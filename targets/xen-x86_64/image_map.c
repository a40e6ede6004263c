/*
 * The image mapped from its own program headers, each loaded segment with
 * exactly its permissions (W^X: the linker script never makes a segment
 * both writable and executable). Both targets use it; pt_map is theirs
 * (pagetable.c on PVH, pv/memory.c through mmu_update on PV).
 */
#include <elf.h>

#include "xen_x86.h"

void image_map(void)
{
    const Elf64_Ehdr *eh = (const void *)__ukcc_ehdr;
    const Elf64_Phdr *ph = (const void *)(__ukcc_ehdr + eh->e_phoff);

    for (int i = 0; i < eh->e_phnum; i++) {
        uintptr_t lo = PAGE_DOWN(ph[i].p_vaddr);
        uintptr_t hi = PAGE_UP(ph[i].p_vaddr + ph[i].p_memsz);
        unsigned int f = 0;

        if (ph[i].p_type != PT_LOAD)
            continue;
        f |= ph[i].p_flags & PF_R ? PT_R : 0;
        f |= ph[i].p_flags & PF_W ? PT_W : 0;
        f |= ph[i].p_flags & PF_X ? PT_X : 0;
        if (pt_map(lo, hi - lo, f))
            PANIC("cannot map the image");
    }
}
