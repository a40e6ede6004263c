/* ELFNOTE(type, directive...): one "Xen" note in .note.Xen, which the
 * linker gives its own PT_NOTE segment (Xen, libxl and QEMU read those). */
#ifndef ELFNOTE_H
#define ELFNOTE_H

#define ELFNOTE(type, desc...)                                               \
    .pushsection .note.Xen, "a", @note;                                      \
    .p2align 2;                                                              \
    .long 2f - 1f;                                                           \
    .long 4f - 3f;                                                           \
    .long type;                                                              \
1:  .asciz "Xen";                                                            \
2:  .p2align 2;                                                              \
3:  desc;                                                                    \
4:  .p2align 2;                                                              \
    .popsection

#endif
