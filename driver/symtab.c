/*
 * The image's own function names, for its fault reports. A loader copies
 * only the loaded segments, so the ELF .symtab never reaches the image's
 * memory: rt's backtrace names frames from a table in .rodata instead,
 * __ukcc_symtab (rt/proc/backtrace.c reads it). The table holds the
 * functions the linker put in the image, which only the finished link
 * knows. So, as Linux builds kallsyms: the first link tells how many
 * functions and how many bytes of names; a second link adds a zeroed table
 * of exactly that size; the second image's own .symtab (the same functions,
 * shifted by the table) then fills it in place. An image linked without a
 * symbol table (-s) gets no table: its reports print addresses only.
 *
 * Table: u32 count, u32 names size, then count entries {u64 address, u32
 * size, u32 name offset} sorted by address, then the NUL-terminated names.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ukcc.h"

#define ENTRY_SIZE 16

struct image {
    unsigned char *file;
    size_t size;
    const Elf64_Sym *syms;
    size_t nsyms;
    const char *names;
    size_t names_size;
};

struct func {
    uint64_t addr;
    uint32_t size;
    const char *name;
};

static bool image_read(const char *path, struct image *im)
{
    const Elf64_Ehdr *eh;
    const Elf64_Shdr *sh;
    struct stat st;
    int fd = open(path, O_RDONLY);

    memset(im, 0, sizeof *im);
    if (fd < 0 || fstat(fd, &st) ||
        !(im->file = malloc((size_t)st.st_size + 1)) ||
        read(fd, im->file, (size_t)st.st_size) != st.st_size)
        die("%s: cannot read the linked image", path);
    close(fd);
    im->size = (size_t)st.st_size;
    eh = (const Elf64_Ehdr *)im->file;
    if (im->size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_shoff > im->size ||
        eh->e_shnum > (im->size - eh->e_shoff) / sizeof *sh)
        die("%s: not an ELF64 image", path);
    sh = (const Elf64_Shdr *)(im->file + eh->e_shoff);
    for (size_t i = 0; i < eh->e_shnum; i++) {
        const Elf64_Shdr *str = &sh[sh[i].sh_link];

        if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum ||
            sh[i].sh_offset + sh[i].sh_size > im->size ||
            str->sh_offset + str->sh_size > im->size || !str->sh_size)
            continue;
        im->syms = (const Elf64_Sym *)(im->file + sh[i].sh_offset);
        im->nsyms = sh[i].sh_size / sizeof *im->syms;
        im->names = (const char *)im->file + str->sh_offset;
        im->names_size = str->sh_size;
        return true;
    }
    return false; /* stripped */
}

static int by_addr(const void *a, const void *b)
{
    const struct func *x = a, *y = b;

    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return strcmp(x->name, y->name); /* the same order on every run */
}

/* The image's named functions, sorted; *names gets their names' bytes. */
static struct func *functions(const struct image *im, size_t *n, size_t *names)
{
    struct func *f = calloc(im->nsyms + 1, sizeof *f);

    if (!f)
        die("out of memory");
    *n = *names = 0;
    for (size_t i = 0; i < im->nsyms; i++) {
        const Elf64_Sym *s = &im->syms[i];

        if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || !s->st_value ||
            s->st_shndx == SHN_UNDEF || s->st_name >= im->names_size ||
            !im->names[s->st_name])
            continue;
        f[*n].addr = s->st_value;
        f[*n].size =
            s->st_size > UINT32_MAX ? UINT32_MAX : (uint32_t)s->st_size;
        f[*n].name = im->names + s->st_name;
        *names += strlen(f[*n].name) + 1;
        (*n)++;
    }
    qsort(f, *n, sizeof *f, by_addr);
    return f;
}

/* Where in the file __ukcc_symtab's bytes are, or 0. */
static size_t table_offset(const struct image *im)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)im->file;
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(im->file + eh->e_shoff);

    for (size_t i = 0; i < im->nsyms; i++) {
        const Elf64_Sym *s = &im->syms[i];

        if (s->st_name >= im->names_size ||
            strcmp(im->names + s->st_name, "__ukcc_symtab") ||
            s->st_shndx == SHN_UNDEF || s->st_shndx >= eh->e_shnum)
            continue;
        if (sh[s->st_shndx].sh_type != SHT_PROGBITS)
            return 0;
        return sh[s->st_shndx].sh_offset +
               (s->st_value - sh[s->st_shndx].sh_addr);
    }
    return 0;
}

static void put32(unsigned char *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static void put64(unsigned char *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

/* the zeroed table, as an object for the second link */
static char *table_object(const struct invocation *inv,
                          const struct toolchain *tc, size_t n, size_t names)
{
    struct strvec cmd = {0};
    char *src, *obj;
    FILE *f;

    if (asprintf(&src, "%s/ukcc-symtab.s", temp_dir()) < 0 ||
        asprintf(&obj, "%s/ukcc-symtab.o", temp_dir()) < 0)
        die("out of memory");
    temp_register(src);
    if (!(f = fopen(src, "w")))
        die("%s: cannot write", src);
    fprintf(f,
            "\t.section .rodata.ukcc_symtab,\"a\",@progbits\n"
            "\t.balign 8\n\t.globl __ukcc_symtab\n"
            "\t.type __ukcc_symtab, @object\n"
            "__ukcc_symtab:\n\t.zero %zu\n"
            "\t.size __ukcc_symtab, . - __ukcc_symtab\n",
            8 + n * ENTRY_SIZE + names);
    if (fclose(f))
        die("%s: cannot write", src);
    toolchain_assemble(tc, src, obj, &cmd);
    temp_register(obj);
    if (inv->verbose)
        command_print(&cmd);
    command_must_run(&cmd);
    return obj;
}

int symtab_link(const struct invocation *inv, const struct toolchain *tc,
                struct strvec *link, const char *output)
{
    struct image im;
    struct func *f;
    size_t n, names, n2, names2, at, len, pos = 0;
    unsigned char *table;
    int status, fd;

    if (!image_read(output, &im))
        return 0; /* -s: addresses only */
    f = functions(&im, &n, &names);
    free(f);
    free(im.file);
    if (n == 0 || n > UINT32_MAX / ENTRY_SIZE || names > UINT32_MAX)
        return 0;
    sv_push(link, table_object(inv, tc, n, names));
    if (inv->verbose)
        command_print(link);
    if ((status = command_run(link)))
        return status;
    if (!image_read(output, &im) || !(at = table_offset(&im)))
        die("%s: the second link lost its symbol table", output);
    f = functions(&im, &n2, &names2);
    if (n2 != n || names2 != names)
        die("%s: the second link has other functions than the first", output);
    len = 8 + n * ENTRY_SIZE + names;
    if (at + len > im.size || !(table = calloc(1, len)))
        die("%s: no room for the symbol table", output);
    put32(table, (uint32_t)n);
    put32(table + 4, (uint32_t)names);
    for (size_t i = 0; i < n; i++) {
        unsigned char *e = table + 8 + i * ENTRY_SIZE;
        size_t l = strlen(f[i].name) + 1;

        put64(e, f[i].addr);
        put32(e + 8, f[i].size);
        put32(e + 12, (uint32_t)pos);
        memcpy(table + 8 + n * ENTRY_SIZE + pos, f[i].name, l);
        pos += l;
    }
    if ((fd = open(output, O_WRONLY)) < 0 ||
        pwrite(fd, table, len, (off_t)at) != (ssize_t)len || close(fd))
        die("%s: cannot write the symbol table", output);
    free(table);
    free(f);
    free(im.file);
    return 0;
}
