/*
 * The platform interface: all that rt needs from a target, and all that a
 * target provides. rt includes no target header; a target includes this one
 * and nothing else of rt's.
 *
 * Error policy: a call that can fail returns 0 (or a count) on success and a
 * negative errno on failure; a call that cannot fail returns void. A target
 * never allocates on rt's behalf and never calls back into rt except through
 * rt_syscall() (syscall entry) and rt_boot() (start-up), declared at the end.
 */
#ifndef UKCC_PLATFORM_H
#define UKCC_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Console: the program's stdout and stderr (and stdin, where there is one).
 * Writes the whole buffer; never fails from rt's point of view. */
void plat_console_write(const void *buf, size_t len);

/* Reads what the console has, without blocking: a count (0 at end of input),
 * or -EAGAIN when nothing has arrived yet. */
long plat_console_read(void *buf, size_t len);

/* Time in nanoseconds: monotonic since boot (never goes back), and wall
 * clock since 1970-01-01 UTC. */
uint64_t plat_clock_monotonic(void);
uint64_t plat_clock_wall(void);

/* Waits until the monotonic clock reaches deadline, or until a device or
 * console event arrives, whichever comes first. May return early. */
void plat_block(uint64_t deadline);

/* Ends the program with status (0-255); the target reports it outward. */
_Noreturn void plat_exit(int status);

/* The memory rt manages: one page-aligned region for its page allocator.
 * It may hold old data (Xen does not clear a domain's RAM): rt then clears
 * each page when it first hands it out, so the target need not touch it.
 * zeroed says every page reads as zero until written (a host's fresh
 * anonymous mapping, whose pages cost nothing until touched): rt then
 * leaves them alone. */
struct plat_region {
    uintptr_t base;
    size_t size;
    bool zeroed;
};
void plat_memory(struct plat_region *heap);

/* Gives the memory behind page-aligned pages of the region back to the
 * host: afterwards they read as zero and cost nothing until touched
 * again. 0, or -ENOSYS where the target cannot (rt then clears freed
 * pages itself, and they stay resident). */
int plat_mem_discard(uintptr_t addr, size_t len);

/* Changes the permissions (PROT_* bits) of page-aligned memory where the
 * target has page tables; -ENOSYS where it cannot. */
int plat_mem_protect(uintptr_t addr, size_t len, int prot);

/* Fills buf from a source fit for keys (RDRAND/RDSEED, getrandom): 0, or
 * -EIO when no such source exists. rt refuses to boot without one. */
int plat_entropy(void *buf, size_t len);

/* Sets the thread pointer (the FS base) of the running code. */
void plat_tls_set(uintptr_t fs);

/* The program's registers at the system call being handled, for clone:
 * the new thread starts as a copy of them. Valid only inside rt_syscall. */
struct plat_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags;
};
#include "plat_regs.inc" /* the same layout for assembly */
_Static_assert(offsetof(struct plat_regs, rbx) == PLAT_REGS_RBX &&
                   offsetof(struct plat_regs, rsp) == PLAT_REGS_RSP &&
                   offsetof(struct plat_regs, r8) == PLAT_REGS_R8 &&
                   offsetof(struct plat_regs, r15) == PLAT_REGS_R15 &&
                   offsetof(struct plat_regs, rflags) == PLAT_REGS_RFLAGS &&
                   sizeof(struct plat_regs) == PLAT_REGS_RFLAGS + 8,
               "plat_regs.inc matches struct plat_regs");
void plat_syscall_regs(const void *frame, struct plat_regs *out);

/* Makes the syscall being handled return to rip instead (a signal handler
 * moved the thread, as musl's cancellation does). */
void plat_syscall_set_rip(void *frame, uint64_t rip);

/* Entering program code from rt: a signal handler and a new thread run
 * as the program does (on Xen PV, in guest user mode, where the program's
 * syscalls reach rt; elsewhere a plain call or jump).
 *
 * Calls fn(a1, a2, a3) as program code and returns when fn returns: on
 * the stack whose top is stack (a sigaltstack), or if stack is 0 on the
 * current stack, below rt's frames. */
void plat_user_call(void *fn, long a1, long a2, long a3, uintptr_t stack);

/* Starts program code with every register from *regs, rip, rsp and rflags
 * too (rcx and r11 may hold rip and rflags instead, as after a syscall):
 * a new thread's first instruction. */
_Noreturn void plat_user_start(const struct plat_regs *regs);

/* Whether program code may call into rt as a plain function (it runs with
 * rt's privilege): rt then takes musl's cancellable calls without a trap
 * (rt/syscall_cp.c). False on Xen PV, where only a syscall leaves guest
 * user mode for rt's kernel mode. */
extern const bool plat_user_calls_rt;

/* The program's arguments and environment, as the target received them:
 * POSIX argv/envp, or the Xen/QEMU command line as the target splits it. */
struct plat_args {
    int argc;
    char **argv;
    char **envp;
};

/* Network: the target's Ethernet devices, numbered from 0. rt runs the
 * TCP/IP stack (libs/net) over them; a target only moves frames. A frame
 * is an Ethernet frame from the destination MAC on, without FCS. Arriving
 * frames wake plat_block. */
struct plat_netdev {
    uint8_t mac[6];
    uint16_t mtu; /* largest IP datagram in one frame (1500) */
};

/* Describes device n: 0 and *dev, or -ENODEV when there is no such device
 * (a target without networking answers -ENODEV for every n). */
int plat_net_info(unsigned n, struct plat_netdev *dev);

/* Transmits one frame: 0, or -errno (-EAGAIN when the device's queue is
 * full; the frame is lost either way, as on a wire). */
int plat_net_send(unsigned n, const void *frame, size_t len);

/* Takes one received frame without blocking: its length (at most len; a
 * longer frame is dropped, not truncated), or -EAGAIN when none waits. */
long plat_net_recv(unsigned n, void *buf, size_t len);

/* --- what rt offers the target --- */

/* The target's own record of the registers of the syscall it is about to
 * hand rt (opaque to rt, given back in plat_syscall_regs and
 * plat_syscall_set_rip): rt keeps one per thread, as threads switch inside
 * syscalls. Returns the thread's previous one, to be restored afterwards.
 * A target that finds the frame by itself may pass NULL, or never call. */
void *rt_syscall_frame(void *frame);

/* Dispatches one Linux x86-64 system call; returns its result or -errno. */
long rt_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/* Prints a backtrace of the code that faulted (or called abort): its
 * registers' rip, rbp and rsp, then the frame-pointer chain, each frame
 * named from the image's function table when it has one. Fault-safe: it
 * reads a frame only where plat_readable says memory is mapped. */
void rt_backtrace(uint64_t rip, uint64_t rbp, uint64_t rsp);

/* Whether the 8-byte-aligned word at addr can be read without a fault
 * (for rt_backtrace, in fault context: no locks, no allocation). */
bool plat_readable(uintptr_t addr);

/* Initialises rt and builds the program's initial stack (argc, argv, envp,
 * auxv as Linux lays them out). Returns the stack pointer to enter musl's
 * _start with. The ELF header and entry are those of the running image. */
uintptr_t rt_boot(const struct plat_args *args, const void *ehdr,
                  uintptr_t entry);

#endif
