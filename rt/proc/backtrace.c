/*
 * The backtrace that ends a fault report, abort() and a failed stack
 * protector check: "#N 0xADDRESS function+0xOFFSET", innermost first.
 * Frames come from the frame-pointer chain (rt, the platform and the
 * network stack keep frame pointers; a program built without them ends
 * the chain early, at its first such function). Names come from
 * __ukcc_symtab, the table of the image's functions that ukcc's link puts
 * in .rodata (driver/symtab.c); an image linked with -s has none and its
 * frames are addresses only. ukcc-run adds file:line from the image's
 * debug information.
 *
 * This runs after a fault: it must not fault again. A frame is followed
 * only upward on the same stack (within 16 MiB of %rsp), aligned, and
 * where the platform says the memory is mapped.
 */
#include <elf.h>
#include <stdint.h>
#include <string.h>

#include "../rt.h"

#define MAX_FRAMES 32
#define STACK_SPAN (16u << 20)

struct sym_entry {
    uint64_t addr;
    uint32_t size;
    uint32_t name;
};

extern const unsigned char __ukcc_symtab[] __attribute__((weak));

/* The function holding addr, or NULL; *start gets its address. */
static const char *sym_name(uint64_t addr, uint64_t *start)
{
    const unsigned char *t = __ukcc_symtab;
    uint32_t n, lo = 0, hi;
    struct sym_entry e;

    if (!t)
        return NULL;
    memcpy(&n, t, 4);
    hi = n;
    while (lo < hi) { /* the last entry at or below addr */
        uint32_t mid = lo + (hi - lo) / 2;

        memcpy(&e, t + 8 + (size_t)mid * sizeof e, sizeof e);
        if (e.addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    memcpy(&e, t + 8 + (size_t)(lo - 1) * sizeof e, sizeof e);
    /* beyond its end: in code without a symbol (or padding) */
    if (e.size && addr >= e.addr + e.size)
        return NULL;
    *start = e.addr;
    return (const char *)t + 8 + (size_t)n * sizeof e + e.name;
}

/* A return address names the call, one byte before it: a call that never
 * returns may be its function's last instruction. */
static void frame(int n, uint64_t addr, bool returned)
{
    uint64_t start;
    const char *name = sym_name(returned ? addr - 1 : addr, &start);

    if (name)
        rt_log("  #%d %#lx %s+0x%lx", n, addr, name, addr - start);
    else
        rt_log("  #%d %#lx", n, addr);
}

/* fp is a frame: a saved %rbp further up the same stack, then a return
 * address, both readable */
static bool is_frame(uint64_t fp, uint64_t rsp)
{
    return fp % 8 == 0 && fp >= rsp && fp - rsp <= STACK_SPAN &&
           plat_readable(fp) && plat_readable(fp + 8);
}

/* Where the image's code is, from its program headers: without a table
 * (-s), a return address is at least in there. */
static bool in_code(uint64_t a, uint64_t *start)
{
    const Elf64_Ehdr *eh = rt_image_ehdr;
    const Elf64_Phdr *ph;

    if (!eh)
        return false;
    ph = (const Elf64_Phdr *)((const char *)eh + eh->e_phoff);
    for (unsigned i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X) &&
            a >= ph[i].p_vaddr && a - ph[i].p_vaddr < ph[i].p_memsz) {
            *start = ph[i].p_vaddr;
            return true;
        }
    return false;
}

/* a code address just after a call: e8 rel32, ff 15 rip-relative, ff
 * d0-d7 through a register */
static bool is_return(uint64_t a)
{
    uint64_t start;
    const unsigned char *p = (const unsigned char *)a;

    if (!(__ukcc_symtab ? sym_name(a - 1, &start) != NULL
                        : in_code(a - 1, &start)) ||
        a - start < 2 || !plat_readable((a - 6) & ~7ull) ||
        !plat_readable((a - 1) & ~7ull))
        return false;
    return (a - start >= 5 && p[-5] == 0xe8) ||
           (a - start >= 6 && p[-6] == 0xff && p[-5] == 0x15) ||
           (p[-2] == 0xff && (p[-1] & 0xf8) == 0xd0);
}

/* fp is a frame whose saved %rbp points further up and whose return
 * address follows a call */
static bool is_link(uint64_t fp, uint64_t rsp)
{
    return is_frame(fp, rsp) && ((const uint64_t *)fp)[0] > fp &&
           is_return(((const uint64_t *)fp)[1]);
}

/*
 * Code without frame pointers (musl's libc.a, a program built with
 * -fomit-frame-pointer) leaves %rbp wherever its caller had it, or uses
 * it for data. So the words between %rsp and the first frame are scanned
 * for return addresses: the calls the chain does not record (abort's
 * raise, the caller of a faulting leaf). Without a usable %rbp, the first
 * frame is found by the scan too, bounded by SCAN_WORDS.
 */
#define SCAN_WORDS 512

void rt_backtrace_from(uint64_t pc, bool returned, uint64_t rbp, uint64_t rsp)
{
    uint64_t fp = 0, s = (rsp + 7) & ~7ull;
    int i = 1, budget = SCAN_WORDS;

    frame(0, pc, returned);
    if (is_link(rbp, rsp))
        fp = rbp;
    while (i < MAX_FRAMES) {
        uint64_t next, ret;

        /* up to the frame, or to the next one the scan finds */
        for (; budget > 0 && i < MAX_FRAMES; budget--, s += 8) {
            uint64_t w;

            if (fp ? s >= fp : !plat_readable(s))
                break;
            w = *(const uint64_t *)s;
            if (!fp && w > s && is_link(s, rsp)) {
                fp = s;
                break;
            }
            if (is_return(w))
                frame(i++, w, true);
        }
        if (!fp || i >= MAX_FRAMES)
            break;
        next = ((const uint64_t *)fp)[0];
        ret = ((const uint64_t *)fp)[1];
        if (!ret)
            break;
        frame(i++, ret, true);
        /* the chain goes only up the stack; the scan covers what lies
         * between two frames (a function without a frame of its own
         * called in between keeps its caller's %rbp) and, after a broken
         * link (code that uses %rbp for data), finds the next frame */
        s = fp + 16;
        fp = next > fp && is_link(next, rsp) ? next : 0;
    }
}

void rt_backtrace(uint64_t rip, uint64_t rbp, uint64_t rsp)
{
    rt_backtrace_from(rip, false, rbp, rsp);
}
