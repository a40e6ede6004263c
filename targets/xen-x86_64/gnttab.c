/*
 * The grant table (version 1): how this domain lets a backend reach its
 * pages. The table's frames are mapped over pages of .bss, as shared info
 * is (xen_gnttab_map: xen.c on PVH, pv/gnttab.c on PV), and an entry names
 * a page by the frame Xen knows it by (xen_frame: the machine frame on
 * PV). Grants are handed out once and never revoked: the only user, netfront,
 * keeps its rings and buffers for the life of the program. Entries below
 * GNTTAB_NR_RESERVED_ENTRIES belong to the toolstack (console, xenstore).
 */
#include <errno.h>
#include <stdint.h>

#include <xen/grant_table.h>
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

int xen_gnttab_grant(uint16_t domid, const void *page, bool readonly)
{
    grant_entry_v1_t *e;
    int rc;

    if (!gnt.mapped) {
        if ((rc = xen_gnttab_map(table, FRAMES)) < 0)
            return rc;
        gnt.mapped = true;
    }
    if (gnt.next >= ENTRIES)
        return -ENOSPC;
    e = &table[gnt.next];
    e->domid = domid;
    e->frame = (uint32_t)xen_frame(page);
    /* the backend may use the entry as soon as flags say so */
    __atomic_store_n(
        &e->flags,
        (uint16_t)(GTF_permit_access | (readonly ? GTF_readonly : 0)),
        __ATOMIC_RELEASE);
    return (int)gnt.next++;
}
