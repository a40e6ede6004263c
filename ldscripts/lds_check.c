/* lds_check.c - lds_check_image(): run every family of post-link checks. */
#include <errno.h>
#include <stdarg.h>

#include "lds_int.h"

void lds_why(char *why, size_t len, const char *fmt, ...)
{
    va_list ap;

    if (!why || len == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(why, len, fmt, ap);
    va_end(ap);
}

int lds_check_image(const char *path, const struct lds_target *t, char *why,
                    size_t whylen)
{
    struct lds_elf e;
    int err;

    lds_why(why, whylen, "%s", "");
    if (!path || !t) {
        lds_why(why, whylen, "no image or no target given");
        return -EINVAL;
    }
    err = lds_elf_open(&e, path, why, whylen);
    if (err)
        return err;
    err = lds_check_segments(&e, t, why, whylen);
    if (!err)
        err = lds_check_sections(&e, why, whylen);
    if (!err)
        err = lds_check_xen(&e, t, why, whylen);
    lds_elf_close(&e);
    return err;
}
