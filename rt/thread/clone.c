/*
 * clone for threads (what pthread_create asks for), thread exit and
 * sched_yield. A new process (fork, vfork, posix_spawn) cannot exist in a
 * unikernel: clone without CLONE_VM|CLONE_THREAD is ENOSYS, and fork
 * fails cleanly.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "../syscalls.h"
#include "thread.h"

/* The words the first switch to a new thread pops (switch.S). */
struct first_frame {
    uintptr_t r15, r14, r13, r12, rbx, rbp, ret;
};

long sys_clone(unsigned long flags, void *stack, int *ptid, int *ctid,
               unsigned long tls)
{
    const unsigned long need = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND;
    struct rt_thread *t;
    struct first_frame *f;

    if ((flags & need) != need)
        return -ENOSYS; /* a new process: not in a unikernel */
    if (!stack ||
        ((flags & CLONE_PARENT_SETTID) && !rt_user_ok(ptid, sizeof *ptid)))
        return -EINVAL;
    if (!(t = rt_thread_new()))
        return -EAGAIN;
    plat_syscall_regs(rt_current->syscall_frame, &t->start);
    t->start.rsp = (uintptr_t)stack;
    t->start.rax = 0; /* clone returns 0 in the child */
    t->fs = flags & CLONE_SETTLS ? tls : rt_current->fs;
    t->sig_mask = rt_current->sig_mask; /* a new thread inherits it */
    memcpy(t->name, rt_current->name, sizeof t->name); /* and its name */
    if (flags & CLONE_CHILD_CLEARTID)
        t->clear_tid = ctid;
    if (flags & CLONE_PARENT_SETTID)
        *ptid = t->tid;
    /* below the red zone of the new stack, which the thread has not used */
    f = (struct first_frame *)(((uintptr_t)stack - 256) & ~15UL);
    memset(f, 0, sizeof *f);
    f->rbx = (uintptr_t)&t->start;
    f->ret = (uintptr_t)rt_thread_trampoline;
    t->sp = (uintptr_t)f;
    rt_events_changed();
    return t->tid;
}

/* A thread's end: clear its tid word and wake whoever joins it. */
long sys_exit(int status)
{
    int *tid = rt_current->clear_tid;

    if (tid && rt_user_ok(tid, sizeof *tid)) {
        *tid = 0;
        rt_futex_wake(tid, 1);
    }
    rt_thread_exit();
}

long sys_sched_yield(void)
{
    rt_events_changed(); /* let waiters recheck, then take turns */
    rt_current->state = T_RUNNABLE;
    rt_schedule();
    return 0;
}
