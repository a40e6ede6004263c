/*
 * The PV callbacks. The program runs in PV guest user mode, so its
 * `syscall` reaches Xen, which switches to guest kernel mode and to the
 * kernel stack given with stack_switch (the landing stack below) and
 * enters pv_syscall_entry with events masked (CALLBACKF_mask_events) and
 * this frame (Xen's bounce frame):
 *
 *     rsp -> rcx r11 rip cs rflags rsp ss      (the user's values)
 *
 * Every entry from user mode lands at the same place, so nothing may live
 * there: the syscall entry moves at once, as the PVH entry does (see
 * ../syscall.S), to the syscall stack (.ukcc.stack) when no syscall is in
 * flight, else below the caller's %rsp past its red zone (rt switches
 * threads inside syscalls, so a live frame on the syscall stack must
 * never be reused). The frame there is struct plat_regs, right above
 * rt_syscall's frame record, found by syscall_frame.c.
 *
 * Return to user mode is an iret through the hypercall page: its stub
 * pushes rcx, r11 and rax, so the frame it finds is struct iret_context
 * (rax r11 rcx flags rip cs rflags rsp ss). VGCF_in_syscall makes Xen
 * return as sysret does (rcx and r11 clobbered, as Linux leaves them); IF
 * set in rflags unmasks events again. Kernel mode (rt) runs with events
 * masked but while it blocks (block.c): an upcall in user code lands on
 * the landing stack, never on the program's stack.
 *
 * rt enters program code the same way: a new thread through the return
 * path (plat_user_start), a signal handler by an iret to it with a return
 * into a syscall that the entry recognises (plat_user_call).
 */
#include <xen/xen.h>

#include "../../../rt/plat_regs.inc"
#include "../syscall_call.inc"

#define IRET (__ukcc_hypercall_page + __HYPERVISOR_iret * 32)
#define USER_CS 0xe033
#define USER_SS 0xe02b
#define RFLAGS_IF 0x200

    .text
    .globl pv_syscall_entry
    .type pv_syscall_entry, @function
pv_syscall_entry:
    lea pv_user_returned(%rip), %rcx
    cmp %rcx, 16(%rsp)
    je user_call_done
3:  mov 16(%rsp), %rcx          /* rip */
    mov 32(%rsp), %r11          /* rflags */
    mov %r11, scratch_rflags(%rip)
    mov 40(%rsp), %r11          /* the user's rsp */
    mov %r11, scratch_rsp(%rip)
    cmpl $0, syscall_depth(%rip)
    jne 1f
    lea __ukcc_stack_top(%rip), %rsp
    jmp 2f
1:  mov %r11, %rsp
    sub $128, %rsp
    and $-16, %rsp
2:  incl syscall_depth(%rip)
    push scratch_rflags(%rip)   /* rflags */
    push %rcx                   /* rip */
    push %r15
    push %r14
    push %r13
    push %r12
    push scratch_rflags(%rip)   /* r11 = rflags, as after a syscall */
    push %r10
    push %r9
    push %r8
    push scratch_rsp(%rip)      /* rsp */
    push %rbp
    push %rdi
    push %rsi
    push %rdx
    push %rcx                   /* rcx = rip, as after a syscall */
    push %rbx
    push %rax
    call_rt_syscall
regs_return:                    /* %rsp = a frame; rax holds the result */
    restore_plat_regs %rsp
    /* the iret context's upper six words over slots already read:
     * flags at 88 (r11), rip 96, cs 104, rflags 112, rsp 120, ss 128 */
    mov PLAT_REGS_RIP(%rsp), %rcx
    mov PLAT_REGS_RFLAGS(%rsp), %r11
    or $RFLAGS_IF, %r11
    mov %r11, 112(%rsp)
    mov PLAT_REGS_RSP(%rsp), %r11
    mov %r11, 120(%rsp)
    mov %rcx, 96(%rsp)
    movq $USER_CS, 104(%rsp)
    movq $USER_SS, 128(%rsp)
    movq $VGCF_in_syscall, 88(%rsp)
    add $88, %rsp
    jmp IRET
    .size pv_syscall_entry, . - pv_syscall_entry

/* pv_enter_user(rip, sp): the first switch to user mode (musl's _start),
 * with events unmasked and the Linux entry state (rdx = 0, rbp = 0). */
    .globl pv_enter_user
    .type pv_enter_user, @function
