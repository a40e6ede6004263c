// The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
#include "internal.h"

// Adds len bytes to a running one's complement sum. Only the last piece of
// a checksummed message may have an odd length (its last byte is the high
// half of a word, RFC 1071 section 4.1). The result is kept folded below
// 2^17, so any number of pieces of up to 64 KiB can be chained.
uint32_t net_cksum_add(uint32_t sum, const void *data, size_t len)
{
    const uint8_t *p = data;
    uint64_t acc = sum;

    while (len >= 2) {
        acc += get16(p);
        p += 2;
        len -= 2;
    }
    if (len)
        acc += (uint32_t)p[0] << 8;
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return (uint32_t)acc;
}

uint16_t net_cksum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

// The TCP/UDP pseudo-header (RFC 768): addresses, protocol and length are
// covered by the transport checksum, so a misdelivered datagram fails it.
uint32_t net_cksum_pseudo(uint32_t src, uint32_t dst, uint8_t proto,
                          uint16_t len)
{
    uint64_t acc = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) +
                   proto + len;

    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return (uint32_t)acc;
}

uint16_t net_checksum(const void *data, size_t len)
{
    return net_cksum_fold(net_cksum_add(0, data, len));
}

// RFC 1624 equation 3, HC' = ~(~HC + ~m + m'): unlike equation 2 it never
// turns a sum of +0 into -0, so the result equals a full recomputation.
uint16_t net_checksum_update16(uint16_t cksum, uint16_t old, uint16_t new)
{
    uint32_t sum = (uint16_t)~cksum + (uint16_t)~old + (uint32_t) new;

    return net_cksum_fold(sum);
}
