// A /tmp file's attributes change as on Linux: permission bits (chmod,
// fchmod, fchmodat), owner and group (chown, lchown, fchown, fchownat,
// with -1 for "unchanged" and the set-ID bits a new owner clears), and
// times (utimensat with explicit times, UTIME_OMIT and UTIME_NOW, futimens,
// utimes), with the errors of bad arguments. Compared against Linux (as
// root, which the program is in a unikernel).
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

static struct stat st;

static void show(const char *path)
{
    if (stat(path, &st) != 0) {
        SAY("%s: stat failed\n", path);
        return;
    }
    SAY("%s: mode %04o uid %d gid %d\n", path, st.st_mode & 07777,
        (int)st.st_uid, (int)st.st_gid);
}

int main(void)
{
    char base[64];
    struct timespec set[2] = {{1000, 500}, {2000000000, 600}}, before;
    struct timeval tv[2] = {{3000, 7}, {4000, 9}};
    int fd;

    if (geteuid() != 0) {
        SAY("run as root\n");
        return 1;
    }
    snprintf(base, sizeof base, "/tmp/ukcc-attr-test-%d", (int)getpid());
    if (mkdir(base, 0700) != 0 || chdir(base) != 0)
        return 1;
    umask(0);
    fd = open("f", O_CREAT | O_RDWR, 0644);
    if (fd < 0 || mkdir("d", 0755) != 0)
        return 1;

    // CHECK: f: mode 0644 uid 0 gid 0
    show("f");
    // CHECK: chmod("f", 0600) -> 0
    REPORT(chmod("f", 0600));
    // CHECK: f: mode 0600
    show("f");
    // CHECK: fchmod(fd, 04751) -> 0
    REPORT(fchmod(fd, 04751));
    // CHECK: f: mode 4751
    show("f");
    // CHECK: fchmodat(AT_FDCWD, "d", 0711, 0) -> 0
    REPORT(fchmodat(AT_FDCWD, "d", 0711, 0));
    // CHECK: d: mode 0711
    show("d");
    // CHECK: chmod("missing", 0600) -> -1 ENOENT
    REPORT(chmod("missing", 0600));
    // CHECK: fchmod(-1, 0600) -> -1 EBADF
    REPORT(fchmod(-1, 0600));

    // A new owner clears set-user-ID; set-group-ID too, with group execute.
    // CHECK: chown("f", 1000, 2000) -> 0
    REPORT(chown("f", 1000, 2000));
    // CHECK: f: mode 0751 uid 1000 gid 2000
    show("f");
    // CHECK: chmod("f", 06745) -> 0
    REPORT(chmod("f", 06745));
    // CHECK: fchown(fd, -1, 3000) -> 0
    REPORT(fchown(fd, -1, 3000));
    // CHECK: f: mode 2745 uid 1000 gid 3000
    show("f");
    // CHECK: chmod("f", 06755) -> 0
    REPORT(chmod("f", 06755));
    // CHECK: lchown("f", 5, -1) -> 0
    REPORT(lchown("f", 5, -1));
    // CHECK: f: mode 0755 uid 5 gid 3000
    show("f");
    // Even a chown that changes nothing.
    // CHECK: chmod("f", 04755) -> 0
    REPORT(chmod("f", 04755));
    // CHECK: chown("f", -1, -1) -> 0
    REPORT(chown("f", -1, -1));
    // CHECK: f: mode 0755 uid 5 gid 3000
    show("f");
    // Directories keep their set-ID bits.
    // CHECK: chmod("d", 03775) -> 0
    REPORT(chmod("d", 03775));
    // CHECK: fchownat(AT_FDCWD, "d", 7, 8, AT_SYMLINK_NOFOLLOW) -> 0
    REPORT(fchownat(AT_FDCWD, "d", 7, 8, AT_SYMLINK_NOFOLLOW));
    // CHECK: d: mode 3775 uid 7 gid 8
    show("d");
    // CHECK: fchownat(fd, "", 0, 0, AT_EMPTY_PATH) -> 0
    REPORT(fchownat(fd, "", 0, 0, AT_EMPTY_PATH));
    // CHECK: f: mode 0755 uid 0 gid 0
    show("f");
    // CHECK: fchownat(AT_FDCWD, "f", 0, 0, 0x10000) -> -1 EINVAL
    REPORT(fchownat(AT_FDCWD, "f", 0, 0, 0x10000));
    // CHECK: chown("missing", 0, 0) -> -1 ENOENT
    REPORT(chown("missing", 0, 0));

    // Times: explicit, one omitted, now.
    // CHECK: utimensat(AT_FDCWD, "f", set, 0) -> 0
    REPORT(utimensat(AT_FDCWD, "f", set, 0));
    stat("f", &st);
    // CHECK: atime 1000.500 mtime 2000000000.600
    SAY("atime %lld.%ld mtime %lld.%ld\n", (long long)st.st_atim.tv_sec,
        st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    set[0].tv_nsec = UTIME_OMIT;
    set[1].tv_nsec = UTIME_NOW;
    clock_gettime(CLOCK_REALTIME, &before);
    before.tv_sec -= 1; // file times may be coarser than the clock
    // CHECK: utimensat(AT_FDCWD, "f", set, 0) -> 0
    REPORT(utimensat(AT_FDCWD, "f", set, 0));
    stat("f", &st);
    // CHECK: atime 1000.500 mtime now 1
    SAY("atime %lld.%ld mtime now %d\n", (long long)st.st_atim.tv_sec,
        st.st_atim.tv_nsec, st.st_mtim.tv_sec >= before.tv_sec);
    // CHECK: utimes("f", tv) -> 0
    REPORT(utimes("f", tv));
    stat("f", &st);
    // CHECK: atime 3000.7000 mtime 4000.9000
    SAY("atime %lld.%ld mtime %lld.%ld\n", (long long)st.st_atim.tv_sec,
        st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    // CHECK: futimens(fd, NULL) -> 0
    REPORT(futimens(fd, NULL));
    stat("f", &st);
    // CHECK: both now 1 1
    SAY("both now %d %d\n", st.st_atim.tv_sec >= before.tv_sec,
        st.st_mtim.tv_sec >= before.tv_sec);
    set[0].tv_nsec = 1000000000;
    // CHECK: utimensat(AT_FDCWD, "f", set, 0) -> -1 EINVAL
    REPORT(utimensat(AT_FDCWD, "f", set, 0));
    // CHECK: utimensat(AT_FDCWD, "missing", NULL, 0) -> -1 ENOENT
    REPORT(utimensat(AT_FDCWD, "missing", NULL, 0));

    close(fd);
    unlink("f");
    rmdir("d");
    chdir("/");
    // CHECK: rmdir(base) -> 0
    REPORT(rmdir(base));
    return 0;
}
