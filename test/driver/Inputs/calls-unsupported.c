/* Calls what a unikernel image cannot do: start a process (CALL=fork,
 * system, popen) or load a shared library (CALL=dlopen). Prints what the
 * call answered when --allow-unsupported linked it anyway. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
#if CALL_fork
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    printf("fork: %d %s\n", (int)pid, strerror(errno));
#elif CALL_system
    printf("system: %d\n", system("true"));
#elif CALL_popen
    printf("popen: %s\n", popen("true", "r") ? "a stream" : "NULL");
#elif CALL_dlopen
    printf("dlopen: %s\n", dlopen("libm.so", RTLD_NOW) ? "a handle" : dlerror());
#endif
    return 0;
}
