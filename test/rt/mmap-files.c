// mmap of files, as on Linux: a private mapping is the file's contents at
// the offset (zero past the end) and stores into it stay private; a shared
// mapping of a /tmp file is the file itself: stores through it are read
// back by pread, pwrite shows through it, two mappings of one range are
// one memory, and it outlives close, unlink and a partial munmap. The
// errors of bad descriptors, modes, offsets and kinds of file. Compared
// against Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "report.h"

#define PAGE 4096

int main(void)
{
    char path[64], buf[16];
    char *p, *q, *r;
    int fd, ro, wo, pipefd[2];

    snprintf(path, sizeof path, "/tmp/ukcc-mmap-test-%d", (int)getpid());
    fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0600);
    ro = open(path, O_RDONLY);
    wo = open(path, O_WRONLY);
    if (fd < 0 || ro < 0 || wo < 0 || pipe(pipefd))
        return 1;
    for (int i = 0; i < 3 * PAGE; i += 16)
        pwrite(fd, "0123456789abcdef", 16, i);
    pwrite(fd, "END", 3, 3 * PAGE); // 3 pages and 3 bytes

    // Private: the contents at the offset, zero past the end, stores kept.
    p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 2 * PAGE);
    // CHECK: private: 0123 END zero 1
    SAY("private: %.4s %.3s zero %d\n", p, p + PAGE,
        p[PAGE + 3] == 0 && p[2 * PAGE - 1] == 0);
    memcpy(p, "PRIV", 4);
    // CHECK: pread(fd, buf, 4, 2 * PAGE) -> 4
    REPORT(pread(fd, buf, 4, 2 * PAGE));
    // CHECK: file still 0123
    SAY("file still %.4s\n", buf);
    // CHECK: munmap(p, 2 * PAGE) -> 0
    REPORT(munmap(p, 2 * PAGE));
    p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 0);
    // CHECK: read-only private: 0123456789abcdef
    SAY("read-only private: %.16s\n", p);
    munmap(p, PAGE);

    // Shared: the file itself, both ways.
    p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
    memcpy(p + PAGE + 8, "SHARED", 6);
    // CHECK: pread(fd, buf, 6, PAGE + 8) -> 6
    REPORT(pread(fd, buf, 6, PAGE + 8));
    // CHECK: file sees SHARED, second mapping sees SHARED
    SAY("file sees %.6s, second mapping sees %.6s\n", buf, q + 8);
    // CHECK: pwrite(fd, "written", 7, 2 * PAGE) -> 7
    REPORT(pwrite(fd, "written", 7, 2 * PAGE));
    // CHECK: mapping sees written
    SAY("mapping sees %.7s\n", p + 2 * PAGE);
    // CHECK: msync(p, 3 * PAGE, MS_SYNC) -> 0
    REPORT(msync(p, 3 * PAGE, MS_SYNC));
    // CHECK: msync(p, PAGE, MS_SYNC | MS_ASYNC) -> -1 EINVAL
    REPORT(msync(p, PAGE, MS_SYNC | MS_ASYNC));
    // Growing the file: new bytes read as zero through a new mapping.
    // CHECK: ftruncate(fd, 5 * PAGE) -> 0
    REPORT(ftruncate(fd, 5 * PAGE));
    r = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 3 * PAGE);
    // CHECK: grown: END zero 1
    SAY("grown: %.3s zero %d\n", r, r[3] == 0 && r[2 * PAGE - 1] == 0);
    r[PAGE] = 'X';
    // CHECK: pread(fd, buf, 1, 4 * PAGE) -> 1
    REPORT(pread(fd, buf, 1, 4 * PAGE));
    // CHECK: X
    SAY("%c\n", buf[0]);
    // The middle page unmapped; the others, the file gone, still work.
    // CHECK: munmap(p + PAGE, PAGE) -> 0
    REPORT(munmap(p + PAGE, PAGE));
    close(fd);
    // CHECK: unlink(path) -> 0
    REPORT(unlink(path));
    memcpy(p, "first", 5);
    memcpy(p + 2 * PAGE, "third", 5);
    // CHECK: after unlink: first third SHARED
    SAY("after unlink: %.5s %.5s %.6s\n", p, p + 2 * PAGE, q + 8);
    // CHECK: munmap(p, PAGE) -> 0
    REPORT(munmap(p, PAGE));
    // CHECK: munmap(p + 2 * PAGE, PAGE) -> 0
    REPORT(munmap(p + 2 * PAGE, PAGE));
    // CHECK: munmap(q, PAGE) -> 0
    REPORT(munmap(q, PAGE));
    // CHECK: munmap(r, 2 * PAGE) -> 0
    REPORT(munmap(r, 2 * PAGE));

    // Errors.
    // CHECK: mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED -> 1
    REPORT(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED);
    // CHECK: errno EBADF
    SAY("errno %s\n", errno_name(errno));
    // CHECK: mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, wo, 0) == MAP_FAILED -> 1
    REPORT(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, wo, 0) == MAP_FAILED);
    // CHECK: errno EACCES
    SAY("errno %s\n", errno_name(errno));
    // CHECK: mmap(NULL, PAGE, PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED -> 1
    REPORT(mmap(NULL, PAGE, PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED);
    // CHECK: errno EACCES
    SAY("errno %s\n", errno_name(errno));
    // CHECK: mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 100) == MAP_FAILED ->
    // 1
    REPORT(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 100) == MAP_FAILED);
    // CHECK: errno EINVAL
    SAY("errno %s\n", errno_name(errno));
    // CHECK: mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, pipefd[0], 0) ==
    // MAP_FAILED -> 1
    REPORT(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, pipefd[0], 0) ==
           MAP_FAILED);
    // CHECK: errno ENODEV
    SAY("errno %s\n", errno_name(errno));
    close(ro);
    close(wo);
    return 0;
}
