// Resource limits read the same through getrlimit, prlimit and
// /proc/self/limits (Linux's table), follow setrlimit, and are refused
// where Linux refuses them; a lowered RLIMIT_AS is enforced. Compared
// against Linux. With "values" (not compared) the image prints the limits
// it was built with: 1024 descriptors (up to 524288 once raised, as a
// systemd service has them), the stack it has mapped, and the memory it
// can have.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
// RUN: %ukcc --hosted --stack-size=1M --heap-max=64M -I%S/Inputs %s \
// RUN:     -o %t.sized
// RUN: %t.sized values | FileCheck %s --check-prefix=SIZED
// RUN: %src_root/test/boot/run-qemu.sh %t.pvh -- limits values | \
// RUN:     FileCheck %s --check-prefix=PVH
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "report.h"

static const int resources[] = {RLIMIT_NOFILE, RLIMIT_STACK, RLIMIT_AS};
static const char *const names[] = {"Max open files", "Max stack size",
                                    "Max address space"};

static unsigned long long field(const char *s)
{
    return strncmp(s, "unlimited", 9) == 0 ? RLIM_INFINITY
                                           : strtoull(s, NULL, 10);
}

/* Whether /proc/self/limits shows what getrlimit says for each resource
 * above; prints its layout (names, units, line lengths) on the first call,
 * which is Linux's whatever the values. */
static int proc_agrees(int layout)
{
    char line[256];
    int agree = 1, rows = 0;
    FILE *f = fopen("/proc/self/limits", "r");

    if (!f)
        return 0;
    while (fgets(line, sizeof line, f)) {
        size_t n = strlen(line);

        if (layout) {
            /* name and units: columns 0-24 and 68 on */
            SAY("%zu |%.25s|%s", n, line, n > 68 ? line + 68 : "\n");
        }
        for (int i = 0; i < 3; i++) {
            struct rlimit rl;

            if (strncmp(line, names[i], strlen(names[i])) != 0)
                continue;
            getrlimit(resources[i], &rl);
            agree &= field(line + 26) == rl.rlim_cur &&
                     field(line + 47) == rl.rlim_max;
            rows++;
        }
    }
    fclose(f);
    return agree && rows == 3;
}

static void values(void)
{
    struct rlimit rl;
    struct sysinfo si;

    sysinfo(&si);
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("nofile %llu %llu\n", (unsigned long long)rl.rlim_cur,
           (unsigned long long)rl.rlim_max);
    getrlimit(RLIMIT_STACK, &rl);
    printf("stack %llu %llu\n", (unsigned long long)rl.rlim_cur,
           (unsigned long long)rl.rlim_max);
    getrlimit(RLIMIT_AS, &rl);
    printf("as %llu %llu, all of memory: %d\n", (unsigned long long)rl.rlim_cur,
           (unsigned long long)rl.rlim_max,
           rl.rlim_cur == si.totalram * si.mem_unit);
    /* the hard limits are what rt has: raising one is refused */
    rl.rlim_max++;
    REPORT(setrlimit(RLIMIT_AS, &rl));
    getrlimit(RLIMIT_STACK, &rl);
    rl.rlim_cur = rl.rlim_max = rl.rlim_max * 2;
    REPORT(setrlimit(RLIMIT_STACK, &rl));
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = ++rl.rlim_max;
    REPORT(setrlimit(RLIMIT_NOFILE, &rl));
    /* the soft limit goes up to the hard one, as a server raises it */
    rl.rlim_cur = --rl.rlim_max;
    REPORT(setrlimit(RLIMIT_NOFILE, &rl));
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("nofile %llu %llu\n", (unsigned long long)rl.rlim_cur,
           (unsigned long long)rl.rlim_max);
    /* and one lowered cannot be raised again */
    rl = (struct rlimit){512, 512};
    REPORT(setrlimit(RLIMIT_NOFILE, &rl));
    rl = (struct rlimit){512, 1024};
    REPORT(setrlimit(RLIMIT_NOFILE, &rl));
}
// --heap-max=64M and a 1 MiB stack: 64 MiB + 1 MiB + the guard page
// SIZED: nofile 1024 524288
// SIZED-NEXT: stack 1048576 1048576
// SIZED-NEXT: as 68161536 68161536, all of memory: 1
// SIZED-NEXT: setrlimit(RLIMIT_AS, &rl) -> -1 EPERM
// SIZED-NEXT: setrlimit(RLIMIT_STACK, &rl) -> -1 EPERM
// SIZED-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> -1 EPERM
// SIZED-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> 0
// SIZED-NEXT: nofile 524288 524288
// SIZED-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> 0
// SIZED-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> -1 EPERM
// PVH: nofile 1024 524288
// PVH-NEXT: stack 1048576 1048576
// PVH-NEXT: as [[AS:[0-9]+]] [[AS]], all of memory: 1
// PVH-NEXT: setrlimit(RLIMIT_AS, &rl) -> -1 EPERM
// PVH-NEXT: setrlimit(RLIMIT_STACK, &rl) -> -1 EPERM
// PVH-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> -1 EPERM
// PVH-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> 0
// PVH-NEXT: nofile 524288 524288
// PVH-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> 0
// PVH-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> -1 EPERM

