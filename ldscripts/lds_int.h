/* lds_int.h - internals shared by the generator's files (see lds.h). */
#ifndef UKCC_LDS_INT_H
#define UKCC_LDS_INT_H

#include <elf.h>

#include "lds.h"

/* What a numeric Xen note must hold in a linked image. */
enum lds_expect {
    LDS_EXPECT_CONST,   /* exactly lds_note.value */
    LDS_EXPECT_ENTRY,   /* the image's e_entry */
    LDS_EXPECT_ENTRY32, /* e_entry, below 4 GiB (32-bit entry) */
    LDS_EXPECT_PAGE,    /* a page-aligned address in an executable segment */
};

/* One Xen ELF note ("Xen" owner): a string or a 64-bit number. */
struct lds_note {
    unsigned int type;        /* XEN_ELFNOTE_* */
    const char *name;         /* for scripts and messages */
    const char *str;          /* string value, or NULL if numeric */
    const char *expr;         /* numeric: linker-script expression */
    enum lds_expect expect;   /* numeric: what the checker accepts */
    unsigned long long value; /* numeric LDS_EXPECT_CONST value */
};

/* Stack and heap limits after defaults and rounding. */
struct lds_sizes {
    unsigned long long stack_size;
    unsigned long long heap_max;
};

struct lds_target {
    const char *name;
    const char *summary; /* one line for the script header */
    int (*write)(FILE *out, const struct lds_target *t,
                 const struct lds_sizes *s);
    unsigned long long load_addr; /* 0: the linker's default */
    const char *entry;            /* entry symbol, NULL: the linker's */
    const char *interp;           /* PT_INTERP path, NULL: none */
    const struct lds_note *notes;
    size_t nnotes;
    unsigned long long stack_default;
    /* Its loaders copy each segment from its file offset (Xen's libelf,
     * QEMU -kernel) rather than map it, so offsets need not be congruent
     * to addresses: ukcc links it with -n and the file has no padding. */
    int copied;
};

/* lds_options.c */
int lds_options_resolve(const struct lds_options *o, const struct lds_target *t,
                        struct lds_sizes *s);

/* lds_write_common.c: pieces every layout shares. */
void lds_write_header(FILE *out, const struct lds_target *t,
                      const struct lds_sizes *s);
void lds_write_embed(FILE *out, const char *phdr);
void lds_write_rodata_extra(FILE *out, const struct lds_sizes *s,
                            const char *phdr);

/* lds_write_posix.c, lds_write_xen.c: one layout each. */
int lds_write_posix(FILE *out, const struct lds_target *t,
                    const struct lds_sizes *s);
int lds_write_xen(FILE *out, const struct lds_target *t,
                  const struct lds_sizes *s);

/* lds_note.c: notes and PT_INTERP as linker-script data. */
void lds_note_write(FILE *out, const struct lds_note *n);
void lds_interp_write(FILE *out, const char *path);

/* An ELF64 file read into memory; headers already bounds-checked. */
struct lds_elf {
    unsigned char *data;
    size_t size;
    const Elf64_Ehdr *ehdr;
    const Elf64_Phdr *phdr;
    size_t phnum;
    const Elf64_Shdr *shdr; /* NULL if the file has no sections */
    size_t shnum;
    const char *shstr;
    size_t shstrsize;
};

/* lds_elf.c */
int lds_elf_open(struct lds_elf *e, const char *path, char *why, size_t len);
void lds_elf_close(struct lds_elf *e);
const unsigned char *lds_elf_bytes(const struct lds_elf *e,
                                   unsigned long long off,
                                   unsigned long long len);
const char *lds_elf_section_name(const struct lds_elf *e, const Elf64_Shdr *sh);
const Elf64_Phdr *lds_elf_load_at(const struct lds_elf *e,
                                  unsigned long long addr,
                                  unsigned long long size);

/* lds_check.c: store a one-line reason in why (len bytes). */
void lds_why(char *why, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* lds_check_*.c: one family of checks each; 0 or 1 with why filled. */
int lds_check_segments(const struct lds_elf *e, const struct lds_target *t,
                       char *why, size_t len);
int lds_check_sections(const struct lds_elf *e, char *why, size_t len);
int lds_check_xen(const struct lds_elf *e, const struct lds_target *t,
                  char *why, size_t len);

#endif
