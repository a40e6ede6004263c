// Memory: brk and mmap from one page allocator; MAP_FIXED, guard pages,
// munmap, mremap, mprotect, madvise, and their errors. Compared to Linux.
// RUN: %ukcc --hosted -D_GNU_SOURCE -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -D_GNU_SOURCE -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "report.h"

#define PAGE 4096
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

int main(void)
{
    char *p, *q;
    uintptr_t b0, b1;

    // the break grows and shrinks
    b0 = (uintptr_t)syscall(SYS_brk, 0);
    b1 = (uintptr_t)syscall(SYS_brk, b0 + 3 * PAGE + 5);
    // CHECK: brk grew: 1
    SAY("brk grew: %d\n", b1 == b0 + 3 * PAGE + 5);
    ((char *)b0)[3 * PAGE] = 1;
    // CHECK: brk shrank: 1
    SAY("brk shrank: %d\n", (uintptr_t)syscall(SYS_brk, b0) == b0);

    p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, ANON, -1, 0);
    // CHECK: anonymous memory is zero and writable: 1
    SAY("anonymous memory is zero and writable: %d\n",
        p != MAP_FAILED && p[0] == 0 && p[3 * PAGE - 1] == 0 &&
            (p[5] = 5) == 5);
    // MAP_FIXED replaces the middle page, which comes back zeroed
    p[PAGE] = 9;
    q = mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0);
    // CHECK: fixed: 1 1 1
    SAY("fixed: %d %d %d\n", q == p + PAGE, q[0] == 0, p[5] == 5);
    // CHECK: mmap(p, PAGE, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED -> 1
    REPORT(mmap(p, PAGE, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0) ==
           MAP_FAILED);
    // CHECK: errno EEXIST
    SAY("errno %s\n", errno_name(errno));

    // mremap: shrink in place, grow (moving if it must) keeping the data
    // CHECK: mremap(p, 3 * PAGE, PAGE, 0) == p -> 1
    REPORT(mremap(p, 3 * PAGE, PAGE, 0) == p);
    q = mremap(p, PAGE, 64 * PAGE, MREMAP_MAYMOVE);
    // CHECK: grown: 1 5
    SAY("grown: %d %d\n", q != MAP_FAILED, q[5]);
    // CHECK: munmap(q, 64 * PAGE) -> 0
    REPORT(munmap(q, 64 * PAGE));
    // unmapping what is not mapped is not an error
    // CHECK: munmap(q, PAGE) -> 0
    REPORT(munmap(q, PAGE));

    // mprotect and madvise
    p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, ANON, -1, 0);
    p[1] = 1;
    // CHECK: mprotect(p, PAGE, PROT_READ) -> 0
    REPORT(mprotect(p, PAGE, PROT_READ));
    // CHECK: madvise(p + PAGE, PAGE, MADV_DONTNEED) -> 0
    p[PAGE] = 4;
    REPORT(madvise(p + PAGE, PAGE, MADV_DONTNEED));
    // CHECK: dontneed zeroes: 1 1
    SAY("dontneed zeroes: %d %d\n", p[PAGE] == 0, p[1] == 1);

    // errors
    // CHECK: mmap(NULL, 0, PROT_READ, ANON, -1, 0) == MAP_FAILED -> 1
    REPORT(mmap(NULL, 0, PROT_READ, ANON, -1, 0) == MAP_FAILED);
    // CHECK: errno EINVAL
    SAY("errno %s\n", errno_name(errno));
    // CHECK: mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED -> 1
    REPORT(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
    // CHECK: errno EINVAL
    SAY("errno %s\n", errno_name(errno));
    // CHECK: munmap(p + 1, PAGE) -> -1 EINVAL
    REPORT(munmap(p + 1, PAGE));
    // (musl's mprotect rounds the address down; the syscall does not)
    // CHECK: syscall(SYS_mprotect, p + 1, PAGE, PROT_READ) -> -1 EINVAL
    REPORT(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ));
    munmap(p, 2 * PAGE);
    // CHECK: mprotect(p, PAGE, PROT_READ) -> -1 ENOMEM
    REPORT(mprotect(p, PAGE, PROT_READ));
    // CHECK: syscall(SYS_mremap, p, PAGE, 2 * PAGE, 0, 0) -> -1 EFAULT
    REPORT(syscall(SYS_mremap, p, PAGE, 2 * PAGE, 0, 0));

    // malloc on top of all this, large and small
    for (int i = 0; i < 200; i++) {
        char *m = malloc((size_t)(i % 7 + 1) * 5000 * (i % 3 ? 1 : 100));
        m[0] = 1;
        free(m);
    }
    // CHECK: malloc churn done
    SAY("malloc churn done\n");
    return 0;
}
// CHECK: status 0
