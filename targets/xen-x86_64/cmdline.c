/*
 * The boot command line (QEMU -append, Xen's dom0 module string or a
 * domU's cmdline) as argv and envp; the syntax is in README.md. Words are
 * split in place: quotes and backslashes are removed as the words are
 * copied down, so the output never overtakes the input.
 */
#include <stdbool.h>

#include "xen_x86.h"

#define MAX_WORDS 256

static char *argv[MAX_WORDS + 2], *envp[MAX_WORDS + 1];
static char default_name[] = "app";

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copies the word at *in to out, unquoting; returns its end in out. */
static char *word(char **in, char *out)
{
    char *s = *in, quote = 0;

    for (; *s && (quote || !is_space(*s)); s++) {
        if (quote == '\'' && *s == '\'') {
            quote = 0;
        } else if (quote == '\'') {
            *out++ = *s;
        } else if (*s == '\\' && s[1] &&
                   (!quote || s[1] == '"' || s[1] == '\\')) {
            *out++ = *++s;
        } else if (*s == '"') {
            quote = quote ? 0 : '"';
        } else if (!quote && *s == '\'') {
            quote = '\'';
        } else {
            *out++ = *s;
        }
    }
    *in = s;
    return out;
}

/* NAME=value with NAME a shell identifier */
static bool is_assignment(const char *w)
{
    const char *p = w;

    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_'))
        return false;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
           (*p >= '0' && *p <= '9') || *p == '_')
        p++;
    return *p == '=';
}

void cmdline_split(char *line, struct plat_args *out)
{
    char *in = line, *o = line;
    int argc = 0, envc = 0;
    bool env = true;

    while (argc + envc < MAX_WORDS) {
        char *w;

        while (is_space(*in))
            in++;
        if (!*in)
            break;
        w = o;
        o = word(&in, o);
        if (*in)
            in++;    /* past the separator, so o < in */
        *o++ = '\0'; /* at most on that separator */
        if (env && w[0] == '-' && w[1] == '-' && !w[2])
            env = false; /* "--" ends the environment and is dropped */
        else if (env && is_assignment(w))
            envp[envc++] = w;
        else
            env = false, argv[argc++] = w;
    }
    if (argc == 0)
        argv[argc++] = default_name;
    argv[argc] = NULL;
    envp[envc] = NULL;
    *out = (struct plat_args){argc, argv, envp};
}
