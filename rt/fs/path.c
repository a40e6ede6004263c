/*
 * From a program's path to a node: a walk one component at a time from "/",
 * the working directory or a directory descriptor, checking at each step
 * that what came before is a directory (so "file/.." is ENOTDIR, as on
 * Linux). There are no symbolic links, so ".." is simply the canonical
 * path minus its last component.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "fs.h"

/* The length of a string the program owns. A mapping is never smaller than
 * a page, so one check per page reached is enough. */
long fs_user_path(const char *upath)
{
    for (const char *p = upath;; p++) {
        if ((p == upath || ((uintptr_t)p & (RT_PAGE_SIZE - 1)) == 0) &&
            !rt_user_ok(p, 1))
            return -EFAULT;
        if (!*p)
            return p - upath;
        if (p - upath >= PATH_MAX)
            return -ENAMETOOLONG;
    }
}

static int start(int dirfd, const char *upath, struct fs_walk *w)
{
    int err;

    if (upath[0] == '/')
        return fs_lookup("/", &w->node) ? 0 : -ENOENT;
    if (dirfd == AT_FDCWD)
        fs_cwd(&w->node);
    else if ((err = fs_dirfd(dirfd, &w->node)))
        return err;
    if (!fs_node_path(&w->node, w->path))
        return -ENOENT; /* the directory was removed */
    return 0;
}

/* One component: name[0..len) joined to w->path, then looked up. */
static int step(struct fs_walk *w, const char *name, size_t len)
{
    size_t at = strlen(w->path);
    struct fs_node next;

    if (!fs_is_dir(&w->node))
        return -ENOTDIR;
    w->parent = w->node;
    if (len == 1 && name[0] == '.') {
        w->last = FS_LAST_DOT;
        return 0;
    }
    if (len == 2 && name[0] == '.' && name[1] == '.') {
        char *slash = strrchr(w->path, '/');

        w->last = FS_LAST_DOTDOT;
        slash[slash == w->path] = '\0';
        return fs_lookup(w->path, &w->node) ? 0 : -ENOENT;
    }
    if (len > NAME_MAX)
        return -ENAMETOOLONG;
    if (at + (at > 1) + len >= PATH_MAX)
        return -ENAMETOOLONG;
    if (at > 1)
        w->path[at++] = '/';
    memcpy(w->path + at, name, len);
    w->path[at + len] = '\0';
    w->name = w->path + at;
    w->last = FS_LAST_NAME;
    if (!fs_child(&w->node, w->path, w->name, &next)) {
        w->found = false;
        return 0;
    }
    w->node = next;
    return 0;
}

int fs_walk(int dirfd, const char *upath, int flags, struct fs_walk *w)
{
    long len = fs_user_path(upath);
    const char *p = upath;
    int err;

    if (len < 0)
        return (int)len;
    memset(w, 0, offsetof(struct fs_walk, path));
    strcpy(w->path, "/");
    w->name = w->path + 1;
    w->last = FS_LAST_ROOT;
    w->found = true;
    if (len == 0 && !(flags & FS_WALK_EMPTY))
        return -ENOENT;
    if ((err = start(dirfd, upath, w)))
        return err;
    w->parent = w->node;
    while (*p) {
        size_t n;

        while (*p == '/')
            p++;
        if (!*p)
            break;
        if (!w->found)
            return -ENOENT; /* a missing directory on the way */
        n = strcspn(p, "/");
        if ((err = step(w, p, n)))
            return err;
        p += n;
    }
    w->slash = len > 0 && upath[len - 1] == '/';
    if (w->found && w->slash && !fs_is_dir(&w->node))
        return -ENOTDIR;
    return 0;
}
