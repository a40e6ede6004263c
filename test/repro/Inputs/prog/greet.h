#include <stdio.h>

static inline void greet(const char *from)
{
    printf("hello from %s\n", from);
}
