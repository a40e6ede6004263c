/* A program that shows when it was built, as many do for --version. */
#include <stdio.h>

int main(void)
{
    printf("built %s %s (%s)\n", __DATE__, __TIME__, __TIMESTAMP__);
    return 0;
}
