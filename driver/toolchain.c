/*
 * Where everything is. ukcc's own files are found relative to its executable
 * (<prefix>/bin/ukcc → <prefix>/lib/ukcc), so the build tree and any install
 * prefix work, even after the folder is moved. Debian's clang, lld and musl
 * are found where configure saw them; UKCC_CLANG and UKCC_LD override.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "ukcc.h"

static char *self_prefix(void)
{
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    char *slash;

    if (n <= 0)
        die("cannot find my own executable (/proc/self/exe)");
    path[n] = '\0';
    /* strip "/ukcc", then "/bin" */
    for (int i = 0; i < 2; i++) {
        slash = strrchr(path, '/');
        if (!slash)
            die("unexpected executable path '%s'", path);
        *slash = '\0';
    }
    return xstrdup(*path ? path : "/");
}

static const char *env_or(const char *var, const char *fallback)
{
    const char *v = getenv(var);

    return v && *v ? v : fallback;
}

static char *join(const char *a, const char *b)
{
    char *s = xmalloc(strlen(a) + strlen(b) + 2);

    strcpy(s, a);
    strcat(s, "/");
    return strcat(s, b);
}

void toolchain_init(struct toolchain *tc)
{
    tc->prefix = self_prefix();
    tc->resource_dir = join(tc->prefix, UKCC_RESOURCE_DIR);
    tc->include_dir = join(tc->resource_dir, "include");
    tc->clang = env_or("UKCC_CLANG", UKCC_CLANG);
    tc->ld = env_or("UKCC_LD", UKCC_LD_LLD);
    tc->llvm_bin = UKCC_LLVM_BIN;
    tc->musl_include = UKCC_MUSL_INCLUDE;
    tc->musl_lib = UKCC_MUSL_LIB;
    tc->builtins = UKCC_BUILTINS;
}

/*
 * Hardening, on unless --no-harden; before the user's flags, so that
 * -fno-stack-protector and friends still turn a protection off.
 *  -fstack-protector-strong: a canary in every frame with an array or an
 *      address-taken local. musl seeds it from AT_RANDOM, which rt fills
 *      from the platform's entropy source at each boot (Linux does on posix);
 *      a failed check ends the program with a report (rt/proc/ssp.c).
 *  -fstack-clash-protection: a frame or alloca larger than a page is
 *      touched page by page, so it faults in the guard page below the stack
 *      instead of jumping over it into other memory.
 * Not here, and why:
 *  _FORTIFY_SOURCE: it works through the libc's headers, and musl's have
 *      no fortified variants (Debian ships no fortify-headers for musl), so
 *      defining it would change nothing.
 *  -fcf-protection: ENDBR64 marks only pay off when the CPU enforces them
 *      (CET IBT), and musl's libc.a has none: an enforced image would fault
 *      at the first indirect call into libc (its stdio's write hooks).
 */
static void hardening_flags(struct strvec *out)
{
    sv_push(out, "-fstack-protector-strong");
    sv_push(out, "-fstack-clash-protection");
}

/*
 * The flags every compilation gets, before the user's. -nostdlibinc drops
 * the host's /usr/include but keeps clang's own headers (stddef.h,
 * immintrin.h, stdatomic.h); -idirafter then puts ukcc's headers, musl's
 * and Linux's UAPI headers behind the user's -I and -isystem, where a
 * native compiler puts libc.
 * Objects do not depend on the target: one .o links into every image.
 * All but the triple are in --start-no-unused-arguments: assembling a .s,
 * where they mean nothing, must not warn (nor fail a -Werror build).
 */
void toolchain_compile_flags(const struct toolchain *tc,
                             const struct invocation *inv, struct strvec *out)
{
    sv_push(out, "--target=x86_64-linux-musl");
    sv_push(out, "--start-no-unused-arguments");
    sv_push(out, "-nostdlibinc");
    sv_push(out, "-idirafter");
    sv_push(out, tc->include_dir);
    sv_push(out, "-idirafter");
    sv_push(out, tc->musl_include);
    sv_push(out, "-idirafter"); /* <linux/...>, <asm/...> */
    sv_pushf(out, "%s/linux-uapi", tc->resource_dir);
    sv_push(out, "-fno-pic");
    sv_push(out, "-fno-pie");
    sv_push(out, "-D__ukcc__=1");
    if (!inv->no_harden)
        hardening_flags(out);
    repro_compile_flags(inv, out);
    if (inv->tls) {
        /* <ukcc/tls.h>, and BearSSL's own headers without the rest of the
         * host's /usr/include */
        sv_push(out, "-idirafter");
        sv_pushf(out, "%s/tls/include", tc->resource_dir);
        sv_push(out, "-idirafter");
        sv_push(out, UKCC_BEARSSL_INCLUDE);
    }
    sv_push(out, "--end-no-unused-arguments");
}

void toolchain_assemble(const struct toolchain *tc, const char *src,
                        const char *obj, struct strvec *cmd)
{
    sv_push(cmd, tc->clang);
    sv_push(cmd, "--target=x86_64-linux-musl");
    sv_push(cmd, "-c");
    sv_push(cmd, "-x");
    sv_push(cmd, "assembler");
    sv_push(cmd, src);
    sv_push(cmd, "-o");
    sv_push(cmd, obj);
}
