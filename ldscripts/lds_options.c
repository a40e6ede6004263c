/* lds_options.c - parse and check the stack and heap sizes. */
#include <errno.h>

#include "lds_int.h"

int lds_options_parse_size(const char *text, unsigned long long *out)
{
    unsigned long long v = 0;
    unsigned int shift = 0;
    const char *p = text;

    if (!text || *p < '0' || *p > '9')
        return -EINVAL;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (~0ULL - (unsigned)(*p - '0')) / 10)
            return -ERANGE;
        v = v * 10 + (unsigned)(*p - '0');
    }
    switch (*p) {
    case 'K':
    case 'k':
        shift = 10;
        p++;
        break;
    case 'M':
    case 'm':
        shift = 20;
        p++;
        break;
    case 'G':
    case 'g':
        shift = 30;
        p++;
        break;
    }
    if (*p != '\0')
        return -EINVAL;
    if (shift && v > (~0ULL >> shift))
        return -ERANGE;
    *out = v << shift;
    return 0;
}

static int in_range(unsigned long long v, unsigned long long lo,
                    unsigned long long hi)
{
    return v == 0 || (v >= lo && v <= hi);
}

int lds_options_check(const struct lds_options *o)
{
    if (!o)
        return 0;
    if (!in_range(o->stack_size, LDS_STACK_MIN, LDS_STACK_MAX) ||
        !in_range(o->heap_max, LDS_HEAP_MIN, LDS_HEAP_MAX))
        return -ERANGE;
    return 0;
}

static unsigned long long page_up(unsigned long long v)
{
    return (v + LDS_PAGE_SIZE - 1) & ~(LDS_PAGE_SIZE - 1);
}

/* Apply t's defaults and round to pages; see struct lds_options. */
int lds_options_resolve(const struct lds_options *o, const struct lds_target *t,
                        struct lds_sizes *s)
{
    int err = lds_options_check(o);

    if (err)
        return err;
    s->stack_size = o && o->stack_size ? o->stack_size : t->stack_default;
    s->stack_size = page_up(s->stack_size);
    s->heap_max = o ? page_up(o->heap_max) : 0;
    return 0;
}
