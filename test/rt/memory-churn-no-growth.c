// On ukcc's runtime, mmap/munmap and malloc/free churn leaves free memory
// exactly where it was: munmap really frees. (Linux's numbers move with the
// rest of the machine, so this one runs on rt only.)
// RUN: %ukcc --hosted %s -o %t
// RUN: %t | FileCheck %s
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>

static unsigned long free_ram(void)
{
    struct sysinfo si;

    sysinfo(&si);
    return si.freeram;
}

int main(void)
{
    unsigned long before, after;
    void *keep = malloc(1); /* malloc's own bookkeeping, set up once */

    free(keep);
    before = free_ram();
    for (int i = 0; i < 2000; i++) {
        size_t n = (size_t)(i % 13 + 1) << 14;
        char *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *m = malloc(n * 3);

        p[n - 1] = 1;
        m[0] = 1;
        munmap(p, n);
        free(m);
    }
    after = free_ram();
    // CHECK: free before == after: 1
    printf("free before == after: %d\n", before == after);
    // CHECK: some memory: 1
    printf("some memory: %d\n", before > (64ul << 20));
    return 0;
}
