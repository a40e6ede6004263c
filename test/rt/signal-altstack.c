// sigaltstack: an SA_ONSTACK handler runs on the thread's alternate
// stack, which reports SS_ONSTACK there and cannot be changed from it; a
// handler without SA_ONSTACK, or with the stack disabled, runs where it
// always does; a new thread starts without one. Compared to Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>

#include "report.h"

#define ALT_SIZE (64 * 1024)

static char *alt;
static volatile int on_alt, flags_inside, change_inside, nested_on_alt;

static int inside(const void *p)
{
    return (uintptr_t)p - (uintptr_t)alt < ALT_SIZE;
}

static void on_usr2(int sig)
{
    char here;

    (void)sig;
    nested_on_alt = inside(&here);
}

static void on_usr1(int sig)
{
    char here;
    stack_t now, other = {.ss_sp = alt, .ss_size = ALT_SIZE};

    (void)sig;
    on_alt = inside(&here);
    sigaltstack(NULL, &now);
    flags_inside = now.ss_flags;
    change_inside = sigaltstack(&other, NULL) == -1 ? errno : 0;
    raise(SIGUSR2); /* SA_ONSTACK too: stays on the stack it is on */
}

static void *thread_main(void *arg)
{
    stack_t now;

    (void)arg;
    sigaltstack(NULL, &now);
    SAY("thread: flags %s\n",
        now.ss_flags == SS_DISABLE ? "SS_DISABLE" : "other");
    return NULL;
}

static void handle(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa = {.sa_handler = fn, .sa_flags = flags};

    sigaction(sig, &sa, NULL);
}

int main(void)
{
    stack_t ss = {0}, old;
    pthread_t t;

    alt = malloc(ALT_SIZE);
    REPORT(sigaltstack(NULL, &old));
    SAY("initially: flags %s size %zu\n",
        old.ss_flags == SS_DISABLE ? "SS_DISABLE" : "other", old.ss_size);
    ss.ss_sp = alt;
    ss.ss_size = MINSIGSTKSZ - 1;
    REPORT(sigaltstack(&ss, NULL));
    ss.ss_flags = 0x1234;
    ss.ss_size = ALT_SIZE;
    REPORT(sigaltstack(&ss, NULL));
    ss.ss_flags = 0;
    REPORT(sigaltstack(&ss, &old));
    REPORT(sigaltstack(NULL, &old));
    SAY("set: flags %d size %zu same %d\n", old.ss_flags, old.ss_size,
        old.ss_sp == alt);

    handle(SIGUSR1, on_usr1, SA_ONSTACK);
    handle(SIGUSR2, on_usr2, SA_ONSTACK);
    raise(SIGUSR1);
    SAY("SA_ONSTACK: on the alternate stack %d, flags there %s, change "
        "there %s, nested handler on it %d\n",
        on_alt, flags_inside == SS_ONSTACK ? "SS_ONSTACK" : "other",
        errno_name(change_inside), nested_on_alt);
    REPORT(sigaltstack(NULL, &old));
    SAY("after: flags %d\n", old.ss_flags);

    handle(SIGUSR1, on_usr1, 0);
    raise(SIGUSR1);
    SAY("without SA_ONSTACK: on the alternate stack %d\n", on_alt);

    handle(SIGUSR1, on_usr1, SA_ONSTACK);
    ss.ss_flags = SS_DISABLE;
    REPORT(sigaltstack(&ss, NULL));
    raise(SIGUSR1);
    SAY("disabled: on the alternate stack %d\n", on_alt);

    ss.ss_flags = 0;
    REPORT(sigaltstack(&ss, NULL));
    pthread_create(&t, NULL, thread_main, NULL);
    pthread_join(t, NULL);
    return 0;
}
// CHECK: sigaltstack(NULL, &old) -> 0
// CHECK: initially: flags SS_DISABLE size 0
// CHECK: sigaltstack(&ss, NULL) -> -1 ENOMEM
// CHECK: sigaltstack(&ss, NULL) -> -1 EINVAL
// CHECK: sigaltstack(&ss, &old) -> 0
// CHECK: sigaltstack(NULL, &old) -> 0
// CHECK: set: flags 0 size 65536 same 1
// CHECK: SA_ONSTACK: on the alternate stack 1, flags there SS_ONSTACK, change there EPERM, nested handler on it 1
// CHECK: after: flags 0
// CHECK: without SA_ONSTACK: on the alternate stack 0
// CHECK: disabled: on the alternate stack 0
// CHECK: thread: flags SS_DISABLE
// CHECK: status 0
