// The Internet checksum matches RFC 1071's worked example, a known IPv4
// header, and RFC 1624's incremental-update example; the incremental
// update always agrees with summing again.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

int main(void)
{
    // RFC 1071 section 3: the one's complement sum of these bytes is ddf2,
    // so the checksum is its complement, 220d.
    uint8_t rfc1071[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    // An IPv4 header (UDP, 192.168.0.1 -> 192.168.0.199) whose checksum
    // field holds b861; with it, the sum checks to 0.
    uint8_t ip[20];
    uint8_t odd[3] = {0x01, 0x02, 0x03};

    EXPECT_EQ(net_checksum(rfc1071, sizeof(rfc1071)), 0x220d);
    hex(ip, "45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7");
    EXPECT_EQ(net_checksum(ip, 20), 0);
    ip[10] = ip[11] = 0;
    EXPECT_EQ(net_checksum(ip, 20), 0xb861);
    // An odd byte is the high half of a zero-padded word: 0102 + 0300.
    EXPECT_EQ(net_checksum(odd, 3), (uint16_t)~0x0402);
    EXPECT_EQ(net_checksum(odd, 0), 0xffff);

    // RFC 1624 section 4: m 5555 -> 3285 under HC dd2f gives 0000 with
    // equation 3 (equation 2 would give ffff, the "-0" form).
    EXPECT_EQ(net_checksum_update16(0xdd2f, 0x5555, 0x3285), 0x0000);

    // Random buffers: patching one word equals summing again.
    srand(1);
    for (int n = 0; n < 20000; n++) {
        uint8_t buf[64];
        int len = 2 + 2 * (rand() % 31), w = 2 * (rand() % (len / 2));
        uint16_t before, old;

        for (int i = 0; i < len; i++)
            buf[i] = (uint8_t)rand();
        if (n % 7 == 0)
            memset(buf, 0, (size_t)len); // sums of zero are the edge case
        before = net_checksum(buf, (size_t)len);
        old = get16be(buf + w);
        put16be(buf + w, (uint16_t)rand());
        if (n % 5 == 0)
            put16be(buf + w, 0xffff);
        if (net_checksum_update16(before, old, get16be(buf + w)) !=
            net_checksum(buf, (size_t)len)) {
            EXPECT(!"incremental update disagrees with a full sum");
            break;
        }
    }
    return bed_done();
}
