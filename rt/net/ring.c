/* Byte rings for local streams and datagram queues (RT_SOCK_RING bytes). */
#include <string.h>

#include "sock.h"

bool rt_ring_alloc(struct ring *r)
{
    if (!r->buf)
        r->buf = (char *)rt_page_alloc(RT_SOCK_RING);
    r->head = r->len = 0;
    return r->buf != NULL;
}

void rt_ring_free(struct ring *r)
{
    if (r->buf)
        rt_page_release((uintptr_t)r->buf, RT_SOCK_RING);
    r->buf = NULL;
    r->head = r->len = 0;
}

/* Copies in as much as fits; returns the count. */
size_t rt_ring_put(struct ring *r, const void *p, size_t n)
{
    size_t done = 0;

    while (done < n && r->len < RT_SOCK_RING) {
        size_t tail = (r->head + r->len) % RT_SOCK_RING;
        size_t chunk = RT_SOCK_RING - tail;

        if (chunk > RT_SOCK_RING - r->len)
            chunk = RT_SOCK_RING - r->len;
        if (chunk > n - done)
            chunk = n - done;
        memcpy(r->buf + tail, (const char *)p + done, chunk);
        r->len += chunk;
        done += chunk;
    }
    return done;
}

/* Copies out up to n bytes (p NULL: discards them); peek leaves them. */
size_t rt_ring_get(struct ring *r, void *p, size_t n, bool peek)
{
    size_t done = 0, head = r->head, len = r->len;

    while (done < n && len) {
        size_t chunk = RT_SOCK_RING - head;

        if (chunk > len)
            chunk = len;
        if (chunk > n - done)
            chunk = n - done;
        if (p)
            memcpy((char *)p + done, r->buf + head, chunk);
        head = (head + chunk) % RT_SOCK_RING;
        len -= chunk;
        done += chunk;
    }
    if (!peek) {
        r->head = head;
        r->len = len;
    }
    return done;
}
