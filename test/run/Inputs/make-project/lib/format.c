#include <stdio.h>
#include <stdlib.h>
#include "wc.h"

char *format_counts(const struct counts *c)
{
    char *s = NULL;

    if (asprintf(&s, "%zu %zu %zu", c->lines, c->words, c->bytes) < 0)
        return NULL;
    return s;
}
