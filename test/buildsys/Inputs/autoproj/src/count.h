#include <stddef.h>

/* Counts the words in s that are longer than min letters. */
size_t count_long_words(const char *s, size_t min);
