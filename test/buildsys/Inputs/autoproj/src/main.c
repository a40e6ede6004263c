#include <config.h>
#include <math.h>
#include <stdio.h>

#include "count.h"

int main(int argc, char **argv)
{
    printf("long words: %zu\n", count_long_words(argc > 1 ? argv[1] : "", 3));
    printf("epoll_create1: %s\n",
#ifdef HAVE_EPOLL_CREATE1
           "yes"
#else
           "no"
#endif
    );
    printf("tcp sockets: %s\n",
#ifdef HAVE_TCP_SOCKETS
           "yes"
#else
           "no"
#endif
    );
    printf("sqrt: %.1f\n", sqrt(2.25));
    return 0;
}
