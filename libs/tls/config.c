// A configuration: role, version floor, ALPN, SNI; freed with everything
// the keypair and anchor loaders attached to it.
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int tls_config_new(struct tls_config **cfgp, enum tls_role role)
{
    struct tls_config *cfg;

    if (!cfgp || (role != TLS_SERVER && role != TLS_CLIENT))
        return TLS_ERR_INVALID;
    if (tls_entropy_check())
        return TLS_ERR_ENTROPY;
    cfg = calloc(1, sizeof *cfg);
    if (!cfg)
        return TLS_ERR_NOMEM;
    cfg->role = role;
    cfg->min_version = TLS_V1_2;
    *cfgp = cfg;
    return 0;
}

void tls_config_free(struct tls_config *cfg)
{
    if (!cfg)
        return;
    for (size_t i = 0; i < cfg->nkeypairs; i++)
        tls_keypair_free(&cfg->keypairs[i]);
    free(cfg->server_name);
    for (size_t i = 0; i < cfg->nanchors; i++) {
        free(cfg->anchors[i].dn.data);
        // the key's integers live in one block, after the DN's
        free(cfg->anchors[i].pkey.key_type == BR_KEYTYPE_RSA
                 ? cfg->anchors[i].pkey.key.rsa.n
                 : cfg->anchors[i].pkey.key.ec.q);
    }
    free(cfg->anchors);
    for (size_t i = 0; i < cfg->nalpn; i++)
        free((char *)cfg->alpn[i]);
    free(cfg);
}

const char *tls_config_error(const struct tls_config *cfg)
{
    return cfg ? cfg->error : "no configuration";
}

int tls_config_set_min_version(struct tls_config *cfg, int version)
{
    if (!cfg || version < TLS_V1_0 || version > TLS_V1_2)
        return TLS_ERR_INVALID;
    cfg->min_version = (unsigned)version;
    return 0;
}

int tls_config_set_alpn(struct tls_config *cfg, const char *const *protos,
                        size_t count)
{
    if (!cfg || count > TLS_MAX_ALPN || (count && !protos))
        return TLS_ERR_INVALID;
    for (size_t i = 0; i < count; i++) {
        size_t len = protos[i] ? strlen(protos[i]) : 0;

        if (len == 0 || len > 255) // one length byte on the wire
            return tls_config_fail(cfg, TLS_ERR_INVALID,
                                   "ALPN protocol %zu: 1 to 255 bytes", i);
    }
    for (size_t i = 0; i < cfg->nalpn; i++)
        free((char *)cfg->alpn[i]);
    cfg->nalpn = 0;
    for (size_t i = 0; i < count; i++) {
        cfg->alpn[i] = strdup(protos[i]);
        if (!cfg->alpn[i])
            return TLS_ERR_NOMEM;
        cfg->nalpn = i + 1;
    }
    return 0;
}

int tls_config_set_server_name(struct tls_config *cfg, const char *name)
{
    char *copy = NULL;

    if (!cfg || cfg->role != TLS_SERVER)
        return TLS_ERR_INVALID;
    if (name && !(copy = strdup(name)))
        return TLS_ERR_NOMEM;
    free(cfg->server_name);
    cfg->server_name = copy;
    return 0;
}
