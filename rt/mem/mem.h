/* rt/mem internals shared by mmap.c and filemap.c. */
#ifndef UKCC_MEM_H
#define UKCC_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* mmap.c: anonymous pages at hint (or anywhere; MAP_FIXED honoured), and
 * permissions where the platform has page tables */
long rt_mmap_anon(uintptr_t hint, size_t len, int prot, int flags);
void rt_mem_protect(uintptr_t addr, size_t len, int prot);
bool rt_mem_may_take(size_t more); /* RLIMIT_AS allows more bytes */

/* filemap.c: mappings of files, and the shared ones' records */
long rt_mmap_file(uintptr_t hint, size_t len, int prot, int flags, int fd,
                  off_t off);
bool rt_filemap_overlaps(uintptr_t addr, size_t len);
bool rt_filemap_unmap(uintptr_t addr, size_t len,
                      void (*free_rest)(uintptr_t addr, size_t len));

#endif
