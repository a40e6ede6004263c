/*
 * The command line, classified. ukcc must know, for every argument, whether
 * it is an input, a value of the previous option, something for clang,
 * something for ld.lld, or its own; the table below says it once. Anything
 * not in the table goes to clang unchanged, which rejects what it does not
 * know.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ukcc.h"

enum form {
    FLAG,               /* -c */
    JOINED,             /* -Wl,x  -print-file-name=x */
    SEPARATE,           /* -Xlinker x */
    JOINED_OR_SEPARATE, /* -lfoo  -l foo */
};

enum role {
    COMPILE, /* for clang only */
    MODE_E,
    MODE_S,
    MODE_C,
    MODE_DEPS_ONLY,
    MODE_SYNTAX,
    OUTPUT,
    LANG,
    DEP_FILE,
    DEP_MF,
    DEP_MT,
    LINK_LIB,
    LINK_DIR,
    LINK_WL,
    LINK_ARG,
    LINK_ARG_VALUE,
    LINK_IGNORED,
    NOSTDLIB,
    NOSTARTFILES,
    NODEFAULTLIBS,
    RELOCATABLE,
    DRY_RUN,
    VERBOSE,
    TARGET,
    FUSE_LD,
    STACK_SIZE,
    HEAP_MAX,
    HOSTED,
    ALLOW_UNSUPPORTED,
    ALL_SYSCALLS,
    STRACE,
    TLS,
    NO_HARDEN,
    XL,
    EMBED,
    QUERY,
    REJECT,
};

struct option {
    const char *name;
    enum form form;
    enum role role;
    const char *text; /* REJECT: why, and what to do instead */
    enum query query; /* QUERY: which question */
};

#define NO_SHARED                                                              \
    "shared libraries are not supported: an image is one static program; "     \
    "build a static library instead (ar rcs libNAME.a *.o)"
#define NO_DYNAMIC                                                             \
    "dynamic linking is not supported: images are static and have no "         \
    "dynamic symbol table"
#define NO_PIE                                                                 \
    "position-independent executables are not supported: images are "          \
    "linked at a fixed address (drop it, or use -no-pie)"
#define ONLY_X86_64 "only x86-64 is supported"

