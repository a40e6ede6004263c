/*
 * prctl: the options daemons set on themselves. The thread's name (what
 * pthread_setname_np and Redis's thread titles set) is kept per thread as
 * Linux keeps comm; the flags that only matter to a kernel with other
 * processes or privileges are remembered and read back, so that a program
 * sees what it set. Anything else is EINVAL, Linux's answer to an option
 * it does not know.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "../rt.h"
#include "../syscalls.h"
#include "../thread/thread.h"

static int death_signal, dumpable = 1, keep_caps, subreaper, no_new_privs;
static unsigned long timer_slack = 50000; /* ns: Linux's default */

/* PR_GET_*: the value written to user memory, as Linux does for these */
static long put_int(unsigned long addr, int v)
{
    if (!rt_user_ok((void *)addr, sizeof v))
        return -EFAULT;
    *(int *)addr = v;
    return 0;
}

static long flag(int *where, unsigned long v)
{
    if (v > 1)
        return -EINVAL;
    *where = (int)v;
    return 0;
}

long sys_prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4,
               unsigned long a5)
{
    switch (option) {
    case PR_SET_NAME:
        if (!rt_user_ok((void *)a2, 1))
            return -EFAULT;
        /* up to 15 bytes are taken, the rest cut, as on Linux */
        memset(rt_current->name, 0, sizeof rt_current->name);
        for (size_t i = 0; i + 1 < sizeof rt_current->name; i++) {
            if (!rt_user_ok((const char *)a2 + i, 1))
                return -EFAULT;
            if (!(rt_current->name[i] = ((const char *)a2)[i]))
                break;
        }
        return 0;
    case PR_GET_NAME:
        if (!rt_user_ok((void *)a2, sizeof rt_current->name))
            return -EFAULT;
        memcpy((void *)a2, rt_current->name, sizeof rt_current->name);
        return 0;
    case PR_SET_PDEATHSIG: /* the parent is the host: it never dies first */
        if (a2 >= _NSIG)
            return -EINVAL;
        death_signal = (int)a2;
        return 0;
    case PR_GET_PDEATHSIG: return put_int(a2, death_signal);
    case PR_SET_DUMPABLE: return flag(&dumpable, a2);
    case PR_GET_DUMPABLE: return dumpable;
    case PR_SET_KEEPCAPS: return flag(&keep_caps, a2);
    case PR_GET_KEEPCAPS: return keep_caps;
    case PR_SET_CHILD_SUBREAPER: return flag(&subreaper, a2 != 0);
    case PR_GET_CHILD_SUBREAPER: return put_int(a2, subreaper);
    case PR_SET_NO_NEW_PRIVS: /* one way: it cannot be cleared */
        if (a2 != 1 || a3 || a4 || a5)
            return -EINVAL;
        no_new_privs = 1;
        return 0;
    case PR_GET_NO_NEW_PRIVS:
        return a2 || a3 || a4 || a5 ? -EINVAL : no_new_privs;
    case PR_SET_TIMERSLACK: timer_slack = a2 ? a2 : 50000; return 0;
    case PR_GET_TIMERSLACK: return (long)timer_slack;
    default: return -EINVAL;
    }
}
