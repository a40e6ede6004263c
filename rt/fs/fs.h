/*
 * The file namespace inside rt: nodes, path walking, and the stores behind
 * them, grouped by the file that defines them. One tree combines a
 * synthesised skeleton (/, /dev, /etc), the trees embedded at link time
 * (read-only), and /tmp (in memory, writable). Read-only nodes are named by
 * their canonical path, which lives as long as the image; /tmp nodes by a
 * struct tmp_node.
 */
#ifndef UKCC_FS_H
#define UKCC_FS_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "../rt.h"

enum fs_kind {
    FS_NONE,
    FS_DIR, /* a read-only directory (skeleton or embedded) */
    FS_MEM, /* a read-only file in memory (embedded, or /etc) */
    FS_DEV, /* a device; data is its ops, NULL for the console */
    FS_TMP, /* a file or directory of /tmp; data is its struct tmp_node */
};

struct fs_node {
    enum fs_kind kind;
    mode_t mode;
    const char *path; /* canonical; not for FS_TMP (see fs_node_path) */
    const void *data; /* FS_MEM: contents; FS_DEV: ops; FS_TMP: node */
    uint64_t size;    /* FS_MEM */
    time_t mtime;     /* FS_MEM, FS_DIR: every time stat reports */
};

/* Device numbers st_dev reports, one per store, so that (dev, ino) names a
 * file as programs expect. */
#define FS_DEV_RO  0x0801
#define FS_DEV_TMP 0x0802
#define FS_DEV_DEV 0x0005

/* ns.c: which store answers a canonical path, and directory listings */
struct fs_dirent {
    const char *name;
    size_t len;
    unsigned char type; /* DT_* */
    uint64_t ino;
};
bool fs_lookup(const char *path, struct fs_node *out);
bool fs_child(const struct fs_node *dir, const char *path, const char *name,
              struct fs_node *out);
/* the entry at *index or after it; *index moves past it; false at the end */
bool fs_dirent_next(const struct fs_node *dir, uint64_t *index,
                    struct fs_dirent *d);
bool fs_is_dir(const struct fs_node *n);
bool fs_writable(const struct fs_node *n); /* not on a read-only store */
uint64_t fs_path_ino(const char *path);
void fs_node_stat(const struct fs_node *n, struct stat *st);
char *fs_node_path(const struct fs_node *n, char *buf); /* PATH_MAX bytes */

/* stat.c: the kernel-side stat of a descriptor or of a path at dirfd */
long fs_stat_fd(int fd, struct stat *st);
long fs_stat_at(int dirfd, const char *path, int flags, struct stat *st);

/* synth.c: the skeleton, /dev and /etc, as a table */
bool fs_synth_lookup(const char *path, struct fs_node *out);
bool fs_synth_at(size_t i, struct fs_node *out); /* false past the end */

/* embedfs.c: the trees from ukcc --embed (format in embed.h) */
bool fs_embed_lookup(const char *path, struct fs_node *out);
bool fs_embed_at(uint64_t i, struct fs_node *out); /* false past the end */
bool fs_embed_shadowed(uint64_t i); /* hidden by an earlier name */

/* tmp.c: the in-memory tree under /tmp */
struct tmp_node {
    struct tmp_node *parent, *children, *next;
    mode_t mode;
    uid_t uid; /* 0 (root) until chown */
    gid_t gid;
    unsigned links; /* 0 once unlinked: freed when refs drops to 0 too */
    unsigned refs;  /* open files, mappings and the working directory */
    unsigned maps;  /* shared mappings of its pages (mem/filemap.c) */
    uint64_t ino;
    struct timespec atime, mtime, ctime;
    char *data; /* contents, in pages from rt_page_alloc */
    size_t size, cap;
    char name[NAME_MAX + 1];
};
struct tmp_node *fs_tmp_root(void);
struct tmp_node *fs_tmp_find(struct tmp_node *dir, const char *name,
                             size_t len);
int fs_tmp_create(struct tmp_node *dir, const char *name, mode_t mode,
                  struct tmp_node **out);
int fs_tmp_remove(struct tmp_node *n); /* from its directory */
void fs_tmp_move(struct tmp_node *n, struct tmp_node *dir, const char *name);
void fs_tmp_get(struct tmp_node *n);
void fs_tmp_put(struct tmp_node *n);
void fs_tmp_touch(struct tmp_node *n, bool modified);
struct tmp_node *fs_tmp_nth(struct tmp_node *dir, uint64_t i);

/* tmpdata.c: a /tmp file's contents */
long fs_tmp_read(struct tmp_node *n, void *buf, size_t len, uint64_t off);
long fs_tmp_write(struct tmp_node *n, const void *buf, size_t len,
                  uint64_t off);
int fs_tmp_resize(struct tmp_node *n, uint64_t size);
/* Makes the pages holding [0, end) stay where they are while mapped;
 * 0, -ENOMEM or -EFBIG. */
int fs_tmp_pin(struct tmp_node *n, uint64_t end);

/* path.c: from a program's path to a node */
enum fs_last { FS_LAST_NAME, FS_LAST_DOT, FS_LAST_DOTDOT, FS_LAST_ROOT };
struct fs_walk {
    struct fs_node node;   /* what the path names, when found */
    struct fs_node parent; /* the directory holding the last component */
    const char *name;      /* the last component, inside path */
    enum fs_last last;
    bool found;          /* else only the last component is missing */
    bool slash;          /* the path ended in "/" */
    char path[PATH_MAX]; /* canonical, of node (or of what it would be) */
};
#define FS_WALK_EMPTY 1 /* an empty path names dirfd itself */
int fs_walk(int dirfd, const char *upath, int flags, struct fs_walk *w);
long fs_user_path(const char *upath); /* its length, or -EFAULT/... */

/* cwd.c: the working directory */
void fs_cwd(struct fs_node *out);

/* open.c */
mode_t fs_umask(void); /* the process's umask */

/* file.c: open files of the namespace */
long fs_open_node(const struct fs_node *n, int flags, struct rt_file **out);
const struct fs_node *fs_file_node(struct rt_file *f); /* NULL: not ours */
int fs_dirfd(int dirfd, struct fs_node *out);          /* -EBADF, -ENOTDIR */

#endif
