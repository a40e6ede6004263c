// SNI: a server policy in front of BearSSL's own. Once the ClientHello is
// read it refuses a name other than the configured server name, picks the
// keypair whose name the client asked for (or the default one), hands
// that keypair to BearSSL's single-chain policy and lets it choose the
// suite. A refused name ends the handshake before a certificate is sent.
#include <strings.h>

#include "internal.h"

#define SNI(ctx) ((struct tls_sni_policy *)(void *)(ctx))

static const struct tls_keypair *pick(const struct tls_config *cfg,
                                      const char *asked)
{
    const struct tls_keypair *fallback = NULL;

    for (size_t i = 0; i < cfg->nkeypairs; i++) {
        const struct tls_keypair *kp = &cfg->keypairs[i];

        if (!kp->name)
            fallback = kp;
        else if (*asked && strcasecmp(asked, kp->name) == 0)
            return kp;
    }
    return fallback;
}

static int choose(const br_ssl_server_policy_class **ctx,
                  const br_ssl_server_context *sc,
                  br_ssl_server_choices *choices)
{
    struct tls_sni_policy *p = SNI(ctx);
    const char *asked = br_ssl_engine_get_server_name(&sc->eng);
    const struct tls_config *cfg = p->cfg;
    const struct tls_keypair *kp;

    if (cfg->server_name && strcasecmp(asked, cfg->server_name) != 0) {
        p->refused = SNI_NOT_SERVER_NAME;
        return 0;
    }
    if (!(kp = pick(cfg, asked))) {
        p->refused = SNI_NO_KEYPAIR;
        return 0;
    }
    // BearSSL's single-chain policy for kp, with the implementations its
    // init_full functions use; set_single_* points the context at it, so
    // the wrapper is put back in front and keeps it as the inner policy.
    if (kp->key_type == BR_KEYTYPE_RSA)
        br_ssl_server_set_single_rsa(p->sc, kp->chain, kp->chain_len, &kp->rsa,
                                     BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN,
                                     br_rsa_private_get_default(),
                                     br_rsa_pkcs1_sign_get_default());
    else
        br_ssl_server_set_single_ec(
            p->sc, kp->chain, kp->chain_len, &kp->ec,
            BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN, (unsigned)kp->issuer_type,
            br_ec_get_default(), br_ecdsa_sign_asn1_get_default());
    p->inner = p->sc->policy_vtable;
    br_ssl_server_set_policy(p->sc, &p->vtable);
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

void tls_sni_policy_init(struct tls_sni_policy *p, br_ssl_server_context *sc,
                         const struct tls_config *cfg)
{
    p->vtable = &sni_class;
    p->inner = NULL;
    p->cfg = cfg;
    p->sc = sc;
    p->refused = SNI_SERVED;
    br_ssl_server_set_policy(sc, &p->vtable);
}
