/* Prints the stack protector's canary, which musl keeps at %fs:0x28. */
#include <stdio.h>

int main(void)
{
    unsigned long canary;

    __asm__("mov %%fs:0x28, %0" : "=r"(canary));
    printf("canary %016lx\n", canary);
    return 0;
}
