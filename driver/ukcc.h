/* ukcc driver: shared types and the map of its files. */
#ifndef UKCC_H
#define UKCC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lds.h"

/* strvec.c: a growable, NULL-terminated argument vector */
struct strvec {
    char **v;
    size_t n, cap;
};
void sv_push(struct strvec *sv, const char *s);
void sv_pushf(struct strvec *sv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sv_append(struct strvec *sv, const struct strvec *from);

/* diag.c: messages in the one format build systems and users read */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xmalloc(size_t n);
char *xstrdup(const char *s);

/* target.c: the only place that knows what differs between targets */
struct target {
    const char *name;
    const char *unavailable;    /* NULL when usable, else why not */
    const char *platform;       /* its platform library in lib/ukcc; NULL:
                                 * none, syscalls go to the host kernel */
    const char *entry;          /* -e symbol; NULL: the script's ENTRY */
    bool platform_is_xen;       /* images boot on Xen (xl configuration) */
    const char *stack_chk_fail; /* what __stack_chk_fail becomes; NULL:
                                 * rt's __ukcc_stack_chk_fail */
    const char *stack_chk_lib;  /* in lib/ukcc/<name>: what defines it,
                                 * for a target without rt */
};
const struct target *target_find(const char *name);
const struct target *target_select(const char *argv0, const char *flag,
                                   bool planned_ok);
extern const struct target target_posix_hosted;
const char *target_names(void);

/* toolchain.c: where the tools and files are, found from our own path */
struct toolchain {
    const char *prefix;       /* install (or build) tree root */
    const char *resource_dir; /* <prefix>/lib/ukcc */
    const char *include_dir;  /* <prefix>/include */
    const char *clang, *ld, *llvm_bin;
    const char *musl_include, *musl_lib, *builtins;
};
void toolchain_init(struct toolchain *tc);
struct invocation;
void toolchain_compile_flags(const struct toolchain *tc,
                             const struct invocation *inv, struct strvec *out);
/* the command that assembles src (a .s ukcc wrote) into obj */
void toolchain_assemble(const struct toolchain *tc, const char *src,
                        const char *obj, struct strvec *cmd);

/* repro.c: the compile directory recorded as "." (-ffile-prefix-map), and
 * SOURCE_DATE_EPOCH for __DATE__ and friends */
void repro_compile_flags(const struct invocation *inv, struct strvec *out);
/* true and *seconds when SOURCE_DATE_EPOCH is set; dies when malformed */
bool repro_source_date(uint32_t *seconds);

/* options.c: the command line, classified */
/* ordered by how early clang stops: options_parse relies on it */
enum mode { MODE_LINK, MODE_COMPILE, MODE_ASSEMBLY, MODE_PREPROCESS };
enum query {
    QUERY_NONE,
    QUERY_VERSION,
    QUERY_HELP,
    QUERY_DUMPMACHINE,
    QUERY_FILE_NAME,
    QUERY_PROG_NAME,
    QUERY_SEARCH_DIRS,
    QUERY_LIBGCC,
    QUERY_LDSCRIPT, /* --print-ldscript */
    QUERY_CLANG     /* a question clang answers itself, e.g. -dumpversion */
};
struct input {
    const char *path;
    const char *lang; /* the -x language in force, or NULL */
    bool source;      /* compiled by clang rather than handed to ld.lld */
};
struct link_item {
    const char *arg; /* a linker argument, or NULL for inputs[source] */
    size_t source;
};
struct invocation {
    const char *argv0;
    const char *target_flag;
    enum mode mode;
    enum query query;
    const char *query_arg;
    const char *output;
    const char *stack_size, *heap_max; /* as given, checked at use */
    bool dry_run, verbose, relocatable, hosted, allow_unsupported;
    bool all_syscalls; /* link every rt handler (--all-syscalls) */
    bool strace;       /* link rt's syscall tracer (--strace) */
    bool tls;          /* --tls: libs/tls and BearSSL */
    bool no_harden;    /* --no-harden: no stack protector, no clash probes */
    struct xl_settings {
        bool write;         /* --xl or any --xl-*: write <image>.xl */
        long memory;        /* MiB; 0: the default */
        const char *bridge; /* "none": no network interface */
        const char *cmdline;
    } xl;
    bool nostartfiles, nodefaultlibs;
    bool dep_file, dep_mf, dep_mt; /* -MD/-MMD given; -MF given; -MT/-MQ */
    struct strvec clang_args;      /* user arguments for clang, minus ukcc's */
    struct strvec compile_args; /* the same, minus inputs, -o, -x, link args */
    struct input *inputs;
    size_t ninputs;
    struct link_item *link;
    size_t nlink;
    struct strvec embeds; /* --embed DIR:/mountpoint, as given */
};
void options_parse(struct invocation *inv, int argc, char **argv);
bool lang_is_source(const char *path, const char *lang);

/* response.c: @file expansion, as clang does it */
void response_expand(int *argc, char ***argv);

/* command.c: running (or, for -###, printing) the tools; a command too long
 * for exec reaches them in response files (@file) */
void command_print(const struct strvec *cmd);
void fput_quoted(FILE *f, const char *s); /* "s", \ and " escaped */
int command_run(const struct strvec *cmd);
_Noreturn void command_exec(const struct strvec *cmd);
struct invocation;
/* prints cmd for -### and -v; false when it must not run (-###) */
bool command_announce(const struct invocation *inv, const struct strvec *cmd);
/* runs cmd; if it fails, cleans up and exits with its status */
void command_must_run(const struct strvec *cmd);

/* tempfiles.c: scratch files removed on every exit path */
char *temp_dir(void);
void temp_register(const char *path);
void temp_remove(const char *path); /* unlinks it now: no longer needed */
void temp_cleanup(void);

/* layout.c: the generated linker script and the image checks */
void layout_options(const struct invocation *inv, struct lds_options *o);
int layout_print(const struct invocation *inv, const struct target *t);
const char *layout_script(const struct invocation *inv, const struct target *t);
bool layout_copied(const struct target *t);
void layout_check(const struct invocation *inv, const struct target *t,
                  const char *image);

/* xlconfig.c: the Xen domain configuration written beside an image */
void xl_option(struct invocation *inv, const char *name, const char *value);
void xl_write(const struct invocation *inv, const struct target *t,
              const char *image);

/* link.c: link mode (compile sources, then ld.lld) */
int link_run(const struct invocation *inv, const struct toolchain *tc,
             const struct target *t);

/* symtab.c: the image's function names, for its own fault reports */
int symtab_link(const struct invocation *inv, const struct toolchain *tc,
                struct strvec *link, const char *output);

/* embed.c: --embed trees as objects for the link */
void embed_link(const struct invocation *inv, const struct toolchain *tc,
                struct strvec *cmd);
void embed_unused(const struct invocation *inv); /* -c, -S, -E: warn */

/* query.c: answers for build systems (--version, -print-*, ...) */
int query_answer(const struct invocation *inv, const struct toolchain *tc,
                 const struct target *t);

#endif
