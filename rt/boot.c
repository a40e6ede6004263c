/*
 * Start-up: rt takes the memory the platform gives it, opens the console
 * as fds 0-2, and lays out the initial stack exactly as Linux does for a
 * static executable (argc, argv, envp, auxv), so musl's _start and
 * __libc_start_main run unchanged. musl finds its TLS segment through
 * AT_PHDR and seeds its canary and malloc from AT_RANDOM.
 */
#include <elf.h>
#include <string.h>
#include <sys/mman.h>

#include "rt.h"
#include "syscalls.h"
#include "thread/thread.h"

/* written by the linker script (ldscripts/): variables, not addresses */
extern const unsigned long long __ukcc_stack_size, __ukcc_heap_max;

const void *rt_image_ehdr;

/*
 * The thread pointer rt's own calls into libc run on until musl's _start
 * installs the program's: code built with -fstack-protector (musl's
 * snprintf in a panic, for one) reads its canary at %fs:0x28 and musl reads
 * the thread's self pointer at %fs:0, so with a zero FS base a boot-time
 * panic would fault on page 0 and its message would be lost.
 */
static uintptr_t boot_thread[32] __attribute__((aligned(64)));

static void debug_from_env(char **envp)
{
    for (char **e = envp; e && *e; e++)
        if (strcmp(*e, "UKCC_DEBUG=1") == 0)
            rt_debug = true;
        else if (strcmp(*e, "UKCC_STRACE=1") == 0 && rt_trace_start)
            rt_trace_start();
        else if (strcmp(*e, "UKCC_STRACE=1") == 0)
            rt_log("UKCC_STRACE=1: this image has no syscall tracer; link "
                   "it with ukcc --strace");
}

/* --stack-size, or Linux's default soft RLIMIT_STACK for a linker script
 * that sets none */
size_t rt_stack_size(void)
{
    return __ukcc_stack_size ? RT_PAGE_ALIGN(__ukcc_stack_size) : 8 << 20;
}

/* The main stack, with an inaccessible guard page below it. */
static uintptr_t main_stack(size_t size)
{
    uintptr_t base = rt_page_alloc(size + RT_PAGE_SIZE);

    if (!base)
        rt_panic("no memory for a %zu-byte main stack", size);
    plat_mem_protect(base, RT_PAGE_SIZE, PROT_NONE);
    rt_page_set_access(base, RT_PAGE_SIZE, false);
    return base + RT_PAGE_SIZE + size;
}

/* Copies a string to the top of the stack being built. */
static char *push_string(uintptr_t *sp, const char *s)
{
    size_t n = strlen(s) + 1;

    *sp -= n;
    return memcpy((void *)*sp, s, n);
}

static size_t count(char **v)
{
    size_t n = 0;

    while (v && v[n])
        n++;
    return n;
}

uintptr_t rt_boot(const struct plat_args *args, const void *ehdr,
                  uintptr_t entry)
{
    const Elf64_Ehdr *eh = ehdr;
    struct plat_region heap;
    size_t argc = (size_t)args->argc, envc = count(args->envp), n = 0;
    size_t stack_size;
    uintptr_t sp;
    unsigned char random[16];
    char *strings[argc + envc + 1];
    unsigned long *v;

    rt_image_ehdr = ehdr;
    rt_syscall_init();
    boot_thread[0] = (uintptr_t)boot_thread;
    plat_tls_set((uintptr_t)boot_thread);
    rt_thread_init(args->argc ? args->argv[0] : "");
    debug_from_env(args->envp);
    stack_size = rt_stack_size();
    plat_memory(&heap);
    /* --heap-max caps what brk and mmap can ever hand out */
    if (__ukcc_heap_max && heap.size > __ukcc_heap_max + stack_size)
        heap.size = RT_PAGE_ALIGN(__ukcc_heap_max + stack_size + RT_PAGE_SIZE);
    rt_page_init(heap.base, heap.size, heap.zeroed);
    for (int fd = 0; fd < 3; fd++)
        if (rt_fd_install(rt_console_open(fd ? 1 : 0), fd, false) != fd)
            rt_panic("cannot open the console as fd %d", fd);
    /* weak keys are worse than no boot: refuse to start without entropy */
    if (plat_entropy(random, sizeof random) != 0)
        rt_panic("no entropy source (RDRAND/RDSEED or the host's)");
    if (rt_net_init)
        rt_net_init(args->envp);

    sp = main_stack(stack_size);
    for (size_t i = 0; i < argc; i++)
        strings[n++] = push_string(&sp, args->argv[i]);
    for (size_t i = 0; i < envc; i++)
        strings[n++] = push_string(&sp, args->envp[i]);
    sp = (sp - sizeof random) & ~15UL;
    memcpy((void *)sp, random, sizeof random);

    unsigned long auxv[][2] = {
        {AT_PHDR, (unsigned long)eh + eh->e_phoff},
        {AT_PHENT, eh->e_phentsize},
        {AT_PHNUM, eh->e_phnum},
        {AT_PAGESZ, RT_PAGE_SIZE},
        {AT_ENTRY, entry},
        {AT_UID, 0},
        {AT_EUID, 0},
        {AT_GID, 0},
        {AT_EGID, 0},
        {AT_SECURE, 0},
        {AT_CLKTCK, 100},
        {AT_RANDOM, sp},
        {AT_EXECFN, argc ? (unsigned long)strings[0] : 0},
        {AT_NULL, 0},
    };
    size_t words = 1 + argc + 1 + envc + 1 + 2 * (sizeof auxv / sizeof *auxv);

    sp = (sp - words * sizeof(long)) & ~15UL; /* rsp % 16 == 0 at _start */
    v = (unsigned long *)sp;
    *v++ = argc;
    for (size_t i = 0; i < argc; i++)
        *v++ = (unsigned long)strings[i];
    *v++ = 0;
    for (size_t i = 0; i < envc; i++)
        *v++ = (unsigned long)strings[argc + i];
    *v++ = 0;
    memcpy(v, auxv, sizeof auxv);
    rt_started = true;
    return sp;
}
