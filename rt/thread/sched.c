/*
 * The scheduler. Waiting threads are not woken one by one: every syscall
 * and every platform event bumps an event count, and a waiting thread is
 * worth running again once the count has moved past the value it slept on
 * (or its deadline has passed); it then rechecks its own condition. When
 * no thread can run, the vCPU sleeps in the platform until the earliest
 * deadline or the next event.
 */
#include <stddef.h>

#include <errno.h>
#include <string.h>

#include "../rt.h"
#include "../signal/signal.h"
#include "thread.h"

/* zero-initialised, so the table costs nothing in the image file: the
 * main thread (slot 0) is described at start-up, by rt_thread_init */
static struct rt_thread threads[RT_MAX_THREADS];
struct rt_thread *rt_current = &threads[0];
static uint64_t events;
static int next_tid = 2;

void rt_events_changed(void)
{
    events++;
}

/* A slot's vector state area, taken once and kept while the slot is
 * reused: NULL when out of memory. Only a program with threads needs
 * them: the main thread gets its own when it makes the first. */
static void *fpu_area(struct rt_thread *t)
{
    if (!t->fpu)
        t->fpu = (void *)rt_page_alloc(RT_PAGE_ALIGN(rt_fpu_area_size()));
    return t->fpu;
}

void rt_thread_init(const char *argv0)
{
    const char *base = strrchr(argv0, '/');

    base = base ? base + 1 : argv0;
    rt_fpu_init();
    threads[0] = (struct rt_thread){.state = T_RUNNABLE, .tid = 1};
    for (size_t i = 0; i + 1 < sizeof threads[0].name && base[i]; i++)
        threads[0].name[i] = base[i];
}

/* A new thread starts with a copy of its creator's vector state, as on
 * Linux (rt_thread_begin loads it). */
struct rt_thread *rt_thread_new(void)
{
    if (!fpu_area(rt_current))
        return NULL;
    for (size_t i = 1; i < RT_MAX_THREADS; i++) {
        struct rt_thread *t = &threads[i];
        void *fpu;

        if (t->state != T_FREE)
            continue;
        if (!(fpu = fpu_area(t)))
            return NULL;
        *t = (struct rt_thread){
            .state = T_RUNNABLE, .tid = next_tid++, .fpu = fpu};
        rt_fpu_save(fpu);
        return t;
    }
    return NULL;
}

void rt_thread_begin(struct plat_regs *start)
{
    rt_fpu_restore(rt_current->fpu);
    plat_user_start(start);
}

struct rt_thread *rt_threads_table(size_t *n)
{
    *n = RT_MAX_THREADS;
    return threads;
}

struct rt_thread *rt_thread_by_tid(int tid)
{
    for (size_t i = 0; i < RT_MAX_THREADS; i++)
        if (threads[i].tid == tid &&
            (threads[i].state == T_RUNNABLE || threads[i].state == T_WAITING))
            return &threads[i];
    return NULL;
}

size_t rt_thread_count(void)
{
    size_t n = 0;

    for (size_t i = 0; i < RT_MAX_THREADS; i++)
        n += threads[i].state == T_RUNNABLE || threads[i].state == T_WAITING;
    return n;
}

static bool can_run(struct rt_thread *t, uint64_t now)
{
    return t->state == T_RUNNABLE ||
           (t->state == T_WAITING && (t->seen != events || now >= t->deadline));
}

/* Round-robin from the thread after the current one. */
static struct rt_thread *pick(uint64_t now)
{
    size_t cur = (size_t)(rt_current - threads);

    for (size_t k = 1; k <= RT_MAX_THREADS; k++) {
        struct rt_thread *t = &threads[(cur + k) % RT_MAX_THREADS];

        if (can_run(t, now))
            return t;
    }
    return NULL;
}

static uint64_t earliest_deadline(void)
{
    uint64_t d = UINT64_MAX;

    for (size_t i = 0; i < RT_MAX_THREADS; i++)
        if (threads[i].state == T_WAITING && threads[i].deadline < d)
            d = threads[i].deadline;
    return d;
}

/* Stacks that exiting threads unmapped while still running on them. */
static void reap(void)
{
    for (size_t i = 0; i < RT_MAX_THREADS; i++) {
        struct rt_thread *t = &threads[i];

        if (t->state != T_EXITED || t == rt_current)
            continue;
        if (t->release_len)
            rt_unmap(t->release_base, t->release_len);
        t->state = T_FREE;
    }
}

void rt_schedule(void)
{
    struct rt_thread *me = rt_current, *next;

    while (!(next = pick(plat_clock_monotonic()))) {
        uint64_t deadline = earliest_deadline();
        uint64_t net = rt_net_deadline ? rt_net_deadline() : UINT64_MAX;

        if (rt_thread_count() == 0)
            rt_exit(0); /* the last thread has gone: the program is done */
        if (rt_net_pump && rt_net_pump()) /* frames or timers may have woken
                                             someone */
            continue;
        plat_block(net < deadline ? net : deadline);
        events++; /* the platform may have brought something */
    }
    if (next->state == T_WAITING)
        next->state = T_RUNNABLE;
    if (next != me) {
        rt_current = next;
        plat_tls_set(next->fs);
        rt_fpu_save(me->fpu);
        rt_context_switch(&me->sp, next->sp);
        /* back on this thread, switched to by another one */
        rt_fpu_restore(me->fpu);
        reap();
    }
}

long rt_wait(uint64_t deadline)
{
    if (rt_signal_pending())
        return -EINTR;
    rt_current->state = T_WAITING;
    rt_current->deadline = deadline;
    rt_current->seen = events;
    rt_schedule();
    return rt_signal_pending() ? -EINTR : 0;
}

void rt_thread_exit(void)
{
    rt_current->state = T_EXITED;
    events++;
    rt_schedule();
    rt_panic("an exited thread was scheduled");
}
