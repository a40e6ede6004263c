/*
 * UKCC_STRACE=1: every syscall rt answers, one console line each, in
 * strace's format: name, arguments decoded by kind, "= result", errors as
 * "= -1 ENOENT (No such file or directory)". The line is printed when the
 * call returns (a call that blocks shows once, at its end, never as
 * strace -f's "<unfinished ...>" and "<... resumed>" pair), so output
 * buffers are shown with what the call put there; calls that never
 * return (exit, exit_group) are printed before they run, with "= ?".
 * Threads run one at a time and a line is built whole before it is
 * written, so lines never mix; once the program has a second thread each
 * line starts with "[pid TID] ", as with strace -f.
 *
 * trace_calls.inc says, per syscall, its name and one letter per argument;
 * put_arg below is the one place that turns a letter into text.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/un.h>

#include "rt.h"
#include "thread/thread.h"

/* each entry: "name\0" then the result's kind (d: a number, x: an
 * address, ?: never returns), then the arguments' kinds; "*" for six hex */
#define C(n, args)       [SYS_##n] = #n "\0d" args,
#define R(n, args, kind) [SYS_##n] = #n "\0" kind args,
#define U(n)             [SYS_##n] = #n "\0d*",
static const char *const calls[RT_SYSCALL_MAX] = {
#include "trace_calls.inc"
};
#undef C
#undef R
#undef U

/* ---- the line being built: one buffer, threads never run mid-line ---- */

#define STRACE_COLUMN 40 /* strace starts "= result" here when it can */
#define STRING_MAX    32 /* strace -s: bytes of a buffer shown */
#define ARRAY_MAX     16 /* elements of an array shown before "..." */

static char line[2048];
static size_t used;

static void put(const char *s)
{
    size_t n = strlen(s);

    if (n > sizeof line - 1 - used)
        n = sizeof line - 1 - used;
    memcpy(line + used, s, n);
    used += n;
}

__attribute__((format(printf, 1, 2))) static void putf(const char *fmt, ...)
{
    size_t room = sizeof line - 1 - used;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line + used, room + 1, fmt, ap);
    va_end(ap);
    used += n < 0 ? 0 : (size_t)n > room ? room : (size_t)n;
}

static void put_line(void)
{
    line[used++] = '\n';
    plat_console_write(line, used);
    used = 0;
}

/* ---- flags and names ---- */

struct name {
    unsigned long value;
    const char *name;
};
#define N(x)                                                                   \
    {                                                                          \
        x, #x                                                                  \
    }
#define COUNT(a) (sizeof(a) / sizeof(a)[0])

static const char *name_of(unsigned long v, const struct name *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].value == v)
            return t[i].name;
    return NULL;
}

/* FLAG_A|FLAG_B|0x40 for what has no name; "0" when nothing is set */
static void put_flags(unsigned long v, const struct name *t, size_t n, bool any)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].value && (v & t[i].value) == t[i].value) {
            putf("%s%s", any ? "|" : "", t[i].name);
            v &= ~t[i].value;
            any = true;
        }
    if (v || !any)
        putf(any ? "|%#lx" : "%#lx", v);
}

static void put_named(long v, const struct name *t, size_t n)
{
    const char *s = name_of((unsigned long)v, t, n);

    if (s)
        put(s);
    else
        putf("%ld", v);
}

/* open's flags after the access mode, in strace's order */
static const struct name open_flags[] = {
    N(O_CREAT),
    N(O_EXCL),
    N(O_NOCTTY),
    N(O_TRUNC),
    N(O_APPEND),
    N(O_NONBLOCK),
    N(O_SYNC),
    N(O_DSYNC),
    N(O_ASYNC),
    N(O_DIRECT),
    {0100000, "O_LARGEFILE"},
    N(O_NOATIME),
    N(O_CLOEXEC),
    N(O_TMPFILE),
    N(O_DIRECTORY),
    N(O_NOFOLLOW),
    N(O_PATH),
};
static const struct name access_modes[] = {N(O_RDONLY), N(O_WRONLY), N(O_RDWR)};

static void put_open_flags(long v)
{
    const char *mode = name_of((unsigned long)v & O_ACCMODE, access_modes, 3);

    if (mode)
        put(mode);
    else
        putf("%#lx", (unsigned long)v & O_ACCMODE);
    put_flags((unsigned long)v & ~(unsigned long)O_ACCMODE, open_flags,
              COUNT(open_flags), true);
}

