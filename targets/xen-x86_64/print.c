/*
 * A small formatter for fault reports and panics. It uses no libc, so it
 * works in any state the program left the CPU in (no TLS, no SSE, a
 * corrupt heap). Conversions: %s %c %d %u %x %p with l, #, 0 and width.
 */
#include <stdarg.h>

#include "xen_x86.h"

struct out {
    char buf[256];
    size_t n;
};

static void put(struct out *o, char c)
{
    if (o->n == sizeof o->buf) {
        plat_console_write(o->buf, o->n);
        o->n = 0;
    }
    o->buf[o->n++] = c;
}

static void number(struct out *o, uint64_t v, unsigned int base, bool neg,
                   int width, char pad)
{
    char digits[24];
    int n = 0;

    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg)
        digits[n++] = '-';
    while (width-- > n)
        put(o, pad);
    while (n)
        put(o, digits[--n]);
}

static void format(struct out *o, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        bool alt = false, lng = false;
        char pad = ' ';
        int width = 0;
        uint64_t u;

        if (*fmt != '%') {
            put(o, *fmt);
            continue;
        }
        if (*++fmt == '#')
            alt = true, fmt++;
        if (*fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + *fmt++ - '0';
        if (*fmt == 'l')
            lng = true, fmt++;
        switch (*fmt) {
        case 's':
            for (const char *s = va_arg(ap, const char *); *s; s++)
                put(o, *s);
            break;
        case 'c': put(o, (char)va_arg(ap, int)); break;
        case 'd': {
            int64_t d = lng ? va_arg(ap, long) : va_arg(ap, int);

            number(o, d < 0 ? -(uint64_t)d : (uint64_t)d, 10, d < 0, width,
                   pad);
            break;
        }
        case 'u':
        case 'x':
            u = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
            if (alt && *fmt == 'x')
                put(o, '0'), put(o, 'x');
            number(o, u, *fmt == 'u' ? 10 : 16, false, width, pad);
            break;
        case 'p':
            put(o, '0'), put(o, 'x');
            number(o, (uintptr_t)va_arg(ap, void *), 16, false, width, pad);
            break;
        default: put(o, '%'), put(o, *fmt); break;
        }
    }
}

void kprintf(const char *fmt, ...)
{
    struct out o;
    va_list ap;

    o.n = 0;
    va_start(ap, fmt);
    format(&o, fmt, ap);
    va_end(ap);
    plat_console_write(o.buf, o.n);
}

void kpanic(const char *file, int line, const char *why)
{
    kprintf("ukcc: panic: %s:%d: %s\n", file, line, why);
    plat_exit(255);
}
