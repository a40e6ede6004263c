// DHCP client (RFC 2131) against a scripted server: the DISCOVER's bytes,
// retransmission with back-off, OFFER -> REQUEST naming the offer and the
// server, a NAK starting over, an ACK configuring address, prefix,
// gateway and DNS, renewal at T1 unicast to the server, and replies with
// a wrong xid ignored.
// RUN: %net-cc %s %net-lib -o %t
// RUN: %t | FileCheck %s
// CHECK: all checks passed
#include "nettest.h"

#define SEC    1000000000ull
#define SERVER PEER_IP

static struct bed *b;
static uint8_t f[1600];

// The DHCP message in frame i (after Ethernet, IP and UDP headers).
static const uint8_t *msg(int i, size_t *len)
{
    *len = b->len[i] - 42;
    return b->frame[i] + 42;
}

// The first UDP frame sent, or -1.
static int udp_frame(void)
{
    for (int i = 0; i < b->nframes; i++)
        if (get16be(b->frame[i] + 12) == 0x0800 && b->frame[i][23] == 17)
            return i;
    return -1;
}

static uint32_t get32be(const uint8_t *p)
{
    return (uint32_t)get16be(p) << 16 | get16be(p + 2);
}

// Finds option code in a message; NULL if absent.
static const uint8_t *option(const uint8_t *m, size_t len, uint8_t code)
{
    for (size_t i = 240; i + 1 < len && m[i] != 255; i += 2u + m[i + 1])
        if (m[i] == code)
            return m + i;
    return NULL;
}

static void reply(uint32_t xid, uint8_t type, uint32_t yiaddr, uint32_t lease)
{
    uint8_t m[300] = {2, 1, 6, 0}, *o = m + 240;

    put32be(m + 4, xid);
    put32be(m + 16, yiaddr);
    memcpy(m + 28, our_mac, 6);
    put32be(m + 236, 0x63825363);
    *o++ = 53, *o++ = 1, *o++ = type;
    *o++ = 54, *o++ = 4, put32be(o, SERVER), o += 4;
    *o++ = 1, *o++ = 4, put32be(o, 0xffffff00), o += 4;
    *o++ = 3, *o++ = 4, put32be(o, NET_IP4(10, 0, 0, 1)), o += 4;
    *o++ = 6, *o++ = 4, put32be(o, NET_IP4(10, 0, 0, 53)), o += 4;
    *o++ = 51, *o++ = 4, put32be(o, lease), o += 4;
    *o = 255;
    b->nframes = 0;
    net_if_input(b->ifp, f,
                 build_udp(f, SERVER, 0xffffffff, 67, 68, m, sizeof(m)));
}

static uint32_t expect_request(int i, bool renewing)
{
    size_t len;
    const uint8_t *m = msg(i, &len), *o;

    o = option(m, len, 53);
    EXPECT(o && o[2] == 3);
    o = option(m, len, 50);
    EXPECT(renewing ? !o : o && get32be(o + 2) == OUR_IP);
    o = option(m, len, 54);
    EXPECT(renewing ? !o : o && get32be(o + 2) == SERVER);
    EXPECT_EQ(get32be(m + 12), renewing ? OUR_IP : 0); // ciaddr
    return get32be(m + 4);
}

int main(void)
{
    struct net_config none = {0}, c;
    const uint8_t *m, *o;
    uint32_t xid;
    uint64_t dl;
    size_t len;

    b = bed_new();
    net_if_configure(b->ifp, &none);
    b->nframes = 0;
    EXPECT_EQ(net_dhcp_start(b->ifp), 0);
    EXPECT_EQ(net_dhcp_start(b->ifp), -EALREADY);
    EXPECT_EQ(b->nframes, 1);
    // Broadcast from 0.0.0.0:68 to 255.255.255.255:67.
    EXPECT(!memcmp(b->frame[0], "\xff\xff\xff\xff\xff\xff", 6));
    EXPECT_EQ(get32be(b->frame[0] + 26), 0);
    EXPECT_EQ(get32be(b->frame[0] + 30), 0xffffffff);
    EXPECT(get16be(b->frame[0] + 34) == 68 && get16be(b->frame[0] + 36) == 67);
    m = msg(0, &len);
    EXPECT_EQ(len, 300);
    EXPECT(!memcmp(m, "\x01\x01\x06\x00", 4));
    EXPECT_EQ(get16be(m + 10), 0x8000); // broadcast replies, please
    EXPECT(!memcmp(m + 28, our_mac, 6));
    EXPECT_EQ(get32be(m + 236), 0x63825363);
    EXPECT(!memcmp(m + 240, "\x35\x01\x01\x37\x06\x01\x03\x06\x33\x3a\x3b\xff",
                   12));
    // Retransmission: 4 s +- 1, then 8 s +- 1.
    dl = net_if_deadline(b->ifp) - b->now;
    EXPECT(dl >= 3 * SEC && dl <= 5 * SEC);
    b->nframes = 0;
    bed_advance(b, dl);
    EXPECT_EQ(b->nframes, 1);
    dl = net_if_deadline(b->ifp) - b->now;
    EXPECT(dl >= 7 * SEC && dl <= 9 * SEC);
    xid = get32be(msg(0, &len) + 4);

    reply(xid + 1, 2, OUR_IP, 0); // not our transaction
    EXPECT_EQ(b->nframes, 0);
    EXPECT_EQ(net_if_stats(b->ifp)->dhcp_bad, 1);
    reply(xid, 2, OUR_IP, 0); // OFFER -> REQUEST
    EXPECT_EQ(b->nframes, 1);
    EXPECT_EQ(expect_request(0, false), xid);
    reply(xid, 6, 0, 0); // NAK: start over with a DISCOVER
    EXPECT_EQ(net_if_stats(b->ifp)->dhcp_nak, 1);
    m = msg(0, &len);
    o = option(m, len, 53);
    EXPECT(o && o[2] == 1);
    xid = get32be(m + 4);
    reply(xid, 2, OUR_IP, 0);
    reply(xid, 5, OUR_IP, 100); // ACK: bound
    net_if_config(b->ifp, &c);
    EXPECT_EQ(c.addr, OUR_IP);
    EXPECT_EQ(c.prefix, 24);
    EXPECT_EQ(c.gateway, NET_IP4(10, 0, 0, 1));
    EXPECT_EQ(c.dns, NET_IP4(10, 0, 0, 53));
    EXPECT_EQ(net_if_stats(b->ifp)->dhcp_bound, 1);
    EXPECT_EQ(net_if_deadline(b->ifp), b->now + 50 * SEC); // T1
    bed_advance(b, 40 * SEC);
    bed_learn_peer(b); // the server's MAC, fresh
    bed_advance(b, 10 * SEC);
    EXPECT_EQ(b->nframes, 1); // renewing: unicast to the server
    EXPECT_EQ(get32be(b->frame[0] + 30), SERVER);
    expect_request(0, true);
    // No answer: the next try is at T2 (half the time to T2, but at
    // least 60 s, is past it): rebinding, broadcast to any server.
    b->nframes = 0;
    bed_advance(b, 37500000000ull - 1);
    EXPECT_EQ(udp_frame(), -1); // (the ARP entry's refresh may go out)
    bed_advance(b, 1);
    EXPECT(udp_frame() >= 0);
    EXPECT_EQ(get32be(b->frame[udp_frame()] + 30), 0xffffffff);
    xid = expect_request(udp_frame(), true);
    reply(xid, 5, OUR_IP, 100);
    EXPECT_EQ(net_if_stats(b->ifp)->dhcp_bound, 2);
    return bed_done();
}
