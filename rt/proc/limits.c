/*
 * Resource limits and sysinfo, from what rt actually has. Three limits are
 * real: RLIMIT_NOFILE bounds the descriptor table (fd/table.c hands out
 * fds below the soft limit and grows up to the hard one), RLIMIT_STACK the main
 * stack as mapped at boot, RLIMIT_AS the page allocator's memory (mem/mmap.c
 * and brk.c refuse to map past the soft limit). The rest are unlimited, as
 * nothing in rt limits them (and nothing enforces a lower value), except that
 * RLIMIT_CORE is 0: there are no core dumps.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>

#include "../rt.h"
#include "../syscalls.h"

static struct rlimit limits[RLIM_NLIMITS];
static bool ready;

static void init(void)
{
    for (int i = 0; i < RLIM_NLIMITS; i++)
        limits[i].rlim_cur = limits[i].rlim_max = RLIM_INFINITY;
    limits[RLIMIT_STACK].rlim_cur = limits[RLIMIT_STACK].rlim_max =
        rt_stack_size();
    limits[RLIMIT_NOFILE].rlim_cur = RT_NOFILE;
    limits[RLIMIT_NOFILE].rlim_max = RT_NOFILE_MAX;
    limits[RLIMIT_AS].rlim_cur = limits[RLIMIT_AS].rlim_max =
        rt_page_total_bytes();
    limits[RLIMIT_CORE].rlim_cur = 0;
    ready = true;
}

uint64_t rt_rlimit(int resource)
{
    if (!ready)
        init();
    return limits[resource].rlim_cur;
}

/*
 * A hard limit only goes down, as for a Linux process without
 * CAP_SYS_RESOURCE, although rt's program is uid 0: the hard limits start
 * at what rt has (the table's most, the stack, the memory), which no privilege
 * can add to, as Linux refuses even root an RLIMIT_NOFILE above
 * fs.nr_open. So raising one (RLIMIT_AS above the memory, say) is EPERM,
 * not accepted and capped: getrlimit never promises what is not there,
 * and a program that asks for more (nginx's worker_rlimit_nofile, Redis
 * raising RLIMIT_NOFILE for maxclients) takes EPERM as an unprivileged
 * one does on Linux, and sizes itself from getrlimit. Lowering is always
 * allowed. A lowered RLIMIT_STACK changes nothing, as on Linux for a
 * stack that has already grown past it: this one is mapped whole at boot.
 */
long sys_prlimit64(pid_t pid, int res, const struct rlimit *new,
                   struct rlimit *old)
{
    struct rlimit want;

    if (!ready)
        init();
    if (pid != 0 && pid != 1)
        return -ESRCH;
    if (res < 0 || res >= RLIM_NLIMITS)
        return -EINVAL;
    if ((new && !rt_user_ok(new, sizeof *new)) ||
        (old && !rt_user_ok(old, sizeof *old)))
        return -EFAULT;
    if (new) {
        want = *new; /* before old is written: they may be one struct */
        if (want.rlim_cur > want.rlim_max)
            return -EINVAL;
        if (want.rlim_max > limits[res].rlim_max)
            return -EPERM;
    }
    if (old)
        *old = limits[res];
    if (new)
        limits[res] = want;
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

static const struct {
    const char *name, *unit;
} rows[RLIM_NLIMITS] = {
    [RLIMIT_CPU] = {"Max cpu time", "seconds"},
    [RLIMIT_FSIZE] = {"Max file size", "bytes"},
    [RLIMIT_DATA] = {"Max data size", "bytes"},
    [RLIMIT_STACK] = {"Max stack size", "bytes"},
    [RLIMIT_CORE] = {"Max core file size", "bytes"},
    [RLIMIT_RSS] = {"Max resident set", "bytes"},
    [RLIMIT_NPROC] = {"Max processes", "processes"},
    [RLIMIT_NOFILE] = {"Max open files", "files"},
    [RLIMIT_MEMLOCK] = {"Max locked memory", "bytes"},
    [RLIMIT_AS] = {"Max address space", "bytes"},
    [RLIMIT_LOCKS] = {"Max file locks", "locks"},
    [RLIMIT_SIGPENDING] = {"Max pending signals", "signals"},
    [RLIMIT_MSGQUEUE] = {"Max msgqueue size", "bytes"},
    [RLIMIT_NICE] = {"Max nice priority", NULL},
    [RLIMIT_RTPRIO] = {"Max realtime priority", NULL},
    [RLIMIT_RTTIME] = {"Max realtime timeout", "us"},
};

static const char *number(char *buf, rlim_t v)
{
    if (v == RLIM_INFINITY)
        return "unlimited";
    snprintf(buf, 21, "%llu", (unsigned long long)v);
    return buf;
}

/* Linux's proc_pid_limits, column for column: every field is padded, so
 * the text is as long whatever the values. */
const char *rt_limits_text(uint64_t *size)
{
    static char text[RLIM_NLIMITS * 80 + 80];
    char cur[21], max[21];
    size_t n;

    if (!ready)
        init();
    n = (size_t)snprintf(text, sizeof text, "%-25s %-20s %-20s %-10s\n",
                         "Limit", "Soft Limit", "Hard Limit", "Units");
    for (int i = 0; i < RLIM_NLIMITS; i++)
        n += (size_t)snprintf(
            text + n, sizeof text - n, "%-25s %-20s %-20s %-*s\n", rows[i].name,
            number(cur, limits[i].rlim_cur), number(max, limits[i].rlim_max),
            rows[i].unit ? 10 : 0, rows[i].unit ? rows[i].unit : "");
    *size = n;
    return text;
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
