// The SNI check: a server policy in front of BearSSL's own. When the
// configuration names a server, a ClientHello for any other name (or none)
// ends the handshake before a certificate is sent.
#include <strings.h>

#include "internal.h"

#define SNI(ctx) ((struct tls_sni_policy *)(void *)(ctx))

static int choose(const br_ssl_server_policy_class **ctx,
                  const br_ssl_server_context *sc,
                  br_ssl_server_choices *choices)
{
    struct tls_sni_policy *p = SNI(ctx);
    const char *asked = br_ssl_engine_get_server_name(&sc->eng);

    if (p->name && strcasecmp(asked, p->name) != 0) {
        p->rejected = true;
        return 0;
    }
    return (*p->inner)->choose(p->inner, sc, choices);
}

static uint32_t do_keyx(const br_ssl_server_policy_class **ctx,
                        unsigned char *data, size_t *len)
{
    return (*SNI(ctx)->inner)->do_keyx(SNI(ctx)->inner, data, len);
}

static size_t do_sign(const br_ssl_server_policy_class **ctx, unsigned algo,
                      unsigned char *data, size_t hv_len, size_t len)
{
    return (*SNI(ctx)->inner)
        ->do_sign(SNI(ctx)->inner, algo, data, hv_len, len);
}

static const br_ssl_server_policy_class sni_class = {
    sizeof(struct tls_sni_policy),
    choose,
    do_keyx,
    do_sign,
};

void tls_sni_policy_init(struct tls_sni_policy *p,
                         const br_ssl_server_policy_class **inner,
                         const char *name)
{
    p->vtable = &sni_class;
    p->inner = inner;
    p->name = name;
    p->rejected = false;
}
