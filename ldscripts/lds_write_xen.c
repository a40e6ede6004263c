/* lds_write_xen.c - the full layout shared by xen-pvh and xen-pv. */
#include "lds_int.h"

/*
 * Why an explicit PHDRS block: lld 14 cannot give a section the SHT_NOTE
 * type from a script (TYPE= came in lld 15), and without PHDRS it makes
 * PT_NOTE only from SHT_NOTE sections, so notes written here as data
 * would not be found by Xen or QEMU.  With PHDRS, every section names its
 * headers explicitly (a section without them inherits the previous one's)
 * and .tbss names both :data and :tls: given only :data, lld 14 leaves it
 * out of PT_TLS (measured; see README.md).
 *
 * Segments, each page-aligned so the runtime can map them W^X:
 *   rodata  R    ELF and program headers, PT_INTERP, notes, read-only data
 *   text    R+X  code, then the hypercall page (NOBITS: not in the file)
 *   data    R+W  TLS images, init arrays, data, bss
 *   stack   R+W  the boot stack, one unloaded guard page above data
 *   embed   R    the embedded files, last: however large they are, the
 *                code, data and stack they follow lie in the first MiBs,
 *                so an image too big for its RAM still boots far enough
 *                to say so (memory.c) instead of running off its end
 */
static void phdrs(FILE *out)
{
    fprintf(out, "PHDRS\n{\n"
                 "    phdr PT_PHDR PHDRS;\n"
                 "    interp PT_INTERP;\n"
                 "    rodata PT_LOAD FILEHDR PHDRS FLAGS(4);\n"
                 "    note PT_NOTE FLAGS(4);\n"
                 "    text PT_LOAD FLAGS(5);\n"
                 "    data PT_LOAD FLAGS(6);\n"
                 "    stack PT_LOAD FLAGS(6);\n"
                 "    embed PT_LOAD FLAGS(4);\n"
                 "    tls PT_TLS FLAGS(4);\n"
                 "    gnustack PT_GNU_STACK FLAGS(6);\n"
                 "}\n\n");
}

static void rodata(FILE *out, const struct lds_target *t,
                   const struct lds_sizes *s)
{
    size_t i;

    fprintf(out,
            "    . = 0x%llx + SIZEOF_HEADERS;\n"
            "    __ukcc_image_start = 0x%llx;\n"
            "    __ukcc_ehdr = 0x%llx;\n\n"
            "    /* Unloadable interpreter: the host refuses to run this. */\n"
            "    .interp :\n    {\n",
            t->load_addr, t->load_addr, t->load_addr);
    lds_interp_write(out, t->interp);
    fprintf(out,
            "    } :rodata :interp\n"
            "    .note.xen : ALIGN(4)\n    {\n"
            "        /* An SHT_NOTE input (lld --build-id) makes this whole\n"
            "           section SHT_NOTE; Xen and QEMU use PT_NOTE. */\n"
            "        KEEP(*(.note.gnu.build-id))\n");
    for (i = 0; i < t->nnotes; i++)
        lds_note_write(out, &t->notes[i]);
    fprintf(out, "    } :rodata :note\n"
                 "    .rodata : { *(.rodata .rodata.*) } :rodata\n");
    lds_write_rodata_extra(out, s, " :rodata");
    fprintf(out, "    .eh_frame : { KEEP(*(.eh_frame)) } :rodata\n"
                 "    .gcc_except_table : { *(.gcc_except_table "
                 ".gcc_except_table.*) } :rodata\n\n");
}

static void text(FILE *out)
{
    fprintf(out,
            "    . = ALIGN(0x%llx);\n"
            "    .text :\n    {\n"
            "        *(.text.unlikely .text.unlikely.*)\n"
            "        *(.text.startup .text.startup.*)\n"
            "        *(.text .text.*)\n"
            "    } :text\n"
            "    .init : { KEEP(*(SORT_NONE(.init))) } :text\n"
            "    .fini : { KEEP(*(SORT_NONE(.fini))) } :text\n"
            "    /* Filled by Xen (PV) or via the hypercall MSR: NOBITS, last\n"
            "       in the text segment, so the file has no page of zeros. */\n"
            "    .ukcc.hypercall (NOLOAD) : ALIGN(0x%llx)\n    {\n"
            "        __ukcc_hypercall_page = .;\n"
            "        . += 0x%llx;\n"
            "    } :text\n\n",
            LDS_PAGE_SIZE, LDS_PAGE_SIZE, LDS_PAGE_SIZE);
}

static void data(FILE *out)
{
    fprintf(out,
            "    . = ALIGN(0x%llx);\n"
            "    .tdata : { *(.tdata .tdata.*) } :data :tls\n"
            "    .tbss : { *(.tbss .tbss.*) } :data :tls\n"
            "    .preinit_array : { KEEP(*(.preinit_array)) } :data\n"
            "    .init_array :\n    {\n"
            "        KEEP(*(SORT_BY_INIT_PRIORITY(.init_array.*)))\n"
            "        KEEP(*(.init_array))\n"
            "    } :data\n"
            "    .fini_array :\n    {\n"
            "        KEEP(*(SORT_BY_INIT_PRIORITY(.fini_array.*)))\n"
            "        KEEP(*(.fini_array))\n"
            "    } :data\n"
            "    .data : { *(.data .data.*) *(.data.rel.ro "
            ".data.rel.ro.*) } :data\n"
            "    .got : { *(.got) } :data\n"
            "    .got.plt : { *(.got.plt) } :data\n"
            "    .bss :\n    {\n"
            "        __ukcc_bss_start = .;\n"
            "        *(.bss .bss.*)\n"
            "        *(COMMON)\n"
            "        __ukcc_bss_end = .;\n"
            "    } :data\n\n",
            LDS_PAGE_SIZE);
}

static void stack(FILE *out, const struct lds_sizes *s)
{
    fprintf(out,
            "    /* One page in no PT_LOAD: a guard below the stack. */\n"
            "    . = ALIGN(0x%llx) + 0x%llx;\n"
            "    .ukcc.stack (NOLOAD) :\n    {\n"
            "        __ukcc_stack_bottom = .;\n"
            "        . += 0x%llx;\n"
            "        __ukcc_stack_top = .;\n"
            "    } :stack\n\n",
            LDS_PAGE_SIZE, LDS_PAGE_SIZE, s->stack_size);
}

static void embed(FILE *out)
{
    lds_write_embed(out, " :embed");
    fprintf(out,
            "    __ukcc_image_end = .;\n"
            "    __ukcc_heap_start = ALIGN(0x%llx);\n",
            LDS_PAGE_SIZE);
}

int lds_write_xen(FILE *out, const struct lds_target *t,
                  const struct lds_sizes *s)
{
    lds_write_header(out, t, s);
    fprintf(out, "OUTPUT_FORMAT(\"elf64-x86-64\")\nENTRY(%s)\n\n", t->entry);
    phdrs(out);
    fprintf(out, "SECTIONS\n{\n");
    rodata(out, t, s);
    text(out);
    data(out);
    stack(out, s);
    embed(out);
    fprintf(out, "}\n");
    return 0;
}
