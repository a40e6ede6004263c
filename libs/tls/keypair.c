// A server's keypair: the certificate chain and the RSA or EC private key,
// from PEM files.
#include <stdlib.h>
#include <string.h>

#include "internal.h"

// Copies the chain's certificates into cfg and finds what signed the first.
static int load_chain(struct tls_config *cfg, const char *path)
{
    struct tls_der *objs;
    size_t count;
    int r = tls_pem_read(cfg, path, &objs, &count);
    br_x509_decoder_context dc;

    if (r)
        return r;
    for (size_t i = 0; i < count && r == 0; i++) {
        if (strcmp(objs[i].label, "CERTIFICATE") != 0)
            continue;
        if (cfg->chain_len == TLS_MAX_CHAIN) {
            r = tls_config_fail(cfg, TLS_ERR_CERT,
                                "%s: more than %d certificates", path,
                                TLS_MAX_CHAIN);
            break;
        }
        cfg->chain[cfg->chain_len].data = objs[i].data;
        cfg->chain[cfg->chain_len++].data_len = objs[i].len;
        objs[i].data = NULL; // now the chain's
    }
    tls_pem_free(objs, count);
    if (r)
        return r;
    if (cfg->chain_len == 0)
        return tls_config_fail(cfg, TLS_ERR_PEM, "%s: no CERTIFICATE in it",
                               path);
    br_x509_decoder_init(&dc, NULL, NULL);
    br_x509_decoder_push(&dc, cfg->chain[0].data, cfg->chain[0].data_len);
    if (br_x509_decoder_last_error(&dc))
        return tls_config_fail(cfg, TLS_ERR_CERT,
                               "%s: first certificate cannot be decoded "
                               "(BearSSL X.509 error %d)",
                               path, br_x509_decoder_last_error(&dc));
    cfg->issuer_type = br_x509_decoder_get_signer_key_type(&dc);
    return 0;
}

// Copies n byte strings into one block; each pointer then points into it.
static unsigned char *pack(unsigned char **ptrs[], const size_t lens[], int n)
{
    size_t total = 0;
    unsigned char *block, *at;

    for (int i = 0; i < n; i++)
        total += lens[i];
    block = at = malloc(total ? total : 1);
    if (!block)
        return NULL;
    for (int i = 0; i < n; i++) {
        memcpy(at, *ptrs[i], lens[i]);
        *ptrs[i] = at;
        at += lens[i];
    }
    return block;
}

static int load_key(struct tls_config *cfg, const char *path)
{
    struct tls_der *objs;
    size_t count, i;
    br_skey_decoder_context kc;
    int r = tls_pem_read(cfg, path, &objs, &count);

    if (r)
        return r;
    for (i = 0; i < count; i++)
        if (strstr(objs[i].label, "PRIVATE KEY"))
            break;
    if (i == count) {
        tls_pem_free(objs, count);
        return tls_config_fail(cfg, TLS_ERR_PEM,
                               "%s: no PRIVATE KEY in it (encrypted keys "
                               "are not supported)",
                               path);
    }
    br_skey_decoder_init(&kc);
    br_skey_decoder_push(&kc, objs[i].data, objs[i].len);
    tls_pem_free(objs, count);
    if (br_skey_decoder_last_error(&kc))
        return tls_config_fail(cfg, TLS_ERR_KEY,
                               "%s: not an RSA or EC private key BearSSL can "
                               "use (error %d)",
                               path, br_skey_decoder_last_error(&kc));
    cfg->key_type = br_skey_decoder_key_type(&kc);
    if (cfg->key_type == BR_KEYTYPE_RSA) {
        cfg->rsa = *br_skey_decoder_get_rsa(&kc);
        br_rsa_private_key *k = &cfg->rsa;
        unsigned char **ptrs[] = {&k->p, &k->q, &k->dp, &k->dq, &k->iq};
        size_t lens[] = {k->plen, k->qlen, k->dplen, k->dqlen, k->iqlen};

        cfg->key_bytes = pack(ptrs, lens, 5);
    } else {
        cfg->ec = *br_skey_decoder_get_ec(&kc);
        unsigned char **ptrs[] = {&cfg->ec.x};
        size_t lens[] = {cfg->ec.xlen};

        cfg->key_bytes = pack(ptrs, lens, 1);
    }
    memset(&kc, 0, sizeof kc); // the key's copy in the decoder
    if (!cfg->key_bytes) {
        cfg->key_type = 0;
        return tls_config_fail(cfg, TLS_ERR_NOMEM, "%s: out of memory", path);
    }
    return 0;
}

