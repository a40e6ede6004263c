/* lds_check_xen.c - the unloadable PT_INTERP and the Xen ELF notes. */
#include <string.h>

#include "lds_int.h"

static int interp(const struct lds_elf *e, const char *want, char *why,
                  size_t len)
{
    const unsigned char *s;
    size_t i;

    for (i = 0; i < e->phnum; i++) {
        const Elf64_Phdr *p = &e->phdr[i];

        if (p->p_type != PT_INTERP)
            continue;
        s = lds_elf_bytes(e, p->p_offset, p->p_filesz);
        if (s && p->p_filesz == strlen(want) + 1 &&
            memcmp(s, want, p->p_filesz) == 0)
            return 0;
        break;
    }
    lds_why(why, len,
            "PT_INTERP is not \"%s\": the host could try to run "
            "this Xen image",
            want);
    return 1;
}

/*
 * Find the "Xen" note of the given type in any PT_NOTE.  Fields are padded
 * to 4 bytes (Xen's libelf); QEMU pads to p_align, so that must be 4 too.
 */
static const unsigned char *note(const struct lds_elf *e, unsigned int type,
                                 Elf64_Word *descsz)
{
    size_t i;

    for (i = 0; i < e->phnum; i++) {
        const Elf64_Phdr *p = &e->phdr[i];
        const unsigned char *b = lds_elf_bytes(e, p->p_offset, p->p_filesz);
        unsigned long long off = 0;

        if (p->p_type != PT_NOTE || !b)
            continue;
        while (off + sizeof(Elf64_Nhdr) <= p->p_filesz) {
            Elf64_Nhdr h;
            unsigned long long name = off + sizeof(h), desc;

            memcpy(&h, b + off, sizeof(h));
            desc = name + ((h.n_namesz + 3ULL) & ~3ULL);
            off = desc + ((h.n_descsz + 3ULL) & ~3ULL);
            if (off > p->p_filesz)
                break;
            if (h.n_type == type && h.n_namesz == 4 &&
                memcmp(b + name, "Xen", 4) == 0) {
                *descsz = h.n_descsz;
                return b + desc;
            }
        }
    }
    return NULL;
}

static int aligned(const struct lds_elf *e, char *why, size_t len)
{
    size_t i;

    for (i = 0; i < e->phnum; i++) {
        const Elf64_Phdr *p = &e->phdr[i];

        if (p->p_type == PT_NOTE && p->p_align != 4) {
            lds_why(why, len,
                    "segment %zu (NOTE) is aligned to %llu, not 4: "
                    "QEMU pads note fields to it and would misread them",
                    i, (unsigned long long)p->p_align);
            return 1;
        }
    }
    return 0;
}

static int number(const struct lds_elf *e, const struct lds_note *n,
                  unsigned long long v, char *why, size_t len)
{
    const Elf64_Phdr *p;

    switch (n->expect) {
    case LDS_EXPECT_CONST:
        if (v == n->value)
            return 0;
        lds_why(why, len, "Xen note %s is 0x%llx, expected 0x%llx", n->name, v,
                n->value);
        return 1;
    case LDS_EXPECT_ENTRY:
    case LDS_EXPECT_ENTRY32:
        if (v == e->ehdr->e_entry &&
            (n->expect == LDS_EXPECT_ENTRY || v < (1ULL << 32)))
            return 0;
        lds_why(why, len,
                "Xen note %s is 0x%llx, but the entry point is "
                "0x%llx%s",
                n->name, v, (unsigned long long)e->ehdr->e_entry,
                n->expect == LDS_EXPECT_ENTRY32 ? " (and must be below 4 GiB)"
                                                : "");
        return 1;
    case LDS_EXPECT_PAGE:
        p = lds_elf_load_at(e, v, LDS_PAGE_SIZE);
        if (v % LDS_PAGE_SIZE == 0 && p && (p->p_flags & PF_X))
            return 0;
        lds_why(why, len,
                "Xen note %s is 0x%llx, not a page inside an "
                "executable segment",
                n->name, v);
        return 1;
    }
    return 1;
}

static int value(const struct lds_elf *e, const struct lds_note *n, char *why,
                 size_t len)
{
    Elf64_Word size = 0;
    const unsigned char *d = note(e, n->type, &size);
    unsigned long long v;

    if (!d) {
        lds_why(why, len, "Xen note %s (type %u) is missing", n->name, n->type);
        return 1;
    }
    if (n->str) {
        if (size == strlen(n->str) + 1 && memcmp(d, n->str, size) == 0)
            return 0;
        lds_why(why, len, "Xen note %s is not \"%s\"", n->name, n->str);
        return 1;
    }
    if (size != 8) {
        lds_why(why, len,
                "Xen note %s has a %u-byte descriptor, not 8 "
                "(QEMU reads 8 bytes for ELF64)",
                n->name, size);
        return 1;
    }
    memcpy(&v, d, 8);
    return number(e, n, v, why, len);
}

int lds_check_xen(const struct lds_elf *e, const struct lds_target *t,
                  char *why, size_t len)
{
    size_t i;

    if (t->interp && interp(e, t->interp, why, len))
        return 1;
    if (t->nnotes && aligned(e, why, len))
        return 1;
    for (i = 0; i < t->nnotes; i++)
        if (value(e, &t->notes[i], why, len))
            return 1;
    return 0;
}
