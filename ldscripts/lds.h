/*
 * lds.h - the ukcc linker-script generator and post-link image checker.
 *
 * One library serves every target: it describes where each target's image
 * lives in memory, writes the linker script ld.lld gets for it, and reads
 * the linked ELF back to check the properties the runtime relies on (W^X,
 * loaded program headers, complete PT_TLS, Xen notes).
 *
 * Error policy: calls return 0 on success or a negative errno value
 * (-EINVAL for a malformed argument, -ERANGE for a value out of range,
 * -EIO when the output stream fails).  lds_check_image() is the exception:
 * its job is to explain, so it returns nonzero with a one-line reason.
 * Nothing here allocates memory that the caller must free, and nothing
 * prints except to the FILE the caller passes.
 *
 * Targets and their layouts (details in ldscripts/README.md):
 *
 *   posix    a normal static Linux executable.  The script is additive:
 *            lld keeps its default layout and only inserts the ukcc
 *            sections and defines the ukcc symbols.
 *   xen-pvh  a full layout at 1 MiB physical, entered in 32-bit protected
 *            mode at _ukcc_pvh_start (XEN_ELFNOTE_PHYS32_ENTRY).
 *   xen-pv   a full layout at 1 MiB virtual with VIRT_BASE 0, entered in
 *            64-bit mode at _ukcc_pv_start (XEN_ELFNOTE_ENTRY).
 *
 * Both Xen images carry a PT_INTERP naming a file that does not exist
 * ("/nonexistent/ukcc/<target>"), so the host kernel refuses to run them
 * (ENOENT) and configure scripts notice that they are cross-compiling.
 *
 * Symbols every target's script defines (all addresses unless noted):
 *
 *   __ukcc_image_start   first byte of the loaded image; the ELF header is
 *                        loaded there, so it is also the ELF header.
 *   __ukcc_ehdr          same address, named for what it holds: read e_phoff
 *                        and e_phnum there to build AT_PHDR/AT_PHNUM (musl
 *                        finds PT_TLS through AT_PHDR).
 *   __ukcc_image_end     end of the last loaded byte (xen: after the
 *                        embedded files, which follow the stack).
 *   __ukcc_bss_start,
 *   __ukcc_bss_end       the zero-initialised data (.bss and COMMON).
 *   __ukcc_heap_start    first page-aligned address after the image.
 *   __ukcc_stack_bottom,
 *   __ukcc_stack_top     the boot stack (xen: NOBITS, page-aligned, with an
 *                        unloaded guard page below it; posix: both 0, the
 *                        host kernel provides the stack).
 *   __ukcc_stack_size    a read-only unsigned long long VARIABLE (not an
 *                        address): the stack size in bytes.
 *   __ukcc_heap_max      a read-only unsigned long long VARIABLE: the heap
 *                        limit in bytes, 0 for "all memory available".
 *   __ukcc_embed_start,
 *   __ukcc_embed_end     files embedded at link time: every input section
 *                        named .ukcc.embed or .ukcc.embed.* (the latter
 *                        sorted by name), kept even with --gc-sections,
 *                        read-only, 16-byte aligned.
 *
 * Xen targets add:
 *
 *   __ukcc_hypercall_page  a page-aligned 4 KiB page at the start of .text
 *                        (XEN_ELFNOTE_HYPERCALL_PAGE on PV; on PVH the
 *                        runtime writes its address to the hypercall MSR).
 *   _ukcc_pvh_start / _ukcc_pv_start  the entry symbols.  The script does
 *                        not define them; the target's boot code must.
 */
#ifndef UKCC_LDS_H
#define UKCC_LDS_H

#include <stddef.h>
#include <stdio.h>

/* Page size of every target; segments are aligned to it. */
#define LDS_PAGE_SIZE 4096ULL

/* Accepted ranges for struct lds_options (bytes, inclusive). */
#define LDS_STACK_MIN (16ULL << 10)
#define LDS_STACK_MAX (1ULL << 30)
#define LDS_HEAP_MIN  (64ULL << 10)
#define LDS_HEAP_MAX  (1ULL << 46)

