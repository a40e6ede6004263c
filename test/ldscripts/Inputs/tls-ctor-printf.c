/* A musl program that needs PT_TLS (.tdata and .tbss), a constructor,
   printf with a float, and the ukcc symbols from the generated script. */
#include <stdio.h>

__thread int tls_data = 42;
__thread char tls_bss[100];
static int ctor_ran;

extern const unsigned long long __ukcc_stack_size, __ukcc_heap_max;
extern const char __ukcc_embed_start[], __ukcc_embed_end[];

__attribute__((constructor)) static void ctor(void)
{
    ctor_ran = 1;
}

int main(void)
{
    tls_bss[99] = 7;
    printf("tls %d %d ctor %d float %.2f\n", tls_data, tls_bss[99],
           ctor_ran, 1.25);
    printf("stack %llu heap %llu\n", __ukcc_stack_size, __ukcc_heap_max);
    printf("embed '%.*s'\n", (int)(__ukcc_embed_end - __ukcc_embed_start),
           __ukcc_embed_start);
    return 0;
}
