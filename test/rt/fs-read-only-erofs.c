// On ukcc's runtime everything outside /tmp is read-only, answering EROFS
// as a read-only mount does; /etc is synthesised (no /etc/localtime, so
// musl runs on UTC); moving between /tmp and the rest is EXDEV; and /tmp
// gives its pages back when files shrink or go. (Linux answers from the
// host's own files here, so this one runs on rt only.)
// RUN: %ukcc --hosted -I%S/Inputs %s --embed %S/Inputs/tree:/srv/www -o %t
// RUN: %t | FileCheck %s
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

static unsigned long free_ram(void)
{
    struct sysinfo si;

    sysinfo(&si);
    return si.freeram;
}

int main(void)
{
    static char buf[1 << 16];
    unsigned long before;
    struct stat st;
    int fd;

    // CHECK: open("/srv/www/hello.txt", O_WRONLY) -> -1 EROFS
    REPORT(open("/srv/www/hello.txt", O_WRONLY));
    // CHECK: open("/srv/www/hello.txt", O_RDONLY | O_TRUNC) -> -1 EROFS
    REPORT(open("/srv/www/hello.txt", O_RDONLY | O_TRUNC));
    // CHECK: open("/srv/www/new", O_CREAT | O_WRONLY, 0644) -> -1 EROFS
    REPORT(open("/srv/www/new", O_CREAT | O_WRONLY, 0644));
    // CHECK: open("/srv/www/no/new", O_CREAT | O_WRONLY, 0644) -> -1 ENOENT
    REPORT(open("/srv/www/no/new", O_CREAT | O_WRONLY, 0644));
    // CHECK: open("/srv/www/hello.txt", O_RDONLY | O_CREAT, 0644) -> 3
    REPORT(open("/srv/www/hello.txt", O_RDONLY | O_CREAT, 0644));
    // CHECK: open("/etc/hosts", O_RDWR) -> -1 EROFS
    REPORT(open("/etc/hosts", O_RDWR));
    // CHECK: open("/newfile", O_CREAT | O_RDWR, 0644) -> -1 EROFS
    REPORT(open("/newfile", O_CREAT | O_RDWR, 0644));
    // CHECK: open("/dev/newdev", O_CREAT | O_RDWR, 0644) -> -1 EROFS
    REPORT(open("/dev/newdev", O_CREAT | O_RDWR, 0644));
    // CHECK: mkdir("/srv/www/d", 0755) -> -1 EROFS
    REPORT(mkdir("/srv/www/d", 0755));
    // CHECK: mkdir("/srv/www/sub", 0755) -> -1 EEXIST
    REPORT(mkdir("/srv/www/sub", 0755));
    // CHECK: unlink("/srv/www/hello.txt") -> -1 EROFS
    REPORT(unlink("/srv/www/hello.txt"));
    // CHECK: unlink("/srv/www/nothere") -> -1 EROFS
    REPORT(unlink("/srv/www/nothere"));
    // CHECK: rmdir("/srv/www/sub") -> -1 EROFS
    REPORT(rmdir("/srv/www/sub"));
    // CHECK: rmdir("/srv/www/sub/notes.md") -> -1 EROFS
    REPORT(rmdir("/srv/www/sub/notes.md"));
    // CHECK: rename("/srv/www/hello.txt", "/srv/www/x") -> -1 EROFS
    REPORT(rename("/srv/www/hello.txt", "/srv/www/x"));
    // CHECK: rename("/srv/www/hello.txt", "/tmp/x") -> -1 EXDEV
    REPORT(rename("/srv/www/hello.txt", "/tmp/x"));
    // CHECK: truncate("/srv/www/hello.txt", 0) -> -1 EROFS
    REPORT(truncate("/srv/www/hello.txt", 0));
    // CHECK: truncate("/dev/null", 0) -> -1 EINVAL
    REPORT(truncate("/dev/null", 0));
    // CHECK: access("/srv/www/hello.txt", W_OK) -> -1 EROFS
    REPORT(access("/srv/www/hello.txt", W_OK));
    // CHECK: access("/tmp", W_OK) -> 0
    REPORT(access("/tmp", W_OK));
    // CHECK: access("/dev/null", W_OK) -> 0
    REPORT(access("/dev/null", W_OK));
    // CHECK: rmdir("/tmp") -> -1 EROFS
    REPORT(rmdir("/tmp"));
    // CHECK: rmdir("/") -> -1 EBUSY
    REPORT(rmdir("/"));
    // CHECK: read(open("/srv", O_RDONLY), buf, 1) -> -1 EISDIR
    REPORT(read(open("/srv", O_RDONLY), buf, 1));

    // The synthesised /etc, and no /etc/localtime.
    // CHECK: access("/etc/localtime", F_OK) -> -1 ENOENT
    REPORT(access("/etc/localtime", F_OK));
    // CHECK: nameserver 127.0.0.1
    fd = open("/etc/resolv.conf", O_RDONLY);
    buf[read(fd, buf, sizeof buf - 1)] = '\0';
    SAY("%s", strstr(buf, "nameserver"));
    close(fd);
    // CHECK: 127.0.0.1	localhost
    fd = open("/etc/hosts", O_RDONLY);
    buf[read(fd, buf, sizeof buf - 1)] = '\0';
    SAY("%s", buf);
    close(fd);
    // CHECK: root:x:0:0:
    fd = open("/etc/passwd", O_RDONLY);
    buf[read(fd, buf, sizeof buf - 1)] = '\0';
    SAY("%s", buf);
    close(fd);
    // CHECK: root:x:0:
    fd = open("/etc/group", O_RDONLY);
    buf[read(fd, buf, sizeof buf - 1)] = '\0';
    SAY("%s", buf);
    close(fd);
    // CHECK: utc offset 0
    tzset();
    SAY("utc offset %ld\n", timezone);
    // CHECK: stat("/srv", &st) -> 0
    REPORT(stat("/srv", &st));
    // CHECK: dir 1
    SAY("dir %d\n", S_ISDIR(st.st_mode));

    // /tmp gives pages back on truncate and unlink.
    memset(buf, 'x', sizeof buf);
    close(open("/tmp/warm", O_CREAT | O_RDWR, 0600)); /* a page of nodes */
    unlink("/tmp/warm");
    before = free_ram();
    fd = open("/tmp/big", O_CREAT | O_RDWR, 0600);
    for (int i = 0; i < 64; i++)
        write(fd, buf, sizeof buf);
    // CHECK: grew: 1
    SAY("grew: %d\n", free_ram() + (4ul << 20) <= before);
    ftruncate(fd, 100);
    // CHECK: ftruncate gave back: 1
    SAY("ftruncate gave back: %d\n", free_ram() + 8192 >= before);
    write(fd, buf, sizeof buf);
    close(fd);
    unlink("/tmp/big");
    // CHECK: free before == after: 1
    SAY("free before == after: %d\n", free_ram() == before);
    return 0;
}