static const struct name prot_flags[] = {{1, "PROT_READ"},
                                         {2, "PROT_WRITE"},
                                         {4, "PROT_EXEC"},
                                         {0x01000000, "PROT_GROWSDOWN"},
                                         {0x02000000, "PROT_GROWSUP"}};
static const struct name map_types[] = {
    {1, "MAP_SHARED"}, {2, "MAP_PRIVATE"}, {3, "MAP_SHARED_VALIDATE"}};
static const struct name map_flags[] = {
    {0x10, "MAP_FIXED"},      {0x20, "MAP_ANONYMOUS"},
    {0x40, "MAP_32BIT"},      {0x100, "MAP_GROWSDOWN"},
    {0x800, "MAP_DENYWRITE"}, {0x1000, "MAP_EXECUTABLE"},
    {0x2000, "MAP_LOCKED"},   {0x4000, "MAP_NORESERVE"},
    {0x8000, "MAP_POPULATE"}, {0x10000, "MAP_NONBLOCK"},
    {0x20000, "MAP_STACK"},   {0x40000, "MAP_HUGETLB"},
    {0x80000, "MAP_SYNC"},    {0x100000, "MAP_FIXED_NOREPLACE"}};

static const struct name domains[] = {N(AF_UNSPEC),  N(AF_UNIX),
                                      N(AF_INET),    N(AF_INET6),
                                      N(AF_NETLINK), N(AF_PACKET)};
static const struct name sock_types[] = {N(SOCK_STREAM),    N(SOCK_DGRAM),
                                         N(SOCK_RAW),       N(SOCK_RDM),
                                         N(SOCK_SEQPACKET), N(SOCK_PACKET)};
static const struct name sock_flags[] = {N(SOCK_CLOEXEC), N(SOCK_NONBLOCK)};
static const struct name protocols[] = {
    N(IPPROTO_IP),   N(IPPROTO_ICMP),   N(IPPROTO_TCP), N(IPPROTO_UDP),
    N(IPPROTO_IPV6), N(IPPROTO_ICMPV6), N(IPPROTO_RAW)};
static const struct name levels[] = {N(SOL_SOCKET), N(IPPROTO_IP),
                                     N(IPPROTO_TCP), N(IPPROTO_IPV6)};
static const struct name socket_options[] = {N(SO_DEBUG),
                                             N(SO_REUSEADDR),
                                             N(SO_TYPE),
                                             N(SO_ERROR),
                                             N(SO_DONTROUTE),
                                             N(SO_BROADCAST),
                                             N(SO_SNDBUF),
                                             N(SO_RCVBUF),
                                             N(SO_KEEPALIVE),
                                             N(SO_OOBINLINE),
                                             N(SO_LINGER),
                                             N(SO_REUSEPORT),
                                             N(SO_RCVLOWAT),
                                             N(SO_SNDLOWAT),
                                             {20, "SO_RCVTIMEO_OLD"},
                                             {21, "SO_SNDTIMEO_OLD"}};
static const struct name tcp_options[] = {
    {1, "TCP_NODELAY"},  {2, "TCP_MAXSEG"},    {3, "TCP_CORK"},
    {4, "TCP_KEEPIDLE"}, {5, "TCP_KEEPINTVL"}, {6, "TCP_KEEPCNT"}};
static const struct name ipv6_options[] = {{26, "IPV6_V6ONLY"}};
static const struct name msg_flags[] = {
    N(MSG_OOB),      N(MSG_PEEK),     N(MSG_DONTROUTE),   N(MSG_CTRUNC),
    N(MSG_TRUNC),    N(MSG_DONTWAIT), N(MSG_EOR),         N(MSG_WAITALL),
    N(MSG_NOSIGNAL), N(MSG_MORE),     N(MSG_CMSG_CLOEXEC)};
static const struct name shut_hows[] = {N(SHUT_RD), N(SHUT_WR), N(SHUT_RDWR)};

static const struct name poll_events[] = {
    {0x1, "POLLIN"},       {0x2, "POLLPRI"},     {0x4, "POLLOUT"},
    {0x8, "POLLERR"},      {0x10, "POLLHUP"},    {0x20, "POLLNVAL"},
    {0x40, "POLLRDNORM"},  {0x80, "POLLRDBAND"}, {0x100, "POLLWRNORM"},
    {0x200, "POLLWRBAND"}, {0x400, "POLLMSG"},   {0x2000, "POLLRDHUP"}};