// Big-endian integers compare equal whatever their leading zero bytes.
static bool same_int(const unsigned char *a, size_t alen,
                     const unsigned char *b, size_t blen)
{
    while (alen && !*a)
        a++, alen--;
    while (blen && !*b)
        b++, blen--;
    return alen == blen && memcmp(a, b, alen) == 0;
}

// Does the loaded private key belong to the first certificate? Its public
// half is recomputed (RSA: n = pq; EC: Q = xG) and compared with the
// certificate's key.
static int check_pair(struct tls_config *cfg, const char *cert_path,
                      const char *key_path)
{
    br_x509_decoder_context dc;
    const br_x509_pkey *pk;
    bool same;

    br_x509_decoder_init(&dc, NULL, NULL);
    br_x509_decoder_push(&dc, cfg->chain[0].data, cfg->chain[0].data_len);
    pk = br_x509_decoder_get_pkey(&dc);
    if (!pk)
        return tls_config_fail(cfg, TLS_ERR_CERT,
                               "%s: no public key BearSSL can read", cert_path);
    if (pk->key_type != cfg->key_type)
        return tls_config_fail(
            cfg, TLS_ERR_KEY, "%s holds an %s key, %s an %s public key",
            key_path, cfg->key_type == BR_KEYTYPE_RSA ? "RSA" : "EC", cert_path,
            pk->key_type == BR_KEYTYPE_RSA ? "RSA" : "EC");
    if (cfg->key_type == BR_KEYTYPE_RSA) {
        // n alone decides: the key's p and q factor the certificate's n
        // only if it is the same key (BearSSL cannot always recompute e)
        br_rsa_compute_modulus modulus = br_rsa_compute_modulus_get_default();
        unsigned char n[512]; // BearSSL handles RSA keys up to 4096 bits
        size_t nlen = modulus(NULL, &cfg->rsa);

        same = nlen && nlen <= sizeof n && modulus(n, &cfg->rsa) == nlen &&
               same_int(n, nlen, pk->key.rsa.n, pk->key.rsa.nlen);
    } else {
        unsigned char q[BR_EC_KBUF_PUB_MAX_SIZE];
        br_ec_public_key pub;

        same = cfg->ec.curve == pk->key.ec.curve &&
               br_ec_compute_pub(br_ec_get_default(), &pub, q, &cfg->ec) &&
               pub.qlen == pk->key.ec.qlen &&
               memcmp(pub.q, pk->key.ec.q, pub.qlen) == 0;
    }
    if (!same)
        return tls_config_fail(cfg, TLS_ERR_KEY,
                               "%s is not the private key of %s (their "
                               "public keys differ)",
                               key_path, cert_path);
    return 0;
}

int tls_config_load_keypair(struct tls_config *cfg, const char *cert_path,
                            const char *key_path)
{
    int r;

    if (!cfg || !cert_path || !key_path)
        return TLS_ERR_INVALID;
    if (cfg->role != TLS_SERVER || cfg->key_type)
        return tls_config_fail(cfg, TLS_ERR_INVALID,
                               "a keypair belongs to a server configuration, "
                               "once");
    r = load_chain(cfg, cert_path);
    if (r == 0)
        r = load_key(cfg, key_path);
    if (r == 0)
        r = check_pair(cfg, cert_path, key_path);
    if (r) {
        free(cfg->key_bytes);
        cfg->key_bytes = NULL;
        cfg->key_type = 0;
        for (size_t i = 0; i < cfg->chain_len; i++)
            free(cfg->chain[i].data);
        cfg->chain_len = 0;
    }
    return r;
}
