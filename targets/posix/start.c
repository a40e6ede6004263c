/* Start-up of a hosted image, called from start.S on Linux's stack. */
#include <stdbool.h>
#include <string.h>

#include "posix.h"

extern const char __ukcc_ehdr[];
extern void _start(void); /* musl's crt1.o */

uintptr_t posix_start(long *sp);

static bool passthrough(char **envp)
{
    for (char **e = envp; *e; e++)
        if (strcmp(*e, "UKCC_PASSTHROUGH=1") == 0)
            return true;
    return false;
}

uintptr_t posix_start(long *sp)
{
    struct plat_args args = {
        .argc = (int)sp[0],
        .argv = (char **)(sp + 1),
        .envp = (char **)(sp + 1 + sp[0] + 1),
    };
    uintptr_t stack;
    int err;

    if (passthrough(args.envp))
        return (uintptr_t)sp;
    posix_envp = args.envp;
    posix_fault_reports();
    stack = rt_boot(&args, __ukcc_ehdr, (uintptr_t)_start);
    err = posix_dispatch_enable();
    if (err) {
        static const char msg[] =
            "ukcc: hosted mode needs Syscall User Dispatch (Linux 5.11+)\n";

        plat_console_write(msg, sizeof msg - 1);
        plat_exit(255);
    }
    return stack;
}
