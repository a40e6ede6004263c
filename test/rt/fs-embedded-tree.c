// The tree embedded at link time reads as the directory it came from: it is
// mounted at the host path of a copy, so on Linux the same paths reach the
// real files. Contents, sizes, kinds, listings, path resolution and the
// errors of bad arguments, compared against Linux. (The copy lives outside
// /tmp, which is rt's own writable directory, wherever the tests run.)
// RUN: rm -rf %host_tmp/tree && mkdir -p %host_tmp && cp -r %S/Inputs/tree %host_tmp/tree
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t \
// RUN:     --embed %host_tmp/tree:%host_tmp/tree
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh --embed %host_tmp/tree:%host_tmp/tree
// RUN: %rt-compare --pvh %t.pvh %t %host_tmp/tree | FileCheck %s
// RUN: rm -rf %host_tmp/tree && sh -c "rmdir %host_tmp 2>/dev/null; true"
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

/* Names from getdents64, sorted: the order differs between filesystems. */
static void list(int fd)
{
    static char buf[4096], names[64][256];
    char *sorted[64];
    int n = 0;
    long got;

    while ((got = syscall(SYS_getdents64, fd, buf, 64)) > 0)
        for (long at = 0; at < got;) {
            struct dirent *d = (struct dirent *)(buf + at);

            snprintf(names[n], sizeof names[n], "%s%s", d->d_name,
                     d->d_type == DT_DIR ? "/" : "");
            sorted[n] = names[n];
            n++;
            at += d->d_reclen;
        }
    qsort(sorted, n, sizeof *sorted, cmp);
    for (int i = 0; i < n; i++)
        SAY(" %s", sorted[i]);
    SAY(" (%ld)\n", got);
}

static void show(const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0) {
        SAY("stat %s: %s\n", path, errno_name(errno));
        return;
    }
    SAY("%s %s size %lld mode %o\n", strrchr(path, '/') + 1,
        S_ISDIR(st.st_mode)   ? "dir"
        : S_ISREG(st.st_mode) ? "reg"
                              : "other",
        S_ISDIR(st.st_mode) ? 0 : (long long)st.st_size, st.st_mode & 0777);
}

