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
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

void repro_compile_flags(const struct invocation *inv, struct strvec *out)
{
    char *cwd;
    const char *pwd;

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
