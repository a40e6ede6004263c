// Each thread's vector and floating-point state is its own, as on Linux:
// a thread blocked in a syscall gets its registers back unchanged although
// another thread ran meanwhile and changed them, and a signal handler that
// changes them leaves the code it interrupted intact. That is xmm0-15,
// MXCSR and the x87 control word, and with AVX (which QEMU's max CPU and
// this machine have, and which the image must enable) ymm0-15 whole.
// Compared to Linux.
// Not as a PVH domU in the Xen harness (rt-suite-on-xen.test's domu run):
// QEMU's emulated SVM does not intercept XSETBV, so Xen never learns the
// domU's XCR0 and puts back its own (x87 and SSE only) at the vCPU's next
// switch; on hardware Xen intercepts it. PVH as dom0 and PV are tested.
// UNSUPPORTED: rt-on-xen-domu
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
// CHECK:      avx: {{(not )?}}usable
// CHECK-NEXT: nanosleep: 0
// CHECK-NEXT: across a thread switch: vectors kept, mxcsr kept, x87 kept
// CHECK-NEXT: kill: 0, handled: 1
// CHECK-NEXT: across a signal handler: vectors kept, mxcsr kept, x87 kept
// CHECK-NEXT: the other thread's own: vectors kept, mxcsr kept, x87 kept
#include <cpuid.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define VBYTES (16 * 32) // ymm0-15

static int avx;

static void fill(uint8_t *p, uint8_t seed)
{
    for (int i = 0; i < VBYTES; i++)
        p[i] = (uint8_t)(seed + i * 7);
}

struct state {
    uint8_t v[VBYTES];
    uint32_t mxcsr;
    uint16_t fcw;
};

// Loads every vector register (MOV, REG and SIZE: ymm or xmm), MXCSR and
// the x87 control word from *in, makes one raw syscall with them loaded,
// and stores them to *out.
#define HOLD(MOV, REG, SIZE, AFTER)                                            \
    __asm__ volatile(".irp r,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n" MOV      \
                     " " #SIZE "*\\r(%[in]), %%" REG "\\r\n.endr\n"            \
                     "ldmxcsr %c[mx](%[in])\nfldcw %c[cw](%[in])\nsyscall\n"   \
                     ".irp r,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n" MOV      \
                     " %%" REG "\\r, " #SIZE "*\\r(%[out])\n.endr\n"           \
                     "stmxcsr %c[mx](%[out])\nfnstcw %c[cw](%[out])\n" AFTER   \
                     : "=a"(ret)                                               \
                     : "a"(nr), "D"(a1),                                       \
                       "S"(a2), [in] "r"(in), [out] "r"(out),                  \
                       [mx] "i"(offsetof(struct state, mxcsr)),                \
                       [cw] "i"(offsetof(struct state, fcw))                   \
                     : "rcx", "r11", "rdx", "memory", "xmm0", "xmm1", "xmm2",  \
                       "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", \
                       "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15")

static long hold(long nr, long a1, long a2, const struct state *in,
                 struct state *out)
{
    long ret;

    if (avx)
        HOLD("vmovdqu", "ymm", 32, "vzeroupper\n");
    else
        HOLD("movdqu", "xmm", 16, "");
    return ret;
}

static void report(const char *what, const struct state *in,
                   const struct state *out)
{
    size_t n = avx ? VBYTES : VBYTES / 2;

    printf("%s: vectors %s, mxcsr %s, x87 %s\n", what,
           memcmp(in->v, out->v, n) ? "CHANGED" : "kept",
           in->mxcsr == out->mxcsr ? "kept" : "CHANGED",
           in->fcw == out->fcw ? "kept" : "CHANGED");
}

static volatile int done;
static struct state theirs_in, theirs_out;

// The other thread: its own registers, held across syscalls that let the
// first thread run, until that one is done.
static void *other(void *arg)
{
    struct timespec ts = {0, 1000000};

    (void)arg;
    fill(theirs_in.v, 0x55);
    theirs_in.mxcsr = 0x7f80; // round toward zero, exceptions masked
    theirs_in.fcw = 0x0f7f;   // x87: toward zero
    while (!done)
        if (hold(SYS_nanosleep, (long)&ts, 0, &theirs_in, &theirs_out))
            break;
    return NULL;
}

static volatile int handled;

static void clobber(int sig)
{
    struct state junk, out;

    (void)sig;
    handled++;
    fill(junk.v, 0xa5);
    junk.mxcsr = 0x5f80; // round up
    junk.fcw = 0x0b7f;
    hold(SYS_getpid, 0, 0, &junk, &out);
}

int main(void)
{
    unsigned a, b, c, d;
    struct state in, out;
    struct timespec ts = {0, 20000000};
    pthread_t t;

    __get_cpuid(1, &a, &b, &c, &d);
    if ((c & bit_AVX) && (c & bit_OSXSAVE)) {
        __asm__("xgetbv" : "=a"(a), "=d"(d) : "c"(0));
        avx = (a & 6) == 6;
    }
    printf("avx: %s\n", avx ? "usable" : "not usable");
    // the libc calls bring rt's handlers for the raw syscalls below
    nanosleep(&(struct timespec){0, 0}, NULL);
    kill(getpid(), 0);
    fill(in.v, 0x11);
    in.mxcsr = 0x3f80; // round down
    in.fcw = 0x077f;   // x87: down

    pthread_create(&t, NULL, other, NULL);
    printf("nanosleep: %ld\n", hold(SYS_nanosleep, (long)&ts, 0, &in, &out));
    report("across a thread switch", &in, &out);

    signal(SIGUSR1, clobber);
    printf("kill: %ld, handled: %d\n",
           hold(SYS_kill, getpid(), SIGUSR1, &in, &out), handled);
    report("across a signal handler", &in, &out);

    done = 1;
    pthread_join(t, NULL);
    report("the other thread's own", &theirs_in, &theirs_out);
    return 0;
}
