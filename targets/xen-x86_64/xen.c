/*
 * Xen detection and set-up for an HVM-style guest (PVH): the hypercall
 * page through the MSR CPUID names, and shared info mapped over a page of
 * .bss (XENMAPSPACE_shared_info) for pvclock and event channels, as the
 * grant table's frames are later (XENMAPSPACE_grant_table).
 */
#include <stdint.h>
#include <string.h>

#include <xen/memory.h>
#include <xen/xen.h>

#include "cpu.h"
#include "hypercall.h"
#include "xen_x86.h"

struct xen_state xen;

static unsigned char shared_page[PAGE_SIZE] __attribute__((aligned(4096)));

/* Xen's leaves may sit above another hypervisor's (Viridian at base). */
void xen_detect(void)
{
    for (uint32_t base = 0x40000000; base < 0x40010000; base += 0x100) {
        struct cpuid r = cpu_cpuid(base, 0);
        char sig[13];

        memcpy(sig, &r.ebx, 4);
        memcpy(sig + 4, &r.ecx, 4);
        memcpy(sig + 8, &r.edx, 4);
        sig[12] = 0;
        if (strcmp(sig, "XenVMMXenVMM") == 0 && r.eax >= base + 2) {
            xen.present = true;
            xen.cpuid_base = base;
            return;
        }
    }
}

/* The start info may come without a memory map: ask Xen for it. */
static void memory_map(void)
{
    static struct {
        uint64_t addr, size;
        uint32_t type;
    } __attribute__((packed)) e820[BOOT_MEM_MAX];
    struct xen_memory_map map = {.nr_entries = BOOT_MEM_MAX};

    set_xen_guest_handle(map.buffer, e820);
    if (xen_hypercall_memory_op(XENMEM_memory_map, &map) < 0)
        PANIC("no memory map (start info or XENMEM_memory_map)");
    for (unsigned int i = 0; i < map.nr_entries; i++)
        boot_info.mem[i] =
            (struct boot_mem){e820[i].addr, e820[i].size, e820[i].type};
    boot_info.nmem = map.nr_entries;
}

void xen_init(void)
{
    struct cpuid r = cpu_cpuid(xen.cpuid_base + 2, 0);
    struct xen_add_to_physmap add = {
        .domid = DOMID_SELF,
        .space = XENMAPSPACE_shared_info,
        .idx = 0,
        .gpfn = (uintptr_t)shared_page >> 12,
    };

    /* ebx names the MSR; writing a page's address fills it with stubs */
    cpu_wrmsr(r.ebx, (uintptr_t)__ukcc_hypercall_page);
    if (xen_hypercall_memory_op(XENMEM_add_to_physmap, &add) < 0)
        PANIC("cannot map Xen shared info");
    xen.shared = (struct shared_info *)shared_page;
    if (boot_info.nmem == 0)
        memory_map();
}

int xen_gnttab_map(void *table, unsigned int frames)
{
    for (unsigned int i = 0; i < frames; i++) {
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
    return 0;
}
