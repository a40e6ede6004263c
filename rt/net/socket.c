/*
 * The socket calls. They will reach libs/net, ukcc's TCP/IP stack; until
 * it lands, no address family exists: socket() is EAFNOSUPPORT, and the
 * calls on descriptors answer as Linux does for a descriptor that is not a
 * socket (ENOTSOCK) or not open (EBADF).
 */
#include <errno.h>

#include "../rt.h"
#include "../syscalls.h"

long sys_socket(int domain, int type, int protocol)
{
    return -EAFNOSUPPORT;
}

long sys_socketpair(int domain, int type, int protocol, int *fds)
{
    return -EAFNOSUPPORT;
}

/* every call whose first argument is a socket descriptor */
long sys_socket_fd_call(int fd)
{
    return rt_fd_get(fd) ? -ENOTSOCK : -EBADF;
}
