/* Compiled with -O3 -mavx2 -mfma: the loops become ymm instructions, as in
 * a program built with -march=native. */
#include <stdio.h>

static float a[4096], b[4096];

int main(void)
{
    float dot = 0;
    int sum = 0;

    for (int i = 0; i < 4096; i++) {
        a[i] = (float)(i % 17);
        b[i] = (float)(i % 5) * 0.5f;
    }
    for (int i = 0; i < 4096; i++)
        dot += a[i] * b[i];
    for (int i = 0; i < 4096; i++)
        sum += (int)a[i] ^ i;
    printf("dot %.1f sum %d\n", dot, sum);
    return 0;
}
