/* One line per call: its result, or -1 and the errno's name, so that the
 * runs on Linux and on ukcc's runtime can be compared line by line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *errno_name(int e)
{
    static const struct {
        int e;
        const char *name;
    } names[] = {
        {EPERM, "EPERM"},
        {ENOENT, "ENOENT"},
        {ESRCH, "ESRCH"},
        {EINTR, "EINTR"},
        {EIO, "EIO"},
        {EBADF, "EBADF"},
        {EAGAIN, "EAGAIN"},
        {ENOMEM, "ENOMEM"},
        {EACCES, "EACCES"},
        {EFAULT, "EFAULT"},
        {EEXIST, "EEXIST"},
        {ENOTDIR, "ENOTDIR"},
        {EISDIR, "EISDIR"},
        {EINVAL, "EINVAL"},
        {EMFILE, "EMFILE"},
        {ENOTTY, "ENOTTY"},
        {ESPIPE, "ESPIPE"},
        {EROFS, "EROFS"},
        {ENOSYS, "ENOSYS"},
        {ERANGE, "ERANGE"},
        {ENAMETOOLONG, "ENAMETOOLONG"},
        {EPIPE, "EPIPE"},
        {ENOSPC, "ENOSPC"},
        {ENOTEMPTY, "ENOTEMPTY"},
        {EBUSY, "EBUSY"},
        {EXDEV, "EXDEV"},
        {ENFILE, "ENFILE"},
        {ENOTSOCK, "ENOTSOCK"},
        {EAFNOSUPPORT, "EAFNOSUPPORT"},
        {ETIMEDOUT, "ETIMEDOUT"},
        {ENODEV, "ENODEV"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].e == e)
            return names[i].name;
    return "E?";
}

#define REPORT(expr)                                                           \
    do {                                                                       \
        errno = 0;                                                             \
        long r_ = (long)(expr);                                                \
        if (r_ == -1)                                                          \
            printf("%s -> -1 %s\n", #expr, errno_name(errno));                 \
        else                                                                   \
            printf("%s -> %ld\n", #expr, r_);                                  \
    } while (0)

#define SAY(...) printf(__VA_ARGS__)