pv_enter_user:
    push $USER_SS
    push %rsi                   /* rsp */
    push $RFLAGS_IF
    push $USER_CS
    push %rdi                   /* rip */
    push $0                     /* flags */
    xor %eax, %eax
    xor %ecx, %ecx
    xor %r11d, %r11d
    xor %edx, %edx
    xor %ebp, %ebp
    jmp IRET
    .size pv_enter_user, . - pv_enter_user

/*
 * plat_user_call(fn, a1, a2, a3, stack): fn runs in user mode on this
 * stack, below a record of rt's callee-saved registers (or on the stack
 * given, a sigaltstack), and returns to pv_user_return. That syscall
 * reaches the entry above, which knows it by its address and resumes here
 * from the record, which %rbx (callee-saved, so fn kept it) points at.
 * The record's first word points at itself while the call is open, so a
 * stray jump to pv_user_return is an ordinary syscall instead.
 */
    .globl plat_user_call
    .type plat_user_call, @function
plat_user_call:
    push %rbp
    mov %rsp, %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    lea -8(%rsp), %rax
    push %rax                   /* the record's self pointer */
    mov %rsp, %rbx
    lea -128(%rsp), %rax        /* fn's stack, below this one's words, */
    test %r8, %r8
    cmovnz %r8, %rax            /* or the one it was given */
    and $-16, %rax
    lea pv_user_return(%rip), %r8
    mov %r8, -8(%rax)           /* fn's return address */
    sub $8, %rax
    push $USER_SS
    push %rax                   /* rsp */
    push $RFLAGS_IF
    push $USER_CS
    push %rdi                   /* rip = fn */
    push $0                     /* flags */
    mov %rsi, %rdi
    mov %rdx, %rsi
    mov %rcx, %rdx
    jmp IRET

user_call_done:                 /* kernel mode, events masked */
    cmp %rbx, (%rbx)
    jne 3b
    movq $0, (%rbx)             /* closed */
    lea 8(%rbx), %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret
    .size plat_user_call, . - plat_user_call

/* in user mode: where fn returns to */
pv_user_return:
    syscall
pv_user_returned:
    ud2

/* plat_user_start(regs): a new thread starts as a syscall returns, from a
 * copy of its registers on this stack; its parent's syscall is still in
 * flight, so the depth stays. */
    define_plat_user_start

/*
 * The event upcall, with events masked: from user mode on the landing
 * stack (0 bytes of the program's stack touched), or in kernel mode on
 * rt's stack (below the frame Xen pushed there) as SCHEDOP_block returns.
 * Frame as above; rcx and r11 hold nothing of the interrupted code's:
 * they are reloaded from the frame for the iret, which takes them (flags
 * 0) together with rax, and its CS returns to the mode interrupted.
 */
    .globl pv_event_entry
    .type pv_event_entry, @function
pv_event_entry:
    push %rax
    push %rdx
    push %rsi
    push %rdi
    push %r8
    push %r9
    push %r10
    push %rbp
    mov %rsp, %rbp
    and $-16, %rsp
    call pv_event
    mov %rbp, %rsp
    pop %rbp
    pop %r10
    pop %r9
    pop %r8
    pop %rdi
    pop %rsi
    pop %rdx
    pop %rax
    mov (%rsp), %rcx
    mov 8(%rsp), %r11
    movq $0, 8(%rsp)            /* flags */
    add $8, %rsp
    jmp IRET
    .size pv_event_entry, . - pv_event_entry

/* Xen could not load the state it was returning to: report and exit. */
    .globl pv_failsafe_entry
    .type pv_failsafe_entry, @function
pv_failsafe_entry:
    and $-16, %rsp
    call pv_failsafe
    ud2
    .size pv_failsafe_entry, . - pv_failsafe_entry

    .bss
    .balign 8
scratch_rflags:
    .quad 0
scratch_rsp:
    .quad 0
syscall_depth:
    .long 0
    /* Xen lands every entry from user mode here (stack_switch); faults
     * from user mode are reported on it */
    .balign 16
    .skip 16384
    .globl pv_landing_top
pv_landing_top:

    .section .note.GNU-stack, "", @progbits
