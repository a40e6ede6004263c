/*
 * The namespace: which store answers a canonical path, what a directory
 * lists, and what stat says about a node. /tmp belongs to tmp.c; elsewhere
 * the skeleton (synth.c) comes first, except that an embedded file may
 * replace a synthesised /etc file.
 */
#include <dirent.h>
#include <string.h>

#include "../dev/dev.h"
#include "fs.h"

static void from_tmp(struct tmp_node *t, struct fs_node *out)
{
    memset(out, 0, sizeof *out);
    out->kind = FS_TMP;
    out->mode = t->mode;
    out->data = t;
}

static bool tmp_lookup(const char *rest, struct fs_node *out)
{
    struct tmp_node *t = fs_tmp_root();

    while (*rest == '/' && t) {
        size_t len = strcspn(++rest, "/");

        t = fs_tmp_find(t, rest, len);
        rest += len;
    }
    if (t)
        from_tmp(t, out);
    return t != NULL;
}

bool fs_lookup(const char *path, struct fs_node *out)
{
    if (strncmp(path, "/tmp", 4) == 0 && (!path[4] || path[4] == '/'))
        return tmp_lookup(path + 4, out);
    if (fs_synth_lookup(path, out)) {
        if (out->kind == FS_MEM)
            fs_embed_lookup(path, out);
        return true;
    }
    return fs_embed_lookup(path, out);
}

bool fs_child(const struct fs_node *dir, const char *path, const char *name,
              struct fs_node *out)
{
    struct tmp_node *t;

    if (dir->kind != FS_TMP)
        return fs_lookup(path, out);
    t = fs_tmp_find((struct tmp_node *)dir->data, name, strlen(name));
    if (t)
        from_tmp(t, out);
    return t != NULL;
}

bool fs_is_dir(const struct fs_node *n)
{
    return S_ISDIR(n->mode);
}

bool fs_writable(const struct fs_node *n)
{
    return n->kind == FS_TMP;
}

/* FNV-1a: the same path always gets the same number. */
uint64_t fs_path_ino(const char *path)
{
    uint64_t h = 0xcbf29ce484222325ull;

    for (; *path; path++)
        h = (h ^ (unsigned char)*path) * 0x100000001b3ull;
    return h ? h : 1;
}

/* The name of path inside dir, or NULL when path is not a direct child. */
static const char *child_name(const char *path, const char *dir)
{
    size_t n = strcmp(dir, "/") == 0 ? 0 : strlen(dir);

    if (strncmp(path, dir, n) != 0 || path[n] != '/' || !path[n + 1])
        return NULL;
    return strchr(path + n + 1, '/') ? NULL : path + n + 1;
}

static unsigned char dtype(mode_t mode)
{
    return S_ISDIR(mode) ? DT_DIR : S_ISCHR(mode) ? DT_CHR : DT_REG;
}

static uint64_t ino_of(const struct fs_node *n)
{
    if (n->kind == FS_TMP)
        return ((const struct tmp_node *)n->data)->ino;
    return fs_path_ino(n->path);
}

static bool dot(const struct fs_node *dir, uint64_t i, struct fs_dirent *d)
{
    const struct tmp_node *t = dir->data;
    char buf[PATH_MAX], *slash;
    struct fs_node parent;

    d->name = i == 0 ? "." : "..";
    d->len = i + 1;
    d->type = DT_DIR;
    if (i == 0) {
        d->ino = ino_of(dir);
    } else if (dir->kind == FS_TMP && t->parent) {
        d->ino = t->parent->ino;
    } else {
        /* a read-only directory, or /tmp: the parent by path */
        strcpy(buf, dir->kind == FS_TMP ? "/tmp" : dir->path);
        slash = strrchr(buf, '/');
        slash[slash == buf] = '\0';
        d->ino = fs_lookup(buf, &parent) ? ino_of(&parent) : 1;
    }
    return true;
}

static bool tmp_next(const struct fs_node *dir, uint64_t *i,
                     struct fs_dirent *d)
{
    struct tmp_node *c = fs_tmp_nth((struct tmp_node *)dir->data, *i - 2);

    if (!c)
        return false;
    d->name = c->name;
    d->len = strlen(c->name);
    d->type = dtype(c->mode);
    d->ino = c->ino;
    ++*i;
    return true;
}

/* Listing order: ".", "..", the skeleton's entries, then every embedded
 * entry of every blob; the index is the position in that sequence. */
bool fs_dirent_next(const struct fs_node *dir, uint64_t *i, struct fs_dirent *d)
{
    struct fs_node n;
    size_t nsynth = 0;

    if (*i < 2) {
        dot(dir, *i, d);
        ++*i;
        return true;
    }
    if (dir->kind == FS_TMP)
        return tmp_next(dir, i, d);
    while (fs_synth_at(nsynth, &n))
        nsynth++;
    for (;; ++*i) {
        bool synth = *i - 2 < nsynth;
        bool got =
            synth ? fs_synth_at(*i - 2, &n) : fs_embed_at(*i - 2 - nsynth, &n);

        if (!got)
            return false;
        d->name = child_name(n.path, dir->path);
        if (!d->name || (!synth && fs_embed_shadowed(*i - 2 - nsynth)))
            continue;
        d->len = strlen(d->name);
        d->type = dtype(n.mode);
        d->ino = ino_of(&n);
        ++*i;
        return true;
    }
}

static void dev_stat(const struct fs_node *n, struct stat *st)
{
    struct rt_file f = {.ops = n->data ? n->data : &rt_dev_console_ops};

    rt_file_describe(&f, st);
}

void fs_node_stat(const struct fs_node *n, struct stat *st)
{
    const struct tmp_node *t = n->data;

    memset(st, 0, sizeof *st);
    st->st_blksize = 4096;
    st->st_mode = n->mode;
    st->st_nlink = fs_is_dir(n) ? 2 : 1;
    st->st_ino = ino_of(n);
    st->st_dev = FS_DEV_RO;
    st->st_atim = st->st_mtim = st->st_ctim = (struct timespec){n->mtime, 0};
    switch (n->kind) {
    case FS_DEV:
        dev_stat(n, st);
        st->st_dev = FS_DEV_DEV;
        break;
    case FS_MEM: st->st_size = (off_t)n->size; break;
    case FS_DIR: st->st_size = 4096; break;
    case FS_TMP:
        st->st_dev = FS_DEV_TMP;
        st->st_nlink = t->links;
        st->st_uid = t->uid;
        st->st_gid = t->gid;
        st->st_size = fs_is_dir(n) ? 4096 : (off_t)t->size;
        st->st_atim = t->atime;
        st->st_mtim = t->mtime;
        st->st_ctim = t->ctime;
        break;
    case FS_NONE: break;
    }
    st->st_blocks = (st->st_size + 511) / 512;
}

/* A /tmp node's path, built backwards from its name up; NULL when it (or a
 * directory above it) has been removed. */
char *fs_node_path(const struct fs_node *n, char *buf)
{
    const struct tmp_node *t = n->data;
    char *p = buf + PATH_MAX - 1;

    if (n->kind != FS_TMP)
        return strcpy(buf, n->path);
    *p = '\0';
    for (; t->links && t->parent; t = t->parent) {
        size_t len = strlen(t->name);

        if ((size_t)(p - buf) < len + 1 + 4)
            return NULL;
        p -= len;
        memcpy(p, t->name, len);
        *--p = '/';
    }
    if (!t->links)
        return NULL;
    p -= 4;
    memcpy(p, "/tmp", 4);
    return memmove(buf, p, (size_t)(buf + PATH_MAX - p));
}
