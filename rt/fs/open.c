/*
 * open and openat over rt's namespace. For now the namespace is /dev:
 * null, zero, random, urandom, and the console as /dev/tty, /dev/console,
 * /dev/stdin, /dev/stdout and /dev/stderr. Anything else does not exist.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "../dev/dev.h"
#include "../rt.h"
#include "../syscalls.h"

static const struct {
    const char *path;
    const struct rt_file_ops *ops; /* NULL: the console */
} devices[] = {
    {"/dev/null", &rt_dev_null_ops},
    {"/dev/zero", &rt_dev_zero_ops},
    {"/dev/random", &rt_dev_random_ops},
    {"/dev/urandom", &rt_dev_random_ops},
    {"/dev/tty", NULL},
    {"/dev/console", NULL},
    {"/dev/stdin", NULL},
    {"/dev/stdout", NULL},
    {"/dev/stderr", NULL},
};

int rt_path_open(const char *path, int flags, struct rt_file **out)
{
    flags &= O_ACCMODE | O_APPEND | O_NONBLOCK | O_DIRECTORY;
    for (size_t i = 0; i < sizeof devices / sizeof *devices; i++) {
        if (strcmp(path, devices[i].path) != 0)
            continue;
        if (flags & O_DIRECTORY)
            return -ENOTDIR;
        if (!devices[i].ops) {
            *out = rt_console_open(1);
            if (*out)
                (*out)->flags = flags;
        } else {
            *out = rt_file_new(devices[i].ops, flags & ~O_DIRECTORY);
        }
        return *out ? 0 : -ENFILE;
    }
    return -ENOENT;
}

static bool path_ok(const char *path)
{
    /* a string the program owns, checked a byte at a time */
    for (const char *p = path;; p++) {
        if (!rt_user_ok(p, 1))
            return false;
        if (!*p)
            return true;
    }
}

long sys_openat(int dirfd, const char *path, int flags, int mode)
{
    struct rt_file *f;
    int err;

    if (!path_ok(path))
        return -EFAULT;
    if (!*path)
        return -ENOENT;
    if (path[0] != '/' && dirfd != AT_FDCWD && !rt_fd_get(dirfd))
        return -EBADF;
    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
        return -EROFS;
    /* the working directory is "/" */
    if (path[0] != '/') {
        size_t n = strnlen(path, 4094);
        char abs[4096] = "/";

        if (n == 4094)
            return -ENAMETOOLONG;
        memcpy(abs + 1, path, n + 1);
        err = rt_path_open(abs, flags, &f);
    } else {
        err = rt_path_open(path, flags, &f);
    }
    if (err)
        return err;
    return rt_fd_install(f, 0, flags & O_CLOEXEC);
}

long sys_open(const char *path, int flags, int mode)
{
    return sys_openat(AT_FDCWD, path, flags, mode);
}
