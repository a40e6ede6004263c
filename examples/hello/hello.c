/*
 * hello: the smallest real program. It greets, shows its arguments, uses
 * malloc, floating-point printf and thread-local storage (the parts of libc
 * an image must get right first), and exits with the status given as its
 * first argument, so every target can show that exit status comes through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local int calls;

static char *greeting(const char *who)
{
    size_t n = strlen("Hello, !") + strlen(who) + 1;
    char *s = malloc(n);

    if (s)
        snprintf(s, n, "Hello, %s!", who);
    calls++;
    return s;
}

int main(int argc, char **argv)
{
    char *s = greeting("unikernel");

    if (!s)
        return 125;
    printf("%s\n", s);
    printf("argc=%d pi=%.5f tls=%d\n", argc, 3.14159265, calls);
    free(s);
    return argc > 1 ? atoi(argv[1]) : 0;
}
