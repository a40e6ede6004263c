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

void command_print(const struct strvec *cmd)
{
    for (size_t i = 0; i < cmd->n; i++) {
        fputs(" \"", stderr);
        for (const char *p = cmd->v[i]; *p; p++) {
            if (*p == '"' || *p == '\\' || *p == '$')
                fputc('\\', stderr);
            fputc(*p, stderr);
        }
        fputc('"', stderr);
    }
    fputc('\n', stderr);
}

int command_run(const struct strvec *cmd)
{
    pid_t pid;
    int status, err;

    err = posix_spawn(&pid, cmd->v[0], NULL, NULL, cmd->v, environ);
    if (err)
        die("cannot run '%s': %s", cmd->v[0], strerror(err));
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            die("waitpid: %s", strerror(errno));
    if (WIFSIGNALED(status)) {
        warn("'%s' was killed by signal %d (%s)", cmd->v[0], WTERMSIG(status),
             strsignal(WTERMSIG(status)));
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

void command_exec(const struct strvec *cmd)
{
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