static const struct option options[] = {
    {"-E", FLAG, MODE_E},
    {"-S", FLAG, MODE_S},
    {"-c", FLAG, MODE_C},
    {"-M", FLAG, MODE_DEPS_ONLY},
    {"-MM", FLAG, MODE_DEPS_ONLY},
    {"-fsyntax-only", FLAG, MODE_SYNTAX},
    {"-o", JOINED_OR_SEPARATE, OUTPUT},
    {"-x", JOINED_OR_SEPARATE, LANG},
    {"-MD", FLAG, DEP_FILE},
    {"-MMD", FLAG, DEP_FILE},
    {"-MF", JOINED_OR_SEPARATE, DEP_MF},
    {"-MT", JOINED_OR_SEPARATE, DEP_MT},
    {"-MQ", JOINED_OR_SEPARATE, DEP_MT},
    /* compile options whose value is the next argument */
    {"-I", JOINED_OR_SEPARATE, COMPILE},
    {"-D", JOINED_OR_SEPARATE, COMPILE},
    {"-U", JOINED_OR_SEPARATE, COMPILE},
    {"-include", JOINED_OR_SEPARATE, COMPILE},
    {"-imacros", JOINED_OR_SEPARATE, COMPILE},
    {"-isystem", JOINED_OR_SEPARATE, COMPILE},
    {"-iquote", JOINED_OR_SEPARATE, COMPILE},
    {"-idirafter", JOINED_OR_SEPARATE, COMPILE},
    {"-iprefix", JOINED_OR_SEPARATE, COMPILE},
    {"-iwithprefix", JOINED_OR_SEPARATE, COMPILE},
    {"-iwithprefixbefore", JOINED_OR_SEPARATE, COMPILE},
    {"-isysroot", JOINED_OR_SEPARATE, COMPILE},
    {"-include-pch", SEPARATE, COMPILE},
    {"-ivfsoverlay", SEPARATE, COMPILE},
    {"-MJ", JOINED_OR_SEPARATE, COMPILE},
    {"-Xclang", SEPARATE, COMPILE},
    {"-Xpreprocessor", SEPARATE, COMPILE},
    {"-Xassembler", SEPARATE, COMPILE},
    {"-mllvm", SEPARATE, COMPILE},
    {"-B", JOINED_OR_SEPARATE, COMPILE},
    {"--sysroot", SEPARATE, COMPILE},
    {"-serialize-diagnostics", SEPARATE, COMPILE},
    {"--param", SEPARATE, COMPILE},
    {"-arch", SEPARATE, COMPILE},
    /* for the linker, in order with the inputs */
    {"-l", JOINED_OR_SEPARATE, LINK_LIB},
    {"-L", JOINED_OR_SEPARATE, LINK_DIR},
    {"-Wl,", JOINED, LINK_WL},
    {"-Xlinker", SEPARATE, LINK_ARG_VALUE},
    {"-u", SEPARATE, LINK_ARG},
    {"-e", SEPARATE, LINK_ARG},
    {"-T", SEPARATE, LINK_ARG},
    {"-z", SEPARATE, LINK_ARG},
    {"-s", FLAG, LINK_ARG},
    {"-static", FLAG, LINK_IGNORED},
    {"-static-libgcc", FLAG, LINK_IGNORED},
    {"-shared-libgcc", FLAG, LINK_IGNORED},
    {"-no-pie", FLAG, LINK_IGNORED},
    {"-nostdlib", FLAG, NOSTDLIB},
    {"-nostartfiles", FLAG, NOSTARTFILES},
    {"-nodefaultlibs", FLAG, NODEFAULTLIBS},
    {"-nolibc", FLAG, NODEFAULTLIBS},
    {"-r", FLAG, RELOCATABLE},
    {"-fuse-ld=", JOINED, FUSE_LD},
    /* the driver itself */
    {"-###", FLAG, DRY_RUN},
    {"-v", FLAG, VERBOSE},
    {"--target=", JOINED, TARGET},
    {"--stack-size=", JOINED, STACK_SIZE},
    {"--heap-max=", JOINED, HEAP_MAX},
    {"--print-ldscript", FLAG, QUERY, .query = QUERY_LDSCRIPT},
    {"--hosted", FLAG, HOSTED},
    {"--allow-unsupported", FLAG, ALLOW_UNSUPPORTED},
    {"--all-syscalls", FLAG, ALL_SYSCALLS},
    {"--strace", FLAG, STRACE},
    {"--tls", FLAG, TLS},
    {"--no-harden", FLAG, NO_HARDEN},
    {"--xl", FLAG, XL},
    {"--xl-memory=", JOINED, XL},
    {"--xl-bridge=", JOINED, XL},
    {"--xl-cmdline=", JOINED, XL},
    {"--embed=", JOINED, EMBED},
    {"--embed", SEPARATE, EMBED},
    {"-target", SEPARATE, TARGET},
    {"--version", FLAG, QUERY, .query = QUERY_VERSION},
    {"--help", FLAG, QUERY, .query = QUERY_HELP},
    {"-help", FLAG, QUERY, .query = QUERY_HELP},
    {"-dumpmachine", FLAG, QUERY, .query = QUERY_DUMPMACHINE},
    {"-print-file-name=", JOINED, QUERY, .query = QUERY_FILE_NAME},
    {"-print-prog-name=", JOINED, QUERY, .query = QUERY_PROG_NAME},
    {"-print-search-dirs", FLAG, QUERY, .query = QUERY_SEARCH_DIRS},
    {"-print-libgcc-file-name", FLAG, QUERY, .query = QUERY_LIBGCC},
    {"-dumpversion", FLAG, QUERY, .query = QUERY_CLANG},
    {"-print-resource-dir", FLAG, QUERY, .query = QUERY_CLANG},
    /* what an image cannot be */
    {"-shared", FLAG, REJECT, NO_SHARED},
    {"-dynamic", FLAG, REJECT, NO_DYNAMIC},
    {"-rdynamic", FLAG, REJECT, NO_DYNAMIC},
    {"-pie", FLAG, REJECT, NO_PIE},
    {"-static-pie", FLAG, REJECT, NO_PIE},
    {"-m32", FLAG, REJECT, ONLY_X86_64},
    {"-mx32", FLAG, REJECT, ONLY_X86_64},
    {"-m16", FLAG, REJECT, ONLY_X86_64},
};

