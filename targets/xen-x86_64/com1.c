/*
 * The 16550 UART at COM1 (QEMU -serial): 115200 8N1, polled output, input
 * read without blocking. The receive interrupt (IRQ 4) only wakes
 * plat_block from hlt; the data stays in the UART until read.
 */
#include <errno.h>

#include "cpu.h"
#include "xen_x86.h"

#define COM1          0x3f8
#define THR           0 /* transmit (write), receive (read) */
#define IER           1
#define FCR           2
#define LCR           3
#define MCR           4
#define LSR           5
#define LSR_DATA      0x01
#define LSR_THR_EMPTY 0x20

void com1_init(void)
{
    cpu_outb(COM1 + IER, 0);
    cpu_outb(COM1 + LCR, 0x80); /* divisor latch: 115200 / 1 */
    cpu_outb(COM1 + THR, 1);
    cpu_outb(COM1 + IER, 0);
    cpu_outb(COM1 + LCR, 0x03); /* 8N1 */
    /* FCR stays as the firmware left it: changing the FIFO mode clears
     * the receiver, losing input typed (or piped) before boot */
    cpu_outb(COM1 + MCR, 0x0b); /* DTR, RTS, OUT2 (routes the IRQ) */
    cpu_outb(COM1 + IER, 0x01); /* interrupt on received data */
}

static void put(char c)
{
    for (int i = 0; i < 100000 && !(cpu_inb(COM1 + LSR) & LSR_THR_EMPTY); i++)
        cpu_pause();
    cpu_outb(COM1 + THR, c);
}

void com1_write(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n') /* a terminal needs CR LF */
            put('\r');
        put(buf[i]);
    }
}

long com1_read(char *buf, size_t len)
{
    size_t n = 0;

    while (n < len && (cpu_inb(COM1 + LSR) & LSR_DATA))
        buf[n++] = cpu_inb(COM1 + THR);
    return n ? (long)n : -EAGAIN;
}
