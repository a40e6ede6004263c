// Trust anchors: each certificate of a PEM bundle becomes a subject DN and
// a public key, which is all BearSSL's validator keeps of an anchor.
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct dn_buf {
    unsigned char *data;
    size_t len;
    bool nomem;
};

static void dn_append(void *ctx, const void *data, size_t len)
{
    struct dn_buf *d = ctx;
    unsigned char *p;

    if (d->nomem)
        return;
    p = realloc(d->data, d->len + len);
    if (!p) {
        d->nomem = true;
        return;
    }
    memcpy(p + d->len, data, len);
    d->data = p;
    d->len += len;
}

// Copies the decoder's public key (which points into the decoder) into one
// malloc'ed block that the anchor owns.
static bool copy_pkey(br_x509_pkey *dst, const br_x509_pkey *src)
{
    *dst = *src;
    if (src->key_type == BR_KEYTYPE_RSA) {
        const br_rsa_public_key *k = &src->key.rsa;
        unsigned char *b = malloc(k->nlen + k->elen);

        if (!b)
            return false;
        memcpy(b, k->n, k->nlen);
        memcpy(b + k->nlen, k->e, k->elen);
        dst->key.rsa.n = b;
        dst->key.rsa.e = b + k->nlen;
        return true;
    }
    dst->key.ec.q = malloc(src->key.ec.qlen);
    if (!dst->key.ec.q)
        return false;
    memcpy(dst->key.ec.q, src->key.ec.q, src->key.ec.qlen);
    return true;
}

static int add_anchor(struct tls_config *cfg, const char *path, size_t index,
                      const struct tls_der *obj)
{
    br_x509_decoder_context dc;
    struct dn_buf dn = {0};
    br_x509_trust_anchor *ta;
    const br_x509_pkey *pk;

    br_x509_decoder_init(&dc, dn_append, &dn);
    br_x509_decoder_push(&dc, obj->data, obj->len);
    pk = br_x509_decoder_get_pkey(&dc);
    if (!pk || dn.nomem) {
        free(dn.data);
        return dn.nomem ? TLS_ERR_NOMEM
                        : tls_config_fail(cfg, TLS_ERR_CERT,
                                          "%s: certificate %zu cannot be "
                                          "decoded (BearSSL X.509 error %d)",
                                          path, index,
                                          br_x509_decoder_last_error(&dc));
    }
    ta = realloc(cfg->anchors, (cfg->nanchors + 1) * sizeof *ta);
    if (!ta) {
        free(dn.data);
        return TLS_ERR_NOMEM;
    }
    cfg->anchors = ta;
    ta += cfg->nanchors;
    ta->dn.data = dn.data;
    ta->dn.len = dn.len;
    ta->flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
    if (!copy_pkey(&ta->pkey, pk)) {
        free(dn.data);
        return TLS_ERR_NOMEM;
    }
    cfg->nanchors++;
    return 0;
}

int tls_config_load_anchors(struct tls_config *cfg, const char *path)
{
    struct tls_der *objs;
    size_t count, added = 0;
    int r;

    if (!cfg || !path)
        return TLS_ERR_INVALID;
    if (cfg->role != TLS_CLIENT)
        return tls_config_fail(cfg, TLS_ERR_INVALID,
                               "trust anchors belong to a client "
                               "configuration");
    r = tls_pem_read(cfg, path, &objs, &count);
    if (r)
        return r;
    for (size_t i = 0; i < count && r == 0; i++) {
        if (strcmp(objs[i].label, "CERTIFICATE") != 0 &&
            strcmp(objs[i].label, "TRUSTED CERTIFICATE") != 0)
            continue;
        r = add_anchor(cfg, path, i, &objs[i]);
        added += r == 0;
    }
    tls_pem_free(objs, count);
    if (r == TLS_ERR_NOMEM)
        return tls_config_fail(cfg, r, "%s: out of memory", path);
    if (r == 0 && added == 0)
        r = tls_config_fail(cfg, TLS_ERR_PEM, "%s: no CERTIFICATE in it", path);
    return r;
}
