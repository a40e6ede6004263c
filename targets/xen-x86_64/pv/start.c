/*
 * The PV start sequence: shared info mapped and events masked first, the
 * command line, console and xenstore from start_info, memory (W^X on
 * Xen's tables), clocks, the virtual IDT, the callbacks and the landing
 * stack, the user page table; then rt builds the program's stack and musl's
 * _start runs in guest user mode, so that its `syscall` instructions reach rt's
 * callback rather than being hypercalls (DESIGN.md section 4).
 */
#include <string.h>

#include "pv.h"

extern void _start(void); /* musl's crt1.o */

struct boot_info boot_info;
struct xen_state xen;
uint64_t boot_entry_tsc __attribute__((section(".data")));
/* the program runs in guest user mode: only a syscall reaches rt */
const bool plat_user_calls_rt = false;

_Noreturn void pv_start(struct start_info *si);

static unsigned char shared_page[PAGE_SIZE] __attribute__((aligned(4096)));

static void map_shared_info(const struct start_info *si)
{
    /* the page's own frame is given up for Xen's shared info */
    if (xen_hypercall_update_va_mapping((uintptr_t)shared_page,
                                        si->shared_info | PV_PTE_RW_NX,
                                        UVMF_INVLPG))
        PANIC("cannot map Xen shared info");
    xen.shared = (struct shared_info *)shared_page;
    xen.shared->vcpu_info[0].evtchn_upcall_mask = 1;
}

/* The program's top-level table is the kernel's own (already pinned):
 * the same mappings in both modes, only the privilege differs. */
static void user_page_table(const struct start_info *si)
{
    struct mmuext_op op = {
        .cmd = MMUEXT_NEW_USER_BASEPTR,
        .arg1.mfn = pv_mfn(si->pt_base >> 12),
    };

    if (xen_hypercall_mmuext_op(&op, 1) < 0)
        PANIC("MMUEXT_NEW_USER_BASEPTR failed");
}

/* A domU's console and xenstore rings: pages of the boot area (mapped
 * by Xen, virtual = pseudo-physical), named by machine frame. */
static void rings(const struct start_info *si)
{
    if (!boot_info.initdomain) {
        xen_console_attach((void *)(PV_M2P[si->console.domU.mfn] << 12),
                           si->console.domU.evtchn);
        if (si->store_mfn)
            xen_xs_attach((void *)(PV_M2P[si->store_mfn] << 12),
                          si->store_evtchn);
    }
    console_init();
}

void pv_start(struct start_info *si)
{
    static struct plat_args args;
    uint32_t mxcsr = 0x1f80; /* the reset value: all exceptions masked */
    uintptr_t sp;

    xen.present = true;
    map_shared_info(si);
    boot_info.initdomain = si->flags & SIF_INITDOMAIN;
    memcpy(boot_info.cmdline, si->cmd_line,
           sizeof si->cmd_line < BOOT_CMDLINE_MAX ? sizeof si->cmd_line
                                                  : BOOT_CMDLINE_MAX - 1);
    boot_info.cmdline[sizeof si->cmd_line - 1] = 0;
    __asm__ volatile("fninit; ldmxcsr %0" ::"m"(mxcsr));
    rings(si); /* early: a panic before the console would try COM1 */
    pv_memory_init(si);
    /* again: the image's W^X mapping gave the page its own frame back */
    map_shared_info(si);
    time_init();
    pv_traps_init();
    cpu_xsave_init(); /* after the traps: Xen emulates it, or refuses */
    pv_events_init();
    user_page_table(si);
    cmdline_split(boot_info.cmdline, &args);
    sp = rt_boot(&args, __ukcc_ehdr, (uintptr_t)_start);
    pv_enter_user((uintptr_t)_start, sp);
}
