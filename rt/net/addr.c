/* Socket addresses: AF_INET in and out of the program's memory. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "sock.h"

/* 0, -EINVAL (too short), -EAFNOSUPPORT (another family), -EFAULT. */
int rt_addr_in(const struct sockaddr *sa, unsigned len, uint32_t *addr,
               uint16_t *port)
{
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

    if ((int)len < 0)
        return -EINVAL;
    if (len < sizeof *in)
        return -EINVAL;
    if (!rt_user_ok(sa, sizeof *in))
        return -EFAULT;
    if (in->sin_family != AF_INET)
        return -EAFNOSUPPORT;
    *addr = ntohl(in->sin_addr.s_addr);
    *port = ntohs(in->sin_port);
    return 0;
}

/* Writes at most *len bytes of the address and sets *len to its full
 * size, as Linux does; an AF_UNIX pair has only a family (unnamed). */
long rt_addr_out(struct sockaddr *sa, unsigned *len, int family, uint32_t addr,
                 uint16_t port)
{
    struct sockaddr_in in = {.sin_family = AF_INET,
                             .sin_port = htons(port),
                             .sin_addr.s_addr = htonl(addr)};
    unsigned full = family == AF_UNIX ? sizeof(sa_family_t) : sizeof in;
    unsigned n;

    if (!len)
        return -EFAULT;
    if (!rt_user_ok(len, sizeof *len))
        return -EFAULT;
    if ((int)*len < 0)
        return -EINVAL;
    n = *len < full ? *len : full;
    if (n && !rt_user_ok(sa, n))
        return -EFAULT;
    if (family == AF_UNIX)
        in.sin_family = AF_UNIX;
    memcpy(sa, &in, n);
    *len = full;
    return 0;
}

/* What getsockname says: the bound address, or the one the connection
 * actually uses. */
void rt_sock_local_name(struct sock *s, uint32_t *addr, uint16_t *port)
{
    *addr = s->laddr;
    *port = s->lport;
    if (s->tcp && !s->local)
        net_tcp_local(s->tcp, addr, port);
    else if (s->type == SOCK_DGRAM && s->state == SK_CONNECTED && !*addr)
        *addr = rt_net_source(s->raddr); /* as Linux fixes it at connect */
}
