/*
 * Probes of the PV syscall mechanism (the program in PV guest user mode):
 *   raw      inline `syscall` with numbers 0-3, which in guest kernel mode
 *            would be the hypercalls set_trap_table, mmu_update, set_gdt
 *            and stack_switch: they must reach rt as read, write, open
 *            and close
 *   redzone  128 words below %rsp filled with a pattern, then a spin with
 *            no stack use while event upcalls (Xen's timer) arrive: none
 *            of the words may change
 *   modes    main, a signal handler and a new thread each make a raw
 *            write (nr 1): it reaches rt only if rt entered the handler
 *            and the thread in user mode (the CS RPL cannot tell: both PV
 *            modes run in ring 3)
 *   getpid N N getpid calls, ns per call
 *   bootexec a jump to the first page after the image, where Xen's boot
 *            structures lie (the P2M list first): it must fault as
 *            execution of non-executable memory
 *   raise N  N raise(SIGUSR1) with an empty handler, ns per raise (three
 *            syscalls and the entry to the handler and back)
 * Built with -mno-red-zone so the compiler keeps nothing below %rsp.
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

extern volatile unsigned long xen_pv_upcalls; /* the PV platform's count */

static long raw(long nr, long a1, long a2, long a3)
{
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a1), "S"(a2), "d"(a3)
                     : "rcx", "r11", "memory");
    return ret;
}

static int raw_calls(void)
{
    static const char msg[] = "raw write reached rt\n";
    char buf[8];
    long w = raw(1, 1, (long)msg, sizeof msg - 1);
    long fd = raw(2, (long)"/dev/null", O_RDONLY, 0);
    long r = raw(0, fd, (long)buf, sizeof buf);
    long c = raw(3, fd, 0, 0);
    long bad = raw(3, fd, 0, 0);

    printf("write %ld open %ld read %ld close %ld close-again %ld\n", w, fd, r,
           c, bad);
    return 0;
}

static int redzone(void)
{
    const unsigned long pattern = 0x5a17c0de5a17c0deul;
    unsigned long before = xen_pv_upcalls, changed;

    __asm__ volatile(
        /* fill: 128 words below rsp */
        "lea -1024(%%rsp), %%rdi\n\t"
        "mov $128, %%ecx\n"
        "1:\n\t"
        "mov %[pat], (%%rdi)\n\t"
        "add $8, %%rdi\n\t"
        "dec %%ecx\n\t"
        "jnz 1b\n\t"
        /* spin until 20 more upcalls, or give up after 2^31 rounds */
        "mov $0x80000000, %%rcx\n"
        "2:\n\t"
        "mov (%[ctr]), %%rax\n\t"
        "cmp %[target], %%rax\n\t"
        "jae 3f\n\t"
        "dec %%rcx\n\t"
        "jnz 2b\n"
        "3:\n\t"
        /* count the words that changed */
        "lea -1024(%%rsp), %%rdi\n\t"
        "xor %%edx, %%edx\n\t"
        "mov $128, %%ecx\n"
        "4:\n\t"
        "cmp %[pat], (%%rdi)\n\t"
        "je 5f\n\t"
        "inc %%rdx\n"
        "5:\n\t"
        "add $8, %%rdi\n\t"
        "dec %%ecx\n\t"
        "jnz 4b\n\t"
        : "=&d"(changed)
        : [pat] "r"(pattern), [ctr] "r"(&xen_pv_upcalls),
          [target] "r"(before + 20)
        : "rax", "rcx", "rdi", "memory", "cc");
    printf("upcalls during the spin: %s\n",
           xen_pv_upcalls - before >= 20 ? "at least 20" : "too few");
    printf("words changed below rsp: %lu of 128\n", changed);
    return changed != 0;
}

/* A raw write (nr 1: mmu_update if this ran in guest kernel mode) */
static void report_mode(const char *who)
{
    char line[64];
    int n = snprintf(line, sizeof line, "%s: raw write reached rt\n", who);

    printf("%s: write %ld\n", who, raw(1, 1, (long)line, n));
}

static void on_usr1(int sig)
{
    (void)sig;
    report_mode("handler");
}

static void *thread_main(void *arg)
{
    report_mode(arg);
    return arg;
}

static int modes(void)
{
    pthread_t t;
    void *ret = NULL;

    setvbuf(stdout, NULL, _IONBF, 0); /* in order with the raw writes */
    report_mode("main");
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    if (pthread_create(&t, NULL, thread_main, "thread") ||
        pthread_join(t, &ret) || !ret)
        return 1;
    return 0;
}

static int getpid_cost(long n)
{
    struct timespec a, b;

    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++)
        syscall(SYS_getpid);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("getpid: %ld ns per call\n",
           ((b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec) / n);
    return 0;
}

static void on_usr2(int sig)
{
    (void)sig;
}

static int raise_cost(long n)
{
    struct timespec a, b;

    signal(SIGUSR2, on_usr2);
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < n; i++)
        raise(SIGUSR2);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("raise: %ld ns per call\n",
           ((b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec) / n);
    return 0;
}

static int boot_exec(void)
{
    extern char __ukcc_image_end[]; /* from the linker script */
    uintptr_t page = ((uintptr_t)__ukcc_image_end + 4095) & ~4095ul;

    printf("jumping to %#lx\n", (unsigned long)page);
    fflush(stdout);
    ((void (*)(void))page)();
    return 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "raw"))
        return raw_calls();
    if (argc > 1 && !strcmp(argv[1], "redzone"))
        return redzone();
    if (argc > 1 && !strcmp(argv[1], "modes"))
        return modes();
    if (argc > 2 && !strcmp(argv[1], "getpid"))
        return getpid_cost(atol(argv[2]));
    if (argc > 1 && !strcmp(argv[1], "bootexec"))
        return boot_exec();
    if (argc > 2 && !strcmp(argv[1], "raise"))
        return raise_cost(atol(argv[2]));
    fprintf(
        stderr,
        "usage: pv-user-mode raw|redzone|modes|bootexec|getpid N|raise N\n");
    return 2;
}
