/* The targets ukcc links for, and how one is chosen. */
#include <stdlib.h>
#include <string.h>

#include "ukcc.h"

static const struct target targets[] = {
    {.name = "posix",
     /* no runtime: a small library reports a smashed stack */
     .stack_chk_fail = "__ukcc_posix_stack_chk_fail",
     .stack_chk_lib = "libukcc_posix_ssp.a"},
    {.name = "xen-pvh",
     .platform = "xen-pvh/libukcc_xen_pvh.a",
     .platform_is_xen = true},
    {.name = "xen-pv",
     .platform = "xen-pv/libukcc_xen_pv.a",
     .platform_is_xen = true,
     /* the program runs in PV user mode: a trap takes the report to rt */
     .stack_chk_fail = "__ukcc_pv_stack_chk_fail"},
};

/* posix with --hosted: every syscall goes to ukcc's runtime in the image */
const struct target target_posix_hosted = {
    .name = "posix",
    .platform = "posix/libukcc_posix.a",
    .entry = "_ukcc_posix_start",
};

#define NTARGETS (sizeof targets / sizeof targets[0])

const struct target *target_find(const char *name)
{
    for (size_t i = 0; i < NTARGETS; i++)
        if (strcmp(targets[i].name, name) == 0)
            return &targets[i];
    return NULL;
}

const char *target_names(void)
{
    return "posix, xen-pvh, xen-pv";
}

/*
 * A program name of the form "x86_64-<target>-ukcc" selects <target>, so
 * build systems that only take a compiler path can pick one.
 */
static const char *name_from_argv0(const char *argv0)
{
    static const char arch[] = "x86_64-", tail[] = "-ukcc";
    const char *base = strrchr(argv0, '/');
    static char name[64];
    size_t n;

    base = base ? base + 1 : argv0;
    n = strlen(base);
    if (strncmp(base, arch, sizeof arch - 1) != 0 || n < sizeof arch + 4 ||
        strcmp(base + n - (sizeof tail - 1), tail) != 0)
        return NULL;
    n -= sizeof arch - 1 + sizeof tail - 1;
    if (n >= sizeof name)
        return NULL;
    memcpy(name, base + sizeof arch - 1, n);
    name[n] = '\0';
    return name;
}

/*
 * Build systems that know ukcc is clang may pass the ABI triple itself
 * (--target=x86_64-linux-musl); it names no target, so it changes nothing.
 */
static bool is_abi_triple(const char *name)
{
    size_t n = strlen(name);

    return strncmp(name, "x86_64-", 7) == 0 && n > 10 &&
           strcmp(name + n - 10, "linux-musl") == 0;
}

/*
 * Precedence: --target=, then $UKCC_TARGET, then the program name. flag is
 * never empty (options_parse refuses that), but an empty UKCC_TARGET counts
 * as unset, so `UKCC_TARGET= make` clears a setting. A target that cannot
 * link images yet is still fine for questions about its layout (planned_ok).
 */
const struct target *target_select(const char *argv0, const char *flag,
                                   bool planned_ok)
{
    const char *name = flag, *from = "--target";
    const struct target *t;

    if (name && is_abi_triple(name))
        name = NULL;
    if (!name) {
        name = getenv("UKCC_TARGET");
        from = "UKCC_TARGET";
    }
    if (!name || !*name) {
        name = name_from_argv0(argv0);
        from = "the program name";
    }
    if (!name)
        name = "posix";
    t = target_find(name);
    if (!t)
        die("unknown target '%s' (from %s); the targets are %s", name, from,
            target_names());
    if (t->unavailable && !planned_ok)
        die("target '%s': %s; use --target=posix or --target=xen-pvh", name,
            t->unavailable);
    return t;
}
