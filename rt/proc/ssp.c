/*
 * A stack-protector failure. musl's __stack_chk_fail is a bare hlt, which
 * in a ring-0 image does not fault: it halts until the next interrupt and
 * then returns into the smashed frame. ukcc's link points
 * __stack_chk_fail here instead, on every target with a runtime.
 */
#include "../rt.h"

_Noreturn void __ukcc_stack_chk_fail(void);

void __ukcc_stack_chk_fail(void)
{
    const uint64_t *fp = __builtin_frame_address(0);

    rt_log("fault: stack smashing detected (stack protector)");
    /* from the function whose canary died: its return address into it,
     * then its own frame (whose links the overflow may have smashed) */
    rt_backtrace_from(fp[1], true, fp[0], (uintptr_t)(fp + 2));
    rt_exit(134); /* as abort() ends: 128 + SIGABRT */
}
