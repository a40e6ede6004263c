/* lds_main.c - ukcc-lds: print a target's linker script or check an image. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lds.h"

#define TARGETS "posix, xen-pvh or xen-pv"

static const char usage[] =
    "usage: ukcc-lds --target=NAME [--stack-size=N] [--heap-max=N]\n"
    "       ukcc-lds --check IMAGE --target=NAME\n"
    "NAME is " TARGETS "; N is bytes with an optional K, M or G suffix.\n";

struct args {
    const char *target, *check, *stack, *heap;
};

/* Print a size the way lds_options_parse_size() reads it. */
static const char *human(unsigned long long v, char *buf, size_t len)
{
    static const char suffix[] = "GMK";
    int i;

    for (i = 0; i < 3; i++) {
        unsigned int shift = 30 - 10 * i;

        if (v >= (1ULL << shift) && v % (1ULL << shift) == 0) {
            snprintf(buf, len, "%llu%c", v >> shift, suffix[i]);
            return buf;
        }
    }
    snprintf(buf, len, "%llu", v);
    return buf;
}

static int size_arg(const char *opt, const char *text, unsigned long long lo,
                    unsigned long long hi, unsigned long long *out)
{
    char a[32], b[32];
    int err;

    if (!text)
        return 0;
    err = lds_options_parse_size(text, out);
    if (err == -EINVAL)
        fprintf(stderr,
                "ukcc-lds: invalid %s '%s': expected a decimal byte "
                "count with an optional K, M or G suffix\n",
                opt, text);
    else if (err == -ERANGE || (*out && (*out < lo || *out > hi)))
        fprintf(stderr,
                "ukcc-lds: %s '%s' is out of range: %s to %s bytes, "
                "or 0 for the target's default\n",
                opt, text, human(lo, a, sizeof(a)), human(hi, b, sizeof(b)));
    else
        return 0;
    return 1;
}

/* "--name=value" or "--name value"; returns the value or NULL. */
static const char *value(const char *name, int argc, char **argv, int *i)
{
    size_t n = strlen(name);

    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] == '\0' && *i + 1 < argc)
        return argv[++*i];
    return NULL;
}

static int parse(int argc, char **argv, struct args *a)
{
    int i;
    const char *v;

    for (i = 1; i < argc; i++) {
        if ((v = value("--target", argc, argv, &i)))
            a->target = v;
        else if ((v = value("--check", argc, argv, &i)))
            a->check = v;
        else if ((v = value("--stack-size", argc, argv, &i)))
            a->stack = v;
        else if ((v = value("--heap-max", argc, argv, &i)))
            a->heap = v;
        else {
            if (strcmp(argv[i], "--help") != 0)
                fprintf(stderr, "ukcc-lds: unknown argument '%s'\n", argv[i]);
            fputs(usage, stderr);
            return 1;
        }
    }
    return 0;
}

static int check(const char *image, const struct lds_target *t)
{
    char why[512];
    int err = lds_check_image(image, t, why, sizeof(why));

    if (err)
        fprintf(stderr, "ukcc-lds: %s: %s\n", image, why);
    return err ? 1 : 0;
}

int main(int argc, char **argv)
{
    struct args a = {0};
    struct lds_options o = {0};
    const struct lds_target *t;
    int err;

    if (parse(argc, argv, &a))
        return 1;
    if (!a.target) {
        fprintf(stderr, "ukcc-lds: missing --target=NAME (" TARGETS ")\n");
        return 1;
    }
    t = lds_target_find(a.target);
    if (!t) {
        fprintf(stderr,
                "ukcc-lds: unknown target '%s' (expected " TARGETS ")\n",
                a.target);
        return 1;
    }
    if (a.check)
        return check(a.check, t);
    if (size_arg("--stack-size", a.stack, LDS_STACK_MIN, LDS_STACK_MAX,
                 &o.stack_size) ||
        size_arg("--heap-max", a.heap, LDS_HEAP_MIN, LDS_HEAP_MAX, &o.heap_max))
        return 1;
    err = lds_write(stdout, t, &o);
    if (err) {
        fprintf(stderr, "ukcc-lds: cannot write the script: %s\n",
                strerror(-err));
        return 1;
    }
    return 0;
}
