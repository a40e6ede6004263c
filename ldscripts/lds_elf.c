/* lds_elf.c - read a linked image into memory for lds_check_image(). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lds_int.h"

/* Images are a few MiB; refuse absurd files rather than exhaust memory. */
#define MAX_IMAGE (1ULL << 30)

static int slurp(struct lds_elf *e, const char *path, char *why, size_t len)
{
    FILE *f = fopen(path, "rb");
    long n;

    if (!f) {
        int err = errno;
        lds_why(why, len, "cannot open: %s", strerror(err));
        return -err;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        lds_why(why, len, "cannot determine the file size");
        return -EIO;
    }
    if ((unsigned long long)n > MAX_IMAGE || n == 0) {
        fclose(f);
        lds_why(why, len, "file size %ld is not that of an image", n);
        return 1;
    }
    e->size = (size_t)n;
    e->data = malloc(e->size);
    if (!e->data || fread(e->data, 1, e->size, f) != e->size) {
        fclose(f);
        lds_why(why, len, "cannot read the file");
        return e->data ? -EIO : -ENOMEM;
    }
    fclose(f);
    return 0;
}

const unsigned char *lds_elf_bytes(const struct lds_elf *e,
                                   unsigned long long off,
                                   unsigned long long len)
{
    if (off > e->size || len > e->size - off)
        return NULL;
    return e->data + off;
}

/* A table of n entries of size sz at off, 8-byte aligned and in bounds. */
static const void *table(const struct lds_elf *e, unsigned long long off,
                         unsigned long long n, size_t sz)
{
    if (off % 8 != 0 || n > MAX_IMAGE / sz)
        return NULL;
    return lds_elf_bytes(e, off, n * sz);
}

static int parse(struct lds_elf *e, char *why, size_t len)
{
    const Elf64_Ehdr *h = (const Elf64_Ehdr *)e->data;

    if (e->size < sizeof(*h) || memcmp(h->e_ident, ELFMAG, SELFMAG) != 0 ||
        h->e_ident[EI_CLASS] != ELFCLASS64 ||
        h->e_ident[EI_DATA] != ELFDATA2LSB || h->e_machine != EM_X86_64) {
        lds_why(why, len, "not an x86-64 ELF64 little-endian file");
        return 1;
    }
    if (h->e_type != ET_EXEC) {
        lds_why(why, len,
                "ELF type %u is not ET_EXEC (a static, "
                "non-PIE executable)",
                h->e_type);
        return 1;
    }
    e->ehdr = h;
    e->phnum = h->e_phnum;
    e->phdr = table(e, h->e_phoff, e->phnum, sizeof(Elf64_Phdr));
    if (!e->phdr || h->e_phentsize != sizeof(Elf64_Phdr) || !e->phnum) {
        lds_why(why, len, "program header table missing or malformed");
        return 1;
    }
    if (h->e_shnum == 0)
        return 0;
    e->shdr = table(e, h->e_shoff, h->e_shnum, sizeof(Elf64_Shdr));
    if (!e->shdr || h->e_shentsize != sizeof(Elf64_Shdr) ||
        h->e_shstrndx >= h->e_shnum) {
        lds_why(why, len, "section header table malformed");
        return 1;
    }
    e->shnum = h->e_shnum;
    e->shstrsize = e->shdr[h->e_shstrndx].sh_size;
    e->shstr = (const char *)lds_elf_bytes(e, e->shdr[h->e_shstrndx].sh_offset,
                                           e->shstrsize);
    if (!e->shstr)
        e->shstrsize = 0;
    return 0;
}

int lds_elf_open(struct lds_elf *e, const char *path, char *why, size_t len)
{
    int err;

    memset(e, 0, sizeof(*e));
    err = slurp(e, path, why, len);
    if (err == 0)
        err = parse(e, why, len);
    if (err != 0)
        lds_elf_close(e);
    return err;
}

void lds_elf_close(struct lds_elf *e)
{
    free(e->data);
    memset(e, 0, sizeof(*e));
}

const char *lds_elf_section_name(const struct lds_elf *e, const Elf64_Shdr *sh)
{
    size_t i;

    if (sh->sh_name >= e->shstrsize)
        return "?";
    for (i = sh->sh_name; i < e->shstrsize; i++)
        if (e->shstr[i] == '\0')
            return e->shstr + sh->sh_name;
    return "?";
}

/* The PT_LOAD whose memory image holds [addr, addr + size), or NULL. */
const Elf64_Phdr *lds_elf_load_at(const struct lds_elf *e,
                                  unsigned long long addr,
                                  unsigned long long size)
{
    size_t i;

    for (i = 0; i < e->phnum; i++) {
        const Elf64_Phdr *p = &e->phdr[i];

        if (p->p_type == PT_LOAD && addr >= p->p_vaddr &&
            addr - p->p_vaddr <= p->p_memsz &&
            size <= p->p_memsz - (addr - p->p_vaddr))
            return p;
    }
    return NULL;
}
