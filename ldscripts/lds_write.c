/* lds_write.c - lds_write(): resolve the options, hand over to a layout. */
#include <errno.h>

#include "lds_int.h"

int lds_write(FILE *out, const struct lds_target *t,
              const struct lds_options *o)
{
    struct lds_sizes s;
    int err;

    if (!out || !t)
        return -EINVAL;
    err = lds_options_resolve(o, t, &s);
    if (err)
        return err;
    err = t->write(out, t, &s);
    if (err)
        return err;
    if (fflush(out) != 0 || ferror(out))
        return -EIO;
    return 0;
}
