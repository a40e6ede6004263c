/*
 * The receiving end of bench/net.sh's upload measurement: accepts one TCP
 * connection on the port given, reads until the peer closes, and prints the
 * bytes received. The sender times the transfer; this side only has to
 * drain the socket as fast as the stack below it delivers.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    static char buf[65536];
    struct sockaddr_in addr = {.sin_family = AF_INET};
    long long total = 0;
    ssize_t got;
    int one = 1, lfd, fd;

    if (argc != 2) {
        fprintf(stderr, "usage: tcp-sink PORT\n");
        return 2;
    }
    addr.sin_port = htons(atoi(argv[1]));
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) ||
        listen(lfd, 1)) {
        perror("tcp-sink: listen");
        return 1;
    }
    fd = accept(lfd, NULL, NULL);
    if (fd < 0) {
        perror("tcp-sink: accept");
        return 1;
    }
    while ((got = read(fd, buf, sizeof buf)) > 0)
        total += got;
    if (got < 0) {
        perror("tcp-sink: read");
        return 1;
    }
    printf("%lld\n", total);
    return 0;
}
