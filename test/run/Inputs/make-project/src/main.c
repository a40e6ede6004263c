/* wc: counts lines, words and bytes of standard input. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "wc.h"

int main(void)
{
    struct counts c = {0};
    char buf[4096];
    ssize_t n;
    int in_word = 0;
    char *s;

    while ((n = read(0, buf, sizeof buf)) > 0)
        counts_add(&c, buf, (size_t)n, &in_word);
    if (n < 0 || !(s = format_counts(&c)))
        return 1;
    puts(s);
    free(s);
    return 0;
}
