// syscall() can issue any number, socket(2) included.
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    (void)argv;
    return syscall(SYS_socket, argc, 1, 0) < 0;
}
