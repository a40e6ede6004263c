/*
 * Prints the guest's own time from its first instruction to main. On
 * xen-pvh, CLOCK_MONOTONIC counts from the TSC read at the image's entry
 * (targets/xen-x86_64/time.c), so main's first reading is that time.
 */
#include <stdio.h>
#include <time.h>

int main(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    printf("entry to main: %ld us\n", t.tv_sec * 1000000L + t.tv_nsec / 1000);
    return 0;
}
