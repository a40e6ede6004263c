/*
 * plat_exit. The last console line is always "UKCC-EXIT: <status>" (the
 * protocol test/xen/README.md defines), then: on Xen SCHEDOP_shutdown
 * (reboot as dom0, so QEMU -no-reboot exits; poweroff as a domU); without
 * Xen the isa-debug-exit device at port 0xf4, which makes QEMU exit with
 * (status << 1) | 1 -- only 7 bits survive the host's 8-bit exit code, so
 * runners take the status from the UKCC-EXIT line (test/boot/run-qemu.sh).
 */
#include <stdint.h>
#include <xen/sched.h>
#include <xen/xen.h>

#include "cpu.h"
#include "hypercall.h"
#include "xen_x86.h"

#define DEBUG_EXIT_PORT 0xf4
#define KBD_COMMAND     0x64
#define KBD_RESET       0xfe

void plat_exit(int status)
{
    status &= 0xff;
    kprintf("UKCC-EXIT: %d\n", status);
    if (xen.present) {
        struct sched_shutdown s = {
            .reason =
                boot_info.initdomain ? SHUTDOWN_reboot : SHUTDOWN_poweroff,
        };

        xen_console_flush();
        xen_hypercall_sched_op(SCHEDOP_shutdown, &s);
    } else {
        cpu_outl(DEBUG_EXIT_PORT, status);
        /* no debug-exit device: reset (QEMU -no-reboot then exits) */
        cpu_outb(KBD_COMMAND, KBD_RESET);
    }
    for (;;)
        __asm__ volatile("cli; hlt");
}