static const struct name epoll_events[] = {{0x1, "EPOLLIN"},
                                           {0x2, "EPOLLPRI"},
                                           {0x4, "EPOLLOUT"},
                                           {0x8, "EPOLLERR"},
                                           {0x10, "EPOLLHUP"},
                                           {0x20, "EPOLLNVAL"},
                                           {0x40, "EPOLLRDNORM"},
                                           {0x80, "EPOLLRDBAND"},
                                           {0x100, "EPOLLWRNORM"},
                                           {0x200, "EPOLLWRBAND"},
                                           {0x400, "EPOLLMSG"},
                                           {0x2000, "EPOLLRDHUP"},
                                           {1UL << 28, "EPOLLEXCLUSIVE"},
                                           {1UL << 29, "EPOLLWAKEUP"},
                                           {1UL << 30, "EPOLLONESHOT"},
                                           {1UL << 31, "EPOLLET"}};
static const struct name epoll_ops[] = {
    {1, "EPOLL_CTL_ADD"}, {2, "EPOLL_CTL_DEL"}, {3, "EPOLL_CTL_MOD"}};

static const struct name fcntl_cmds[] = {{0, "F_DUPFD"},
                                         {1, "F_GETFD"},
                                         {2, "F_SETFD"},
                                         {3, "F_GETFL"},
                                         {4, "F_SETFL"},
                                         {5, "F_GETLK"},
                                         {6, "F_SETLK"},
                                         {7, "F_SETLKW"},
                                         {8, "F_SETOWN"},
                                         {9, "F_GETOWN"},
                                         {1030, "F_DUPFD_CLOEXEC"},
                                         {1031, "F_SETPIPE_SZ"},
                                         {1032, "F_GETPIPE_SZ"}};
static const struct name fd_flags[] = {{1, "FD_CLOEXEC"}};

static const struct name sigprocmask_hows[] = {
    {0, "SIG_BLOCK"}, {1, "SIG_UNBLOCK"}, {2, "SIG_SETMASK"}};
static const struct name whences[] = {{0, "SEEK_SET"},
                                      {1, "SEEK_CUR"},
                                      {2, "SEEK_END"},
                                      {3, "SEEK_DATA"},
                                      {4, "SEEK_HOLE"}};
static const struct name clocks[] = {
    {0, "CLOCK_REALTIME"},           {1, "CLOCK_MONOTONIC"},
    {2, "CLOCK_PROCESS_CPUTIME_ID"}, {3, "CLOCK_THREAD_CPUTIME_ID"},
    {4, "CLOCK_MONOTONIC_RAW"},      {5, "CLOCK_REALTIME_COARSE"},
    {6, "CLOCK_MONOTONIC_COARSE"},   {7, "CLOCK_BOOTTIME"}};
static const struct name ioctls[] = {
    {0x5401, "TCGETS"},    {0x5402, "TCSETS"},     {0x5403, "TCSETSW"},
    {0x540f, "TIOCGPGRP"}, {0x5413, "TIOCGWINSZ"}, {0x5414, "TIOCSWINSZ"},
    {0x541b, "FIONREAD"},  {0x5421, "FIONBIO"},    {0x5450, "FIONCLEX"},
    {0x5451, "FIOCLEX"}};
static const struct name arch_codes[] = {{0x1001, "ARCH_SET_GS"},
                                         {0x1002, "ARCH_SET_FS"},
                                         {0x1003, "ARCH_GET_FS"},
                                         {0x1004, "ARCH_GET_GS"}};
static const struct name futex_ops[] = {{0, "FUTEX_WAIT"},
                                        {1, "FUTEX_WAKE"},
                                        {2, "FUTEX_FD"},
                                        {3, "FUTEX_REQUEUE"},
                                        {4, "FUTEX_CMP_REQUEUE"},
                                        {5, "FUTEX_WAKE_OP"},
                                        {6, "FUTEX_LOCK_PI"},
                                        {7, "FUTEX_UNLOCK_PI"},
                                        {8, "FUTEX_TRYLOCK_PI"},
                                        {9, "FUTEX_WAIT_BITSET"},
                                        {10, "FUTEX_WAKE_BITSET"},
                                        {11, "FUTEX_WAIT_REQUEUE_PI"},
                                        {12, "FUTEX_CMP_REQUEUE_PI"}};
