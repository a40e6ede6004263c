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
        inv->xl.memory = value;
    } else if (strcmp(name, "--xl-bridge=") == 0) {
        if (!*value || strpbrk(value, "\"', =[]"))
            die("invalid --xl-bridge='%s': expected a bridge name, or none",
                value);
        inv->xl.bridge = value;
    } else if (strcmp(name, "--xl-cmdline=") == 0) {
        inv->xl.cmdline = value;
    }
}

/* A value inside xl's double quotes: backslash-escape \ and ". */
static void quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
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
    quoted(f, base);
    fprintf(f, "\ntype = \"%s\"\nkernel = ", type);
    quoted(f, path);
    /* PVH boots the kernel directly and passes cmdline; PV takes extra */
    fprintf(f, "\n%s = ", strcmp(type, "pv") == 0 ? "extra" : "cmdline");
    quoted(f, inv->xl.cmdline ? inv->xl.cmdline : base);
    fprintf(f, "\nmemory = %s\nvcpus = 1\n",
            inv->xl.memory ? inv->xl.memory : "64");
    fprintf(f, "on_poweroff = \"destroy\"\non_reboot = \"destroy\"\n"
               "on_crash = \"destroy\"\n");
    if (!inv->xl.bridge || strcmp(inv->xl.bridge, "none") != 0)
        fprintf(f, "vif = [ \"bridge=%s\" ]\n",
                inv->xl.bridge ? inv->xl.bridge : "xenbr0");
    if (fclose(f) != 0)
        die("cannot write %s: %s", xl, strerror(errno));
}
