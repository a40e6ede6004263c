/* lds_memory.c - lds_image_memory(): how far a linked image reaches. */
#include "lds_int.h"

int lds_image_memory(const char *path, unsigned long long *bytes, char *why,
                     size_t whylen)
{
    struct lds_elf e;
    unsigned long long end = 0;
    int err = lds_elf_open(&e, path, why, whylen);

    if (err)
        return err;
    for (size_t i = 0; i < e.phnum; i++) {
        const Elf64_Phdr *p = &e.phdr[i];

        if (p->p_type != PT_LOAD)
            continue;
        if (p->p_memsz > ~0ULL - p->p_paddr) {
            lds_why(why, whylen, "a PT_LOAD wraps around the address space");
            err = 1;
            break;
        }
        if (p->p_paddr + p->p_memsz > end)
            end = p->p_paddr + p->p_memsz;
    }
    lds_elf_close(&e);
    if (!err)
        *bytes = end;
    return err;
}