static const char *const signals[32] = {
    [1] = "SIGHUP", "SIGINT",    "SIGQUIT", "SIGILL",    "SIGTRAP", "SIGABRT",
    "SIGBUS",       "SIGFPE",    "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2",
    "SIGPIPE",      "SIGALRM",   "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
    "SIGSTOP",      "SIGTSTP",   "SIGTTIN", "SIGTTOU",   "SIGURG",  "SIGXCPU",
    "SIGXFSZ",      "SIGVTALRM", "SIGPROF", "SIGWINCH",  "SIGIO",   "SIGPWR",
    "SIGSYS"};

/* errno names, with the messages strace prints (glibc's, not musl's) */
static const struct {
    const char *name, *text;
} errors[] = {
#define E(e, text) [e] = {#e, text}
    E(EPERM, "Operation not permitted"),
    E(ENOENT, "No such file or directory"),
    E(ESRCH, "No such process"),
    E(EINTR, "Interrupted system call"),
    E(EIO, "Input/output error"),
    E(ENXIO, "No such device or address"),
    E(E2BIG, "Argument list too long"),
    E(ENOEXEC, "Exec format error"),
    E(EBADF, "Bad file descriptor"),
    E(ECHILD, "No child processes"),
    E(EAGAIN, "Resource temporarily unavailable"),
    E(ENOMEM, "Cannot allocate memory"),
    E(EACCES, "Permission denied"),
    E(EFAULT, "Bad address"),
    E(EBUSY, "Device or resource busy"),
    E(EEXIST, "File exists"),
    E(EXDEV, "Invalid cross-device link"),
    E(ENODEV, "No such device"),
    E(ENOTDIR, "Not a directory"),
    E(EISDIR, "Is a directory"),
    E(EINVAL, "Invalid argument"),
    E(ENFILE, "Too many open files in system"),
    E(EMFILE, "Too many open files"),
    E(ENOTTY, "Inappropriate ioctl for device"),
    E(ETXTBSY, "Text file busy"),
    E(EFBIG, "File too large"),
    E(ENOSPC, "No space left on device"),
    E(ESPIPE, "Illegal seek"),
    E(EROFS, "Read-only file system"),
    E(EMLINK, "Too many links"),
    E(EPIPE, "Broken pipe"),
    E(EDOM, "Numerical argument out of domain"),
    E(ERANGE, "Numerical result out of range"),
    E(EDEADLK, "Resource deadlock avoided"),
    E(ENAMETOOLONG, "File name too long"),
    E(ENOLCK, "No locks available"),
    E(ENOSYS, "Function not implemented"),
    E(ENOTEMPTY, "Directory not empty"),
    E(ELOOP, "Too many levels of symbolic links"),
    E(ENOMSG, "No message of desired type"),
    E(ENODATA, "No data available"),
    E(ETIME, "Timer expired"),
    E(EOVERFLOW, "Value too large for defined data type"),
    E(EILSEQ, "Invalid or incomplete multibyte or wide character"),
    E(ENOTSOCK, "Socket operation on non-socket"),
    E(EDESTADDRREQ, "Destination address required"),
    E(EMSGSIZE, "Message too long"),
    E(EPROTOTYPE, "Protocol wrong type for socket"),
    E(ENOPROTOOPT, "Protocol not available"),
    E(EPROTONOSUPPORT, "Protocol not supported"),
    E(ESOCKTNOSUPPORT, "Socket type not supported"),
    E(EOPNOTSUPP, "Operation not supported"),
    E(EPFNOSUPPORT, "Protocol family not supported"),
    E(EAFNOSUPPORT, "Address family not supported by protocol"),
    E(EADDRINUSE, "Address already in use"),
    E(EADDRNOTAVAIL, "Cannot assign requested address"),
    E(ENETDOWN, "Network is down"),
    E(ENETUNREACH, "Network is unreachable"),
    E(ENETRESET, "Network dropped connection on reset"),
    E(ECONNABORTED, "Software caused connection abort"),
    E(ECONNRESET, "Connection reset by peer"),
    E(ENOBUFS, "No buffer space available"),
    E(EISCONN, "Transport endpoint is already connected"),
    E(ENOTCONN, "Transport endpoint is not connected"),
    E(ETIMEDOUT, "Connection timed out"),
    E(ECONNREFUSED, "Connection refused"),
    E(EHOSTDOWN, "Host is down"),
    E(EHOSTUNREACH, "No route to host"),
    E(EALREADY, "Operation already in progress"),
    E(EINPROGRESS, "Operation now in progress"),
    E(ECANCELED, "Operation canceled"),
#undef E
};

/* ---- user memory, read only where the program owns it ---- */

