/* One line per call: its result, or -1 and strerror's text (the same musl
 * in both runs), so Linux and ukcc's runtime compare line by line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define REPORT(expr)                                                           \
    do {                                                                       \
        errno = 0;                                                             \
        long r_ = (long)(expr);                                                \
        if (r_ == -1)                                                          \
            printf("%s -> -1 %s\n", #expr, strerror(errno));                   \
        else                                                                   \
            printf("%s -> %ld\n", #expr, r_);                                  \
    } while (0)

#define SAY(...) printf(__VA_ARGS__)
