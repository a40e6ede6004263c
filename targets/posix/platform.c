/*
 * The platform interface for a Linux process, over raw host syscalls (the
 * only ones Syscall User Dispatch lets through): the console is stdin and
 * stdout, time is the host's clocks, memory one large host mapping.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <time.h>

#include "posix.h"

#define ARCH_SET_FS 0x1002
#define ARENA_MIN   (64UL << 20)
#define ARENA_SLACK (64UL << 20) /* under RLIMIT_AS: the image, host stack */

/* Set when rt asked for console input and none had come: only then is
 * stdin worth waking up for (a pipe holding unread data is always
 * "ready", and would turn every sleep into a busy loop). */
static bool input_wanted;

const bool plat_user_calls_rt = true; /* one Linux thread, one privilege */

void plat_console_write(const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        long n = HOST3(SYS_write, 1, p, len);

        if (n == -EINTR || n == -EAGAIN)
            continue;
        if (n <= 0)
            return; /* stdout is gone: there is no one left to tell */
        p += n;
        len -= (size_t)n;
    }
}

long plat_console_read(void *buf, size_t len)
{
    struct pollfd in = {.fd = 0, .events = POLLIN};
    long n = HOST3(SYS_poll, &in, 1, 0);

    input_wanted = n == 0;
    if (n <= 0)
        return n == 0 ? -EAGAIN : n;
    n = HOST3(SYS_read, 0, buf, len);
    return n == -EINTR ? -EAGAIN : n;
}

static uint64_t host_clock(clockid_t clk)
{
    struct timespec ts;

    HOST2(SYS_clock_gettime, clk, &ts);
    return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

uint64_t plat_clock_monotonic(void)
{
    return host_clock(CLOCK_MONOTONIC);
}

uint64_t plat_clock_wall(void)
{
    return host_clock(CLOCK_REALTIME);
}

/* Sleeps in the host until the deadline, console input or a frame. */
void plat_block(uint64_t deadline)
{
    struct pollfd in[2];
    uint64_t now = plat_clock_monotonic(), wait;
    struct timespec ts;
    unsigned n = 0;

    if (deadline <= now)
        return;
    if (input_wanted)
        in[n++] = (struct pollfd){.fd = 0, .events = POLLIN};
    if (posix_tap_fd() >= 0)
        in[n++] = (struct pollfd){.fd = posix_tap_fd(), .events = POLLIN};
    wait = deadline - now;
    if (wait > 1000000000ULL * 1000000) /* "forever" fits a timespec */
        wait = 1000000000ULL * 1000000;
    ts.tv_sec = (time_t)(wait / 1000000000);
    ts.tv_nsec = (long)(wait % 1000000000);
    HOST4(SYS_ppoll, n ? in : NULL, n, &ts, NULL);
}

void plat_exit(int status)
{
    for (;;)
        HOST1(SYS_exit_group, status);
}

/*
 * rt's memory is one reservation of address space whose pages the host
 * makes resident only when touched (MAP_NORESERVE), so its size costs
 * nothing and should bound nothing a Linux process is not bounded by: it
 * is as large as the machine's RAM, less if RLIMIT_AS says so. A fixed
 * 1 GiB here once refused hosted httpd's 8,900th idle connection with
 * 158 MiB "free" in holes. A host that will not reserve that much
 * (vm.overcommit_memory = 2 ignores MAP_NORESERVE) is asked for half as
 * much, down to ARENA_MIN.
 */
static size_t arena_size(void)
{
    struct sysinfo si;
    struct rlimit as;
    size_t size = 1UL << 30; /* if the host will not say */

    if (HOST1(SYS_sysinfo, &si) == 0)
        size = (size_t)si.totalram * (si.mem_unit ? si.mem_unit : 1);
    if (HOST2(SYS_getrlimit, RLIMIT_AS, &as) == 0 &&
        as.rlim_cur != RLIM_INFINITY) {
        size_t room = as.rlim_cur > ARENA_SLACK ? as.rlim_cur - ARENA_SLACK : 0;
        if (room < size)
            size = room;
    }
    return size < ARENA_MIN ? ARENA_MIN : size & ~4095UL;
}

void plat_memory(struct plat_region *heap)
{
    size_t size = arena_size();
    long base;

    for (;;) {
        base = HOST6(SYS_mmap, NULL, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (base >= 0 || base <= -4096 || size / 2 < ARENA_MIN)
            break;
        size = size / 2 & ~4095UL;
    }
    if (base < 0 && base > -4096) {
        static const char msg[] = "ukcc: cannot reserve memory\n";

        plat_console_write(msg, sizeof msg - 1);
        plat_exit(255);
    }
    heap->base = (uintptr_t)base;
    heap->size = size;
    heap->zeroed = true; /* the host's fresh anonymous memory */
}

/* MADV_DONTNEED on private anonymous memory drops the pages: the next
 * touch faults in a zero page, as after a fresh mmap. */
int plat_mem_discard(uintptr_t addr, size_t len)
{
    return (int)HOST3(SYS_madvise, addr, len, MADV_DONTNEED);
}

int plat_mem_protect(uintptr_t addr, size_t len, int prot)
{
    return (int)HOST3(SYS_mprotect, addr, len, prot);
}

int plat_entropy(void *buf, size_t len)
{
    unsigned char *p = buf;

    while (len > 0) {
        long n = HOST3(SYS_getrandom, p, len, 0);

        if (n == -EINTR)
            continue;
        if (n <= 0)
            return -EIO;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

void plat_tls_set(uintptr_t fs)
{
    HOST2(SYS_arch_prctl, ARCH_SET_FS, fs);
}