#define NOPTIONS (sizeof options / sizeof options[0])

/* Finds the option an argument spells; *value gets its value, if any. */
static const struct option *match(char **argv, int *i, int argc,
                                  const char **value)
{
    const char *arg = argv[*i];

    *value = NULL;
    for (size_t k = 0; k < NOPTIONS; k++) {
        const struct option *o = &options[k];
        size_t n = strlen(o->name);
        bool exact = strcmp(arg, o->name) == 0;

        if (o->form == FLAG && exact)
            return o;
        if ((o->form == SEPARATE || o->form == JOINED_OR_SEPARATE) && exact) {
            if (*i + 1 >= argc)
                die("option '%s' needs a value", arg);
            *value = argv[++*i];
            return o;
        }
        if ((o->form == JOINED || o->form == JOINED_OR_SEPARATE) &&
            strncmp(arg, o->name, n) == 0 && (o->form == JOINED || arg[n])) {
            *value = arg + n;
            return o;
        }
    }
    return NULL;
}

static const char *const cxx_exts[] = {"cc", "cp", "cxx", "cpp", "CPP", "c++",
                                       "C",  "ii", "hh",  "hpp", "hxx", "H"};
static const char *const objc_exts[] = {"m", "mi", "mm", "M", "mii"};
static const char *const source_exts[] = {"c", "i", "s", "S", "h"};

static bool ext_in(const char *ext, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ext, list[i]) == 0)
            return true;
    return false;
}
#define EXT_IN(ext, list) ext_in(ext, list, sizeof list / sizeof list[0])

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* C, preprocessed C and assembly are ours; C++ and Objective-C are not. */
static void check_lang(const char *lang, const char *what)
{
    if (strstr(lang, "c++"))
        die("%s: C++ is not supported; ukcc compiles C only", what);
    if (strstr(lang, "objective-c"))
        die("%s: Objective-C is not supported; ukcc compiles C only", what);
}

bool lang_is_source(const char *path, const char *lang)
{
    const char *ext = extension(path);

    if (lang && strcmp(lang, "none") != 0)
        return true;
    if (EXT_IN(ext, cxx_exts))
        die("%s: C++ is not supported; ukcc compiles C only", path);
    if (EXT_IN(ext, objc_exts))
        die("%s: Objective-C is not supported; ukcc compiles C only", path);
    if (strcmp(ext, "so") == 0 || strstr(path, ".so."))
        die("%s: " NO_SHARED, path);
    return EXT_IN(ext, source_exts) || strcmp(path, "-") == 0;
}

static void push_link(struct invocation *inv, const char *arg, size_t source)
{
    inv->link = realloc(inv->link, (inv->nlink + 1) * sizeof *inv->link);
    if (!inv->link)
        die("out of memory");
    inv->link[inv->nlink++] = (struct link_item){arg, source};
}

