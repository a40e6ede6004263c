// rt has IPv4 sockets and AF_UNIX socketpair only: AF_INET6 and AF_UNIX
// sockets are EAFNOSUPPORT (Linux has both, so this runs on rt only), and
// socket calls on other descriptors are ENOTSOCK or EBADF.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %t | FileCheck %s
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockreport.h"

int main(void)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    char buf[4];

    // CHECK: socket(AF_INET6, SOCK_STREAM, 0) -> -1 Address family not
    // supported by protocol
    REPORT(socket(AF_INET6, SOCK_STREAM, 0));
    // CHECK: socket(AF_UNIX, SOCK_DGRAM, 0) -> -1 Address family not supported
    // by protocol
    REPORT(socket(AF_UNIX, SOCK_DGRAM, 0));
    // CHECK: socket(AF_PACKET, SOCK_RAW, 0) -> -1 Address family not supported
    // by protocol
    REPORT(socket(AF_PACKET, SOCK_RAW, 0));
    // CHECK: socket(AF_INET, SOCK_RAW, 1) -> -1 Socket type not supported
    REPORT(socket(AF_INET, SOCK_RAW, 1));
    // CHECK: bind(1, (struct sockaddr *)&sa, sizeof sa) -> -1 Not a socket
    REPORT(bind(1, (struct sockaddr *)&sa, sizeof sa));
    // CHECK: recv(99, buf, 4, 0) -> -1 Bad file descriptor
    REPORT(recv(99, buf, 4, 0));
    return 0;
}
