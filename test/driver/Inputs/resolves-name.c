// Makes no socket call itself: getaddrinfo does, inside musl.
#include <netdb.h>
#include <stddef.h>

int main(void)
{
    struct addrinfo *res = NULL;

    return getaddrinfo("localhost", "80", NULL, &res) != 0;
}
