// prctl as daemons use it: a thread's name (PR_SET_NAME cuts it at 15
// bytes; a new thread inherits its creator's; pthread_setname_np on itself
// goes through prctl), and the flags a program sets and reads back
// (dumpable, no_new_privs, the parent-death signal, child subreaper, timer
// slack), with Linux's errors for bad values and unknown options.
// Compared against Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "report.h"

static char name[16];

static void *child(void *arg)
{
    (void)arg;
    prctl(PR_GET_NAME, name);
    SAY("child starts as '%s'\n", name);
    REPORT(pthread_setname_np(pthread_self(), "child"));
    prctl(PR_GET_NAME, name);
    SAY("child now '%s'\n", name);
    return NULL;
}

int main(void)
{
    pthread_t t;
    int v = -1;

    prctl(PR_GET_NAME, name);
    SAY("has a name: %s\n", name[0] ? "yes" : "no");
    REPORT(prctl(PR_SET_NAME, "worker-with-a-long-name"));
    prctl(PR_GET_NAME, name);
    SAY("name '%s'\n", name);
    pthread_create(&t, NULL, child, NULL);
    pthread_join(t, NULL);
    prctl(PR_GET_NAME, name);
    SAY("main still '%s'\n", name);
    REPORT(prctl(PR_SET_NAME, (char *)1));

    REPORT(prctl(PR_GET_DUMPABLE));
    REPORT(prctl(PR_SET_DUMPABLE, 2));
    REPORT(prctl(PR_SET_DUMPABLE, 0));
    REPORT(prctl(PR_GET_DUMPABLE));
    REPORT(prctl(PR_SET_DUMPABLE, 1));

    REPORT(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    REPORT(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0));
    REPORT(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    REPORT(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));

    REPORT(prctl(PR_SET_PDEATHSIG, SIGTERM));
    REPORT(prctl(PR_GET_PDEATHSIG, &v));
    SAY("death signal %d\n", v);
    REPORT(prctl(PR_SET_PDEATHSIG, 65));

    REPORT(prctl(PR_SET_CHILD_SUBREAPER, 1));
    REPORT(prctl(PR_GET_CHILD_SUBREAPER, &v));
    SAY("subreaper %d\n", v);
    REPORT(prctl(PR_GET_KEEPCAPS));

    REPORT(prctl(PR_SET_TIMERSLACK, 100000));
    REPORT(prctl(PR_GET_TIMERSLACK));
    REPORT(prctl(9999));
    return 0;
}

// CHECK:      has a name: yes
// CHECK-NEXT: prctl(PR_SET_NAME, "worker-with-a-long-name") -> 0
// CHECK-NEXT: name 'worker-with-a-l'
// CHECK-NEXT: child starts as 'worker-with-a-l'
// CHECK-NEXT: pthread_setname_np(pthread_self(), "child") -> 0
// CHECK-NEXT: child now 'child'
// CHECK-NEXT: main still 'worker-with-a-l'
// CHECK-NEXT: prctl(PR_SET_NAME, (char *)1) -> -1 EFAULT
// CHECK-NEXT: prctl(PR_GET_DUMPABLE) -> 1
// CHECK-NEXT: prctl(PR_SET_DUMPABLE, 2) -> -1 EINVAL
// CHECK-NEXT: prctl(PR_SET_DUMPABLE, 0) -> 0
// CHECK-NEXT: prctl(PR_GET_DUMPABLE) -> 0
// CHECK-NEXT: prctl(PR_SET_DUMPABLE, 1) -> 0
// CHECK-NEXT: prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) -> 0
// CHECK-NEXT: prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0) -> -1 EINVAL
// CHECK-NEXT: prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) -> 0
// CHECK-NEXT: prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) -> 1
// CHECK-NEXT: prctl(PR_SET_PDEATHSIG, SIGTERM) -> 0
// CHECK-NEXT: prctl(PR_GET_PDEATHSIG, &v) -> 0
// CHECK-NEXT: death signal 15
// CHECK-NEXT: prctl(PR_SET_PDEATHSIG, 65) -> -1 EINVAL
// CHECK-NEXT: prctl(PR_SET_CHILD_SUBREAPER, 1) -> 0
// CHECK-NEXT: prctl(PR_GET_CHILD_SUBREAPER, &v) -> 0
// CHECK-NEXT: subreaper 1
// CHECK-NEXT: prctl(PR_GET_KEEPCAPS) -> 0
// CHECK-NEXT: prctl(PR_SET_TIMERSLACK, 100000) -> 0
// CHECK-NEXT: prctl(PR_GET_TIMERSLACK) -> 100000
// CHECK-NEXT: prctl(9999) -> -1 EINVAL
