/* Three ways to die, each some calls deep, for the named backtrace:
 * "segv" faults in crash <- middle <- outer <- main, "abort" calls
 * abort() from die_now, "ssp STRING" overflows smash's buffer with
 * STRING, past its canary. The line numbers are checked by the tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile int sink;

__attribute__((noinline)) static void crash(int *p)
{
    *p = 42; /* line 13 */
}

__attribute__((noinline)) void middle(int *p)
{
    crash(p); /* line 18 */
    sink++;
}

__attribute__((noinline)) void outer(int *p)
{
    middle(p); /* line 24 */
    sink++;
}

__attribute__((noinline)) void die_now(void)
{
    abort(); /* line 30 */
    sink++;
}

__attribute__((noinline)) void smash(const char *s)
{
    char buf[8];

    strcpy(buf, s);
    puts(buf);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "segv") == 0)
        outer(NULL); /* line 45 */
    if (argc > 1 && strcmp(argv[1], "abort") == 0)
        die_now(); /* line 47 */
    if (argc > 2 && strcmp(argv[1], "ssp") == 0)
        smash(argv[2]); /* line 49 */
    return 0;
}
