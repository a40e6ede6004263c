/*
 * Reproducible objects: the same sources and flags give the same bytes in
 * any directory. Clang records the directory it compiles in (DW_AT_comp_dir)
 * and every path it was given (debug info, __FILE__), so ukcc maps the
 * compile directory to "." with -ffile-prefix-map: a source named a.c or
 * $PWD/a.c is recorded as a.c or ./a.c under the compile directory ".",
 * which gdb resolves from the directory it runs in (or through "directory"
 * and "set substitute-path"). A user who chose a mapping of their own
 * (-ffile-prefix-map, -fdebug-prefix-map, -fdebug-compilation-dir,
 * -ffile-compilation-dir) keeps it alone: clang applies the first mapping
 * for a prefix, and ukcc's flags come first.
 *
 * Time enters an image in two ways, and SOURCE_DATE_EPOCH (the convention
 * of reproducible-builds.org: seconds since 1970 UTC) fixes both: the
 * compiler's __DATE__, __TIME__ and __TIMESTAMP__ (clang 14 reads only the
 * clock and the source's mtime; ukcc defines the three from the variable),
 * and the times --embed files report (0 without it, never the host's).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ukcc.h"

static bool user_maps_paths(const struct invocation *inv)
{
    static const char *const flags[] = {
        "-ffile-prefix-map=", "-fdebug-prefix-map=", "-fdebug-compilation-dir",
        "-ffile-compilation-dir="};

    for (size_t i = 0; i < inv->compile_args.n; i++)
        for (size_t k = 0; k < sizeof flags / sizeof *flags; k++)
            if (strncmp(inv->compile_args.v[i], flags[k], strlen(flags[k])) ==
                0)
                return true;
    return false;
}

/* $PWD when it names the current directory: clang (LLVM's current_path)
 * prefers it to getcwd(), which resolves symbolic links. */
static const char *logical_cwd(void)
{
    const char *pwd = getenv("PWD");
    struct stat a, b;

    if (pwd && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 &&
        a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return pwd;
    return NULL;
}

bool repro_source_date(uint32_t *seconds)
{
    const char *v = getenv("SOURCE_DATE_EPOCH");
    unsigned long long n;
    char *end;

    if (!v || !*v)
        return false;
    errno = 0;
    n = strtoull(v, &end, 10);
    /* the embed format keeps 32 bits: until 2106 */
    if (*v < '0' || *v > '9' || *end || errno || n > UINT32_MAX)
        die("SOURCE_DATE_EPOCH='%s' is not a number of seconds since 1970 "
            "(0 to %u)",
            v, UINT32_MAX);
    *seconds = (uint32_t)n;
    return true;
}

static void date_macros(struct strvec *out)
{
    uint32_t seconds;
    time_t t;
    struct tm tm;
    char date[16], clock[16], stamp[32];

    if (!repro_source_date(&seconds))
        return;
    t = (time_t)seconds;
    gmtime_r(&t, &tm);
    /* the C locale's forms, as the compiler's own */
    strftime(date, sizeof date, "%b %e %Y", &tm);
    strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    strftime(stamp, sizeof stamp, "%a %b %e %H:%M:%S %Y", &tm);
    sv_push(out, "-Wno-builtin-macro-redefined");
    sv_pushf(out, "-D__DATE__=\"%s\"", date);
    sv_pushf(out, "-D__TIME__=\"%s\"", clock);
    sv_pushf(out, "-D__TIMESTAMP__=\"%s\"", stamp);
}

void repro_compile_flags(const struct invocation *inv, struct strvec *out)
{
    char *cwd;
    const char *pwd;

    date_macros(out);
    if (user_maps_paths(inv))
        return;
    cwd = getcwd(NULL, 0);
    /* removed, or the root (nothing worth mapping), or with an '=' that
     * clang would take for the end of the prefix */
    if (!cwd || strcmp(cwd, "/") == 0 || strchr(cwd, '=')) {
        free(cwd);
        return;
    }
    sv_pushf(out, "-ffile-prefix-map=%s=.", cwd);
    pwd = logical_cwd();
    if (pwd && strcmp(pwd, cwd) != 0 && !strchr(pwd, '='))
        sv_pushf(out, "-ffile-prefix-map=%s=.", pwd);
    free(cwd);
}
