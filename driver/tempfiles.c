/*
 * Scratch files (objects compiled on the way to a link, response files for
 * long commands) live in one private directory that is removed on every
 * exit path, signals included, so a failed or interrupted build leaves
 * nothing behind.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ukcc.h"

enum { MAX_TEMPS = 4096 };

static struct {
    char *dir;
    char *files[MAX_TEMPS];
    size_t n;
} temps;

void temp_cleanup(void)
{
    for (size_t i = temps.n; i-- > 0;)
        if (temps.files[i])
            unlink(temps.files[i]);
    temps.n = 0;
    if (temps.dir)
        rmdir(temps.dir);
    temps.dir = NULL;
}

static void on_signal(int sig)
{
    temp_cleanup(); /* unlink and rmdir only: safe in a handler */
    signal(sig, SIG_DFL);
    raise(sig);
}

char *temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *dir;

    if (temps.dir)
        return temps.dir;
    if (!base || !*base)
        base = "/tmp";
    dir = xmalloc(strlen(base) + sizeof "/ukcc-XXXXXX");
    sprintf(dir, "%s/ukcc-XXXXXX", base);
    if (!mkdtemp(dir))
        die("cannot create a temporary directory in %s", base);
    temps.dir = dir;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    return dir;
}

void temp_register(const char *path)
{
    if (temps.n == MAX_TEMPS)
        die("too many temporary files");
    temps.files[temps.n++] = (char *)path;
}

void temp_remove(const char *path)
{
    for (size_t i = temps.n; i-- > 0;)
        if (temps.files[i] && strcmp(temps.files[i], path) == 0) {
            unlink(path);
            temps.files[i] = NULL;
            /* the newest goes often (response files): reuse its slot */
            while (temps.n && !temps.files[temps.n - 1])
                temps.n--;
            return;
        }
}
