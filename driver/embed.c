/*
 * --embed DIR:/mountpoint: at link time each directory tree becomes one
 * object whose .ukcc.embed.NNNN section holds a blob in the format of
 * rt/fs/embed.h. ukcc writes it as assembly (a table of entries, the paths,
 * and .incbin for each file's contents) and assembles it with clang, so the
 * contents never pass through the driver. Symbolic links inside DIR are
 * followed; a link back to a directory above it is an error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../rt/fs/embed.h"
#include "ukcc.h"

struct entry {
    char *path; /* in the image */
    char *host; /* NULL for a directory with nothing to read */
    unsigned mode;
};

struct tree {
    const char *spec; /* as given, for messages */
    struct entry *e;
    size_t n;
    dev_t dev[64]; /* the directories being walked, to catch link loops */
    ino_t ino[64];
    size_t depth;
};

static void add(struct tree *t, char *path, char *host, unsigned mode)
{
    t->e = realloc(t->e, (t->n + 1) * sizeof *t->e);
    if (!t->e)
        die("out of memory");
    t->e[t->n++] = (struct entry){path, host, mode};
}

static char *join(const char *a, const char *b)
{
    char *s;

    if (asprintf(&s, "%s%s%s", a, strcmp(a, "/") ? "/" : "", b) < 0)
        die("out of memory");
    return s;
}

static void walk(struct tree *t, const char *host, const char *path);

/*
 * The permissions an entry gets, as git checks files out: directories
 * 0755, files 0755 when their owner may run them and 0644 otherwise. The
 * host's bits come from the umask of whoever made the tree (002 or 022):
 * kept, two checkouts of the same files would give two images.
 */
static unsigned perms(mode_t host)
{
    return S_ISDIR(host) || (host & S_IXUSR) ? 0755 : 0644;
}

static void add_node(struct tree *t, const char *host, const char *path)
{
    struct stat st;
    int fd;

    if (stat(host, &st) != 0)
        die("--embed %s: %s: %s", t->spec, host, strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        for (size_t i = 0; i < t->depth; i++)
            if (t->dev[i] == st.st_dev && t->ino[i] == st.st_ino)
                die("--embed %s: %s: a symbolic link loops back to a "
                    "directory above it",
                    t->spec, host);
        if (t->depth == sizeof t->dev / sizeof *t->dev)
            die("--embed %s: %s: directories nested too deep", t->spec, host);
        add(t, xstrdup(path), NULL, S_IFDIR | perms(st.st_mode));
        t->dev[t->depth] = st.st_dev;
        t->ino[t->depth++] = st.st_ino;
        walk(t, host, path);
        t->depth--;
        return;
    }
    if (!S_ISREG(st.st_mode))
        die("--embed %s: %s: not a regular file or directory", t->spec, host);
    fd = open(host, O_RDONLY);
    if (fd < 0)
        die("--embed %s: %s: %s", t->spec, host, strerror(errno));
    close(fd);
    add(t, xstrdup(path), xstrdup(host), S_IFREG | perms(st.st_mode));
}

static void walk(struct tree *t, const char *host, const char *path)
{
    DIR *d = opendir(host);
    struct dirent *de;

    if (!d)
        die("--embed %s: %s: %s", t->spec, host, strerror(errno));
    while ((de = readdir(d))) {
        char *h, *p;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        h = join(host, de->d_name);
        p = join(path, de->d_name);
        add_node(t, h, p);
        free(h);
        free(p);
    }
    closedir(d);
}

/* The mount point, canonical: absolute, no "." or "..", single slashes. */
static char *mount_point(const char *spec, const char *m)
{
    char *out = xmalloc(strlen(m) + 2), *o = out;

    if (m[0] != '/')
        die("--embed %s: the mount point must be an absolute path", spec);
    while (*m) {
        size_t n;

        while (*m == '/')
            m++;
        n = strcspn(m, "/");
        if (!n)
            break;
        if ((n == 1 && m[0] == '.') || (n == 2 && !strncmp(m, "..", 2)))
            die("--embed %s: the mount point may not contain '.' or '..'",
                spec);
        *o++ = '/';
        memcpy(o, m, n);
        o += n;
        m += n;
    }
    if (o == out)
        *o++ = '/';
    *o = '\0';
    if (!strncmp(out, "/dev", 4) && (!out[4] || out[4] == '/'))
        die("--embed %s: /dev belongs to the runtime's devices", spec);
    if (!strncmp(out, "/tmp", 4) && (!out[4] || out[4] == '/'))
        die("--embed %s: /tmp is the runtime's writable directory", spec);
    return out;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->path,
                  ((const struct entry *)b)->path);
}

