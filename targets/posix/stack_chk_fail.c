/*
 * A stack-protector failure in a plain posix program (no runtime in the
 * image). musl's __stack_chk_fail is a bare hlt, which a Linux process
 * sees as a SIGSEGV that names nothing; ukcc's link points
 * __stack_chk_fail here instead, to say what happened and end as glibc's
 * does, with SIGABRT. The frame that called it is smashed: use the least.
 */
#include <stdlib.h>
#include <unistd.h>

_Noreturn void __ukcc_posix_stack_chk_fail(void);

void __ukcc_posix_stack_chk_fail(void)
{
    static const char msg[] =
        "ukcc: fault: stack smashing detected (stack protector)\n";

    (void)!write(2, msg, sizeof msg - 1);
    abort();
}