static void add_input(struct invocation *inv, const char *path,
                      const char *lang)
{
    struct stat st;
    struct input *in;

    if (strcmp(path, "-") != 0 && stat(path, &st) != 0)
        die("no such file or directory: '%s'", path);
    inv->inputs = realloc(inv->inputs, (inv->ninputs + 1) * sizeof *in);
    if (!inv->inputs)
        die("out of memory");
    in = &inv->inputs[inv->ninputs];
    in->path = path;
    in->lang = lang && strcmp(lang, "none") != 0 ? lang : NULL;
    in->source = lang_is_source(path, lang);
    push_link(inv, in->source ? NULL : path, inv->ninputs);
    inv->ninputs++;
}

static char *strjoin(const char *a, const char *b)
{
    char *s = xmalloc(strlen(a) + strlen(b) + 1);

    return strcat(strcpy(s, a), b);
}

static void add_link_arg(struct invocation *inv, const char *arg)
{
    push_link(inv, arg, 0);
}

/* Splits -Wl,a,b,c into the linker arguments a b c. */
static void add_link_wl(struct invocation *inv, const char *list)
{
    char *copy = xstrdup(list), *save = NULL;

    for (char *a = strtok_r(copy, ",", &save); a;
         a = strtok_r(NULL, ",", &save))
        add_link_arg(inv, a);
}

/* The options ukcc itself defines, for "did you mean" on a near miss. */
static const char *const own_options[] = {
    "--target=",   "--stack-size=", "--heap-max=",         "--print-ldscript",
    "--hosted",    "--embed=",      "--allow-unsupported", "--all-syscalls",
    "--no-harden", "--strace"};

static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64], prev, tmp;

    if (lb >= 64)
        return lb;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            tmp = row[j];
            row[j] =
                a[i - 1] == b[j - 1]
                    ? prev
                    : 1 + (prev < row[j]
                               ? (prev < row[j - 1] ? prev : row[j - 1])
                               : (row[j] < row[j - 1] ? row[j] : row[j - 1]));
            prev = tmp;
        }
    }
    return row[lb];
}

/* "--ukcc-..." is ukcc's namespace; near misses of its options are typos. */
static void check_unknown(const char *arg)
{
    char name[64];
    size_t n = strcspn(arg, "=");

    if (strncmp(arg, "--ukcc", 6) == 0)
        die("unknown ukcc option '%s' (see ukcc --help)", arg);
    if (strncmp(arg, "--", 2) != 0 || n + 2 > sizeof name)
        return;
    memcpy(name, arg, n);
    strcpy(name + n, arg[n] ? "=" : "");
    for (size_t i = 0; i < sizeof own_options / sizeof *own_options; i++)
        if (distance(name, own_options[i]) <= 2)
            die("unknown option '%s'; did you mean '%s'?", arg, own_options[i]);
}

/* Everything but ukcc's own options reaches clang in their original form. */
static void keep(struct invocation *inv, char **argv, int first, int last,
                 bool for_compile)
{
    for (int k = first; k <= last; k++) {
        sv_push(&inv->clang_args, argv[k]);
        if (for_compile)
            sv_push(&inv->compile_args, argv[k]);
    }
}

/* Which arguments clang sees: all but the driver's own. */
static bool role_for_clang(enum role r)
{
    if (r == EMBED)
        return false;
    return r != DRY_RUN && r != TARGET && r != FUSE_LD && r != STACK_SIZE &&
           r != HEAP_MAX && r != HOSTED && r != XL && r != ALLOW_UNSUPPORTED &&
           r != ALL_SYSCALLS && r != STRACE && r != TLS && r != NO_HARDEN;
}

/* Which of those the compile step of a link call needs. */
static bool role_for_compile(enum role r)
{
    return r == COMPILE || r == DEP_FILE || r == DEP_MF || r == DEP_MT ||
           r == VERBOSE;
}

