/*
 * The grant table's frames on PV: GNTTABOP_setup_table names them (machine
 * frames), and each is mapped over its page of the table in .bss, whose
 * own frame is given up, as shared info's is (start.c).
 */
#include <stdint.h>

#include <xen/grant_table.h>

#include "pv.h"

#define MAX_FRAMES 16

int xen_gnttab_map(void *table, unsigned int frames)
{
    xen_pfn_t mfn[MAX_FRAMES];
    struct gnttab_setup_table setup = {.dom = DOMID_SELF, .nr_frames = frames};
    long rc;

    if (frames > MAX_FRAMES)
        return -EINVAL;
    set_xen_guest_handle(setup.frame_list, mfn);
    rc = xen_hypercall_grant_table_op(GNTTABOP_setup_table, &setup, 1);
    if (rc < 0)
        return (int)rc;
    if (setup.status != GNTST_okay)
        return -EIO;
    for (unsigned int i = 0; i < frames; i++) {
        uintptr_t va = (uintptr_t)table + i * PAGE_SIZE;

        rc = xen_hypercall_update_va_mapping(va, mfn[i] << 12 | PV_PTE_RW_NX,
                                             UVMF_INVLPG);
        if (rc < 0)
            return (int)rc;
    }
    return 0;
}
