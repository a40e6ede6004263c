/* PV start: Xen passes start_info; a domU's console ring is an MFN. */
#include "guest.h"

/* The read-only machine-to-phys table every 64-bit PV guest sees. */
#define M2P ((const unsigned long *)0xFFFF800000000000UL)

void pv_main(struct start_info *si)
{
    console.is_dom0 = (si->flags & SIF_INITDOMAIN) != 0;
    if (!console.is_dom0) {
        /* VIRT_BASE is 0, so pseudo-physical page N is mapped at N*4096. */
        unsigned long pfn = M2P[si->console.domU.mfn];
        console.ring = (struct xencons_interface *)(pfn << 12);
        console.port = si->console.domU.evtchn;
    }
    si->cmd_line[sizeof(si->cmd_line) - 1] = 0;
    guest_main("pv", (const char *)si->cmd_line);
}
