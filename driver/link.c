/*
 * Link mode: each C or assembly input is compiled to a scratch object, then
 * ld.lld links musl's start files, the objects and libraries in the order
 * given, musl's libc.a and compiler-rt's builtins into one static image.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ukcc.h"

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* path with its extension (if any) replaced by ext */
static char *with_ext(const char *path, const char *ext)
{
    const char *dot = strrchr(path, '.');
    size_t n =
        dot && dot > base_name(path) ? (size_t)(dot - path) : strlen(path);
    char *s = xmalloc(n + strlen(ext) + 1);

    memcpy(s, path, n);
    strcpy(s + n, ext);
    return s;
}

/*
 * -MD/-MMD in a compile-and-link call: clang names the dependency file after
 * the -o output (app → app.d) or, without -o, after the source (a.c → a.d),
 * and names the rule's target after the output too. Since ukcc compiles to
 * a scratch object, it spells out what clang would have chosen.
 */
static void dep_names(const struct invocation *inv, const char *src,
                      struct strvec *cmd)
{
    if (!inv->dep_file)
        return;
    if (!inv->dep_mf) {
        sv_push(cmd, "-MF");
        sv_push(cmd,
                with_ext(inv->output ? inv->output : base_name(src), ".d"));
    }
    if (!inv->dep_mt) {
        sv_push(cmd, "-MT");
        sv_push(cmd,
                inv->output ? inv->output : with_ext(base_name(src), ".o"));
    }
}

static char *compile_source(const struct invocation *inv,
                            const struct toolchain *tc, size_t index)
{
    const struct input *in = &inv->inputs[index];
    const char *src = strcmp(in->path, "-") ? in->path : "stdin";
    struct strvec cmd = {0};
    char *obj;

    if (asprintf(&obj, "%s/%zu-%s",
                 inv->dry_run ? "/tmp/ukcc-XXXXXX" : temp_dir(), index,
                 base_name(src)) < 0)
        die("out of memory");
    obj = with_ext(obj, ".o");
    sv_push(&cmd, tc->clang);
    toolchain_compile_flags(tc, inv, &cmd);
    sv_append(&cmd, &inv->compile_args);
    dep_names(inv, src, &cmd);
    if (in->lang) {
        sv_push(&cmd, "-x");
        sv_push(&cmd, in->lang);
    }
    sv_push(&cmd, "-c");
    sv_push(&cmd, in->path);
    sv_push(&cmd, "-o");
    sv_push(&cmd, obj);
    if (!command_announce(inv, &cmd))
        return obj;
    temp_register(obj);
    command_must_run(&cmd);
    return obj;
}

static void musl_file(struct strvec *cmd, const struct toolchain *tc,
                      const char *name)
{
    sv_pushf(cmd, "%s/%s", tc->musl_lib, name);
}

/*
 * Build systems identify the linker with "cc -Wl,--version" (Meson does):
 * with no inputs, a linker query goes to ld.lld alone, as clang does it.
 */
static int ask_linker(const struct invocation *inv, const struct toolchain *tc)
{
    static const char *const queries[] = {"--version", "-v", "--help"};
    struct strvec cmd = {0};
    bool query = false;

    sv_push(&cmd, tc->ld);
    for (size_t i = 0; i < inv->nlink; i++) {
        sv_push(&cmd, inv->link[i].arg);
        for (size_t q = 0; q < sizeof queries / sizeof *queries; q++)
            query |= strcmp(inv->link[i].arg, queries[q]) == 0;
    }
    if (!query)
        die("no input files");
    if (inv->dry_run || inv->verbose)
        command_print(&cmd);
    return inv->dry_run ? 0 : command_run(&cmd);
}

/* Whether the user brought a linker script (-T, -Wl,-T, --script=...). The
 * address options -Ttext/-Tdata/-Tbss are not scripts. */
static bool user_script(const struct invocation *inv)
{
    for (size_t i = 0; i < inv->nlink; i++) {
        const char *a = inv->link[i].arg;

        if (!a)
            continue;
        if (strcmp(a, "-T") == 0 || strcmp(a, "--script") == 0 ||
            strncmp(a, "--script=", 9) == 0)
            return true;
        if (strncmp(a, "-T", 2) == 0 && strncmp(a, "-Ttext", 6) != 0 &&
            strncmp(a, "-Tdata", 6) != 0 && strncmp(a, "-Tbss", 5) != 0)
            return true;
    }
    return false;
}

