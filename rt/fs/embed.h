/*
 * The on-image format of the files embedded at link time (ukcc --embed),
 * shared by the generator (driver/embed.c) and the runtime (fs/embedfs.c).
 *
 * The linker gathers every input section named .ukcc.embed or .ukcc.embed.*
 * between __ukcc_embed_start and __ukcc_embed_end. That range holds zero or
 * more blobs back to back, one per --embed, each starting on a 16-byte
 * boundary (zero padding between blobs is skipped). A blob is:
 *
 *   struct ukcc_embed_header
 *   struct ukcc_embed_entry[count], sorted by path (bytewise, as strcmp)
 *   the paths, NUL-terminated; then the file contents, 16-byte aligned
 *
 * All offsets count from the blob's first byte, so a blob needs no
 * relocation. Paths are absolute and canonical ("/srv/www/index.html": no
 * "." or "..", no repeated or trailing slash), mount point included. Every
 * directory is explicit: the mount point, each directory below it, and each
 * ancestor of the mount point except "/" (mode 0755), so the runtime never
 * infers one. A path appears once per blob; across blobs the first wins.
 */
#ifndef UKCC_FS_EMBED_H
#define UKCC_FS_EMBED_H

#include <stdint.h>

#define UKCC_EMBED_MAGIC   0x4d424b55u /* "UKBM" in memory */
#define UKCC_EMBED_VERSION 1u
#define UKCC_EMBED_ALIGN   16u

struct ukcc_embed_header {
    uint32_t magic;   /* UKCC_EMBED_MAGIC */
    uint32_t version; /* UKCC_EMBED_VERSION */
    uint64_t size;    /* bytes in this blob, a multiple of 16 */
    uint64_t count;   /* entries that follow */
};

struct ukcc_embed_entry {
    uint64_t path;  /* offset of the NUL-terminated absolute path */
    uint64_t data;  /* offset of the contents (0 for a directory) */
    uint64_t size;  /* bytes of contents (0 for a directory) */
    uint32_t mode;  /* S_IFREG or S_IFDIR, and the permission bits */
    uint32_t mtime; /* seconds since 1970 UTC: SOURCE_DATE_EPOCH, else 0 */
};

#endif
