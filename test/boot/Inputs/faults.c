/* One fault per command-line word, for the fault-report tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (!strcmp(what, "overflow"))
        return recurse(0);
    if (!strcmp(what, "ssp"))
        smash("far too long for an eight-byte buffer");
    if (!strcmp(what, "abort"))
        abort();
    if (!strcmp(what, "ud2"))
        __builtin_trap();
    return 0;
}