int main(int argc, char **argv)
{
    struct rlimit rl, old, as;
    void *p;

    if (argc > 1 && strcmp(argv[1], "values") == 0) {
        values();
        return 0;
    }
    // CHECK: 79 |Limit                    |Units
    // CHECK-NEXT: 79 |Max cpu time             |seconds
    // CHECK-NEXT: 79 |Max file size            |bytes
    // CHECK-NEXT: 79 |Max data size            |bytes
    // CHECK-NEXT: 79 |Max stack size           |bytes
    // CHECK-NEXT: 79 |Max core file size       |bytes
    // CHECK-NEXT: 79 |Max resident set         |bytes
    // CHECK-NEXT: 79 |Max processes            |processes
    // CHECK-NEXT: 79 |Max open files           |files
    // CHECK-NEXT: 79 |Max locked memory        |bytes
    // CHECK-NEXT: 79 |Max address space        |bytes
    // CHECK-NEXT: 79 |Max file locks           |locks
    // CHECK-NEXT: 79 |Max pending signals      |signals
    // CHECK-NEXT: 79 |Max msgqueue size        |bytes
    // CHECK-NEXT: 69 |Max nice priority        |
    // CHECK-NEXT: 69 |Max realtime priority    |
    // CHECK-NEXT: 79 |Max realtime timeout     |us
    // CHECK-NEXT: /proc/self/limits agrees: 1
    SAY("/proc/self/limits agrees: %d\n", proc_agrees(1));

    for (int i = 0; i < 3; i++) {
        struct rlimit p0, pid;

        getrlimit(resources[i], &rl);
        prlimit(0, resources[i], NULL, &p0);
        prlimit(getpid(), resources[i], NULL, &pid);
        SAY("%s: cur <= max %d, prlimit agrees %d\n", names[i],
            rl.rlim_cur <= rl.rlim_max,
            p0.rlim_cur == rl.rlim_cur && p0.rlim_max == rl.rlim_max &&
                pid.rlim_cur == rl.rlim_cur && pid.rlim_max == rl.rlim_max);
    }
    // CHECK-NEXT: Max open files: cur <= max 1, prlimit agrees 1
    // CHECK-NEXT: Max stack size: cur <= max 1, prlimit agrees 1
    // CHECK-NEXT: Max address space: cur <= max 1, prlimit agrees 1

    // CHECK-NEXT: prlimit(999999999, RLIMIT_NOFILE, NULL, &rl) -> -1 ESRCH
    REPORT(prlimit(999999999, RLIMIT_NOFILE, NULL, &rl));
    // CHECK-NEXT: prlimit(0, RLIM_NLIMITS, NULL, &rl) -> -1 EINVAL
    REPORT(prlimit(0, RLIM_NLIMITS, NULL, &rl));

    getrlimit(RLIMIT_NOFILE, &old);
    rl = (struct rlimit){old.rlim_max, RLIM_INFINITY};
    /* above any table (Linux: above fs.nr_open, even for root) */
    // CHECK-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> -1 EPERM
    REPORT(setrlimit(RLIMIT_NOFILE, &rl));
    rl = (struct rlimit){old.rlim_max + 1, old.rlim_max};
    // CHECK-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> -1 EINVAL
    REPORT(setrlimit(RLIMIT_NOFILE, &rl));
    rl = (struct rlimit){100, old.rlim_max};
    // CHECK-NEXT: setrlimit(RLIMIT_NOFILE, &rl) -> 0
    REPORT(setrlimit(RLIMIT_NOFILE, &rl));
    // CHECK-NEXT: sysconf(_SC_OPEN_MAX) -> 100
    REPORT(sysconf(_SC_OPEN_MAX));
    // CHECK-NEXT: lowered: /proc/self/limits agrees: 1
    SAY("lowered: /proc/self/limits agrees: %d\n", proc_agrees(0));
    // CHECK-NEXT: prlimit(0, RLIMIT_NOFILE, &old, &rl) -> 0
    REPORT(prlimit(0, RLIMIT_NOFILE, &old, &rl));
    // CHECK-NEXT: old soft 100: 1
    SAY("old soft 100: %d\n", rl.rlim_cur == 100);

    /* a lowered RLIMIT_AS bounds what the program can map (16 MiB: more
     * than the program uses, on Linux or rt, less than a small guest has) */
    getrlimit(RLIMIT_AS, &as);
    rl = (struct rlimit){16 << 20, as.rlim_max};
    if (rl.rlim_cur > rl.rlim_max)
        rl.rlim_cur = rl.rlim_max;
    // CHECK-NEXT: setrlimit(RLIMIT_AS, &rl) -> 0
    REPORT(setrlimit(RLIMIT_AS, &rl));
    p = mmap(NULL, 64 << 20, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    // CHECK-NEXT: 64 MiB mapped: 0 ENOMEM
    SAY("64 MiB mapped: %d %s\n", p != MAP_FAILED, errno_name(errno));
    // CHECK-NEXT: 64 MiB malloc: 0
    SAY("64 MiB malloc: %d\n", malloc(64 << 20) != NULL);
    p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
             -1, 0);
    // CHECK-NEXT: 1 MiB mapped: 1
    SAY("1 MiB mapped: %d\n", p != MAP_FAILED);
    // CHECK-NEXT: setrlimit(RLIMIT_AS, &as) -> 0
    REPORT(setrlimit(RLIMIT_AS, &as));
    return 0;
}
