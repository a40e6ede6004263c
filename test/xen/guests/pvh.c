/* PVH start: set up the hypercall page, then find the console. */
#include "guest.h"
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/arch-x86/hvm/start_info.h>

static void cpuid(uint32_t leaf, uint32_t r[4])
{
    __asm__ volatile("cpuid"
                     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                     : "a"(leaf), "c"(0));
}

/* Xen's CPUID leaves may sit at 0x40000000 or 0x100 steps above (when
 * Viridian leaves come first); leaf base+2 names the hypercall MSR. */
static void hypercall_page_init(void)
{
    for (uint32_t base = 0x40000000; base < 0x40010000; base += 0x100) {
        uint32_t r[4];
        cpuid(base, r);
        if (r[1] == 0x566e6558 && r[2] == 0x65584d4d && r[3] == 0x4d4d566e) {
            cpuid(base + 2, r);
            uint64_t pa = (uint64_t)(uintptr_t)hypercall_page;
            __asm__ volatile("wrmsr" ::"c"(r[1]), "a"((uint32_t)pa),
                             "d"((uint32_t)(pa >> 32)));
            return;
        }
    }
    for (;;) /* not on Xen: nothing to report to */
        __asm__ volatile("hlt");
}

static uint64_t param(uint32_t index)
{
    struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
    if (hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, (unsigned long)&p))
        return 0;
    return p.value;
}

/* Paging is an identity map of the low 4 GiB (pvh.S), which covers the
 * console page the toolstack puts just below 4 GiB. */
void pvh_main(uint32_t start_info_pa)
{
    const struct hvm_start_info *si =
        (const struct hvm_start_info *)(uintptr_t)start_info_pa;

    hypercall_page_init();
    uint64_t pfn = param(HVM_PARAM_CONSOLE_PFN);
    if (pfn) {
        console.ring = (struct xencons_interface *)(uintptr_t)(pfn << 12);
        console.port = (evtchn_port_t)param(HVM_PARAM_CONSOLE_EVTCHN);
    } else {
        console.is_dom0 = 1; /* only dom0 has no console ring */
    }
    const char *cmdline = si->cmdline_paddr
        ? (const char *)(uintptr_t)si->cmdline_paddr : "";
    guest_main("pvh", cmdline);
}
