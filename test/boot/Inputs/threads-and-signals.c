/*
 * Three threads taking turns under a mutex and condition variable, and a
 * signal handler that makes syscalls: with the real rt, threads switch
 * inside syscalls and handlers run inside them, so the syscall entry must
 * never reuse a frame that is still live.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int turn;
static void *worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 3; i++) {
        pthread_mutex_lock(&m);
        while (turn % 3 != id)
            pthread_cond_wait(&c, &m);
        printf("thread %ld round %d\n", id, i);
        turn++;
        pthread_cond_broadcast(&c);
        pthread_mutex_unlock(&m);
        usleep(1000);
    }
    return (void *)(id * 10);
}
static void on_usr1(int s)
{
    printf("signal %d in handler\n", s);
    write(1, "handler write\n", 14);
}
int main(void)
{
    pthread_t t[3];
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    for (long i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 3; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("joined %d -> %ld\n", i, (long)r);
    }
    return 0;
}
