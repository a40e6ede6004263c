/*
 * Objects of one size (open files, sockets, pipes...), carved from pages
 * as they are needed, where a fixed pool would be a limit of its own that
 * fills before the descriptor table does. Each page starts with a header
 * and keeps its own free objects; a kind lists its pages with room, and a
 * page whose last object is freed goes back to the page allocator, so a
 * burst of connections leaves no memory behind.
 */
#include <string.h>

#include "../rt.h"

struct free_obj {
    struct free_obj *next;
};

struct slab {
    struct slab *next, *prev; /* in the kind's list of pages with room */
    struct free_obj *free;
    size_t used;
};

_Static_assert(sizeof(struct slab) <= RT_PAGE_SIZE - RT_OBJ_MAX,
               "a page's header fits before its objects");

static void room_add(struct rt_objs *kind, struct slab *s)
{
    s->prev = NULL;
    s->next = kind->room;
    if (s->next)
        s->next->prev = s;
    kind->room = s;
}

static void room_drop(struct rt_objs *kind, struct slab *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        kind->room = s->next;
    if (s->next)
        s->next->prev = s->prev;
}

void *rt_obj_new(struct rt_objs *kind)
{
    struct slab *s = kind->room;
    struct free_obj *o;

    if (!s) {
        /* pages come zeroed; objects are aligned as their size is */
        s = (struct slab *)rt_page_alloc(RT_PAGE_SIZE);
        if (!s)
            return NULL;
        for (size_t off = RT_PAGE_SIZE - RT_OBJ_MAX;
             off + kind->size <= RT_PAGE_SIZE; off += kind->size) {
            o = (struct free_obj *)((char *)s + off);
            o->next = s->free;
            s->free = o;
        }
        room_add(kind, s);
    }
    o = s->free;
    s->free = o->next;
    s->used++;
    if (!s->free)
        room_drop(kind, s); /* full */
    return memset(o, 0, kind->size);
}

void rt_obj_free(struct rt_objs *kind, void *obj)
{
    struct slab *s = (struct slab *)((uintptr_t)obj & ~(RT_PAGE_SIZE - 1));
    struct free_obj *o = obj;

    if (!s->free)
        room_add(kind, s); /* it was full: it has room again */
    o->next = s->free;
    s->free = o;
    if (--s->used == 0) {
        room_drop(kind, s);
        rt_page_release((uintptr_t)s, RT_PAGE_SIZE);
    }
}