static void put_pointer(long p)
{
    if (p)
        putf("%#lx", (unsigned long)p);
    else
        put("NULL");
}

/* strace's escapes: C's short ones, other bytes in octal, three digits
 * when an octal digit follows */
static void put_byte(const unsigned char *p, size_t i, size_t n)
{
    static const char shorts[] = "\tt\nn\vv\ff\rr\"\"\\\\";
    unsigned char c = p[i];
    const char *s = c ? memchr(shorts, c, sizeof shorts - 1) : NULL;

    if (s && (s - shorts) % 2 == 0)
        putf("\\%c", s[1]);
    else if (c >= 0x20 && c < 0x7f)
        putf("%c", c);
    else if (i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '7')
        putf("\\%03o", c);
    else
        putf("\\%o", c);
}

/* a buffer of n bytes: its first STRING_MAX, then "..." if there is more */
static void put_buffer(long addr, size_t n)
{
    const unsigned char *p = (const void *)addr;
    size_t shown = n < STRING_MAX ? n : STRING_MAX;

    if (!rt_user_ok(p, shown)) {
        put_pointer(addr);
        return;
    }
    put("\"");
    for (size_t i = 0; i < shown; i++)
        put_byte(p, i, shown);
    put(n > shown ? "\"..." : "\"");
}

/* a path, whole, as strace shows it */
static void put_path(long addr)
{
    const unsigned char *p = (const void *)addr;
    size_t n = 0;

    while (rt_user_ok(p + n, 1) && p[n] && n < 4096)
        n++;
    if (!rt_user_ok(p, n + 1) || p[n]) {
        put_pointer(addr);
        return;
    }
    put("\"");
    for (size_t i = 0; i < n; i++)
        put_byte(p, i, n);
    put("\"");
}

static void put_sockaddr(long addr, unsigned long len)
{
    const struct sockaddr *sa = (const void *)addr;

    if (!addr || len < sizeof sa->sa_family || !rt_user_ok(sa, len)) {
        put_pointer(addr);
        return;
    }
    put("{sa_family=");
    put_named(sa->sa_family, domains, COUNT(domains));
    if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *in = (const void *)sa;
        const unsigned char *a = (const void *)&in->sin_addr;

        putf(", sin_port=htons(%u), sin_addr=inet_addr(\"%u.%u.%u.%u\")}",
             ntohs(in->sin_port), a[0], a[1], a[2], a[3]);
    } else if (sa->sa_family == AF_INET6 &&
               len >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *in6 = (const void *)sa;
        char text[INET6_ADDRSTRLEN];

        inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
        putf(", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
             "inet_pton(AF_INET6, \"%s\", &sin6_addr), sin6_scope_id=%u}",
             ntohs(in6->sin6_port), ntohl(in6->sin6_flowinfo), text,
             in6->sin6_scope_id);
    } else if (sa->sa_family == AF_UNIX) {
        const struct sockaddr_un *un = (const void *)sa;
        size_t n = strnlen(un->sun_path, len - sizeof sa->sa_family);

        put(", sun_path=\"");
        for (size_t i = 0; i < n; i++)
            put_byte((const void *)un->sun_path, i, n);
        put("\"}");
    } else {
        put(", ...}");
    }
}

static void put_timespec(long addr)
{
    const struct timespec *ts = (const void *)addr;

    if (addr && rt_user_ok(ts, sizeof *ts))
        putf("{tv_sec=%lld, tv_nsec=%ld}", (long long)ts->tv_sec, ts->tv_nsec);
    else
        put_pointer(addr);
}

static void put_stat(long addr)
{
    const struct stat *st = (const void *)addr;
    static const struct name types[] = {N(S_IFREG), N(S_IFDIR), N(S_IFCHR),
                                        N(S_IFBLK), N(S_IFIFO), N(S_IFLNK),
                                        N(S_IFSOCK)};

    if (!addr || !rt_user_ok(st, sizeof *st)) {
        put_pointer(addr);
        return;
    }
    put("{st_mode=");
    put_named(st->st_mode & S_IFMT, types, COUNT(types));
    putf("|%#o, ", st->st_mode & 07777);
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        putf("st_rdev=makedev(%#x, %#x), ...}", major(st->st_rdev),
             minor(st->st_rdev));
    else
        putf("st_size=%lld, ...}", (long long)st->st_size);
}

