/* What the gdb tests stop in: a function with a local, then a write,
 * which rt's console_write carries out. */
#include <stdio.h>

__attribute__((noinline)) int square(int n)
{
    int result = n * n;

    return result;
}

int main(void)
{
    printf("square %d\n", square(7));
    return 0;
}
