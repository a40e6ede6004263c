/* /dev/urandom, /dev/random and getrandom: the platform's entropy source. */
#include <errno.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "../rt.h"
#include "../syscalls.h"
#include "dev.h"

static long fill(void *buf, size_t n)
{
    return plat_entropy(buf, n) == 0 ? (long)n : -EIO;
}

static long random_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    return fill(buf, n);
}

static long random_write(struct rt_file *f, const void *buf, size_t n,
                         uint64_t *off)
{
    return (long)n; /* mixing in is accepted and ignored, as it may be */
}

const struct rt_file_ops rt_dev_random_ops = {.read = random_read,
                                              .write = random_write,
                                              .rdev = makedev(1, 9),
                                              .seek_to_zero = true};

long sys_getrandom(void *buf, size_t n, unsigned flags)
{
    if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    if (!rt_user_ok(buf, n))
        return -EFAULT;
    if (n > 33554431) /* Linux caps one call at 32 MiB - 1 */
        n = 33554431;
    return fill(buf, n);
}
