// The far end of linux-differential.test: one program, built twice, once
// for Linux's own stack and once with ukcc --hosted for libs/net, so both
// targets of the comparison run the same application. Each port leaves
// its connections in the state a case needs:
//   7 hold     reads and discards; at EOF keeps the socket (CLOSE-WAIT)
//   8 close    reads and discards; at EOF closes (LAST-ACK)
//   9 finish   shuts its side down at once (FIN-WAIT-1/2, CLOSING,
//              TIME-WAIT), then reads and discards
//  10 talk     writes TALK_BYTES at once (data in flight), then as hold
//  12 deaf     never reads (its receive window fills)
// Port 11 has no listener. Prints "ready" once all listen.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define TALK_BYTES 1000
#define MAX_FDS    512

enum role { HOLD = 7, CLOSE, FINISH, TALK, DEAF = 12 };

static struct pollfd fds[MAX_FDS];
static int roles[MAX_FDS];
static int nfds;

static void add(int fd, int role, short events)
{
    if (nfds == MAX_FDS) { // the cases never come near; refuse, do not crash
        close(fd);
        return;
    }
    fds[nfds] = (struct pollfd){.fd = fd, .events = events};
    roles[nfds++] = role;
}

static int listener(int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
        bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 128) ||
        fcntl(fd, F_SETFL, O_NONBLOCK)) {
        perror("listener");
        return -1;
    }
    add(fd, -port, POLLIN);
    return 0;
}

static void accepted(int fd, int role)
{
    static char talk[TALK_BYTES];

    if (role == FINISH)
        shutdown(fd, SHUT_WR);
    if (role == TALK) {
        memset(talk, 't', sizeof talk);
        if (write(fd, talk, sizeof talk) != (ssize_t)sizeof talk)
            perror("talk");
    }
    // A deaf connection is kept but never polled, so never read.
    add(fd, role, role == DEAF ? 0 : POLLIN);
}

int main(void)
{
    static char buf[65536];

    setvbuf(stdout, NULL, _IONBF, 0);
    for (int port = HOLD; port <= DEAF; port++)
        if (port != 11 && listener(port))
            return 1;
    printf("ready\n");
    for (;;) {
        if (poll(fds, (nfds_t)nfds, -1) < 0 && errno != EINTR)
            return 1;
        for (int i = 0; i < nfds; i++) {
            int fd, n;
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (roles[i] < 0) {
                while ((fd = accept(fds[i].fd, NULL, NULL)) >= 0)
                    accepted(fd, -roles[i]);
                continue;
            }
            n = (int)read(fds[i].fd, buf, sizeof buf);
            if (n > 0)
                continue;
            // EOF or an error (a reset): stop polling; close only where
            // the role says so, so CLOSE-WAIT stays reachable on 7 and 10.
            if (n == 0 && (roles[i] == CLOSE || roles[i] == FINISH))
                close(fds[i].fd);
            else if (n < 0)
                close(fds[i].fd);
            fds[i].fd = -1;
        }
    }
}
