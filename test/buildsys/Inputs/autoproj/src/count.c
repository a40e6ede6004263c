#include <ctype.h>

#include "count.h"

size_t count_long_words(const char *s, size_t min)
{
    size_t n = 0, len = 0;

    for (;; s++) {
        if (*s && !isspace((unsigned char)*s)) {
            len++;
            continue;
        }
        n += len > min;
        len = 0;
        if (!*s)
            return n;
    }
}
