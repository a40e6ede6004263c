/*
 * A stand-in for rt, for the boot tests: just enough of rt_boot and
 * rt_syscall for musl's start-up, printf and exit. The real rt (rt/) does
 * all of this properly; these tests check the platform layer only.
 */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>

#include "rt/platform.h"

#define PAGE  4096ul
#define STACK (256 * 1024ul)

static uintptr_t next, end; /* mmap: a bump allocator over plat_memory */

static uintptr_t take(size_t len)
{
    uintptr_t p = next;

    len = (len + PAGE - 1) & ~(PAGE - 1);
    if (len > end - next)
        return 0;
    next += len;
    return p;
}

uintptr_t rt_boot(const struct plat_args *args, const void *ehdr,
                  uintptr_t entry)
{
    const Elf64_Ehdr *eh = ehdr;
    struct plat_region heap;
    uintptr_t guard, sp;
    unsigned long *v;
    int envc = 0;

    plat_memory(&heap);
    next = heap.base;
    end = heap.base + heap.size;
    /* the main stack, with an unmapped guard page below it */
    guard = take(PAGE + STACK);
    plat_mem_protect(guard, PAGE, PROT_NONE);
    sp = guard + PAGE + STACK - 64;
    if (plat_entropy((void *)sp, 16))
        plat_exit(99);
    while (args->envp[envc])
        envc++;
    v = (unsigned long *)((sp - 8 * (args->argc + envc + 3 + 12)) & ~15ul);
    sp = (uintptr_t)v;
    *v++ = args->argc;
    for (int i = 0; i < args->argc; i++)
        *v++ = (unsigned long)args->argv[i];
    *v++ = 0;
    for (int i = 0; i < envc; i++)
        *v++ = (unsigned long)args->envp[i];
    *v++ = 0;
    *v++ = AT_PHDR, *v++ = (unsigned long)eh + eh->e_phoff;
    *v++ = AT_PHNUM, *v++ = eh->e_phnum;
    *v++ = AT_PHENT, *v++ = eh->e_phentsize;
    *v++ = AT_PAGESZ, *v++ = PAGE;
    *v++ = AT_RANDOM, *v++ = guard + PAGE + STACK - 64;
    *v++ = AT_NULL, *v++ = 0;
    (void)entry;
    return sp;
}

long rt_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    switch (nr) {
    case 0: { /* read: console input, blocking */
        long n;

        if (a1 != 0)
            return -EBADF;
        while ((n = plat_console_read((void *)a2, a3)) == -EAGAIN)
            plat_block(UINT64_MAX);
        return n;
    }
    case 1: /* write */
        if (a1 != 1 && a1 != 2)
            return -EBADF;
        plat_console_write((const void *)a2, a3);
        return a3;
    case 20: { /* writev */
        const struct iovec *iov = (const void *)a2;
        long n = 0;

        if (a1 != 1 && a1 != 2)
            return -EBADF;
        for (long i = 0; i < a3; i++) {
            plat_console_write(iov[i].iov_base, iov[i].iov_len);
            n += iov[i].iov_len;
        }
        return n;
    }
    case 9: { /* mmap, anonymous only */
        uintptr_t p = take(a2);

        if (!p)
            return -ENOMEM;
        memset((void *)p, 0, a2);
        return p;
    }
    case 11: return 0;       /* munmap: leak */
    case 12: return 0;       /* brk: musl then uses mmap */
    case 16: return -ENOTTY; /* ioctl */
    case 158:                /* arch_prctl */
        if (a1 != 0x1002)    /* ARCH_SET_FS */
            return -EINVAL;
        plat_tls_set(a2);
        return 0;
    case 218: return 1; /* set_tid_address */
    case 228: {         /* clock_gettime */
        uint64_t ns = a1 == 0 ? plat_clock_wall() : plat_clock_monotonic();
        struct timespec *ts = (void *)a2;

        ts->tv_sec = ns / 1000000000;
        ts->tv_nsec = ns % 1000000000;
        return 0;
    }
    case 35: { /* nanosleep */
        const struct timespec *ts = (const void *)a1;
        uint64_t until =
            plat_clock_monotonic() + ts->tv_sec * 1000000000ull + ts->tv_nsec;

        while (plat_clock_monotonic() < until)
            plat_block(until);
        return 0;
    }
    case 60: /* exit */
    case 231: /* exit_group */ plat_exit((int)a1);
    }
    return -ENOSYS;
}

/* rt's service to the fault report: these tests check registers only. */
void rt_backtrace(uint64_t rip, uint64_t rbp, uint64_t rsp)
{
    (void)rip, (void)rbp, (void)rsp;
}
