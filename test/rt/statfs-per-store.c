// statfs, fstatfs and statvfs name the store a file is on: /tmp is tmpfs,
// sized by the memory rt can still hand out (a 1 MiB file takes its pages
// from it); the skeleton and --embed trees are read-only; a pipe is on
// pipefs, a socket on sockfs; a bad path or descriptor gets Linux's error.
// (Not compared with Linux: the host's /tmp may be any file system.)
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t --embed %S/Inputs:/srv
// RUN: %t | FileCheck %s
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh --embed %S/Inputs:/srv
// RUN: %src_root/test/boot/run-qemu.sh %t.pvh | FileCheck %s
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "report.h"

static struct statfs sf;

static void show(const char *what)
{
    SAY("%s: type %#lx bsize %ld namelen %ld rdonly %d sized %d\n", what,
        (unsigned long)sf.f_type, (long)sf.f_bsize, (long)sf.f_namelen,
        (sf.f_flags & ST_RDONLY) != 0, sf.f_blocks > 0 && sf.f_bfree > 0);
}

int main(void)
{
    static char mib[1 << 20];
    struct statvfs sv;
    unsigned long before;
    int p[2], fd, s;

    REPORT(statfs("/tmp", &sf));
    show("/tmp");
    before = sf.f_bfree;
    fd = open("/tmp/big", O_CREAT | O_WRONLY, 0644);
    memset(mib, 'x', sizeof mib);
    REPORT(write(fd, mib, sizeof mib));
    REPORT(fstatfs(fd, &sf));
    SAY("1 MiB took at least 256 blocks: %d\n", before - sf.f_bfree >= 256);
    close(fd);

    REPORT(statfs("/srv/report.h", &sf));
    show("/srv/report.h");
    REPORT(statfs("/", &sf));
    show("/");
    REPORT(statfs("/dev/null", &sf));
    show("/dev/null");
    REPORT(statvfs("/srv", &sv));
    SAY("statvfs /srv: read-only %d\n", (sv.f_flag & ST_RDONLY) != 0);

    pipe(p);
    REPORT(fstatfs(p[0], &sf));
    SAY("pipe: type %#lx\n", (unsigned long)sf.f_type);
    s = socket(AF_INET, SOCK_STREAM, 0);
    REPORT(fstatfs(s, &sf));
    SAY("socket: type %#lx\n", (unsigned long)sf.f_type);

    REPORT(statfs("/nonexistent", &sf));
    REPORT(statfs("/tmp/big/x", &sf));
    REPORT(fstatfs(-1, &sf));
    REPORT(fstatfs(99, &sf));
    return 0;
}

// CHECK:      statfs("/tmp", &sf) -> 0
// CHECK-NEXT: /tmp: type 0x1021994 bsize 4096 namelen 255 rdonly 0 sized 1
// CHECK-NEXT: write(fd, mib, sizeof mib) -> 1048576
// CHECK-NEXT: fstatfs(fd, &sf) -> 0
// CHECK-NEXT: 1 MiB took at least 256 blocks: 1
// CHECK-NEXT: statfs("/srv/report.h", &sf) -> 0
// CHECK-NEXT: /srv/report.h: type 0x858458f6 bsize 4096 namelen 255 rdonly 1 sized 0
// CHECK-NEXT: statfs("/", &sf) -> 0
// CHECK-NEXT: /: type 0x858458f6 bsize 4096 namelen 255 rdonly 1 sized 0
// CHECK-NEXT: statfs("/dev/null", &sf) -> 0
// CHECK-NEXT: /dev/null: type 0x1021994 bsize 4096 namelen 255 rdonly 0 sized 1
// CHECK-NEXT: statvfs("/srv", &sv) -> 0
// CHECK-NEXT: statvfs /srv: read-only 1
// CHECK-NEXT: fstatfs(p[0], &sf) -> 0
// CHECK-NEXT: pipe: type 0x50495045
// CHECK-NEXT: fstatfs(s, &sf) -> 0
// CHECK-NEXT: socket: type 0x534f434b
// CHECK-NEXT: statfs("/nonexistent", &sf) -> -1 ENOENT
// CHECK-NEXT: statfs("/tmp/big/x", &sf) -> -1 ENOTDIR
// CHECK-NEXT: fstatfs(-1, &sf) -> -1 EBADF
// CHECK-NEXT: fstatfs(99, &sf) -> -1 EBADF
