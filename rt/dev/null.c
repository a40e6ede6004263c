/* /dev/null, /dev/zero and /dev/full. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "../rt.h"
#include "dev.h"

static long null_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    return 0;
}

static long zero_read(struct rt_file *f, void *buf, size_t n, uint64_t *off)
{
    memset(buf, 0, n);
    return (long)n;
}

static long sink_write(struct rt_file *f, const void *buf, size_t n,
                       uint64_t *off)
{
    return (long)n;
}

const struct rt_file_ops rt_dev_null_ops = {.read = null_read,
                                            .write = sink_write,
                                            .rdev = makedev(1, 3),
                                            .seek_to_zero = true};
const struct rt_file_ops rt_dev_zero_ops = {.read = zero_read,
                                            .write = sink_write,
                                            .rdev = makedev(1, 5),
                                            .seek_to_zero = true};

/* /dev/full: reads as /dev/zero, and every write finds the disk full. */
static long full_write(struct rt_file *f, const void *buf, size_t n,
                       uint64_t *off)
{
    return -ENOSPC;
}

const struct rt_file_ops rt_dev_full_ops = {.read = zero_read,
                                            .write = full_write,
                                            .rdev = makedev(1, 7),
                                            .seek_to_zero = true};
