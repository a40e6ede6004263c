/* Prints what reached it: two arguments and three environment variables;
 * exits with the first argument as its status. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    printf("argv %s|%s env %s net %s gw %s\n", argc > 1 ? argv[1] : "",
           argc > 2 ? argv[2] : "", getenv("GREETING"),
           getenv("UKCC_NET_ADDR"), getenv("UKCC_NET_GW"));
    return argc > 1 ? atoi(argv[1]) : 0;
}
