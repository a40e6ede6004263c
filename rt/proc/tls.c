/* The thread pointer and the thread bookkeeping musl sets up at start,
 * kept per thread. */
#include <errno.h>

#include "../syscalls.h"
#include "../thread/thread.h"

/* from Linux's asm/prctl.h, which musl does not ship */
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

long sys_arch_prctl(int code, unsigned long addr)
{
    switch (code) {
    case ARCH_SET_FS:
        if (addr >> 47) /* not a canonical user address */
            return -EPERM;
        rt_current->fs = addr;
        plat_tls_set(addr);
        return 0;
    case ARCH_GET_FS:
        if (!rt_user_ok((void *)addr, sizeof(unsigned long)))
            return -EFAULT;
        *(unsigned long *)addr = rt_current->fs;
        return 0;
    default: return -EINVAL;
    }
}

long sys_set_tid_address(int *tidptr)
{
    rt_current->clear_tid = tidptr;
    return rt_current->tid;
}

long sys_set_robust_list(void *head, size_t len)
{
    if (len != 3 * sizeof(long))
        return -EINVAL;
    rt_current->robust_list = head;
    return 0;
}

long sys_gettid(void)
{
    return rt_current->tid;
}
