/* The CMOS real-time clock: the wall clock without Xen, read once. */
#include "cpu.h"
#include "xen_x86.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71

static unsigned int cmos(unsigned int reg)
{
    cpu_outb(CMOS_INDEX, reg);
    return cpu_inb(CMOS_DATA);
}

static unsigned int bcd(unsigned int v, bool binary)
{
    return binary ? v : (v >> 4) * 10 + (v & 15);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint64_t days(unsigned int y, unsigned int m, unsigned int d)
{
    y -= m <= 2;
    unsigned int era = y / 400, yoe = y - era * 400;
    unsigned int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return (uint64_t)era * 146097 + doe - 719468;
}

uint64_t rtc_read_ns(void)
{
    unsigned int s, mi, h, d, mo, y, b;

    /* wait out an update in progress, then read twice until stable */
    do {
        while (cmos(0x0a) & 0x80)
            cpu_pause();
        s = cmos(0x00), mi = cmos(0x02), h = cmos(0x04);
        d = cmos(0x07), mo = cmos(0x08), y = cmos(0x09);
    } while (s != cmos(0x00));
    b = cmos(0x0b) & 0x04; /* binary rather than BCD */
    s = bcd(s, b), mi = bcd(mi, b), d = bcd(d, b), mo = bcd(mo, b);
    y = bcd(y, b) + 2000;
    h = b ? h & 0x7f : bcd(h & 0x7f, false);
    if (!(cmos(0x0b) & 0x02) && (cmos(0x04) & 0x80)) /* 12-hour PM */
        h = (h % 12) + 12;
    return ((days(y, mo, d) * 24 + h) * 3600 + mi * 60 + s) * 1000000000ull;
}
