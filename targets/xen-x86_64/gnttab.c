/*
 * The grant table (version 1): how this domain lets a backend reach its
 * pages. On PVH the table's frames are mapped with XENMEM_add_to_physmap
 * (XENMAPSPACE_grant_table) over pages of .bss, as shared info is. Grants
 * are handed out once and never revoked: the only user, netfront, keeps
 * its rings and buffers for the life of the program. Entries below
 * GNTTAB_NR_RESERVED_ENTRIES belong to the toolstack (console, xenstore).
 */
#include <errno.h>
#include <stdint.h>

#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/xen.h>

#include "hypercall.h"
#include "xen_x86.h"

#define FRAMES  2 /* 1,024 entries: two rings and 64 buffers need 66 */
#define ENTRIES (FRAMES * PAGE_SIZE / sizeof(grant_entry_v1_t))

static grant_entry_v1_t table[ENTRIES] __attribute__((aligned(4096)));

static struct {
    bool mapped;
    grant_ref_t next;
} gnt = {.next = GNTTAB_NR_RESERVED_ENTRIES};

static int map_frames(void)
{
    for (unsigned int i = 0; i < FRAMES; i++) {
        struct xen_add_to_physmap add = {
            .domid = DOMID_SELF,
            .space = XENMAPSPACE_grant_table,
            .idx = i,
            .gpfn = ((uintptr_t)table >> 12) + i,
        };
        long rc = xen_hypercall_memory_op(XENMEM_add_to_physmap, &add);

        if (rc < 0)
            return (int)rc;
    }
    gnt.mapped = true;
    return 0;
}

int xen_gnttab_grant(uint16_t domid, const void *page, bool readonly)
{
    grant_entry_v1_t *e;
    int rc;

    if (!gnt.mapped && (rc = map_frames()) < 0)
        return rc;
    if (gnt.next >= ENTRIES)
        return -ENOSPC;
    e = &table[gnt.next];
    e->domid = domid;
    e->frame = (uint32_t)((uintptr_t)page >> 12);
    /* the backend may use the entry as soon as flags say so */
    __atomic_store_n(
        &e->flags,
        (uint16_t)(GTF_permit_access | (readonly ? GTF_readonly : 0)),
        __ATOMIC_RELEASE);
    return (int)gnt.next++;
}
