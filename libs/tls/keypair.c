// A server's keypairs: certificate chains and their RSA or EC private keys,
// from PEM files; the default one and those served for an SNI name.
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

// Copies the chain's certificates into kp and finds what signed the first.
static int load_chain(struct tls_config *cfg, struct tls_keypair *kp,
                      const char *path)
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
        if (kp->chain_len == TLS_MAX_CHAIN) {
            r = tls_config_fail(cfg, TLS_ERR_CERT,
                                "%s: more than %d certificates", path,
                                TLS_MAX_CHAIN);
            break;
        }
        kp->chain[kp->chain_len].data = objs[i].data;
        kp->chain[kp->chain_len++].data_len = objs[i].len;
        objs[i].data = NULL; // now the chain's
    }
    tls_pem_free(objs, count);
    if (r)
        return r;
    if (kp->chain_len == 0)
        return tls_config_fail(cfg, TLS_ERR_PEM, "%s: no CERTIFICATE in it",
                               path);
    br_x509_decoder_init(&dc, NULL, NULL);
    br_x509_decoder_push(&dc, kp->chain[0].data, kp->chain[0].data_len);
    if (br_x509_decoder_last_error(&dc))
        return tls_config_fail(cfg, TLS_ERR_CERT,
                               "%s: first certificate cannot be decoded "
                               "(BearSSL X.509 error %d)",
                               path, br_x509_decoder_last_error(&dc));
    kp->issuer_type = br_x509_decoder_get_signer_key_type(&dc);
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

static int load_key(struct tls_config *cfg, struct tls_keypair *kp,
                    const char *path)
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
    kp->key_type = br_skey_decoder_key_type(&kc);
    if (kp->key_type == BR_KEYTYPE_RSA) {
        kp->rsa = *br_skey_decoder_get_rsa(&kc);
        br_rsa_private_key *k = &kp->rsa;
        unsigned char **ptrs[] = {&k->p, &k->q, &k->dp, &k->dq, &k->iq};
        size_t lens[] = {k->plen, k->qlen, k->dplen, k->dqlen, k->iqlen};

        kp->key_bytes = pack(ptrs, lens, 5);
    } else {
        kp->ec = *br_skey_decoder_get_ec(&kc);
        unsigned char **ptrs[] = {&kp->ec.x};
        size_t lens[] = {kp->ec.xlen};

        kp->key_bytes = pack(ptrs, lens, 1);
    }
    memset(&kc, 0, sizeof kc); // the key's copy in the decoder
    if (!kp->key_bytes) {
        kp->key_type = 0;
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
static int check_pair(struct tls_config *cfg, const struct tls_keypair *kp,
                      const char *cert_path, const char *key_path)
{
    br_x509_decoder_context dc;
    const br_x509_pkey *pk;
    bool same;

    br_x509_decoder_init(&dc, NULL, NULL);
    br_x509_decoder_push(&dc, kp->chain[0].data, kp->chain[0].data_len);
    pk = br_x509_decoder_get_pkey(&dc);
    if (!pk)
        return tls_config_fail(cfg, TLS_ERR_CERT,
                               "%s: no public key BearSSL can read", cert_path);
    if (pk->key_type != kp->key_type)
        return tls_config_fail(
            cfg, TLS_ERR_KEY, "%s holds an %s key, %s an %s public key",
            key_path, kp->key_type == BR_KEYTYPE_RSA ? "RSA" : "EC", cert_path,
            pk->key_type == BR_KEYTYPE_RSA ? "RSA" : "EC");
    if (kp->key_type == BR_KEYTYPE_RSA) {
        // n alone decides: the key's p and q factor the certificate's n
        // only if it is the same key (BearSSL cannot always recompute e)
        br_rsa_compute_modulus modulus = br_rsa_compute_modulus_get_default();
        unsigned char n[512]; // BearSSL handles RSA keys up to 4096 bits
        size_t nlen = modulus(NULL, &kp->rsa);

        same = nlen && nlen <= sizeof n && modulus(n, &kp->rsa) == nlen &&
               same_int(n, nlen, pk->key.rsa.n, pk->key.rsa.nlen);
    } else {
        unsigned char q[BR_EC_KBUF_PUB_MAX_SIZE];
        br_ec_public_key pub;

        same = kp->ec.curve == pk->key.ec.curve &&
               br_ec_compute_pub(br_ec_get_default(), &pub, q, &kp->ec) &&
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

void tls_keypair_free(struct tls_keypair *kp)
{
    for (size_t i = 0; i < kp->chain_len; i++)
        free(kp->chain[i].data);
    free(kp->key_bytes);
    free(kp->name);
    memset(kp, 0, sizeof *kp); // the key's copy
}

// Which keypair a new one's name would clash with, if any.
static const char *clash(const struct tls_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->nkeypairs; i++) {
        const char *other = cfg->keypairs[i].name;

        if (!name && !other)
            return "a default keypair is loaded already";
        if (name && other && strcasecmp(name, other) == 0)
            return "a keypair for this name is loaded already";
    }
    return NULL;
}

static int add_keypair(struct tls_config *cfg, const char *name,
                       const char *cert_path, const char *key_path)
{
    struct tls_keypair *kp;
    const char *problem;
    int r;

    if (!cfg || !cert_path || !key_path || (name && !*name))
        return TLS_ERR_INVALID;
    if (cfg->role != TLS_SERVER)
        return tls_config_fail(cfg, TLS_ERR_INVALID,
                               "a keypair belongs to a server configuration");
    if ((problem = clash(cfg, name)))
        return tls_config_fail(cfg, TLS_ERR_INVALID, "%s%s%s", problem,
                               name ? ": " : "", name ? name : "");
    if (cfg->nkeypairs == TLS_MAX_KEYPAIRS)
        return tls_config_fail(cfg, TLS_ERR_INVALID, "more than %d keypairs",
                               TLS_MAX_KEYPAIRS);
    kp = &cfg->keypairs[cfg->nkeypairs];
    r = load_chain(cfg, kp, cert_path);
    if (r == 0)
        r = load_key(cfg, kp, key_path);
    if (r == 0)
        r = check_pair(cfg, kp, cert_path, key_path);
    // BearSSL's server suites are set for one key type per context
    if (r == 0 && cfg->nkeypairs && kp->key_type != cfg->keypairs[0].key_type)
        r = tls_config_fail(cfg, TLS_ERR_KEY,
                            "%s: an %s key, but this configuration's "
                            "keypairs are %s: one key type per configuration",
                            key_path,
                            kp->key_type == BR_KEYTYPE_RSA ? "RSA" : "EC",
                            kp->key_type == BR_KEYTYPE_RSA ? "EC" : "RSA");
    if (r == 0 && name && !(kp->name = strdup(name)))
        r = tls_config_fail(cfg, TLS_ERR_NOMEM, "out of memory");
    if (r) {
        tls_keypair_free(kp);
        return r;
    }
    cfg->nkeypairs++;
    return 0;
}

int tls_config_load_keypair(struct tls_config *cfg, const char *cert_path,
                            const char *key_path)
{
    return add_keypair(cfg, NULL, cert_path, key_path);
}

int tls_config_load_keypair_for(struct tls_config *cfg, const char *name,
                                const char *cert_path, const char *key_path)
{
    if (!name)
        return TLS_ERR_INVALID;
    return add_keypair(cfg, name, cert_path, key_path);
}
