// Files: /dev devices, descriptors, dup/fcntl, and bad descriptors and
// pointers answered with errors, never crashes. Compared against Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "report.h"

int main(void)
{
    char buf[64];
    struct stat st;
    int null = open("/dev/null", O_RDWR);
    int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
    int rnd = open("/dev/urandom", O_RDONLY);

    // CHECK: null>2 zero>2 rnd>2: 1 1 1
    SAY("null>2 zero>2 rnd>2: %d %d %d\n", null > 2, zero > 2, rnd > 2);
    // CHECK: read(null, buf, sizeof buf) -> 0
    REPORT(read(null, buf, sizeof buf));
    // CHECK: write(null, "abc", 3) -> 3
    REPORT(write(null, "abc", 3));
    memset(buf, 7, sizeof buf);
    // CHECK: read(zero, buf, 16) -> 16
    REPORT(read(zero, buf, 16));
    // CHECK: zeroes: 1
    SAY("zeroes: %d\n", buf[0] == 0 && buf[15] == 0 && buf[16] == 7);
    // CHECK: read(rnd, buf, 32) -> 32
    REPORT(read(rnd, buf, 32));
    // CHECK: fstat(null, &st) -> 0
    REPORT(fstat(null, &st));
    // CHECK: chr 1 3
    SAY("%s %u %u\n", S_ISCHR(st.st_mode) ? "chr" : "other", major(st.st_rdev),
        minor(st.st_rdev));
    // CHECK: fcntl(zero, F_GETFD) -> 1
    REPORT(fcntl(zero, F_GETFD));
    // CHECK: fcntl(null, F_GETFL) & O_ACCMODE -> 2
    REPORT(fcntl(null, F_GETFL) & O_ACCMODE);
    // CHECK: fcntl(null, F_SETFL, O_NONBLOCK) -> 0
    REPORT(fcntl(null, F_SETFL, O_NONBLOCK));
    // CHECK: (fcntl(null, F_GETFL) & O_NONBLOCK) != 0 -> 1
    REPORT((fcntl(null, F_GETFL) & O_NONBLOCK) != 0);

    // CHECK: dup2(null, 40) -> 40
    REPORT(dup2(null, 40));
    // CHECK: write(40, "x", 1) -> 1
    REPORT(write(40, "x", 1));
    // CHECK: dup3(null, 40, O_CLOEXEC) -> 40
    REPORT(dup3(null, 40, O_CLOEXEC));
    // CHECK: fcntl(40, F_GETFD) -> 1
    REPORT(fcntl(40, F_GETFD));
    // CHECK: dup3(null, null, 0) -> -1 EINVAL
    REPORT(dup3(null, null, 0));
    // CHECK: fcntl(null, F_DUPFD, 50) -> 50
    REPORT(fcntl(null, F_DUPFD, 50));
    // CHECK: close(50) -> 0
    REPORT(close(50));
    // CHECK: close(50) -> -1 EBADF
    REPORT(close(50));

    // CHECK: open("/nonexistent", O_RDONLY) -> -1 ENOENT
    REPORT(open("/nonexistent", O_RDONLY));
    // CHECK: open("/dev/null", O_RDONLY | O_DIRECTORY) -> -1 ENOTDIR
    REPORT(open("/dev/null", O_RDONLY | O_DIRECTORY));
    // CHECK: open((char *)1, O_RDONLY) -> -1 EFAULT
    REPORT(open((char *)1, O_RDONLY));
    // CHECK: read(-1, buf, 1) -> -1 EBADF
    REPORT(read(-1, buf, 1));
    // CHECK: read(999, buf, 1) -> -1 EBADF
    REPORT(read(999, buf, 1));
    // CHECK: read(zero, (void *)8, 1) -> -1 EFAULT
    REPORT(read(zero, (void *)8, 1));
    // (Linux's /dev/null never reads the buffer, so write(null, bad) is 1
    // there; rt checks every buffer first, so the two differ on purpose.)
    // CHECK: write(zero, "x", 1) -> -1 EBADF
    REPORT(write(zero, "x", 1));
    // CHECK: lseek(null, 0, 99) -> -1 EINVAL
    REPORT(lseek(null, 0, 99));
    // CHECK: fcntl(null, 9999) -> -1 EINVAL
    REPORT(fcntl(null, 9999));
    // CHECK: ioctl(null, TIOCGWINSZ, buf) -> -1 ENOTTY
    REPORT(ioctl(null, TIOCGWINSZ, buf));
    // musl's fstat converts the kernel's struct itself: ask the kernel
    // CHECK: syscall(SYS_fstat, null, 8) -> -1 EFAULT
    REPORT(syscall(SYS_fstat, null, 8));
    return 0;
}
// CHECK: status 0
