/*
 * A stack-protector failure. musl's __stack_chk_fail is a bare hlt, which
 * in a ring-0 image does not fault: it halts until the next interrupt and
 * then returns into the smashed frame. ukcc's link points
 * __stack_chk_fail here instead, on every target with a runtime.
 */
#include "../rt.h"

_Noreturn void __ukcc_stack_chk_fail(void);
_Noreturn void rt_stack_chk_fail_at(uint64_t pc, uint64_t rbp, uint64_t rsp);

/* pc: the return address into the function whose canary died; rbp its
 * frame (whose links the overflow may have smashed); rsp above the call */
void rt_stack_chk_fail_at(uint64_t pc, uint64_t rbp, uint64_t rsp)
{
    rt_log("fault: stack smashing detected (stack protector)");
    rt_backtrace_from(pc, true, rbp, rsp);
    rt_exit(134); /* as abort() ends: 128 + SIGABRT */
}

void __ukcc_stack_chk_fail(void)
{
    const uint64_t *fp = __builtin_frame_address(0);

    rt_stack_chk_fail_at(fp[1], fp[0], (uintptr_t)(fp + 2));
}
