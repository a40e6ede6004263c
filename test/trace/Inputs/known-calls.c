/*
 * Known calls for UKCC_STRACE=1 to print: a missing file, a file read
 * whole, writes short and long, a socket bound and polled, fcntl, mmap,
 * and a call rt lacks. Files are in argv[1] (default /srv/www).
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    static const char long_line[] =
        "a line longer than strace's thirty-two bytes\n";
    const char *dir = argc > 1 ? argv[1] : "/srv/www";
    char path[256], buf[4096];
    int fd;

    snprintf(path, sizeof path, "%s/missing.html", dir);
    open(path, O_RDONLY);
    snprintf(path, sizeof path, "%s/index.html", dir);
    fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    read(fd, buf, sizeof buf);
    close(fd);
    write(1, "hi\n", 3);
    write(1, long_line, strlen(long_line));

    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in sin = {.sin_family = AF_INET,
                              .sin_addr.s_addr = htonl(0x7f000001)};
    bind(s, (struct sockaddr *)&sin, sizeof sin);
    struct pollfd p = {.fd = s, .events = POLLIN};
    poll(&p, 1, 0);
    fcntl(s, F_GETFL);
    close(s);
    mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
         0);
    syscall(SYS_ioprio_get, 1, 0);
    return 0;
}
