/*
 * /tmp: directories and files in memory. Nodes come from memory as needed
 * (mem/obj.c); a file's contents are in tmpdata.c. A node lives while it
 * has a name (links) or something holds it open (refs), as on Linux.
 */
#include <errno.h>
#include <string.h>

#include "fs.h"

static struct {
    struct tmp_node root;
    struct rt_objs nodes;
    uint64_t next_ino;
} tmp = {
    .root = {.mode = S_IFDIR | 01777, .links = 2, .refs = 1, .ino = 2},
    .nodes = RT_OBJS(struct tmp_node),
    .next_ino = 3,
};

struct tmp_node *fs_tmp_root(void)
{
    return &tmp.root;
}

static void node_free(struct tmp_node *n)
{
    fs_tmp_resize(n, 0);
    rt_obj_free(&tmp.nodes, n);
}

void fs_tmp_touch(struct tmp_node *n, bool modified)
{
    uint64_t ns = plat_clock_wall();
    struct timespec now = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};

    n->ctime = now;
    if (modified)
        n->mtime = now;
}

struct tmp_node *fs_tmp_find(struct tmp_node *dir, const char *name, size_t len)
{
    for (struct tmp_node *c = dir->children; c; c = c->next)
        if (strncmp(c->name, name, len) == 0 && !c->name[len])
            return c;
    return NULL;
}

struct tmp_node *fs_tmp_nth(struct tmp_node *dir, uint64_t i)
{
    struct tmp_node *c = dir->children;

    while (c && i--)
        c = c->next;
    return c;
}

static void link_into(struct tmp_node *n, struct tmp_node *dir)
{
    struct tmp_node **p = &dir->children;

    /* appended, so a listing in progress sees older names where they were */
    while (*p)
        p = &(*p)->next;
    *p = n;
    n->next = NULL;
    n->parent = dir;
    if (S_ISDIR(n->mode))
        dir->links++;
    fs_tmp_touch(dir, true);
}

static void unlink_from(struct tmp_node *n)
{
    struct tmp_node **p = &n->parent->children;

    while (*p != n)
        p = &(*p)->next;
    *p = n->next;
    if (S_ISDIR(n->mode))
        n->parent->links--;
    fs_tmp_touch(n->parent, true);
}

int fs_tmp_create(struct tmp_node *dir, const char *name, mode_t mode,
                  struct tmp_node **out)
{
    struct tmp_node *n;

    if (!dir->links)
        return -ENOENT; /* the directory was removed */
    n = rt_obj_new(&tmp.nodes);
    if (!n)
        return -ENOSPC;
    strcpy(n->name, name);
    n->mode = mode;
    n->links = S_ISDIR(mode) ? 2 : 1;
    n->ino = tmp.next_ino++;
    fs_tmp_touch(n, true);
    n->atime = n->mtime;
    link_into(n, dir);
    *out = n;
    return 0;
}

int fs_tmp_remove(struct tmp_node *n)
{
    if (!n->parent)
        return -EBUSY; /* /tmp itself is a mount point */
    if (S_ISDIR(n->mode) && n->children)
        return -ENOTEMPTY;
    unlink_from(n);
    n->links = 0;
    n->parent = NULL;
    if (!n->refs)
        node_free(n);
    return 0;
}

void fs_tmp_move(struct tmp_node *n, struct tmp_node *dir, const char *name)
{
    unlink_from(n);
    strcpy(n->name, name);
    link_into(n, dir);
    fs_tmp_touch(n, false);
}

void fs_tmp_get(struct tmp_node *n)
{
    n->refs++;
}

void fs_tmp_put(struct tmp_node *n)
{
    if (--n->refs == 0 && !n->links)
        node_free(n);
}
