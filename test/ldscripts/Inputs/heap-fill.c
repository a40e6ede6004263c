/* Takes 4 KiB blocks from malloc until it fails (or 64 MiB): under
 * --heap-max=N it must stop near N. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    size_t n = 0;

    while (n < 16384 && malloc(4096))
        n++;
    printf("heap %s 2 MiB\n",
           n * 4096 < (2u << 20) ? "stops below" : "goes past");
    return 0;
}
