/*
 * netfront on PV, seen through syscalls only (the program runs in PV guest
 * user mode and cannot call the target's functions, which make
 * hypercalls): rt configures device 0 from UKCC_NET_ADDR at boot, and the
 * program is the UDP echo of udp-echo.h.
 */
#include "udp-echo.h"

int main(void)
{
    return udp_echo();
}
