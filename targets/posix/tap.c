/*
 * The network device of a hosted image: a Linux tap interface, named by
 * UKCC_NET_TAP (it must exist, e.g. `ip tuntap add NAME mode tap`, or the
 * process may create it with CAP_NET_ADMIN). Frames are read without
 * blocking; plat_block also wakes when one arrives (posix_tap_fd). The
 * MAC is UKCC_NET_MAC (aa:bb:cc:dd:ee:ff) or a random locally
 * administered one. Without UKCC_NET_TAP there is no device, and programs
 * in passthrough mode keep the host's own sockets.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdbool.h>
#include <string.h>
#include <sys/syscall.h>

#include "posix.h"

/* from <linux/if_tun.h>, which musl's headers do not carry */
#define TUNSETIFF 0x400454caUL
#define IFF_TAP   0x0002
#define IFF_NO_PI 0x1000

char **posix_envp;

static struct {
    bool probed;
    int fd; /* -1: no device */
    uint8_t mac[6];
} tap = {.fd = -1};

static const char *env(const char *name)
{
    size_t n = strlen(name);

    for (char **e = posix_envp; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "aa:bb:cc:dd:ee:ff", unicast: true and the bytes. */
static bool parse_mac(const char *s, uint8_t mac[6])
{
    for (int i = 0; i < 6; i++, s += 3) {
        int hi = hex(s[0]), lo = hi < 0 ? -1 : hex(s[1]);

        if (lo < 0 || s[2] != (i == 5 ? '\0' : ':'))
            return false;
        mac[i] = (uint8_t)(hi << 4 | lo);
    }
    return !(mac[0] & 1);
}

static void say(const char *msg)
{
    plat_console_write(msg, strlen(msg));
}

static void probe(void)
{
    const char *name = env("UKCC_NET_TAP"), *mac = env("UKCC_NET_MAC");
    struct ifreq ifr = {0};
    long fd;

    tap.probed = true;
    if (!name)
        return;
    if (strlen(name) >= IFNAMSIZ) {
        say("ukcc: UKCC_NET_TAP: the name is too long\n");
        return;
    }
    fd = HOST3(SYS_open, "/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
    if (fd < 0) {
        say("ukcc: UKCC_NET_TAP: cannot open /dev/net/tun\n");
        return;
    }
    memcpy(ifr.ifr_name, name, strlen(name));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    if (HOST3(SYS_ioctl, fd, TUNSETIFF, &ifr) < 0) {
        say("ukcc: UKCC_NET_TAP: TUNSETIFF failed (no such tap, or it is "
            "busy, or no permission)\n");
        HOST1(SYS_close, fd);
        return;
    }
    if (mac && !parse_mac(mac, tap.mac)) {
        say("ukcc: UKCC_NET_MAC is not a unicast aa:bb:cc:dd:ee:ff; a random "
            "one is used\n");
        mac = NULL;
    }
    if (!mac) {
        plat_entropy(tap.mac, sizeof tap.mac);
        tap.mac[0] = (uint8_t)((tap.mac[0] & 0xfc) | 0x02); /* local, unicast */
    }
    tap.fd = (int)fd;
}

int posix_tap_fd(void)
{
    return tap.fd;
}

int plat_net_info(unsigned n, struct plat_netdev *dev)
{
    if (!tap.probed)
        probe();
    if (n != 0 || tap.fd < 0)
        return -ENODEV;
    memcpy(dev->mac, tap.mac, 6);
    dev->mtu = 1500;
    return 0;
}

int plat_net_send(unsigned n, const void *frame, size_t len)
{
    long r;

    if (n != 0 || tap.fd < 0)
        return -ENODEV;
    do
        r = HOST3(SYS_write, tap.fd, frame, len);
    while (r == -EINTR);
    return r < 0 ? (int)r : 0;
}

long plat_net_recv(unsigned n, void *buf, size_t len)
{
    long r;

    if (n != 0 || tap.fd < 0)
        return -ENODEV;
    do
        r = HOST3(SYS_read, tap.fd, buf, len);
    while (r == -EINTR);
    return r == 0 ? -EAGAIN : r;
}
