/*
 * The anchor that links rt's sockets, and with them libs/net and the
 * platform's network devices, into exactly the images whose program can
 * make a socket call.
 *
 * musl issues system calls by number, so nothing in a program names rt's
 * handlers: the syscall table (../syscall.c) and rt's calls into the
 * device pump (../rt.h) refer to them weakly, which links nothing. The
 * build (../CMakeLists.txt) merges this object, with `ld.lld -r`, into a
 * copy of each libc.a member that issues a socket-family system call
 * (socket.lo, connect.lo, ... and syscall.lo, which can issue any), and
 * archives them as libukcc_sockcalls.a, which the driver links before
 * libc.a. A program (or musl itself: getaddrinfo, the resolver, syslog)
 * that calls socket() gets musl's own socket() from that archive, and with
 * it the undefined globals below: the linker fetches every handler and
 * the pump, and the weak references, now resolved, keep them through
 * --gc-sections. libc.a's copy of the member is never fetched, as its
 * symbols are all defined by then, so nothing is duplicated; a program
 * that makes no such call links none of it.
 *
 * Why not the others: lld 14's --wrap fetches __wrap_F whenever F is in
 * an archive's index, whether or not anything calls F, so wrappers would
 * link the sockets into every image; writing socket() and the rest anew in
 * rt would replace musl's code (its SOCK_CLOEXEC fallback, its msghdr
 * padding, its cancellation points) with ours; a second link after
 * looking for these calls in a first one doubles the link time of every
 * socket program. Merging keeps musl's code, byte for byte, at no cost.
 */
#define HANDLER(name) .globl sys_##name;
#include "handlers.def"
#undef HANDLER
    .globl rt_net_init, rt_net_pump, rt_net_deadline, rt_net_dns

    .section .note.GNU-stack, "", @progbits
