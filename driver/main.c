/* ukcc: clang for unikernels. See README.md for what it does and why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ukcc.h"

int main(int argc, char **argv)
{
    struct invocation inv;
    struct toolchain tc;
    const struct target *t;
    struct strvec cmd = {0};

    response_expand(&argc, &argv);
    options_parse(&inv, argc, argv);
    t = target_select(argv[0], inv.target_flag, inv.query == QUERY_LDSCRIPT);
    toolchain_init(&tc);
    if (inv.hosted) {
        if (strcmp(t->name, "posix") != 0)
            die("--hosted is a mode of the posix target; the %s target "
                "always runs the program on ukcc's runtime",
                t->name);
        t = &target_posix_hosted;
    }

    if (inv.query == QUERY_NONE && inv.verbose && inv.ninputs == 0)
        inv.query = QUERY_VERSION; /* "cc -v" alone: versions, as clang does */
    if (inv.query != QUERY_NONE)
        return query_answer(&inv, &tc, t);
    if (inv.mode == MODE_LINK)
        return link_run(&inv, &tc, t);

    /* -c, -S, -E: clang does all of it; ukcc adds the target's flags */
    if (inv.ninputs == 0)
        die("no input files");
    embed_unused(&inv);
    sv_push(&cmd, tc.clang);
    toolchain_compile_flags(&tc, &inv, &cmd);
    sv_append(&cmd, &inv.clang_args);
    if (inv.dry_run || inv.verbose)
        command_print(&cmd);
    if (inv.dry_run)
        return 0;
    fflush(NULL);
    command_exec(&cmd);
}
