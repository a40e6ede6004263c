/*
 * GDT and TSS. Everything runs in ring 0, where the CPU does not switch
 * stacks on an interrupt and musl code keeps data in the red zone below
 * %rsp: every IDT vector therefore uses an IST stack (idt.c picks which).
 */
#include "xen_x86.h"

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));

#define IST_STACK_SIZE (16 * 1024)

/* also loaded by the entry (pvh/entry.S) before the TSS exists */
uint64_t gdt_table[5] = {
    0, 0x00af9a000000ffff, /* GDT_CODE: 64-bit, ring 0 */
    0x00cf92000000ffff,    /* GDT_DATA */
};

static struct tss tss;
static unsigned char ist_stacks[IST_COUNT][IST_STACK_SIZE]
    __attribute__((aligned(16)));

void gdt_init(void)
{
    uint64_t base = (uintptr_t)&tss, limit = sizeof tss - 1;
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed))
    ptr = {sizeof gdt_table - 1, (uintptr_t)gdt_table};

    for (int i = 0; i < IST_COUNT; i++)
        tss.ist[i] = (uintptr_t)ist_stacks[i + 1];
    tss.iomap_base = sizeof tss; /* no I/O bitmap */
    gdt_table[GDT_TSS / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 |
                             0x89ull << 40 | ((limit >> 16) & 0xf) << 48 |
                             ((base >> 24) & 0xff) << 56;
    gdt_table[GDT_TSS / 8 + 1] = base >> 32;
    __asm__ volatile("lgdt %0; ltr %w1" ::"m"(ptr), "r"(GDT_TSS) : "memory");
}
