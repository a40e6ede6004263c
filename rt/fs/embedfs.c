/*
 * The read-only trees embedded at link time (ukcc --embed): blobs between
 * __ukcc_embed_start and __ukcc_embed_end, in the format of embed.h. They
 * are read in place; nothing is copied.
 */
#include <string.h>
#include <sys/stat.h>

#include "embed.h"
#include "fs.h"

/* Weak: an image linked with a user's own script may lack the section. */
extern const char __ukcc_embed_start[] __attribute__((weak));
extern const char __ukcc_embed_end[] __attribute__((weak));

static bool blob_ok(const struct ukcc_embed_header *h, size_t room)
{
    return room >= sizeof *h && h->magic == UKCC_EMBED_MAGIC &&
           h->version == UKCC_EMBED_VERSION && h->size <= room &&
           h->size >= sizeof *h &&
           h->count <= (h->size - sizeof *h) / sizeof(struct ukcc_embed_entry);
}

/* The blob at or after p, skipping the padding between input sections;
 * NULL at the end or at anything that is not a blob. */
static const struct ukcc_embed_header *blob_from(const char *p)
{
    const char *end = __ukcc_embed_end;

    if (!p || !end)
        return NULL;
    while (p + sizeof(uint32_t) <= end && *(const uint32_t *)p == 0)
        p += UKCC_EMBED_ALIGN;
    if (p >= end || !blob_ok((const void *)p, (size_t)(end - p)))
        return NULL;
    return (const void *)p;
}

static const struct ukcc_embed_header *
blob_next(const struct ukcc_embed_header *h)
{
    return blob_from((const char *)h + h->size);
}

static const struct ukcc_embed_entry *entries(const struct ukcc_embed_header *h)
{
    return (const void *)(h + 1);
}

static const char *entry_path(const struct ukcc_embed_header *h,
                              const struct ukcc_embed_entry *e)
{
    return (const char *)h + e->path;
}

static void fill(const struct ukcc_embed_header *h,
                 const struct ukcc_embed_entry *e, struct fs_node *out)
{
    out->path = entry_path(h, e);
    out->mode = e->mode;
    out->mtime = e->mtime;
    if (S_ISDIR(e->mode)) {
        out->kind = FS_DIR;
        out->data = NULL;
        out->size = 0;
    } else {
        out->kind = FS_MEM;
        out->data = (const char *)h + e->data;
        out->size = e->size;
    }
}

/* Entries are sorted by path: a binary search per blob. */
static const struct ukcc_embed_entry *find(const struct ukcc_embed_header *h,
                                           const char *path)
{
    const struct ukcc_embed_entry *e = entries(h);
    size_t lo = 0, hi = h->count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(path, entry_path(h, &e[mid]));

        if (c == 0)
            return &e[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

bool fs_embed_lookup(const char *path, struct fs_node *out)
{
    for (const struct ukcc_embed_header *h = blob_from(__ukcc_embed_start); h;
         h = blob_next(h)) {
        const struct ukcc_embed_entry *e = find(h, path);

        if (e) {
            fill(h, e, out);
            return true;
        }
    }
    return false;
}

/* An entry hidden by an earlier blob's, or by the skeleton. */
static bool is_shadowed(const struct ukcc_embed_header *h, const char *path)
{
    struct fs_node n;

    if (fs_synth_lookup(path, &n))
        return true;
    for (const struct ukcc_embed_header *b = blob_from(__ukcc_embed_start);
         b && b != h; b = blob_next(b))
        if (find(b, path))
            return true;
    return false;
}

/* Entry i counting through every blob in turn: the listing order. */
static const struct ukcc_embed_header *nth(uint64_t i,
                                           const struct ukcc_embed_entry **e)
{
    for (const struct ukcc_embed_header *h = blob_from(__ukcc_embed_start); h;
         h = blob_next(h)) {
        if (i < h->count) {
            *e = &entries(h)[i];
            return h;
        }
        i -= h->count;
    }
    return NULL;
}

bool fs_embed_at(uint64_t i, struct fs_node *out)
{
    const struct ukcc_embed_entry *e;
    const struct ukcc_embed_header *h = nth(i, &e);

    if (h)
        fill(h, e, out);
    return h != NULL;
}

bool fs_embed_shadowed(uint64_t i)
{
    const struct ukcc_embed_entry *e;
    const struct ukcc_embed_header *h = nth(i, &e);

    return h && is_shadowed(h, entry_path(h, e));
}
