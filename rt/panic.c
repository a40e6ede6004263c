/* Console messages from rt, and the one panic path. */
#include <stdarg.h>
#include <stdio.h>

#include "rt.h"

bool rt_debug;

static void vlog(const char *prefix, const char *fmt, va_list ap)
{
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s", prefix);

    n += vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    if (n >= (int)sizeof buf - 1)
        n = sizeof buf - 2;
    buf[n++] = '\n';
    plat_console_write(buf, (size_t)n);
}

void rt_log(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vlog("ukcc: ", fmt, ap);
    va_end(ap);
}

/* Status 255 is what a panic exits with: distinct from any program's
 * ordinary failure (1) and from a signal's 128+n. */
void rt_panic_at(const char *file, int line, const char *fmt, ...)
{
    char where[160];
    va_list ap;

    snprintf(where, sizeof where, "ukcc: panic at %s:%d: ", file, line);
    va_start(ap, fmt);
    vlog(where, fmt, ap);
    va_end(ap);
    plat_exit(255);
}
