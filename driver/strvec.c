/* A growable argument vector, always NULL-terminated so it can be exec'd. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ukcc.h"

void sv_push(struct strvec *sv, const char *s)
{
    if (sv->n + 2 > sv->cap) {
        sv->cap = sv->cap ? sv->cap * 2 : 16;
        sv->v = realloc(sv->v, sv->cap * sizeof *sv->v);
        if (!sv->v)
            die("out of memory");
    }
    sv->v[sv->n++] = (char *)s;
    sv->v[sv->n] = NULL;
}

void sv_pushf(struct strvec *sv, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        die("out of memory");
    va_end(ap);
    sv_push(sv, s);
}

void sv_append(struct strvec *sv, const struct strvec *from)
{
    for (size_t i = 0; i < from->n; i++)
        sv_push(sv, from->v[i]);
}