/* Opaque per-target description; the library owns every instance. */
struct lds_target;

/*
 * Find a target by name: "posix", "xen-pvh" or "xen-pv" (exact match).
 * Returns a pointer valid for the life of the program, or NULL if the name
 * is unknown or NULL.
 */
const struct lds_target *lds_target_find(const char *name);

/* The target's name as lds_target_find() accepts it. */
const char *lds_target_name(const struct lds_target *t);

/*
 * Nonzero if the target's loaders copy segments from the file rather than
 * map them, so that lld may pack the file (ld.lld -n): no page padding.
 */
int lds_target_copied(const struct lds_target *t);

/*
 * Link-time choices.  Sizes are in bytes; 0 selects the target default.
 *
 * stack_size  the boot stack: LDS_STACK_MIN..LDS_STACK_MAX, rounded up to
 *             a page.  Default 1 MiB on Xen.  On posix the host provides
 *             the stack; the value (default 8 MiB) is only recorded in
 *             __ukcc_stack_size.
 * heap_max    the most memory the heap may take: LDS_HEAP_MIN..LDS_HEAP_MAX,
 *             rounded up to a page.  Default 0 in __ukcc_heap_max, meaning
 *             no limit beyond the memory the platform reports.
 *
 * A zero-initialised struct (or a NULL pointer) means all defaults.
 */
struct lds_options {
    unsigned long long stack_size;
    unsigned long long heap_max;
};

/*
 * Parse a size: decimal digits with an optional binary suffix K, M or G
 * (either case; 1K = 1024).  No sign, no spaces, no hexadecimal.
 * Stores the value in *out and returns 0; returns -EINVAL if text is not
 * of that form (*out untouched) or -ERANGE if the value overflows 64 bits.
 * Range limits are checked by lds_options_check(), not here.
 */
int lds_options_parse_size(const char *text, unsigned long long *out);

/*
 * Check o against the limits above.  Returns 0, or -ERANGE if a nonzero
 * field is outside its range.  o may be NULL (all defaults).
 */
int lds_options_check(const struct lds_options *o);

/*
 * Write the linker script for t with options o (NULL = defaults) to out.
 * Returns 0; -EINVAL if t is NULL; -ERANGE if lds_options_check() fails;
 * -EIO if writing to out fails.  The script is meant for
 *   ld.lld -static -nostdlib --no-pie -z norelro -T <script> ...
 * and, on Xen targets, needs the entry symbol from the target's boot code.
 */
int lds_write(FILE *out, const struct lds_target *t,
              const struct lds_options *o);

/*
 * Check the linked ELF image at path against what t's runtime needs:
 *  - an x86-64 ELF64 executable;
 *  - no PT_LOAD or PT_GNU_STACK both writable and executable (W^X), no two
 *    PT_LOADs with different permissions sharing a page, nothing loaded in
 *    page 0;
 *  - every allocated section inside a PT_LOAD whose permissions match it
 *    (code executable, read-only data not writable, and the reverse);
 *  - the program headers inside a loaded segment (PT_PHDR);
 *  - PT_TLS, if any, covering every TLS section, .tbss included;
 *  - on Xen targets: the unloadable PT_INTERP and the Xen notes with their
 *    expected types, sizes and values (entry notes equal e_entry).
 * Returns 0 if all hold.  Otherwise returns -errno if the file cannot be
 * read, or 1 if a check fails; either way a one-line reason (no trailing
 * newline) is stored in why (truncated to whylen; why may be NULL if
 * whylen is 0).
 */
int lds_check_image(const char *path, const struct lds_target *t, char *why,
                    size_t whylen);

/*
 * The memory the linked ELF image at path reaches up to: the highest end
 * of a PT_LOAD's memory image (p_paddr + p_memsz, NOBITS included), so on
 * Xen, where images load at 1 MiB, the first MiB counts too. A domain with
 * less memory cannot even load the image; its runtime needs more on top.
 * Stores it in *bytes and returns 0; otherwise returns as lds_check_image()
 * does, with the reason in why.
 */
int lds_image_memory(const char *path, unsigned long long *bytes, char *why,
                     size_t whylen);

#endif
