// libs/tls internals: the structures behind tls.h and the map of its files.
#ifndef UKCC_TLS_INTERNAL_H
#define UKCC_TLS_INTERNAL_H

#include <stdbool.h>

#include <bearssl.h>

#include "ukcc/tls.h"

#define TLS_MAX_CHAIN    8   // certificates in a server's chain
#define TLS_MAX_KEYPAIRS 8   // a server's keypairs: the default and named ones
#define TLS_MAX_ALPN     8   // ALPN protocol names
#define TLS_MSG_LEN      512 // room for two file paths and a sentence

// A certificate chain and its private key, served to clients whose SNI
// names name (ASCII case ignored); NULL: the default, for other names or
// none.
struct tls_keypair {
    char *name;
    br_x509_certificate chain[TLS_MAX_CHAIN];
    size_t chain_len;
    int key_type;    // BR_KEYTYPE_RSA or BR_KEYTYPE_EC
    int issuer_type; // key type of the end-entity certificate's signer
    br_rsa_private_key rsa;
    br_ec_private_key ec;
    unsigned char *key_bytes; // owns the key's integers
};

struct tls_config {
    enum tls_role role;
    unsigned min_version;
    char error[TLS_MSG_LEN];
    // server: all keypairs have one key type (BearSSL's suites per type)
    struct tls_keypair keypairs[TLS_MAX_KEYPAIRS];
    size_t nkeypairs;
    char *server_name;
    // client
    br_x509_trust_anchor *anchors;
    size_t nanchors;
    // both
    const char *alpn[TLS_MAX_ALPN];
    size_t nalpn;
};

// Watches the certificate chain a server sends, on its way to BearSSL's
// validator, to tell a self-signed certificate from an unknown issuer.
struct tls_chain_probe {
    const br_x509_class *vtable;
    const br_x509_class **inner;
    unsigned ncerts;
    size_t len;     // bytes of the first certificate kept
    bool truncated; // it did not fit
    unsigned char first[8192];
};

// Picks the keypair for the client's SNI, or refuses the name, before
// BearSSL's own policy for that keypair picks the suite.
enum tls_sni_refusal { SNI_SERVED, SNI_NOT_SERVER_NAME, SNI_NO_KEYPAIR };
struct tls_sni_policy {
    const br_ssl_server_policy_class *vtable;
    const br_ssl_server_policy_class **inner; // the chosen keypair's
    const struct tls_config *cfg;
    br_ssl_server_context *sc;
    enum tls_sni_refusal refused;
};

struct tls_conn {
    const struct tls_config *cfg;
    int fd;
    int error; // sticky TLS_ERR_*, 0 while healthy
    char message[TLS_MSG_LEN];
    br_ssl_engine_context *eng;
    union {
        struct {
            br_ssl_server_context sc;
            struct tls_sni_policy sni;
        } s;
        struct {
            br_ssl_client_context cc;
            br_x509_minimal_context xc;
            struct tls_chain_probe probe;
        } c;
    } u;
    unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
};

// error.c: BearSSL's codes as ours, with a sentence
int tls_fail(struct tls_conn *c, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int tls_fail_engine(struct tls_conn *c);
int tls_config_fail(struct tls_config *cfg, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

// entropy.c: seeds a connection's DRBG from getrandom(); checks that the
// source gives bytes at all (0 or TLS_ERR_ENTROPY)
int tls_seed(struct tls_conn *c);
int tls_entropy_check(void);

// pem.c: PEM files as a list of DER objects
struct tls_der {
    char label[32];
    unsigned char *data;
    size_t len;
};
int tls_pem_read(struct tls_config *cfg, const char *path,
                 struct tls_der **objs, size_t *count);
void tls_pem_free(struct tls_der *objs, size_t count);

// chain_probe.c
void tls_chain_probe_init(struct tls_chain_probe *p,
                          const br_x509_class **inner);
bool tls_chain_probe_self_signed(const struct tls_chain_probe *p);

// keypair.c: frees what a keypair owns and wipes its key
void tls_keypair_free(struct tls_keypair *kp);

// sni_policy.c: installs the policy on a server context whose suites
// and algorithms br_ssl_server_init_full_* have set
void tls_sni_policy_init(struct tls_sni_policy *p, br_ssl_server_context *sc,
                         const struct tls_config *cfg);

// clock.c: time() as BearSSL's days and seconds
void tls_clock_set(br_x509_minimal_context *xc);

#endif
