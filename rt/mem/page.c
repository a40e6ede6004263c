/*
 * The page allocator: one bit per page over the region the platform gives
 * rt. brk grows up from the bottom of the region and mmap takes pages from
 * the top down (as Linux lays out a process), so the two meet only when
 * memory runs out. Every allocation hands out zeroed memory, as anonymous
 * mappings must be. Freed pages are given back to the host where the
 * platform can (they read as zero again, and stop costing memory: a
 * program's RSS then follows what it touches, as on Linux), or else zeroed
 * at once. Pages never handed out since boot are zeroed when first they
 * are (below), unless the platform says they already are.
 */
#include <errno.h>
#include <string.h>

#include "../rt.h"

#define BITS 64

static struct {
    uintptr_t base;
    size_t npages, nfree;
    uint64_t *used;     /* bit set: the page is allocated */
    uint64_t *noaccess; /* bit set: mapped PROT_NONE */
    /*
     * Pages [unused_lo, unused_hi) have not been handed out since boot and
     * hold whatever the platform left there (Xen does not clear a domain's
     * RAM). As brk takes pages from the bottom and mmap from the top, they
     * stay one band in the middle, which an allocation narrows, zeroing
     * what it takes. So boot touches no more RAM than the program uses:
     * clearing all of it up front cost 0.9 ms a MiB under QEMU, most of it
     * the host's page faults on first touch. Empty when the platform's
     * memory is zeroed: clearing it would make every page of a mapping
     * resident, touched or not (hosted httpd's idle connections cost
     * 77,824 bytes each that way, against Linux's 8,192).
     */
    size_t unused_lo, unused_hi;
} pages;

static bool page_used(size_t i)
{
    return pages.used[i / BITS] >> (i % BITS) & 1;
}

static void set_bits(uint64_t *map, size_t first, size_t n, bool on)
{
    for (size_t i = first; i < first + n; i++) {
        if (on)
            map[i / BITS] |= 1ULL << (i % BITS);
        else
            map[i / BITS] &= ~(1ULL << (i % BITS));
    }
}

static void zero(size_t first, size_t end)
{
    rt_page_zero(pages.base + first * RT_PAGE_SIZE,
                 (end - first) * RT_PAGE_SIZE);
}

void rt_page_clear(uintptr_t addr, size_t len)
{
    if (plat_mem_discard(addr, len) != 0)
        rt_page_zero(addr, len);
}

/* Pages [first, first+n) are being handed out: clears their part of the
 * unused band, and pages between it and the nearer edge if it lies
 * inside, so that the band stays one range. */
static void take_unused(size_t first, size_t n)
{
    size_t end = first + n, lo = pages.unused_lo, hi = pages.unused_hi;

    if (end <= lo || first >= hi)
        return;
    if (first <= lo || (end < hi && end - lo <= hi - first)) {
        end = end < hi ? end : hi;
        zero(lo, end);
        pages.unused_lo = end;
    } else {
        zero(first, hi);
        pages.unused_hi = first;
    }
}

static void mark(size_t first, size_t n, bool used)
{
    set_bits(pages.used, first, n, used);
    if (!used)
        set_bits(pages.noaccess, first, n, false);
    pages.nfree = used ? pages.nfree - n : pages.nfree + n;
}

/* The two bitmaps live at the start of the region they describe. */
void rt_page_init(uintptr_t base, size_t size, bool zeroed)
{
    size_t npages = size / RT_PAGE_SIZE;
    size_t words = (npages + BITS - 1) / BITS;
    size_t map_bytes = RT_PAGE_ALIGN(2 * words * 8);

    pages.base = base;
    pages.npages = npages;
    pages.nfree = npages;
    pages.used = (uint64_t *)base;
    pages.noaccess = pages.used + words;
    if (!zeroed)
        memset(pages.used, 0, map_bytes);
    mark(0, map_bytes / RT_PAGE_SIZE, true);
    pages.unused_lo = map_bytes / RT_PAGE_SIZE;
    pages.unused_hi = zeroed ? pages.unused_lo : npages;
}

bool rt_page_in_region(uintptr_t addr, size_t len)
{
    return addr >= pages.base && len <= pages.npages * RT_PAGE_SIZE &&
           addr - pages.base <= pages.npages * RT_PAGE_SIZE - len;
}

