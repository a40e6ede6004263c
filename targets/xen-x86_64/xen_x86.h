/*
 * Internal interface of the Xen/x86-64 platform layer: shared state and
 * the prototypes of every file, grouped under the file that defines them.
 * rt sees none of this; it sees rt/platform.h.
 */
#ifndef XEN_X86_H
#define XEN_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../rt/platform.h"

#define PAGE_SIZE    4096ul
#define PAGE_DOWN(x) ((x) & ~(PAGE_SIZE - 1))
#define PAGE_UP(x)   PAGE_DOWN((x) + PAGE_SIZE - 1)

/* What the entry found, copied out of low memory (pvh/start_info.c). */
#define BOOT_CMDLINE_MAX 4096
#define BOOT_MEM_MAX     128
#define BOOT_MEM_RAM     1 /* e820 and hvm_memmap_table_entry agree */
struct boot_mem {
    uint64_t base, size;
    uint32_t type;
};
struct boot_info {
    char cmdline[BOOT_CMDLINE_MAX];
    struct boot_mem mem[BOOT_MEM_MAX];
    unsigned int nmem;
    bool initdomain; /* Xen dom0 (SIF_INITDOMAIN) */
};
extern struct boot_info boot_info;

/* start.c: the start sequence common to every entry */
_Noreturn void xen_x86_start(void);
extern uint64_t boot_entry_tsc; /* written by the entry, first thing */

/* print.c: a small formatter for reports (%s %c %d %u %x %p, l, 0-pad) */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void kpanic(const char *file, int line, const char *why);
#define PANIC(why) kpanic(__FILE__, __LINE__, why)

/* cpu_sse.c */
void cpu_sse_init(void);   /* PVH: SSE, then cpu_xsave_init */
void cpu_xsave_init(void); /* AVX/AVX-512 where the CPU has them */

/* gdt.c: GDT, TSS and the IST stacks; selectors */
#define GDT_CODE 0x08
#define GDT_DATA 0x10
#define GDT_TSS  0x18
/* IST slots (1-based, as gates encode them): one per kind of vector, so a
 * fault inside an interrupt handler does not reuse the handler's stack */
#define IST_FAULT 1 /* exceptions other than the three below */
#define IST_DF    2
#define IST_NMI   3
#define IST_MC    4
#define IST_IRQ   5
#define IST_COUNT 5
void gdt_init(void);

/* idt.c */
void idt_init(void);

/* trap.c: exceptions (report, exit 128 + vector) and interrupts */
#define IRQ_BASE 0x20
struct trap_frame {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};
_Noreturn void trap_report(const struct trap_frame *f, uint64_t cr2);
void trap_irq_set(unsigned int irq, void (*fn)(void));

/* pic.c: the legacy 8259 pair, remapped to IRQ_BASE */
void pic_init(void);
void pic_unmask(unsigned int irq);
void pic_eoi(unsigned int irq);

/* pit.c: channel 0 one-shot, the wake-up timer without Xen */
void pit_oneshot(uint64_t ns);

/* pagetable.c: identity map with W^X; flags below */
#define PT_R  1u
#define PT_W  2u
#define PT_X  4u
#define PT_UC 8u
void pt_init(uintptr_t pool_base, size_t pool_pages);
int pt_map(uintptr_t va, size_t len, unsigned int flags);
void pt_load(void); /* into CR3; later pt_map calls invlpg */

/* image_map.c: the image's loaded segments, with their permissions */
void image_map(void);

/* memory.c: the RAM rt gets, and the page tables over all of it */
void memory_init(void);

/* memory_fit.c: the least RAM end for a heap at heap (rt's main stack and
 * a few pages); the report, then exit, for an image with less */
uint64_t memory_need(uintptr_t heap);
_Noreturn void memory_too_small(uint64_t need, uint64_t have);

/* console.c: COM1 or Xen, whichever init found */
void console_init(void);

/* com1.c: the 16550 UART at 0x3f8 */
void com1_init(void);
void com1_write(const char *buf, size_t len);
long com1_read(char *buf, size_t len);

/* xen.c: detection, hypercall page, shared info */
struct shared_info;
struct xen_state {
    bool present;
    uint32_t cpuid_base;
    struct shared_info *shared;
};
extern struct xen_state xen;
void xen_detect(void);
void xen_init(void);

