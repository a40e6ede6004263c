/*
 * <image>.xl: the configuration `xl create` boots a Xen image with, written
 * at link time as MirageOS writes its own. --xl writes it with defaults;
 * --xl-memory=MiB, --xl-bridge=NAME (or none) and --xl-cmdline=TEXT change
 * them (and imply --xl). xl itself takes overrides at run time too:
 * `xl create app.xl 'memory=256'`.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ukcc.h"

enum { MEMORY_DEFAULT = 64 }; /* MiB, as --help says */

static long memory_mib(const struct invocation *inv)
{
    return inv->xl.memory ? inv->xl.memory : MEMORY_DEFAULT;
}

void xl_option(struct invocation *inv, const char *name, const char *value)
{
    char *end;
    long mib;

    inv->xl.write = true;
    if (strcmp(name, "--xl-memory=") == 0) {
        errno = 0;
        mib = strtol(value, &end, 10);
        if (*value == '\0' || *end || errno || mib < 4 || mib > 1 << 20)
            die("invalid --xl-memory='%s': expected MiB, from 4 to 1048576",
                value);
        inv->xl.memory = mib;
    } else if (strcmp(name, "--xl-bridge=") == 0) {
        if (!*value || strpbrk(value, "\"', =[]"))
            die("invalid --xl-bridge='%s': expected a bridge name, or none",
                value);
        inv->xl.bridge = value;
    } else if (strcmp(name, "--xl-cmdline=") == 0) {
        inv->xl.cmdline = value;
    }
}

/*
 * A domain with less memory than the image reaches cannot load it, let
 * alone run it: a large --embed tree or .bss is caught here, where both
 * sizes are known, rather than at boot. The runtime needs more (its main
 * stack, page tables, a heap); the targets check that when they start.
 */
static void check_memory(const struct invocation *inv, const char *image)
{
    long mib = memory_mib(inv);
    unsigned long long end;
    char why[512];

    if (lds_image_memory(image, &end, why, sizeof why) != 0) {
        unlink(image);
        die("%s: %s", image, why);
    }
    if (end <= (unsigned long long)mib << 20)
        return;
    unlink(image); /* an image that cannot boot as configured */
    if (inv->xl.memory)
        die("%s: the image needs %llu MiB of memory but --xl-memory=%ld "
            "gives %ld MiB",
            image, (end + (1 << 20) - 1) >> 20, mib, mib);
    die("%s: the image needs %llu MiB of memory but the domain gets %ld MiB "
        "(the default); give it more with --xl-memory=MiB",
        image, (end + (1 << 20) - 1) >> 20, mib);
}

void xl_write(const struct invocation *inv, const struct target *t,
              const char *image)
{
    const char *type = strcmp(t->name, "xen-pv") == 0 ? "pv" : "pvh";
    const char *base = strrchr(image, '/') ? strrchr(image, '/') + 1 : image;
    char path[PATH_MAX], *xl;
    FILE *f;

    if (!inv->xl.write || inv->dry_run)
        return;
    check_memory(inv, image);
    if (!realpath(image, path))
        die("%s: %s", image, strerror(errno));
    if (asprintf(&xl, "%s.xl", image) < 0)
        die("out of memory");
    f = fopen(xl, "w");
    if (!f)
        die("cannot write %s: %s", xl, strerror(errno));
    fprintf(f, "# Xen domain for %s, written by ukcc: xl create -c %s\n", base,
            xl);
    fprintf(f, "name = ");
    fput_quoted(f, base);
    fprintf(f, "\ntype = \"%s\"\nkernel = ", type);
    fput_quoted(f, path);
    /* PVH boots the kernel directly and passes cmdline; PV takes extra */
    fprintf(f, "\n%s = ", strcmp(type, "pv") == 0 ? "extra" : "cmdline");
    fput_quoted(f, inv->xl.cmdline ? inv->xl.cmdline : base);
    fprintf(f, "\nmemory = %ld\nvcpus = 1\n", memory_mib(inv));
    fprintf(f, "on_poweroff = \"destroy\"\non_reboot = \"destroy\"\n"
               "on_crash = \"destroy\"\n");
    if (!inv->xl.bridge || strcmp(inv->xl.bridge, "none") != 0)
        fprintf(f, "vif = [ \"bridge=%s\" ]\n",
                inv->xl.bridge ? inv->xl.bridge : "xenbr0");
    if (fclose(f) != 0)
        die("cannot write %s: %s", xl, strerror(errno));
}
