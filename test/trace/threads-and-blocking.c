// With UKCC_STRACE=1 and a second thread, each line names its thread as
// strace -f does ("[pid TID] "); a call that blocks is printed once, when
// it returns: main's read of an empty pipe shows after the write by the
// thread that ended its wait. Hosted and on PVH under QEMU.
// RUN: %ukcc --hosted --strace %s -o %t -lpthread
// RUN: env UKCC_STRACE=1 %t | FileCheck %s
// RUN: %ukcc --target=xen-pvh --strace %s -o %t.pvh -lpthread
// RUN: %src_root/test/boot/run-qemu.sh %t.pvh UKCC_STRACE=1 -- threads | \
// RUN:     FileCheck %s
#include <pthread.h>
#include <unistd.h>

static int fds[2];

static void *writer(void *arg)
{
    (void)arg;
    write(fds[1], "x", 1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    char c;

    pipe(fds);
    pthread_create(&t, NULL, writer, NULL);
    read(fds[0], &c, 1);
    pthread_join(t, NULL);
    return 0;
}
// CHECK-NOT:  [pid
// CHECK:      pipe([3, 4]) = 0
// CHECK-NOT:  read(
// CHECK:      [pid 1] clone({{.*}}) = 2
// CHECK-NOT:  read(
// CHECK:      [pid 2] write(4, "x", 1) = 1
// CHECK-NOT:  read(
// CHECK:      [pid 2] exit(0) = ?
// CHECK:      {{^(\[pid 1\] )?}}read(3, "x", 1) = 1
// CHECK:      exit_group(0) = ?