/* What an option changes in the invocation, beyond being passed on. */
static void apply(struct invocation *inv, const struct option *o,
                  const char *arg, const char *value, const char **lang,
                  bool *stop)
{
    switch (o->role) {
    case MODE_E:
    case MODE_DEPS_ONLY: stop[MODE_PREPROCESS] = true; break;
    case MODE_S: stop[MODE_ASSEMBLY] = true; break;
    case MODE_C:
    case MODE_SYNTAX: stop[MODE_COMPILE] = true; break;
    case OUTPUT: inv->output = value; break;
    case LANG:
        check_lang(value, arg);
        *lang = value;
        break;
    case DEP_FILE: inv->dep_file = true; break;
    case DEP_MF: inv->dep_mf = true; break;
    case DEP_MT: inv->dep_mt = true; break;
    case LINK_LIB:
        add_link_arg(inv, arg[2] ? arg : strjoin("-l", value));
        break;
    case LINK_DIR:
        add_link_arg(inv, arg[2] ? arg : strjoin("-L", value));
        break;
    case LINK_WL: add_link_wl(inv, value); break;
    case LINK_ARG:
        add_link_arg(inv, o->name);
        if (value)
            add_link_arg(inv, value);
        break;
    case LINK_ARG_VALUE: add_link_arg(inv, value); break;
    case NOSTDLIB: inv->nostartfiles = inv->nodefaultlibs = true; break;
    case NOSTARTFILES: inv->nostartfiles = true; break;
    case NODEFAULTLIBS: inv->nodefaultlibs = true; break;
    case RELOCATABLE: inv->relocatable = true; break;
    case DRY_RUN: inv->dry_run = true; break;
    case VERBOSE: inv->verbose = true; break;
    case TARGET: inv->target_flag = value; break;
    case STACK_SIZE: inv->stack_size = value; break;
    case HEAP_MAX: inv->heap_max = value; break;
    case HOSTED: inv->hosted = true; break;
    case ALLOW_UNSUPPORTED: inv->allow_unsupported = true; break;
    case ALL_SYSCALLS: inv->all_syscalls = true; break;
    case STRACE: inv->strace = true; break;
    case TLS: inv->tls = true; break;
    case NO_HARDEN: inv->no_harden = true; break;
    case XL: xl_option(inv, o->name, value); break;
    case EMBED: sv_push(&inv->embeds, value); break;
    case FUSE_LD:
        if (strcmp(value, "lld") != 0)
            warn("'%s' ignored: ukcc always links with ld.lld", arg);
        break;
    case QUERY:
        inv->query = o->query;
        inv->query_arg = value;
        break;
    case REJECT: die("%s: %s", arg, o->text);
    case COMPILE:
    case LINK_IGNORED: break;
    }
}

void options_parse(struct invocation *inv, int argc, char **argv)
{
    const char *lang = NULL, *value, *target_arg = NULL;
    bool stop[MODE_PREPROCESS + 1] = {false};

    memset(inv, 0, sizeof *inv);
    inv->argv0 = argv[0];
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const struct option *o;
        int first = i;

        if (arg[0] != '-' || arg[1] == '\0') {
            sv_push(&inv->clang_args, arg);
            add_input(inv, arg, lang);
            continue;
        }
        o = match(argv, &i, argc, &value);
        if (!o) {
            check_unknown(arg);
            keep(inv, argv, first, i, true);
            continue;
        }
        if (role_for_clang(o->role))
            keep(inv, argv, first, i, role_for_compile(o->role));
        if (o->role == TARGET)
            target_arg = o->form == JOINED ? arg : "-target ''";
        apply(inv, o, arg, value, &lang, stop);
    }
    /* The last target given wins. An empty one is most likely a build
     * variable left unset: quietly linking for posix would hide that. */
    if (inv->target_flag && !*inv->target_flag)
        die("%s names no target; the targets are %s", target_arg,
            target_names());
    /* clang stops at the earliest phase asked for: -E, then -S, then -c */
    inv->mode = MODE_LINK;
    for (int m = MODE_PREPROCESS; m > MODE_LINK; m--)
        if (stop[m]) {
            inv->mode = m;
            break;
        }
}