int link_run(const struct invocation *inv, const struct toolchain *tc,
             const struct target *t)
{
    struct strvec cmd = {0};
    const char *output = inv->output ? inv->output : "a.out";
    bool start = !inv->nostartfiles && !inv->relocatable;
    bool libs = !inv->nodefaultlibs && !inv->relocatable;
    int status;

    if (inv->ninputs == 0)
        return ask_linker(inv, tc);
    if (inv->xl.write && !t->platform_is_xen)
        die("--xl writes a Xen domain configuration: link with "
            "--target=xen-pvh or --target=xen-pv");
    if (t->platform && inv->nodefaultlibs)
        die("target '%s' needs ukcc's runtime, which -nostdlib and "
            "-nodefaultlibs leave out",
            t->name);
    if (inv->all_syscalls && !t->platform)
        warn("--all-syscalls ignored: on target '%s' without --hosted, "
             "Linux answers the system calls",
             t->name);
    if (inv->strace && !t->platform)
        warn("--strace ignored: on target '%s' without --hosted, Linux "
             "answers the system calls (trace them with strace)",
             t->name);
    /* without ukcc's runtime nothing reads the values the script records */
    if (inv->heap_max && !t->platform)
        warn("--heap-max ignored: on target '%s' without --hosted, Linux's "
             "brk and mmap hand out the memory",
             t->name);
    if (inv->stack_size && !t->platform)
        warn("--stack-size ignored: on target '%s' without --hosted, Linux "
             "sets the main stack (ulimit -s)",
             t->name);
    sv_push(&cmd, tc->ld);
    if (inv->relocatable)
        sv_push(&cmd, "-r");
    else {
        sv_push(&cmd, "-static");
        sv_push(&cmd, "--no-pie");
    }
    sv_push(&cmd, "-m");
    sv_push(&cmd, "elf_x86_64");
    if (!inv->relocatable) {
        /* RELRO would pad the layout for nothing: a static image has no
         * loader to make it read-only. The build ID names the image. */
        sv_push(&cmd, "-z");
        sv_push(&cmd, "norelro");
        sv_push(&cmd, "--build-id");
        if (libs) {
            /* musl's __stack_chk_fail is a bare hlt: a ring-0 image
             * survives it, a process dies of a SIGSEGV that says nothing;
             * ukcc's reports and exits instead */
            sv_pushf(&cmd, "--defsym=__stack_chk_fail=%s",
                     t->stack_chk_fail ? t->stack_chk_fail
                                       : "__ukcc_stack_chk_fail");
        }
        if (t->platform) /* every byte is boot time and memory */
            sv_push(&cmd, "--gc-sections");
        if (t->entry) {
            /* the platform's start-up runs first and enters musl's _start */
            sv_push(&cmd, "-e");
            sv_push(&cmd, t->entry);
        }
        if (!user_script(inv)) {
            /* loaders that copy segments need no page padding in the
             * file: ~4 KiB less image (ldscripts/lds.h) */
            if (layout_copied(t))
                sv_push(&cmd, "-n");
            sv_push(&cmd, "-T");
            sv_push(&cmd, layout_script(inv, t));
        }
    }
    sv_push(&cmd, "-o");
    sv_push(&cmd, output);
    if (start) {
        musl_file(&cmd, tc, "crt1.o");
        musl_file(&cmd, tc, "crti.o");
    }
    for (size_t i = 0; i < inv->nlink; i++) {
        const struct link_item *it = &inv->link[i];

        sv_push(&cmd, it->arg ? it->arg : compile_source(inv, tc, it->source));
    }
    embed_link(inv, tc, &cmd);
    /* after the user's -L, which the linker searches first wherever given */
    sv_pushf(&cmd, "-L%s/%s", tc->resource_dir, t->name);
    sv_pushf(&cmd, "-L%s", tc->musl_lib);
    if (libs) {
        sv_push(&cmd, "--start-group");
        if (t->stack_chk_lib)
            sv_pushf(&cmd, "%s/%s/%s", tc->resource_dir, t->name,
                     t->stack_chk_lib);
        if (inv->tls) {
            sv_pushf(&cmd, "%s/libukcc_tls.a", tc->resource_dir);
            sv_push(&cmd, UKCC_BEARSSL_LIB);
        }
        if (t->platform)
            sv_pushf(&cmd, "%s/libukcc_rt.a", tc->resource_dir);
        if (!inv->allow_unsupported) {
            /* before libc.a and libukcc_calls.a, whose definitions they
             * replace with link errors that say why (rt/unsupported) */
            if (t->platform)
                sv_pushf(&cmd, "%s/libukcc_noproc.a", tc->resource_dir);
            sv_pushf(&cmd, "%s/libukcc_nodl.a", tc->resource_dir);
        }
        if (t->platform) {
            /* musl's members that make system calls, each bringing rt's
             * handlers for them (rt/libc_calls.py): before libc.a, whose
             * copies they replace */
            sv_pushf(&cmd, "%s/libukcc_calls.a", tc->resource_dir);
            if (inv->all_syscalls)
                sv_push(&cmd, "--undefined=__ukcc_syscalls_all");
            if (inv->strace) /* rt/trace.c, around rt_syscall */
                sv_push(&cmd, "--wrap=rt_syscall");
            sv_pushf(&cmd, "%s/libukcc_net.a", tc->resource_dir);
            sv_pushf(&cmd, "%s/%s", tc->resource_dir, t->platform);
        }
        musl_file(&cmd, tc, "libc.a");
        sv_push(&cmd, tc->builtins);
        sv_push(&cmd, "--end-group");
    }
    if (start)
        musl_file(&cmd, tc, "crtn.o");
    if (!command_announce(inv, &cmd))
        return 0;
    status = command_run(&cmd);
    /* rt's fault reports name frames from a table of the image's own */
    if (status == 0 && !inv->relocatable && t->platform && libs)
        status = symtab_link(inv, tc, &cmd, output);
    temp_cleanup();
    if (status == 0 && !inv->relocatable) {
        layout_check(inv, t, output);
        xl_write(inv, t, output);
    }
    return status;
}
