/*
 * @file arguments: the file's contents replace the argument, split as GNU
 * tools and clang split them (blanks separate, quotes group, backslash
 * escapes). A file that cannot be read stays a literal argument, as in gcc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ukcc.h"

enum { MAX_DEPTH = 16 };

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t len = 0;

    if (!f)
        return NULL;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        die("out of memory");
    for (int c; (c = getc(f)) != EOF;)
        putc(c, mem);
    fclose(f);
    fclose(mem);
    return buf;
}

/* No word is longer than the text it came from, and each ends at a blank
 * or the end, so one buffer the text's size holds them all: a buffer per
 * word would make a file of many words cost its size squared. */
static void split(const char *text, struct strvec *out)
{
    const char *p = text;
    char *w = xmalloc(strlen(text) + 1);

    while (*p) {
        char *word = w;
        char quote = 0;

        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        for (; *p; p++) {
            if (quote) {
                if (*p == quote)
                    quote = 0;
                else if (*p == '\\' && quote == '"' && p[1])
                    *w++ = *++p;
                else
                    *w++ = *p;
            } else if (*p == '\'' || *p == '"') {
                quote = *p;
            } else if (*p == '\\' && p[1]) {
                *w++ = *++p;
            } else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                break;
            } else {
                *w++ = *p;
            }
        }
        *w++ = '\0';
        sv_push(out, word);
    }
}

static void expand(const char *arg, struct strvec *out, int depth)
{
    struct strvec words = {0};
    char *text;

    if (arg[0] != '@' || !(text = slurp(arg + 1))) {
        sv_push(out, arg);
        return;
    }
    if (depth >= MAX_DEPTH)
        die("response files nested too deeply at '%s'", arg);
    split(text, &words);
    free(text);
    for (size_t i = 0; i < words.n; i++)
        expand(words.v[i], out, depth + 1);
    free(words.v);
}

void response_expand(int *argc, char ***argv)
{
    struct strvec out = {0};
    bool any = false;

    for (int i = 0; i < *argc; i++)
        any |= (*argv)[i][0] == '@';
    if (!any)
        return;
    sv_push(&out, (*argv)[0]);
    for (int i = 1; i < *argc; i++)
        expand((*argv)[i], &out, 0);
    *argc = (int)out.n;
    *argv = out.v;
}