/* struct pollfd[n], with events, or with revents (those set) after */
static void put_pollfds(long addr, unsigned long n, bool after)
{
    const struct {
        int fd;
        short events, revents;
    } *p = (const void *)addr;
    bool first = true;

    if (!rt_user_ok(p, n * sizeof *p)) {
        put_pointer(addr);
        return;
    }
    put("[");
    for (unsigned long i = 0, shown = 0; i < n; i++) {
        if (after && !p[i].revents)
            continue;
        if (shown++ == ARRAY_MAX) {
            put(", ...");
            break;
        }
        putf("%s{fd=%d, %s=", first ? "" : ", ", p[i].fd,
             after ? "revents" : "events");
        put_flags((unsigned short)(after ? p[i].revents : p[i].events),
                  poll_events, COUNT(poll_events), false);
        put("}");
        first = false;
    }
    put("]");
}

/* struct epoll_event[n] (packed on x86-64) */
static void put_epoll_events(long addr, long n, bool array)
{
    const struct __attribute__((packed)) {
        uint32_t events;
        uint64_t data;
    } *e = (const void *)addr;

    if (n < 0 || !addr || !rt_user_ok(e, (size_t)n * sizeof *e)) {
        put_pointer(addr);
        return;
    }
    if (array)
        put("[");
    for (long i = 0; i < n; i++) {
        if (i == ARRAY_MAX) {
            put(", ...");
            break;
        }
        put(i ? ", {events=" : "{events=");
        put_flags(e[i].events, epoll_events, COUNT(epoll_events), false);
        putf(", data={u32=%u, u64=%llu}}", (uint32_t)e[i].data,
             (unsigned long long)e[i].data);
    }
    if (array)
        put("]");
}

/* struct iovec[n]; what each holds, up to limit bytes in all */
static void put_iovecs(long addr, long n, unsigned long limit)
{
    const struct iovec *iov = (const void *)addr;

    if (n < 0 || !rt_user_ok(iov, (size_t)n * sizeof *iov)) {
        put_pointer(addr);
        return;
    }
    put("[");
    for (long i = 0; i < n; i++) {
        size_t len = iov[i].iov_len < limit ? iov[i].iov_len : limit;

        if (i == ARRAY_MAX) {
            put(", ...");
            break;
        }
        put(i ? ", {iov_base=" : "{iov_base=");
        if (iov[i].iov_base && rt_user_ok(iov[i].iov_base, len))
            put_buffer((long)iov[i].iov_base, len);
        else
            put_pointer((long)iov[i].iov_base);
        putf(", iov_len=%zu}", iov[i].iov_len);
        limit -= len;
    }
    put("]");
}

static void put_int_at(long addr)
{
    const int *p = (const void *)addr;

    if (addr && rt_user_ok(p, sizeof *p))
        putf("[%d]", *p);
    else
        put_pointer(addr);
}

static void put_signal(long sig)
{
    if (sig > 0 && sig < 32 && signals[sig])
        put(signals[sig]);
    else if (sig >= 32 && sig <= 64)
        putf("SIGRT_%ld", sig - 32);
    else
        putf("%ld", sig);
}

static bool failed(long ret)
{
    return ret < 0 && ret > -4096;
}

/*
 * Argument i of a call, by its kind. a[] holds all six, for kinds that
 * depend on a neighbour (a buffer's length, a protocol's domain); ret is
 * the result, for what the call filled in.
 */
