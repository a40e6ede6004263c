/* What a program sees of the configuration rt took from a DHCP lease: its
 * address (the source of a connected UDP socket), whether an off-link
 * address is routed (through the lease's router), and /etc/resolv.conf
 * (the lease's DNS server). The first socket call waits for the lease. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int connect_udp(const char *ip, struct sockaddr_in *local)
{
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(9)};
    socklen_t len = sizeof *local;
    int s = socket(AF_INET, SOCK_DGRAM, 0);

    inet_pton(AF_INET, ip, &to.sin_addr);
    if (s < 0 || connect(s, (struct sockaddr *)&to, sizeof to) < 0)
        return -1;
    return getsockname(s, (struct sockaddr *)local, &len);
}

int main(void)
{
    struct sockaddr_in local;
    char line[128];
    FILE *f;

    if (connect_udp("10.0.0.1", &local) < 0) {
        perror("on-link");
        return 1;
    }
    printf("address %s\n", inet_ntoa(local.sin_addr));
    printf("off-link: %s\n",
           connect_udp("192.0.2.1", &local) == 0 ? "routed" : "unreachable");
    f = fopen("/etc/resolv.conf", "r");
    while (f && fgets(line, sizeof line, f))
        fputs(line, stdout);
    return 0;
}
