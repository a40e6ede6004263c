/* lds_write_posix.c - the posix target: lld's layout plus ukcc's parts. */
#include "lds_int.h"

/*
 * posix must stay an ordinary static executable: lld's default layout
 * already gets the segments, PT_TLS, PT_PHDR and the init arrays right,
 * and a full layout would have to track every section musl or the user
 * brings.  So this script is additive: its SECTIONS block is INSERTed
 * into the default layout (a script with only INSERT commands keeps it),
 * and the symbols refer to ones lld defines when they are referenced.
 * The anchor is .text because every image has one (crt1.o); .rodata may
 * be missing, and INSERT fails if its anchor is.
 */
int lds_write_posix(FILE *out, const struct lds_target *t,
                    const struct lds_sizes *s)
{
    lds_write_header(out, t, s);
    fprintf(out, "SECTIONS\n{\n");
    lds_write_embed(out, "");
    lds_write_rodata_extra(out, s, "");
    fprintf(out, "}\nINSERT BEFORE .text;\n\n");
    fprintf(out,
            "__ukcc_image_start = __ehdr_start;\n"
            "__ukcc_ehdr = __ehdr_start;\n"
            "__ukcc_image_end = _end;\n"
            "__ukcc_bss_start = __bss_start;\n"
            "__ukcc_bss_end = _end;\n"
            "__ukcc_heap_start = ALIGN(_end, 0x%llx);\n"
            "/* The host kernel provides the stack. */\n"
            "__ukcc_stack_bottom = 0;\n"
            "__ukcc_stack_top = 0;\n",
            LDS_PAGE_SIZE);
    return 0;
}
