/*
 * Who the program is: the only process (pid 1), run by root, on a machine
 * that reports the Linux ABI it implements.
 */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>

#include "../rt.h"
#include "../syscalls.h"

static mode_t umask_bits = 022;

long sys_getpid(void)
{
    return 1;
}

long sys_getppid(void)
{
    return 0;
}

long sys_getuid(void)
{
    return 0;
}

long sys_uname(struct utsname *u)
{
    if (!rt_user_ok(u, sizeof *u))
        return -EFAULT;
    memset(u, 0, sizeof *u);
    strcpy(u->sysname, "Linux"); /* the ABI programs are built for */
    strcpy(u->nodename, "ukcc");
    strcpy(u->release, "6.1.0-ukcc");
    strcpy(u->version, "#1 ukcc");
    strcpy(u->machine, "x86_64");
    strcpy(u->domainname, "(none)");
    return 0;
}

long sys_umask(mode_t mask)
{
    mode_t old = umask_bits;

    umask_bits = mask & 0777;
    return old;
}
