/* lds_note.c - Xen ELF notes and PT_INTERP written as script data. */
#include <string.h>

#include "lds_int.h"

/* Bytes of s and its NUL, zero-padded to a multiple of pad, 6 a line. */
static void bytes(FILE *out, const char *s, size_t pad)
{
    size_t n = strlen(s) + 1, i;

    n = (n + pad - 1) / pad * pad;
    for (i = 0; i < n; i++) {
        unsigned char c = i < strlen(s) ? (unsigned char)s[i] : 0;

        fprintf(out, "%sBYTE(0x%02x)", i % 6 ? " " : "        ", c);
        if (i % 6 == 5 || i + 1 == n)
            fputc('\n', out);
    }
}

/*
 * One note in the "Xen" namespace: namesz, descsz, type, the name padded
 * to 4 bytes, then the descriptor padded to 4 bytes.  The note section is
 * 4-byte aligned and so is every note in it, which is what Xen's libelf
 * and QEMU (which pads to the PT_NOTE's p_align) both expect.
 */
void lds_note_write(FILE *out, const struct lds_note *n)
{
    size_t descsz = n->str ? strlen(n->str) + 1 : 8;

    if (n->str)
        fprintf(out, "        /* %s (%u) = \"%s\" */\n", n->name, n->type,
                n->str);
    else
        fprintf(out, "        /* %s (%u) = %s, 8 bytes */\n", n->name, n->type,
                n->expr);
    fprintf(out, "        LONG(4) LONG(%zu) LONG(%u)\n", descsz, n->type);
    bytes(out, "Xen", 4);
    if (n->str)
        bytes(out, n->str, 4);
    else
        fprintf(out, "        QUAD(%s)\n", n->expr);
}

void lds_interp_write(FILE *out, const char *path)
{
    fprintf(out, "        /* \"%s\" */\n", path);
    bytes(out, path, 1);
}
