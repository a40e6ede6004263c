/* Running the tools, or (-###) printing them as clang prints its jobs. */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ukcc.h"

extern char **environ;

/* Built in memory and written at once: stderr is unbuffered, so a 1 MB
 * argument printed a character at a time costs a million system calls. */
void command_print(const struct strvec *cmd)
{
    char *line;
    size_t len;
    FILE *f = open_memstream(&line, &len);

    if (!f)
        die("out of memory");
    for (size_t i = 0; i < cmd->n; i++) {
        fputs(" \"", f);
        for (const char *p = cmd->v[i]; *p; p++) {
            if (*p == '"' || *p == '\\' || *p == '$')
                fputc('\\', f);
            fputc(*p, f);
        }
        fputc('"', f);
    }
    fputc('\n', f);
    if (fclose(f) != 0)
        die("out of memory");
    fwrite(line, 1, len, stderr);
    free(line);
}

/*
 * exec refuses (E2BIG) an argument longer than MAX_ARG_STRLEN, 128 KiB, and
 * arguments and environment together larger than a quarter of the stack
 * limit, which is never less than 128 KiB. A -D or -Wl, read from a
 * response file can be longer, and so can a link of thousands of objects.
 * A command over SPILL_AT bytes (half the smallest budget, the rest left
 * to the environment) goes to the tool in response files, which clang and
 * ld.lld both read; shorter ones stay on the command line, where ps and
 * the tools' own messages show them.
 */
enum { SPILL_AT = 64 << 10 };

static bool too_long(const struct strvec *cmd)
{
    size_t n = sizeof(char *);

    for (size_t i = 0; i < cmd->n; i++)
        n += sizeof(char *) + strlen(cmd->v[i]) + 1;
    return n > SPILL_AT;
}

/* s in double quotes, with \ and " backslash-escaped: what xl's
 * configuration files and LLVM's GNU tokenizer (response files) read back
 * exactly; inside the quotes blanks, newlines and ' stand for themselves. */
void fput_quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/*
 * cmd's argv with its arguments in response files, listed in *files. The
 * tokenizer drops an empty word, quoted or not, so an empty argument stays
 * on the command line, between the files holding the arguments around it.
 */
static char **spill(const struct strvec *cmd, struct strvec *files)
{
    static unsigned serial;
    struct strvec argv = {0};

    sv_push(&argv, cmd->v[0]);
    for (size_t i = 1; i < cmd->n;) {
        char *path;
        FILE *f;
        bool bad;

        if (!*cmd->v[i]) {
            sv_push(&argv, cmd->v[i++]);
            continue;
        }
        if (asprintf(&path, "%s/args-%u.rsp", temp_dir(), serial++) < 0)
            die("out of memory");
        temp_register(path);
        sv_push(files, path);
        sv_pushf(&argv, "@%s", path);
        f = fopen(path, "w");
        if (!f)
            die("cannot write %s: %s", path, strerror(errno));
        while (i < cmd->n && *cmd->v[i]) {
            fput_quoted(f, cmd->v[i++]);
            fputc('\n', f);
        }
        bad = ferror(f);
        if (fclose(f) != 0 || bad)
            die("cannot write %s: %s", path, strerror(errno));
    }
    return argv.v;
}

int command_run(const struct strvec *cmd)
{
    struct strvec files = {0};
    char **argv = too_long(cmd) ? spill(cmd, &files) : cmd->v;
    pid_t pid;
    int status, err;

    err = posix_spawn(&pid, cmd->v[0], NULL, NULL, argv, environ);
    if (err)
        die("cannot run '%s': %s", cmd->v[0], strerror(err));
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            die("waitpid: %s", strerror(errno));
    for (size_t i = 0; i < files.n; i++) {
        temp_remove(files.v[i]);
        free(files.v[i]);
    }
    if (argv != cmd->v)
        free(argv);
    free(files.v);
    if (WIFSIGNALED(status)) {
        warn("'%s' was killed by signal %d (%s)", cmd->v[0], WTERMSIG(status),
             strsignal(WTERMSIG(status)));
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

void command_exec(const struct strvec *cmd)
{
    if (too_long(cmd)) {
        /* response files would outlive an exec: run it, then remove them */
        int status = command_run(cmd);

        temp_cleanup();
        exit(status);
    }
    execv(cmd->v[0], cmd->v);
    die("cannot run '%s': %s", cmd->v[0], strerror(errno));
}

bool command_announce(const struct invocation *inv, const struct strvec *cmd)
{
    if (inv->dry_run || inv->verbose)
        command_print(cmd);
    return !inv->dry_run;
}

void command_must_run(const struct strvec *cmd)
{
    int status = command_run(cmd);

    if (status) {
        temp_cleanup();
        exit(status);
    }
}
