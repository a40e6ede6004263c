// umask(2) issued with the syscall instruction, as no libc function in
// this program makes that call: rt has a handler, but the image links it
// only with --all-syscalls. Prints what the call returned.
#include <stdio.h>
#include <sys/syscall.h>

int main(void)
{
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"((long)SYS_umask), "D"(077L)
                     : "rcx", "r11", "memory");
    printf("umask: %ld\n", ret);
    return 0;
}
