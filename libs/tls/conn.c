// A connection: BearSSL's server or client engine set up from a
// configuration, over the caller's socket fd.
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void setup_server(struct tls_conn *c)
{
    const struct tls_keypair *kp = &c->cfg->keypairs[0];
    br_ssl_server_context *sc = &c->u.s.sc;

    // suites and algorithms for the configuration's key type; which
    // keypair is served is the SNI policy's choice, per handshake
    if (kp->key_type == BR_KEYTYPE_RSA)
        br_ssl_server_init_full_rsa(sc, kp->chain, kp->chain_len, &kp->rsa);
    else
        br_ssl_server_init_full_ec(sc, kp->chain, kp->chain_len,
                                   (unsigned)kp->issuer_type, &kp->ec);
    tls_sni_policy_init(&c->u.s.sni, sc, c->cfg);
    c->eng = &sc->eng;
}

static void setup_client(struct tls_conn *c)
{
    const struct tls_config *cfg = c->cfg;
    br_ssl_client_context *cc = &c->u.c.cc;

    br_ssl_client_init_full(cc, &c->u.c.xc, cfg->anchors, cfg->nanchors);
    tls_clock_set(&c->u.c.xc);
    tls_chain_probe_init(&c->u.c.probe, &c->u.c.xc.vtable);
    br_ssl_engine_set_x509(&cc->eng, &c->u.c.probe.vtable);
    c->eng = &cc->eng;
}

int tls_conn_new(struct tls_conn **cp, const struct tls_config *cfg, int fd,
                 const char *server_name)
{
    struct tls_conn *c;
    bool ok;

    if (!cp || !cfg || fd < 0)
        return TLS_ERR_INVALID;
    if (cfg->role == TLS_SERVER ? !cfg->nkeypairs || server_name
                                : cfg->nanchors == 0)
        return TLS_ERR_INVALID;
    c = calloc(1, sizeof *c);
    if (!c)
        return TLS_ERR_NOMEM;
    c->cfg = cfg;
    c->fd = fd;
    if (cfg->role == TLS_SERVER)
        setup_server(c);
    else
        setup_client(c);
    br_ssl_engine_set_versions(c->eng, cfg->min_version, BR_TLS12);
    br_ssl_engine_set_buffer(c->eng, c->iobuf, sizeof c->iobuf, 1);
    // renegotiation only adds attack surface for a tunnel or a client
    br_ssl_engine_add_flags(c->eng, BR_OPT_NO_RENEGOTIATION);
    if (cfg->nalpn) {
        // BearSSL keeps the array and never writes through it
        br_ssl_engine_set_protocol_names(c->eng, (const char **)cfg->alpn,
                                         cfg->nalpn);
        br_ssl_engine_add_flags(c->eng, BR_OPT_FAIL_ON_ALPN_MISMATCH);
    }
    if (tls_seed(c) != 0) {
        int r = c->error;

        free(c);
        return r;
    }
    ok = cfg->role == TLS_SERVER
             ? br_ssl_server_reset(&c->u.s.sc)
             : br_ssl_client_reset(&c->u.c.cc, server_name, 0);
    if (!ok) {
        int r = tls_fail_engine(c);

        free(c);
        return r == TLS_ERR_CLOSED ? TLS_ERR_INTERNAL : r;
    }
    *cp = c;
    return 0;
}

void tls_conn_free(struct tls_conn *c)
{
    if (!c)
        return;
    memset(c, 0, sizeof *c); // session keys
    free(c);
}

const char *tls_conn_error(const struct tls_conn *c)
{
    return c ? c->message : "no connection";
}

short tls_conn_events(const struct tls_conn *c)
{
    unsigned st = br_ssl_engine_current_state(c->eng);

    if (c->error || (st & BR_SSL_CLOSED))
        return 0;
    if (st & BR_SSL_SENDREC)
        return POLLOUT;
    return st & BR_SSL_RECVREC ? POLLIN : 0;
}

size_t tls_conn_pending(const struct tls_conn *c)
{
    size_t len = 0;

    if (br_ssl_engine_current_state(c->eng) & BR_SSL_RECVAPP)
        br_ssl_engine_recvapp_buf(c->eng, &len);
    return len;
}

int tls_conn_version(const struct tls_conn *c)
{
    return (int)br_ssl_engine_get_version(c->eng);
}

const char *tls_conn_server_name(const struct tls_conn *c)
{
    const char *name = br_ssl_engine_get_server_name(c->eng);

    return name && *name ? name : NULL;
}

const char *tls_conn_alpn(const struct tls_conn *c)
{
    return br_ssl_engine_get_selected_protocol(c->eng);
}
