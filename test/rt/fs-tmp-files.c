// /tmp is writable: files and directories are created, written, read,
// truncated, renamed and removed as on Linux. Works in a fresh directory,
// removed at the end, and prints nothing that names it. Compared against
// Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "report.h"

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *path)
{
    static char names[64][256];
    char *sorted[64];
    int n = 0;
    DIR *d = opendir(path);
    struct dirent *e;

    while (d && (e = readdir(d)) && n < 64) {
        snprintf(names[n], sizeof names[n], "%s%s", e->d_name,
                 e->d_type == DT_DIR ? "/" : "");
        sorted[n] = names[n];
        n++;
    }
    if (d)
        closedir(d);
    qsort(sorted, n, sizeof *sorted, cmp);
    SAY("%s:", path);
    for (int i = 0; i < n; i++)
        SAY(" %s", sorted[i]);
    SAY("\n");
}

static long long size_of(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

int main(void)
{
    char base[64], buf[64], cwd[PATH_MAX];
    struct stat st;
    int fd, fd2;

    snprintf(base, sizeof base, "/tmp/ukcc-fs-test-%d", (int)getpid());
    if (mkdir(base, 0700) != 0 || chdir(base) != 0)
        return 1;

    // Create, write, read back.
    // CHECK: fd = open("a", O_CREAT | O_EXCL | O_RDWR, 0640) -> 3
    REPORT(fd = open("a", O_CREAT | O_EXCL | O_RDWR, 0640));
    // CHECK: open("a", O_CREAT | O_EXCL | O_RDWR, 0640) -> -1 EEXIST
    REPORT(open("a", O_CREAT | O_EXCL | O_RDWR, 0640));
    // CHECK: write(fd, "hello, world", 12) -> 12
    REPORT(write(fd, "hello, world", 12));
    // CHECK: fstat(fd, &st) -> 0
    REPORT(fstat(fd, &st));
    // CHECK: reg 1 size 12 mode 640 nlink 1
    SAY("reg %d size %lld mode %o nlink %d\n", S_ISREG(st.st_mode),
        (long long)st.st_size, st.st_mode & 0777, (int)st.st_nlink);
    // CHECK: pread(fd, buf, 5, 7) -> 5
    REPORT(pread(fd, buf, 5, 7));
    // CHECK: world
    SAY("%.5s\n", buf);
    // CHECK: pwrite(fd, "W", 1, 7) -> 1
    REPORT(pwrite(fd, "W", 1, 7));
    // Past the end: the hole reads as zeroes.
    // CHECK: pwrite(fd, "!", 1, 5000) -> 1
    REPORT(pwrite(fd, "!", 1, 5000));
    // CHECK: lseek(fd, 0, SEEK_END) -> 5001
    REPORT(lseek(fd, 0, SEEK_END));
    // CHECK: pread(fd, buf, 4, 4998) -> 3
    REPORT(pread(fd, buf, 4, 4998));
    // CHECK: hole 0 0 !
    SAY("hole %d %d %c\n", buf[0], buf[1], buf[2]);
    // CHECK: lseek(fd, 0, SEEK_SET) -> 0
    REPORT(lseek(fd, 0, SEEK_SET));
    // CHECK: read(fd, buf, 12) -> 12
    REPORT(read(fd, buf, 12));
    // CHECK: hello, World
    SAY("%.12s\n", buf);

    // Truncation, shorter and longer.
    // CHECK: ftruncate(fd, 5) -> 0
    REPORT(ftruncate(fd, 5));
    // CHECK: truncate("a", 8) -> 0
    REPORT(truncate("a", 8));
    // CHECK: pread(fd, buf, 16, 0) -> 8
    REPORT(pread(fd, buf, 16, 0));
    // CHECK: hello 0 0 0
    SAY("%.5s %d %d %d\n", buf, buf[5], buf[6], buf[7]);
    // CHECK: ftruncate(fd, -1) -> -1 EINVAL
    REPORT(ftruncate(fd, -1));
    // CHECK: truncate("a", -1) -> -1 EINVAL
    REPORT(truncate("a", -1));
    // CHECK: truncate("nothere", 0) -> -1 ENOENT
    REPORT(truncate("nothere", 0));
    // CHECK: ftruncate(-1, 0) -> -1 EBADF
    REPORT(ftruncate(-1, 0));
    // CHECK: fsync(fd) -> 0
    REPORT(fsync(fd));
    // CHECK: fdatasync(fd) -> 0
    REPORT(fdatasync(fd));
    // CHECK: fsync(-1) -> -1 EBADF
    REPORT(fsync(-1));

    // O_APPEND, O_TRUNC, creat.
    // CHECK: fd2 = open("a", O_WRONLY | O_APPEND) -> 4
    REPORT(fd2 = open("a", O_WRONLY | O_APPEND));
    // CHECK: write(fd2, "++", 2) -> 2
    REPORT(write(fd2, "++", 2));
    // CHECK: size 10
    SAY("size %lld\n", size_of("a"));
    // CHECK: read(fd2, buf, 1) -> -1 EBADF
    REPORT(read(fd2, buf, 1));
    // CHECK: close(fd2) -> 0
    REPORT(close(fd2));
    // CHECK: fd2 = open("a", O_RDONLY | O_TRUNC) -> 4
    REPORT(fd2 = open("a", O_RDONLY | O_TRUNC));
    // CHECK: size 0
    SAY("size %lld\n", size_of("a"));
    // CHECK: write(fd2, "x", 1) -> -1 EBADF
    REPORT(write(fd2, "x", 1));
    close(fd2);
    // CHECK: fd2 = creat("b", 0600) -> 4
    REPORT(fd2 = creat("b", 0600));
    // CHECK: write(fd2, "bee", 3) -> 3
    REPORT(write(fd2, "bee", 3));
    close(fd2);

    // Directories.
    // CHECK: mkdir("d", 0755) -> 0
    REPORT(mkdir("d", 0755));
    // CHECK: mkdir("d", 0755) -> -1 EEXIST
    REPORT(mkdir("d", 0755));
    // CHECK: mkdir("d/e/f", 0755) -> -1 ENOENT
    REPORT(mkdir("d/e/f", 0755));
    // CHECK: mkdir("a/e", 0755) -> -1 ENOTDIR
    REPORT(mkdir("a/e", 0755));
    // CHECK: mkdirat(AT_FDCWD, "d/e/", 0700) -> 0
    REPORT(mkdirat(AT_FDCWD, "d/e/", 0700));
    // CHECK: stat("d", &st) -> 0
    REPORT(stat("d", &st));
    // CHECK: dir 1 nlink 3
    SAY("dir %d nlink %d\n", S_ISDIR(st.st_mode), (int)st.st_nlink);
    // CHECK: open("d/e/new/", O_CREAT | O_RDWR, 0644) -> -1 EISDIR
    REPORT(open("d/e/new/", O_CREAT | O_RDWR, 0644));
    // CHECK: open("d", O_RDWR) -> -1 EISDIR
    REPORT(open("d", O_RDWR));
    // CHECK: open("a/", O_RDONLY) -> -1 ENOTDIR
    REPORT(open("a/", O_RDONLY));
    // CHECK: rmdir("d") -> -1 ENOTEMPTY
    REPORT(rmdir("d"));
    // CHECK: rmdir("a") -> -1 ENOTDIR
    REPORT(rmdir("a"));
    // CHECK: rmdir("d/e/.") -> -1 EINVAL
    REPORT(rmdir("d/e/."));
    // CHECK: unlink("d") -> -1 EISDIR
    REPORT(unlink("d"));
    // CHECK: unlink("nothere") -> -1 ENOENT
    REPORT(unlink("nothere"));
    // CHECK: unlinkat(AT_FDCWD, "d", 0x1000) -> -1 EINVAL
    REPORT(unlinkat(AT_FDCWD, "d", 0x1000));
    // CHECK: .: ../ ./ a b d/
    list(".");

    // Renames.
    // CHECK: rename("b", "d/e/b2") -> 0
    REPORT(rename("b", "d/e/b2"));
    // CHECK: rename("b", "c") -> -1 ENOENT
    REPORT(rename("b", "c"));
    // CHECK: rename("d/e/b2", "a") -> 0
    REPORT(rename("d/e/b2", "a"));
    // CHECK: size 3
    SAY("size %lld\n", size_of("a"));
    // CHECK: rename("a", "d") -> -1 EISDIR
    REPORT(rename("a", "d"));
    // CHECK: rename("d", "a") -> -1 ENOTDIR
    REPORT(rename("d", "a"));
    // CHECK: rename("d", "d/e/x") -> -1 EINVAL
    REPORT(rename("d", "d/e/x"));
    // CHECK: mkdir("g", 0755) -> 0
    REPORT(mkdir("g", 0755));
    // CHECK: rename("g", "d") -> -1 ENOTEMPTY
    REPORT(rename("g", "d"));
    // CHECK: rename("d/e", "g") -> 0
    REPORT(rename("d/e", "g"));
    // CHECK: syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "g/x", 0) -> 0
    REPORT(syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "g/x", 0));
    // CHECK: renameat(AT_FDCWD, "g/x", AT_FDCWD, "a") -> 0
    REPORT(renameat(AT_FDCWD, "g/x", AT_FDCWD, "a"));
    // CHECK: rename("a", "a") -> 0
    REPORT(rename("a", "a"));
    // CHECK: rename("a/", "z") -> -1 ENOTDIR
    REPORT(rename("a/", "z"));
    // CHECK: rename((char *)8, "z") -> -1 EFAULT
    REPORT(rename((char *)8, "z"));
    // CHECK: .: ../ ./ a d/ g/
    list(".");

    // The working directory moves with its directory.
    // CHECK: chdir("g") -> 0
    REPORT(chdir("g"));
    // CHECK: rename("../g", "../h") -> 0
    REPORT(rename("../g", "../h"));
    getcwd(cwd, sizeof cwd);
    // CHECK: cwd h
    SAY("cwd %s\n", cwd + strlen(base) + 1);
    // CHECK: fd2 = open("..", O_RDONLY | O_DIRECTORY) -> 4
    REPORT(fd2 = open("..", O_RDONLY | O_DIRECTORY));
    // CHECK: faccessat(fd2, "a", R_OK | W_OK, 0) -> 0
    REPORT(faccessat(fd2, "a", R_OK | W_OK, 0));
    // CHECK: faccessat(fd2, "a", X_OK, 0) -> -1 EACCES
    REPORT(faccessat(fd2, "a", X_OK, 0));
    // CHECK: fchdir(fd2) -> 0
    REPORT(fchdir(fd2));
    close(fd2);

    // An unlinked file stays readable while open.
    // CHECK: fd2 = open("a", O_RDONLY) -> 4
    REPORT(fd2 = open("a", O_RDONLY));
    // CHECK: unlink("a") -> 0
    REPORT(unlink("a"));
    // CHECK: access("a", F_OK) -> -1 ENOENT
    REPORT(access("a", F_OK));
    // CHECK: read(fd2, buf, 8) -> 3
    REPORT(read(fd2, buf, 8));
    // CHECK: bee
    SAY("%.3s\n", buf);
    // CHECK: fstat(fd2, &st) -> 0
    REPORT(fstat(fd2, &st));
    // CHECK: nlink 0 size 3
    SAY("nlink %d size %lld\n", (int)st.st_nlink, (long long)st.st_size);
    close(fd2);
    close(fd);

    // /dev/full, and fsync of a device.
    fd = open("/dev/full", O_RDWR);
    // CHECK: write(fd, "x", 1) -> -1 ENOSPC
    REPORT(write(fd, "x", 1));
    // CHECK: read(fd, buf, 4) -> 4
    REPORT(read(fd, buf, 4));
    // CHECK: fsync(fd) -> -1 EINVAL
    REPORT(fsync(fd));
    close(fd);

    // Clean up.
    // CHECK: rmdir("h") -> 0
    REPORT(rmdir("h"));
    // CHECK: rmdir("d") -> 0
    REPORT(rmdir("d"));
    // CHECK: chdir("/") -> 0
    REPORT(chdir("/"));
    // CHECK: rmdir(base) -> 0
    REPORT(rmdir(base));
    // CHECK: stat(base, &st) -> -1 ENOENT
    REPORT(stat(base, &st));
    return 0;
}
// CHECK: status 0
