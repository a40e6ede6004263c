// Static configuration from text, as the boot command line gives it.
#include "internal.h"

// Parses a decimal number 0..max at *sp and advances *sp past it. Leading
// zeros are refused: "010" means 8 to inet_aton, so it is ambiguous.
static int number(const char **sp, unsigned max, unsigned *out)
{
    const char *s = *sp;
    unsigned v = 0;
    int digits = 0;

    while (*s >= '0' && *s <= '9' && digits < 4) {
        v = v * 10 + (unsigned)(*s++ - '0');
        digits++;
    }
    if (!digits || v > max || (digits > 1 && **sp == '0') ||
        (*s >= '0' && *s <= '9'))
        return -EINVAL;
    *sp = s;
    *out = v;
    return 0;
}

// Parses "a.b.c.d" at *sp, leaving *sp after it.
static int address(const char **sp, uint32_t *addr)
{
    uint32_t a = 0;
    unsigned part;

    for (int i = 0; i < 4; i++) {
        if (i && *(*sp)++ != '.')
            return -EINVAL;
        if (number(sp, 255, &part) < 0)
            return -EINVAL;
        a = a << 8 | part;
    }
    *addr = a;
    return 0;
}

int net_ip4_parse(const char *text, uint32_t *addr)
{
    uint32_t a;

    if (address(&text, &a) < 0 || *text)
        return -EINVAL;
    *addr = a;
    return 0;
}

static int parse_ip(struct net_config *cfg, const char *s)
{
    uint32_t a;
    unsigned prefix = 24;

    if (address(&s, &a) < 0)
        return -EINVAL;
    if (*s == '/' && (s++, number(&s, 32, &prefix) < 0))
        return -EINVAL;
    if (*s)
        return -EINVAL;
    cfg->addr = a;
    cfg->prefix = (uint8_t)prefix;
    return 0;
}

int net_config_set(struct net_config *cfg, const char *key, const char *value)
{
    if (!strcmp(key, "ip"))
        return parse_ip(cfg, value);
    if (!strcmp(key, "gw"))
        return net_ip4_parse(value, &cfg->gateway);
    if (!strcmp(key, "dns"))
        return net_ip4_parse(value, &cfg->dns);
    return -ENOENT;
}
