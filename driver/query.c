/* Answers to the questions build systems ask a compiler before using it. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "ukcc.h"

static void help(void)
{
    static const char text[] =
        "usage: ukcc [options] file...\n"
        "\n"
        "ukcc is clang for unikernels: it compiles C against musl and\n"
        "links the objects into an image for one target. Every clang\n"
        "option for C works as in clang; these are ukcc's own:\n"
        "\n"
        "  --target=TARGET     link for TARGET: %s\n"
        "                      (default posix); also $UKCC_TARGET, or\n"
        "                      a program name like x86_64-xen-pvh-ukcc\n"
        "  --stack-size=N      the main thread's stack (bytes, or with\n"
        "                      a K, M or G suffix)\n"
        "  --heap-max=N        the most memory brk and mmap hand out\n"
        "  --embed DIR:/MOUNT  put the tree DIR in the image, read-only\n"
        "                      at /MOUNT (repeatable; links followed)\n"
        "  --hosted            posix: let ukcc's runtime handle every\n"
        "                      syscall (UKCC_PASSTHROUGH=1: Linux does)\n"
        "  --tls               TLS: <ukcc/tls.h> (libs/tls) and BearSSL's\n"
        "                      <bearssl.h> when compiling; links\n"
        "                      libukcc_tls.a and libbearssl.a\n"
        "  --allow-unsupported link fork, exec*, system, popen (targets\n"
        "                      with ukcc's runtime) and dlopen anyway;\n"
        "                      otherwise a call to them fails the link\n"
        "  --no-harden         compile without the default hardening\n"
        "                      (-fstack-protector-strong,\n"
        "                      -fstack-clash-protection)\n"
        "  --all-syscalls      link every syscall handler of the runtime,\n"
        "                      not only those the libc functions in the\n"
        "                      image can reach (for programs that issue\n"
        "                      the syscall instruction themselves)\n"
        "  --strace            link the runtime's syscall tracer: the\n"
        "                      image run with UKCC_STRACE=1 prints each\n"
        "                      call as strace does\n"
        "  --xl                Xen targets: write IMAGE.xl for xl create;\n"
        "  --xl-memory=MIB     its memory (64), --xl-bridge=NAME its vif\n"
        "  --xl-cmdline=TEXT   bridge (xenbr0, or none), and the command\n"
        "                      line (the image's name)\n"
        "  --print-ldscript    print the linker script of the target;\n"
        "                      -T script (-Wl,-T,script) replaces it\n"
        "  -###                print the clang and ld.lld commands and\n"
        "                      run nothing; -v prints them as they run\n"
        "  --version           print the versions of clang and ukcc\n"
        "  -dumpmachine        print the ABI triple (x86_64-linux-musl)\n"
        "  -print-file-name=F  print where the link finds file F\n"
        "  -print-prog-name=P  print the tool used for P (ld, ar, ...)\n"
        "  -print-search-dirs  print the program and library paths\n"
        "\n"
        "Refused, with an error that says why: -shared, -rdynamic,\n"
        "-pie, -m32, C++ and Objective-C inputs.\n"
        "Environment: UKCC_TARGET; UKCC_CLANG and UKCC_LD replace the\n"
        "clang and ld.lld found when ukcc was built.\n";

    printf(text, target_names());
}

static const char *find_file(const struct toolchain *tc, const struct target *t,
                             const char *name)
{
    static char path[8192];
    const char *dirs[] = {tc->resource_dir, tc->musl_lib};
    const char *subdirs[] = {t->name, NULL};

    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s%s%s/%s", dirs[i], subdirs[i] ? "/" : "",
                 subdirs[i] ? subdirs[i] : "", name);
        if (access(path, F_OK) == 0)
            return path;
    }
    if (strcmp(name, strrchr(tc->builtins, '/') + 1) == 0)
        return tc->builtins;
    return name;
}

/* binutils names → the LLVM tool that does the job */
static const char *find_prog(const struct toolchain *tc, const char *name)
{
    static const char *const llvm[] = {
        "ar",    "nm",      "ranlib", "objcopy", "objdump",
        "strip", "readelf", "size",   "strings", "addr2line"};
    static char path[4096];

    if (strcmp(name, "ld") == 0 || strcmp(name, "ld.lld") == 0)
        return tc->ld;
    if (strcmp(name, "cc") == 0 || strcmp(name, "clang") == 0)
        return tc->clang;
    for (size_t i = 0; i < sizeof llvm / sizeof *llvm; i++) {
        if (strcmp(name, llvm[i]) != 0)
            continue;
        snprintf(path, sizeof path, "%s/llvm-%s", tc->llvm_bin, name);
        if (access(path, X_OK) == 0)
            return path;
    }
    return name;
}

static int ask_clang(const struct invocation *inv, const struct toolchain *tc)
{
    struct strvec cmd = {0};

    sv_push(&cmd, tc->clang);
    sv_push(&cmd, "--target=x86_64-linux-musl");
    sv_append(&cmd, &inv->clang_args);
    if (inv->dry_run) {
        command_print(&cmd);
        return 0;
    }
    return command_run(&cmd);
}

int query_answer(const struct invocation *inv, const struct toolchain *tc,
                 const struct target *t)
{
    switch (inv->query) {
    case QUERY_HELP: help(); return 0;
    case QUERY_DUMPMACHINE: puts("x86_64-linux-musl"); return 0;
    case QUERY_FILE_NAME: puts(find_file(tc, t, inv->query_arg)); return 0;
    case QUERY_PROG_NAME: puts(find_prog(tc, inv->query_arg)); return 0;
    case QUERY_LIBGCC: puts(tc->builtins); return 0;
    case QUERY_SEARCH_DIRS:
        printf("install: %s/\n", tc->resource_dir);
        printf("programs: =%s\n", tc->llvm_bin);
        printf("libraries: =%s/%s:%s\n", tc->resource_dir, t->name,
               tc->musl_lib);
        return 0;
    case QUERY_VERSION: {
        /*
         * clang's lines come first: Meson takes the first version number it
         * sees as the compiler's, and the compiler underneath is clang 14.
         */
        int status = ask_clang(inv, tc);

        printf("ukcc version %s (target %s)\n", UKCC_VERSION, t->name);
        return status;
    }
    case QUERY_CLANG: return ask_clang(inv, tc);
    case QUERY_LDSCRIPT: return layout_print(inv, t);
    case QUERY_NONE: break;
    }
    return 0;
}
