// Threads: musl's own pthreads on rt's clone and futex: create, join,
// detach, mutex + condition variable producer/consumer, thread-local
// storage, and churn. Compared to Linux.
// RUN: %ukcc --hosted -I%S/Inputs %s -o %t
// RUN: %ukcc --target=xen-pvh -I%S/Inputs %s -o %t.pvh
// RUN: %rt-compare --pvh %t.pvh %t | FileCheck %s
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <unistd.h>

#include "report.h"

#define ITEMS 10000
#define SLOTS 8

static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    int buf[SLOTS], head, len;
} q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
       PTHREAD_COND_INITIALIZER};

static _Thread_local int mine = 100;
static sem_t detached_done;

static void *producer(void *arg)
{
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&q.lock);
        while (q.len == SLOTS)
            pthread_cond_wait(&q.not_full, &q.lock);
        q.buf[(q.head + q.len++) % SLOTS] = i;
        pthread_cond_signal(&q.not_empty);
        pthread_mutex_unlock(&q.lock);
    }
    mine += 1;
    return (void *)(intptr_t)mine;
}

static void *consumer(void *arg)
{
    long long sum = 0;

    for (int i = 0; i < ITEMS; i++) {
        pthread_mutex_lock(&q.lock);
        while (q.len == 0)
            pthread_cond_wait(&q.not_empty, &q.lock);
        sum += q.buf[q.head];
        q.head = (q.head + 1) % SLOTS;
        q.len--;
        pthread_cond_signal(&q.not_full);
        pthread_mutex_unlock(&q.lock);
    }
    *(long long *)arg = sum;
    return NULL;
}

static void *detached(void *arg)
{
    sem_post(&detached_done);
    return NULL;
}

static void *looper(void *arg)
{
    for (;;)
        usleep(1000); /* a cancellation point */
    return NULL;
}

static int blocked_pipe[2];

static void *blocked_reader(void *arg)
{
    char c;

    return (void *)(intptr_t)read(blocked_pipe[0], &c, 1); /* blocks */
}

static volatile int usr1;

static void on_usr1(int sig)
{
    usr1++;
}

static void *interrupted_reader(void *arg)
{
    char c;
    long n;

    errno = 0;
    n = read(blocked_pipe[0], &c, 1);
    return (void *)(intptr_t)(n < 0 ? -errno : n);
}

static void *sleeper(void *arg)
{
    usleep(20000);
    return (void *)7;
}

int main(void)
{
    pthread_t p, c, t;
    long long sum = 0;
    void *ret;

    // CHECK: pthread_create(&p, NULL, producer, NULL) -> 0
    REPORT(pthread_create(&p, NULL, producer, NULL));
    // CHECK: pthread_create(&c, NULL, consumer, &sum) -> 0
    REPORT(pthread_create(&c, NULL, consumer, &sum));
    // CHECK: pthread_join(p, &ret) -> 0
    REPORT(pthread_join(p, &ret));
    // CHECK: producer's tls 101, main's tls 100
    SAY("producer's tls %d, main's tls %d\n", (int)(intptr_t)ret, mine);
    // CHECK: pthread_join(c, NULL) -> 0
    REPORT(pthread_join(c, NULL));
    // CHECK: sum 50005000
    SAY("sum %lld\n", sum);

    // a sleeping thread does not stop the others
    // CHECK: pthread_create(&t, NULL, sleeper, NULL) -> 0
    REPORT(pthread_create(&t, NULL, sleeper, NULL));
    // CHECK: pthread_join(t, &ret) -> 0
    REPORT(pthread_join(t, &ret));
    // CHECK: sleeper 7
    SAY("sleeper %d\n", (int)(intptr_t)ret);

    // detached threads come and go; their stacks are freed
    sem_init(&detached_done, 0, 0);
    for (int i = 0; i < 300; i++) {
        pthread_attr_t a;

        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&t, &a, detached, NULL))
            SAY("create failed at %d\n", i);
        sem_wait(&detached_done);
        pthread_attr_destroy(&a);
    }
    // CHECK-NOT: create failed
    // CHECK: detached done
    SAY("detached done\n");
    // joinable churn
    for (int i = 0; i < 300; i++) {
        if (pthread_create(&t, NULL, sleeper, NULL) || pthread_join(t, NULL))
            SAY("churn failed at %d\n", i);
        if (i == 10)
            break; /* sleeper takes 20 ms: 11 rounds suffice */
    }
    // CHECK-NOT: churn failed

    // cancellation of a thread blocked in read: it ends at once
    pipe(blocked_pipe);
    pthread_create(&t, NULL, blocked_reader, NULL);
    usleep(5000);
    // CHECK: pthread_cancel(t) -> 0
    REPORT(pthread_cancel(t));
    // CHECK: pthread_join(t, &ret) -> 0
    REPORT(pthread_join(t, &ret));
    // CHECK: blocked reader canceled 1
    SAY("blocked reader canceled %d\n", ret == PTHREAD_CANCELED);

    // a signal for a blocked thread: EINTR without SA_RESTART...
    sigaction(SIGUSR1, &(struct sigaction){.sa_handler = on_usr1}, NULL);
    pthread_create(&t, NULL, interrupted_reader, NULL);
    usleep(5000);
    // CHECK: pthread_kill(t, SIGUSR1) -> 0
    REPORT(pthread_kill(t, SIGUSR1));
    pthread_join(t, &ret);
    // CHECK: interrupted: -4 handler ran 1
    SAY("interrupted: %d handler ran %d\n", (int)(intptr_t)ret, usr1);
    // ... and a restart with it: the read goes on and gets the byte
    sigaction(
        SIGUSR1,
        &(struct sigaction){.sa_handler = on_usr1, .sa_flags = SA_RESTART},
        NULL);
    pthread_create(&t, NULL, interrupted_reader, NULL);
    usleep(5000);
    pthread_kill(t, SIGUSR1);
    usleep(5000);
    write(blocked_pipe[1], "x", 1);
    pthread_join(t, &ret);
    // CHECK: restarted: 1 handler ran 2
    SAY("restarted: %d handler ran %d\n", (int)(intptr_t)ret, usr1);

    // cancellation at the thread's next cancellation point
    pthread_create(&t, NULL, looper, NULL);
    usleep(5000);
    // CHECK: pthread_cancel(t) -> 0
    REPORT(pthread_cancel(t));
    // CHECK: pthread_join(t, &ret) -> 0
    REPORT(pthread_join(t, &ret));
    // CHECK: canceled 1
    SAY("canceled %d\n", ret == PTHREAD_CANCELED);
    // CHECK: gettid differs from main: 1
    SAY("gettid differs from main: %d\n", gettid() == getpid());
    return 0;
}
// CHECK: status 0
