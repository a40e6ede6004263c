/* plat_tls_set on PV: the FS base through Xen (one for both modes). */
#include "pv.h"

void plat_tls_set(uintptr_t fs)
{
    xen_hypercall_set_segment_base(SEGBASE_FS, fs);
}
