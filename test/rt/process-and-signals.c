// Start-up (argv, environment, auxv), identity, limits, signals and
// unimplemented syscalls. Compared to Linux where Linux is the reference.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh -e GREETING=hi %t one 'two words' | FileCheck %s
#include <signal.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "report.h"

static volatile int caught;
static _Thread_local int tls_value = 7;

static void on_usr1(int sig)
{
    caught = sig;
}

int main(int argc, char **argv)
{
    struct rlimit rl;
    struct utsname u;
    sigset_t set;
    unsigned char *rnd = (unsigned char *)getauxval(AT_RANDOM);

    // CHECK: argc 3: one|two words
    SAY("argc %d: %s|%s\n", argc, argv[1], argv[2]);
    // CHECK: GREETING=hi
    SAY("GREETING=%s\n", getenv("GREETING"));
    // CHECK: auxv: 4096 1 1 1
    SAY("auxv: %lu %d %d %d\n", getauxval(AT_PAGESZ), getauxval(AT_PHDR) != 0,
        rnd != NULL, getauxval(AT_ENTRY) != 0);
    // CHECK: tls 7
    SAY("tls %d\n", tls_value);
    // CHECK: uname(&u) -> 0
    REPORT(uname(&u));
    // CHECK: Linux x86_64
    SAY("%s %s\n", u.sysname, u.machine);
    // CHECK: getrlimit(RLIMIT_NOFILE, &rl) -> 0
    REPORT(getrlimit(RLIMIT_NOFILE, &rl));
    // CHECK: getrlimit(99, &rl) -> -1 EINVAL
    REPORT(getrlimit(99, &rl));
    // CHECK: umask(077) -> 18
    REPORT(umask(077));
    // CHECK: umask(022) -> 63
    REPORT(umask(022));
    // CHECK: getpid() > 0 -> 1
    REPORT(getpid() > 0);
    // CHECK: syscall(SYS_gettid) == getpid() -> 1
    REPORT(syscall(SYS_gettid) == getpid());

    // CHECK: signal(SIGUSR1, on_usr1) == SIG_ERR -> 0
    REPORT(signal(SIGUSR1, on_usr1) == SIG_ERR);
    // CHECK: raise(SIGUSR1) -> 0
    REPORT(raise(SIGUSR1));
    // CHECK: caught 10
    SAY("caught %d\n", caught);
    caught = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    // CHECK: while blocked: 0
    SAY("while blocked: %d\n", caught);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    // CHECK: after unblock: 10
    SAY("after unblock: %d\n", caught);
    // CHECK: kill(getpid(), 0) -> 0
    REPORT(kill(getpid(), 0));
    // CHECK: sigaction(SIGKILL, &(struct sigaction){0}, NULL) -> -1 EINVAL
    REPORT(sigaction(SIGKILL, &(struct sigaction){0}, NULL));
    // CHECK: signal(SIGUSR2, SIG_IGN) == SIG_ERR -> 0
    REPORT(signal(SIGUSR2, SIG_IGN) == SIG_ERR);
    // CHECK: raise(SIGUSR2) -> 0
    REPORT(raise(SIGUSR2));

    // a syscall no one implements: -ENOSYS, and the program goes on
    // CHECK: syscall(1000) -> -1 ENOSYS
    REPORT(syscall(1000));
    fflush(stdout);
    // the default action of SIGTERM ends the program with 128 + 15
    raise(SIGTERM);
    SAY("not reached\n");
    return 0;
}
// CHECK-NOT: not reached
// CHECK: ukcc: terminated by signal 15
// CHECK: status 143
