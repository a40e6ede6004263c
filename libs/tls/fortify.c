// Debian built libbearssl.a with _FORTIFY_SOURCE, so it calls the checked
// memory functions glibc has and musl lacks. These are them: the checks
// glibc makes (the destination object is large enough), then the plain call.
#include <string.h>

void *__memcpy_chk(void *dst, const void *src, size_t len, size_t dstlen);
void *__memmove_chk(void *dst, const void *src, size_t len, size_t dstlen);
void *__memset_chk(void *dst, int c, size_t len, size_t dstlen);

void *__memcpy_chk(void *dst, const void *src, size_t len, size_t dstlen)
{
    if (len > dstlen)
        __builtin_trap(); // a buffer overflow: stop, as glibc does
    return memcpy(dst, src, len);
}

void *__memmove_chk(void *dst, const void *src, size_t len, size_t dstlen)
{
    if (len > dstlen)
        __builtin_trap();
    return memmove(dst, src, len);
}

void *__memset_chk(void *dst, int c, size_t len, size_t dstlen)
{
    if (len > dstlen)
        __builtin_trap();
    return memset(dst, c, len);
}