static void put_arg(char kind, const long *a, int i, long ret)
{
    long v = a[i];

    switch (kind) {
    case 'd': putf("%d", (int)v); break;
    case 'u': putf("%lu", (unsigned long)v); break;
    case 'x': putf("%#lx", (unsigned long)v); break;
    case 'p': put_pointer(v); break;
    case 's': put_path(v); break;
    case 'b': put_buffer(v, (size_t)a[i + 1]); break;
    case 'B':
        if (failed(ret))
            put_pointer(v);
        else
            put_buffer(v, (size_t)ret);
        break;
    case 'W': put_iovecs(v, (int)a[i + 1], (unsigned long)-1); break;
    case 'Y':
        if (failed(ret))
            put_pointer(v);
        else
            put_iovecs(v, (int)a[i + 1], (unsigned long)ret);
        break;
    case 'D':
        if ((int)v == -100)
            put("AT_FDCWD");
        else
            putf("%d", (int)v);
        break;
    case 'o': put_open_flags(v); break;
    case 'O':
        put_flags((unsigned long)v, open_flags, COUNT(open_flags), false);
        break;
    case 'm': putf("%#lo", (unsigned long)v); break;
    case 'P':
        if (v)
            put_flags((unsigned long)v, prot_flags, COUNT(prot_flags), false);
        else
            put("PROT_NONE");
        break;
    case 'M': {
        const char *type = name_of((unsigned long)v & 0xf, map_types, 3);

        if (type)
            put(type);
        else
            putf("%#lx", (unsigned long)v & 0xf);
        put_flags((unsigned long)v & ~0xfUL, map_flags, COUNT(map_flags), true);
        break;
    }
    case 'A': put_named((int)v, domains, COUNT(domains)); break;
    case 'T':
        put_named((int)v & 0xf, sock_types, COUNT(sock_types));
        if (v & ~0xfL)
            put_flags((unsigned long)v & ~0xfUL, sock_flags, 2, true);
        break;
    case 'N': put_flags((unsigned long)v, sock_flags, 2, false); break;
    case 'I':
        if (a[0] == AF_INET || a[0] == AF_INET6)
            put_named((int)v, protocols, COUNT(protocols));
        else
            putf("%d", (int)v);
        break;
    case 'a': put_sockaddr(v, (unsigned long)a[i + 1]); break;
    case 'S': {
        const unsigned *len = (const void *)a[i + 1];

        if (failed(ret) || !v || !rt_user_ok(len, sizeof *len))
            put_pointer(v);
        else
            put_sockaddr(v, *len);
        break;
    }
    case 'L':
        if (failed(ret))
            put_pointer(v);
        else
            put_int_at(v);
        break;
    case 'Z': /* int[2] filled in: pipe's, socketpair's descriptors */
        if (!failed(ret) && v && rt_user_ok((const int *)v, 2 * sizeof(int)))
            putf("[%d, %d]", ((const int *)v)[0], ((const int *)v)[1]);
        else
            put_pointer(v);
        break;
    case 'l': put_named((int)v, levels, COUNT(levels)); break;
    case 'n':
        if (a[1] == SOL_SOCKET)
            put_named((int)v, socket_options, COUNT(socket_options));
        else if (a[1] == IPPROTO_TCP)
            put_named((int)v, tcp_options, COUNT(tcp_options));
        else if (a[1] == IPPROTO_IPV6)
            put_named((int)v, ipv6_options, COUNT(ipv6_options));
        else
            putf("%d", (int)v);
        break;
    case 'j':
        if (a[i + 1] == sizeof(int))
            put_int_at(v);
        else
            put_pointer(v);
        break;
    case 'G':
        put_flags((unsigned long)v, msg_flags, COUNT(msg_flags), false);
        break;
    case 'h': put_named((int)v, shut_hows, COUNT(shut_hows)); break;
    case 'e': put_pollfds(v, (unsigned long)a[i + 1], false); break;
    case 'E': put_named((int)v, epoll_ops, COUNT(epoll_ops)); break;
    case 'v': put_epoll_events(v, v ? 1 : 0, false); break;
    case 'V':
        if (failed(ret))
            put_pointer(v);
        else
            put_epoll_events(v, ret, true);
        break;
    case 't': put_timespec(v); break;
    case 'Q':
        if (failed(ret))
            put_pointer(v);
        else
            put_timespec(v);
        break;
    case 'K':
        if (failed(ret))
            put_pointer(v);
        else
            put_stat(v);
        break;
    case 'c': put_named((int)v, clocks, COUNT(clocks)); break;
    case 'g': put_signal((int)v); break;
    case 'H': put_named((int)v, sigprocmask_hows, 3); break;
    case 'w': put_named((int)v, whences, COUNT(whences)); break;
    case 'i': {
        const char *s = name_of((unsigned)v, ioctls, COUNT(ioctls));

        if (s)
            put(s);
        else
            putf("%#lx", (unsigned long)(unsigned)v);
        break;
    }
    case 'X': {
        const char *s = name_of((unsigned long)v, arch_codes, 4);

        if (s)
            put(s);
        else
            putf("%#lx", (unsigned long)v);
        break;
    }
    case 'k': {
        const char *s =
            name_of((unsigned long)v & 127, futex_ops, COUNT(futex_ops));

        if (s)
            putf("%s%s", s, v & 128 ? "_PRIVATE" : "");
        else
            putf("%#lx", (unsigned long)v & ~384UL);
        if (v & 256)
            put("|FUTEX_CLOCK_REALTIME");
        break;
    }
    case 'F': { /* fcntl's command, and its argument if it takes one */
        put_named((int)v, fcntl_cmds, COUNT(fcntl_cmds));
        switch ((int)v) {
        case 1:
        case 3:
        case 9:
        case 1032: /* F_GET*: no argument */ break;
        case 2:
            put(", ");
            put_flags((unsigned long)a[2], fd_flags, 1, false);
            break;
        case 4:
            put(", ");
            put_open_flags(a[2]);
            break;
        case 5:
        case 6:
        case 7:
            put(", ");
            put_pointer(a[2]);
            break;
        default: putf(", %ld", a[2]);
        }
        break;
    }
    default: putf("%#lx", (unsigned long)v);
    }
}

