/*
 * Threads: one vCPU, scheduled cooperatively. A thread runs until it
 * blocks in a syscall (rt_wait), yields or exits; then the next thread
 * that can make progress runs. Each thread's rt frames live on its own
 * stack, so a switch is a plain callee-saved-register swap.
 */
#ifndef UKCC_THREAD_H
#define UKCC_THREAD_H

#include "../rt.h"

#define RT_MAX_THREADS 256

enum thread_state { T_FREE, T_RUNNABLE, T_WAITING, T_EXITED };

struct rt_thread {
    enum thread_state state;
    int tid;
    uintptr_t sp;   /* saved by rt_context_switch while not running */
    uintptr_t fs;   /* the thread pointer */
    int *clear_tid; /* CLONE_CHILD_CLEARTID / set_tid_address */
    void *robust_list;
    uint64_t deadline;      /* T_WAITING: wake by then at the latest */
    uint64_t seen;          /* T_WAITING: the event count it slept on */
    uintptr_t release_base; /* a stack munmapped while in use, freed */
    size_t release_len;     /* once the thread is gone */
    struct plat_regs start; /* a new thread's first registers */
    uint64_t sig_pending;   /* signals sent to this thread (tgkill) */
    uint64_t sig_mask;      /* blocked signals (rt_sigprocmask) */
    void *syscall_frame;    /* the target's record of its syscall's regs */
    uintptr_t altstack;     /* sigaltstack: its base, or 0 (none) */
    size_t altstack_size;
    bool futex_woken;
    const int *futex_addr;
    void *fpu;     /* its vector state while not running (fpu.c) */
    char name[16]; /* prctl PR_SET_NAME: NUL-terminated, as Linux's comm */
};

/* sched.c */
extern struct rt_thread *rt_current;
/* the main thread, before anything runs, named as Linux names a process:
 * the last part of its argv[0], cut at 15 bytes */
void rt_thread_init(const char *argv0);
struct rt_thread *rt_thread_new(void);
void rt_schedule(void);
_Noreturn void rt_thread_exit(void);
void rt_events_changed(void); /* something a waiter may want happened */
size_t rt_thread_count(void);
struct rt_thread *rt_threads_table(size_t *n);
struct rt_thread *rt_thread_by_tid(int tid); /* NULL: no such thread */

/* fpu.c: the program's vector and floating-point state */
void rt_fpu_init(void);
size_t rt_fpu_area_size(void); /* bytes an area needs, alignment included */
void rt_fpu_save(void *area);
void rt_fpu_restore(const void *area);

/* futex.c */
long rt_futex_wake(const int *addr, int n);

/* switch.S */
void rt_context_switch(uintptr_t *save_sp, uintptr_t new_sp);
void rt_thread_trampoline(void);
_Noreturn void rt_thread_begin(struct plat_regs *start); /* sched.c */

#endif
