/* The end of the program: its status goes to the platform. */
#include "../rt.h"
#include "../syscalls.h"

void rt_exit(int status)
{
    plat_exit(status & 0xff);
}

long sys_exit_group(int status)
{
    rt_exit(status);
}
