// Until libs/net lands, sockets do not exist: socket() is EAFNOSUPPORT and
// socket calls on other descriptors are ENOTSOCK or EBADF. (Linux has
// sockets, so this runs on rt only.)
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %t | FileCheck %s
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "report.h"

int main(void)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    char buf[4];

    // CHECK: socket(AF_INET, SOCK_STREAM, 0) -> -1 EAFNOSUPPORT
    REPORT(socket(AF_INET, SOCK_STREAM, 0));
    // CHECK: socket(AF_UNIX, SOCK_DGRAM, 0) -> -1 EAFNOSUPPORT
    REPORT(socket(AF_UNIX, SOCK_DGRAM, 0));
    // CHECK: bind(1, (struct sockaddr *)&sa, sizeof sa) -> -1 ENOTSOCK
    REPORT(bind(1, (struct sockaddr *)&sa, sizeof sa));
    // CHECK: recv(99, buf, 4, 0) -> -1 EBADF
    REPORT(recv(99, buf, 4, 0));
    // CHECK: listen(0, 5) -> -1 ENOTSOCK
    REPORT(listen(0, 5));
    return 0;
}
