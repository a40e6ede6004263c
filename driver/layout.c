/*
 * The image layout: ukcc links every image with the script the generator in
 * ldscripts/ writes for the target (a user's -T replaces it), and refuses an
 * image that breaks the target's rules (W^X, notes, TLS) once it is linked.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ukcc.h"

/*
 * 0 is the generator's "not given" (lds.h), but a user who writes
 * --heap-max=0 asks for no heap, and --stack-size=0 for no stack: neither
 * can run a C program, and reading them as "no limit" or "the default"
 * would do the opposite of what was written. Leaving the option out says
 * that, so a 0 here is out of range like any value below the minimum.
 */
static void size_option(const char *opt, const char *text,
                        unsigned long long lo, unsigned long long hi,
                        const char *unset, unsigned long long *out)
{
    int err;

    if (!text)
        return;
    err = lds_options_parse_size(text, out);
    if (err == -EINVAL)
        die("invalid %s'%s': expected a byte count with an optional K, M "
            "or G suffix",
            opt, text);
    if (err == 0 && *out == 0)
        die("%s'%s' is out of range: %llu to %llu bytes (%s)", opt, text, lo,
            hi, unset);
    if (err == -ERANGE || *out < lo || *out > hi)
        die("%s'%s' is out of range: %llu to %llu bytes", opt, text, lo, hi);
}

void layout_options(const struct invocation *inv, struct lds_options *o)
{
    memset(o, 0, sizeof *o);
    size_option("--stack-size=", inv->stack_size, LDS_STACK_MIN, LDS_STACK_MAX,
                "without it, the target's default applies", &o->stack_size);
    size_option("--heap-max=", inv->heap_max, LDS_HEAP_MIN, LDS_HEAP_MAX,
                "without it, there is no limit", &o->heap_max);
}

static const struct lds_target *lds_for(const struct target *t)
{
    const struct lds_target *lt = lds_target_find(t->name);

    if (!lt)
        die("target '%s' has no image layout", t->name);
    return lt;
}

int layout_print(const struct invocation *inv, const struct target *t)
{
    struct lds_options o;

    layout_options(inv, &o);
    return lds_write(stdout, lds_for(t), &o) == 0 && fflush(stdout) == 0 ? 0
                                                                         : 1;
}

/* Writes the script for the link into the scratch directory. */
const char *layout_script(const struct invocation *inv, const struct target *t)
{
    struct lds_options o;
    char *path;
    FILE *f;

    layout_options(inv, &o);
    if (inv->dry_run)
        return "/tmp/ukcc-XXXXXX/image.lds";
    if (asprintf(&path, "%s/image.lds", temp_dir()) < 0)
        die("out of memory");
    temp_register(path);
    f = fopen(path, "w");
    if (!f || lds_write(f, lds_for(t), &o) != 0 || fclose(f) != 0)
        die("cannot write the linker script %s", path);
    return path;
}

bool layout_copied(const struct target *t)
{
    return lds_target_copied(lds_for(t));
}

void layout_check(const struct invocation *inv, const struct target *t,
                  const char *image)
{
    char why[512];

    if (inv->dry_run ||
        lds_check_image(image, lds_for(t), why, sizeof why) == 0)
        return;
    unlink(image); /* never leave an image that breaks the rules */
    die("%s: %s", image, why);
}
