// The console as standard input: lines arrive, end of input reads 0.
// Compared to Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// (Not on PVH: a serial console has no end of input.)
// RUN: printf 'first line\nsecond\n' | %rt-compare %t | FileCheck %s
#include <unistd.h>

#include "report.h"

int main(void)
{
    char line[64];
    int n = 0;

    while (fgets(line, sizeof line, stdin))
        SAY("%d: %s", ++n, line);
    // CHECK: 1: first line
    // CHECK: 2: second
    // CHECK: eof after 2
    SAY("eof after %d\n", n);
    // CHECK: read(0, line, 1) -> 0
    REPORT(read(0, line, 1));
    return 0;
}
// CHECK: status 0