/* Reads DIR:/mountpoint into a sorted list of entries. */
static void read_tree(struct tree *t, const char *spec)
{
    const char *colon = strrchr(spec, ':');
    char *dir, *mount, *slash;
    struct stat st;

    memset(t, 0, sizeof *t);
    t->spec = spec;
    if (!colon || colon == spec)
        die("--embed %s: expected DIR:/mountpoint", spec);
    dir = xstrdup(spec);
    dir[colon - spec] = '\0';
    mount = mount_point(spec, colon + 1);
    if (stat(dir, &st) != 0)
        die("--embed %s: %s: %s", spec, dir, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        die("--embed %s: %s: not a directory", spec, dir);
    /* every ancestor of the mount point is an explicit directory */
    for (slash = strchr(mount + 1, '/'); slash; slash = strchr(slash + 1, '/'))
        add(t, strndup(mount, (size_t)(slash - mount)), NULL, S_IFDIR | 0755);
    if (strcmp(mount, "/") != 0) {
        add_node(t, dir, mount);
    } else {
        t->dev[0] = st.st_dev;
        t->ino[0] = st.st_ino;
        t->depth = 1;
        walk(t, dir, "/");
    }
    qsort(t->e, t->n, sizeof *t->e, by_path);
}

/* A string for the assembler: quoted, with anything unusual in octal. */
static void put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
            fprintf(f, "\\%03o", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void write_asm(FILE *f, const struct tree *t, size_t index)
{
    uint32_t mtime = 0; /* the same image whenever the tree was copied */

    repro_source_date(&mtime);
    fprintf(f, "# ukcc --embed %s (format: rt/fs/embed.h)\n", t->spec);
    fprintf(f, "\t.section .ukcc.embed.%04zu,\"a\"\n\t.balign %u\n.Lb:\n",
            index, UKCC_EMBED_ALIGN);
    fprintf(f, "\t.long %#x, %u\n\t.quad .Lend - .Lb, %zu\n", UKCC_EMBED_MAGIC,
            UKCC_EMBED_VERSION, t->n);
    for (size_t i = 0; i < t->n; i++) {
        if (t->e[i].host)
            fprintf(f, "\t.quad .Lp%zu - .Lb, .Ld%zu - .Lb, .Le%zu - .Ld%zu\n",
                    i, i, i, i);
        else
            fprintf(f, "\t.quad .Lp%zu - .Lb, 0, 0\n", i);
        fprintf(f, "\t.long %#o, %u\n", t->e[i].mode, mtime);
    }
    for (size_t i = 0; i < t->n; i++) {
        fprintf(f, ".Lp%zu:\t.asciz ", i);
        put_string(f, t->e[i].path);
        fputc('\n', f);
    }
    for (size_t i = 0; i < t->n; i++) {
        if (!t->e[i].host)
            continue;
        fprintf(f, "\t.balign %u\n.Ld%zu:\t.incbin ", UKCC_EMBED_ALIGN, i);
        put_string(f, t->e[i].host);
        fprintf(f, "\n.Le%zu:\n", i);
    }
    fprintf(f, "\t.balign %u\n.Lend:\n", UKCC_EMBED_ALIGN);
}

/* Writes and assembles one tree; returns the object's path. */
static char *embed_one(const struct invocation *inv, const struct toolchain *tc,
                       const char *spec, size_t index)
{
    const char *dir = inv->dry_run ? "/tmp/ukcc-XXXXXX" : temp_dir();
    struct strvec cmd = {0};
    struct tree t;
    char *src, *obj;
    FILE *f;

    read_tree(&t, spec);
    if (asprintf(&src, "%s/embed-%zu.s", dir, index) < 0 ||
        asprintf(&obj, "%s/embed-%zu.o", dir, index) < 0)
        die("out of memory");
    toolchain_assemble(tc, src, obj, &cmd);
    if (!command_announce(inv, &cmd))
        return obj;
    temp_register(src);
    f = fopen(src, "w");
    if (!f)
        die("cannot write %s: %s", src, strerror(errno));
    write_asm(f, &t, index);
    if (fclose(f) != 0)
        die("cannot write %s: %s", src, strerror(errno));
    temp_register(obj);
    command_must_run(&cmd);
    return obj;
}

void embed_link(const struct invocation *inv, const struct toolchain *tc,
                struct strvec *cmd)
{
    for (size_t i = 0; i < inv->embeds.n; i++)
        sv_push(cmd, embed_one(inv, tc, inv->embeds.v[i], i));
}

void embed_unused(const struct invocation *inv)
{
    for (size_t i = 0; i < inv->embeds.n; i++)
        warn("argument unused during compilation: '--embed %s'",
             inv->embeds.v[i]);
}