void rt_page_set_access(uintptr_t addr, size_t len, bool accessible)
{
    set_bits(pages.noaccess, (addr - pages.base) / RT_PAGE_SIZE,
             len / RT_PAGE_SIZE, !accessible);
}

/* Whether the program may touch [addr, addr+len): its own pages, mapped
 * accessible, or the image itself. Lets handlers answer EFAULT for a bad
 * pointer instead of faulting inside rt. */
bool rt_user_ok(const void *p, size_t len)
{
    extern const char __ukcc_image_start[], __ukcc_image_end[];
    uintptr_t addr = (uintptr_t)p, first, last;

    if (len == 0)
        return true;
    if (addr + len < addr)
        return false;
    if (addr >= (uintptr_t)__ukcc_image_start &&
        addr + len <= (uintptr_t)__ukcc_image_end)
        return true;
    if (!rt_page_in_region(addr, len))
        return false;
    first = (addr - pages.base) / RT_PAGE_SIZE;
    last = (addr + len - 1 - pages.base) / RT_PAGE_SIZE;
    for (size_t i = first; i <= last; i++)
        if (!page_used(i) || pages.noaccess[i / BITS] >> (i % BITS) & 1)
            return false;
    return true;
}

static bool range_is(uintptr_t addr, size_t len, bool used)
{
    size_t first = (addr - pages.base) / RT_PAGE_SIZE;

    if (!rt_page_in_region(addr, len))
        return false;
    for (size_t i = first; i < first + len / RT_PAGE_SIZE; i++)
        if (page_used(i) != used)
            return false;
    return true;
}

bool rt_page_range_free(uintptr_t addr, size_t len)
{
    return range_is(addr, len, false);
}

bool rt_page_range_used(uintptr_t addr, size_t len)
{
    return range_is(addr, len, true);
}

size_t rt_page_used_in(uintptr_t addr, size_t len)
{
    size_t first = (addr - pages.base) / RT_PAGE_SIZE, n = 0;

    for (size_t i = first; i < first + len / RT_PAGE_SIZE; i++)
        n += page_used(i);
    return n * RT_PAGE_SIZE;
}

/* Top-down first fit. A word of the map that is all used ends a run at
 * once, and one all free that cannot complete it adds 64 pages, so the
 * walk over many thousand connections' buffers costs a word a step. */
uintptr_t rt_page_alloc(size_t len)
{
    size_t n = len / RT_PAGE_SIZE, run = 0;

    if (n == 0 || n > pages.nfree)
        return 0;
    for (size_t i = pages.npages; i-- > 0;) {
        if (i % BITS == BITS - 1) {
            uint64_t word = pages.used[i / BITS];
            if (word == ~0ULL || (word == 0 && run + BITS < n)) {
                run = word ? 0 : run + BITS;
                i -= BITS - 1;
                continue;
            }
        }
        run = page_used(i) ? 0 : run + 1;
        if (run == n) {
            take_unused(i, n);
            mark(i, n, true);
            return pages.base + i * RT_PAGE_SIZE;
        }
    }
    return 0;
}

int rt_page_claim(uintptr_t addr, size_t len)
{
    if (!rt_page_range_free(addr, len))
        return -ENOMEM;
    take_unused((addr - pages.base) / RT_PAGE_SIZE, len / RT_PAGE_SIZE);
    mark((addr - pages.base) / RT_PAGE_SIZE, len / RT_PAGE_SIZE, true);
    return 0;
}

/* Each run of used pages is cleared with one call: on a host, one
 * madvise for a whole mapping. */
void rt_page_release(uintptr_t addr, size_t len)
{
    size_t i = (addr - pages.base) / RT_PAGE_SIZE, end = i + len / RT_PAGE_SIZE;

    while (i < end) {
        size_t run = i;

        while (run < end && page_used(run))
            run++;
        if (run > i) {
            rt_page_clear(pages.base + i * RT_PAGE_SIZE,
                          (run - i) * RT_PAGE_SIZE);
            mark(i, run - i, false);
            i = run;
        } else {
            i++;
        }
    }
}

size_t rt_page_free_bytes(void)
{
    return pages.nfree * RT_PAGE_SIZE;
}

size_t rt_page_total_bytes(void)
{
    return pages.npages * RT_PAGE_SIZE;
}

uintptr_t rt_page_low(void)
{
    size_t i = 0;

    while (i < pages.npages && page_used(i))
        i++;
    return pages.base + i * RT_PAGE_SIZE;
}
