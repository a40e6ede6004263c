/* Resource limits and sysinfo, from what rt actually has. */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>

#include "../rt.h"
#include "../syscalls.h"

extern const unsigned long long __ukcc_stack_size;

static struct rlimit limits[RLIM_NLIMITS];
static bool ready;

static void init(void)
{
    for (int i = 0; i < RLIM_NLIMITS; i++)
        limits[i].rlim_cur = limits[i].rlim_max = RLIM_INFINITY;
    limits[RLIMIT_STACK].rlim_cur = __ukcc_stack_size;
    limits[RLIMIT_NOFILE].rlim_cur = limits[RLIMIT_NOFILE].rlim_max = RT_NOFILE;
    limits[RLIMIT_AS].rlim_cur = limits[RLIMIT_AS].rlim_max =
        rt_page_total_bytes();
    limits[RLIMIT_CORE].rlim_cur = 0;
    ready = true;
}

long sys_prlimit64(pid_t pid, int res, const struct rlimit *new,
                   struct rlimit *old)
{
    if (!ready)
        init();
    if (pid != 0 && pid != 1)
        return -ESRCH;
    if (res < 0 || res >= RLIM_NLIMITS)
        return -EINVAL;
    if ((new && !rt_user_ok(new, sizeof *new)) ||
        (old && !rt_user_ok(old, sizeof *old)))
        return -EFAULT;
    if (new &&
        (new->rlim_cur > new->rlim_max || new->rlim_max > limits[res].rlim_max))
        return new->rlim_cur > new->rlim_max ? -EINVAL : -EPERM;
    if (old)
        *old = limits[res];
    if (new)
        limits[res] = *new;
    return 0;
}

long sys_getrlimit(int res, struct rlimit *rl)
{
    return sys_prlimit64(0, res, NULL, rl);
}

long sys_setrlimit(int res, const struct rlimit *rl)
{
    return sys_prlimit64(0, res, rl, NULL);
}

long sys_sysinfo(struct sysinfo *si)
{
    if (!rt_user_ok(si, sizeof *si))
        return -EFAULT;
    memset(si, 0, sizeof *si);
    si->uptime = (long)(plat_clock_monotonic() / 1000000000);
    si->totalram = rt_page_total_bytes();
    si->freeram = rt_page_free_bytes();
    si->procs = 1;
    si->mem_unit = 1;
    return 0;
}