int main(int argc, char **argv)
{
    const char *tree = argv[1];
    char path[PATH_MAX], buf[256], big[PATH_MAX + 8];
    struct stat st;
    int fd, dir, sub;

    if (chdir(tree) != 0)
        return 1;
    // CHECK: hello.txt reg size 20 mode 644
    show(realpath("hello.txt", path));
    // CHECK-NEXT: notes.md reg size 27 mode 755
    show(realpath("sub/notes.md", path));
    // CHECK-NEXT: blob.bin reg size 10000 mode 644
    show(realpath("sub/blob.bin", path));
    // CHECK-NEXT: zero-length reg size 0 mode 644
    show(realpath("sub/deeper/zero-length", path));
    // CHECK-NEXT: deeper dir size 0
    show(realpath("sub/deeper", path));

    fd = open("hello.txt", O_RDONLY);
    // CHECK: read(fd, buf, sizeof buf) -> 20
    REPORT(read(fd, buf, sizeof buf));
    // CHECK: hello from the tree
    SAY("%.20s", buf);
    // CHECK: read(fd, buf, sizeof buf) -> 0
    REPORT(read(fd, buf, sizeof buf));
    // CHECK: lseek(fd, -5, SEEK_END) -> 15
    REPORT(lseek(fd, -5, SEEK_END));
    // CHECK: read(fd, buf, 3) -> 3
    REPORT(read(fd, buf, 3));
    // CHECK: pread(fd, buf, 4, 6) -> 4
    REPORT(pread(fd, buf, 4, 6));
    // CHECK: from
    SAY("%.4s\n", buf);
    // CHECK: pread(fd, buf, 4, 100) -> 0
    REPORT(pread(fd, buf, 4, 100));
    // CHECK: pread(fd, buf, 4, -1) -> -1 EINVAL
    REPORT(pread(fd, buf, 4, -1));
    // CHECK: lseek(fd, 0, SEEK_CUR) -> 18
    REPORT(lseek(fd, 0, SEEK_CUR));
    // CHECK: fstat(fd, &st) -> 0
    REPORT(fstat(fd, &st));
    // CHECK: 20 1
    SAY("%lld %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    // CHECK: read(fd, (void *)8, 4) -> -1 EFAULT
    REPORT(read(fd, (void *)8, 4));
    // CHECK: close(fd) -> 0
    REPORT(close(fd));

    // Every byte of a larger file, at offsets that cross its pages.
    {
        static unsigned char a[10000], b[10000];
        int f1 = open("sub/blob.bin", O_RDONLY);
        long sum = 0;

        // CHECK: read(f1, a, sizeof a) -> 10000
        REPORT(read(f1, a, sizeof a));
        // CHECK: pread(f1, b, 5000, 4090) -> 5000
        REPORT(pread(f1, b, 5000, 4090));
        for (int i = 0; i < 10000; i++)
            sum = sum * 31 + a[i];
        // CHECK: same: 1 sum
        SAY("same: %d sum %ld\n", memcmp(a + 4090, b, 5000) == 0, sum);
        close(f1);
    }

    // Listings.
    dir = open(".", O_RDONLY | O_DIRECTORY);
    // CHECK: tree: ../ ./ empty/ hello.txt sub/ (0)
    SAY("tree:");
    list(dir);
    // CHECK: lseek(dir, 0, SEEK_SET) -> 0
    REPORT(lseek(dir, 0, SEEK_SET));
    // CHECK: again: ../ ./ empty/ hello.txt sub/ (0)
    SAY("again:");
    list(dir);
    sub = openat(dir, "sub", O_RDONLY | O_DIRECTORY);
    // CHECK: sub: ../ ./ blob.bin deeper/ notes.md (0)
    SAY("sub:");
    list(sub);
    // CHECK: lseek(sub, 0, SEEK_SET) + syscall(SYS_getdents64, sub, buf, 8) ->
    // -1 EINVAL
    REPORT(lseek(sub, 0, SEEK_SET) + syscall(SYS_getdents64, sub, buf, 8));
    // CHECK: syscall(SYS_getdents64, sub, (void *)8, 256) -> -1 EFAULT
    REPORT(syscall(SYS_getdents64, sub, (void *)8, 256));
    fd = open("hello.txt", O_RDONLY);
    // CHECK: syscall(SYS_getdents64, fd, buf, 256) -> -1 ENOTDIR
    REPORT(syscall(SYS_getdents64, fd, buf, 256));
    // CHECK: syscall(SYS_getdents64, 999, buf, 256) -> -1 EBADF
    REPORT(syscall(SYS_getdents64, 999, buf, 256));

    // Paths: relative to a directory descriptor, ".", "..", slashes.
    // CHECK: faccessat(sub, "notes.md", R_OK, 0) -> 0
    REPORT(faccessat(sub, "notes.md", R_OK, 0));
    // CHECK: faccessat(sub, "notes.md", X_OK, 0) -> 0
    REPORT(faccessat(sub, "notes.md", X_OK, 0));
    // CHECK: faccessat(sub, "blob.bin", X_OK, 0) -> -1 EACCES
    REPORT(faccessat(sub, "blob.bin", X_OK, 0));
    // CHECK: access("sub//deeper/../notes.md", F_OK) -> 0
    REPORT(access("sub//deeper/../notes.md", F_OK));
    // CHECK: access("./sub/./deeper/zero-length", R_OK) -> 0
    REPORT(access("./sub/./deeper/zero-length", R_OK));
    // CHECK: access("hello.txt", 99) -> -1 EINVAL
    REPORT(access("hello.txt", 99));
    // CHECK: access("hello.txt/..", F_OK) -> -1 ENOTDIR
    REPORT(access("hello.txt/..", F_OK));
    // CHECK: access("hello.txt/", F_OK) -> -1 ENOTDIR
    REPORT(access("hello.txt/", F_OK));
    // CHECK: access("nothere/x", F_OK) -> -1 ENOENT
    REPORT(access("nothere/x", F_OK));
    // CHECK: access("", F_OK) -> -1 ENOENT
    REPORT(access("", F_OK));
    // CHECK: access((char *)8, F_OK) -> -1 EFAULT
    REPORT(access((char *)8, F_OK));
    // CHECK: openat(999, "x", O_RDONLY) -> -1 EBADF
    REPORT(openat(999, "x", O_RDONLY));
    // CHECK: openat(fd, "x", O_RDONLY) -> -1 ENOTDIR
    REPORT(openat(fd, "x", O_RDONLY));
    // CHECK: open("hello.txt", O_RDONLY | O_DIRECTORY) -> -1 ENOTDIR
    REPORT(open("hello.txt", O_RDONLY | O_DIRECTORY));
    // CHECK: open("sub", O_WRONLY) -> -1 EISDIR
    REPORT(open("sub", O_WRONLY));
    // CHECK: open("hello.txt", O_RDONLY | O_CREAT | O_EXCL, 0644) -> -1 EEXIST
    REPORT(open("hello.txt", O_RDONLY | O_CREAT | O_EXCL, 0644));
    // CHECK: open("sub", O_RDONLY | O_CREAT, 0644) -> -1 EISDIR
    REPORT(open("sub", O_RDONLY | O_CREAT, 0644));
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    // CHECK: open(big, O_RDONLY) -> -1 ENAMETOOLONG
    REPORT(open(big, O_RDONLY));
    big[300] = '\0';
    // CHECK: open(big, O_RDONLY) -> -1 ENAMETOOLONG
    REPORT(open(big, O_RDONLY));
    // CHECK: readlink("hello.txt", buf, sizeof buf) -> -1 EINVAL
    REPORT(readlink("hello.txt", buf, sizeof buf));
    // CHECK: readlink("nothere", buf, sizeof buf) -> -1 ENOENT
    REPORT(readlink("nothere", buf, sizeof buf));
    // CHECK: syscall(SYS_newfstatat, sub, "", &st, AT_EMPTY_PATH) -> 0
    REPORT(syscall(SYS_newfstatat, sub, "", &st, AT_EMPTY_PATH));
    // CHECK: dir 1
    SAY("dir %d\n", S_ISDIR(st.st_mode));
    // CHECK: syscall(SYS_newfstatat, sub, "", &st, 0) -> -1 ENOENT
    REPORT(syscall(SYS_newfstatat, sub, "", &st, 0));
    // CHECK: syscall(SYS_newfstatat, sub, "notes.md", &st, 0x40000) -> -1
    // EINVAL
    REPORT(syscall(SYS_newfstatat, sub, "notes.md", &st, 0x40000));
    // CHECK: syscall(SYS_newfstatat, sub, "notes.md", 8, 0) -> -1 EFAULT
    REPORT(syscall(SYS_newfstatat, sub, "notes.md", 8, 0));
    // CHECK: syscall(SYS_stat, "sub/notes.md", &st) -> 0
    REPORT(syscall(SYS_stat, "sub/notes.md", &st));
    // CHECK: syscall(SYS_lstat, "sub/blob.bin", &st) -> 0
    REPORT(syscall(SYS_lstat, "sub/blob.bin", &st));
    // CHECK: 10000
    SAY("%lld\n", (long long)st.st_size);

    // The working directory, by descriptor and by "..".
    // CHECK: fchdir(sub) -> 0
    REPORT(fchdir(sub));
    // CHECK: cwd is tree/sub: 1
    getcwd(path, sizeof path);
    SAY("cwd is tree/sub: %d\n", strcmp(path + strlen(tree), "/sub") == 0);
    // CHECK: chdir("deeper/../..") -> 0
    REPORT(chdir("deeper/../.."));
    // CHECK: cwd is tree: 1
    SAY("cwd is tree: %d\n", strcmp(getcwd(path, sizeof path), tree) == 0);
    // CHECK: syscall(SYS_getcwd, path, 2) -> -1 ERANGE
    REPORT(syscall(SYS_getcwd, path, 2));
    // CHECK: syscall(SYS_getcwd, 8, 4096) -> -1 EFAULT
    REPORT(syscall(SYS_getcwd, 8, 4096));
    // CHECK: chdir("hello.txt") -> -1 ENOTDIR
    REPORT(chdir("hello.txt"));
    // CHECK: chdir("nothere") -> -1 ENOENT
    REPORT(chdir("nothere"));
    // CHECK: fchdir(fd) -> -1 ENOTDIR
    REPORT(fchdir(fd));
    // CHECK: fchdir(999) -> -1 EBADF
    REPORT(fchdir(999));
    // CHECK: fsync(fd) -> 0
    REPORT(fsync(fd));
    // CHECK: ftruncate(fd, 0) -> -1 EINVAL
    REPORT(ftruncate(fd, 0));
    // CHECK: truncate("sub", 0) -> -1 EISDIR
    REPORT(truncate("sub", 0));
    // CHECK: mkdir("sub", 0755) -> -1 EEXIST
    REPORT(mkdir("sub", 0755));
    return 0;
}
// CHECK: status 0
