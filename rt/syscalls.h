/*
 * The system calls rt implements, by the file that implements them. Each
 * takes the Linux x86-64 arguments with their C types and returns a result
 * or a negative errno.
 */
#ifndef UKCC_SYSCALLS_H
#define UKCC_SYSCALLS_H

#include <signal.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>

struct stat;
struct utsname;
struct sysinfo;
struct timeval;
struct timezone;

/* mem/brk.c, mem/mmap.c */
long sys_brk(void *addr);
long sys_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
long sys_munmap(void *addr, size_t len);
long sys_mremap(void *old, size_t old_len, size_t new_len, int flags,
                void *new_addr);
long sys_mprotect(void *addr, size_t len, int prot);
long sys_madvise(void *addr, size_t len, int advice);
long sys_msync(void *p, size_t len, int flags);

/* fd/table.c, fd/fcntl.c */
long sys_close(int fd);
long sys_dup(int fd);
long sys_dup2(int fd, int to);
long sys_dup3(int fd, int to, int flags);
long sys_fcntl(int fd, int cmd, long arg);

/* fd/rw.c */
long sys_read(int fd, void *buf, size_t n);
long sys_write(int fd, const void *buf, size_t n);
long sys_readv(int fd, const struct iovec *iov, int iovcnt);
long sys_writev(int fd, const struct iovec *iov, int iovcnt);
long sys_pread64(int fd, void *buf, size_t n, off_t off);
long sys_pwrite64(int fd, const void *buf, size_t n, off_t off);
long sys_lseek(int fd, off_t off, int whence);

/* fd/stat.c, fd/ioctl.c */
long sys_fstat(int fd, struct stat *st);
long sys_ioctl(int fd, unsigned long req, void *arg);

/* fd/pipe.c, fd/eventfd.c */
long sys_pipe(int fds[2]);
long sys_pipe2(int fds[2], int flags);
long sys_eventfd(unsigned initval);
long sys_eventfd2(unsigned initval, int flags);

/* event/poll.c, event/epoll.c */
struct pollfd;
struct epoll_event;
typedef unsigned long nfds_t;
long sys_poll(struct pollfd *fds, nfds_t n, int timeout);
long sys_ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts,
               const sigset_t *mask, size_t setsize);
long sys_select(int n, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv);
long sys_pselect6(int n, fd_set *rd, fd_set *wr, fd_set *ex,
                  const struct timespec *ts, const void *sig);
long sys_epoll_create(int size);
long sys_epoll_create1(int flags);
long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
long sys_epoll_wait(int epfd, struct epoll_event *events, int max, int timeout);
long sys_epoll_pwait(int epfd, struct epoll_event *events, int max, int timeout,
                     const sigset_t *mask, size_t setsize);

/* fs/open.c */
long sys_open(const char *path, int flags, int mode);
long sys_openat(int dirfd, const char *path, int flags, int mode);
long sys_creat(const char *path, int mode);

/* fs/stat.c, fs/access.c, fs/getdents.c, fs/cwd.c, fs/readlink.c */
struct statx;
long sys_stat(const char *path, struct stat *st);
long sys_lstat(const char *path, struct stat *st);
long sys_newfstatat(int dirfd, const char *path, struct stat *st, int flags);
struct statfs;
long sys_statfs(const char *path, struct statfs *buf); /* fs/statfs.c */
long sys_fstatfs(int fd, struct statfs *buf);
long sys_statx(int dirfd, const char *path, int flags, unsigned mask,
               struct statx *sx);
long sys_access(const char *path, int mode);
long sys_faccessat(int dirfd, const char *path, int mode);
long sys_faccessat2(int dirfd, const char *path, int mode, int flags);
long sys_getdents64(int fd, void *buf, size_t size);
long sys_getcwd(char *buf, size_t size);
long sys_chdir(const char *path);
long sys_fchdir(int fd);
long sys_readlink(const char *path, char *buf, int size);
long sys_readlinkat(int dirfd, const char *path, char *buf, int size);

/* fs/mkdir.c, fs/unlink.c, fs/rename.c, fs/truncate.c, fs/sync.c */
long sys_mkdir(const char *path, int mode);
long sys_mkdirat(int dirfd, const char *path, int mode);
long sys_unlink(const char *path);
long sys_unlinkat(int dirfd, const char *path, int flags);
long sys_rmdir(const char *path);
long sys_rename(const char *oldpath, const char *newpath);
long sys_renameat(int olddirfd, const char *oldpath, int newdirfd,
                  const char *newpath);
