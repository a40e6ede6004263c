/*
 * rt's internal interfaces, grouped by the file that defines them: a map of
 * the runtime. Every sys_* handler returns a result or a negative errno, as
 * the kernel does; musl turns that into errno.
 */
#ifndef UKCC_RT_H
#define UKCC_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "platform.h"

#define RT_PAGE_SIZE     4096UL
#define RT_PAGE_ALIGN(x) (((x) + RT_PAGE_SIZE - 1) & ~(RT_PAGE_SIZE - 1))

/* panic.c: the one path for broken invariants, and console messages */
_Noreturn void rt_panic_at(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define rt_panic(...) rt_panic_at(__FILE__, __LINE__, __VA_ARGS__)
/* proc/backtrace.c: rt_backtrace from a pc that is a return address */
void rt_backtrace_from(uint64_t pc, bool returned, uint64_t rbp, uint64_t rsp);
void rt_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern bool rt_debug; /* UKCC_DEBUG=1 in the environment */

/* boot.c */
extern const void *rt_image_ehdr; /* this image's ELF header */
size_t rt_stack_size(void);       /* the main stack's, as mapped */

/* syscall.c: the dispatcher's table, filled from the image's pairs */
#define RT_SYSCALL_MAX 512 /* above every x86-64 number rt answers */
void rt_syscall_init(void);

/* trace.c: UKCC_STRACE=1, each syscall printed as strace prints it. Its
 * 28 KiB come only with ukcc --strace, which links it around rt_syscall
 * (ld --wrap=rt_syscall: a call from any other file reaches
 * __wrap_rt_syscall), so an image without it has rt_syscall as it was, not
 * one instruction more. The reference is weak: NULL without the tracer. */
void rt_trace_start(void) __attribute__((weak));

/* syscall_cp.c: musl's cancellable calls, taken without a trap */
extern bool rt_started; /* rt_boot has run: syscalls are rt's */

/* mem/page.c: one page allocator for brk, mmap and stacks */
void rt_page_init(uintptr_t base, size_t size, bool zeroed);
void rt_page_zero(uintptr_t addr, size_t len);    /* zero.c: page-aligned */
void rt_page_clear(uintptr_t addr, size_t len);   /* discards, or zeroes */
uintptr_t rt_page_alloc(size_t len);              /* 0 when full */
int rt_page_claim(uintptr_t addr, size_t len);    /* exact range */
void rt_page_release(uintptr_t addr, size_t len); /* clears, frees */
bool rt_page_in_region(uintptr_t addr, size_t len);
bool rt_page_range_free(uintptr_t addr, size_t len);
bool rt_page_range_used(uintptr_t addr, size_t len);
size_t rt_page_used_in(uintptr_t addr, size_t len); /* bytes; in the region */
size_t rt_page_free_bytes(void);
size_t rt_page_total_bytes(void);
uintptr_t rt_page_low(void); /* the arena's first address, where brk starts */
void rt_page_set_access(uintptr_t addr, size_t len, bool accessible);
bool rt_user_ok(const void *p, size_t len); /* inside memory the app owns */

/* mem/mmap.c: gives pages back whatever their protection */
void rt_unmap(uintptr_t addr, size_t len);

/* mem/obj.c: objects of one kind from pages, each page given back when
 * its last object is freed, for what would otherwise be a fixed pool.
 * RT_OBJS(type) is a kind's initialiser; a type too big for a page (less
 * its header) does not compile. */
struct rt_objs {
    size_t size;
    void *room; /* the kind's pages with a free object */
};
#define RT_OBJ_MAX (RT_PAGE_SIZE - 64) /* a page less obj.c's header */
#define RT_OBJS(type)                                                          \
    {                                                                          \
        sizeof(char[sizeof(type) <= RT_OBJ_MAX ? sizeof(type) : -1])           \
    }
void *rt_obj_new(struct rt_objs *kind); /* zeroed; NULL when memory is out */
void rt_obj_free(struct rt_objs *kind, void *obj);

/* fd/table.c: open files and the descriptor table */
struct rt_file;
struct stat;
struct rt_file_ops {
    long (*read)(struct rt_file *f, void *buf, size_t n, uint64_t *off);
    long (*write)(struct rt_file *f, const void *buf, size_t n, uint64_t *off);
    long (*stat)(struct rt_file *f, struct stat *st);
    dev_t rdev; /* a character device: stat shows S_IFCHR 0666 and this */
    long (*ioctl)(struct rt_file *f, unsigned long req, void *arg);
    long (*seek_end)(struct rt_file *f); /* size, for SEEK_END */
    /* readiness as POLLIN/POLLOUT/POLLHUP/POLLERR bits; NULL: always
     * ready for both, as regular files are */
    unsigned (*poll)(struct rt_file *f);
    bool seek_to_zero; /* lseek always lands at 0, as on /dev/null */
    void (*close)(struct rt_file *f);
};
struct rt_file {
    const struct rt_file_ops *ops;
    unsigned refs;
    int flags; /* O_ACCMODE, O_APPEND, O_NONBLOCK */
    bool seekable;
    uint64_t offset;
    const void *data; /* what the ops work on (a node, a buffer) */
    uint64_t serial;  /* never the same for two files, even at one address */
};
/* RLIMIT_NOFILE as a systemd service on Linux has it (DefaultLimitNOFILE=
 * 1024:524288): the soft limit keeps select()'s FD_SETSIZE safe for
 * programs that never ask, and a server raises it to the hard one, the
 * most the descriptor table grows to (8 MiB of it). Files come from memory
 * (mem/obj.c), so only the limits bound how many are open. */
#define RT_NOFILE     1024
#define RT_NOFILE_MAX 524288
/* NULL only when memory is out: ENFILE, the system's files are gone */
struct rt_file *rt_file_new(const struct rt_file_ops *ops, int flags);
void rt_file_put(struct rt_file *f);
/* The lowest free descriptor >= min_fd below the soft RLIMIT_NOFILE, or
 * -EMFILE: calls that make descriptors ask first, as Linux takes the
 * descriptor before it makes the file. */
int rt_fd_unused(int min_fd);
int rt_fd_install(struct rt_file *f, int min_fd, bool cloexec);
struct rt_file *rt_fd_get(int fd); /* NULL when not open */

/* fd/stat.c: what a file says about itself */
void rt_file_describe(struct rt_file *f, struct stat *st); /* its fields */
long rt_file_stat(struct rt_file *f, struct stat *st);     /* a whole stat */

/* dev/console.c */
struct rt_file *rt_console_open(int flags);

/* fs/open.c: the path namespace */
int rt_path_open(const char *path, int flags, struct rt_file **out);

/* thread/sched.c: blocking, until something may have changed */
/* 0 when something may have changed (or the deadline passed): recheck;
 * -EINTR when a signal for this thread needs delivering first */
long rt_wait(uint64_t deadline);

/* fd/table.c: readiness (POLLIN, POLLOUT, ...) of any file */
unsigned rt_file_poll(struct rt_file *f);

/* net/stack.c: the network devices, driven from the idle loop. Weak: only
 * an image whose program can make a socket call has them (see
 * libc_calls.py); in any other they are NULL, and its callers do what
 * they would do for an image without network devices. */
#define RT_NET_WEAK __attribute__((weak))
RT_NET_WEAK void rt_net_init(char **envp); /* at boot: devices, addresses */
RT_NET_WEAK bool rt_net_pump(void); /* true if a frame or timer did anything */
RT_NET_WEAK uint64_t rt_net_deadline(void); /* when the stack next needs the
                                               clock */
RT_NET_WEAK uint32_t rt_net_dns(void); /* the DNS server (host order), or 0 */

/* proc/exit.c */
_Noreturn void rt_exit(int status);

/* proc/limits.c: the soft limit (rlim_cur) the program has set, or rt's */
uint64_t rt_rlimit(int resource);
const char *rt_limits_text(uint64_t *size); /* /proc/self/limits */

#endif
