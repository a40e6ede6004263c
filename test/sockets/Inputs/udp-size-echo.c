/* A UDP server on port 7777 that answers each datagram with its size
 * ("got N"), so a peer learns that a fragmented one was reassembled
 * without the answer itself needing fragments. "quit" ends it. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int main(void)
{
    static char buf[65536];
    struct sockaddr_in me = {.sin_family = AF_INET, .sin_port = htons(7777)};
    int s = socket(AF_INET, SOCK_DGRAM, 0);

    if (s < 0 || bind(s, (struct sockaddr *)&me, sizeof me) < 0) {
        perror("udp-size-echo");
        return 1;
    }
    for (;;) {
        struct sockaddr_in from;
        socklen_t len = sizeof from;
        char reply[32];
        long n = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from,
                          &len);

        if (n == 4 && !memcmp(buf, "quit", 4))
            return 0;
        if (n < 0)
            continue;
        snprintf(reply, sizeof reply, "got %ld", n);
        sendto(s, reply, strlen(reply), 0, (struct sockaddr *)&from, len);
    }
}
