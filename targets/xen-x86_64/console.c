/* plat_console_*: COM1 without Xen, the Xen console with it. Before
 * console_init (early panics) output goes to COM1. */
#include "xen_x86.h"

static bool on_xen;

void console_init(void)
{
    if (xen.present) {
        xen_console_init();
        on_xen = true;
    } else {
        com1_init();
    }
}

void plat_console_write(const void *buf, size_t len)
{
    if (on_xen)
        xen_console_write(buf, len);
    else
        com1_write(buf, len);
}

long plat_console_read(void *buf, size_t len)
{
    return on_xen ? xen_console_read(buf, len) : com1_read(buf, len);
}
