#ifndef WC_H
#define WC_H
#include <stddef.h>

struct counts {
    size_t lines, words, bytes;
};

void counts_add(struct counts *c, const char *buf, size_t n, int *in_word);
char *format_counts(const struct counts *c); /* malloc'd */
#endif
