/* A program that includes Linux's UAPI headers beside libc's, as Redis,
 * dnsmasq and many daemons do. */
#include <asm/unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/version.h>
#include <stdio.h>
#include <sys/socket.h>

int main(void)
{
    printf("linux headers %d.%d, netlink %d, getpid is %d\n",
           LINUX_VERSION_CODE >> 16, (LINUX_VERSION_CODE >> 8) & 255,
           NETLINK_ROUTE, __NR_getpid);
    return sizeof(struct nlmsghdr) == 16 ? 0 : 1;
}
