// Anonymous memory reads as zero however it was used before (freed by
// munmap and mapped again, after MADV_DONTNEED, brk shrunk and grown), on
// every target; and hosted, where the host's fresh memory is zero already
// and rt gives freed pages back (madvise), memory costs only what was
// touched: 256 MiB mapped with a byte written per MiB, and 64 MiB filled
// and then freed, leave the process under 24 MiB resident (rt cleared
// every page it handed out before: over 256 MiB). Compared against Linux.
// RUN: %ukcc --hosted %s -o %t
// RUN: %ukcc --target=xen-pvh %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
// RUN: %python %S/Inputs/rss-while-held.py %t hold | \
// RUN:     FileCheck %s --check-prefix=RSS
// RSS: resident: {{([0-9]|1[0-9]|2[0-3])}} MiB
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MIB (1UL << 20)

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static unsigned char *map(size_t n)
{
    void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);

    return p == MAP_FAILED ? NULL : p;
}

int main(int argc, char **argv)
{
    int hold = argc > 1 && strcmp(argv[1], "hold") == 0;
    size_t big = hold ? 256 * MIB : 4 * MIB, used = hold ? 64 * MIB : 4 * MIB;
    unsigned char *p = map(used), *q, *sparse;
    char *b;

    memset(p, 0xa5, used);
    munmap(p, used);
    q = map(used); /* most likely the pages just freed */
    // CHECK: mapped again: zero 1
    printf("mapped again: zero %d\n", q && all_zero(q, used));
    memset(q, 0x5a, used);
    madvise(q, used, MADV_DONTNEED);
    // CHECK-NEXT: after MADV_DONTNEED: zero 1
    printf("after MADV_DONTNEED: zero %d\n", all_zero(q, used));
    munmap(q, used);

    /* musl's sbrk refuses to move the break: the system call itself */
    b = (char *)syscall(SYS_brk, 0);
    syscall(SYS_brk, b + 16 * 4096);
    memset(b, 0x33, 16 * 4096);
    syscall(SYS_brk, b);
    // CHECK-NEXT: brk grown again: zero 1
    printf("brk grown again: zero %d\n",
           (char *)syscall(SYS_brk, b + 16 * 4096) == b + 16 * 4096 &&
               all_zero((unsigned char *)b, 16 * 4096));

    sparse = map(big);
    for (size_t i = 0; sparse && i < big; i += MIB)
        sparse[i] = 1;
    // CHECK-NEXT: sparse mapping: 1
    printf("sparse mapping: %d\n", sparse != NULL);
    if (hold) {
        char c;

        printf("held\n");
        fflush(stdout);
        while (read(0, &c, 1) > 0)
            ;
    }
    return 0;
}
