/*
 * The program the boot tests run: argv[1] picks what it does. Everything
 * goes through musl (printf -> writev -> syscall entry) as a real program.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

extern char **environ;

static long raw_syscall(long nr, long a1, long a2)
{
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a1), "S"(a2)
                     : "rcx", "r11", "memory");
    return ret;
}

static int recurse(int n)
{
    volatile char pad[512];

    pad[0] = (char)n;
    return recurse(n + 1) + pad[0];
}

/* written at run time, so it stays in .data (RW, NX) */
char data_code[16];
extern unsigned long long boot_entry_tsc; /* the platform's, for timing */

/* Sets every register Linux preserves across syscall to a pattern, makes
 * a syscall (write of 0 bytes) and returns how many came back changed. */
static int clobbered(void)
{
    long bad;

    __asm__ volatile(
        "push %%rbp\n\t"
        "mov $0x1111, %%rbx\n\tmov $0x2222, %%rdx\n\tmov $0x3333, %%rsi\n\t"
        "mov $0x4444, %%rbp\n\tmov $0x5555, %%r8\n\tmov $0x6666, %%r9\n\t"
        "mov $0x7777, %%r10\n\tmov $0x8888, %%r12\n\tmov $0x9999, %%r13\n\t"
        "mov $0xaaaa, %%r14\n\tmov $0xbbbb, %%r15\n\tmov $1, %%edi\n\t"
        "mov $0x5a5a, %%eax\n\tmovq %%rax, %%xmm0\n\tmovq %%rax, %%xmm7\n\t"
        "xor %%edx, %%edx\n\tmov $1, %%eax\n\tsyscall\n\t"
        "xor %%eax, %%eax\n\t"
        "cmp $0x1111, %%rbx\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "test %%rdx, %%rdx\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $0x3333, %%rsi\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $0x4444, %%rbp\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $0x5555, %%r8\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $0x6666, %%r9\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $0x7777, %%r10\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $0x8888, %%r12\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $0x9999, %%r13\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $0xaaaa, %%r14\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $0xbbbb, %%r15\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "cmp $1, %%rdi\n\tsetne %%cl\n\tmovzbl %%cl, %%ecx\n\tadd %%rcx, "
        "%%rax\n\t"
        "movq %%xmm0, %%rcx\n\tcmp $0x5a5a, %%rcx\n\tsetne %%cl\n\t"
        "movzbl %%cl, %%ecx\n\tadd %%rcx, %%rax\n\t"
        "movq %%xmm7, %%rcx\n\tcmp $0x5a5a, %%rcx\n\tsetne %%cl\n\t"
        "movzbl %%cl, %%ecx\n\tadd %%rcx, %%rax\n\t"
        "pop %%rbp"
        : "=a"(bad)
        :
        : "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12",
          "r13", "r14", "r15", "xmm0", "xmm7", "memory");
    return (int)bad;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "hello";

    if (!strcmp(mode, "hello")) {
        printf("hello %d\n", 42);
        return 3;
    }
    if (!strcmp(mode, "args")) {
        for (int i = 0; i < argc; i++)
            printf("argv[%d]=<%s>\n", i, argv[i]);
        for (char **e = environ; *e; e++)
            printf("env <%s>\n", *e);
        return 0;
    }
    if (!strcmp(mode, "null"))
        return *(volatile int *)0;
    if (!strcmp(mode, "write-text")) {
        *(volatile char *)(uintptr_t)main = 0;
        return 0;
    }
    if (!strcmp(mode, "exec-data")) {
        data_code[0] = (char)0xc3; /* ret */
        ((void (*)(void))(uintptr_t)data_code)();
        return 0;
    }
    if (!strcmp(mode, "stack-overflow"))
        return recurse(0);
    if (!strcmp(mode, "enosys")) {
        long r = raw_syscall(1000, 1, 2);

        printf("syscall 1000 = %ld (%s)\n", r, r == -ENOSYS ? "ENOSYS" : "?");
        return r == -ENOSYS ? 0 : 1;
    }
    if (!strcmp(mode, "time")) {
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        printf("monotonic at main %ld us, TSC entry->main %llu cycles\n",
               ts.tv_sec * 1000000 + ts.tv_nsec / 1000,
               __builtin_ia32_rdtsc() - boot_entry_tsc);
        return 0;
    }
    if (!strcmp(mode, "regs")) {
        int bad = clobbered();

        printf("registers changed by a syscall: %d\n", bad);
        return bad;
    }
    if (!strcmp(mode, "sleep")) {
        struct timespec a, b, d = {0, 300000000}, w;

        clock_gettime(CLOCK_MONOTONIC, &a);
        nanosleep(&d, NULL);
        clock_gettime(CLOCK_MONOTONIC, &b);
        clock_gettime(CLOCK_REALTIME, &w);
        printf("slept %ld ms, wall clock year %d\n",
               (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000,
               1970 + (int)(w.tv_sec / 31556952));
        return 0;
    }
    if (!strcmp(mode, "echo")) {
        char line[64];

        if (!fgets(line, sizeof line, stdin))
            return 1;
        line[strcspn(line, "\r\n")] = 0;
        printf("read <%s>\n", line);
        return 0;
    }
    printf("unknown mode %s\n", mode);
    return 2;
}