/* "name(args) = ", "= " where strace puts it */
static void put_call(long nr, const long *a, long ret)
{
    const char *entry = nr >= 0 && nr < RT_SYSCALL_MAX ? calls[nr] : NULL;
    const char *kinds = entry ? entry + strlen(entry) + 2 : "*";
    int n = (int)strlen(kinds);

    if (rt_thread_count() > 1)
        putf("[pid %d] ", rt_current->tid);
    if (entry)
        putf("%s(", entry);
    else
        putf("syscall_%#lx(", (unsigned long)nr);
    if (nr == SYS_futex && ((a[1] & 127) == 0 || (a[1] & 127) == 1))
        n = (a[1] & 127) == 0 ? 4 : 3; /* wait and wake use no more */
    if (kinds[0] == '*')
        n = 6;
    for (int i = 0; i < n; i++) {
        if (i)
            put(", ");
        if (kinds[0] == '*') {
            putf("%#lx", (unsigned long)a[i]);
            continue;
        }
        put_arg(kinds[i], a, i, ret);
        if (kinds[i] == 'o' && kinds[i + 1] == 'm' && !(a[i] & O_CREAT) &&
            (a[i] & O_TMPFILE) != O_TMPFILE)
            break; /* open's mode only when it creates */
    }
    put(") ");
    while (used < STRACE_COLUMN)
        put(" ");
    put("= ");
}

static void put_result(long nr, const long *a, long ret)
{
    const char *entry = nr >= 0 && nr < RT_SYSCALL_MAX ? calls[nr] : NULL;
    char kind = entry ? entry[strlen(entry) + 1] : 'd';

    if (failed(ret)) {
        long e = -ret;

        if (e < (long)COUNT(errors) && errors[e].name)
            putf("-1 %s (%s)", errors[e].name, errors[e].text);
        else
            putf("-1 E%ld (%s)", e, strerror((int)e));
        return;
    }
    if (kind == 'x') {
        putf("%#lx", (unsigned long)ret);
    } else if (nr == SYS_fcntl && ret > 0 && (a[1] == 1 || a[1] == 3)) {
        putf("%#lx (flags ", (unsigned long)ret);
        if (a[1] == 3)
            put_open_flags(ret);
        else
            put_flags((unsigned long)ret, fd_flags, 1, false);
        put(")");
    } else if ((nr == SYS_poll || nr == SYS_ppoll) && ret == 0) {
        put("0 (Timeout)");
    } else if (nr == SYS_poll || nr == SYS_ppoll) {
        putf("%ld (", ret);
        put_pollfds(a[0], (unsigned long)a[1], true);
        put(")");
    } else {
        putf("%ld", ret);
    }
}

static bool tracing; /* UKCC_STRACE=1 */

void rt_trace_start(void)
{
    tracing = true;
}

/* rt_syscall itself, under ld --wrap */
long __real_rt_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
                       long a6);

long __wrap_rt_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
                       long a6)
{
    const long a[6] = {a1, a2, a3, a4, a5, a6};
    const char *entry = nr >= 0 && nr < RT_SYSCALL_MAX ? calls[nr] : NULL;
    long ret;

    if (!tracing)
        return __real_rt_syscall(nr, a1, a2, a3, a4, a5, a6);

    if (entry && entry[strlen(entry) + 1] == '?') {
        put_call(nr, a, 0);
        put("?");
        put_line();
        if (nr == SYS_exit_group) {
            putf("+++ exited with %d +++", (int)a1 & 0xff);
            put_line();
        }
        return __real_rt_syscall(nr, a1, a2, a3, a4, a5, a6);
    }
    ret = __real_rt_syscall(nr, a1, a2, a3, a4, a5, a6);
    put_call(nr, a, ret);
    put_result(nr, a, ret);
    put_line();
    return ret;
}
