/* One fault per command-line word, for the fault-report tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int data_word = 0xc3; /* "ret": data the program tries to run */

__attribute__((noinline)) static void smash(const char *s)
{
    char buf[8];

    strcpy(buf, s);
    printf("%s\n", buf);
}

__attribute__((noinline)) static int recurse(int n)
{
    volatile char pad[4096];

    pad[0] = (char)n;
    return recurse(n + 1) + pad[0];
}

/* A frame far larger than the guard page, touched at its low end first:
 * only the stack-clash probes (-fstack-clash-protection) make it fault in
 * the guard page rather than jump over it into whatever lies below. */
__attribute__((noinline)) static int big_frame(int n)
{
    char big[300 * 1024];

    big[0] = (char)n;
    __asm__ volatile("" : : "r"(big) : "memory"); /* the array is real */
    return big_frame(n + 1) + big[0];
}

static void run_bytes(void *where)
{
    memcpy(where, &data_word, 1);
    ((void (*)(void))where)();
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";

    printf("fault: %s\n", what);
    fflush(stdout);
    if (!strcmp(what, "null"))
        return *(volatile int *)0;
    if (!strcmp(what, "write-text"))
        *(volatile char *)(void *)main = 0;
    if (!strcmp(what, "exec-data"))
        ((void (*)(void))(void *)&data_word)();
    if (!strcmp(what, "exec-heap"))
        run_bytes(malloc(64));
    if (!strcmp(what, "exec-stack")) {
        char code[64];

        run_bytes(code);
    }
    if (!strcmp(what, "overflow"))
        return recurse(0);
    if (!strcmp(what, "clash"))
        return big_frame(0);
    if (!strcmp(what, "ssp"))
        smash("far too long for an eight-byte buffer");
    if (!strcmp(what, "abort"))
        abort();
    if (!strcmp(what, "wait")) /* for a signal from outside */
        sleep(10);
    if (!strcmp(what, "ud2"))
        __builtin_trap();
    return 0;
}