/* xen_console.c: console_io as dom0, the PV console ring otherwise */
void xen_console_init(void);
void xen_console_write(const char *buf, size_t len);
long xen_console_read(char *buf, size_t len);
void xen_console_flush(void);
uint32_t xen_console_port(void); /* 0 as dom0 */
/* PV: the ring and port come from start_info; init then keeps them */
void xen_console_attach(void *ring, uint32_t port);

/* evtchn.c: event channels (both); HVM parameters */
uint32_t xen_evtchn_bind_virq(uint32_t virq); /* the port, unmasked */
void xen_evtchn_ports_init(void); /* VIRQ_TIMER, dom0's VIRQ_CONSOLE, console */
void xen_evtchn_unmask(uint32_t port);
void xen_evtchn_notify(uint32_t port);
long xen_evtchn_alloc_unbound(uint16_t remote_domid); /* port or -errno */
void xen_evtchn_scan(void); /* the upcall: clears what is pending, counts */
uint64_t xen_evtchn_upcalls(void);
void xen_evtchn_timer(uint64_t deadline);   /* single-shot; UINT64_MAX: none */
uint64_t xen_hvm_param(unsigned int index); /* 0 if unset or refused */
int xen_hvm_param_set(unsigned int index, uint64_t value);
/* pvh/evtchn.c, sched_block.S (PVH) or pv/event.c, pv/block.c (PV): the
 * upcall and blocking */
#define XEN_UPCALL_VECTOR 0xf3
void xen_evtchn_init(void);               /* PVH */
void xen_evtchn_upcall(uint64_t *rip);    /* PVH */
void xen_evtchn_block(uint64_t deadline); /* monotonic ns; UINT64_MAX: none */

/* xenstore.c: a xenstore client (paths without a leading / are relative
 * to /local/domain/<our domid>); -ENODEV where there is no xenstore. PV
 * attaches the ring from start_info; PVH finds it in HVM parameters. */
void xen_xs_attach(void *ring, uint32_t port);
long xen_xs_read(const char *path, char *buf, size_t len);
int xen_xs_read_uint(const char *path, unsigned long *out);
int xen_xs_write(const char *path, const char *value);
long xen_xs_directory(const char *path, char *buf, size_t len);

/* gnttab.c: grant table (v1), frames mapped into .bss */
int xen_gnttab_grant(uint16_t domid, const void *page, bool readonly);
/* xen.c (PVH: XENMAPSPACE_grant_table) or pv/gnttab.c (PV:
 * GNTTABOP_setup_table): the table's first frames mapped over table */
int xen_gnttab_map(void *table, unsigned int frames);
/* memory.c or pv/memory.c: the frame number Xen knows a page by (the
 * guest frame on PVH, the machine frame on PV) */
uint64_t xen_frame(const void *page);

/* time.c: TSC or pvclock */
void time_init(void);
uint64_t time_xen_system(void); /* Xen system time, ns */
uint64_t time_to_xen(uint64_t monotonic);

/* hpet.c: the PC's HPET, when CPUID does not give the TSC's rate */
uint64_t hpet_init(void); /* the period in fs, 0 if absent */
uint64_t hpet_read(void);

/* rtc.c: CMOS wall clock, ns since 1970 */
uint64_t rtc_read_ns(void);

/* syscall.S, syscall.c: the LSTAR entry (PVH) */
void syscall_init(void);
void xen_syscall_entry(void);
/* syscall_frame.c: plat_syscall_regs and plat_syscall_set_rip, for every
 * entry whose frame is struct plat_regs right above the return address
 * syscall_return (syscall.S, pv/syscall.S) */

/* cmdline.c */
void cmdline_split(char *line, struct plat_args *out);

/* image symbols from the linker script (ldscripts/) */
extern char __ukcc_ehdr[], __ukcc_image_start[], __ukcc_image_end[];
extern char __ukcc_stack_bottom[], __ukcc_stack_top[], __ukcc_heap_start[];
extern char __ukcc_hypercall_page[];
extern const unsigned long long __ukcc_stack_size; /* a variable */

#endif
