/* Self-test guest behaviour: the command line picks one outcome.
 *   exit=N  print UKCC-EXIT: N and shut down   (default N = 0)
 *   crash   take an invalid-opcode fault with no handler installed
 *   hang    spin forever */
#include "guest.h"

static size_t len(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static void puts_(const char *s)
{
    console_write(s, len(s));
}

/* Find a word of the command line starting with prefix; NULL if none. */
static const char *word(const char *cmdline, const char *prefix)
{
    size_t n = len(prefix);
    for (const char *p = cmdline; *p; p++) {
        if (p != cmdline && p[-1] != ' ')
            continue;
        size_t i = 0;
        while (i < n && p[i] == prefix[i])
            i++;
        if (i == n)
            return p + n;
    }
    return 0;
}

static void shutdown(unsigned reason)
{
    struct sched_shutdown s = { .reason = reason };
    hypercall2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, (unsigned long)&s);
}

void guest_main(const char *kind, const char *cmdline)
{
    puts_("ukcc-xen-guest: hello from ");
    puts_(kind);
    puts_(console.is_dom0 ? " dom0\n" : " domU\n");
    puts_("ukcc-xen-guest: cmdline: ");
    puts_(cmdline);
    puts_("\n");

    if (word(cmdline, "crash")) {
        puts_("ukcc-xen-guest: crashing\n");
        console_flush();
        __asm__ volatile("ud2");
    }
    if (word(cmdline, "hang")) {
        puts_("ukcc-xen-guest: hanging\n");
        console_flush();
        for (;;)
            __asm__ volatile("pause");
    }

    unsigned status = 0;
    const char *e = word(cmdline, "exit=");
    while (e && *e >= '0' && *e <= '9')
        status = status * 10 + (unsigned)(*e++ - '0');
    char line[32] = "UKCC-EXIT: ";
    char digits[12];
    int nd = 0;
    do
        digits[nd++] = (char)('0' + status % 10);
    while ((status /= 10) != 0);
    size_t at = len(line);
    while (nd > 0)
        line[at++] = digits[--nd];
    line[at++] = '\n';
    line[at] = 0;
    puts_(line);
    console_flush();

    /* The protocol (README.md): dom0 reboots so QEMU -no-reboot exits. */
    shutdown(console.is_dom0 ? SHUTDOWN_reboot : SHUTDOWN_poweroff);
    for (;;) /* shutdown does not return; be safe if it did */
        shutdown(SHUTDOWN_crash);
}
