// With UKCC_DEBUG=1, a syscall rt lacks is named once on the console and
// returns -ENOSYS; without it rt says nothing.
// RUN: %ukcc --hosted %s -o %t
// RUN: env UKCC_DEBUG=1 %t | FileCheck %s
// RUN: %t | FileCheck %s --check-prefix=QUIET
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    for (int i = 0; i < 3; i++) {
        long r = syscall(SYS_acct, "/x");

        printf("acct: %ld %s\n", r, errno == ENOSYS ? "ENOSYS" : "?");
    }
    return 0;
}
// CHECK:     ukcc: syscall 163 is not implemented, or not linked{{.*}}: -ENOSYS
// CHECK-NOT: syscall 163
// CHECK:     acct: -1 ENOSYS
// CHECK:     acct: -1 ENOSYS
// CHECK:     acct: -1 ENOSYS
// QUIET-NOT: not implemented
// QUIET:     acct: -1 ENOSYS