long sys_renameat2(int olddirfd, const char *oldpath, int newdirfd,
                   const char *newpath, unsigned flags);
long sys_truncate(const char *path, off_t len);
long sys_ftruncate(int fd, off_t len);
long sys_fsync(int fd);
long sys_fdatasync(int fd);

/* fs/attr.c */
long sys_chmod(const char *path, mode_t mode);
long sys_fchmod(int fd, mode_t mode);
long sys_fchmodat(int dirfd, const char *path, mode_t mode);
long sys_chown(const char *path, uid_t uid, gid_t gid);
long sys_lchown(const char *path, uid_t uid, gid_t gid);
long sys_fchown(int fd, uid_t uid, gid_t gid);
long sys_fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
long sys_utimensat(int dirfd, const char *path, const struct timespec *times,
                   int flags);

/* dev/random.c */
long sys_getrandom(void *buf, size_t n, unsigned flags);

/* time/clock.c, time/sleep.c */
long sys_clock_gettime(clockid_t clk, struct timespec *ts);
long sys_clock_getres(clockid_t clk, struct timespec *ts);
long sys_gettimeofday(struct timeval *tv, struct timezone *tz);
long sys_time(time_t *t);
long sys_nanosleep(const struct timespec *req, struct timespec *rem);
long sys_clock_nanosleep(clockid_t clk, int flags, const struct timespec *req,
                         struct timespec *rem);

/* proc/identity.c */
long sys_getpid(void);
long sys_getppid(void);
long sys_gettid(void);
long sys_getuid(void);
long sys_uname(struct utsname *u);
long sys_umask(mode_t mask);

/* proc/limits.c */
long sys_getrlimit(int res, struct rlimit *rl);
long sys_setrlimit(int res, const struct rlimit *rl);
long sys_prlimit64(pid_t pid, int res, const struct rlimit *new,
                   struct rlimit *old);
long sys_sysinfo(struct sysinfo *si);

/* proc/exit.c, proc/tls.c */
long sys_exit_group(int status);
long sys_arch_prctl(int code, unsigned long addr);
long sys_prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4,
               unsigned long a5); /* proc/prctl.c */
long sys_set_tid_address(int *tidptr);
long sys_set_robust_list(void *head, size_t len);

/* thread/clone.c, thread/futex.c */
long sys_clone(unsigned long flags, void *stack, int *ptid, int *ctid,
               unsigned long tls);
long sys_exit(int status);
long sys_sched_yield(void);
long sys_futex(int *addr, int op, int val, const struct timespec *ts,
               int *addr2, int val3);

/* net/: sockets (socket.c, bind.c, connect.c, io.c, sockopt.c) */
struct sockaddr;
struct msghdr;
long sys_socket(int domain, int type, int protocol);
long sys_socketpair(int domain, int type, int protocol, int *fds);
long sys_bind(int fd, const struct sockaddr *sa, unsigned len);
long sys_listen(int fd, int backlog);
long sys_accept(int fd, struct sockaddr *sa, unsigned *len);
long sys_accept4(int fd, struct sockaddr *sa, unsigned *len, int flags);
long sys_connect(int fd, const struct sockaddr *sa, unsigned len);
long sys_sendto(int fd, const void *buf, size_t n, int flags,
                const struct sockaddr *sa, unsigned len);
long sys_recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *sa,
                  unsigned *len);
long sys_sendmsg(int fd, const struct msghdr *m, int flags);
long sys_recvmsg(int fd, struct msghdr *m, int flags);
long sys_shutdown(int fd, int how);
long sys_getsockname(int fd, struct sockaddr *sa, unsigned *len);
long sys_getpeername(int fd, struct sockaddr *sa, unsigned *len);
long sys_setsockopt(int fd, int level, int name, const void *val, unsigned len);
long sys_getsockopt(int fd, int level, int name, void *val, unsigned *len);

/* signal/action.c, signal/kill.c */
long sys_rt_sigaction(int sig, const void *act, void *old, size_t setsize);
long sys_rt_sigprocmask(int how, const sigset_t *set, sigset_t *old,
                        size_t setsize);
long sys_sigaltstack(const stack_t *ss, stack_t *old);
long sys_kill(pid_t pid, int sig);
long sys_tgkill(pid_t tgid, pid_t tid, int sig);
long sys_tkill(pid_t tid, int sig);

#endif
