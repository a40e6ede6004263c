/* lds_target.c - the description of every target's image. */
#include <string.h>

#include "lds_int.h"

/*
 * Note numbers from Xen's public/elfnote.h (Debian libxen-dev).  They are
 * ABI, so they are spelled here rather than taken from a header the build
 * host may lack.
 */
enum {
    XEN_ENTRY = 1,
    XEN_HYPERCALL_PAGE = 2,
    XEN_VIRT_BASE = 3,
    XEN_PADDR_OFFSET = 4,
    XEN_XEN_VERSION = 5,
    XEN_GUEST_OS = 6,
    XEN_LOADER = 8,
    XEN_FEATURES = 10,
    XEN_PHYS32_ENTRY = 18,
};

#define STR(type, name, s)                                                     \
    {                                                                          \
        type, name, s, NULL, LDS_EXPECT_CONST, 0                               \
    }
#define NUM(type, name, expr, expect, v)                                       \
    {                                                                          \
        type, name, NULL, expr, expect, v                                      \
    }

/*
 * PVH needs only PHYS32_ENTRY.  Leaving out XEN_VERSION and LOADER is on
 * purpose: booted as PV by mistake, Xen then refuses the image ("not built
 * for the generic loader") instead of jumping to 32-bit code in long mode.
 * QEMU reads the PHYS32_ENTRY descriptor as 8 bytes for ELF64, Xen accepts
 * 4 or 8: it is always a 64-bit value here.
 */
static const struct lds_note pvh_notes[] = {
    STR(XEN_GUEST_OS, "GUEST_OS", "ukcc"),
    NUM(XEN_PHYS32_ENTRY, "PHYS32_ENTRY", "_ukcc_pvh_start", LDS_EXPECT_ENTRY32,
        0),
};

/*
 * PV: VIRT_BASE and PADDR_OFFSET 0 make virtual = pseudo-physical, so the
 * image at 1 MiB occupies pseudo-physical frames from 256 on; page 0 is
 * not part of the image.  The features are those Xen's own PV test kernels
 * (XTF) ask for.
 */
static const struct lds_note pv_notes[] = {
    STR(XEN_GUEST_OS, "GUEST_OS", "ukcc"),
    STR(XEN_XEN_VERSION, "XEN_VERSION", "xen-3.0"),
    STR(XEN_LOADER, "LOADER", "generic"),
    NUM(XEN_VIRT_BASE, "VIRT_BASE", "0", LDS_EXPECT_CONST, 0),
    NUM(XEN_PADDR_OFFSET, "PADDR_OFFSET", "0", LDS_EXPECT_CONST, 0),
    NUM(XEN_ENTRY, "ENTRY", "_ukcc_pv_start", LDS_EXPECT_ENTRY, 0),
    NUM(XEN_HYPERCALL_PAGE, "HYPERCALL_PAGE", "__ukcc_hypercall_page",
        LDS_EXPECT_PAGE, 0),
    STR(XEN_FEATURES, "FEATURES", "!writable_page_tables|pae_pgdir_above_4gb"),
};

#define MIB (1ULL << 20)

static const struct lds_target targets[] = {
    {
        .name = "posix",
        .summary = "a static Linux executable; lld's default layout",
        .write = lds_write_posix,
        .stack_default = 8 * MIB,
    },
    {
        .name = "xen-pvh",
        .summary = "Xen PVH (and QEMU -kernel) at 1 MiB physical",
        .write = lds_write_xen,
        .load_addr = 1 * MIB,
        .entry = "_ukcc_pvh_start",
        .interp = "/nonexistent/ukcc/xen-pvh",
        .notes = pvh_notes,
        .nnotes = sizeof(pvh_notes) / sizeof(pvh_notes[0]),
        .stack_default = 1 * MIB,
        .copied = 1,
    },
    {
        .name = "xen-pv",
        .summary = "Xen PV at 1 MiB virtual, VIRT_BASE 0",
        .write = lds_write_xen,
        .load_addr = 1 * MIB,
        .entry = "_ukcc_pv_start",
        .interp = "/nonexistent/ukcc/xen-pv",
        .notes = pv_notes,
        .nnotes = sizeof(pv_notes) / sizeof(pv_notes[0]),
        .stack_default = 1 * MIB,
        .copied = 1,
    },
};

const struct lds_target *lds_target_find(const char *name)
{
    size_t i;

    if (!name)
        return NULL;
    for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
        if (strcmp(targets[i].name, name) == 0)
            return &targets[i];
    return NULL;
}

const char *lds_target_name(const struct lds_target *t)
{
    return t->name;
}

int lds_target_copied(const struct lds_target *t)
{
    return t->copied;
}
