/* lds_check_segments.c - W^X, page sharing, page 0, loaded headers. */
#include <string.h>

#include "lds_int.h"

#define PAGE LDS_PAGE_SIZE

static const char *type_name(unsigned int type)
{
    switch (type) {
    case PT_LOAD: return "LOAD";
    case PT_GNU_STACK: return "GNU_STACK";
    case PT_TLS: return "TLS";
    case PT_NOTE: return "NOTE";
    case PT_PHDR: return "PHDR";
    case PT_INTERP: return "INTERP";
    default: return "segment";
    }
}

static const char *perms(unsigned int f)
{
    static const char *names[] = {"none", "X",   "W",   "W+X",
                                  "R",    "R+X", "R+W", "R+W+X"};
    return names[f & 7];
}

/* Names of the allocated sections inside p, for messages. */
static void contents(const struct lds_elf *e, const Elf64_Phdr *p, char *buf,
                     size_t len)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 1; i < e->shnum && used + 1 < len; i++) {
        const Elf64_Shdr *s = &e->shdr[i];

        if (!(s->sh_flags & SHF_ALLOC) || s->sh_addr < p->p_vaddr ||
            s->sh_addr >= p->p_vaddr + p->p_memsz)
            continue;
        used += (size_t)snprintf(buf + used, len - used, "%s%s",
                                 used ? " " : "", lds_elf_section_name(e, s));
    }
    if (!buf[0])
        snprintf(buf, len, "no sections");
}

static int wx(const struct lds_elf *e, size_t i, char *why, size_t len)
{
    const Elf64_Phdr *p = &e->phdr[i];
    char what[160];

    if (p->p_type != PT_LOAD && p->p_type != PT_GNU_STACK)
        return 0;
    if ((p->p_flags & (PF_W | PF_X)) != (PF_W | PF_X))
        return 0;
    contents(e, p, what, sizeof(what));
    lds_why(why, len,
            "segment %zu (%s at 0x%llx) is writable and "
            "executable (W^X), holding %s; link with ukcc's script, without "
            "-N or -z execstack",
            i, type_name(p->p_type), (unsigned long long)p->p_vaddr, what);
    return 1;
}

/*
 * The runtime gives each PT_LOAD its own page permissions. A loader that
 * maps the file (Linux) needs page alignment and the file offset congruent
 * to the address; one that copies (t->copied) needs only that the segment
 * start a page, as the file may be packed (ld.lld -n).
 */
static int placed(const struct lds_elf *e, const struct lds_target *t, size_t i,
                  char *why, size_t len)
{
    const Elf64_Phdr *p = &e->phdr[i];

    if (p->p_type != PT_LOAD)
        return 0;
    if (t->copied
            ? p->p_vaddr % PAGE != 0
            : p->p_align < PAGE || p->p_vaddr % PAGE != p->p_offset % PAGE) {
        lds_why(why, len,
                "segment %zu (LOAD at 0x%llx, offset 0x%llx) is "
                "aligned to 0x%llx, not to a %llu-byte page: the runtime "
                "cannot map it on its own",
                i, (unsigned long long)p->p_vaddr,
                (unsigned long long)p->p_offset, (unsigned long long)p->p_align,
                PAGE);
        return 1;
    }
    if (p->p_memsz && p->p_vaddr < PAGE) {
        lds_why(why, len,
                "segment %zu (LOAD at 0x%llx) maps page 0, which "
                "must stay unmapped so that NULL pointers fault",
                i, (unsigned long long)p->p_vaddr);
        return 1;
    }
    return 0;
}

/* Two PT_LOADs with different permissions may not touch the same page. */
static int shared(const struct lds_elf *e, size_t i, char *why, size_t len)
{
    const Elf64_Phdr *a = &e->phdr[i];
    size_t j;

    for (j = i + 1; j < e->phnum && a->p_type == PT_LOAD; j++) {
        const Elf64_Phdr *b = &e->phdr[j];
        unsigned long long a0 = a->p_vaddr / PAGE;
        unsigned long long a1 = (a->p_vaddr + a->p_memsz + PAGE - 1) / PAGE;
        unsigned long long b0 = b->p_vaddr / PAGE;
        unsigned long long b1 = (b->p_vaddr + b->p_memsz + PAGE - 1) / PAGE;

        if (b->p_type != PT_LOAD || !a->p_memsz || !b->p_memsz ||
            a->p_flags == b->p_flags || a1 <= b0 || b1 <= a0)
            continue;
        lds_why(why, len,
                "segments %zu (LOAD %s at 0x%llx) and %zu (LOAD %s "
                "at 0x%llx) share a page, so it cannot be mapped W^X",
                i, perms(a->p_flags), (unsigned long long)a->p_vaddr, j,
                perms(b->p_flags), (unsigned long long)b->p_vaddr);
        return 1;
    }
    return 0;
}

static const Elf64_Phdr *find(const struct lds_elf *e, unsigned int type)
{
    size_t i;

    for (i = 0; i < e->phnum; i++)
        if (e->phdr[i].p_type == type)
            return &e->phdr[i];
    return NULL;
}

/*
 * musl finds PT_TLS through AT_PHDR, so the program headers must be in
 * memory: a PT_PHDR inside a PT_LOAD, at the same file offset.
 */
static int headers(const struct lds_elf *e, char *why, size_t len)
{
    const Elf64_Phdr *ph = find(e, PT_PHDR), *load;

    if (!ph) {
        lds_why(why, len,
                "no PT_PHDR: the program headers are not loaded, "
                "and musl finds PT_TLS through AT_PHDR");
        return 1;
    }
    load = lds_elf_load_at(e, ph->p_vaddr, ph->p_memsz);
    if (!load || ph->p_offset != e->ehdr->e_phoff ||
        ph->p_vaddr - load->p_vaddr != ph->p_offset - load->p_offset) {
        lds_why(why, len,
                "PT_PHDR (at 0x%llx) is not inside a loaded "
                "segment at its file offset",
                (unsigned long long)ph->p_vaddr);
        return 1;
    }
    return 0;
}

static int entry(const struct lds_elf *e, char *why, size_t len)
{
    unsigned long long at = e->ehdr->e_entry;
    const Elf64_Phdr *load = lds_elf_load_at(e, at, 1);

    if (!load || !(load->p_flags & PF_X)) {
        lds_why(why, len,
                "entry point 0x%llx is not in an executable "
                "segment",
                at);
        return 1;
    }
    if (!find(e, PT_GNU_STACK)) {
        lds_why(why, len,
                "no PT_GNU_STACK: Linux would make the stack "
                "executable");
        return 1;
    }
    return 0;
}

int lds_check_segments(const struct lds_elf *e, const struct lds_target *t,
                       char *why, size_t len)
{
    size_t i;

    for (i = 0; i < e->phnum; i++)
        if (wx(e, i, why, len) || placed(e, t, i, why, len) ||
            shared(e, i, why, len))
            return 1;
    if (headers(e, why, len) || entry(e, why, len))
        return 1;
    return 0;
}
