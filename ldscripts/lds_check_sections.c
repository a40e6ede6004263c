/* lds_check_sections.c - sections against segment permissions, PT_TLS. */
#include "lds_int.h"

static int is_tbss(const Elf64_Shdr *s)
{
    return (s->sh_flags & SHF_TLS) && s->sh_type == SHT_NOBITS;
}

/* Code must be executable, data must not be; writable iff SHF_WRITE. */
static int perms(const struct lds_elf *e, const Elf64_Shdr *s, char *why,
                 size_t len)
{
    const char *name = lds_elf_section_name(e, s);
    const Elf64_Phdr *p = lds_elf_load_at(e, s->sh_addr, s->sh_size);
    int x = (s->sh_flags & SHF_EXECINSTR) != 0;
    int w = (s->sh_flags & SHF_WRITE) != 0;

    if (!p) {
        lds_why(why, len,
                "section %s (0x%llx, 0x%llx bytes) is not inside "
                "one loaded segment",
                name, (unsigned long long)s->sh_addr,
                (unsigned long long)s->sh_size);
        return 1;
    }
    if (x != !!(p->p_flags & PF_X) || w != !!(p->p_flags & PF_W)) {
        lds_why(why, len,
                "section %s (%s%s) is in segment LOAD at 0x%llx "
                "with flags %s%s%s: permissions cross a segment boundary",
                name, w ? "writable" : "read-only", x ? " code" : " data",
                (unsigned long long)p->p_vaddr, p->p_flags & PF_R ? "R" : "",
                p->p_flags & PF_W ? "W" : "", p->p_flags & PF_X ? "X" : "");
        return 1;
    }
    return 0;
}

static const Elf64_Phdr *tls_phdr(const struct lds_elf *e)
{
    size_t i;

    for (i = 0; i < e->phnum; i++)
        if (e->phdr[i].p_type == PT_TLS)
            return &e->phdr[i];
    return NULL;
}

/*
 * Every TLS section inside PT_TLS (.tdata in its file part, .tbss in its
 * memory size), and nothing else inside the file part.
 */
static int tls(const struct lds_elf *e, const Elf64_Shdr *s, char *why,
               size_t len)
{
    const Elf64_Phdr *t = tls_phdr(e);
    const char *name = lds_elf_section_name(e, s);
    unsigned long long end;

    if (!(s->sh_flags & SHF_TLS)) {
        if (t && s->sh_size && s->sh_addr < t->p_vaddr + t->p_filesz &&
            s->sh_addr + s->sh_size > t->p_vaddr) {
            lds_why(why, len, "section %s is inside PT_TLS but is not TLS",
                    name);
            return 1;
        }
        return 0;
    }
    end = t ? t->p_vaddr + (is_tbss(s) ? t->p_memsz : t->p_filesz) : 0;
    if (!t || s->sh_addr < t->p_vaddr || s->sh_addr + s->sh_size > end) {
        lds_why(why, len,
                "TLS section %s (0x%llx, 0x%llx bytes) is not "
                "covered by PT_TLS (MemSiz 0x%llx): threads would get a "
                "short TLS block",
                name, (unsigned long long)s->sh_addr,
                (unsigned long long)s->sh_size,
                t ? (unsigned long long)t->p_memsz : 0ULL);
        return 1;
    }
    return 0;
}

int lds_check_sections(const struct lds_elf *e, char *why, size_t len)
{
    size_t i;

    for (i = 1; i < e->shnum; i++) {
        const Elf64_Shdr *s = &e->shdr[i];

        if (!(s->sh_flags & SHF_ALLOC) || s->sh_size == 0)
            continue;
        if (tls(e, s, why, len))
            return 1;
        /* .tbss takes no address space of its own in the image. */
        if (!is_tbss(s) && perms(e, s, why, len))
            return 1;
    }
    return 0;
}
